"""The audit workbook: summary, indicator matrix and every finding, one sheet each."""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.audit_view import AuditView, MatrixCell, build_audit_view
from reports.cells import cell_value, guard_formula
from reports.model import AuditReport
from reports.plan_names import unread_text
from reports.vocabulary import vocabulary

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
THIN = Side(style="thin", color="B8C0CC")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 60
# Named styles: a cell takes its look by name, which costs openpyxl one lookup
# instead of hashing four style objects per cell (most of the time of a large audit).
HEADER = "plancheck-header"
BODY = "plancheck-body"
DATE = "plancheck-date"
BOLD = "plancheck-bold"
# The result of a file the audit could not check (the summary's "Kết quả" column).
NOT_CHECKED = "Không rà soát được"


def render_audit_xlsx(audit: AuditReport, path: Path) -> None:
    """Write the audit workbook to ``path`` (.xlsx).

    Sheets: "Tổng hợp" (one row per plan, then unreadable files), "Ma trận chỉ
    tiêu" (parent indicators × plans, each cell coloured by status) and "Phát
    hiện" (all findings). Header rows are frozen and filtered.
    """
    view = build_audit_view(audit, {})
    workbook = Workbook()
    _add_styles(workbook)
    summary = workbook.active
    assert summary is not None
    summary.title = "Tổng hợp"
    _summary_sheet(summary, view)
    _matrix_sheet(workbook.create_sheet("Ma trận chỉ tiêu"), view)
    _findings_sheet(workbook.create_sheet("Phát hiện"), audit)
    workbook.save(str(path))


def _add_styles(workbook: Workbook) -> None:
    words = vocabulary()
    header = NamedStyle(HEADER, font=HEADER_FONT, fill=HEADER_FILL, border=BORDER)
    header.alignment = Alignment(wrap_text=True, vertical="center")
    styles = [
        header,
        NamedStyle(BODY, font=copy(DEFAULT_FONT), alignment=WRAP, border=BORDER),
        NamedStyle(
            DATE, font=copy(DEFAULT_FONT), alignment=WRAP, border=BORDER, number_format="DD/MM/YYYY"
        ),
        NamedStyle(BOLD, font=Font(bold=True)),
    ]
    for status, look in words.coverage_status.items():
        fill = PatternFill("solid", fgColor=look.colour)
        font = Font(color=look.text_colour)
        styles.append(
            NamedStyle(_status(status), alignment=WRAP, border=BORDER, fill=fill, font=font)
        )
        styles.append(NamedStyle(_legend(status), fill=fill, font=font))
    for severity, colour in words.severity_colour.items():
        fill = PatternFill("solid", fgColor=colour.colour)
        styles.append(
            NamedStyle(
                _severity(severity),
                font=copy(DEFAULT_FONT),
                alignment=WRAP,
                border=BORDER,
                fill=fill,
            )
        )
    for style in styles:
        workbook.add_named_style(style)


def _status(status: str) -> str:
    return f"plancheck-status-{status}"


def _legend(status: str) -> str:
    return f"plancheck-legend-{status}"


def _severity(severity: str) -> str:
    return f"plancheck-severity-{severity}"


