"""Run every benchmark module ``tests/benchmarks/*_bench.py``.

Each module defines ``run() -> dict`` returning its figures (JSON-serialisable)
and prints its own human-readable lines. Pass module names to run a subset:
``python -m tests.benchmarks repair extract``. ``--split dev`` (or ``heldout``)
is handed to the benchmarks whose ``run`` takes a ``split`` (the real documents:
``python -m tests.benchmarks realdocs --split dev`` scores, and opens, only the
development part); it is an error when a selected one does not take it.

Each benchmark runs in a process of its own, stopped after ``--timeout`` seconds
(``PLANCHECK_BENCH_TIMEOUT``, default 2,400): a benchmark that hangs or fails is
reported as such and the others still run (a hang in one reader once stopped a
whole ``make bench``). The figures are merged into
``tests/benchmarks/results/latest.json`` under each benchmark's name, with when
and how each was run under ``runs``: running a subset replaces only its own
figures, so a partial run no longer erases the others. The exit code is 1 when
any benchmark failed or timed out.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DEFAULT_TIMEOUT = 2400.0


def main(arguments: list[str]) -> int:
    """Run the selected benchmarks (all when none is named); return an exit code."""
    options = _parser().parse_args(arguments)
    if options.figures_to is not None:
        return _run_here(options.names, options.split, Path(options.figures_to))
    names = _select(options.names)
    if names is None:
        return 2
    if options.split is not None:
        unsplit = [name for name in names if not _takes(_module(name).run, "split")]
        if unsplit:
            print(f"--split: these benchmarks have no split: {', '.join(unsplit)}")
            return 2
    return _run_all(names, options.split, options.timeout, RESULTS)


def _run_all(names: list[str], split: str | None, timeout: float, results: Path) -> int:
    """Run each benchmark in a child process; merge the figures into ``results/latest.json``."""
    figures = _previous_figures(results)
    figures["machine"] = {"python": platform.python_version(), "cpu_count": _cpus()}
    runs: dict[str, Any] = figures.setdefault("runs", {})
    failed = []
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        outcome, result, seconds = _run_child(name, split, timeout)
        runs[name] = {
            "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(time.time() - seconds)),
            "seconds": round(seconds, 1),
            "split": split,
            "outcome": outcome,
        }
        if outcome == "ok":
            figures[name] = result
        else:
            failed.append(f"{name} ({outcome})")
            print(f"benchmark {name}: {outcome}", flush=True)
    results.mkdir(exist_ok=True)
    out = results / "latest.json"
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"\nfigures written to {out}")
    if failed:
        print(f"not measured: {', '.join(failed)}")
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks")
    parser.add_argument("names", nargs="*", help="benchmarks to run (all when none)")
    parser.add_argument("--split", choices=("dev", "heldout"), help="only this part of the data")
    parser.add_argument(
        "--timeout",
        type=float,
        default=float(os.environ.get("PLANCHECK_BENCH_TIMEOUT", DEFAULT_TIMEOUT)),
        help="seconds before a benchmark is stopped (PLANCHECK_BENCH_TIMEOUT)",
    )
    # The child process's side: run the one named benchmark and write its figures here.
    parser.add_argument("--figures-to", help=argparse.SUPPRESS)
    return parser


def _select(selected: list[str]) -> list[str] | None:
    names = sorted(path.stem.removesuffix("_bench") for path in HERE.glob("*_bench.py"))
    if not selected:
        return names
    unknown = set(selected) - set(names)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; have: {', '.join(names)}")
        return None
    return [name for name in names if name in selected]


def _run_child(name: str, split: str | None, timeout: float) -> tuple[str, Any, float]:
    """Run one benchmark in its own process group; ("ok", figures) or (what went wrong, None)."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        figures_file = Path(folder) / "figures.json"
        command = [sys.executable, "-m", "tests.benchmarks", name]
        command += ["--figures-to", str(figures_file)]
        if split is not None:
            command += ["--split", split]
        start = time.monotonic()
        # A group of its own, so that a timeout also stops the processes the benchmark started.
        child = subprocess.Popen(command, start_new_session=True)
        try:
            status = child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            return f"timed out after {timeout:.0f} s", None, time.monotonic() - start
        seconds = time.monotonic() - start
        if status != 0 or not figures_file.exists():
            return f"failed (exit status {status})", None, seconds
        return "ok", json.loads(figures_file.read_text(encoding="utf-8")), seconds


def _run_here(names: list[str], split: str | None, figures_file: Path) -> int:
    if len(names) != 1:
        print("--figures-to takes exactly one benchmark")
        return 2
    run = _module(names[0]).run
    figures = run(split=split) if split is not None else run()
    figures_file.write_text(json.dumps(figures, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


def _previous_figures(results: Path) -> dict[str, Any]:
    """What the last runs wrote, so that a partial run keeps the other benchmarks' figures."""
    try:
        previous = json.loads((results / "latest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return previous if isinstance(previous, dict) else {}


def _module(name: str) -> Any:
    # A dotted name is a module path (the runner's own tests use a fixture module).
    return importlib.import_module(name if "." in name else f"tests.benchmarks.{name}_bench")


def _takes(function: object, parameter: str) -> bool:
    return callable(function) and parameter in inspect.signature(function).parameters


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
