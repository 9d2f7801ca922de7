"""A finding on a scanned plan shows the scanned line next to the text read from it."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

import rules
from extract import load_plan
from extract.loaders import ocr_engine
from reports import build_report, render_html
from tests.scans import LIGHT, image_bytes, scan_pages, scanned_pdf_of, typed_pdf

pytestmark = pytest.mark.skipif(
    ocr_engine.tessdata_dir() is None, reason="tesseract-ocr-vie is not installed"
)
LINES = ["KẾ HOẠCH", "Tổ chức hội nghị sơ kết xong trước ngày 31/02/2023."]


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_finding_on_scanned_line_embeds_the_cropped_line(tmp_path: Path, kind: str) -> None:
    pages = scan_pages(typed_pdf(LINES), LIGHT)
    path = tmp_path / f"scan.{kind}"
    data = scanned_pdf_of(pages, LIGHT.dpi) if kind == "pdf" else image_bytes(pages, "PNG", 200)
    path.write_bytes(data)
    plan = load_plan(path)
    report = build_report(rules.check_plan(plan), plan, None)
    [finding] = [finding for finding in report.findings if finding.code == "D001"]
    assert finding.child_scan is not None
    prefix = "data:image/png;base64,"
    assert finding.child_scan.startswith(prefix)
    crop = Image.open(io.BytesIO(base64.b64decode(finding.child_scan[len(prefix) :])))
    left, top, right, bottom = plan.line(finding.line).ocr.bbox
    # The crop is the line (plus a small margin, at most 900 pixels wide), not the page.
    line_shape = (right - left + 12) / (bottom - top + 12)
    assert crop.width <= 900 and abs(crop.width / crop.height - line_shape) < 0.5
    html = render_html(report)
    assert f'<img class="scan" src="{finding.child_scan}"' in html
    # Findings without a line carry no image; typed plans never do.
    assert all(item.child_scan is None for item in report.findings if item.line is None)


def test_typed_plan_reports_have_no_scans(tmp_path: Path) -> None:
    path = tmp_path / "typed.txt"
    path.write_text("\n".join(LINES), encoding="utf-8")
    plan = load_plan(path)
    report = build_report(rules.check_plan(plan), plan, None)
    assert report.findings and all(finding.child_scan is None for finding in report.findings)
    assert 'class="scan"' not in render_html(report)


def test_moved_scan_keeps_the_text_without_the_image(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(image_bytes(scan_pages(typed_pdf(LINES), LIGHT), "PNG", 200))
    plan = load_plan(path)
    path.unlink()
    report = build_report(rules.check_plan(plan), plan, None)
    [finding] = [finding for finding in report.findings if finding.code == "D001"]
    assert finding.child_scan is None and finding.child_text
