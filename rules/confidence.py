"""How sure a cross-plan finding is, from the match and from what repair did to both lines."""

from __future__ import annotations

from rules.base import RuleContext
from rules.evidence import line_confidence
from rules.pairs import TargetPair


def pair_confidence(context: RuleContext, pair: TargetPair, base: float) -> float:
    """``base`` lowered when repair changed the child's or the parent's line."""
    if context.parent is not None:
        base = line_confidence(context.parent, pair.parent.line, base)
    return line_confidence(context.child, pair.child.line, base)
