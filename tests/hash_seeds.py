"""Run a few lines of Python under several hash seeds: for tests of run-to-run stability.

A set's order (and so anything built by iterating one) follows ``PYTHONHASHSEED``; a test
runs the same script in a child process under each seed and compares what they print.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SEEDS = ("0", "1", "2", "3")
ROOT = Path(__file__).resolve().parents[1]


def outputs_under_seeds(script: str) -> set[str]:
    """What ``script`` prints under each of ``SEEDS`` (one output when it is stable)."""
    return {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in SEEDS
    }
