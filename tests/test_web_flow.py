"""The reviewer's flow through the web page, in-process (TestClient)."""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from docx import Document

from tests.web.support import (
    PLANS,
    add_account,
    csrf_token,
    make_settings,
    signed_in_client,
    upload,
)

WARD_PLAN = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
TOWN_PLAN = "corpus:thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
PROVINCE_PLAN = "corpus:ban-dan-toc-quang-ngai-de-an-13.txt"


@pytest.fixture
def client(tmp_path, request):
    # Tests that ask for ``store_url`` run on SQLite and on PostgreSQL (tests/postgres.py).
    url = request.getfixturevalue("store_url") if "store_url" in request.fixturenames else None
    settings = make_settings(tmp_path, database_url=url)
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    with signed_in_client(settings, "an") as client:
        yield client


def run_id(location: str) -> int:
    match = re.fullmatch(r"/ket-qua/(\d+)", location)
    assert match is not None, location
    return int(match.group(1))


def fingerprints(html: str) -> list[str]:
    return re.findall(r'data-fingerprint="([0-9a-f]+)"', html)


def test_upload_shows_result_with_detected_parent_and_history(store_url, client):
    status, location = upload(client, "ke hoach 48.txt", WARD_PLAN.read_bytes())
    assert status == 303
    page = client.get(location).text
    assert "tự động nhận diện" in page
    selected = re.search(r'<option value="([^"]+)" selected>', page)
    assert selected is not None and selected.group(1).startswith("corpus:")
    assert "Báo cáo đầy đủ" in page
    history = client.get("/").text
    assert "ke hoach 48.txt" in history
    assert "Có lỗi" in history or "Đạt" in history


def test_parent_can_be_changed_and_none_runs_document_rules_only(client):
    _, location = upload(client, "48.txt", WARD_PLAN.read_bytes())
    first = run_id(location)
    token = csrf_token(client.get(location).text)
    response = client.post("/ho-so/1/ra-soat-lai", data={"csrf_token": token, "parent": "none"})
    assert response.status_code == 303
    second = run_id(response.headers["location"])
    assert second != first
    page = client.get(response.headers["location"]).text
    assert re.search(r'<option value="none" selected>', page)
    response = client.post(
        "/ho-so/1/ra-soat-lai", data={"csrf_token": token, "parent": PROVINCE_PLAN}
    )
    page = client.get(response.headers["location"]).text
    assert f'<option value="{PROVINCE_PLAN}" selected>' in page
    assert f'href="/ket-qua/{first}"' in page and f'href="/ket-qua/{second}"' in page
    assert "tự động nhận diện</span>" not in page


def test_waiver_is_stored_and_shown_as_accepted_in_later_checks(store_url, client):
    _, location = upload(client, "48.txt", WARD_PLAN.read_bytes(), parent=TOWN_PLAN)
    page = client.get(location).text
    waivable = fingerprints(page)
    assert waivable, "the ward plan against the town plan should have findings"
    response = client.post(
        f"{location}/chap-nhan",
        data={
            "csrf_token": csrf_token(page),
            "fingerprint": waivable[0],
            "reason": "Đã được Thị ủy đồng ý",
        },
    )
    assert response.status_code == 303
    later = client.get(response.headers["location"].split("#")[0]).text
    assert "Đã chấp nhận: Đã được Thị ủy đồng ý" in later
    report = client.get(response.headers["location"].split("#")[0] + "/tai-ve/json").json()
    waived = [f for f in report["findings"] if f["fingerprint"] == waivable[0]]
    assert waived and waived[0]["waived"] is True
    # A fresh upload of the same plan in the office inherits the waiver.
    _, again = upload(client, "48.txt", WARD_PLAN.read_bytes(), parent=TOWN_PLAN)
    assert "Đã chấp nhận: Đã được Thị ủy đồng ý" in client.get(again).text


