"""Security properties of the web page: sign-in, offices, CSRF, CSP, escaping, traversal."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.web import create_app
from tests.web.support import (
    HOSTILE_PLAN,
    PASSWORD,
    PLANS,
    add_account,
    csrf_token,
    make_settings,
    signed_in_client,
    upload,
)

WARD_PLAN = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"


@pytest.fixture
def settings(tmp_path, store_url):
    # Every case runs on SQLite and on PostgreSQL (tests/postgres.py).
    settings = make_settings(tmp_path, max_upload_bytes=200 * 1024, database_url=store_url)
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    add_account(settings, "binh", "Đảng ủy phường Nghĩa Lộ")
    add_account(settings, "chi", "Ủy ban Kiểm tra Tỉnh ủy", role="auditor")
    return settings


@pytest.fixture
def client(settings):
    with signed_in_client(settings, "an") as client:
        yield client


def test_pages_need_sign_in(settings):
    anonymous = TestClient(create_app(settings), follow_redirects=False)
    for path in ("/", "/ket-qua/1", "/ket-qua/1/bao-cao", "/ket-qua/1/tai-ve/json", "/ho-so/1"):
        response = anonymous.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/dang-nhap"


def test_wrong_password_is_refused(settings):
    anonymous = TestClient(create_app(settings), follow_redirects=False)
    token = csrf_token(anonymous.get("/dang-nhap").text)
    for username, password in (("an", "sai-mat-khau"), ("khong-co", PASSWORD)):
        response = anonymous.post(
            "/dang-nhap", data={"username": username, "password": password, "csrf_token": token}
        )
        assert response.status_code == 401
        assert "không đúng" in response.text


def test_session_cookie_is_signed_httponly_and_strict(settings):
    anonymous = TestClient(create_app(settings), follow_redirects=False)
    response = anonymous.get("/dang-nhap")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    forged = anonymous.cookies.get("plancheck_session", "") + "0"
    anonymous.cookies.set("plancheck_session", forged)
    assert anonymous.get("/").status_code == 303


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/dang-nhap", {"username": "an", "password": PASSWORD}),
        ("/dang-xuat", {}),
        ("/ho-so/1/ra-soat-lai", {"parent": "none"}),
        ("/ket-qua/1/chap-nhan", {"fingerprint": "0" * 16, "reason": "Đồng ý"}),
    ],
)
@pytest.mark.parametrize("token", [None, "", "0" * 64])
def test_forms_without_a_valid_csrf_token_are_refused(client, path, fields, token):
    data = dict(fields)
    if token is not None:
        data["csrf_token"] = token
    response = client.post(path, data=data)
    assert response.status_code == 403


def test_upload_without_csrf_token_is_refused_and_nothing_is_stored(client, settings):
    response = client.post("/tai-len", files={"file": ("a.txt", b"Ke hoach", "text/plain")})
    assert response.status_code == 403
    assert list(settings.uploads_dir.iterdir()) == []


def test_every_page_has_a_strict_content_security_policy(client):
    _, location = upload(client, "48.txt", WARD_PLAN.read_bytes(), parent="none")
    for path in (
        "/",
        "/dang-nhap",
        location,
        f"{location}/bao-cao",
        f"{location}/tai-ve/json",
        "/khong-co-trang-nay",
    ):
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in policy, path
        assert "unsafe-eval" not in policy
        scripts = re.search(r"script-src ([^;]*)", policy)
        assert scripts is None or "unsafe-inline" not in scripts.group(1)
    assert "sandbox" in client.get(f"{location}/bao-cao").headers["content-security-policy"]


def test_document_text_is_escaped_in_page_report_and_downloads(client):
    status, location = upload(client, "<img src=x onerror=alert(9)>.txt", HOSTILE_PLAN.encode())
    assert status == 303
    bodies = [
        client.get(location).text,
        client.get(f"{location}/bao-cao").text,
        client.get(f"{location}/tai-ve/html").text,
        client.get("/").text,
    ]
    for body in bodies:
        assert "<script>alert" not in body
        assert "<img src=x onerror" not in body
        assert "<b onmouseover" not in body
    assert "&lt;script&gt;alert" in bodies[1]
    assert "&lt;img src=x onerror=alert(9)&gt;.txt" in bodies[3]


@pytest.mark.parametrize(
    "suffix",
    [
        "../../../../etc/passwd",
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e/%2e%2e/secret.key",
        "..%252F..%252Fsecret.key",
        "....//....//secret.key",
        "%2e%2e%5c%2e%2e%5csecret.key",
        "json/../../../secret.key",
        "docx%00.json",
    ],
)
def test_download_routes_do_not_traverse(client, settings, suffix):
    _, location = upload(client, "48.txt", WARD_PLAN.read_bytes(), parent="none")
    secret = settings.data_dir / "secret.key"
    secret.write_text("BI-MAT-KHONG-DUOC-LO")
    for base in (f"{location}/tai-ve/", f"{location}/", "/ho-so/", "/"):
        response = client.get(base + suffix)
        assert response.status_code in (303, 400, 404), (base, suffix)
        assert "BI-MAT-KHONG-DUOC-LO" not in response.text
        assert "root:" not in response.text


def test_offices_see_only_their_uploads_and_auditors_see_all(settings, client):
    _, location = upload(client, "van-ban-cua-an.txt", WARD_PLAN.read_bytes(), parent="none")
    with signed_in_client(settings, "binh") as other:
        assert "van-ban-cua-an.txt" not in other.get("/").text
        for path in (location, f"{location}/bao-cao", f"{location}/tai-ve/docx", "/ho-so/1"):
            assert other.get(path).status_code == 404, path
        token = csrf_token(other.get("/").text)
        assert other.post("/ho-so/1/ra-soat-lai", data={"csrf_token": token}).status_code == 404
        options = other.get("/").text
        assert "Đã tải lên #1" not in options
    with signed_in_client(settings, "chi") as auditor:
        assert "van-ban-cua-an.txt" in auditor.get("/").text
        assert auditor.get(location).status_code == 200


def test_oversized_and_mismatched_uploads_are_refused_before_storage(client, settings):
    status, _ = upload(client, "lon.txt", b"a" * (300 * 1024))
    assert status == 413
    status, _ = upload(client, "gia.pdf", b"MZ\x90\x00 not a pdf")
    assert status == 400
    status, _ = upload(client, "virus.exe", b"MZ\x90\x00")
    assert status == 400
    assert list(settings.uploads_dir.iterdir()) == []


def test_sign_out_ends_the_session(client):
    token = csrf_token(client.get("/").text)
    assert client.post("/dang-xuat", data={"csrf_token": token}).status_code == 303
    assert client.get("/").status_code == 303


def test_reports_name_the_file_as_uploaded_never_the_server_path(client, settings):
    _, location = upload(client, "Kế hoạch 48 (bản sửa).txt", WARD_PLAN.read_bytes())
    (storage_name,) = [path.name for path in settings.uploads_dir.iterdir()]
    for kind in ("json", "html"):
        body = client.get(f"{location}/tai-ve/{kind}").text
        assert str(settings.data_dir) not in body
        assert storage_name not in body
        assert str(PLANS) not in body
    assert "Kế hoạch 48 (bản sửa).txt" in client.get(f"{location}/tai-ve/json").text


def test_cookie_is_secure_when_tls_is_in_front(settings):
    from dataclasses import replace

    behind_tls = TestClient(create_app(replace(settings, secure_cookies=True)))
    assert "secure" in behind_tls.get("/dang-nhap").headers["set-cookie"].lower()


def test_expired_session_signs_out(settings, monkeypatch):
    import time

    with signed_in_client(settings, "an") as client:
        assert client.get("/").status_code == 200
        later = time.time() + settings.session_hours * 3600 + 60
        monkeypatch.setattr(time, "time", lambda: later)
        assert client.get("/").status_code == 303


def test_repeated_wrong_passwords_block_sign_in_for_a_while(settings):
    anonymous = TestClient(create_app(settings), follow_redirects=False)
    token = csrf_token(anonymous.get("/dang-nhap").text)

    def attempt(password):
        return anonymous.post(
            "/dang-nhap", data={"username": "an", "password": password, "csrf_token": token}
        ).status_code

    assert [attempt("sai-mat-khau") for _ in range(5)] == [401] * 5
    assert attempt(PASSWORD) == 429
    with signed_in_client(settings, "binh") as other:  # other accounts are unaffected
        assert other.get("/").status_code == 200


TOWN_FILE = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"


def test_an_auditor_recheck_never_shows_one_office_the_plan_of_another(settings, client):
    # Office A ("an") uploads the ward plan; office B ("binh") uploads its parent.
    upload(client, "ke-hoach-phuong.txt", WARD_PLAN.read_bytes(), parent="none")
    with signed_in_client(settings, "binh") as other:
        upload(other, "ke-hoach-cua-van-phong-b.txt", TOWN_FILE.read_bytes(), parent="none")
    with signed_in_client(settings, "chi") as auditor:
        page = auditor.get("/ket-qua/1").text
        assert "Đã tải lên #1" not in page and "Đã tải lên #2" not in page  # A's own; B's
        token = csrf_token(page)
        runs = []
        for parent in ("upload:2", ""):  # B's plan chosen by hand, then automatic detection
            response = auditor.post(
                "/ho-so/1/ra-soat-lai", data={"csrf_token": token, "parent": parent}
            )
            assert response.status_code == 303
            runs.append(response.headers["location"])
        for location in runs:
            assert "ke-hoach-cua-van-phong-b.txt" not in auditor.get(f"{location}/tai-ve/json").text
    for location in runs:
        assert client.get(location).status_code == 200
        for kind in ("json", "html"):
            body = client.get(f"{location}/tai-ve/{kind}").text
            assert "ke-hoach-cua-van-phong-b.txt" not in body
    assert "ke-hoach-cua-van-phong-b.txt" not in client.get("/").text


def test_a_run_made_earlier_against_another_office_is_hidden_from_the_first(settings, client):
    from app.store import CheckRun, Database

    upload(client, "ke-hoach-phuong.txt", WARD_PLAN.read_bytes(), parent="none")
    with signed_in_client(settings, "binh") as other:
        upload(other, "ke-hoach-cua-van-phong-b.txt", TOWN_FILE.read_bytes(), parent="none")
    database = Database(settings.database_url)
    with database.transaction() as session:  # as an auditor's recheck stored it before
        old = session.get_one(CheckRun, 1)
        session.add(
            CheckRun(
                upload_id=1,
                parent_kind="upload",
                parent_ref="2",
                parent_label="Đã tải lên #2: ke-hoach-cua-van-phong-b.txt",
                plan_json=old.plan_json,
                result_json=old.result_json,
                status=old.status,
            )
        )
    database.dispose()
    assert client.get("/ket-qua/3").status_code == 404
    assert client.get("/ket-qua/3/tai-ve/json").status_code == 404
    assert "ke-hoach-cua-van-phong-b.txt" not in client.get("/").text
    assert 'href="/ket-qua/3"' not in client.get("/ket-qua/1").text
    with signed_in_client(settings, "chi") as auditor:
        assert auditor.get("/ket-qua/3").status_code == 200


def test_a_cookie_saved_before_sign_out_no_longer_works(settings):
    with signed_in_client(settings, "an") as client, signed_in_client(settings, "an") as laptop:
        saved = dict(client.cookies)
        token = csrf_token(client.get("/").text)
        assert client.post("/dang-xuat", data={"csrf_token": token}).status_code == 303
        replay = TestClient(create_app(settings), follow_redirects=False, cookies=saved)
        assert replay.get("/").status_code == 303
        assert replay.get("/ket-qua/1").status_code == 303
        assert laptop.get("/").status_code == 303  # signing out ends every session of "an"
    with signed_in_client(settings, "an") as again:  # signing in again works
        assert again.get("/").status_code == 200


def test_a_password_change_ends_the_other_sessions(settings):
    with signed_in_client(settings, "an") as client, signed_in_client(settings, "an") as laptop:
        token = csrf_token(client.get("/doi-mat-khau").text)
        fields = {"csrf_token": token, "current": "sai-mat-khau", "new": "mat-khau-moi-1"}
        wrong = client.post("/doi-mat-khau", data={**fields, "repeated": "mat-khau-moi-1"})
        assert wrong.status_code == 400 and "không đúng" in wrong.text
        fields["current"] = PASSWORD
        response = client.post("/doi-mat-khau", data={**fields, "repeated": "mat-khau-moi-1"})
        assert response.status_code == 200 and "Đã đổi mật khẩu" in response.text
        assert client.get("/").status_code == 200  # this session goes on
        assert laptop.get("/").status_code == 303  # the other one has ended
    anonymous = TestClient(create_app(settings), follow_redirects=False)
    token = csrf_token(anonymous.get("/dang-nhap").text)
    sign_in = {"username": "an", "csrf_token": token}
    assert anonymous.post("/dang-nhap", data={**sign_in, "password": PASSWORD}).status_code == 401
    assert (
        anonymous.post("/dang-nhap", data={**sign_in, "password": "mat-khau-moi-1"}).status_code
        == 303
    )


def test_parallel_wrong_passwords_check_at_most_the_limit(settings, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from app.web import routes_auth

    checked = []
    real = routes_auth.authenticate

    def counting(session, username, password):
        checked.append(password)
        return real(session, username, password)

    monkeypatch.setattr(routes_auth, "authenticate", counting)
    application = create_app(settings)
    clients = [TestClient(application, follow_redirects=False) for _ in range(8)]
    tokens = [csrf_token(client.get("/dang-nhap").text) for client in clients]

    def attempt(number):
        client, token = clients[number % 8], tokens[number % 8]
        data = {"username": "an", "password": f"sai-{number}", "csrf_token": token}
        return client.post("/dang-nhap", data=data).status_code

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(attempt, range(40)))
    assert len(checked) <= 5, len(checked)
    assert statuses.count(401) == len(checked) and statuses.count(429) == 40 - len(checked)


def test_the_sign_in_limit_holds_across_server_processes(settings):
    first, second = (TestClient(create_app(settings), follow_redirects=False) for _ in range(2))

    def attempt(client, password):
        token = csrf_token(client.get("/dang-nhap").text)
        data = {"username": "an", "password": password, "csrf_token": token}
        return client.post("/dang-nhap", data=data).status_code

    assert [attempt(first, "sai-mat-khau") for _ in range(5)] == [401] * 5
    assert attempt(second, PASSWORD) == 429


@pytest.mark.parametrize("number", [2**63, 2**64 + 5, 10**30, 0])
def test_ids_beyond_64_bits_are_not_found(client, number):
    for path in (f"/ket-qua/{number}", f"/ket-qua/{number}/tai-ve/json", f"/ho-so/{number}"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Traceback" not in response.text
    token = csrf_token(client.get("/").text)
    recheck = client.post(f"/ho-so/{number}/ra-soat-lai", data={"csrf_token": token})
    assert recheck.status_code == 404
