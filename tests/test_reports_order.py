"""Every output lists findings in one order: severity, then position in the child, then code.

Issue 15.5: the HTML and DOCX put parent-level notes first and the errors at
rows 5, 9, 14, while the terminal and the web page each had an order of their own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import openpyxl
import pytest

import reports
from reports.model import Report
from rules.findings import SEVERITY_ORDER, finding_order
from tests.test_reports_data import check_result, child_plan, parent_plan


@pytest.fixture(scope="module")
def report() -> Report:
    return reports.build_report(check_result(), child_plan(), parent_plan())


def _expected(report: Report) -> list[tuple[str, int | None]]:
    return [(finding.code, finding.line) for finding in report.findings]


def test_report_findings_follow_severity_then_line_then_code(report: Report) -> None:
    keys = [
        (SEVERITY_ORDER[finding.severity], finding.line is None, finding.line or 0, finding.code)
        for finding in report.findings
    ]
    assert keys == sorted(keys)
    assert [finding.severity for finding in report.findings][:2] == ["error", "error"]
    assert report.findings == sorted(report.findings, key=finding_order)


def test_json_text_html_docx_and_workbook_agree(report: Report, tmp_path: Path) -> None:
    expected = _expected(report)
    fingerprints = [finding.fingerprint for finding in report.findings]
    as_json = json.loads(reports.render_json(report))["findings"]
    assert [(row["code"], row["line"]) for row in as_json] == expected

    text_codes = re.findall(r"\s([A-Z]\d{3})\s", reports.render_text(report))
    assert text_codes == [code for code, _line in expected]

    html = reports.render_html(report)
    assert re.findall(r'data-fingerprint="([0-9a-f]+)"', html) == fingerprints

    note = tmp_path / "note.docx"
    reports.render_docx(report, note)
    table = next(
        table for table in docx.Document(str(note)).tables if table.rows[0].cells[0].text == "STT"
    )
    docx_codes = [row.cells[2].text.split(":")[0] for row in table.rows[1:]]
    assert docx_codes == [code for code, _line in expected]

    workbook = tmp_path / "audit.xlsx"
    reports.render_audit_xlsx(reports.build_audit([report], []), workbook)
    sheet = openpyxl.load_workbook(workbook)["Phát hiện"]
    rows = [(row[1].value, row[3].value) for row in sheet.iter_rows(min_row=2)]
    assert rows == expected
