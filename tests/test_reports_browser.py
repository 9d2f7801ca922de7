"""The HTML report of a real check, opened from disk in Debian's chromium.

A reviewer opens the report from a USB stick: no network, no console errors,
every finding on the page. The screenshot lands in PLANCHECK_SCREENSHOT_DIR when
set (the README's docs/screenshot-report.png comes from there), else in tmp.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pdfplumber
import pytest

from extract import load_plan
from reports import build_report, render_html
from rules import check_plan
from tests.conftest import PLANS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make test)"),
]


def test_real_report_opens_offline_without_errors(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    child = load_plan(PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt")
    parent = load_plan(PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")
    result = check_plan(child, parent)
    report_path = tmp_path / "bao-cao.html"
    report_path.write_text(render_html(build_report(result, child, parent)), encoding="utf-8")

    outside_requests: list[str] = []
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1600})
        page.on("request", lambda request: _note_outside(request.url, outside_requests))
        page.on("console", lambda message: _note_error(message, problems))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(report_path.as_uri())
        body = page.inner_text("body")
        shot = tmp_path / "screenshot-report.png"
        page.screenshot(path=str(shot))
        widths = {1280: page.evaluate("document.documentElement.scrollWidth")}
        # A4 on paper: the print stylesheet, as a reviewer's "Print" makes it.
        printed = page.pdf(format="A4", print_background=True)
        page.set_viewport_size({"width": 1400, "height": 1600})
        widths[1400] = page.evaluate("document.documentElement.scrollWidth")
        browser.close()

    assert outside_requests == []
    assert problems == []
    assert "PHIẾU RÀ SOÁT" in body.upper()
    for finding in result.findings:
        assert finding.code in body
    assert shot.stat().st_size > 10_000
    # Issue 15.7: a 260-character reason in a nowrap cell made the page 2,012 px
    # wide at 1,280 and the printout 22 pages.
    assert all(width <= viewport for viewport, width in widths.items()), widths
    with pdfplumber.open(io.BytesIO(printed)) as pdf:
        pages = len(pdf.pages)
        first_page = pdf.pages[0].extract_text() or ""
    assert pages <= 8, pages
    assert "PHIẾU RÀ SOÁT" in first_page.upper()
    keep = os.environ.get("PLANCHECK_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)


def _note_outside(url: str, outside: list[str]) -> None:
    if not url.startswith(("file:", "data:", "about:")):
        outside.append(url)


def _note_error(message, problems: list[str]) -> None:  # type: ignore[no-untyped-def]
    if message.type == "error":
        problems.append(message.text)


def test_audit_index_fits_the_screen(tmp_path: Path) -> None:
    """The plan list and the matrix of an audit fit 1,280 px (issue 15.7)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from reports import build_audit, render_audit_index_html

    child = load_plan(PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt")
    parent = load_plan(PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")
    alone = load_plan(PLANS / "ubnd-hong-linh-dan-van-chinh-quyen-2023.txt")
    audit = build_audit(
        [
            build_report(check_plan(child, parent), child, parent),
            build_report(check_plan(alone, None), alone, None),
        ],
        [],
    )
    index = tmp_path / "index.html"
    index.write_text(render_audit_index_html(audit, {}), encoding="utf-8")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(index.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        columns = page.evaluate("document.querySelectorAll('table.matrix thead th').length")
        browser.close()
    assert width <= 1280
    assert columns == 3  # indicator, parent, and the one plan compared with a parent
