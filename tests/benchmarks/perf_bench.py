"""Issue 18's figures (all but the web ones), each printed next to its target.

Every figure is CPU time (user + system) of whole processes, read from the
kernel's accounting of each finished child (``os.wait4``), so that other work
on a shared machine slows the wall clock but not the figure; the load average
is printed beside the figures. Ratios are measured in the same run, round by
round, and reported as medians.

* Cold ``check`` of a PDF plan against the town plan, the parent already in the
  cache and with an empty cache, over a process that only opens the same PDF
  with pdfplumber and calls ``extract_text`` on every page.
* Cold ``check`` of a .txt plan (parent cached); ``plancheck --help``.
* Repair of the town plan (font damage, 802 lines) in a fresh process, one
  core, the repair model loaded from its disk cache (``model_cache``, as every
  run after the first) and, beside it, built in the process; repair of a clean
  plan beside the detection alone (these two, tens of milliseconds, as the process
  counts its own CPU around the call: a whole process varies more than that).
* Batch audit of generated corpora (``synth.py``) with every core: plans per
  second of wall time and of CPU time, the coordinating process's share of all
  CPU, peak memory of the process tree (PSS), CPU per plan at each size.

Set PLANCHECK_PERF_SIZES="100,300" for smaller corpora (default 100,300,1000)
and PLANCHECK_PERF_ROUNDS for rounds of the cold figures (default 5).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from extract.repair import model_cache
from tests.benchmarks.scale_bench import _PeakMemory
from tests.benchmarks.synth import generate_corpus
from tests.conftest import PLANS
from tests.render import corpus_lines, render_pdf

PARENT = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
CHILD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
OTHER_CHILD = PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt"
SIZES = tuple(int(n) for n in os.environ.get("PLANCHECK_PERF_SIZES", "100,300,1000").split(","))
ROUNDS = int(os.environ.get("PLANCHECK_PERF_ROUNDS", "5"))

# Issue 18's targets.
TARGETS = {
    "pdf_check_cached_over_pdfplumber": 1.0,
    "pdf_check_empty_over_pdfplumber": 2.0,
    "txt_check_cpu_s": 0.4,
    "help_cpu_s": 0.15,
    "garbled_repair_cpu_s": 0.5,
    "audit_plans_per_s": 25.0,
    "coordinator_share": 0.15,
    "audit_peak_pss_mb": 500.0,
    # Linear: CPU per plan at the largest size within 20% of that at the smallest.
    "per_plan_growth": 1.2,
}

# Runs one audit in this interpreter and prints its own CPU and its workers' CPU.
_AUDIT_SCRIPT = """
import json, resource, sys
sys.argv = ["plancheck", "audit", *sys.argv[1:]]
from app.cli import main
try:
    main()
except SystemExit:
    pass
own = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"own": own.ru_utime + own.ru_stime,
                  "workers": workers.ru_utime + workers.ru_stime}), file=sys.stderr)
"""

_PDFPLUMBER_SCRIPT = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
"""

_REPAIR_SCRIPT = """
import sys
from pathlib import Path
from extract.repair import repair_lines
from extract.repair.dropped import damaged_line_numbers
from extract.repair.model import default_inventory
import time
lines = Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()
started = time.process_time()
if sys.argv[1] == "detect":
    damaged_line_numbers(lines, default_inventory().is_valid)
elif sys.argv[1] == "repair":
    repair_lines(lines)
print(time.process_time() - started)
"""


