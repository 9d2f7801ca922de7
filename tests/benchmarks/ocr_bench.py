"""OCR of scanned plans: words right before and after correction, time per page, findings.

Held out: the ward plan (``dang-uy-phuong-48``) is read here and was not used
to learn the confusion model (``build_ocr_confusions`` trains on the other
clean plans). The correction is measured twice, side by side:

- held-out: the language model rebuilt without the ward plan (as the repair
  benchmark does), so neither the channel nor the language model saw the text;
- shipped: the language model the tool ships, whose plan text includes the
  ward plan (development figure: it flatters).

Each degradation level reads ``PAGES`` pages (A4, DejaVu Serif 13 pt). Time
per page is Tesseract plus line rebuilding, one thread (OMP_THREAD_LIMIT=1),
as processor time (what one core spends, whatever else the machine runs) and
as wall time.
Last, the whole ward plan is scanned at the medium level as a PDF and checked
against its parent; its findings are listed next to those of the .txt.
"""

from __future__ import annotations

import os
import re
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from extract import load_plan
from extract.model import OcrLine
from extract.repair.model import RepairModel, default_model
from extract.repair.ocr_correct import correct_ocr_lines
from tests.benchmarks.ocr_pages import plan_lines, read_pages, word_accuracy
from tests.conftest import PLANS
from tests.scans import (
    HEAVY,
    LIGHT,
    MEDIUM,
    Degradation,
    scan_pages,
    scanned_pdf_of,
    typed_pdf,
)

_LINE_REFERENCE = re.compile(r"[Dd]òng \d+\s*")
WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
PARENT = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
PAGES = 3
LEVELS = (
    LIGHT,
    MEDIUM,
    Degradation("vừa 300 dpi", dpi=300, rotation=1.2, blur=0.6, specks=0.0005, jpeg_quality=60),
    HEAVY,
)


def run() -> dict[str, Any]:
    """Print and return the figures."""
    models = {"held-out": _held_out_model(), "shipped": default_model()}
    lines = plan_lines(WARD)
    figures: dict[str, Any] = {"levels": {}}
    print(
        f"{'mức':<14}{'dpi':>5}{'Tesseract':>11}{'held-out':>10}{'shipped':>9}"
        f"{'CPU s/trang':>13}{'thực s/trang':>14}{'sửa s/trang':>13}"
    )
    for degradation in LEVELS:
        row = _level(lines, degradation, models)
        figures["levels"][degradation.name] = row
        print(
            f"{degradation.name:<14}{degradation.dpi:>5}{row['tesseract']:>10.2%}"
            f"{row['held-out']:>10.2%}{row['shipped']:>9.2%}{row['cpu_seconds_per_page']:>13.2f}"
            f"{row['seconds_per_page']:>14.2f}{row['correction_seconds_per_page']:>13.2f}"
        )
    figures["ward_plan"] = _findings_side_by_side()
    return figures


def _level(lines: list[str], degradation: Degradation, models: dict[str, RepairModel]) -> dict:
    right: Counter[str] = Counter()
    total = 0
    seconds = []
    cpu_seconds = []
    correcting = []
    for page in read_pages(lines, degradation, seed=7, limit=PAGES):
        seconds.append(page.seconds)
        cpu_seconds.append(page.cpu_seconds)
        texts = [line.text for line in page.lines]
        readings: list[OcrLine | None] = [line.ocr for line in page.lines]
        got, count = word_accuracy(page.truth, page.words)
        right["tesseract"] += got
        total += count
        for name, model in models.items():
            started = time.process_time()
            corrected, _ = correct_ocr_lines(texts, readings, model=model)
            if name == "held-out":
                correcting.append(time.process_time() - started)
            words = [word for text in corrected for word in text.split()]
            right[name] += word_accuracy(page.truth, words)[0]
    return {
        "pages": len(seconds),
        "words": total,
        "tesseract": right["tesseract"] / total,
        "held-out": right["held-out"] / total,
        "shipped": right["shipped"] / total,
        "seconds_per_page": statistics.median(seconds),
        "cpu_seconds_per_page": statistics.median(cpu_seconds),
        "correction_seconds_per_page": statistics.median(correcting),
    }


