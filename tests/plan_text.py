"""Plans parsed from a text excerpt, for the tests of real target forms and sections."""

from __future__ import annotations

from extract.model import Line, Plan, Source, Target
from extract.parse import parse_plan


def parsed_plan(text: str) -> Plan:
    """The plan of ``text``, one line per "\\n" (a real page's other breaks stay in the line)."""
    lines = [
        Line(number=number, raw=line, text=line)
        for number, line in enumerate(text.split("\n"), start=1)
    ]
    source = Source(path="x.txt", name="x.txt", format="txt", sha256="0", size=len(text))
    return parse_plan(Plan(source=source, lines=lines))


def figures(target: Target) -> list[tuple[str, float, str | None]]:
    """Each quantity of ``target`` as (comparison, value, unit)."""
    return [(quantity.op, quantity.value, quantity.unit) for quantity in target.quantities]
