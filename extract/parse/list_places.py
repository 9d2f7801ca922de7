"""Where a list the content route reads sits: its headings, its page's year, its neighbours.

``extract.parse.target_lists`` judges a list by what its items set; what it needs to know
of the plan around the list lives here: the titles of the sections above each line, the
section each line sits in, the year a page without a header states above a list, and which
lists that set levels in too few items stand beside a list of targets under one heading.
Each function reads the plan's lines or its section tree once.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.model import Line, Section
from extract.parse.calendar import find_dates
from extract.parse.sections import walk


@dataclass(frozen=True)
class ContentList:
    """A list read as targets by what its items set, with its evidence."""

    first: int
    last: int
    lead: str
    # (line, cue) of each item that looked like a target.
    cues: tuple[tuple[int, str], ...]
    items: int
    # Fewer than half its items set a level: read only beside a list of targets.
    beside: bool = False

    @property
    def cue(self) -> str:
        """The evidence in a few words: how many items looked like targets, on which cues."""
        kinds = sorted({cue for _, cue in self.cues})
        beside = ", beside a list of targets" if self.beside else ""
        return f"{len(self.cues)}/{self.items} items: {', '.join(kinds)}{beside}"


def beside_lists(found: list[ContentList], sections: list[Section]) -> list[ContentList]:
    """The lists, those that set levels in too few items kept only beside a list of targets.

    "1.1. Về kinh tế" giving each indicator its figure ("Tổng đàn gia súc: 275 nghìn con")
    next to "1.2. Về văn hóa - xã hội" whose items set levels: parts of one heading laid
    out alike hold lists of one kind, so the first is targets too.
    """
    parent = {}
    inside: dict[int, str | None] = {}
    for section, ancestors in walk(sections):  # parents come before children, so deeper wins
        parent[section.id] = ancestors[-1].id if ancestors else None
        for number in range(section.line_start, section.line_end + 1):
            inside[number] = section.id
    keys = {parent.get(inside.get(listed.first) or "") for listed in found if not listed.beside}
    kept = []
    for position, listed in enumerate(found):
        if listed.beside:
            following = found[position + 1] if position + 1 < len(found) else None
            if following is not None and following.first <= listed.last:
                continue  # its parts make a list of their own: they are read instead
            if parent.get(inside.get(listed.first) or "") not in keys - {None}:
                continue
        kept.append(listed)
    return kept


def years_stated(lines: list[Line]) -> dict[int, int]:
    """For each line, the latest year of a full date written on the lines before it.

    A page without a header (a portal's news item, a library's excerpt) has no year of its
    own, but its lead or posting stamp dates it ("Ngày 18/3/2022, Chủ tịch UBND tỉnh ban
    hành ...", "Ngày đăng 31/07/2020"): figures for that year or later are levels to reach,
    figures for years before it state the past. The latest date is taken so that a page
    reporting later on an older decision reads its years as past. Each line is read once.
    """
    latest: int | None = None
    stated: dict[int, int] = {}
    for line in lines:
        if latest is not None:
            stated[line.number] = latest
        for found in find_dates(line.text, require_year=True):
            if found.date is not None:
                latest = max(latest or found.date.year, found.date.year)
    return stated


def headings_above(sections: list[Section]) -> dict[int, tuple[str, ...]]:
    """For each line, the titles of the sections it sits in (outermost first)."""
    above: dict[int, tuple[str, ...]] = {}
    for section, ancestors in walk(sections):  # parents come before children, so deeper wins
        titles = (*(ancestor.title for ancestor in ancestors), section.title)
        for number in range(section.line_start + 1, section.line_end + 1):
            above[number] = titles
    return above


def innermost_sections(sections: list[Section]) -> dict[int, Section]:
    """For each line, the deepest section it sits in."""
    owner: dict[int, Section] = {}
    for section, _ in walk(sections):
        for number in range(section.line_start, section.line_end + 1):
            owner[number] = section
    return owner
