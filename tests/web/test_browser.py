"""The web flow in a real browser: Debian's chromium driven by Playwright (never downloaded)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from tests.web.server import Server
from tests.web.support import HOSTILE_PLAN, PASSWORD, PLANS, add_account, make_settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
WARD_PLAN = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
TOWN_PLAN = "corpus:thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
# Set to a folder to keep the screenshots (the README's come from here).
SCREENSHOT_DIR_VARIABLE = "PLANCHECK_SCREENSHOT_DIR"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make test)"),
]


@pytest.fixture
def server(tmp_path):
    settings = make_settings(tmp_path)
    add_account(settings, "an", "Ban Dân vận Thị ủy Đức Phổ")
    server = Server(settings.data_dir, tmp_path / "server.log")
    yield server
    server.stop()


@pytest.fixture
def page(server):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(
            base_url=server.url, accept_downloads=True, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.problems = []  # type: ignore[attr-defined]
        page.on("console", lambda message: _note_console(page, message))
        page.on("dialog", lambda dialog: (page.problems.append("dialog"), dialog.dismiss()))
        page.set_default_timeout(120_000)
        yield page
        browser.close()


def _note_console(page, message) -> None:
    if message.type == "error":
        page.problems.append(message.text)


def sign_in(page) -> None:
    page.goto("/dang-nhap")
    page.fill("input[name=username]", "an")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/$"))


def drop_file(page, name: str, text: str) -> None:
    """Drop a file on the upload area the way a file manager would."""
    page.evaluate(
        """([name, text]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([text], name, {type: "text/plain"}));
            const zone = document.getElementById("dropzone");
            zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true}));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }""",
        [name, text],
    )


def screenshot(page, tmp_path: Path, name: str, full_page: bool = True) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000
    keep = os.environ.get(SCREENSHOT_DIR_VARIABLE)
    if keep:
        shutil.copy(path, Path(keep) / name)


def test_upload_report_waiver_and_docx_download(page, tmp_path):
    sign_in(page)
    drop_file(page, "ke-hoach-48.txt", WARD_PLAN.read_text(encoding="utf-8"))
    assert page.text_content("#file-name") == "ke-hoach-48.txt"
    page.select_option("select[name=parent]", TOWN_PLAN)
    page.click("#submit-upload")
    page.wait_for_url(re.compile(r".*/ket-qua/\d+$"))
    assert page.locator(".finding").count() > 0
    report = page.frame_locator("iframe.report")
    assert report.locator("body").inner_text(timeout=60_000).strip()
    screenshot(page, tmp_path, "screenshot-web.png", full_page=False)

    first = page.locator(".finding:not(.is-waived)").first
    fingerprint = first.get_attribute("data-fingerprint")
    first.locator("summary").click()
    first.locator("textarea[name=reason]").fill("Phường đã được Thị ủy đồng ý giữ mức này.")
    first.locator("button[type=submit]").click()
    page.wait_for_load_state()
    accepted = page.locator(f'.finding[data-fingerprint="{fingerprint}"]')
    assert "Đã chấp nhận: Phường đã được Thị ủy đồng ý" in accepted.inner_text()

    with page.expect_download() as pending:
        page.click("#download-docx")
    saved = tmp_path / "bao-cao.docx"
    pending.value.save_as(saved)
    assert any(paragraph.text.strip() for paragraph in Document(saved).paragraphs)

    page.goto("/")
    assert "ke-hoach-48.txt" in page.inner_text("table.history")
    screenshot(page, tmp_path, "screenshot-web-history.png")
    assert page.problems == []  # no CSP violation, no script error, no dialog


def test_hostile_plan_runs_no_script(page):
    sign_in(page)
    drop_file(page, "<img src=x onerror=alert(1)>.txt", HOSTILE_PLAN)
    page.select_option("select[name=parent]", "none")
    page.click("#submit-upload")
    page.wait_for_url(re.compile(r".*/ket-qua/\d+$"))
    report = page.frame_locator("iframe.report")
    assert "<script>" in report.locator("body").inner_text(timeout=60_000)
    page.goto("/")
    assert "<img src=x onerror=alert(1)>.txt" in page.inner_text("table.history")
    assert "dialog" not in page.problems


def test_a_waiver_on_plan_a_never_shows_on_plan_b(page):
    sign_in(page)
    ward = WARD_PLAN.read_text(encoding="utf-8")
    drop_file(page, "ke-hoach-48.txt", ward)
    page.select_option("select[name=parent]", TOWN_PLAN)
    page.click("#submit-upload")
    page.wait_for_url(re.compile(r".*/ket-qua/\d+$"))
    first = page.locator(".finding:not(.is-waived)").first
    fingerprint = first.get_attribute("data-fingerprint")
    first.locator("summary").click()
    first.locator("textarea[name=reason]").fill("Riêng phường này không có tàu thuyền.")
    first.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f'.finding.is-waived[data-fingerprint="{fingerprint}"]').count() == 1

    page.goto("/")
    other = ward.replace("Số 48 -KH/ĐU", "Số 51 -KH/ĐU", 1)
    drop_file(page, "ke-hoach-51.txt", other)
    page.select_option("select[name=parent]", TOWN_PLAN)
    page.click("#submit-upload")
    page.wait_for_url(re.compile(r".*/ket-qua/\d+$"))
    same = page.locator(f'.finding[data-fingerprint="{fingerprint}"]')
    assert same.count() == 1, "plan B raises the same finding"
    assert "is-waived" not in (same.get_attribute("class") or "")
    assert "Riêng phường này" not in page.inner_text("body")
    assert page.problems == []


def test_a_scanned_upload_says_which_page_is_being_read(page, tmp_path):
    # Issue 16: the worker reports each scanned page; the page polls and shows it.
    from tests.test_web_ocr_progress import scanned_pages

    scan = tmp_path / "ban-quet.pdf"
    scan.write_bytes(scanned_pages(4))
    sign_in(page)
    page.set_input_files("#file-input", str(scan))
    page.select_option("select[name=parent]", "none")
    shown: list[str] = []
    page.expose_function("noteProgress", lambda text: shown.append(text))  # outlives the page
    page.evaluate(
        """() => {
            const status = document.getElementById("ocr-progress");
            new MutationObserver(() => window.noteProgress(status.textContent))
                .observe(status, {childList: true, characterData: true, subtree: true});
        }"""
    )
    page.click("#submit-upload")
    page.wait_for_url(re.compile(r".*/ket-qua/\d+$"))
    assert shown[0] == "Đang rà soát…"
    pages = [text for text in shown if text.startswith("Đang nhận dạng ký tự (OCR) trang ")]
    assert pages and all(re.search(r"trang [1-4]/4…$", text) for text in pages), shown
    assert page.problems == []  # the polling broke no CSP rule