def test_corrected_reupload_shows_fixed_new_and_still_open(store_url, client):
    original = WARD_PLAN.read_text(encoding="utf-8")
    _, first = upload(client, "48.txt", original.encode(), parent=TOWN_PLAN)
    before = set(fingerprints(client.get(first).text))
    assert before
    lines = original.splitlines()
    # Remove the line of the first finding shown on the first report's page, so at
    # least one finding can go away; the header stays, so it is the same plan.
    report = client.get(f"{first}/tai-ve/json").json()
    flagged = sorted({f["line"] for f in report["findings"] if f.get("line")})
    assert flagged
    corrected = [text for number, text in enumerate(lines, 1) if number != flagged[-1]]
    _, second = upload(client, "48.txt", "\n".join(corrected).encode(), parent=TOWN_PLAN)
    page = client.get(second).text
    assert "Thay đổi so với lần rà soát trước" in page
    counts = dict(
        (kind, int(number))
        for number, kind in re.findall(r"<b>(\d+)</b> (đã khắc phục|mới phát sinh|vẫn còn)", page)
    )
    after = set(fingerprints(page))
    assert counts["đã khắc phục"] == len(before - after)
    assert counts["mới phát sinh"] == len(after - before)
    assert counts["vẫn còn"] == len(before & after)


def test_downloads_in_three_formats(client):
    _, location = upload(client, "48.txt", WARD_PLAN.read_bytes(), parent=TOWN_PLAN)
    # One order everywhere (issue 15.5): the page, the JSON and the HTML report agree.
    in_json = [f["fingerprint"] for f in client.get(f"{location}/tai-ve/json").json()["findings"]]
    assert fingerprints(client.get(location).text) == in_json
    assert fingerprints(client.get(f"{location}/tai-ve/html").text) == in_json
    docx = client.get(f"{location}/tai-ve/docx")
    assert docx.status_code == 200
    assert "attachment" in docx.headers["content-disposition"]
    document = Document(io.BytesIO(docx.content))
    assert any(paragraph.text.strip() for paragraph in document.paragraphs)
    # The web knows the reviewer's office: it heads the note (issue 15.8).
    assert document.tables[0].rows[0].cells[0].text.startswith("BAN DÂN VẬN THỊ ỦY")
    data = json.loads(client.get(f"{location}/tai-ve/json").content)
    assert data["schema_version"]
    html = client.get(f"{location}/tai-ve/html")
    assert html.text.startswith("<!DOCTYPE html>") or "<html" in html.text[:200]


def test_a_control_character_does_not_break_the_word_download(client):
    """Issue 22.2: an ESC after "55%" made the DOCX download a 500."""
    text = WARD_PLAN.read_text(encoding="utf-8").replace("55%", "55%\x1b", 1)
    _, location = upload(client, "48\x1b.txt", text.encode(), parent=TOWN_PLAN)
    docx = client.get(f"{location}/tai-ve/docx")
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("55%␛" in text for text in cells)


def test_unreadable_upload_is_kept_with_its_reason(client):
    status, location = upload(client, "trong.pdf", b"%PDF-1.4\n%%EOF\n")
    assert status == 303 and location == "/ho-so/1"
    page = client.get(location)
    assert page.status_code == 422
    assert "Không đọc được tệp" in page.text
    assert "trong.pdf: tệp PDF bị hỏng" in page.text
    assert "/uploads/" not in page.text and ".pdf:" not in page.text.replace("trong.pdf:", "")
    assert "Không đọc được" in client.get("/?status=error").text
    assert "trong.pdf" not in client.get("/?status=ok").text


def test_history_is_newest_first(client):
    upload(client, "cu.txt", WARD_PLAN.read_bytes(), parent="none")
    upload(client, "moi.txt", (PLANS / "bcd-dan-van-kheo-thi-xa-ke-hoach-2023.txt").read_bytes())
    table = client.get("/").text.split('<table class="history">')[1]
    assert table.index("moi.txt") < table.index("cu.txt")


