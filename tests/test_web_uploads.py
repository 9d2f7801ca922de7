"""Upload checks before storage: extension, size, magic bytes, generated names."""

from __future__ import annotations

import pytest

from app.web.uploads import (
    UploadRejected,
    accept_upload,
    display_file_name,
    is_text,
    store_file,
    stored_path,
)

LIMIT = 1024 * 1024


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plan.pdf", b"%PDF-1.7\n1 0 obj\n"),
        ("plan.docx", b"PK\x03\x04" + b"\x00" * 40),
        ("plan.txt", "Kế hoạch số 48-KH/ĐU".encode()),
        ("plan.md", "# Kế hoạch\n".encode("utf-16")),
        ("PLAN.TXT", "KÕ ho¹ch".encode("cp1252")),  # TCVN3 bytes: 8-bit legacy text
    ],
)
def test_accepts_files_whose_content_matches_the_extension(name, data):
    accepted = accept_upload(name, data, LIMIT)
    assert accepted.extension == name[name.rindex(".") :].lower()


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("plan.exe", b"MZ\x90\x00", "Chỉ nhận"),
        ("plan", b"text", "không có phần mở rộng"),
        ("plan.pdf", b"PK\x03\x04zip", "không khớp"),
        ("plan.docx", b"%PDF-1.4", "không khớp"),
        ("plan.txt", b"\x00\x01\x02\x03binary" * 10, "không khớp"),
        ("plan.md", bytes(range(256)) * 4, "không khớp"),
        ("plan.txt", b"", "rỗng"),
    ],
)
def test_refuses_wrong_extension_or_content(name, data, words):
    with pytest.raises(UploadRejected) as caught:
        accept_upload(name, data, LIMIT)
    assert words in caught.value.message


def test_refuses_files_over_the_limit_with_413():
    with pytest.raises(UploadRejected) as caught:
        accept_upload("plan.txt", b"a" * (LIMIT + 1), LIMIT)
    assert caught.value.status_code == 413


@pytest.mark.parametrize(
    ("client_name", "shown"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\an\\Desktop\\Kế hoạch 48.docx", "Kế hoạch 48.docx"),
        ("..\\..\\win.ini.txt", "win.ini.txt"),
        ("bad\x00name\n.txt", "badname.txt"),
        ("", "tep-khong-ten"),
    ],
)
def test_display_name_is_only_the_last_component(client_name, shown):
    assert display_file_name(client_name) == shown


def test_stored_under_generated_names_inside_the_folder(tmp_path):
    first = store_file(tmp_path, ".txt", b"one")
    second = store_file(tmp_path, ".txt", b"one")
    assert first != second
    assert stored_path(tmp_path, first).read_bytes() == b"one"
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([first, second])


@pytest.mark.parametrize("name", ["../secret.txt", "a" * 32 + ".exe", "%2e%2e%2fx.txt", ""])
def test_stored_path_refuses_names_it_did_not_make(tmp_path, name):
    with pytest.raises(ValueError):
        stored_path(tmp_path, name)


def test_utf16_without_bom_is_not_text():
    assert not is_text("Kế hoạch".encode("utf-16-le"))
