"""The audit writes every report it can and says which it could not (issue 22.2, 15.9).

An ESC after "55%" in a plan, or in a file name, made ``plancheck audit`` die in
openpyxl with exit 1 ("error findings") and no index, again on every rerun; an
exception while writing one report must lose that report only, and exit 2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from app.cli import app
from tests.conftest import PLANS

WARD = "dang-uy-phuong-48-KH-DU-de-an-13.txt"
PROVINCE = "ban-dan-toc-quang-ngai-de-an-13.txt"


@pytest.fixture
def escaped_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLANS / PROVINCE, folder / PROVINCE)
    text = (PLANS / WARD).read_text(encoding="utf-8")
    assert "55%" in text
    (folder / "phường\x1b[31m.txt").write_text(text.replace("55%", "55%\x1b", 1), "utf-8")
    return folder


def _audit(folder: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out), "-j", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def test_a_control_character_in_a_plan_and_its_name_loses_no_report(
    escaped_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    for _ in range(2):  # the second run restores from the cache
        code, _stderr = _audit(escaped_folder, out)
        assert code in (0, 1)
        assert (out / "index.html").is_file() and (out / "audit.json").is_file()
        workbook = openpyxl.load_workbook(out / "audit.xlsx")
        names = [cell.value for cell in workbook["Tổng hợp"]["C"]]
        assert "phường␛[31m.txt" in names
        notes = sorted((out / "reports").glob("*.docx"))
        assert len(notes) == 2
        for note in notes:
            assert docx.Document(str(note)).paragraphs
        assert "\x1b" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_report_that_cannot_be_written_is_listed_and_the_audit_exits_2(
    escaped_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reports.xlsx_audit

    def broken(*_args: object) -> None:
        raise ValueError("hỏng giả lập")

    monkeypatch.setattr(reports.xlsx_audit, "render_audit_xlsx", broken)
    out = tmp_path / "out"
    code, stderr = _audit(escaped_folder, out)
    assert code == 2
    assert not (out / "audit.xlsx").exists()
    assert (out / "audit.json").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "audit.xlsx" in index and "không lập được báo cáo" in index
    assert "audit.xlsx" in stderr and "hỏng giả lập" in stderr
    assert len(list((out / "reports").glob("*.html"))) == 2
    monkeypatch.undo()
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    code, _stderr = _audit(escaped_folder, out)  # not restored from the cache without it
    assert code in (0, 1) and (out / "audit.xlsx").is_file()


def test_audit_json_is_written_from_the_serializers_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The text of a large audit is tens of megabytes: it is written as the serializer
    # makes it, not made again as a str and encoded back (issue 18, peak memory).
    from reports import AuditReport

    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLANS / PROVINCE, folder / PROVINCE)
    shutil.copy(PLANS / WARD, folder / WARD)
    real = AuditReport.model_dump_json

    def refuse(self: AuditReport, **keywords: object) -> str:
        if keywords.get("indent") == 2:
            raise AssertionError("audit.json made as a str")
        return real(self, **keywords)  # type: ignore[arg-type]

    monkeypatch.setattr(AuditReport, "model_dump_json", refuse)
    code, _ = _audit(folder, tmp_path / "out")
    assert code in (0, 1)
    written = (tmp_path / "out" / "audit.json").read_bytes()
    monkeypatch.setattr(AuditReport, "model_dump_json", real)
    audit = AuditReport.model_validate_json(written)
    assert written == (audit.model_dump_json(indent=2) + "\n").encode("utf-8")
    assert len(audit.plans) == 2
