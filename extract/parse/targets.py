"""Numbered targets "(1)", "(2)" ... inside a section of targets ("Chỉ tiêu chung").

A target's id is the label of its innermost section and its number, "2.1(5)";
when two target sections in different Roman parts share a label, the Roman part
goes in front ("II.2.1(5)") so that every id stays unique in the plan.
"""

from __future__ import annotations

from extract.model import Bodies, Deadline, Quantity, Section, Span, Target
from extract.parse.blocks import locate
from extract.parse.quantities import parse_quantities
from extract.parse.sections import label_of, walk
from extract.parse.vocabulary import items, normalise


def target_sections(sections: list[Section]) -> set[str]:
    """Ids of the sections whose numbered lines are targets: titled so, or inside one."""
    words = [normalise(word) for word in items().sections.target_titles]
    found: set[str] = set()
    for section, ancestors in walk(sections):
        title = normalise(section.title)
        titled = any(title == word or title.startswith(word + " ") for word in words)
        if titled or any(ancestor.id in found for ancestor in ancestors):
            found.add(section.id)
    return found


def target_ids(sections: list[tuple[Section, int]]) -> list[str]:
    """Ids for targets given as (innermost section, number), in order."""
    parts_by_label: dict[str, set[str]] = {}
    for section, _ in sections:
        parts_by_label.setdefault(label_of(section), set()).add(_roman_of(section))
    ids = []
    for section, number in sections:
        label = label_of(section)
        prefix = f"{_roman_of(section)}." if len(parts_by_label[label]) > 1 else ""
        ids.append(f"{prefix}{label}({number})")
    return ids


def make_target(
    target_id: str,
    section: Section,
    number: int,
    text: str,
    span: Span,
    attached: tuple[Bodies, Deadline | None],
    lines_text: dict[int, str],
) -> Target:
    """A target with its quantities read from its text."""
    bodies, deadline = attached
    return Target(
        id=target_id,
        section=label_of(section),
        number=number,
        text=text,
        line=span.line,
        span=span,
        quantities=[_locate(quantity, lines_text) for quantity in parse_quantities(text)],
        deadline=deadline,
        bodies=bodies,
    )


def _locate(quantity: Quantity, lines_text: dict[int, str]) -> Quantity:
    """Point the quantity at the line its words are on, or the lines they span."""
    span = locate(quantity.raw, lines_text)
    return quantity.model_copy(update={"span": span}) if span is not None else quantity


def _roman_of(section: Section) -> str:
    head = section.id.split(".", 1)[0]
    return head if not head.isdigit() else ""
