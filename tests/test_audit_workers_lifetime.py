"""An audit killed with SIGKILL leaves no pool worker behind (issue 22, item 9).

Real processes: ``plancheck audit --jobs 2`` on a folder of slow plans, killed
once its workers run; every worker must be gone within a few seconds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.large_inputs import GARBLED, long_text
from tests.processes import children, running

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def test_pool_workers_exit_when_the_audit_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "ke-hoach"
    folder.mkdir()
    for number in range(6):  # each some seconds of repair: the pool is busy when killed
        (folder / f"ke-hoach-{number}.txt").write_bytes(
            long_text(2_000, plan=GARBLED) + f"\n{number}".encode()
        )
    audit = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "audit", str(folder), "-o", str(tmp_path / "out"),
         "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and audit.poll() is None:
        time.sleep(0.2)
        workers = children(audit.pid)
    assert len(workers) >= 2, "the audit started no pool"
    audit.send_signal(signal.SIGKILL)
    audit.wait(30)
    deadline = time.monotonic() + 20
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if running(pid)]
    for pid in left:  # do not leave them to the next test either
        os.kill(pid, signal.SIGKILL)
    assert not left