class _Table:
    """One sheet written row by row, header styled, body cells bordered and wrapped.

    Each column is as wide as its longest text (up to MAX_WIDTH) unless given a width.
    """

    def __init__(self, sheet: Worksheet, labels: list[str], widths: dict[int, float]) -> None:
        self.sheet = sheet
        self.widths = widths
        self.longest = [len(label) for label in labels]
        # Counted here: openpyxl's max_row scans every cell, which made writing quadratic.
        self.rows = 1
        # Each named style's cell attributes, looked up once: assigning a style by name
        # makes openpyxl list and search every named style of the workbook, per cell.
        self.looks = {style.name: style.as_tuple() for style in sheet.parent._named_styles}
        sheet.append([cell_value(label) for label in labels])
        for column in range(1, len(labels) + 1):
            sheet.cell(1, column).style = HEADER
            guard_formula(sheet.cell(1, column))

    def add(self, values: Sequence[object], styles: dict[int, str] | None = None) -> None:
        """Append a row; ``styles`` names the style of some columns (from 1), BODY otherwise."""
        # Every value goes through cell_value: document text may hold characters
        # XML cannot store, or begin like a formula ("=HYPERLINK(...)").
        self.sheet.append([cell_value(value) for value in values])
        self.rows += 1
        row = self.rows
        styles = styles or {}
        for column in range(1, len(self.longest) + 1):
            cell = self.sheet.cell(row, column)
            # What ``cell.style = name`` does, without the search (openpyxl's NamedStyleDescriptor).
            cell._style = copy(self.looks[styles.get(column, BODY)])
            guard_formula(cell)
        for index, value in enumerate(values):
            length = len(str(value)) if value is not None else 0
            if index < len(self.longest):
                self.longest[index] = max(self.longest[index], length)

    def finish(self) -> None:
        """Freeze and filter the header row, size the columns."""
        sheet = self.sheet
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(self.longest))}{self.rows}"
        for index, longest in enumerate(self.longest, start=1):
            width = self.widths.get(index, min(MAX_WIDTH, max(10, longest + 2)))
            sheet.column_dimensions[get_column_letter(index)].width = width


def _summary_sheet(sheet: Worksheet, view: AuditView) -> None:
    words = vocabulary()
    severities = [severity.label for severity in view.severities]
    table = _Table(
        sheet,
        [
            *["STT", "Kế hoạch", "Tệp", "Cơ quan ban hành", "Số, ký hiệu", "Ngày ban hành"],
            *["Kế hoạch cấp trên", *severities, "Kết quả", "Ghi chú"],
        ],
        widths={1: 6, 2: MAX_WIDTH, 6: 14, 7: 40},
    )
    result_column = 8 + len(severities)
    for index, plan in enumerate(view.plans, 1):
        row = plan.row
        counts = [row.counts.get(severity.key, 0) for severity in view.severities]
        header = [row.issuer, row.number, row.issue_date]
        for position, name in enumerate(("issuer", "number", "issue_date")):
            if header[position] is None and name in row.unread_fields:
                header[position] = unread_text(row.header_lines)
        values = [index, plan.title, row.name, *header, plan.parent_label]
        styles = {result_column: _status(words.outcome_status(row.counts))}
        if row.issue_date is not None:
            styles[6] = DATE
        table.add([*values, *counts, plan.status_label, None], styles=styles)
    for failure in view.failures:
        empty = [None] * len(severities)
        table.add(
            [
                *[None, None, failure.path, None, None, None, None],
                *empty,
                NOT_CHECKED,
                f"{failure.reason_label}: {failure.message}",
            ],
            styles={result_column: _status("missing")},
        )
    table.finish()


def _matrix_sheet(sheet: Worksheet, view: AuditView) -> None:
    words = vocabulary()
    table = _Table(
        sheet,
        ["Chỉ tiêu", view.matrix_parent] + [plan.label for plan in view.columns],
        widths={1: MAX_WIDTH, 2: 18, **{column: 18 for column in range(3, len(view.columns) + 3)}},
    )
    for row in view.matrix:
        table.add(
            [row.label, row.parent_value] + [_cell_text(cell) for cell in row.cells],
            styles={column: _status(cell.status) for column, cell in enumerate(row.cells, start=3)},
        )
    table.finish()
    legend_row = table.rows + 2
    sheet.cell(legend_row, 1, "Chú giải").style = BOLD
    for offset, (status, style) in enumerate(words.coverage_status.items(), start=1):
        cell = sheet.cell(legend_row + offset, 1, f"{style.symbol} {style.label}")
        cell.style = _legend(status)


def _cell_text(cell: MatrixCell) -> str:
    # The symbol keeps the status readable without colours (printouts, filters).
    return f"{cell.symbol} {cell.text}".strip()


def _findings_sheet(sheet: Worksheet, audit: AuditReport) -> None:
    words = vocabulary()
    table = _Table(
        sheet,
        [
            "Kế hoạch",
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
        widths={1: 40, 2: 8, 4: 7, 10: 10},
    )
    for row in audit.findings:
        finding = row.finding
        table.add(
            [
                row.plan_title or row.plan_name,
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
            ],
            styles={3: _severity(finding.severity)},
        )
    table.finish()
