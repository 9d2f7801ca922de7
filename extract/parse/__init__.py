"""Structure extraction: metadata, citations, sections, targets, tasks, dates."""

from __future__ import annotations

from extract.model import Plan


def parse_plan(plan: Plan) -> Plan:
    """Fill the parsed fields of ``plan`` from its repaired lines."""
    return plan
