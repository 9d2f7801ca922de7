"""OCR of scans laid out as real signed plans, through the whole pipeline (issue 16).

Development texts only: the openings of ``tests/realdocs/dev`` whose header
can be set back into two columns (``tests.realistic_scans.document_of``). They
trained neither the confusion model (``build_ocr_confusions`` reads corpus
plans) nor the language model (``extract.repair.build_data``: corpus plans and
legal codes), so the corrected figures are not flattered by having seen the
text; the held-out documents are never read here.

Each document is typed in the realistic layout and scanned in each ``KINDS``
way; the scan and the typed PDF (its text layer) both go through ``load_plan``.
Per kind it prints: words right as Tesseract read them (``Line.raw``) and after
correction (``Line.text``), against the words typed on the same page; header
fields (type, number, issuer, place, date, title, documents cited) and targets
(id, figures, deadline) of the scan equal to those of the typed PDF; processor
seconds per page of ``load_plan`` on the scan (rasterising, OCR, correction,
parsing; one thread).
"""

from __future__ import annotations

import os
import resource
import tempfile
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from extract import load_plan
from extract.model import Plan
from tests.benchmarks.ocr_pages import word_accuracy
from tests.benchmarks.realdocs_bench import HEADER_FIELDS, same_value
from tests.realdocs.gold import Entry, Gold, load_gold, load_manifest
from tests.realistic_scans import (
    Document,
    Kind,
    document_of,
    page_words,
    render,
    scan,
    scanned_pdf,
)

DEV = Path(__file__).resolve().parents[1] / "realdocs" / "dev"
DOCUMENTS = 8
KINDS = (
    Kind("thẳng 200 dpi", dpi=200),
    Kind("150 dpi", dpi=150),
    Kind("300 dpi", dpi=300),
    Kind("nghiêng 0,5–3°", skews=(0.5, 1.5, 3.0)),
    Kind("xoay 90°/180°", turns=(90, 180)),
    Kind("dấu đỏ, chữ ký", seal=True),
    Kind("thân hai cột", two_columns=True),
)
# Read again with the other skew setting (``ocr_engine.DESKEW_ABOVE``), side by side.
DESKEW_KINDS = (KINDS[0], KINDS[3], KINDS[4])
DESKEW_TRIED = 0.5
FIELDS = ("doc_type", "number", "issuer", "place", "issue_date", "title")


def development_documents(limit: int = DOCUMENTS) -> list[Document]:
    """The first ``limit`` development texts whose header is found, by name."""
    found = [document_of(path) for path in sorted(DEV.glob("*.txt"))]
    return [document for document in found if document is not None][:limit]


def run(
    kinds: tuple[Kind, ...] = KINDS,
    limit: int = DOCUMENTS,
    deskew_kinds: tuple[Kind, ...] = DESKEW_KINDS,
) -> dict[str, Any]:
    """Print and return the figures of each kind."""
    documents = development_documents(limit)
    typed: dict[tuple[str, bool], tuple[bytes, Plan]] = {}
    print(f"{len(documents)} văn bản phát triển (tests/realdocs/dev), bố cục như bản ký thật")
    print(
        f"{'kiểu':<17}{'trang':>6}{'từ':>6}{'Tesseract':>11}{'sau sửa':>9}"
        f"{'= PDF gõ':>9}{'đúng gold':>11}{'chỉ tiêu':>10}{'CPU s/trang':>13}"
    )
    figures: dict[str, Any] = {"documents": [document.name for document in documents]}
    with tempfile.TemporaryDirectory() as folder:
        for kind in kinds:
            row = _kind(documents, kind, typed, Path(folder))
            figures[kind.name] = row
            print(
                f"{kind.name:<17}{row['pages']:>6}{row['words']:>6}{row['tesseract']:>11.2%}"
                f"{row['corrected']:>9.2%}{row['fields']:>9.1%}"
                f"{row['header_right_scan']:>6}/{row['header_stated']:<4}"
                f"{row['targets_same']:>5}/{row['targets_documents']:<4}"
                f"{row['cpu_seconds_per_page']:>13.2f}"
            )
    if deskew_kinds:
        figures["deskew"] = _deskew_side_by_side(documents, deskew_kinds, typed)
    first = figures[kinds[0].name]
    print(
        f"= PDF gõ: trường đầu văn bản (loại, số, cơ quan, nơi, ngày, trích yếu, văn bản dẫn) "
        f"của bản quét giống PDF đánh máy cùng bố cục; đúng gold: số, ngày, cơ quan, nơi, loại "
        f"đúng như gold (PDF đánh máy {first['header_right_typed']}/{first['header_stated']}, "
        f".txt gốc {first['header_right_txt']}/{first['header_stated']}); chỉ tiêu: văn bản có "
        f"chỉ tiêu mà bản quét cho cùng chỉ tiêu, số liệu, thời hạn như PDF đánh máy"
    )
    return figures


