"""Which plan of a batch implements which: ``rules.hierarchy.find_parent`` at batch scale.

``find_parent(child, candidates)`` works out the level of every candidate it is
given, so offering each plan all the others costs n² level look-ups (hours for
a thousand plans). Here each plan's level is worked out once, and each child is
offered only the candidates ``find_parent`` could choose: the plans it cites by
number, and the plans exactly one level above it. ``find_parent`` still makes
every decision; this only leaves out candidates its own tests would reject.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extract.model import Plan


def find_parents(plans: list[Plan]) -> dict[str, str | None]:
    """Each plan's parent among ``plans``, by sha256 of the file (None: no parent here)."""
    from rules.hierarchy import find_parent, hierarchy_words, plan_level

    ranks = hierarchy_words().rank
    levels = {id(plan): plan_level(plan) for plan in plans}
    by_rank: dict[int, list[Plan]] = defaultdict(list)
    by_number: dict[str, list[Plan]] = defaultdict(list)
    for plan in plans:
        level = levels[id(plan)]
        if level is not None:
            by_rank[ranks[level]].append(plan)
        if plan.meta.number:
            by_number[_normalised(plan.meta.number)].append(plan)
    order = {id(plan): index for index, plan in enumerate(plans)}
    parents: dict[str, str | None] = {}
    for child in plans:
        level = levels[id(child)]
        offered = {id(plan): plan for number in _cited(child) for plan in by_number[number]}
        if level is not None:
            offered.update((id(plan), plan) for plan in by_rank[ranks[level] - 1])
        # Same order as the batch, so that find_parent's tie-breaking is unchanged.
        candidates = sorted(offered.values(), key=lambda plan: order[id(plan)])
        parent = find_parent(child, candidates) if candidates else None
        parents[child.source.sha256] = parent.source.sha256 if parent is not None else None
    return parents


def _cited(plan: Plan) -> set[str]:
    references = list(plan.meta.references)
    implements = plan.meta.implements
    if implements is not None and implements.reference is not None:
        references.append(implements.reference)
    return {_normalised(reference.number) for reference in references if reference.number}


def _normalised(number: str) -> str:
    # Spacing, case and "Đ"/"D" vary between the way a number is written and cited.
    return "".join(number.split()).upper().replace("Đ", "D")
