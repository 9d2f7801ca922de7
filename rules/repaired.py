"""Which lines of a plan repair changed, gathered once: what a finding's confidence reads.

A finding read from a line that repair changed is less sure than one read from the line
as printed. Rules ask it through their context (``RuleContext.child_repairs``,
``parent_repairs``), which gathers the lines once per check: asked of the parent for
every finding that quotes it, a garbled parent (the town plan: 1,900 repair notes) was
walked note by note each time, 0.16 ms a question and some twenty questions a child
(issue 18).
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.model import Plan

# How much a repaired line weakens a finding read from it.
REPAIRED_FACTOR = 0.8
UNCERTAIN_FACTOR = 0.6


@dataclass(frozen=True)
class RepairedLines:
    """The lines repair changed, and those where it was unsure of a change."""

    changed: frozenset[int]
    uncertain: frozenset[int]

    @classmethod
    def of(cls, plan: Plan) -> RepairedLines:
        """The repaired lines of ``plan``, from its repair notes."""
        changed: set[int] = set()
        uncertain: set[int] = set()
        for note in plan.repairs:
            changed.add(note.line)
            if note.uncertain:
                uncertain.add(note.line)
        return cls(frozenset(changed), frozenset(uncertain))

    def confidence(self, line: int, base: float) -> float:
        """``base`` lowered when repair changed the line, more when it was unsure."""
        if line in self.uncertain:
            return round(base * UNCERTAIN_FACTOR, 2)
        if line in self.changed:
            return round(base * REPAIRED_FACTOR, 2)
        return base
