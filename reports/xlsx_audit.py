"""The audit workbook: summary, indicator matrix and every finding, one sheet each."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.audit_view import AuditView, MatrixCell, build_audit_view
from reports.model import AuditReport
from reports.vocabulary import vocabulary

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
THIN = Side(style="thin", color="B8C0CC")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 60


def render_audit_xlsx(audit: AuditReport, path: Path) -> None:
    """Write the audit workbook to ``path`` (.xlsx).

    Sheets: "Tổng hợp" (one row per plan, then unreadable files), "Ma trận chỉ
    tiêu" (parent indicators × plans, each cell coloured by status) and "Phát
    hiện" (all findings). Header rows are frozen and filtered.
    """
    view = build_audit_view(audit, {})
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "Tổng hợp"
    _summary_sheet(summary, view)
    _matrix_sheet(workbook.create_sheet("Ma trận chỉ tiêu"), view)
    _findings_sheet(workbook.create_sheet("Phát hiện"), audit)
    workbook.save(str(path))


def _summary_sheet(sheet: Worksheet, view: AuditView) -> None:
    words = vocabulary()
    severities = [severity.label for severity in view.severities]
    _header(
        sheet,
        [
            *["STT", "Tệp", "Cơ quan ban hành", "Số, ký hiệu", "Ngày ban hành"],
            *["Kế hoạch cấp trên", *severities, "Kết quả", "Ghi chú"],
        ],
    )
    for index, plan in enumerate(view.plans, 1):
        row = plan.row
        counts = [row.counts.get(severity.key, 0) for severity in view.severities]
        status = "failed" if row.status == "failed" else "ok"
        values = [index, row.name, row.issuer, row.number, row.issue_date, plan.parent_label]
        sheet.append([*values, *counts, status, words.report_status[row.status]])
        if row.issue_date is not None:
            sheet.cell(sheet.max_row, 5).number_format = "DD/MM/YYYY"
    for failure in view.failures:
        empty = [None] * len(severities)
        sheet.append(
            [
                None,
                failure.path,
                None,
                None,
                None,
                None,
                *empty,
                "failed",
                f"{failure.reason_label}: {failure.message}",
            ]
        )
    _finish(sheet, widths={1: 6, 5: 14})


def _matrix_sheet(sheet: Worksheet, view: AuditView) -> None:
    words = vocabulary()
    _header(sheet, ["Chỉ tiêu", "Cấp trên"] + [plan.label for plan in view.plans])
    for row in view.matrix:
        sheet.append([row.label, row.parent_value] + [_cell_text(cell) for cell in row.cells])
        for column, cell in enumerate(row.cells, start=3):
            style = words.coverage_status[cell.status]
            target = sheet.cell(sheet.max_row, column)
            target.fill = PatternFill("solid", fgColor=style.colour)
            target.font = Font(color=style.text_colour)
    legend_row = sheet.max_row + 2
    sheet.cell(legend_row, 1, "Chú giải").font = Font(bold=True)
    for offset, style in enumerate(words.coverage_status.values(), start=1):
        cell = sheet.cell(legend_row + offset, 1, f"{style.symbol} {style.label}")
        cell.fill = PatternFill("solid", fgColor=style.colour)
        cell.font = Font(color=style.text_colour)
    _finish(sheet, widths={1: MAX_WIDTH, 2: 18}, last_row=max(1, len(view.matrix) + 1))
    for column in range(3, len(view.plans) + 3):
        sheet.column_dimensions[get_column_letter(column)].width = 18


def _cell_text(cell: MatrixCell) -> str:
    # The symbol keeps the status readable without colours (printouts, filters).
    return f"{cell.symbol} {cell.text}".strip()


def _findings_sheet(sheet: Worksheet, audit: AuditReport) -> None:
    words = vocabulary()
    _header(
        sheet,
        [
            "Tệp",
            "Mã",
            "Mức độ",
            "Dòng",
            "Mục",
            "Nội dung",
            "Kế hoạch được rà soát",
            "Kế hoạch cấp trên",
            "Đề xuất",
            "Độ tin cậy",
            "Đã chấp nhận",
            "Dấu vân tay",
        ],
    )
    for row in audit.findings:
        finding = row.finding
        sheet.append(
            [
                row.plan_name,
                finding.code,
                words.severity_label(finding.severity),
                finding.line,
                finding.target or finding.section_id,
                finding.message,
                finding.child_text,
                finding.parent_text,
                finding.hint,
                round(finding.confidence, 2),
                "có" if finding.waived else "",
                finding.fingerprint,
            ]
        )
        colour = words.severity_colour[finding.severity]
        sheet.cell(sheet.max_row, 3).fill = PatternFill("solid", fgColor=colour.colour)
    _finish(sheet, widths={2: 8, 4: 7, 10: 10})


def _header(sheet: Worksheet, labels: list[str]) -> None:
    sheet.append(labels)
    for cell in sheet[1]:
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = BORDER


def _finish(sheet: Worksheet, widths: dict[int, float], last_row: int | None = None) -> None:
    """Freeze and filter the header row, wrap long text and size columns to their text."""
    sheet.freeze_panes = "A2"
    end = last_row if last_row is not None else sheet.max_row
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{end}"
    for column_cells in sheet.iter_cols(min_row=1, max_row=end):
        letter = get_column_letter(column_cells[0].column)
        longest = max(
            len(str(cell.value)) if cell.value is not None else 0 for cell in column_cells
        )
        index = column_cells[0].column
        sheet.column_dimensions[letter].width = widths.get(
            index, min(MAX_WIDTH, max(10, longest + 2))
        )
        for cell in column_cells[1:]:
            cell.alignment = WRAP
            cell.border = BORDER
