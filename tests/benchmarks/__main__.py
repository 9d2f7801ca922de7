"""Run every benchmark module ``tests/benchmarks/*_bench.py``.

Each module defines ``run() -> dict`` returning its figures (JSON-serialisable)
and prints its own human-readable lines. The figures of all modules are written
to ``tests/benchmarks/results/latest.json``. Pass module names to run a subset:
``python -m tests.benchmarks repair extract``. ``--split dev`` (or ``heldout``)
is handed to the benchmarks whose ``run`` takes a ``split`` (the real documents:
``python -m tests.benchmarks realdocs --split dev`` scores, and opens, only the
development part); it is an error when a selected one does not take it.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def main(arguments: list[str]) -> int:
    """Run the selected benchmarks (all when none is named); return an exit code."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks")
    parser.add_argument("names", nargs="*", help="benchmarks to run (all when none)")
    parser.add_argument("--split", choices=("dev", "heldout"), help="only this part of the data")
    options = parser.parse_args(arguments)
    selected: list[str] = options.names
    names = sorted(path.stem.removesuffix("_bench") for path in HERE.glob("*_bench.py"))
    if selected:
        unknown = set(selected) - set(names)
        if unknown:
            print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; have: {', '.join(names)}")
            return 2
        names = [name for name in names if name in selected]
    keywords: dict[str, object] = {}
    if options.split is not None:
        keywords["split"] = options.split
        unsplit = [name for name in names if not _takes(_module(name).run, "split")]
        if unsplit:
            print(f"--split: these benchmarks have no split: {', '.join(unsplit)}")
            return 2
    figures: dict[str, object] = {
        "machine": {"python": platform.python_version(), "cpu_count": _cpus()},
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        figures[name] = _module(name).run(**keywords)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "latest.json"
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"\nfigures written to {out}")
    return 0


def _module(name: str) -> Any:
    return importlib.import_module(f"tests.benchmarks.{name}_bench")


def _takes(function: object, parameter: str) -> bool:
    return callable(function) and parameter in inspect.signature(function).parameters


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
