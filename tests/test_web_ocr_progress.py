"""OCR progress on the web: each scanned page reported while the reviewer waits (issue 16).

A scanned upload is read page by page in a worker process; the worker sends each
page ahead of its answer, the server keeps it under the reviewer's key, and the
upload page polls ``/tien-do/{key}``. The browser test is in tests/web/test_browser.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.plan_store import PlanStore
from app.web.pipeline import corpus_options
from app.web.progress import OcrProgress
from app.web.worker import CheckJob, CheckPool, PoolLimits
from extract.loaders import ocr_engine
from tests.web.support import PLANS, add_account, csrf_token, make_settings, signed_in_client

KEY = "a1b2c3d4e5f6a7b8c9d0"


def scanned_pages(count: int) -> bytes:
    """A PDF of ``count`` scanned pages of a few plan lines each (no text layer)."""
    from tests.scans import LIGHT, scan_pages, scanned_pdf_of, typed_pdf

    lines = ["KẾ HOẠCH", "thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy"]
    page = scan_pages(typed_pdf(lines), LIGHT)[0]
    return scanned_pdf_of([page] * count, LIGHT.dpi)


@pytest.mark.skipif(ocr_engine.tessdata_dir() is None, reason="tesseract-ocr-vie is not installed")
def test_a_worker_reports_each_scanned_page_before_its_answer(tmp_path: Path) -> None:
    path = tmp_path / "ban-quet.pdf"
    path.write_bytes(scanned_pages(2))
    heard: list[tuple[int, int]] = []
    pool = CheckPool(PoolLimits(workers=1), PlanStore())
    try:
        job = CheckJob(path, path.name, tuple(corpus_options(PLANS)), "none")
        outcome = pool.run(job, lambda page, pages: heard.append((page, pages)))
    finally:
        pool.close()
    assert heard == [(1, 2), (2, 2)]
    assert outcome.child.lines  # the answer still comes after the messages


def test_progress_is_shown_to_its_reviewer_only_while_the_check_runs(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    add_account(settings, "an", "Ban Dân vận Thị ủy Đức Phổ")
    add_account(settings, "binh", "Ban Dân vận Thị ủy Đức Phổ")
    client = signed_in_client(settings, "an")
    other = signed_in_client(settings, "binh")
    board: OcrProgress = client.app.state.check_pool.progress  # type: ignore[attr-defined]
    user_id = 1  # the first account
    assert client.get(f"/tien-do/{KEY}").json() == {"trang": None, "so_trang": None}
    with board.tracking(user_id, KEY) as listener:
        assert listener is not None
        listener(3, 8)
        response = client.get(f"/tien-do/{KEY}")
        assert response.json() == {"trang": 3, "so_trang": 8}
        assert response.headers["cache-control"] == "no-store"
        assert other.get(f"/tien-do/{KEY}").json()["trang"] is None
    assert client.get(f"/tien-do/{KEY}").json()["trang"] is None
    with board.tracking(user_id, "short") as listener:  # a key that could be guessed
        assert listener is None


class _Recording(dict):
    """The board's entries, keeping every page written (the entry itself is dropped at the end)."""

    def __init__(self) -> None:
        super().__init__()
        self.written: list[tuple[object, object]] = []

    def __setitem__(self, key: object, value: object) -> None:
        self.written.append((key, value))
        super().__setitem__(key, value)


@pytest.mark.skipif(ocr_engine.tessdata_dir() is None, reason="tesseract-ocr-vie is not installed")
def test_an_upload_with_a_key_reports_its_pages(tmp_path: Path) -> None:
    # workers = 0 (the test settings): the check runs in the request's thread.
    settings = make_settings(tmp_path)
    add_account(settings, "an", "Ban Dân vận Thị ủy Đức Phổ")
    client = signed_in_client(settings, "an")
    board: OcrProgress = client.app.state.check_pool.progress  # type: ignore[attr-defined]
    board._pages = recording = _Recording()  # type: ignore[assignment]
    token = csrf_token(client.get("/").text)
    response = client.post(
        "/tai-len",
        data={"csrf_token": token, "parent": "none", "tien_do": KEY},
        files={"file": ("ban-quet.pdf", io.BytesIO(scanned_pages(2)), "application/pdf")},
    )
    assert response.status_code == 303, response.text
    assert recording.written == [((1, KEY), (1, 2)), ((1, KEY), (2, 2))]
    assert board.get(1, KEY) is None  # dropped once the check is done


def test_upload_page_allows_polling_its_own_server_only(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    add_account(settings, "an", "Ban Dân vận Thị ủy Đức Phổ")
    client = signed_in_client(settings, "an")
    page = client.get("/")
    assert "connect-src 'self'" in page.headers["content-security-policy"]
    assert 'id="progress-key"' in page.text and 'id="ocr-progress"' in page.text

