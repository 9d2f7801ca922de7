"""Run every benchmark module ``tests/benchmarks/*_bench.py``.

Each module defines ``run() -> dict`` returning its figures (JSON-serialisable)
and prints its own human-readable lines. The figures of all modules are written
to ``tests/benchmarks/results/latest.json``. Pass module names to run a subset:
``python -m tests.benchmarks repair extract``.
"""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def main(selected: list[str]) -> int:
    """Run the selected benchmarks (all when none is named); return an exit code."""
    names = sorted(path.stem.removesuffix("_bench") for path in HERE.glob("*_bench.py"))
    if selected:
        unknown = set(selected) - set(names)
        if unknown:
            print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; have: {', '.join(names)}")
            return 2
        names = [name for name in names if name in selected]
    figures: dict[str, object] = {
        "machine": {"python": platform.python_version(), "cpu_count": _cpus()},
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        module = importlib.import_module(f"tests.benchmarks.{name}_bench")
        figures[name] = module.run()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "latest.json"
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"\nfigures written to {out}")
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
