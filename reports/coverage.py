"""Coverage: for each parent indicator, does the child carry it, weaker, or not at all.

The status and its reason come from the check result (``CheckResult.coverage``: linking
decided it, the rules that grade coverage refined it); nothing here infers a status from
rule codes. Shown are the indicators (targets): one row per catalogue entry or parent
target, in the parent's order, and every parent target no row covers as ``unchecked``
(never guessed to be fine).
"""

from __future__ import annotations

from collections.abc import Iterable

from extract.model import Plan, Quantity, Target
from reports.model import CoverageEntry
from reports.vocabulary import vocabulary
from rules.findings import CheckResult, Coverage, Finding
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
    folded: dict[str, Coverage] = {}
    for item in result.coverage:
        if item.kind != "target" or item.status == "unchecked":
            continue
        entry = _entry_for_item(item, result.findings, child, parent)
        if entry.key in entries:
            folded.setdefault(item.parent_id, item)
        entries.setdefault(entry.key, entry)
    if parent is not None:
        # The table keeps one row per catalogue entry. Another parent target of the same
        # entry gets a row of its own when a rule found it missing (it must not hide
        # behind the entry's row); otherwise it shows as not checked.
        known = {entry.parent_id for entry in entries.values()}
        for target in parent.targets:
            if target.id in known:
                continue
            hidden = folded.get(target.id)
            if hidden is not None and hidden.status == "missing" and hidden.codes:
                entries[target.id] = _missing_entry(hidden, target)
            else:
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


def _entry_for_item(
    item: Coverage, findings: list[Finding], child: Plan, parent: Plan | None
) -> CoverageEntry:
    related = [
        finding
        for finding in findings
        if (finding.parent_target is not None and finding.parent_target == item.parent_id)
        or (finding.target is not None and finding.target == item.child_id)
    ]
    parent_target = _target(parent, item.parent_id)
    child_target = _target(child, item.child_id)
    return CoverageEntry(
        key=item.canonical_id or item.parent_id,
        canonical_id=item.canonical_id,
        parent_id=item.parent_id,
        child_id=item.child_id,
        label=parent_target.text if parent_target is not None else _catalogue_name(item),
        parent_value=_value(parent_target),
        child_value=_value(child_target),
        status=item.status,
        codes=item.codes,
        finding_codes=sorted({finding.code for finding in related if not finding.waived}),
        note=(item.reason or None) if item.status == "mentioned" else item.not_applicable_reason,
    )


def _catalogue_name(item: Coverage) -> str:
    """Without a parent document the rows name Đề án 13 catalogue entries: show their name."""
    if item.canonical_id is not None:
        reference = load_reference()
        catalogue = reference.indicators if item.kind == "target" else reference.tasks
        for entry in catalogue:
            if entry.id == item.canonical_id:
                return entry.name
    return item.parent_id


def _missing_entry(item: Coverage, target: Target) -> CoverageEntry:
    return CoverageEntry(
        key=target.id,
        parent_id=target.id,
        label=target.text,
        parent_value=_value(target),
        status="missing",
        codes=item.codes,
        finding_codes=item.codes,
    )


def _unchecked_entry(target: Target) -> CoverageEntry:
    return CoverageEntry(
        key=target.id,
        parent_id=target.id,
        label=target.text,
        parent_value=_value(target),
        status="unchecked",
    )


def _target(plan: Plan | None, target_id: str | None) -> Target | None:
    if plan is None or target_id is None:
        return None
    return next((target for target in plan.targets if target.id == target_id), None)


def _value(target: Target | None) -> str | None:
    """The figures of a target in words; a target stated without one says so.

    None only where there is no target: an empty cell would read as "nothing here".
    """
    if target is None:
        return None
    return describe_quantities(target.quantities) or vocabulary().figure_words.none


def _in_parent_order(entries: list[CoverageEntry], parent: Plan | None) -> list[CoverageEntry]:
    if parent is None:
        return entries
    order = {target.id: index for index, target in enumerate(parent.targets)}
    return sorted(entries, key=lambda entry: order.get(entry.parent_id or "", len(order)))