def _held_out_model() -> RepairModel:
    from collections import Counter as _Counter

    from extract.repair.build_data import DATA
    from tests.benchmarks.repair_bench import _plans, model_without

    word_syllables: _Counter[str] = _Counter()
    for row in (DATA / "word_list_syllables.tsv").read_text(encoding="utf-8").splitlines():
        if row:
            key, value = row.split("\t")
            word_syllables[key] = int(value)
    pairs: _Counter[tuple[str, str]] = _Counter()
    for row in (DATA / "word_pairs.tsv").read_text(encoding="utf-8").splitlines():
        if row:
            key, value = row.split("\t")
            first, second = key.split(" ")
            pairs[(first, second)] = int(float(value))
    _, clean = _plans()
    return model_without(WARD, [path for path in clean if path != WARD], word_syllables, pairs)


def _findings_side_by_side() -> dict[str, Any]:
    import rules

    parent = load_plan(PARENT)
    typed = load_plan(WARD)
    with tempfile.TemporaryDirectory() as folder:
        scanned_path = Path(folder) / "dang-uy-phuong-48-scan.pdf"
        images = scan_pages(typed_pdf(plan_lines(WARD)), MEDIUM, seed=3)
        scanned_path.write_bytes(scanned_pdf_of(images, MEDIUM.dpi))
        started = time.perf_counter()
        scanned = load_plan(scanned_path)
        load_seconds = time.perf_counter() - started
    results: dict[str, dict[str, str]] = {}
    for name, plan in (("txt", typed), ("scan", scanned)):
        result = rules.check_plan(plan, parent)
        # Line numbers differ (the .txt counts blank lines, the scan does not): compare
        # by code and message, line references taken out.
        results[name] = {}
        for finding in result.findings:
            text = f"{finding.code} {_LINE_REFERENCE.sub('', finding.message)}"
            key = text
            while key in results[name]:  # the same message on two lines counts twice
                key += "+"
            results[name][key] = text
    shared = results["txt"].keys() & results["scan"].keys()
    print(
        f"\nKế hoạch phường, bản quét {len(images)} trang ({MEDIUM.name}, {MEDIUM.dpi} dpi): "
        f"đọc trong {load_seconds:.1f} s"
    )
    print(
        f"  phát hiện: .txt {len(results['txt'])}, bản quét {len(results['scan'])}, "
        f"chung {len(shared)}"
    )
    for label, name in (("chỉ ở .txt", "txt"), ("chỉ ở bản quét", "scan")):
        for fingerprint, item in sorted(results[name].items(), key=lambda pair: pair[1]):
            if fingerprint not in shared:
                print(f"  {label}: {item[:150]}")
    print(
        f"  chỉ tiêu: .txt {len(typed.targets)}, bản quét {len(scanned.targets)}; "
        f"thời hạn: .txt {sum(1 for t in typed.targets if t.deadline)}, "
        f"bản quét {sum(1 for t in scanned.targets if t.deadline)}"
    )
    same_targets = [
        (t.id, [q.value for q in t.quantities], t.deadline.end if t.deadline else None)
        for t in typed.targets
    ] == [
        (t.id, [q.value for q in t.quantities], t.deadline.end if t.deadline else None)
        for t in scanned.targets
    ]
    print(f"  chỉ tiêu, số liệu và thời hạn giống hệt .txt: {'có' if same_targets else 'không'}")
    return {
        "pages": len(images),
        "load_seconds": load_seconds,
        "findings_txt": sorted(results["txt"].values()),
        "findings_scan": sorted(results["scan"].values()),
        "findings_shared": len(shared),
        "same_targets": same_targets,
        "targets_txt": len(typed.targets),
        "targets_scan": len(scanned.targets),
    }
