"""Broken and hostile files: a clear bilingual one-line message and exit 2, never a traceback.

Each refused case checks three things: ``load_plan`` raises ``PlanInputError``
with the expected reason, the message names the file and states the cause in
Vietnamese and English, and ``plancheck extract`` exits 2 printing that line
and no traceback. Cases that must *load* (owner-password PDF, recoverable xref,
XXE, deep tables, odd file names) check what was read.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from extract import load_plan
from extract.errors import REASONS, PlanInputError
from extract.limits import Limits
from extract.loaders.docx import MAX_TABLE_DEPTH, load_docx
from tests.render import (
    blank_pages_pdf,
    blank_scan_pdf,
    docx_parts,
    encrypted_pdf,
    nested_tables_docx,
    pdf_bytes,
    render_docx,
    render_pdf,
    write_docx_parts,
    xxe_docx,
    zip_bomb_docx,
)

LINES = ["KẾ HOẠCH", "Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022", "Chỉ tiêu: trên 65%"]


def assert_refused(path: Path, reason: str, *, detail: str = "") -> PlanInputError:
    """Check the error, its one-line bilingual message, and the CLI's exit 2."""
    with pytest.raises(PlanInputError) as caught:
        load_plan(path)
    error = caught.value
    vietnamese, english = REASONS[reason]
    assert error.reason == reason
    assert "\n" not in error.message
    assert str(path) in error.message and vietnamese in error.message and english in error.message
    assert detail in error.message
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert error.message in result.output
    return error


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _good_pdf() -> bytes:
    return pdf_bytes(LINES)


# --------------------------------------------------------------------------- files


def test_missing_file(tmp_path: Path) -> None:
    assert_refused(tmp_path / "không-có.pdf", "missing")


def test_unsupported_extension(tmp_path: Path) -> None:
    assert_refused(_write(tmp_path / "plan.xlsx", b"PK\x03\x04"), "unsupported", detail=".xlsx")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    assert_refused(_write(tmp_path / f"rỗng{suffix}", b""), "empty")


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    text = "KẾ HOẠCH số 48-KH/ĐU".encode()
    assert_refused(_write(tmp_path / "plan.docx", text), "not-docx")


@pytest.mark.parametrize(("suffix", "reason"), [(".pdf", "corrupt-pdf"), (".docx", "not-docx")])
def test_random_bytes(tmp_path: Path, suffix: str, reason: str) -> None:
    noise = random.Random(8).randbytes(20_000)
    assert_refused(_write(tmp_path / f"noise{suffix}", noise), reason)


