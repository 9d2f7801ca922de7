"""Helpers shared by the web tests: a fresh data directory, accounts, sign-in, CSRF tokens."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from fastapi.testclient import TestClient

from app.store import Database
from app.store.repository import create_user
from app.web import Settings, create_app
from app.web.worker import PoolLimits

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "corpus" / "plans"
PASSWORD = "mat-khau-thu-nghiem"
CSRF_PATTERN = re.compile(r'name="csrf_token" value="([A-Za-z0-9_-]+)"')

# A small plan whose text carries markup that must never reach a browser as markup.
HOSTILE_PLAN = """ĐẢNG BỘ THỊ XÃ <img src=x onerror=alert(1)>
ĐẢNG ỦY PHƯỜNG <script>alert('xss')</script>
Số 99-KH/ĐU
KẾ HOẠCH
thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy <script>alert(2)</script>
I- Mục đích, yêu cầu
- Quán triệt <b onmouseover=alert(3)>Đề án</b> trong toàn Đảng bộ.
II- Nội dung thực hiện
1. Hằng năm, phấn đấu 100% chi bộ học tập <script>alert(4)</script> Đề án.
"""


def make_settings(
    tmp_path: Path, max_upload_bytes: int = 2 * 1024 * 1024, database_url: str | None = None
) -> Settings:
    """Settings in a fresh data directory; the store in SQLite there unless a URL is given."""
    data_dir = tmp_path / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    return Settings(
        data_dir=data_dir,
        database_url=database_url or f"sqlite:///{data_dir / 'plancheck.sqlite3'}",
        secret_key=secrets.token_bytes(32),
        max_upload_bytes=max_upload_bytes,
        parent_plans_dir=PLANS,
        # Checks in the test's own process, so that a test may replace a stage of the
        # pipeline; tests/test_web_workers.py and the real-server tests run workers.
        check_limits=PoolLimits(workers=0),
    )


def add_account(settings: Settings, username: str, office: str, role: str = "reviewer") -> None:
    database = Database(settings.database_url)
    try:
        with database.transaction() as session:
            create_user(session, username, PASSWORD, office, role=role, full_name=username.title())
    finally:
        database.dispose()


def csrf_token(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match is not None, "page has no CSRF token"
    return match.group(1)


def signed_in_client(settings: Settings, username: str) -> TestClient:
    client = TestClient(create_app(settings), follow_redirects=False)
    token = csrf_token(client.get("/dang-nhap").text)
    response = client.post(
        "/dang-nhap", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 303, response.text
    return client


def upload(client: TestClient, name: str, data: bytes, parent: str = "") -> tuple[int, str]:
    """POST a file through the upload form; return the status and the Location header."""
    token = csrf_token(client.get("/").text)
    response = client.post(
        "/tai-len",
        data={"csrf_token": token, "parent": parent},
        files={"file": (name, data, "application/octet-stream")},
    )
    return response.status_code, response.headers.get("location", "")
