"""Batch audit at scale: throughput, peak memory, linear growth, cached re-audit.

Generates synthetic corpora of 100, 300 and 1,000 plans (tests/benchmarks/synth.py),
then runs ``plancheck audit`` on each as a separate process, once with one job
and once with every core, sampling the memory of the whole process tree: the
sum of resident sizes (counts pages the forked workers share with the parent
once per process, so it overstates) and the sum of proportional set sizes (each
shared page split between its sharers: what the tree really occupies). For the
largest corpus, a second audit of the unchanged corpus measures the cache, and a
third after one plan was edited measures an incremental re-audit.
Set PLANCHECK_BENCH_SIZES="100,300" to run a subset.
"""

from __future__ import annotations

import os
import re
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
                    row["reaudit_unchanged_checked"] = again["checked"]
                    _edit_one_plan(corpus)
                    edited = _audit(corpus, Path(tmp) / f"out-{size}-{jobs}-edited", jobs, database)
                    row["reaudit_one_changed_seconds"] = edited["seconds"]
                    row["reaudit_one_changed_checked"] = edited["checked"]
                figures["runs"].append(row)
                _print(row)
    figures["per_plan_ms_all_cores"] = {
        row["plans"]: 1000 * row["seconds"] / row["plans"]
        for row in figures["runs"]
        if row["jobs"] == cores
    }
    print(
        "per-plan cost with all cores (ms):",
        ", ".join(f"{n}: {ms:.1f}" for n, ms in figures["per_plan_ms_all_cores"].items()),
    )
    return figures


def _audit(corpus: Path, out: Path, jobs: int, database: Path) -> dict[str, Any]:
    plancheck = Path(sys.executable).with_name("plancheck")
    environment = {**os.environ, "PLANCHECK_DATABASE_URL": f"sqlite:///{database}"}
    command = [str(plancheck), "audit", str(corpus), "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    peak = _PeakMemory(process.pid)
    peak.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak.stop()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"audit failed ({process.returncode}): {stderr.decode()[-2000:]}")
    plans = sum(1 for _ in corpus.iterdir())
    # The summary line ("... 1 checked, 999 from cache ...") goes to stderr.
    said = (stdout + stderr).decode("utf-8", "replace")
    checked = re.search(r"(\d+)\s+checked", said)
    return {
        "seconds": seconds,
        "plans_per_second": plans / seconds,
        "peak_rss_mb": peak.peak_bytes / 2**20,
        "peak_pss_mb": peak.peak_pss_bytes / 2**20,
        "checked": int(checked.group(1)) if checked else None,
    }


def _edit_one_plan(corpus: Path) -> None:
    """Change one figure of one plan, as a unit correcting its plan would."""
    plan = sorted(corpus.glob("synthetic-*"))[len(list(corpus.glob("synthetic-*"))) // 2]
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("%", " %", 1) if "%" in text else text + "\n", encoding="utf-8")


class _PeakMemory(threading.Thread):
    """Samples the summed RSS of a process and its descendants from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_bytes = 0
        self.peak_pss_bytes = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            pids = _tree(self.pid)
            self.peak_bytes = max(self.peak_bytes, sum(_rss(pid) for pid in pids))
            self.peak_pss_bytes = max(self.peak_pss_bytes, sum(_pss(pid) for pid in pids))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _rss(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[21]) * os.sysconf("SC_PAGE_SIZE")


def _pss(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else 0


def _print(row: dict[str, Any]) -> None:
    line = (
        f"{row['plans']:>5} plans, {row['jobs']} job(s): {row['seconds']:.1f} s, "
        f"{row['plans_per_second']:.1f} plans/s, peak RSS sum {row['peak_rss_mb']:.0f} MB, "
        f"PSS {row['peak_pss_mb']:.0f} MB"
    )
    if "reaudit_unchanged_seconds" in row:
        line += (
            f"; unchanged re-audit {row['reaudit_unchanged_seconds']:.1f} s "
            f"({row['reaudit_unchanged_checked']} checked; target < 10 s); one plan edited: "
            f"{row['reaudit_one_changed_seconds']:.1f} s "
            f"({row['reaudit_one_changed_checked']} checked)"
        )
    print(line, flush=True)