def test_random_bytes_behind_a_pdf_header(tmp_path: Path) -> None:
    noise = b"%PDF-1.7\n" + random.Random(13).randbytes(20_000) + b"\n%%EOF\n"
    assert_refused(_write(tmp_path / "noise.pdf", noise), "corrupt-pdf")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = _good_pdf()
    assert_refused(_write(tmp_path / "cut.pdf", data[: len(data) * 2 // 3]), "corrupt-pdf")


def test_pdf_with_broken_xref_offsets_is_refused(tmp_path: Path) -> None:
    # Every xref entry points 7 bytes past its object: nothing resolves.
    shifted = re.sub(
        rb"(\d{10}) 00000 n", lambda match: b"%010d 00000 n" % (int(match[1]) + 7), _good_pdf()
    )
    assert_refused(_write(tmp_path / "xref.pdf", shifted), "corrupt-pdf", detail="no pages found")


def test_pdf_with_lost_xref_is_rebuilt_and_read(tmp_path: Path) -> None:
    data = _good_pdf()
    start = data.rfind(b"startxref")
    broken = data[:start] + b"startxref\n999999\n%%EOF\n"
    plan = load_plan(_write(tmp_path / "lost-xref.pdf", broken))
    assert [line.raw for line in plan.lines] == LINES
    assert any("xref" in note for note in plan.notes)


def test_pdf_encrypted_with_a_user_password(tmp_path: Path) -> None:
    data = encrypted_pdf(LINES, user_password="mật-khẩu", owner_password="chủ")
    assert_refused(_write(tmp_path / "locked.pdf", data), "encrypted-pdf")


def test_pdf_with_certificate_security_is_encrypted(tmp_path: Path) -> None:
    data = encrypted_pdf(LINES, user_password="mật-khẩu", owner_password="chủ")
    certificate = data.replace(b"/Filter /Standard", b"/Filter /Adobe.PubSec")
    assert certificate != data
    assert_refused(_write(tmp_path / "cert.pdf", certificate), "encrypted-pdf", detail="security")


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    data = encrypted_pdf(LINES, user_password="", owner_password="chủ")
    plan = load_plan(_write(tmp_path / "owner-only.pdf", data))
    assert [line.raw for line in plan.lines] == LINES
    assert any("owner password" in note for note in plan.notes)


def test_scanned_pdf_without_readable_text_names_the_page(tmp_path: Path) -> None:
    error = assert_refused(_write(tmp_path / "scan.pdf", blank_scan_pdf()), "unreadable-scan")
    assert "Trang 1" in error.message and "page 1" in error.message


def test_docx_zip_bomb_by_ratio(tmp_path: Path) -> None:
    bomb = _write(tmp_path / "bomb.docx", zip_bomb_docx(8 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    assert_refused(bomb, "zip-bomb", detail="word/media/padding.bin")


def test_docx_zip_bomb_by_total_size(tmp_path: Path) -> None:
    data = zip_bomb_docx(300_000)  # under the ratio floor: only the total size can catch it
    limits = Limits(max_docx_uncompressed=200_000)
    with pytest.raises(PlanInputError) as caught:
        load_docx(tmp_path / "big.docx", data, limits)
    assert caught.value.reason == "zip-bomb" and "uncompressed" in caught.value.detail


def test_docx_external_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = _write(tmp_path / "secret.txt", b"BI-MAT-KHONG-DUOC-LO")
    plan = load_plan(_write(tmp_path / "xxe.docx", xxe_docx(secret)))
    dumped = plan.model_dump_json()
    assert "BI-MAT-KHONG-DUOC-LO" not in dumped
    assert any(line.raw.startswith("Xin") and line.raw.endswith("chào") for line in plan.lines)


def test_docx_deeply_nested_tables_load_bounded(tmp_path: Path) -> None:
    depth = MAX_TABLE_DEPTH * 5
    data = nested_tables_docx(depth, "ô trong cùng")
    document = load_docx(tmp_path / "nested.docx", data)
    texts = [line.raw for line in document.lines]
    assert "ô trong cùng" in texts and f"cấp {depth}" in texts
    tables = {line.cell.split(".")[0] for line in document.lines if line.cell}
    assert len(tables) == MAX_TABLE_DEPTH  # deeper tables read as their container's text
    assert any("lồng nhau" in note for note in document.notes)


def test_pdf_over_the_page_limit_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCHECK_MAX_PAGES", "2")
    rendered = render_pdf([f"Dòng {number}" for number in range(150)], tmp_path / "long.pdf")
    assert_refused(rendered, "too-many-pages", detail="> 2")


def test_pdf_over_the_default_page_limit(tmp_path: Path) -> None:
    assert Limits().max_pages == 200
    pages = _write(tmp_path / "pages.pdf", blank_pages_pdf(2000))
    assert_refused(pages, "too-many-pages", detail="2000 > 200")


def test_text_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHECK_MAX_BYTES", "1000")
    assert_refused(_write(tmp_path / "big.txt", "Kế hoạch ".encode() * 200), "too-large")


def test_fifty_megabytes_refused_by_default_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: costs no disk and no memory
        handle.truncate(Limits().max_bytes + 1)

    def refuse_to_read(self: Path) -> bytes:
        raise AssertionError(f"read {self} before checking its size")

    monkeypatch.setattr(Path, "read_bytes", refuse_to_read)
    monkeypatch.delenv("PLANCHECK_MAX_BYTES", raising=False)
    with pytest.raises(PlanInputError) as caught:
        load_plan(big)
    assert caught.value.reason == "too-large"


# --------------------------------------------------------------------------- names


NAME = "Kế hoạch \"số 48\" của 'Đảng ủy' phường"


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_vietnamese_name_with_spaces_and_quotes_loads(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"{NAME}{suffix}"
    if suffix == ".txt":
        path.write_text("\n".join(LINES), encoding="utf-8")
    elif suffix == ".docx":
        render_docx(LINES, path)
    else:
        render_pdf(LINES, path)
    plan = load_plan(path)
    assert plan.source.name == path.name
    assert [line.raw for line in plan.lines] == LINES
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output


def test_vietnamese_name_appears_in_the_error(tmp_path: Path) -> None:
    assert_refused(_write(tmp_path / f"{NAME}.pdf", b"not a pdf"), "corrupt-pdf")


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ke-hoach.txt", "KẾ HOẠCH")
    assert_refused(_write(tmp_path / "archive.docx", buffer.getvalue()), "not-docx")


def test_docx_with_malformed_document_xml(tmp_path: Path) -> None:
    parts = docx_parts(LINES)
    parts["word/document.xml"] = parts["word/document.xml"][:-40]
    data = write_docx_parts(io.BytesIO(), parts).getvalue()  # type: ignore[union-attr]
    assert_refused(_write(tmp_path / "broken.docx", data), "not-docx")
