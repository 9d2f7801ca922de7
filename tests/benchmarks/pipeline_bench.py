"""Per-stage time of one check, on each corpus document in each format, and cold start.

Stages: load (the reader), repair (markup stripping and repair), extract
(parsing), rules (matching and rules against the parent), report (build and
render HTML). For PDFs the same run times pdfplumber's and pypdfium2's own
text extraction of the same file, so our overhead is a ratio, not an absolute.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extract import Limits, build_plan, read_bytes
from extract.loaders import read_document
from extract.markup import strip_markup
from extract.model import Plan, Source
from extract.parse import parse_plan
from extract.repair import repair_lines
from tests.conftest import PLANS
from tests.render import corpus_lines, render_docx, render_pdf

PARENT = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
CHILD_FOR_COLD_START = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
REPEATS = 5


def run() -> dict[str, Any]:
    """Time every stage on every corpus document in .txt, .docx and .pdf."""
    import reports
    import rules

    parent = _load(PARENT)
    figures: dict[str, Any] = {"documents": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(PLANS.glob("*")):
            for document in _formats(path, Path(tmp)):
                stages = _time_stages(document, parent, rules, reports)
                figures["documents"][document.name] = stages
                _print_row(document.name, stages)
    figures["cold_start"] = _cold_start()
    return figures


def _formats(path: Path, tmp: Path) -> list[Path]:
    lines = corpus_lines(path)
    return [
        path,
        render_docx(lines, tmp / f"{path.stem}.docx"),
        render_pdf(lines, tmp / f"{path.stem}.pdf"),
    ]


def _time_stages(path: Path, parent: Plan, rules: Any, reports: Any) -> dict[str, float]:
    data = read_bytes(path, Limits())
    document = read_document(path, data)
    source = Source(path=str(path), name=path.name, format=path.suffix.lstrip("."),
                    sha256="0" * 64, size=len(data))
    stripped = [strip_markup(line.raw) for line in document.lines]
    repaired, notes = repair_lines(stripped, fonts=[line.fonts for line in document.lines])
    lines = [line.model_copy(update={"text": text})
             for line, text in zip(document.lines, repaired, strict=True)]
    unparsed = Plan(source=source, lines=lines, repairs=notes)
    child = parse_plan(unparsed.model_copy(deep=True))
    result = rules.check_plan(child, parent)
    stages = {
        "load": _best(lambda: read_document(path, data)),
        "repair": _best(lambda: repair_lines([strip_markup(line.raw) for line in document.lines],
                                             fonts=[line.fonts for line in document.lines])),
        "extract": _best(lambda: parse_plan(unparsed.model_copy(deep=True))),
        "rules": _best(lambda: rules.check_plan(child, parent)),
        "report": _best(lambda: reports.render_html(reports.build_report(result, child, parent))),
    }
    stages["total"] = sum(stages.values())
    if path.suffix == ".pdf":
        stages["pdfplumber_alone"] = _best(lambda: _pdfplumber_text(path))
        stages["pypdfium2_alone"] = _best(lambda: _pypdfium2_text(path))
        # Target: everything we do costs at most 1.3x pdfplumber's own extraction.
        stages["total_over_pdfplumber"] = stages["total"] / stages["pdfplumber_alone"]
    return stages


def _best(action: Callable[[], object]) -> float:
    """Median of a few warm runs, in seconds (the first run warms caches)."""
    action()
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def _pypdfium2_text(path: Path) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for page in document:
            page.get_textpage().get_text_range()
    finally:
        document.close()


def _cold_start() -> dict[str, float]:
    plancheck = Path(sys.executable).with_name("plancheck")
    commands = {
        "help": [str(plancheck), "--help"],
        "check_one_plan": [str(plancheck), "check", str(CHILD_FOR_COLD_START),
                           "--against", str(PARENT), "--format", "json"],
    }
    figures = {}
    for name, command in commands.items():
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            timings.append(time.perf_counter() - started)
        figures[name] = statistics.median(timings)
        print(f"cold start {name:<16} {figures[name]:.3f} s (target < 1.5 s)")
    return figures


def _load(path: Path) -> Plan:
    data = read_bytes(path, Limits())
    document = read_document(path, data)
    source = Source(path=str(path), name=path.name, format=path.suffix.lstrip("."),
                    sha256="0" * 64, size=len(data))
    return build_plan(source, document.lines)


def _print_row(name: str, stages: dict[str, float]) -> None:
    cells = " ".join(f"{key}={value * 1000:.1f}ms" for key, value in stages.items()
                     if key != "total_over_pdfplumber")
    ratio = stages.get("total_over_pdfplumber")
    extra = f" total/pdfplumber={ratio:.2f} (target <= 1.30)" if ratio is not None else ""
    print(f"{name[:48]:<48} {cells}{extra}")
