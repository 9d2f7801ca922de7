"""Batch audit at scale: throughput, peak memory, linear growth, cached re-audit.

Generates synthetic corpora of 100, 300 and 1,000 plans (tests/benchmarks/synth.py),
then runs ``plancheck audit`` on each as a separate process, once with one job
and once with every core, sampling the resident memory of the whole process
tree. A second audit of the unchanged 1,000-plan corpus measures the cache.
Set PLANCHECK_BENCH_SIZES="100,300" to run a subset.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.synth import generate_corpus

SIZES = tuple(int(n) for n in os.environ.get("PLANCHECK_BENCH_SIZES", "100,300,1000").split(","))


def run() -> dict[str, Any]:
    """Audit synthetic corpora of growing size; return times, rates and memory."""
    cores = len(os.sched_getaffinity(0))
    figures: dict[str, Any] = {"cores": cores, "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            corpus = Path(tmp) / f"corpus-{size}"
            generate_corpus(corpus, size)
            for jobs in sorted({1, cores}):
                database = Path(tmp) / f"store-{size}-{jobs}.sqlite3"
                first = _audit(corpus, Path(tmp) / f"out-{size}-{jobs}", jobs, database)
                row = {"plans": size, "jobs": jobs, **first}
                if size == max(SIZES) and jobs == cores:
                    again = _audit(corpus, Path(tmp) / f"out-{size}-{jobs}-again", jobs, database)
                    row["reaudit_unchanged_seconds"] = again["seconds"]
                figures["runs"].append(row)
                _print(row)
    figures["per_plan_ms_all_cores"] = {
        row["plans"]: 1000 * row["seconds"] / row["plans"]
        for row in figures["runs"] if row["jobs"] == cores
    }
    print("per-plan cost with all cores (ms):",
          ", ".join(f"{n}: {ms:.1f}" for n, ms in figures["per_plan_ms_all_cores"].items()))
    return figures


def _audit(corpus: Path, out: Path, jobs: int, database: Path) -> dict[str, Any]:
    plancheck = Path(sys.executable).with_name("plancheck")
    environment = {**os.environ, "PLANCHECK_DATABASE_URL": f"sqlite:///{database}"}
    command = [str(plancheck), "audit", str(corpus), "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    peak = _PeakMemory(process.pid)
    peak.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak.stop()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"audit failed ({process.returncode}): {stderr.decode()[-2000:]}")
    plans = sum(1 for _ in corpus.iterdir())
    return {"seconds": seconds, "plans_per_second": plans / seconds,
            "peak_rss_mb": peak.peak_bytes / 2**20}


class _PeakMemory(threading.Thread):
    """Samples the summed RSS of a process and its descendants from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_bytes = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            self.peak_bytes = max(self.peak_bytes, _tree_rss(self.pid))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(entry.name), int(fields[1])
        children.setdefault(parent, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def _print(row: dict[str, Any]) -> None:
    line = (f"{row['plans']:>5} plans, {row['jobs']} job(s): {row['seconds']:.1f} s, "
            f"{row['plans_per_second']:.1f} plans/s, peak {row['peak_rss_mb']:.0f} MB")
    if "reaudit_unchanged_seconds" in row:
        line += f"; unchanged re-audit {row['reaudit_unchanged_seconds']:.1f} s (target < 10 s)"
    print(line, flush=True)