def test_a_defect_in_the_checker_keeps_the_upload_with_a_message(client, monkeypatch):
    def broken(*arguments, **options):
        raise RuntimeError("defect in a rule")

    monkeypatch.setattr("rules.check_plan", broken)
    status, location = upload(client, "48.txt", WARD_PLAN.read_bytes(), parent="none")
    assert status == 303 and location == "/ho-so/1"
    page = client.get(location)
    assert page.status_code == 422
    assert "chương trình gặp lỗi" in page.text
    assert "defect in a rule" not in page.text
    assert "báo cho quản trị viên" in page.text
    assert "48.txt" in client.get("/?status=error").text


@pytest.mark.parametrize("extension", [".docx", ".pdf"])
def test_word_and_pdf_uploads_are_checked_like_text(client, tmp_path, extension):
    from tests.render import corpus_lines, render_docx, render_pdf

    target = tmp_path / f"ke-hoach-48{extension}"
    render = render_docx if extension == ".docx" else render_pdf
    render(corpus_lines(WARD_PLAN), target)
    status, location = upload(client, target.name, target.read_bytes(), parent=TOWN_PLAN)
    assert status == 303 and location.startswith("/ket-qua/"), location
    report = client.get(f"{location}/tai-ve/json").json()
    assert report["child"]["name"] == target.name
    assert report["child"]["format"] == extension.lstrip(".")
    assert report["findings"]


@pytest.mark.parametrize(
    ("name", "builder", "words"),
    [
        ("bom.docx", "zip_bomb_docx", "tỷ lệ nén bất thường"),
        ("scan.pdf", "blank_scan_pdf", "không đọc được chữ trên bản quét"),
        ("xxe.docx", "xxe_docx", None),
    ],
)
def test_hostile_files_are_refused_or_read_safely(client, tmp_path, name, builder, words):
    import tests.render as render

    secret = tmp_path / "secret.txt"
    secret.write_text("BI-MAT")
    arguments = {"zip_bomb_docx": (20 * 1024 * 1024,), "xxe_docx": (secret,)}.get(builder, ())
    status, location = upload(client, name, getattr(render, builder)(*arguments))
    assert status == 303
    page = client.get(location)
    assert "BI-MAT" not in page.text
    if words is not None:
        assert location.startswith("/ho-so/") and page.status_code == 422
        assert f"{name}: " in page.text and words in page.text
    elif location.startswith("/ket-qua/"):  # read with its entities left unresolved
        assert "BI-MAT" not in client.get(f"{location}/tai-ve/json").text


def test_history_filters_by_issuer_and_status_in_the_page(client):
    hong_linh = PLANS / "ubnd-hong-linh-dan-van-chinh-quyen-2023.txt"
    upload(client, "hong-linh.txt", hong_linh.read_bytes(), parent="none")
    upload(client, "48.txt", WARD_PLAN.read_bytes(), parent="none")
    upload(client, "hong.pdf", b"%PDF-1.4\nrac\n")
    page = client.get("/").text
    issuer_list = page.split('name="issuer"')[1].split("</select>")[0]
    issuers = [html.unescape(value) for value in re.findall(r'value="([^"]+)"', issuer_list)]
    assert issuers, "the Hồng Lĩnh plan names its issuer in its header"

    def table(**filters):
        body = client.get("/", params=filters).text
        marker = '<table class="history">'
        return body.split(marker)[1] if marker in body else ""

    chosen = next(name for name in issuers if "Hồng Lĩnh" in name)
    assert "hong-linh.txt" in table(issuer=chosen) and "48.txt" not in table(issuer=chosen)
    assert "hong-linh.txt" in table(issuer="hồng lĩnh")  # any case, part of the name
    assert "hong.pdf" in table(status="error") and "48.txt" not in table(status="error")


def _other_plan() -> bytes:
    """Another ward's plan: the same text under another number and file name."""
    text = WARD_PLAN.read_text(encoding="utf-8").replace("Số 48 -KH/ĐU", "Số 51 -KH/ĐU", 1)
    assert "51 -KH/ĐU" in text
    return text.encode("utf-8")


