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
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extract.model import Plan
    from rules.reference import Level


def find_parents(paths: list[str], plan_at: Callable[[str], Plan]) -> dict[str, str | None]:
    """Each plan's parent among the batch, by sha256 of the file (None: no parent here).

    Args:
        paths: The plans of the batch, in batch order.
        plan_at: Gives the plan model of a path. Plans are asked for one at a
            time and let go, except the candidates, so that a large batch does
            not hold every plan model at once.
    """
    from rules.hierarchy import find_parent, hierarchy_words, plan_level

    ranks = hierarchy_words().rank
    levels: dict[str, Level | None] = {}
    cited: dict[str, set[str]] = {}
    by_rank: dict[int, list[str]] = defaultdict(list)
    by_number: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        plan = plan_at(path)
        levels[path] = level = plan_level(plan)
        cited[path] = _cited(plan)
        if level is not None:
            by_rank[ranks[level]].append(path)
        if plan.meta.number:
            by_number[_normalised(plan.meta.number)].append(path)
    order = {path: index for index, path in enumerate(paths)}
    candidates_held: dict[str, Plan] = {}
    parents: dict[str, str | None] = {}
    for path in paths:
        offered = {other for number in cited[path] for other in by_number[number]}
        level = levels[path]
        if level is not None:
            offered.update(by_rank[ranks[level] - 1])
        # Same order as the batch, so that find_parent's tie-breaking is unchanged.
        for other in offered.difference(candidates_held):
            candidates_held[other] = plan_at(other)
        candidates = [candidates_held[other] for other in sorted(offered, key=order.__getitem__)]
        child = plan_at(path)
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