def _kind(
    documents: list[Document],
    kind: Kind,
    typed: dict[tuple[str, bool], tuple[bytes, Plan]],
    folder: Path,
) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    cpu = 0.0
    misses: list[str] = []
    for number, document in enumerate(documents):
        key = (document.name, kind.two_columns)
        rendered = render(document, two_columns=kind.two_columns)
        if key not in typed:
            typed_path = folder / f"{document.name}-{int(kind.two_columns)}.pdf"
            typed_path.write_bytes(rendered.pdf)
            typed[key] = (rendered.pdf, load_plan(typed_path))
        pdf, reference = typed[key]
        scanned_path = folder / f"{document.name}-scan.pdf"
        scanned_path.write_bytes(scanned_pdf(scan(rendered, kind, number), kind.dpi))
        started = _cpu()
        plan = load_plan(scanned_path)
        cpu += _cpu() - started
        truths = page_words(pdf)
        counts["pages"] += len(truths)
        for page, truth in enumerate(truths, start=1):
            lines = [line for line in plan.lines if line.page == page]
            raw = [word for line in lines for word in line.raw.split()]
            text = [word for line in lines for word in line.text.split()]
            counts["tesseract"] += word_accuracy(truth, raw)[0]
            counts["corrected"] += word_accuracy(truth, text)[0]
            counts["words"] += len(truth)
        same, differing = _fields(reference, plan)
        counts["fields_same"] += same
        counts["fields"] += len(FIELDS) + 1
        misses.extend(f"{document.name}: {name}" for name in differing)
        gold = load_gold(_entries()[document.name])
        for source, found in (("scan", plan), ("typed", reference)):
            right, stated = header_right(found, gold)
            counts[f"gold_{source}"] += right
            counts["gold_stated"] += stated if source == "scan" else 0
        if kind.name == KINDS[0].name:
            counts["gold_txt"] += header_right(load_plan(DEV / f"{document.name}.txt"), gold)[0]
        if reference.targets:
            counts["targets_documents"] += 1
            counts["targets_same"] += _targets(reference) == _targets(plan)
    return {
        "pages": counts["pages"],
        "words": counts["words"],
        "tesseract": counts["tesseract"] / max(counts["words"], 1),
        "corrected": counts["corrected"] / max(counts["words"], 1),
        "fields": counts["fields_same"] / max(counts["fields"], 1),
        "targets_same": counts["targets_same"],
        "targets_documents": counts["targets_documents"],
        "cpu_seconds_per_page": cpu / max(counts["pages"], 1),
        "fields_differing": misses,
        "header_right_scan": counts["gold_scan"],
        "header_right_typed": counts["gold_typed"],
        "header_right_txt": counts["gold_txt"],
        "header_stated": counts["gold_stated"],
    }


def _deskew_side_by_side(
    documents: list[Document],
    kinds: tuple[Kind, ...],
    typed: dict[tuple[str, bool], tuple[bytes, Plan]],
) -> dict[str, Any]:
    """The same scans read with the page image straightened first and without."""
    from extract.loaders import ocr_engine

    shipped = ocr_engine.DESKEW_ABOVE
    settings = {"không": None, f"từ {DESKEW_TRIED}°": DESKEW_TRIED}
    figures: dict[str, Any] = {}
    print(f"\nthẳng ảnh trước khi đọc (đang dùng: {shipped}):")
    print(f"{'kiểu':<17}{'thẳng ảnh':<11}{'Tesseract':>11}{'sau sửa':>9}{'CPU s/trang':>13}")
    try:
        with tempfile.TemporaryDirectory() as folder:
            for kind in kinds:
                for label, setting in settings.items():
                    ocr_engine.DESKEW_ABOVE = setting
                    row = _kind(documents, kind, typed, Path(folder))
                    figures[f"{kind.name} / {label}"] = row
                    print(
                        f"{kind.name:<17}{label:<11}{row['tesseract']:>11.2%}"
                        f"{row['corrected']:>9.2%}{row['cpu_seconds_per_page']:>13.2f}"
                    )
    finally:
        ocr_engine.DESKEW_ABOVE = shipped
    return figures


def header_right(plan: Plan, gold: Gold) -> tuple[int, int]:
    """Header fields (number, date, issuer, place, type) equal to the gold, and those stated."""
    meta = plan.meta.model_dump()
    stated = [name for name in HEADER_FIELDS if getattr(gold, name) is not None]
    right = sum(same_value(name, getattr(gold, name), meta[name]) for name in stated)
    return right, len(stated)


@cache
def _entries() -> dict[str, Entry]:
    return {entry.id: entry for entry in load_manifest().documents}


def _fields(reference: Plan, plan: Plan) -> tuple[int, list[str]]:
    """How many header fields the scan gives as the typed PDF does, and which differ."""
    differing = [
        name
        for name in FIELDS
        if getattr(reference.meta, name) != getattr(plan.meta, name)
    ]
    if _cited(reference) != _cited(plan):
        differing.append("references")
    return len(FIELDS) + 1 - len(differing), differing


def _cited(plan: Plan) -> list[str]:
    return sorted(str(reference.number) for reference in plan.meta.references)


def _targets(plan: Plan) -> list[tuple[str, list[float], object]]:
    return [
        (
            target.id,
            [quantity.value for quantity in target.quantities],
            target.deadline.end if target.deadline else None,
        )
        for target in plan.targets
    ]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
