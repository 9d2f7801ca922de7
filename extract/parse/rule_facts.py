"""The facts the rules read beyond the parsed items, completed once after parsing.

Rules judge the plan as printed and as understood, and never parse text
themselves: the header's number and date with their blank parts, the parts of
each date and whether a deadline word stands before it, the labelled deadline
lines, list labels, who an item opens its sentences with, and what a figure's
unit measures. :func:`complete_facts` fills them from the lines and the parsed
items; it is run by :func:`extract.parse.parse_plan` and may be run again on a
plan built by hand (tests), since it only derives and never overwrites a parse.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TypeVar

from extract.model import (
    Bodies,
    Body,
    DateMention,
    Deadline,
    Line,
    Plan,
    Quantity,
    Span,
    SubjectRole,
    Target,
    Task,
)
from extract.parse.calendar import find_dates
from extract.parse.date_cues import date_cues
from extract.parse.deadlines import parse_deadline
from extract.parse.markers import find_markers, mark_sections
from extract.parse.printed_header import printed_vocabulary, read_printed_header
from extract.parse.units import canonical_unit, unit_kind_of
from extract.parse.vocabulary import body_registry, items
from extract.text import fold, normalise

# "- Thời gian hoàn thành: trong quý IV/2022": a short label, a colon, the value.

Item = TypeVar("Item", Target, Task)
DEADLINE_LABEL = re.compile(r"^[\s*_\-–•+]*(?P<label>[^:*_]{4,40}?)[\s*_]*:[\s*_]*(?P<value>\S.*)$")


def complete_facts(plan: Plan) -> Plan:
    """``plan`` with every fact the rules read filled from its lines and items."""
    return plan.model_copy(
        update={
            "meta": read_printed_header(plan.lines, plan.meta),
            "dates": [date_facts(mention, plan.lines) for mention in plan.dates],
            "labelled_deadlines": labelled_deadlines(plan.lines),
            "markers": find_markers(plan.lines),
            "sections": mark_sections(plan.sections),
            "targets": [_item_facts(target, plan.lines) for target in plan.targets],
            "tasks": [_item_facts(task, plan.lines) for task in plan.tasks],
        }
    )


def date_facts(mention: DateMention, lines: list[Line]) -> DateMention:
    """The mention with its day, month and written year, and whether a deadline word leads."""
    parts = next(iter(find_dates(mention.raw)), None)
    cue = False
    if mention.span is not None and 0 < mention.line <= len(lines):
        cue = has_deadline_cue(lines[mention.line - 1].text, mention.span.start)
    return mention.model_copy(
        update={
            "day": parts.day if parts is not None else None,
            "month": parts.month if parts is not None else None,
            "year": parts.year if parts is not None else None,
            "deadline_cue": cue,
        }
    )


def has_deadline_cue(text: str, start: int) -> bool:
    """Whether a deadline word ('trước', 'chậm nhất') sits just before ``text[start:]``."""
    cues = date_cues()
    before = text[max(0, start - cues.windows.deadline) : start].lower()
    before = re.sub(r"\bngày\s*$", "", before.rstrip()).rstrip(" :,")
    return any(re.search(rf"\b{re.escape(cue)}$", before) for cue in cues.words("deadline"))


def labelled_deadlines(lines: list[Line]) -> list[Deadline]:
    """'- Thời gian hoàn thành: trong quý IV/2022' lines, each value read as a deadline."""
    found: list[Deadline] = []
    labels = set(printed_vocabulary().deadline_labels)
    for line in lines:
        labelled = DEADLINE_LABEL.match(line.text)
        if labelled is None or " ".join(labelled.group("label").lower().split()) not in labels:
            continue
        deadline = parse_deadline(labelled.group("value"), line=line.number)
        start, end = labelled.span("value")
        span = Span(line=line.number, start=start, end=end)
        found.append(deadline.replaced(span=span))
    return found


def quantity_facts(quantity: Quantity) -> Quantity:
    """The quantity with its unit named canonically and its kind from the unit vocabulary."""
    unit = quantity.unit
    if unit is None or not unit.strip():
        return quantity.model_copy(update={"unit_canonical": None, "unit_kind": None})
    return quantity.model_copy(
        update={"unit_canonical": canonical_unit(unit.strip()), "unit_kind": unit_kind_of(unit)}
    )


def subject_roles(item: Target | Task, lines: list[Line]) -> list[SubjectRole]:
    """Roles an item fills by opening a sentence with a body instead of a label.

    "1. Công tác quán triệt / Cấp ủy đảng, lãnh đạo cơ quan tổ chức quán triệt...":
    the plan's own leadership leads and carries out; any body the registry knows
    ("Ủy ban nhân dân phường chỉ đạo...") carries out.
    """
    span = item.span
    openings = [item.text if isinstance(item, Target) else item.title]
    if span is not None:
        last = span.end_line or span.line
        openings += [lines[number - 1].text for number in range(span.line + 1, last + 1)]
    roles: set[SubjectRole] = set()
    for opening in openings:
        written = opening.strip(" -+*•\t")
        if opens_with(written, _own_leadership()):
            roles.update(("lead", "implementing"))
        elif opens_with(written, _registry_aliases(), list_follows=False):
            # "Thanh tra, kiểm tra ..." is a verb, not the body "Thanh tra".
            roles.add("implementing")
    return sorted(roles)


def opens_with(text: str, phrases: tuple[str, ...], list_follows: bool = True) -> bool:
    """Whether ``text`` starts with one of ``phrases`` (folded), not a plural "các ...".

    With ``list_follows`` the phrase may end at a comma that continues a list.
    """
    whole, openings, longest = _openings(phrases, list_follows)
    # Only the opening words matter; writing out abbreviations only lengthens a
    # text, so the words up to the first space past the longest phrase suffice.
    spaced = " ".join(text.split())
    cut = spaced.find(" ", longest + 1)
    folded = fold(_expand(spaced if cut < 0 else spaced[:cut]))
    if folded.startswith("các "):
        return False
    return folded in whole or folded.startswith(openings)


@cache
def _openings(
    phrases: tuple[str, ...], list_follows: bool
) -> tuple[frozenset[str], tuple[str, ...], int]:
    """The phrases whole, as openings followed by a space (or a comma), the longest's length."""
    endings = (" ", ",") if list_follows else (" ",)
    openings = tuple(phrase + end for phrase in phrases for end in endings)
    return frozenset(phrases), openings, max((len(phrase) for phrase in phrases), default=0)


