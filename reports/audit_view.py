"""The view of an audit for the index page and the workbook: labels and matrix cells."""

from __future__ import annotations

from dataclasses import dataclass

from reports.model import AuditCell, AuditFailure, AuditPlanRow, AuditReport, CoverageStatus
from reports.plan_names import short_plan_label, unread_text
from reports.view import (
    BarPart,
    SeverityCount,
    coverage_bar,
    outcome_class,
    outcome_label,
)
from reports.vocabulary import vocabulary
from rules.findings import SEVERITY_ORDER
from rules.reference import load_reference

ABSENT = AuditCell(status="unchecked")


@dataclass(frozen=True)
class PlanColumn:
    """A plan as a row of the summary and a column of the matrix."""

    row: AuditPlanRow
    label: str
    title: str
    link: str | None
    status_label: str
    status_class: str
    parent_label: str
    bar: list[BarPart]
    unread: str  # what an unread header field shows, with the lines looked at


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
    columns: list[PlanColumn]
    matrix_parent: str
    matrix: list[MatrixRow]
    severities: list[SeverityCount]
    failures: list[AuditFailure]
    failed_count: int


def build_audit_view(audit: AuditReport, report_links: dict[str, str]) -> AuditView:
    """Precompute labels, links and matrix cells for an audit."""
    words = vocabulary()
    plans = [
        PlanColumn(
            row=row,
            label=column_label(row),
            title=row.title or column_label(row),
            link=report_links.get(row.key),
            status_label=outcome_label(row),
            status_class=outcome_class(row),
            parent_label=parent_label(row),
            bar=coverage_bar(
                [
                    indicator.cells[row.key].status
                    for indicator in audit.indicators
                    if row.key in indicator.cells
                ]
            ),
            # As the plan's own report shows it: the words and the lines looked at.
            unread=unread_text(row.header_lines) if row.unread_fields else "",
        )
        for row in audit.plans
    ]
    # Only plans compared with a parent have a column: a plan checked alone has no
    # indicator to carry, and a column of "Chưa đối chiếu" would read as a gap.
    columns = [plan for plan in plans if plan.row.parent_title is not None]
    parents = {plan.row.parent_title for plan in columns}
    return AuditView(
        plans=plans,
        columns=columns,
        matrix_parent=f"Cấp trên: {parents.pop()}" if len(parents) == 1 else "Cấp trên",
        matrix=[
            MatrixRow(
                key=indicator.key,
                label=indicator.label,
                parent_value=indicator.parent_value or "",
                cells=[matrix_cell(indicator.cells.get(plan.row.key)) for plan in columns],
            )
            for indicator in audit.indicators
        ],
        severities=[
            SeverityCount(key, words.severity_label(key), audit.counts.get(key, 0))
            for key in SEVERITY_ORDER
        ],
        failures=audit.failures,
        failed_count=sum(1 for row in audit.plans if row.status == "failed"),
    )


def parent_label(row: AuditPlanRow) -> str:
    """What the plan was compared with, the whole chain when there is one."""
    de_an = load_reference().identity
    # The parent is the Đề án itself (no chain to show) when its title is the Đề án's.
    own = f"{de_an.kind} số {de_an.number}"
    if row.basis == "chain" and row.parent_title and not row.parent_title.startswith(own):
        return f"{row.parent_title} → {de_an.short_names[0] if de_an.short_names else de_an.kind}"
    if row.parent_title:
        return row.parent_title
    if row.basis == "reference":
        return "Danh mục Đề án 13 (thiếu văn bản cấp trên)"
    return "Không đối chiếu với kế hoạch cấp trên"


def column_label(row: AuditPlanRow) -> str:
    """Return a short name for a plan: its number and symbol, else its issuer or title."""
    title = row.title or None
    return short_plan_label(row.number, row.issuer, title)


def matrix_cell(cell: AuditCell | None) -> MatrixCell:
    """Label one matrix cell; a plan the indicator does not reach counts as unchecked."""
    cell = cell or ABSENT
    style = vocabulary().coverage_status[cell.status]
    every = sorted({*cell.codes, *cell.finding_codes})
    codes = f" ({', '.join(every)})" if every else ""
    # A finding that did not decide the status (a missing lead body, C003) is named
    # in the cell too: a ✓ beside a finding in the plan's report would contradict it.
    others = [code for code in every if code not in cell.codes]
    # A plan with no figure for the indicator still says why, in words.
    text = cell.value or ("" if cell.status == "fine" else style.label)
    if others:
        text = f"{text} · {', '.join(others)}".lstrip(" ·")
    return MatrixCell(
        status=cell.status,
        symbol=style.symbol,
        text=text,
        title=f"{style.label}{codes}",
    )
