"""The view of an audit for the index page and the workbook: labels and matrix cells."""

from __future__ import annotations

from dataclasses import dataclass

from reports.model import AuditCell, AuditFailure, AuditPlanRow, AuditReport, CoverageStatus
from reports.view import BarPart, SeverityCount, coverage_bar
from reports.vocabulary import vocabulary
from rules.findings import SEVERITY_ORDER

ABSENT = AuditCell(status="unchecked")


@dataclass(frozen=True)
class PlanColumn:
    """A plan as a row of the summary and a column of the matrix."""

    row: AuditPlanRow
    label: str
    link: str | None
    status_label: str
    parent_label: str
    bar: list[BarPart]


@dataclass(frozen=True)
class MatrixCell:
    """One plan's cell on one indicator, with its label and tooltip."""

    status: CoverageStatus
    symbol: str
    text: str
    title: str


@dataclass(frozen=True)
class MatrixRow:
    """One indicator across every plan."""

    key: str
    label: str
    parent_value: str
    cells: list[MatrixCell]


@dataclass(frozen=True)
class AuditView:
    """Everything the audit renderers show, in display order."""

    plans: list[PlanColumn]
    matrix: list[MatrixRow]
    severities: list[SeverityCount]
    failures: list[AuditFailure]
    failed_count: int
    unread_field: str


def build_audit_view(audit: AuditReport, report_links: dict[str, str]) -> AuditView:
    """Precompute labels, links and matrix cells for an audit."""
    words = vocabulary()
    plans = [
        PlanColumn(
            row=row,
            label=column_label(row),
            link=report_links.get(row.key),
            status_label=words.report_status[row.status],
            parent_label=row.parent_number or row.parent_name or "—",
            bar=coverage_bar(
                [
                    indicator.cells[row.key].status
                    for indicator in audit.indicators
                    if row.key in indicator.cells
                ]
            ),
        )
        for row in audit.plans
    ]
    return AuditView(
        plans=plans,
        matrix=[
            MatrixRow(
                key=indicator.key,
                label=indicator.label,
                parent_value=indicator.parent_value or "",
                cells=[matrix_cell(indicator.cells.get(plan.row.key)) for plan in plans],
            )
            for indicator in audit.indicators
        ],
        severities=[
            SeverityCount(key, words.severity_label(key), audit.counts.get(key, 0))
            for key in SEVERITY_ORDER
        ],
        failures=audit.failures,
        failed_count=sum(1 for row in audit.plans if row.status == "failed"),
        unread_field=words.unread_field,
    )


def column_label(row: AuditPlanRow) -> str:
    """Return a short name for a plan: its number and symbol, else its file name."""
    return row.number or row.name


def matrix_cell(cell: AuditCell | None) -> MatrixCell:
    """Label one matrix cell; a plan the indicator does not reach counts as unchecked."""
    cell = cell or ABSENT
    style = vocabulary().coverage_status[cell.status]
    codes = f" ({', '.join(cell.codes)})" if cell.codes else ""
    return MatrixCell(
        status=cell.status,
        symbol=style.symbol,
        # A plan with no figure for the indicator still says why, in words.
        text=cell.value or ("" if cell.status == "fine" else style.label),
        title=f"{style.label}{codes}",
    )
