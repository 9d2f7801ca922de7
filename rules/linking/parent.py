"""Which plan a child carries out: its parent among candidates, and whether a given one fits.

A candidate qualifies when the child cites its number, or when it carries out the same
Đề án from exactly one level above (``rules.linking.levels``); a plan given as parent
fits the Đề án 13 comparison when it belongs to the Đề án and does not sit below the
child.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extract.model import Plan, Reference
from extract.text import fold_text
from rules.identity import Identity, same_number_and_issuer
from rules.linking.basis import number_key
from rules.linking.districts import other_district
from rules.linking.levels import hierarchy_words, implements_de_an_13, plan_level
from rules.reference import Level, load_reference
from rules.reference import Reference as DeAnReference


def find_parent(
    child: Plan,
    candidates: list[Plan],
    *,
    level_of: Callable[[Plan], Level | None] = plan_level,
) -> Plan | None:
    """Pick the plan the child implements among candidates.

    A candidate qualifies when the child cites its number, or when it carries out the
    same Đề án from exactly one level above (provincial agencies are nobody's locality
    parent). The nearest level wins, so a ward that cites the Đề án itself still gets the
    town's plan when both are there; then a cited one; then the one whose issuer the
    child names most.

    Args:
        child: The plan under review.
        candidates: Plans to choose from (the child itself is ignored).
        level_of: How a plan's level is known: worked out from the plan by default; a
            batch that has worked out every plan's level once passes its own lookup.

    Returns:
        The parent, or None when no candidate fits.
    """
    cited = cited_numbers(child)
    child_level = level_of(child)
    child_text = fold_text(child.text)
    best: tuple[tuple[bool, bool, int], Plan] | None = None
    for plan in candidates:
        if _same_document(plan, child):
            continue
        is_cited = plan.meta.number is not None and number_key(plan.meta.number) in cited
        level = level_of(plan)
        distance = _rank_distance(child_level, level)
        if distance is not None and distance < 1:
            continue
        next_above = distance == 1 and level != "agency"
        if not is_cited and not (next_above and _implements_same(child, plan)):
            continue
        if not is_cited and other_district(child, plan, hierarchy_words().district_kinds):
            continue
        key = (next_above, is_cited, _issuer_mentions(plan, child_text))
        if best is None or key > best[0]:
            best = (key, plan)
    return best[1] if best is not None else None


UNCITED_PARENT_NOTE = (
    "Kế hoạch được rà soát không trích dẫn số, ký hiệu của kế hoạch cấp trên này; hai văn "
    "bản được đối chiếu vì cùng thực hiện Đề án và kế hoạch này thuộc cấp liền trên. Cần "
    "xác nhận đây đúng là văn bản cấp trên trực tiếp."
)


def parent_note(child: Plan, parent: Plan) -> str | None:
    """A Vietnamese caution when the child does not cite its parent by number; else None.

    The parent was then paired by level and Đề án alone, which a reader should confirm.
    """
    number = parent.meta.number
    if number is not None and number_key(number) in cited_numbers(child):
        return None
    return UNCITED_PARENT_NOTE


def is_below(parent_level: Level | None, child_level: Level | None) -> bool:
    """Whether the plan given as parent sits at a lower level than the child (given backwards)."""
    if parent_level is None or child_level is None:
        return False
    ranks = hierarchy_words().rank
    return ranks[parent_level] > ranks[child_level]


def belongs_to_de_an_13(plan: Plan, reference: DeAnReference) -> bool:
    """Whether a plan can be a parent for Đề án 13: it implements it, is it, or relays it."""
    if implements_de_an_13(plan, reference):
        return True
    own = {_number_key(reference.identity.number), _number_key(reference.relay.number)}
    return plan.meta.number is not None and _number_key(plan.meta.number) in own


def _number_key(number: str) -> str:
    return "".join(number.split()).upper()


def _rank_distance(child: Level | None, candidate: Level | None) -> int | None:
    """How many levels the candidate sits above the child; None when either is unknown."""
    if child is None or candidate is None:
        return None
    ranks = hierarchy_words().rank
    return ranks[child] - ranks[candidate]


def _same_document(plan: Plan, other: Plan) -> bool:
    # The plan itself, or an earlier version of it (same issuer and number). Front ends
    # drop byte-identical copies themselves (rules.identity.same_plan).
    if plan is other:
        return True
    if plan.source.path == other.source.path and plan.source.sha256 == other.source.sha256:
        return True
    return same_number_and_issuer(Identity.of(plan), Identity.of(other))


def cited_numbers(plan: Plan) -> set[str]:
    """The numbers of the documents a plan cites or says it carries out, as ``number_key``."""
    references: list[Reference] = list(plan.meta.references)
    if plan.meta.implements is not None and plan.meta.implements.reference is not None:
        references.append(plan.meta.implements.reference)
    return {number_key(ref.number) for ref in references if ref.number}


def _implements_same(child: Plan, candidate: Plan) -> bool:
    reference = load_reference()
    return implements_de_an_13(child, reference) and implements_de_an_13(candidate, reference)


def _issuer_mentions(plan: Plan, child_text: str) -> int:
    """How often the child names the candidate's issuer or its place (the town's name)."""
    names = [plan.meta.issuer, plan.meta.place, plan.meta.issuer_parent]
    folded = {fold_text(name) for name in names if name}
    return sum(len(re.findall(rf"\b{re.escape(name)}\b", child_text)) for name in folded if name)
