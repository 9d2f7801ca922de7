"""Coverage rows: a parent indicator the child names in its text without an item of its own;
targets stated without a figure."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import reports
from reports.model import Report
from reports.vocabulary import vocabulary
from rules.findings import CheckResult
from rules.linking.matching import MENTIONED
from tests.plan_text import parsed_plan
from tests.test_reports_data import check_result, child_plan, parent_plan, relinked
from tests.test_rules_qualitative_targets import CHILD, PARENT
from tests.test_rules_qualitative_targets import _result as qualitative_result

MENTIONED_ID = "2.1(6)"
EXPLANATION = "Kế hoạch cấp dưới không có mục riêng nhưng có nhắc «Dân vận khéo» ở dòng 12."


def _mentioned_result() -> CheckResult:
    result = check_result()
    # The engine does not report a mentioned parent item missing (no C001 on it).
    result.findings = [
        finding for finding in result.findings if finding.parent_target != MENTIONED_ID
    ]
    result.matches = [
        match.model_copy(update={"method": MENTIONED, "explanation": EXPLANATION})
        if match.parent_id == MENTIONED_ID
        else match
        for match in result.matches
    ]
    return relinked(result, parent_plan())


@pytest.fixture
def report() -> Report:
    return reports.build_report(_mentioned_result(), child_plan(), parent_plan())


def test_mentioned_indicator_is_present_but_not_itemised(report: Report) -> None:
    entry = next(entry for entry in report.coverage if entry.parent_id == MENTIONED_ID)
    assert entry.status == "mentioned"
    assert entry.child_id is None
    assert entry.note == EXPLANATION
    # The other indicators keep their statuses.
    statuses = {entry.parent_id: entry.status for entry in report.coverage}
    assert statuses["2.1(5)"] == "weaker"
    assert statuses["2.2(3)"] == "not_applicable"


def test_mentioned_status_has_a_vietnamese_label() -> None:
    style = vocabulary().coverage_status["mentioned"]
    assert style.label == "Có nhắc, chưa thành mục"
    assert style.label != vocabulary().coverage_status["missing"].label


def test_html_report_and_matrix_show_mentioned(report: Report) -> None:
    label = vocabulary().coverage_status["mentioned"].label
    page = reports.render_html(report)
    assert "st-mentioned" in page and label in page
    audit = reports.build_audit([report], [])
    index = reports.render_audit_index_html(audit, {})
    assert 'class="cell st-mentioned"' in index


def test_xlsx_matrix_shows_mentioned(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    reports.render_audit_xlsx(reports.build_audit([report], []), path)
    sheet = openpyxl.load_workbook(path)["Ma trận chỉ tiêu"]
    style = vocabulary().coverage_status["mentioned"]
    cells = [row[2] for row in sheet.iter_rows(min_row=2) if row[2].value]
    mentioned = [cell for cell in cells if cell.value.startswith(style.symbol)]
    assert len(mentioned) == 1
    assert style.label in mentioned[0].value
    assert mentioned[0].fill.fgColor.rgb.endswith(style.colour)


def test_the_report_says_a_target_has_no_figure_rather_than_leaving_its_cell_empty() -> None:
    report = reports.build_report(qualitative_result(), parsed_plan(CHILD), parsed_plan(PARENT))
    cells = {entry.parent_id: (entry.parent_value, entry.child_value) for entry in report.coverage}
    assert cells["I(1)"] == ("2%", "không nêu con số")
    assert cells["I(2)"] == ("không nêu con số", "không nêu con số")
    # The child lacks I(3): no target, so no cell to fill.
    assert cells["I(3)"] == ("không nêu con số", None)
    html = reports.render_html(report)
    assert "không nêu con số" in html
