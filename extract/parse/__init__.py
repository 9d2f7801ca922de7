"""Structure extraction: metadata, citations, sections, targets, tasks, dates."""

from __future__ import annotations

from extract.model import Line, Plan
from extract.parse.blocks import blank_written_breaks, hide_footnotes
from extract.parse.dates import find_date_mentions
from extract.parse.flat_tables import cells_from_bars, cells_from_blank_lines
from extract.parse.items import parse_items
from extract.parse.meta import parse_meta
from extract.parse.rule_facts import complete_facts
from extract.parse.sections import build_sections


def parse_plan(plan: Plan) -> Plan:
    """Fill the parsed fields of ``plan`` from its repaired lines."""
    meta = parse_meta(plan.lines)
    dates = find_date_mentions(plan.lines, meta.period)
    plan = plan.model_copy(update={"meta": meta, "dates": dates})
    lines = item_lines(plan.lines)
    sections = build_sections(lines)
    targets, tasks = parse_items(lines, sections, year=context_year(plan))
    plan = plan.model_copy(update={"sections": sections, "targets": targets, "tasks": tasks})
    return complete_facts(plan)


def item_lines(lines: list[Line]) -> list[Line]:
    """The lines the section tree and the items are read from.

    Written-out line breaks blanked, footnotes hidden, flattened table cells one a line.
    """
    return cells_from_blank_lines(cells_from_bars(hide_footnotes(blank_written_breaks(lines))))


def context_year(plan: Plan) -> int | None:
    """The year a day and month without one belong to: the plan's first year, else its date."""
    if plan.meta.period is not None:
        return plan.meta.period.start
    if plan.meta.issue_date is not None:
        return plan.meta.issue_date.year
    return None
