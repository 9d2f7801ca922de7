"""How sure a cross-plan finding is, from the match and from what repair did to both lines."""

from __future__ import annotations

from rules.base import RuleContext
from rules.pairs import TargetPair


def pair_confidence(context: RuleContext, pair: TargetPair, base: float) -> float:
    """``base`` lowered when repair changed the child's or the parent's line."""
    if context.parent is not None:
        base = context.parent_repairs.confidence(pair.parent.line, base)
    return context.child_repairs.confidence(pair.child.line, base)
