"""Build the canonical report from a rules CheckResult and the plan models."""

from __future__ import annotations

import base64
from pathlib import Path

from extract.model import Meta, Plan, RepairNote, Section
from reports.coverage import build_coverage
from reports.model import (
    REPORT_SCHEMA_VERSION,
    PlanInfo,
    RepairMark,
    Report,
    ReportFinding,
    ReportMatch,
    ReportStatus,
    TextLine,
)
from reports.vocabulary import vocabulary
from rules.findings import CheckResult, Finding, PlanSummary, finding_order


def build_report(
    result: CheckResult, child: Plan, parent: Plan | None, scan_source: Path | None = None
) -> Report:
    """Gather everything a renderer needs about one check into one report object.

    Args:
        result: The rules engine's verdict on the child plan.
        child: The plan under review, for its repaired text, sections and repairs.
        parent: The parent plan it was checked against, if any.
        scan_source: Where the child's file is, when not at ``child.source.path`` (the
            web keeps uploads under a storage name); read only for a scanned child.

    Returns:
        The canonical, versioned report; findings in ``finding_order`` (severity,
        then the child's position, then code), the order of every output.

    """
    counts = result.counts()
    scans = _scanned_lines(child, result.findings, scan_source)
    findings = [_report_finding(finding, child, parent, scans) for finding in result.findings]
    findings.sort(key=finding_order)
    return Report(
        schema_version=REPORT_SCHEMA_VERSION,
        check_schema_version=result.schema_version,
        child=plan_info(result.child, child),
        parent=plan_info(result.parent, parent) if result.parent is not None else None,
        implements_de_an_13=result.implements_de_an_13,
        scope_note=result.scope_note,
        parent_note=result.parent_note,
        status=_status(result, counts),
        unreadable_note=result.unreadable_note,
        basis=result.basis,
        missing_parent=result.missing_parent,
        counts=counts,
        waived_count=sum(1 for finding in result.findings if finding.waived),
        findings=findings,
        matches=[
            ReportMatch.model_validate(match.model_dump(include=set(ReportMatch.model_fields)))
            for match in result.matches
        ],
        coverage=build_coverage(result, child, parent),
        text=_text_lines(child),
        extraction_notes=list(child.notes),
    )


def _status(result: CheckResult, counts: dict[str, int]) -> ReportStatus:
    """'failed' on an active error; a plan compared with the Đề án only is never plain 'ok'."""
    if not result.checked:
        return "unchecked"  # an unreadable text passes nothing, fails nothing
    if counts["error"] > 0:
        return "failed"
    return "reference" if result.basis == "reference" else "ok"


def plan_info(summary: PlanSummary, plan: Plan | None) -> PlanInfo:
    """Flatten a plan's summary and header into the report's plan description."""
    meta = summary.meta
    return PlanInfo(
        path=summary.path,
        name=summary.name,
        sha256=summary.sha256,
        format=plan.source.format if plan is not None else None,
        level=summary.level,
        coastal=summary.coastal,
        doc_type=meta.doc_type,
        number=meta.number,
        issuer=meta.issuer,
        issuer_parent=meta.issuer_parent,
        place=meta.place,
        issue_date=meta.issue_date,
        issue_date_raw=meta.issue_date_raw,
        title=meta.title,
        period_start=meta.period.start if meta.period is not None else None,
        period_end=meta.period.end if meta.period is not None else None,
        signer_name=meta.signer.name if meta.signer is not None else None,
        signer_title=meta.signer.title if meta.signer is not None else None,
        unread_fields=unread_fields(meta),
        header_lines=meta.header_lines,
    )


def unread_fields(meta: Meta) -> list[str]:
    """The header fields a report must show that extraction did not read.

    A number or a date printed blank ("Số:    /KH-UBND", "ngày   tháng 02") was
    read (the rules report it); only a field with nothing read at all is unread.
    """
    written = {"number": meta.number_raw, "issue_date": meta.issue_date_raw}
    return [
        name
        for name in vocabulary().header_fields
        if getattr(meta, name) is None and not written.get(name)
    ]


def locate_repairs(text: str, notes: list[RepairNote]) -> list[RepairMark]:
    """Place each repair note of one line in the repaired text.

    Notes give offsets in the line before repair; each earlier change shifts the
    later ones by its change in length. When the shifted slice is not the
    repaired words (several repair passes), the nearest occurrence of them is
    used, and failing that the mark keeps no span rather than a wrong one.
    """
    marks: list[RepairMark] = []
    shift = 0
    for note in sorted(notes, key=lambda note: (note.start, note.end)):
        start = note.start + shift
        if text[start : start + len(note.after)] != note.after:
            start = _nearest(text, note.after, start)
        shift += len(note.after) - (note.end - note.start)
        located = start >= 0 and bool(note.after)
        marks.append(
            RepairMark(
                start=start if located else None,
                end=start + len(note.after) if located else None,
                before=note.before,
                after=note.after,
                method=note.method,
                confidence=note.confidence,
                uncertain=note.uncertain,
            )
        )
    return marks


def _nearest(text: str, needle: str, around: int) -> int:
    if not needle:
        return -1
    positions = []
    position = text.find(needle)
    while position >= 0:
        positions.append(position)
        position = text.find(needle, position + 1)
    return min(positions, key=lambda found: abs(found - around)) if positions else -1


def _text_lines(plan: Plan) -> list[TextLine]:
    """The plan's lines with their repairs, the notes grouped by line in one pass.

    Filtering every note for every line made a long, much-repaired plan quadratic
    (15,000 garbled lines: minutes).
    """
    by_line: dict[int, list[RepairNote]] = {}
    for note in plan.repairs:
        by_line.setdefault(note.line, []).append(note)
    return [
        TextLine(
            number=line.number,
            text=line.text,
            repairs=locate_repairs(line.text, by_line.get(line.number, [])),
        )
        for line in plan.lines
    ]


def _scanned_lines(child: Plan, findings: list[Finding], source: Path | None) -> dict[int, str]:
    """Data URIs of the scanned lines that findings point at (none for typed plans)."""
    numbers = {finding.line for finding in findings if finding.line is not None}
    lines = [
        child.line(number)
        for number in sorted(numbers)
        if 1 <= number <= len(child.lines) and child.line(number).ocr is not None
    ]
    if not lines:
        return {}
    # Only scanned plans get here: a typed plan's check does not import Pillow.
    from extract.loaders.scan_image import line_images

    images = line_images(source or Path(child.source.path), lines)
    return {
        number: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        for number, png in images.items()
    }


def _report_finding(
    finding: Finding, child: Plan, parent: Plan | None, scans: dict[int, str]
) -> ReportFinding:
    section = _innermost_section(child.sections, finding.line) if finding.line else None
    fields = finding.model_dump(exclude={"evidence", "name"})
    return ReportFinding(
        **fields,
        name=finding.name,
        child_text=finding.evidence.child or _line_text(child, finding.line),
        parent_text=finding.evidence.parent or _line_text(parent, finding.parent_line),
        child_scan=scans.get(finding.line) if finding.line is not None else None,
        section_id=section.id if section is not None else None,
        section_label=section.label if section is not None else None,
        section_title=section.title if section is not None else None,
    )


def _line_text(plan: Plan | None, number: int | None) -> str | None:
    if plan is None or number is None or not 1 <= number <= len(plan.lines):
        return None
    return plan.line(number).text.strip() or None


def _innermost_section(sections: list[Section], line: int) -> Section | None:
    for section in sections:
        if section.line_start <= line <= section.line_end:
            return _innermost_section(section.children, line) or section
    return None
