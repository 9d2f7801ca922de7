"""Rules benchmark: time of ``check_plan`` (matching + every rule) on the real corpus pairs.

Plans are loaded once outside the timing: this measures the rules stage only.
Figures: best-of-5 and first-run wall time per pair, findings by code, match rows by method.
"""

from __future__ import annotations

import time
from collections import Counter

from extract import load_plan
from extract.resources import corpus_dir
from rules import check_plan

PAIRS = (
    ("dang-uy-phuong-48-KH-DU-de-an-13.txt", "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"),
    ("ban-dan-toc-quang-ngai-de-an-13.txt", "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"),
    ("ubnd-hong-linh-dan-van-chinh-quyen-2023.txt", None),
)
REPEATS = 5


def run() -> dict[str, object]:
    """Time each pair; print and return the figures."""
    plans = corpus_dir() / "plans"
    figures: dict[str, object] = {}
    for child_name, parent_name in PAIRS:
        child = load_plan(plans / child_name)
        parent = load_plan(plans / parent_name) if parent_name is not None else None
        start = time.perf_counter()
        result = check_plan(child, parent)
        first = time.perf_counter() - start
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            check_plan(child, parent)
            times.append(time.perf_counter() - start)
        entry = {
            "first_run_ms": round(first * 1000, 1),
            "best_ms": round(min(times) * 1000, 1),
            "findings": dict(sorted(Counter(f.code for f in result.findings).items())),
            "matches": dict(sorted(Counter(m.method for m in result.matches).items())),
        }
        print(f"{child_name} vs {parent_name}: {entry}")
        figures[child_name] = entry
    return figures
