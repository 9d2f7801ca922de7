"""Issue 15 item 10: what a person reads is Vietnamese; no exception class names, no slugs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from extract.errors import explain


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")


def test_explain_gives_the_cause_in_vietnamese_and_never_the_class_name() -> None:
    assert explain(zipfile.BadZipFile("File is not a zip file")) == (
        "tệp nén (zip) bị hỏng / File is not a zip file"
    )
    assert explain(KeyError("word/document.xml")).startswith("thiếu một phần bắt buộc / ")
    assert explain(RuntimeError()) == "lỗi của thư viện đọc tệp / reader library error"
    decoding = explain(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"))
    assert decoding.startswith("sai bảng mã ký tự / ") and "UnicodeDecodeError" not in decoding


@pytest.mark.parametrize(
    ("name", "content"),
    [("hong.docx", b"not a zip at all"), ("thieu.docx", None), ("hong.pdf", b"%PDF-1.4\n1 0 obj")],
)
def test_unreadable_files_name_no_exception_class(tmp_path: Path, name: str, content) -> None:
    path = tmp_path / name
    if content is None:  # a zip without word/document.xml
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
    else:
        path.write_bytes(content)
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    message = result.stderr
    assert message.startswith("Lỗi / Error: ")
    for class_name in ("BadZipFile", "KeyError", "PDFSyntaxError", "PSEOF", "Exception"):
        assert class_name not in message, message


def test_rule_slugs_are_for_json_only(tmp_path: Path) -> None:
    from tests.conftest import PLANS

    runner = CliRunner()
    detail = runner.invoke(app, ["rules", "C001"])
    assert detail.exit_code == 0 and "coverage.missing-target" not in detail.stdout
    assert '"name": "coverage.missing-target"' in runner.invoke(
        app, ["rules", "--format", "json"]
    ).stdout.replace("\n", "").replace("  ", "")
    ward = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
    town = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
    page = tmp_path / "bao-cao.html"
    runner.invoke(app, ["check", str(ward), "-a", str(town), "-f", "html", "-o", str(page)])
    html = page.read_text(encoding="utf-8")
    for slug in ("coverage.missing-", "targets.weaker", "dates.invalid", "structure.spelling"):
        assert slug not in html, slug
    json_text = runner.invoke(app, ["check", str(ward), "-a", str(town), "-f", "json"]).stdout
    assert "targets.weaker" in json_text
