"""``plancheck serve`` and ``plancheck create-admin``; raw HTTP against a served page."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.web_commands import is_loopback
from tests.web.server import Server, signed_in
from tests.web.support import PASSWORD, PLANS, ROOT, add_account, csrf_token, make_settings


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.8.9.1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
    ],
)
def test_loopback_detection(host, loopback):
    assert is_loopback(host) is loopback


def test_serve_warns_in_both_languages_when_not_on_loopback(monkeypatch, tmp_path):
    started = []
    monkeypatch.setattr("uvicorn.run", lambda application, **options: started.append(options))
    result = CliRunner().invoke(
        app, ["serve", "--host", "0.0.0.0", "--port", "8123", "--data-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "CẢNH BÁO" in result.output and "WARNING" in result.output
    assert "TLS" in result.output
    assert started == [
        {"host": "0.0.0.0", "port": 8123, "log_level": "info", "proxy_headers": False}
    ]


def test_serve_on_loopback_is_quiet(monkeypatch, tmp_path):
    monkeypatch.setattr("uvicorn.run", lambda application, **options: None)
    result = CliRunner().invoke(app, ["serve", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert "CẢNH BÁO" not in result.output


def test_serve_with_a_data_directory_it_cannot_create_says_so_in_both_languages(tmp_path):
    # Issue 22, item 10: a traceback. A file stands where the directory should be made.
    blocker = tmp_path / "tep"
    blocker.write_text("không phải thư mục")
    result = CliRunner().invoke(app, ["serve", "--data-dir", str(blocker / "data")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and not isinstance(result.exception, OSError)
    assert "không tạo hoặc ghi được thư mục dữ liệu" in result.output
    assert "cannot create or write the data directory" in result.output
    assert str(blocker / "data") in result.output


def test_create_admin_then_sign_in(tmp_path):
    data_dir = make_settings(tmp_path).data_dir
    arguments = [
        "create-admin",
        "--username",
        "quantri",
        "--office",
        "Văn phòng Tỉnh ủy",
        "--data-dir",
        str(data_dir),
    ]
    result = CliRunner().invoke(app, arguments, env={"PLANCHECK_ADMIN_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    again = CliRunner().invoke(app, arguments, env={"PLANCHECK_ADMIN_PASSWORD": PASSWORD})
    assert again.exit_code == 2 and "đã tồn tại" in again.output
    short = CliRunner().invoke(
        app, [*arguments[:2], "khac", *arguments[3:]], env={"PLANCHECK_ADMIN_PASSWORD": "ngan"}
    )
    assert short.exit_code == 2 and "ít nhất" in short.output
    server = Server(data_dir, tmp_path / "server.log")
    try:
        client = signed_in(server.url, "quantri")
        assert "Quản trị" in client.get("/").text
        client.close()
    finally:
        server.stop()


def test_command_line_does_not_import_the_web_stack():
    code = (
        "import sys, app.cli; "
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette', 'sqlalchemy') "
        "if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server with one checked upload, shared by the raw-request cases."""
    tmp_path = tmp_path_factory.mktemp("served")
    settings = make_settings(tmp_path)
    add_account(settings, "an", "Ban Dân vận")
    server = Server(settings.data_dir, tmp_path / "server.log")
    try:
        client = signed_in(server.url, "an")
        token = csrf_token(client.get("/").text)
        response = client.post(
            "/tai-len",
            data={"csrf_token": token, "parent": "none"},
            files={
                "file": ("48.txt", (PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt").read_bytes())
            },
        )
        assert response.headers["location"] == "/ket-qua/1"
        cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
        client.close()
        yield server, cookie, settings.data_dir
    finally:
        server.stop()


def raw_get(port: int, target: str, cookie: str) -> bytes:
    """Send a request byte for byte: an HTTP library would normalise the dots away."""
    request = (
        f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    ).encode()
    response = b""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(request)
        while chunk := connection.recv(65536):
            response += chunk
    return response


def test_raw_request_sees_the_real_download(served):
    server, cookie, _ = served
    response = raw_get(server.port, "/ket-qua/1/tai-ve/json", cookie)
    assert response.startswith(b"HTTP/1.1 200")
    assert b'"schema_version"' in response


@pytest.mark.parametrize(
    "target",
    [
        "/ket-qua/1/tai-ve/../../../../etc/passwd",
        "/ket-qua/1/tai-ve/..%2f..%2f..%2fsecret.key",
        "/ket-qua/1/tai-ve/%2e%2e%2f%2e%2e%2fsecret.key",
        "/ket-qua/1/tai-ve/..\\..\\secret.key",
        "/ket-qua/1/tai-ve/%252e%252e%252fsecret.key",
        "/ket-qua/1/tai-ve/json%00../../secret.key",
        "/../../secret.key",
        "/%2e%2e/%2e%2e/secret.key",
        "/ho-so/..%2f..%2fsecret.key",
        "/uploads/../secret.key",
    ],
)
def test_raw_traversal_requests_never_reach_files(served, target):
    server, cookie, data_dir = served
    response = raw_get(server.port, target, cookie)
    status = int(response.split(b" ", 2)[1])
    assert status in (400, 404, 422), response[:300]
    assert (data_dir / "secret.key").read_bytes() not in response
    assert b"root:" not in response
