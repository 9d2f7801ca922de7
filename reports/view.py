"""The view of a report: grouping, labels and highlighted segments, computed once.

Templates and the DOCX writer only walk these objects; they decide nothing. All
strings here are plain text; escaping is the HTML template's job (autoescape).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from reports.model import CoverageEntry, Report, ReportFinding, TextLine
from reports.plan_names import plan_rows, plan_title
from reports.vocabulary import Vocabulary, vocabulary
from rules.findings import SEVERITY_ORDER

# A figure as Vietnamese documents write it: 65, 1.200, 3,5 (comma decimal), 2022.
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
WHOLE_PLAN = "Toàn văn bản"


@dataclass(frozen=True)
class Segment:
    """A piece of text and how to mark it: '' (plain), 'differs', 'repair', 'uncertain'."""

    text: str
    mark: str = ""
    title: str = ""


@dataclass(frozen=True)
class SeverityCount:
    """One box of the counts-by-severity strip."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class FindingView:
    """A finding with its labels and the two excerpts, figures that differ marked."""

    finding: ReportFinding
    number: int
    severity_label: str
    location: str
    section: str
    child_segments: list[Segment]
    parent_segments: list[Segment]


@dataclass
class SectionGroup:
    """Findings of one severity, in ``finding_order`` (the order of every output)."""

    key: str
    title: str
    findings: list[FindingView] = field(default_factory=list)


@dataclass(frozen=True)
class CoverageView:
    """One row of the coverage table, with its status label and symbol."""

    entry: CoverageEntry
    status_label: str
    symbol: str


@dataclass(frozen=True)
class BarPart:
    """One coloured part of a stacked coverage bar, in percent of the bar's width."""

    status: str
    label: str
    count: int
    x: float
    width: float
    colour: str


@dataclass(frozen=True)
class TextLineView:
    """A line of the repaired text, split into marked segments."""

    number: int
    segments: list[Segment]
    codes: list[str]
    repaired: bool


@dataclass(frozen=True)
class ReportView:
    """Everything a single-plan renderer shows, in display order."""

    report: Report
    title: str
    parent_title: str | None
    status_label: str
    status_class: str
    child_rows: list[tuple[str, str]]
    parent_rows: list[tuple[str, str]]
    severities: list[SeverityCount]
    groups: list[SectionGroup]
    findings: list[FindingView]
    coverage: list[CoverageView]
    coverage_bar: list[BarPart]
    text_lines: list[TextLineView]
    repair_count: int
    uncertain_count: int


class _LastView:
    """The view built last, with its report.

    An audit renders each report twice, to HTML and to the DOCX note, and both need the
    same view (about 12 ms a plan to build). Matched by identity: holding the report
    keeps its id from being reused, and a report is never changed once built (front
    ends narrow one with ``model_copy``, which makes a new object and so a new view).
    """

    pair: tuple[Report, ReportView] | None = None


def build_view(report: Report) -> ReportView:
    """Precompute grouping, labels and highlighted segments for one report."""
    last = _LastView.pair
    if last is not None and last[0] is report:
        return last[1]
    view = _build_view(report)
    _LastView.pair = (report, view)
    return view


def _build_view(report: Report) -> ReportView:
    words = vocabulary()
    findings = [
        _finding_view(finding, index, words) for index, finding in enumerate(report.findings, 1)
    ]
    marks = [mark for line in report.text for mark in line.repairs]
    codes_by_line = _codes_by_line(report.findings)
    return ReportView(
        report=report,
        title=plan_title(report.child),
        parent_title=plan_title(report.parent) if report.parent is not None else None,
        status_label=outcome_label(report),
        status_class=outcome_class(report),
        child_rows=plan_rows(report.child),
        parent_rows=plan_rows(report.parent) if report.parent is not None else [],
        severities=[
            SeverityCount(key, words.severity_label(key), report.counts.get(key, 0))
            for key in SEVERITY_ORDER
        ],
        groups=_groups(findings),
        findings=findings,
        coverage=[_coverage_view(entry, words) for entry in report.coverage],
        coverage_bar=coverage_bar([entry.status for entry in report.coverage]),
        text_lines=[
            _text_line_view(line, codes_by_line.get(line.number, []), words)
            for line in report.text
        ],
        repair_count=len(marks),
        uncertain_count=sum(1 for mark in marks if mark.uncertain),
    )


def coverage_bar(statuses: list[str]) -> list[BarPart]:
    """Stacked-bar parts for a list of coverage statuses, in the vocabulary's order."""
    words = vocabulary()
    total = len(statuses)
    parts: list[BarPart] = []
    x = 0.0
    for status, style in words.coverage_status.items():
        count = statuses.count(status)
        if count == 0:
            continue
        width = 100.0 * count / total
        parts.append(
            BarPart(status, style.label, count, round(x, 2), round(width, 2), style.bar_colour)
        )
        x += width
    return parts


def figure_segments(text: str | None, other: str | None) -> list[Segment]:
    """Split text into segments, marking figures that the other text does not contain.

    A figure is compared only with figures of its own kind (a year with years,
    any other number with other numbers), so "đạt 55% vào năm 2026" against
    "trên 65%" marks 55 but not the year the other side never states.
    """
    if not text:
        return []
    others: dict[str, set[str]] = {}
    for found in _FIGURE.finditer(other or ""):
        others.setdefault(_kind(found), set()).add(_normalise(found.group()))
    segments: list[Segment] = []
    position = 0
    for found in _FIGURE.finditer(text):
        same_kind = others.get(_kind(found))
        if not same_kind or _normalise(found.group()) in same_kind:
            continue
        segments.append(Segment(text[position : found.start()]))
        segments.append(Segment(found.group(), "differs", "Số liệu khác kế hoạch kia"))
        position = found.end()
    segments.append(Segment(text[position:]))
    return [segment for segment in segments if segment.text]


