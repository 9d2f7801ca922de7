import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from app.cli import app
from tests.conftest import PLANS, ROOT

WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
PARENT_OF_WARD = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")


def _check(*arguments: str):
    return CliRunner().invoke(app, ["check", *arguments])


def test_json_report_and_exit_code_agree(tmp_path: Path) -> None:
    result = _check(str(WARD), "--against", str(PARENT_OF_WARD), "--format", "json")
    report = json.loads(result.stdout)
    assert report["schema_version"]
    assert report["parent"]["name"] == PARENT_OF_WARD.name
    assert result.exit_code == (1 if report["status"] == "failed" else 0)
    assert result.exit_code == (1 if report["counts"]["error"] else 0)


def test_text_report_has_one_line_per_finding(tmp_path: Path) -> None:
    as_json = _check(str(WARD), "--against", str(PARENT_OF_WARD), "-f", "json", "-o",
                     str(tmp_path / "report.json"))
    findings = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["findings"]
    result = _check(str(WARD), "--against", str(PARENT_OF_WARD))
    assert result.exit_code == as_json.exit_code
    lines = result.stdout.splitlines()
    for finding in findings:
        assert any(finding["code"] in line and finding["message"] in line for line in lines)
    assert lines[-1].startswith("Tổng cộng:")
    finding_lines = [line for line in lines if re.search(r"\s[A-Z]\d{3}\s", line)]
    assert len(finding_lines) == len(findings)


def test_html_and_docx_files(tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    _check(str(WARD), "--against", str(PARENT_OF_WARD), "-f", "html", "-o", str(html))
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    note = tmp_path / "report.docx"
    result = _check(str(WARD), "--against", str(PARENT_OF_WARD), "-f", "docx", "-o", str(note))
    assert result.exit_code in (0, 1)
    assert docx.Document(str(note)).tables


def test_docx_of_a_plan_with_a_control_character(tmp_path: Path) -> None:
    """Issue 22.2: an ESC after "55%" made lxml refuse the review note."""
    plan = tmp_path / "phường.txt"
    plan.write_text(WARD.read_text(encoding="utf-8").replace("55%", "55%\x1b", 1), "utf-8")
    note = tmp_path / "note.docx"
    result = _check(str(plan), "--against", str(PARENT_OF_WARD), "-f", "docx", "-o", str(note))
    assert result.exit_code in (0, 1), result.output
    cells = [cell.text for table in docx.Document(str(note)).tables for row in table.rows
             for cell in row.cells]
    assert any("55%␛" in text for text in cells)


def test_docx_needs_an_output_file() -> None:
    result = _check(str(WARD), "-f", "docx")
    assert result.exit_code == 2
    assert "-o" in result.stderr


def test_the_parent_is_found_in_the_corpus_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(PLANS, corpus)
    (corpus / "trống.txt").write_bytes(b"")  # an unreadable candidate is skipped
    result = _check(str(WARD), "--corpus", str(corpus), "-f", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert report["parent"]["name"] == PARENT_OF_WARD.name
    again = _check(str(WARD), "--corpus", str(corpus), "-f", "json")
    assert json.loads(again.stdout)["parent"]["name"] == PARENT_OF_WARD.name


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("absent.txt", None, "không tìm thấy tệp"),
        ("empty.txt", b"", "tệp rỗng"),
        ("broken.pdf", b"%PDF-1.4\nnot really", "PDF bị hỏng"),
        ("plan.odt", b"text", "định dạng không được hỗ trợ"),
    ],
)
def test_bad_input_is_a_bilingual_message_and_exit_2(
    tmp_path: Path, name: str, content: bytes | None, words: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = _check(str(path), "--against", str(PARENT_OF_WARD))
    assert result.exit_code == 2
    assert words in result.stderr and "Error" in result.stderr
    assert "Traceback" not in result.output


def test_an_unwritable_output_is_an_input_error(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "report.json"
    result = _check(str(WARD), "--against", str(PARENT_OF_WARD), "-f", "json", "-o", str(target))
    assert result.exit_code == 2
    assert "không ghi được" in result.stderr


def test_the_command_line_does_not_load_the_web_stack_or_the_database() -> None:
    probe = (
        "import sys, app.cli; "
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'sqlalchemy', 'spacy', 'pdfplumber') "
        "if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


def test_a_cache_that_cannot_be_opened_does_not_stop_a_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path}/no/such/dir/c.sqlite3")
    result = _check(str(WARD), "--against", str(PARENT_OF_WARD), "-f", "json")
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["parent"]["name"] == PARENT_OF_WARD.name


def test_brackets_in_a_file_name_are_printed_not_read_as_markup(tmp_path: Path) -> None:
    child = tmp_path / "kế hoạch [bold] [red]số 1.txt"
    shutil.copy(WARD, child)
    parent = tmp_path / "cấp trên [link=x].txt"
    shutil.copy(PARENT_OF_WARD, parent)
    result = _check(str(child), "--against", str(parent))
    assert result.exit_code in (0, 1), result.output
    assert "[bold] [red]số 1.txt" in result.stdout and "cấp trên [link=x].txt" in result.stdout
