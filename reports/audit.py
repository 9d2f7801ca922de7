"""Build the audit report: every checked plan side by side, plus the files that failed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from reports.model import (
    AuditCell,
    AuditFailure,
    AuditFindingRow,
    AuditIndicator,
    AuditPlanRow,
    AuditReport,
    Report,
)
from reports.plan_names import plan_title
from rules.findings import SEVERITY_ORDER


def build_audit(reports: Iterable[Report], failures: list[AuditFailure]) -> AuditReport:
    """Combine single-plan reports into one audit, reading each report once.

    Args:
        reports: One report per plan checked, in the order they should be listed
            (an iterator keeps only one report in memory at a time).
        failures: Files that could not be checked.

    Returns:
        The audit: one summary row per plan, the indicator matrix (rows in order
        of first appearance, keyed by canonical id when the engine gave one), all
        findings, and the failures.

    """
    findings: list[AuditFindingRow] = []
    audit = build_audit_summary(reports, failures, findings.extend)
    return audit.model_copy(update={"findings": findings})


def build_audit_summary(
    reports: Iterable[Report],
    failures: list[AuditFailure],
    on_findings: Callable[[Iterator[AuditFindingRow]], object] | None = None,
) -> AuditReport:
    """The audit without its findings: plans, indicator matrix, counts and failures.

    A large batch's findings are most of its audit (3,000 plans: some 45,000 rows with
    their texts), so an audit writes them as a stream instead (``audit_findings``, read
    again from each plan's report by each file that lists them); the rest is held.

    Args:
        reports: As ``build_audit``'s.
        failures: Files that could not be checked.
        on_findings: Given each report's findings as they are read, if wanted.
    """
    counts = {severity: 0 for severity in SEVERITY_ORDER}
    plans: list[AuditPlanRow] = []
    indicators: dict[str, AuditIndicator] = {}
    for report in reports:
        for severity, number in report.counts.items():
            counts[severity] = counts.get(severity, 0) + number
        plans.append(_plan_row(report))
        _add_coverage(indicators, report)
        if on_findings is not None:
            on_findings(finding_rows(report))
    return AuditReport(
        plans=plans,
        indicators=list(indicators.values()),
        failures=list(failures),
        counts=counts,
    )


def audit_findings(reports: Iterable[Report]) -> Iterator[AuditFindingRow]:
    """Every finding of ``reports`` as the audit lists it, report after report."""
    for report in reports:
        yield from finding_rows(report)


def finding_rows(report: Report) -> Iterator[AuditFindingRow]:
    """The findings of one plan's report as rows of the audit."""
    title = plan_title(report.child)
    for finding in report.findings:
        yield AuditFindingRow(
            plan_key=report.key, plan_name=report.child.name, plan_title=title, finding=finding
        )


def _plan_row(report: Report) -> AuditPlanRow:
    child, parent = report.child, report.parent
    return AuditPlanRow(
        key=report.key,
        name=child.name,
        title=plan_title(child),
        issuer=child.issuer,
        number=child.number,
        issue_date=child.issue_date,
        parent_name=parent.name if parent is not None else None,
        parent_number=parent.number if parent is not None else None,
        parent_title=plan_title(parent) if parent is not None else None,
        counts=report.counts,
        status=report.status,
        basis=report.basis,
        unread_fields=child.unread_fields,
        header_lines=child.header_lines,
    )


def _add_coverage(rows: dict[str, AuditIndicator], report: Report) -> None:
    """Add the report's coverage to the matrix rows (in order of first appearance)."""
    for entry in report.coverage:
        row = rows.get(entry.key)
        if row is None:
            row = AuditIndicator(key=entry.key, label=entry.label, parent_value=entry.parent_value)
            rows[entry.key] = row
        row.cells[report.key] = AuditCell(
            status=entry.status,
            value=entry.child_value,
            codes=entry.codes,
            finding_codes=entry.finding_codes,
        )
