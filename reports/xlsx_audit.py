"""The audit workbook: summary, indicator matrix and every finding, one sheet each."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from reports.audit_view import AuditView, MatrixCell, build_audit_view
from reports.cells import cell_value, guard_formula
from reports.model import AuditFindingRow, AuditPlanRow, AuditReport
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


def render_audit_xlsx(
    audit: AuditReport,
    path: Path,
    findings: Callable[[], Iterable[AuditFindingRow]] | None = None,
) -> None:
    """Write the audit workbook to ``path`` (.xlsx).

    Sheets: "Tổng hợp" (one row per plan, then unreadable files), "Ma trận chỉ
    tiêu" (parent indicators × plans, each cell coloured by status) and "Phát
    hiện" (all findings). Header rows are frozen and filtered.

    The workbook is written row by row (openpyxl's write-only mode): a cell is not
    kept once written, so a large audit's findings never sit in memory as cells.

    Args:
        audit: The audit.
        path: Where to write.
        findings: Gives the audit's findings, anew at each call (read twice: once to
            size the columns, once to write the rows); None: ``audit.findings``.
    """
    view = build_audit_view(audit, {})
    workbook = Workbook(write_only=True)
    _add_styles(workbook)
    _summary_sheet(workbook.create_sheet("Tổng hợp"), view)
    _matrix_sheet(workbook.create_sheet("Ma trận chỉ tiêu"), view)
    rows = findings if findings is not None else lambda: audit.findings
    _findings_sheet(workbook.create_sheet("Phát hiện"), rows)
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


class _Widths:
    """Each column as wide as its longest text (up to MAX_WIDTH) unless given a width."""

    def __init__(self, labels: list[str], fixed: dict[int, float]) -> None:
        self.fixed = fixed
        self.longest = [len(label) for label in labels]

    def measure(self, values: Sequence[object]) -> None:
        """Widen the columns to hold ``values`` (one row)."""
        for index, value in enumerate(values[: len(self.longest)]):
            length = len(str(value)) if value is not None else 0
            self.longest[index] = max(self.longest[index], length)

    def widths(self) -> list[float]:
        """Each column's width, from 1."""
        return [
            self.fixed.get(index, min(MAX_WIDTH, max(10, longest + 2)))
            for index, longest in enumerate(self.longest, start=1)
        ]


class _Table:
    """One sheet written row by row, header styled, body cells bordered and wrapped.

    In write-only mode a row is written to the sheet's file as it is added, and the
    header row's freezing and the columns' widths go out before it: the widths are
    known before the first row (``_Widths``), the filter's extent at the end.
    """

    def __init__(self, sheet: WriteOnlyWorksheet, labels: list[str], widths: list[float]) -> None:
        self.sheet = sheet
        self.columns = len(labels)
        self.rows = 1
        # Each named style's cell attributes, looked up once: assigning a style by name
        # makes openpyxl list and search every named style of the workbook, per cell.
        self.looks = {style.name: style.as_tuple() for style in sheet.parent._named_styles}
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.append([self._cell(label, HEADER) for label in labels])

    def add(self, values: Sequence[object], styles: dict[int, str] | None = None) -> None:
        """Append a row; ``styles`` names the style of some columns (from 1), BODY otherwise.

        Every column of the table gets a cell, an empty one too: its border and wrapping.
        """
        styles = styles or {}
        padded = [*values, *[None] * (self.columns - len(values))]
        self.sheet.append(
            [
                self._cell(value, styles.get(column, BODY)) if column <= self.columns else value
                for column, value in enumerate(padded, start=1)
            ]
        )
        self.rows += 1

    def finish(self) -> None:
        """Filter the header row over every row written."""
        self.sheet.auto_filter.ref = f"A1:{get_column_letter(self.columns)}{self.rows}"

    def _cell(self, value: object, style: str) -> Cell:
        # Every value goes through cell_value: document text may hold characters
        # XML cannot store, or begin like a formula ("=HYPERLINK(...)").
        cell = WriteOnlyCell(self.sheet, cell_value(value))
        # What ``cell.style = name`` does, without the search (openpyxl's NamedStyleDescriptor).
        cell._style = copy(self.looks[style])
        guard_formula(cell)  # after the style: assigning one resets the quote prefix
        return cell


# The header fields the summary has a column for; the others, unread, go to "Ghi chú".
_HEADER_COLUMNS = ("issuer", "number", "issue_date")


