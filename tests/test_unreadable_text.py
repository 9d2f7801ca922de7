"""Issue 22, item 5: a PDF whose text could not be read reliably is never a clean pass.

The ward plan rendered with DejaVu Sans and its /ToUnicode maps removed decodes as
"khực hiện xã án số 13ởxÃ:kẾ": the cid solver's own measures say the font was not
read reliably, S002 reports it for the whole document, and the run is "not checked"
(chưa kiểm tra được) in the check result, the exit code, every report and the audit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.audit.runner import AuditRun
from app.cli import app
from extract import load_plan
from extract.model import FontReading, Plan
from reports import build_report, render_html, render_text
from reports.model import AuditPlanRow
from reports.view import outcome_class, outcome_label
from rules import check_plan
from tests.conftest import PLANS
from tests.render import corpus_lines, render_pdf
from tests.test_repair_cid import strip_unicode_maps

WARD_PLAN = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
NOT_CHECKED = "Chưa kiểm tra được"


@pytest.fixture(scope="module")
def unreadable_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The issue's case: the first 120 lines of the ward plan, DejaVu Sans, no ToUnicode."""
    folder = tmp_path_factory.mktemp("cid")
    lines = [line for line in corpus_lines(WARD_PLAN) if line.strip()][:120]
    rendered = render_pdf(lines, folder / "rendered.pdf")
    damaged = folder / "plans" / "ke-hoach-khong-tounicode.pdf"
    damaged.parent.mkdir()
    damaged.write_bytes(strip_unicode_maps(rendered))
    rendered.unlink()
    return damaged


def with_reading(plan: Plan, reliable: bool) -> Plan:
    reading = FontReading(font="ABCDEF+DejaVuSans", glyphs=5000, valid_share=0.9,
                          margin=0.99, reliable=reliable)
    return plan.model_copy(update={"font_readings": [reading]})


def test_a_plan_whose_font_was_not_read_reliably_is_not_checked() -> None:
    plan = with_reading(load_plan(WARD_PLAN), reliable=False)
    result = check_plan(plan)
    assert not result.checked
    assert result.unreadable_note is not None and NOT_CHECKED in result.unreadable_note
    document = [finding for finding in result.findings
                if finding.code == "S002" and finding.line is None]
    assert len(document) == 1 and document[0].severity == "error"
    assert "ABCDEF+DejaVuSans" in document[0].message
    report = build_report(result, plan, None)
    assert report.status == "unchecked"
    assert NOT_CHECKED in render_text(report)
    assert NOT_CHECKED in render_html(report)
    assert json.loads(report.model_dump_json())["unreadable_note"] == result.unreadable_note


def test_a_reliable_reading_changes_nothing() -> None:
    plan = load_plan(WARD_PLAN)
    result = check_plan(with_reading(plan, reliable=True))
    assert result.checked and result.unreadable_note is None
    assert result.findings == check_plan(plan).findings
    assert build_report(result, plan, None).status != "unchecked"


def test_the_audit_shows_an_unchecked_plan_as_such_and_exits_2() -> None:
    row = AuditPlanRow.model_construct(status="unchecked", counts={"error": 1}, basis="none")
    assert outcome_label(row).startswith(NOT_CHECKED)
    assert outcome_class(row) == "st-missing"
    assert AuditRun(unchecked=["a.pdf"]).exit_code == 2


def test_issue_22_pdf_without_tounicode_is_not_a_clean_pass(
    unreadable_pdf: Path, tmp_path: Path
) -> None:
    plan = load_plan(unreadable_pdf)
    assert plan.font_readings and plan.unreadable_fonts
    out = tmp_path / "report.json"
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(unreadable_pdf), "--format", "json", "-o", str(out)])
    assert result.exit_code == 2, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["status"] == "unchecked"
    assert any(finding["code"] == "S002" and finding["line"] is None
               for finding in report["findings"])
    text = runner.invoke(app, ["check", str(unreadable_pdf)])
    assert text.exit_code == 2
    assert NOT_CHECKED in text.output and "Không có lỗi" not in text.output


def test_the_audit_of_an_unreadable_pdf_exits_2_and_says_not_checked(
    unreadable_pdf: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(unreadable_pdf.parent), "--out", str(out),
                                      "--jobs", "1"])
    assert result.exit_code == 2, result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert NOT_CHECKED in index


def test_the_web_result_page_says_not_checked(unreadable_pdf: Path, tmp_path: Path) -> None:
    from tests.web.support import add_account, make_settings, signed_in_client, upload

    settings = make_settings(tmp_path)
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    with signed_in_client(settings, "an") as client:
        status, location = upload(client, "khong tounicode.pdf", unreadable_pdf.read_bytes(),
                                  parent="none")
        assert status == 303
        page = client.get(location).text
    assert f'class="verdict failed">{NOT_CHECKED}</div>' in page
    assert "Không có lỗi</div>" not in page