def _waive_first(client, location: str, reason: str, office_wide: bool = False) -> str:
    page = client.get(location).text
    fingerprint = fingerprints(page)[0]
    data = {"csrf_token": csrf_token(page), "fingerprint": fingerprint, "reason": reason}
    if office_wide:
        data["office_wide"] = "1"
    response = client.post(f"{location}/chap-nhan", data=data)
    assert response.status_code == 303
    return fingerprint


def _waived_in(client, location: str) -> set[str]:
    report = client.get(f"{location}/tai-ve/json").json()
    return {finding["fingerprint"] for finding in report["findings"] if finding["waived"]}


def test_a_waiver_on_one_plan_never_shows_on_another(store_url, client):
    _, plan_a = upload(client, "48.txt", WARD_PLAN.read_bytes(), parent=TOWN_PLAN)
    fingerprint = _waive_first(client, plan_a, "Phường không có tàu thuyền.")
    _, plan_b = upload(client, "51.txt", _other_plan(), parent=TOWN_PLAN)
    page = client.get(plan_b).text
    assert fingerprint in fingerprints(page), "plan B raises the same finding"
    assert "Phường không có tàu thuyền" not in page
    assert fingerprint not in _waived_in(client, plan_b)
    # A recheck of plan B, and a new version of plan A declared by the reviewer (another
    # file name), behave the same way: B stays unwaived, A's version inherits.
    token = csrf_token(page)
    # Fresh data directory: plan A is upload 1, plan B upload 2.
    recheck = client.post("/ho-so/2/ra-soat-lai", data={"csrf_token": token, "parent": TOWN_PLAN})
    assert fingerprint not in _waived_in(client, recheck.headers["location"])
    response = client.post(
        "/tai-len",
        data={"csrf_token": token, "parent": TOWN_PLAN, "version_of": "1"},
        files={"file": ("48-sua.txt", WARD_PLAN.read_bytes(), "text/plain")},
    )
    assert fingerprint in _waived_in(client, response.headers["location"])


def test_an_office_wide_waiver_holds_for_every_plan_and_says_so(store_url, client):
    _, plan_a = upload(client, "48.txt", WARD_PLAN.read_bytes(), parent=TOWN_PLAN)
    fingerprint = _waive_first(client, plan_a, "Cả huyện không có tàu thuyền.", office_wide=True)
    _, plan_b = upload(client, "51.txt", _other_plan(), parent=TOWN_PLAN)
    assert fingerprint in _waived_in(client, plan_b)
    page = client.get(plan_b).text
    assert "Đã chấp nhận cho mọi kế hoạch của cơ quan: Cả huyện không có tàu thuyền." in page
    assert "đặt bởi An" in page


def test_a_declared_version_must_be_an_upload_of_the_office(client, tmp_path):
    token = csrf_token(client.get("/").text)
    response = client.post(
        "/tai-len",
        data={"csrf_token": token, "version_of": "999"},
        files={"file": ("48.txt", WARD_PLAN.read_bytes(), "text/plain")},
    )
    assert response.status_code == 400
    assert "bản trước" in response.text


@pytest.mark.skipif(
    __import__("extract.loaders.ocr_engine", fromlist=["x"]).tessdata_dir() is None,
    reason="tesseract-ocr-vie is not installed",
)
def test_scanned_photo_upload_shows_the_scanned_line_with_the_finding(client):
    from tests.scans import LIGHT, image_bytes, scan_pages, typed_pdf

    lines = ["KẾ HOẠCH", "Tổ chức hội nghị sơ kết xong trước ngày 31/02/2023."]
    photo = image_bytes(scan_pages(typed_pdf(lines), LIGHT), "JPEG", 200)
    status, location = upload(client, "quet.jpg", photo, parent="none")
    assert status == 303 and location.startswith("/ket-qua/"), location
    page = client.get(location).text
    assert "31/02/2023" in page and '<img class="scan" src="data:image/png;base64,' in page
    report = client.get(f"{location}/tai-ve/json").json()
    assert report["child"]["format"] == "jpg"