def _unread_note(row: AuditPlanRow) -> str | None:
    """The unread header fields without a column of their own (type, place), with the lines.

    Issue 14: a field the tool could not read shows in every report as "không xác định
    được" and the lines looked at; the summary has no column for the type and the place.
    """
    others = [name for name in row.unread_fields if name not in _HEADER_COLUMNS]
    if not others:
        return None
    labels = "; ".join(vocabulary().header_fields[name] for name in others)
    return f"{labels}: {unread_text(row.header_lines)}"


def _summary_sheet(sheet: WriteOnlyWorksheet, view: AuditView) -> None:
    words = vocabulary()
    severities = [severity.label for severity in view.severities]
    labels = [
        *["STT", "Kế hoạch", "Tệp", "Cơ quan ban hành", "Số, ký hiệu", "Ngày ban hành"],
        *["Kế hoạch cấp trên", *severities, "Kết quả", "Ghi chú"],
    ]
    result_column = 8 + len(severities)
    rows: list[tuple[list[object], dict[int, str]]] = []
    for index, plan in enumerate(view.plans, 1):
        row = plan.row
        counts = [row.counts.get(severity.key, 0) for severity in view.severities]
        header: list[object] = [row.issuer, row.number, row.issue_date]
        for position, name in enumerate(_HEADER_COLUMNS):
            if header[position] is None and name in row.unread_fields:
                header[position] = unread_text(row.header_lines)
        values = [index, plan.title, row.name, *header, plan.parent_label]
        styles = {result_column: _status(words.outcome_status(row.counts))}
        if row.issue_date is not None:
            styles[6] = DATE
        rows.append(([*values, *counts, plan.status_label, _unread_note(row)], styles))
    for failure in view.failures:
        empty = [None] * len(severities)
        values = [
            *[None, None, failure.path, None, None, None, None],
            *empty,
            NOT_CHECKED,
            f"{failure.reason_label}: {failure.message}",
        ]
        rows.append((values, {result_column: _status("missing")}))
    widths = _Widths(labels, {1: 6, 2: MAX_WIDTH, 6: 14, 7: 40})
    for values, _ in rows:
        widths.measure(values)
    table = _Table(sheet, labels, widths.widths())
    for values, styles in rows:
        table.add(values, styles=styles)
    table.finish()


def _matrix_sheet(sheet: WriteOnlyWorksheet, view: AuditView) -> None:
    words = vocabulary()
    labels = ["Chỉ tiêu", view.matrix_parent] + [plan.label for plan in view.columns]
    # Every column has its width: the indicator's label, then 18 for the parent and each plan.
    table = _Table(sheet, labels, [MAX_WIDTH, *[18] * (len(labels) - 1)])
    for row in view.matrix:
        table.add(
            [row.label, row.parent_value] + [_cell_text(cell) for cell in row.cells],
            styles={column: _status(cell.status) for column, cell in enumerate(row.cells, start=3)},
        )
    table.finish()
    sheet.append([])  # one empty row between the matrix and its legend
    sheet.append([_styled(sheet, "Chú giải", BOLD)])
    for status, style in words.coverage_status.items():
        sheet.append([_styled(sheet, f"{style.symbol} {style.label}", _legend(status))])


def _styled(sheet: WriteOnlyWorksheet, value: str, style: str) -> Cell:
    cell = WriteOnlyCell(sheet, value)
    cell.style = style
    return cell


def _cell_text(cell: MatrixCell) -> str:
    # The symbol keeps the status readable without colours (printouts, filters).
    return f"{cell.symbol} {cell.text}".strip()


_FINDINGS_LABELS = [
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
]


def _findings_sheet(
    sheet: WriteOnlyWorksheet, findings: Callable[[], Iterable[AuditFindingRow]]
) -> None:
    widths = _Widths(_FINDINGS_LABELS, {1: 40, 2: 8, 4: 7, 10: 10})
    for row in findings():
        widths.measure(_finding_values(row))
    table = _Table(sheet, _FINDINGS_LABELS, widths.widths())
    for row in findings():
        table.add(_finding_values(row), styles={3: _severity(row.finding.severity)})
    table.finish()


def _finding_values(row: AuditFindingRow) -> list[object]:
    finding = row.finding
    return [
        row.plan_title or row.plan_name,
        finding.code,
        vocabulary().severity_label(finding.severity),
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