def location_label(finding: ReportFinding) -> str:
    """Where a finding is, in words: 'dòng 12, mục 2.1(5)'."""
    parts = []
    if finding.line is not None:
        parts.append(f"dòng {finding.line}")
    if finding.target:
        parts.append(f"mục {finding.target}")
    elif finding.parent_target:
        parts.append(f"mục {finding.parent_target} cấp trên")
    return ", ".join(parts) if parts else "toàn văn bản"


def _kind(found: re.Match[str]) -> str:
    # A bare four-digit 19xx/20xx not followed by a unit sign reads as a year.
    is_year = re.fullmatch(r"(19|20)\d\d", found.group()) is not None
    followed_by_percent = found.string[found.end() : found.end() + 1] == "%"
    return "year" if is_year and not followed_by_percent else "number"


def _normalise(figure: str) -> str:
    return figure.replace(",", ".").lstrip("0") or "0"


def _finding_view(finding: ReportFinding, number: int, words: Vocabulary) -> FindingView:
    return FindingView(
        finding=finding,
        number=number,
        severity_label=words.severity_label(finding.severity),
        location=location_label(finding),
        section=section_label(finding),
        child_segments=figure_segments(finding.child_text, finding.parent_text),
        parent_segments=figure_segments(finding.parent_text, finding.child_text),
    )


def _groups(findings: list[FindingView]) -> list[SectionGroup]:
    # By severity, not by section: the findings keep the one order every output
    # uses, so a reviewer reads the errors first here as in the DOCX and the workbook.
    groups: dict[str, SectionGroup] = {}
    for view in findings:
        key = view.finding.severity
        if key not in groups:
            groups[key] = SectionGroup(key=key, title=view.severity_label)
        groups[key].findings.append(view)
    for group in groups.values():
        group.title = f"{group.title} ({len(group.findings)})"
    return list(groups.values())


def section_label(finding: ReportFinding) -> str:
    """The child section a finding is in, as written ('2.1. Chỉ tiêu cụ thể'); '' if none."""
    if not finding.section_id:
        return ""
    label = finding.section_label or finding.section_id
    return f"{label} {finding.section_title or ''}".strip()


def _coverage_view(entry: CoverageEntry, words: Vocabulary) -> CoverageView:
    style = words.coverage_status[entry.status]
    return CoverageView(entry=entry, status_label=style.label, symbol=style.symbol)


def _codes_by_line(findings: list[ReportFinding]) -> dict[int, list[str]]:
    """The codes of the findings on each line, sorted, gathered in one pass.

    Each line used to scan every finding (lines x findings: a long plan with many
    findings paid for it twice over, in the HTML and in the DOCX note).
    """
    codes: dict[int, set[str]] = {}
    for finding in findings:
        if finding.line is not None:
            codes.setdefault(finding.line, set()).add(finding.code)
    return {line: sorted(found) for line, found in codes.items()}


def _text_line_view(line: TextLine, codes: list[str], words: Vocabulary) -> TextLineView:
    if not line.repairs:  # most lines: the text as one plain segment
        plain = [Segment(line.text)] if line.text else []
        return TextLineView(number=line.number, segments=plain, codes=codes, repaired=False)
    segments: list[Segment] = []
    position = 0
    for mark in sorted(
        (mark for mark in line.repairs if mark.start is not None and mark.end is not None),
        key=lambda mark: mark.start or 0,
    ):
        assert mark.start is not None and mark.end is not None
        if mark.start < position:
            continue  # overlapping marks: the first one wins, the text is shown once
        kind = "uncertain" if mark.uncertain else "repair"
        title = (
            f"Sửa «{mark.before}» → «{mark.after}» ({words.repair_method_label(mark.method)}, "
            f"độ tin cậy {mark.confidence:.0%})"
        )
        segments.append(Segment(line.text[position : mark.start]))
        segments.append(Segment(line.text[mark.start : mark.end], kind, title))
        position = mark.end
    segments.append(Segment(line.text[position:]))
    return TextLineView(
        number=line.number,
        segments=[segment for segment in segments if segment.text],
        codes=codes,
        repaired=bool(line.repairs),
    )


class Outcome(Protocol):
    """What a plan's outcome is read from: a report, or a plan's row of an audit."""

    @property
    def status(self) -> str: ...

    @property
    def basis(self) -> str: ...

    @property
    def counts(self) -> dict[str, int]: ...


def outcome_label(outcome: Outcome) -> str:
    """The outcome in words; one compared with the Đề án only (parent missing) says so first."""
    words = vocabulary()
    if outcome.status == "unchecked":
        return f"{words.report_status['unchecked']} — không đọc được chữ một cách tin cậy"
    label = words.outcome_label(outcome.counts)
    if outcome.basis == "reference":
        return f"{words.report_status['reference']} — {label}"
    return label


def outcome_class(outcome: Outcome) -> str:
    """The CSS class colouring the outcome: never green for a check against the Đề án only."""
    if outcome.status == "unchecked":
        return "st-missing"
    status = vocabulary().outcome_status(outcome.counts)
    if outcome.basis == "reference" and status == "fine":
        return "st-mentioned"
    return f"st-{status}"
