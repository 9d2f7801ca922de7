"""A chunked upload over the limit gets 413, as one that declares its length (issue 22, 10)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tests.web.support import add_account, csrf_token, make_settings, signed_in_client


def _multipart(token: str, size: int) -> Iterator[bytes]:
    boundary = b"ranh-gioi"
    yield b"--" + boundary + b'\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
    yield token.encode() + b"\r\n--" + boundary
    yield b'\r\nContent-Disposition: form-data; name="file"; filename="lon.txt"\r\n'
    yield b"Content-Type: text/plain\r\n\r\n"
    chunk = "Kế hoạch số 1\n".encode() * 4096
    sent = 0
    while sent < size:
        yield chunk
        sent += len(chunk)
    yield b"\r\n--" + boundary + b"--\r\n"


def test_a_chunked_upload_over_the_limit_gets_413(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_upload_bytes=256 * 1024)
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    with signed_in_client(settings, "an") as client:
        token = csrf_token(client.get("/").text)
        response = client.post(
            "/tai-len",
            content=_multipart(token, 2 * 1024 * 1024),  # no Content-Length: chunked
            headers={"Content-Type": "multipart/form-data; boundary=ranh-gioi"},
        )
    assert response.status_code == 413
    assert "quá lớn" in response.text
    assert not list(settings.uploads_dir.iterdir())