def _item_facts(item: Item, lines: list[Line]) -> Item:
    update: dict[str, object] = {
        "bodies": _bodies_facts(item.bodies),
        "subject_roles": subject_roles(item, lines),
    }
    if isinstance(item, Target):
        update["quantities"] = [quantity_facts(quantity) for quantity in item.quantities]
    return item.replaced(**update)


def _bodies_facts(bodies: Bodies) -> Bodies:
    # Copied, not validated again: the bodies were validated when read, and only the two
    # facts below (booleans) change (issue 18).
    return bodies.replaced(
        lead=[_body_facts(body) for body in bodies.lead],
        advisory=[_body_facts(body) for body in bodies.advisory],
        implementing=[_body_facts(body) for body in bodies.implementing],
        coordinating=[_body_facts(body) for body in bodies.coordinating],
    )


def _body_facts(body: Body) -> Body:
    return body.replaced(
        carries_out=body.role in _carrying_leads(),
        own_leadership=_names_own_leadership(body.name or body.raw),
    )


# Kept: a plan names the same few bodies in item after item (about 130 bodies a generated
# plan, a dozen names), and each answer folds and expands the name (issue 18).
@lru_cache(maxsize=1 << 12)
def _names_own_leadership(name: str) -> bool:
    return opens_with(name, _own_leadership())


def _expand(text: str) -> str:
    """Abbreviations written out ("UBND" -> "Ủy ban nhân dân"), whole words only."""
    abbreviations = body_registry().abbreviations
    if abbreviations:
        text = _abbreviation_pattern().sub(lambda found: abbreviations[found.group(0)], text)
    return " ".join(text.split())


@cache
def _abbreviation_pattern() -> re.Pattern[str]:
    # Longest first, so that one abbreviation inside another is not expanded first.
    shorts = sorted(body_registry().abbreviations, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(short) for short in shorts)})(?!\w)")


@cache
def _own_leadership() -> tuple[str, ...]:
    return tuple(fold(words) for words in items().bodies.own_leadership)


@cache
def _registry_aliases() -> tuple[str, ...]:
    registry = body_registry()
    return tuple(fold(_expand(alias)) for body in registry.bodies for alias in body.aliases)


@cache
def _carrying_leads() -> frozenset[str]:
    return frozenset(normalise(words) for words in items().labels.carrying_leads)
