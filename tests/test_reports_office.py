"""DOCX review notes and XLSX audit workbooks, written to disk and read back."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

import reports
from reports.docx_report import FINDINGS_HEADER
from reports.model import AuditFailure, AuditReport, Report
from reports.vocabulary import vocabulary
from tests.test_reports_data import (
    HOSTILE,
    check_result,
    child_plan,
    clean_result,
    coastal_child,
    parent_plan,
    relinked,
)


@pytest.fixture(scope="module")
def report() -> Report:
    return reports.build_report(check_result(), child_plan(), parent_plan())


@pytest.fixture(scope="module")
def audit(report: Report) -> AuditReport:
    coastal, parent = coastal_child(), parent_plan()
    second = reports.build_report(clean_result(coastal, parent), coastal, parent)
    failure = AuditFailure(
        path="corpus/plans/hong.pdf", reason="encrypted-pdf", message="Tệp PDF được mã hoá."
    )
    return reports.build_audit([report, second], [failure])


def test_docx_review_note(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "phieu-ra-soat.docx"
    reports.render_docx(report, path)
    document = docx.Document(str(path))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[0] == "PHIẾU RÀ SOÁT KẾ HOẠCH"  # body text starts after the letterhead
    assert any("48-KH/ĐU" in text and "Kế hoạch được rà soát" in text for text in paragraphs)
    assert any("13-ĐA/TU" in text and "cấp trên" in text for text in paragraphs)
    assert len(document.tables) == 3  # letterhead, findings, signature
    letterhead, table, signature = document.tables
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in letterhead.rows[0].cells[1].text
    assert signature.rows[0].cells[1].text.startswith("NGƯỜI RÀ SOÁT")
    assert tuple(cell.text for cell in table.rows[0].cells) == FINDINGS_HEADER
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert len(rows) == len(report.findings)
    t001 = next(row for row in rows if row[2].startswith("T001"))
    assert t001[1] == "II.2.1" and t001[5] == "Lỗi"
    assert "trên 65%" in t001[3] and "55%" in t001[4]
    assert any(HOSTILE in row[4] for row in rows)  # plain text in Word, kept verbatim
    summary = next(text for text in paragraphs if text.startswith("Qua rà soát"))
    assert "4 nội dung" in summary and "2 lỗi" in summary and "1/4 chỉ tiêu" in summary


def test_docx_page_and_font(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "note.docx"
    reports.render_docx(report, path)
    document = docx.Document(str(path))
    section = document.sections[0]
    # A4 and Nghị định 30/2020/NĐ-CP margins (left 30 mm, right 15 mm, top/bottom 20 mm).
    measures = (
        section.page_width,
        section.page_height,
        section.left_margin,
        section.right_margin,
        section.top_margin,
        section.bottom_margin,
    )
    # Word stores twips; compare to the millimetre.
    assert [round(measure.mm) for measure in measures if measure is not None] == [
        210,
        297,
        30,
        15,
        20,
        20,
    ]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size is not None and normal.font.size.pt == 13


def test_docx_without_findings(tmp_path: Path) -> None:
    result = check_result()
    result.findings, result.parent = [], None
    result = relinked(result, None)
    path = tmp_path / "clean.docx"
    reports.render_docx(reports.build_report(result, child_plan(), None), path)
    document = docx.Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Không phát hiện nội dung cần xem xét." in texts
    assert "Kế hoạch cấp trên: không xác định được." in texts
    headers = [tuple(cell.text for cell in table.rows[0].cells) for table in document.tables]
    assert FINDINGS_HEADER not in headers


def test_xlsx_summary_sheet(audit: AuditReport, tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    reports.render_audit_xlsx(audit, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Tổng hợp", "Ma trận chỉ tiêu", "Phát hiện"]
    sheet = workbook["Tổng hợp"]
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == [
        "STT",
        "Kế hoạch",
        "Tệp",
        "Cơ quan ban hành",
        "Số, ký hiệu",
        "Ngày ban hành",
        "Kế hoạch cấp trên",
    ]
    assert header[7:10] == ["Lỗi", "Cảnh báo", "Lưu ý"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[4] for row in rows[:2]] == ["48-KH/ĐU", "21-KH/ĐU"]
    assert rows[0][1].startswith("Kế hoạch số 48-KH/ĐU ngày 12/12/2022 của Đảng ủy phường")
    assert rows[0][2] == "dang-uy-phuong-pho-ninh-48-KH-DU.txt"
    # Vietnamese results, and "no error" (warnings left) is not "no finding".
    assert rows[0][7:11] == [2, 2, 0, "Có lỗi cần sửa"]
    assert rows[1][7:11] == [0, 0, 0, "Không có phát hiện"]
    assert rows[2][2] == "corpus/plans/hong.pdf" and rows[2][10] == "Không rà soát được"
    assert rows[0][6] == "Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy Quảng Ngãi"
    assert not {"ok", "failed"} & {value for row in rows for value in row}
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref is not None
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.column_dimensions["B"].width >= 20


def test_xlsx_matrix_colours(audit: AuditReport, tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    reports.render_audit_xlsx(audit, path)
    sheet = openpyxl.load_workbook(path)["Ma trận chỉ tiêu"]
    assert [cell.value for cell in sheet[1]] == [
        "Chỉ tiêu",
        "Cấp trên: Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy Quảng Ngãi",
        "48-KH/ĐU",
        "21-KH/ĐU",
    ]
    styles = vocabulary().coverage_status
    expected = [
        ("weaker", "fine"),
        ("missing", "fine"),
        ("fine", "fine"),
        ("not_applicable", "fine"),
    ]
    for row_number, statuses in enumerate(expected, start=2):
        for column, status in zip((3, 4), statuses, strict=True):
            cell = sheet.cell(row_number, column)
            assert cell.fill.fgColor.rgb.endswith(styles[status].colour), (row_number, column)
    assert sheet.cell(2, 3).value == "↓ đạt 55%"
    assert sheet.cell(3, 3).value == "✗ Thiếu"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D5"


def test_xlsx_findings_sheet(audit: AuditReport, tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    reports.render_audit_xlsx(audit, path)
    sheet = openpyxl.load_workbook(path)["Phát hiện"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(audit.findings) == 5
    t001 = next(row for row in rows if row[1] == "T001")
    assert t001[0].startswith("Kế hoạch số 48-KH/ĐU")
    assert t001[2] == "Lỗi" and t001[3] == 11 and t001[4] == "2.1(5)"
    assert next(row for row in rows if row[1] == "F002")[10] == "có"
    assert sheet.freeze_panes == "A2"
