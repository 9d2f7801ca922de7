"""Issue 20: the same generated plans audited by the local pool and by a 2-worker Dask cluster.

Each audit runs as its own ``plancheck audit`` process (``perf_bench._audit``): plans per
second of wall time, plans per CPU second over the process and every worker it reaped
(Dask's nannies and workers included), and the coordinating process's share of the CPU
(with Dask it also runs the scheduler). ``PLANCHECK_DASK_PLANS`` sets the batch size
(default 1,000, as the issue asks). Skipped when Dask is not installed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from tests.benchmarks.perf_bench import _audit
from tests.benchmarks.synth import generate_corpus

PLANS = int(os.environ.get("PLANCHECK_DASK_PLANS", "1000"))
ENGINES = {"local": ("-j", "2"), "dask": ("--engine", "dask", "-j", "2")}


def run() -> dict[str, Any]:
    if find_spec("distributed") is None:
        print("dask[distributed] not installed (pip install '.[dask]'): skipped")
        return {"skipped": "dask not installed"}
    figures: dict[str, Any] = {"plans": PLANS}
    with tempfile.TemporaryDirectory(prefix="plancheck-dask-bench-") as name:
        folder = Path(name)
        corpus = folder / "plans"
        generate_corpus(corpus, PLANS)
        for engine, options in ENGINES.items():
            out = folder / engine
            figures[engine] = _audit(corpus, out, PLANS, *options)
            shutil.rmtree(out, ignore_errors=True)
    for engine in ENGINES:
        row = figures[engine]
        print(
            f"{engine:5} {PLANS} plans: {row['plans_per_s']:.1f} plans/s wall, "
            f"{row['plans_per_cpu_s']:.1f} plans per CPU second, coordinator "
            f"{100 * row['coordinator_share']:.1f}% of CPU, load {row['load_average']:.1f}"
        )
    return figures
