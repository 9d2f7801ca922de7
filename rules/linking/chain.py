"""The chain child → parent → Đề án 13: gaps that arise above the plan under review.

A ward checked against its town's plan is told what it lacks of the town's plan. An
indicator or task of the Đề án that applies to the ward and that the town's plan lacks
too is a gap as well, but it arises at the town's level: the ward copied a plan that had
already dropped it. Those rows (``method`` 'chain', ``parent_id`` the catalogue entry id)
let the coverage rules say so; figures are not compared with the Đề án, whose reference
stores none.
"""

from __future__ import annotations

from extract.model import Plan
from rules.findings import Match
from rules.linking.catalogue import Applicability
from rules.linking.reference_match import match_reference
from rules.reference import Reference

CHAIN = "chain"
# A parent is judged for the Đề án's completeness only when it is a whole implementation
# plan: it carries at least this share of the catalogue entries (of a kind) that apply to
# the child. An excerpt or a thematic plan that relays a few items is not.
WHOLE_PLAN_SHARE = 0.5


def chain_gaps(child: Plan, parent: Plan, reference: Reference, who: Applicability) -> list[Match]:
    """Đề án 13 entries applicable to the child that neither the child nor its parent has.

    Args:
        child: The plan under review.
        parent: Its parent plan (itself carrying out Đề án 13).
        reference: The Đề án 13 catalogue.
        who: The child's level and coast: applicability is the child's.

    Returns:
        One row per such entry, saying the gap arises at the parent's level.
    """
    covered_by_parent, whole = reference.parent_facts(
        (CHAIN, who, _read_by_matching(parent)), lambda: _parent_side(parent, reference, who)
    )
    rows: list[Match] = []
    for row in match_reference(child, reference, who):
        if row.child_id is not None or row.parent_id is None or row.method == "mentioned":
            continue
        if row.not_applicable_reason is not None or row.kind not in whole:
            continue
        if (row.kind, row.canonical_id) in covered_by_parent:
            continue
        rows.append(
            row.model_copy(
                update={
                    "method": CHAIN,
                    "explanation": (
                        f"{row.explanation} Kế hoạch cấp trên cũng không có mục này: sai lệch "
                        "phát sinh từ cấp trên, so với Đề án 13."
                    ),
                }
            )
        )
    return rows


def _parent_side(
    parent: Plan, reference: Reference, who: Applicability
) -> tuple[frozenset[tuple[str, str | None]], frozenset[str]]:
    """The entries the parent carries or mentions, and the kinds it carries as a whole plan."""
    parent_rows = [
        row
        for row in match_reference(parent, reference, who)
        if row.parent_id is not None and row.not_applicable_reason is None
    ]
    covered_by_parent: set[tuple[str, str | None]] = {
        (row.kind, row.canonical_id)
        for row in parent_rows
        if row.child_id is not None or row.method == "mentioned"
    }
    whole = {
        kind
        for kind in ("target", "task")
        if _share(parent_rows, covered_by_parent, kind) >= WHOLE_PLAN_SHARE
    }
    return frozenset(covered_by_parent), frozenset(whole)


def _read_by_matching(plan: Plan) -> tuple[object, ...]:
    """What ``match_reference`` reads of a plan: its items' ids, lines and words, its lines.

    The key of the parent's side (``Reference.parent_facts``): an audit asked the same
    parent for every child, 1.9 ms a check for the town plan (issue 18).
    """
    return (
        tuple((target.id, target.line, target.text) for target in plan.targets),
        tuple((task.id, task.line, task.title) for task in plan.tasks),
        tuple((line.number, line.text) for line in plan.lines),
    )


def _share(rows: list[Match], covered: set[tuple[str, str | None]], kind: str) -> float:
    """The share of applicable entries of a kind the parent carries (0 when none apply)."""
    entries = {row.canonical_id for row in rows if row.kind == kind}
    if not entries:
        return 0.0
    return sum(1 for entry in entries if (kind, entry) in covered) / len(entries)
