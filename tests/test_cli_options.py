"""Command-line options of issue 15 item 11: --version, --quiet, --min-severity,
--fail-on, ``check --format xlsx`` and ``extract --format text`` as a summary."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from app.cli import app
from tests.conftest import PLANS

WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
TOWN = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
COMMUNE = Path(__file__).resolve().parent / "fixtures" / "plans" / "ubnd-xa-chu-tri-phoi-hop.txt"
# A plan with notes only (no number, no date) and no parent to compare with.
NOTES_ONLY = (
    "ỦY BAN NHÂN DÂN XÃ AN HÒA\n\nKẾ HOẠCH\nCông tác dân vận năm 2024\n\n"
    "I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\n\nII. CHỈ TIÊU\n(1) Tỷ lệ hộ nghèo giảm 1%.\n"
)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")


def _run(*arguments: str):
    return CliRunner().invoke(app, list(arguments))


def test_version() -> None:
    result = _run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"plancheck {version('plancheck')}"


def test_quiet_prints_nothing_and_keeps_the_exit_code() -> None:
    loud = _run("check", str(WARD), "-a", str(TOWN))
    quiet = _run("check", str(WARD), "-a", str(TOWN), "--quiet")
    assert loud.exit_code == quiet.exit_code == 1
    assert loud.stdout.strip()
    assert quiet.stdout == ""


def test_min_severity_hides_lower_findings_in_every_format() -> None:
    every = json.loads(_run("check", str(WARD), "-a", str(TOWN), "-f", "json").stdout)
    assert {finding["severity"] for finding in every["findings"]} >= {"error", "warning"}
    shown = json.loads(
        _run("check", str(WARD), "-a", str(TOWN), "-f", "json", "--min-severity", "error").stdout
    )
    assert shown["findings"]
    assert {finding["severity"] for finding in shown["findings"]} == {"error"}
    assert shown["counts"]["warning"] == 0
    text = _run("check", str(WARD), "-a", str(TOWN), "--min-severity", "error").stdout
    assert "Cảnh báo" not in text and "Lỗi" in text
    assert "được ẩn" in text


def test_fail_on_sets_which_severities_fail(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(NOTES_ONLY, encoding="utf-8")
    empty = tmp_path / "khong-co-ke-hoach-cap-tren"
    empty.mkdir()
    base = ("check", str(plan), "--corpus", str(empty))
    assert _run(*base).exit_code == 0
    assert _run(*base, "--fail-on", "warning").exit_code == 0
    assert _run(*base, "--fail-on", "info").exit_code == 1
    # Hidden findings still count for the exit code.
    assert _run(*base, "--fail-on", "info", "--min-severity", "error").exit_code == 1


def test_check_writes_an_xlsx_workbook(tmp_path: Path) -> None:
    workbook_path = tmp_path / "ket-qua.xlsx"
    result = _run("check", str(WARD), "-a", str(TOWN), "-f", "xlsx", "-o", str(workbook_path))
    assert result.exit_code == 1
    workbook = openpyxl.load_workbook(workbook_path)
    cells = " ".join(
        str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert "30/02/2023" in cells
    refused = _run("check", str(WARD), "-a", str(TOWN), "-f", "xlsx")
    assert refused.exit_code == 2
    assert "-o" in refused.stderr


def test_extract_text_is_a_summary_not_the_document() -> None:
    result = _run("extract", str(COMMUNE), "--format", "text")
    assert result.exit_code == 0
    summary = result.stdout
    assert "Số, ký hiệu: 27/KH-UBND" in summary
    assert "Ngày ban hành: 14/03/2023" in summary
    assert "CHỈ TIÊU (6)" in summary
    assert "Con số: trên 65%" in summary
    assert "Thời hạn: năm 2026 (đến 31/12/2026)" in summary
    assert "Chủ trì: Ủy ban nhân dân xã" in summary
    assert "Phối hợp: Công an xã, các thôn" in summary
    assert "Nơi nhận" not in summary  # the document's own lines are not repeated
    assert len(summary.splitlines()) < len(COMMUNE.read_text(encoding="utf-8").splitlines())
