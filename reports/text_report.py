"""Plain renderers: the canonical JSON, and compact text for a terminal."""

from __future__ import annotations

from reports.model import Report
from reports.plan_names import plan_title, unread_note
from reports.vocabulary import vocabulary


def render_json(report: Report) -> str:
    """Return the report as JSON (schema: reports/SCHEMA.md), with a stable key order."""
    return report.model_dump_json(indent=2) + "\n"


def render_text(report: Report) -> str:
    """Return a compact plain-text report: a header, then one finding per line.

    Each finding line reads ``location  CODE  severity  message``; waived
    findings are marked. Plain text, so the CLI may colour it as it likes.
    """
    # Here, not at the top: the JSON a check writes needs none of the view (issue 18).
    from reports.view import location_label

    words = vocabulary()
    lines = [f"{plan_title(report.child)} [{report.child.name}]"]
    unread = unread_note(report.child)
    if unread is not None:
        lines.append(f"  phần đầu văn bản — {unread}")
    if report.parent is not None:
        lines.append(f"  đối chiếu với: {plan_title(report.parent)} [{report.parent.name}]")
    for note in (report.unreadable_note, report.scope_note, report.parent_note):
        if note:
            lines.append(f"  {note}")
    width = max((len(location_label(finding)) for finding in report.findings), default=0)
    for finding in report.findings:
        waived = " (đã chấp nhận)" if finding.waived else ""
        severity = words.severity_label(finding.severity)
        location = location_label(finding).ljust(width)
        lines.append(f"{location}  {finding.code}  {severity:<8}  {finding.message}{waived}")
    counts = ", ".join(
        f"{count} {words.severity_label(severity).lower()}"
        for severity, count in report.counts.items()
    )
    outcome = words.outcome_label(report.counts)
    if report.status == "unchecked":
        outcome = words.report_status["unchecked"]
    lines.append(f"Tổng cộng: {counts} — {outcome}.")
    return "\n".join(lines) + "\n"