def run() -> dict[str, Any]:
    """Measure every figure; print each next to its target; return them."""
    figures: dict[str, Any] = {"load_average": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        figures.update(_cold_checks(folder))
        figures.update(_repairs())
        figures.update(_audits(folder))
    figures["load_average_after"] = os.getloadavg()[0]
    _print(figures)
    return figures


def cpu_of(command: list[str], environment: dict[str, str] | None = None) -> float:
    """CPU seconds (user + system) of ``command`` and every process it waited for."""
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{command[:3]} failed with exit code {process.returncode}")
    return usage.ru_utime + usage.ru_stime


def _plancheck() -> str:
    return str(Path(sys.executable).with_name("plancheck"))


def _cold_checks(folder: Path) -> dict[str, Any]:
    pdf = render_pdf(corpus_lines(CHILD), folder / "ward-plan.pdf")
    rounds: dict[str, list[float]] = {
        key: [] for key in ("pdfplumber", "pdf_cached", "pdf_empty", "txt_cached", "help")
    }
    for number in range(ROUNDS):
        cached = _database(folder, f"cached-{number}")
        # The parent goes into the cache through a check of another plan against it.
        cpu_of(_check_command(OTHER_CHILD, folder), cached)
        saved = folder / f"cached-{number}.sqlite3"
        backup = folder / f"cached-{number}-copy.sqlite3"
        shutil.copyfile(saved, backup)
        rounds["pdfplumber"].append(cpu_of([sys.executable, "-c", _PDFPLUMBER_SCRIPT, str(pdf)]))
        rounds["pdf_cached"].append(cpu_of(_check_command(pdf, folder), cached))
        shutil.copyfile(backup, saved)
        rounds["txt_cached"].append(cpu_of(_check_command(CHILD, folder), cached))
        empty = _database(folder, f"empty-{number}")
        rounds["pdf_empty"].append(cpu_of(_check_command(pdf, folder), empty))
        rounds["help"].append(cpu_of([_plancheck(), "--help"]))
    alone = rounds["pdfplumber"]
    ratios_cached = [check / base for check, base in zip(rounds["pdf_cached"], alone, strict=True)]
    ratios_empty = [check / base for check, base in zip(rounds["pdf_empty"], alone, strict=True)]
    return {
        "pdfplumber_alone_cpu_s": statistics.median(rounds["pdfplumber"]),
        "pdf_check_cached_cpu_s": statistics.median(rounds["pdf_cached"]),
        "pdf_check_empty_cpu_s": statistics.median(rounds["pdf_empty"]),
        "pdf_check_cached_over_pdfplumber": statistics.median(ratios_cached),
        "pdf_check_empty_over_pdfplumber": statistics.median(ratios_empty),
        "txt_check_cpu_s": statistics.median(rounds["txt_cached"]),
        "help_cpu_s": statistics.median(rounds["help"]),
    }


def _check_command(child: Path, folder: Path) -> list[str]:
    out = folder / "check.json"
    return [_plancheck(), "check", str(child), "-a", str(PARENT), "-f", "json", "-o", str(out)]


def _database(folder: Path, name: str) -> dict[str, str]:
    return {**os.environ, "PLANCHECK_DATABASE_URL": f"sqlite:///{folder / name}.sqlite3"}


def _repairs() -> dict[str, Any]:
    """Repair CPU with the built model kept on disk (as after a first run) and without it."""
    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    with tempfile.TemporaryDirectory() as folder:
        kept = {**os.environ, model_cache.VARIABLE: folder}
        built = {**os.environ, model_cache.VARIABLE: "off"}

        def median_cpu(mode: str, path: Path, environment: dict[str, str]) -> float:
            command = [*one_core, sys.executable, "-c", _REPAIR_SCRIPT, mode, str(path)]
            return statistics.median(cpu_of(command, environment) for _ in range(ROUNDS))

        def median_inner(mode: str, path: Path) -> float:
            """CPU of the call alone, as the process reports it (imports left out)."""
            command = [*one_core, sys.executable, "-c", _REPAIR_SCRIPT, mode, str(path)]
            return statistics.median(
                float(subprocess.run(command, env=kept, capture_output=True, text=True,
                                     check=True).stdout)
                for _ in range(ROUNDS)
            )

        cpu_of([sys.executable, "-c", _REPAIR_SCRIPT, "repair", str(PARENT)], kept)  # writes it
        empty = median_cpu("read", CHILD, kept)  # imports and reading the file alone
        return {
            "garbled_repair_cpu_s": median_cpu("repair", PARENT, kept) - empty,
            "garbled_repair_model_built_cpu_s": median_cpu("repair", PARENT, built) - empty,
            # Tens of milliseconds: a whole process's CPU varies more than that at a high
            # load average, so these two are the process's own count around the call.
            "clean_repair_cpu_s": median_inner("repair", CHILD),
            "clean_detection_cpu_s": median_inner("detect", CHILD),
        }


def _audits(folder: Path) -> dict[str, Any]:
    runs = []
    for size in SIZES:
        corpus = folder / f"corpus-{size}"
        generate_corpus(corpus, size)
        runs.append({"plans": size, **_audit(corpus, folder / f"out-{size}", size)})
        shutil.rmtree(corpus)
        shutil.rmtree(folder / f"out-{size}", ignore_errors=True)
    first, last = runs[0], runs[-1]
    growth = (last["cpu_s"] / last["plans"]) / (first["cpu_s"] / first["plans"])
    return {
        "audits": runs,
        "per_plan_growth": growth,
        "audit_plans_per_s": last["plans_per_s"],
        "coordinator_share": last["coordinator_share"],
        "audit_peak_pss_mb": last["peak_pss_mb"],
    }


def _audit(corpus: Path, out: Path, size: int, *options: str) -> dict[str, Any]:
    """One ``plancheck audit`` in a child process: wall and CPU time, coordinator's share."""
    environment = _database(out.parent, f"audit-{size}-{out.name}")
    command = [sys.executable, "-c", _AUDIT_SCRIPT, str(corpus), "--out", str(out), *options]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = _PeakMemory(process.pid)
    peak.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak.stop()
    usage = json.loads(stderr.decode("utf-8", "replace").strip().splitlines()[-1])
    total = usage["own"] + usage["workers"]
    return {
        "wall_s": seconds,
        "cpu_s": total,
        "plans_per_s": size / seconds,
        "plans_per_cpu_s": size / total,
        "coordinator_share": usage["own"] / total,
        "peak_pss_mb": peak.peak_pss_bytes / 2**20,
        "load_average": os.getloadavg()[0],
    }


def _print(figures: dict[str, Any]) -> None:
    def line(label: str, key: str, unit: str = "", *, at_least: bool = False) -> None:
        value, target = figures[key], TARGETS[key]
        met = value >= target if at_least else value <= target
        sign = ">=" if at_least else "<="
        print(f"  {label}: {value:.3g}{unit} (target {sign} {target:g}{unit}): "
              f"{'met' if met else 'not met'}")

    print(f"load average {figures['load_average']:.1f} before, "
          f"{figures['load_average_after']:.1f} after (2 cores)")
    print(f"  pdfplumber alone: {figures['pdfplumber_alone_cpu_s']:.2f} s CPU; check, parent "
          f"cached: {figures['pdf_check_cached_cpu_s']:.2f} s; empty cache: "
          f"{figures['pdf_check_empty_cpu_s']:.2f} s")
    line("cold check of a PDF plan over pdfplumber, parent cached",
         "pdf_check_cached_over_pdfplumber", "x")
    line("cold check of a PDF plan over pdfplumber, empty cache",
         "pdf_check_empty_over_pdfplumber", "x")
    line("cold check of a .txt plan, CPU", "txt_check_cpu_s", " s")
    line("plancheck --help, CPU", "help_cpu_s", " s")
    line("repair of the town plan (font damage), one core, CPU", "garbled_repair_cpu_s", " s")
    print(f"  (the repair model loaded from its disk cache; built in the process instead: "
          f"{figures['garbled_repair_model_built_cpu_s']:.3f} s)")
    print(f"  repair of a clean plan: {figures['clean_repair_cpu_s']:.3f} s CPU in the process; "
          f"detection alone {figures['clean_detection_cpu_s']:.3f} s (target: nothing more)")
    for row in figures["audits"]:
        print(f"  audit of {row['plans']} plans, every core: {row['wall_s']:.1f} s wall, "
              f"{row['cpu_s']:.1f} s CPU ({1000 * row['cpu_s'] / row['plans']:.0f} ms a plan), "
              f"{row['plans_per_s']:.1f} plans/s, {row['plans_per_cpu_s']:.1f} plans per CPU s, "
              f"coordinator {100 * row['coordinator_share']:.1f}% of CPU, "
              f"PSS {row['peak_pss_mb']:.0f} MB, load {row['load_average']:.1f}")
    largest = figures["audits"][-1]["plans"]
    line(f"audit of {largest} plans, plans per second (wall)", "audit_plans_per_s", at_least=True)
    line(f"audit of {largest} plans, coordinating process's share of CPU", "coordinator_share")
    line(f"audit of {largest} plans, peak memory (PSS)", "audit_peak_pss_mb", " MB")
    line("CPU per plan, largest corpus over smallest", "per_plan_growth", "x")
