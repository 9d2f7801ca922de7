"""Coverage: for each parent indicator, does the child carry it, weaker, or not at all.

Derived from the rules engine's matches and findings only: a finding whose code
vocabulary.yaml lists under ``missing`` or ``weaker`` decides the status; a
target match with both sides present is ``fine``; a match the engine marked not
applicable is ``not_applicable``; a parent target the child names in its text
without an item of its own (match method ``mentioned``) is ``mentioned``; a
parent target the engine said nothing about is ``unchecked`` (never guessed to be fine).
"""

from __future__ import annotations

from collections.abc import Iterable

from extract.model import Plan, Quantity, Target
from reports.model import CoverageEntry, CoverageStatus
from reports.vocabulary import vocabulary
from rules.findings import CheckResult, Finding, Match
from rules.matching import MENTIONED
from rules.reference import load_reference


def build_coverage(result: CheckResult, child: Plan, parent: Plan | None) -> list[CoverageEntry]:
    """One entry per parent indicator, in the parent's order, then any the parent lacks.

    Args:
        result: The rules engine's verdict on the child.
        child: The plan under review (for the child's figures).
        parent: The parent plan, when there is one (for labels, figures and order).

    Returns:
        Coverage entries; empty when there is neither a parent nor a target match.

    """
    entries: dict[str, CoverageEntry] = {}
    for match in result.matches:
        if match.kind == "target" and match.parent_id is not None:
            entry = _entry_for_match(match, result.findings, child, parent)
            entries.setdefault(entry.key, entry)
    for finding in result.findings:
        if finding.parent_target is not None and _status_from_codes([finding]) == "missing":
            known = {entry.parent_id for entry in entries.values()}
            if finding.parent_target not in known:
                entry = _entry_for_missing(finding, parent)
                entries.setdefault(entry.key, entry)
    if parent is not None:
        known = {entry.parent_id for entry in entries.values()}
        for target in parent.targets:
            if target.id not in known:
                entries[target.id] = _unchecked_entry(target)
    return _in_parent_order(list(entries.values()), parent)


def describe_quantities(quantities: Iterable[Quantity]) -> str | None:
    """Return the figures of a target in words: 'trên 65%; 12 mô hình'."""
    parts = [_describe_quantity(quantity) for quantity in quantities]
    return "; ".join(parts) if parts else None


def _describe_quantity(quantity: Quantity) -> str:
    if quantity.raw:
        return quantity.raw
    value = _number(quantity.value)
    if quantity.op == "range" and quantity.high is not None:
        value = f"{value}–{_number(quantity.high)}"
    unit = quantity.unit or ""
    spacer = "" if unit in ("%", "") else " "
    words = vocabulary().figure_words
    yearly = words.per_year if quantity.per == "year" else ""
    operator = words.operators.get(quantity.op, "")
    return f"{operator}{' ' if operator else ''}{value}{spacer}{unit}{yearly}"


def _number(value: float) -> str:
    # Vietnamese writes the decimal separator as a comma (TCVN 7217 usage in state documents).
    text = f"{value:g}"
    return text.replace(".", ",")


def _entry_for_match(
    match: Match, findings: list[Finding], child: Plan, parent: Plan | None
) -> CoverageEntry:
    related = [
        finding
        for finding in findings
        if (finding.parent_target is not None and finding.parent_target == match.parent_id)
        or (finding.target is not None and finding.target == match.child_id)
    ]
    status = _status_from_codes(related)
    if status is None:
        if match.not_applicable_reason is not None:
            status = "not_applicable"
        elif match.method == MENTIONED:
            # Named in the child's text without an item: present, but not itemised.
            status = "mentioned"
        elif match.child_id is None:
            status = "missing"
        else:
            status = "fine"
    parent_target = _target(parent, match.parent_id)
    child_target = _target(child, match.child_id)
    return CoverageEntry(
        key=match.canonical_id or str(match.parent_id),
        canonical_id=match.canonical_id,
        parent_id=match.parent_id,
        child_id=match.child_id,
        label=parent_target.text if parent_target is not None else _catalogue_name(match),
        parent_value=_value(parent_target),
        child_value=_value(child_target),
        status=status,
        codes=sorted({finding.code for finding in related if _decides(finding)}),
        finding_codes=sorted({finding.code for finding in related if not finding.waived}),
        note=_note(match, status),
    )


def _catalogue_name(match: Match) -> str:
    """Without a parent document the rows name Đề án 13 catalogue entries: show their name."""
    if match.canonical_id is not None:
        reference = load_reference()
        catalogue = reference.indicators if match.kind == "target" else reference.tasks
        for entry in catalogue:
            if entry.id == match.canonical_id:
                return entry.name
    return str(match.parent_id)


def _note(match: Match, status: CoverageStatus) -> str | None:
    if status == "mentioned":
        return match.explanation or None
    return match.not_applicable_reason


def _entry_for_missing(finding: Finding, parent: Plan | None) -> CoverageEntry:
    parent_target = _target(parent, finding.parent_target)
    label = parent_target.text if parent_target is not None else finding.evidence.parent
    return CoverageEntry(
        key=str(finding.parent_target),
        parent_id=finding.parent_target,
        label=label or str(finding.parent_target),
        parent_value=_value(parent_target),
        status="missing",
        codes=[finding.code],
        finding_codes=[finding.code],
    )


def _unchecked_entry(target: Target) -> CoverageEntry:
    return CoverageEntry(
        key=target.id,
        parent_id=target.id,
        label=target.text,
        parent_value=_value(target),
        status="unchecked",
    )


def _status_from_codes(findings: list[Finding]) -> CoverageStatus | None:
    codes = {finding.code for finding in findings if not finding.waived}
    decisive = vocabulary().coverage_codes
    if codes & set(decisive.missing):
        return "missing"
    if codes & set(decisive.weaker):
        return "weaker"
    return None


def _decides(finding: Finding) -> bool:
    decisive = vocabulary().coverage_codes
    return finding.code in decisive.missing or finding.code in decisive.weaker


def _target(plan: Plan | None, target_id: str | None) -> Target | None:
    if plan is None or target_id is None:
        return None
    return next((target for target in plan.targets if target.id == target_id), None)


def _value(target: Target | None) -> str | None:
    return describe_quantities(target.quantities) if target is not None else None


def _in_parent_order(entries: list[CoverageEntry], parent: Plan | None) -> list[CoverageEntry]:
    if parent is None:
        return entries
    order = {target.id: index for index, target in enumerate(parent.targets)}
    return sorted(entries, key=lambda entry: order.get(entry.parent_id or "", len(order)))
