"""Numbered targets "(1)", "(2)" ... inside a section of targets ("Chỉ tiêu chung").

A section holds targets when its heading speaks of them, at any level and in any
case: "Chỉ tiêu chủ yếu", "Mục tiêu cụ thể", "Mục tiêu cơ bản đến năm 2025", "a) Chỉ
tiêu cơ bản", a lower-case "Các chỉ tiêu chủ yếu:" on a line of its own. A general
goal ("Mục tiêu chung", "I. MỤC TIÊU, YÊU CẦU") is prose and holds none. A heading
that is no numbered section of the tree (unnumbered, lettered, or in lower case)
opens a *target area* over the lines that follow it.

A target's id is the label of its innermost section and its number, "2.1(5)";
when two target sections in different Roman parts share a label, the Roman part
goes in front ("II.2.1(5)") so that every id stays unique in the plan. Targets in
an area take the label of the section the area sits in ("(3)" when it sits in none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.model import Bodies, Deadline, Line, Quantity, Section, Span, Target
from extract.parse.blocks import locate
from extract.parse.quantities import parse_quantities
from extract.parse.sections import label_of, walk
from extract.parse.target_titles import (
    HEADING_WORDS,
    LETTER_LABEL,
    MARKUP,
    cites_a_part,
    heading_words,
    is_general_goal,
    is_heading_line,
    is_target_title,
    lists_goals,
    titles_alone,
)
from extract.parse.vocabulary import items
from extract.text import normalise

# Both heads ("chỉ tiêu", "mục tiêu") have "tiêu": a cheap test before normalising a line.
_HINT = re.compile(r"ti[eêế]u|TI[EÊẾ]U|Ti[eêế]u")
# What follows a target heading: a bullet, "(1)", "1.", "a)", "a.".
_LIST_ITEM = re.compile(r"^\s*(?:[-+•–]|\(\d{1,2}\)|\d{1,2}[.)]|[a-zđ][.)])\s*\S")
# "1. Tốc độ ... 2. Thu nhập ...", "(1) ... (2) ...": items listed on one line.
INLINE_NUMBER = re.compile(
    r"(?:(?<=\s)|^)(?:\((?P<paren>\d{1,2})\)|(?P<dot>\d{1,2})\.)\s+(?=[^\W\d_])"
)


@dataclass(frozen=True)
class TargetArea:
    """Lines that a heading outside the section tree gives to targets."""

    key: str
    section: Section
    first: int
    last: int


def target_sections(sections: list[Section], lines: list[Line] | None = None) -> set[str]:
    """Ids of the sections whose numbered lines are targets: titled so, or inside one.

    With the plan's ``lines``, a section whose title lists goals among other parts
    ("PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ") counts when most of its items set a figure.
    """
    found: set[str] = set()
    for section, ancestors in walk(sections):
        titled = is_target_title(section.title) or (
            lines is not None
            and lists_goals(section.title)
            and sets_figures(lines, section.line_start, section.line_end)
        )
        if is_general_goal(section.title) and not titled:
            continue
        if titled or any(ancestor.id in found for ancestor in ancestors):
            found.add(section.id)
    return found


def sets_figures(lines: list[Line], heading: int, last: int) -> bool:
    """Whether most items under line ``heading`` up to line ``last`` set a figure.

    Items are the list lines ("- ...", "1. ...", "(2) ..."); a group heading without
    a figure ("1. Về Kinh tế:") is none. Targets set figures, tasks and aims seldom do:
    two at least, and two thirds of the items.
    """
    listed = figured = 0
    for line in lines[heading:last]:
        text = line.text.strip()
        if not _LIST_ITEM.match(line.text):
            continue
        has_figure = bool(parse_quantities(text))
        if text.endswith(":") and not has_figure:
            continue
        listed += 1
        figured += has_figure
    return figured >= 2 and 3 * figured >= 2 * listed


def target_areas(lines: list[Line], sections: list[Section]) -> list[TargetArea]:
    """Target headings that are no section of the tree, each with the lines it covers.

    An area runs from its heading to the end of the section it sits in (the end of
    the document, or the next Roman part, when it sits in none), and stops early at
    the next area's heading or, for a lettered heading ("a) Chỉ tiêu cơ bản"), at the
    next lettered line.
    """
    headings = {section.line_start for section, _ in walk(sections)}
    inside = _innermost_sections(sections)
    bare = _bare_target_headings(sections)
    starts = [
        line
        for index, line in enumerate(lines)
        if line.cell is None
        and _HINT.search(line.text) is not None
        and (
            line.number in bare
            or (
                line.number not in headings
                and (is_heading_line(line.text) or _lists_goals_line(line.text))
            )
        )
        and _stands_as_heading(lines, index)
    ]
    areas = []
    for position, line in enumerate(starts):
        owner = bare[line.number] if line.number in bare else inside.get(line.number)
        last = owner.line_end if owner is not None else _part_end(sections, line.number, lines)
        if position + 1 < len(starts):
            last = min(last, starts[position + 1].number - 1)
        if LETTER_LABEL.match(line.text):
            last = min(last, _next_lettered(lines, line.number, last) - 1)
        last = min(last, _list_end(lines, line.number, last))
        section = Section(
            id=owner.id if owner is not None else "",
            label=owner.label if owner is not None else "",
            title=heading_words(line.text),
            level=owner.level if owner is not None else 1,
            line_start=line.number,
            line_end=last,
        )
        if not is_heading_line(line.text) and line.number not in bare:
            if not sets_figures(lines, line.number, last):
                continue  # "MỤC TIÊU, YÊU CẦU" over aims in prose
        areas.append(TargetArea(f"area@{line.number}", section, line.number, last))
    return areas


def _lists_goals_line(text: str) -> bool:
    """A short heading line that lists goals among other parts (see ``lists_goals``)."""
    words = heading_words(text)
    return bool(words) and len(words.split()) <= HEADING_WORDS and lists_goals(words)


def target_ids(sections: list[tuple[Section, int]]) -> list[str]:
    """Ids for targets given as (innermost section, number), in order."""
    parts_by_label: dict[str, set[str]] = {}
    for section, _ in sections:
        parts_by_label.setdefault(label_of(section), set()).add(_roman_of(section))
    ids = []
    for section, number in sections:
        label = label_of(section)
        prefix = f"{_roman_of(section)}." if len(parts_by_label[label]) > 1 else ""
        ids.append(f"{prefix}{label}({number})" if label or prefix else f"({number})")
    return ids


def make_target(
    target_id: str,
    section: Section,
    number: int,
    text: str,
    span: Span,
    attached: tuple[Bodies, Deadline | None],
    lines_text: dict[int, str],
    quantities: list[Quantity] | None = None,
) -> Target:
    """A target with its quantities read from its text, or those its table cells set."""
    bodies, deadline = attached
    read = parse_quantities(text) if quantities is None else quantities
    return Target(
        id=target_id,
        section=label_of(section),
        number=number,
        text=text,
        line=span.line,
        span=span,
        quantities=_located(read, lines_text, span),
        deadline=deadline,
        bodies=bodies,
    )


def _bare_target_headings(sections: list[Section]) -> dict[int, Section | None]:
    """Numbered target headings the tree gave nothing, by line, with their parent.

    "2. Các chỉ tiêu chủ yếu" followed by a list numbered again from "1." is read by
    the tree as a heading next to its own items; the items are its list all the same.
    """
    bare: dict[int, Section | None] = {}
    for section, ancestors in walk(sections):
        if section.children or section.line_end > section.line_start:
            continue
        if is_target_title(section.title) and not is_general_goal(section.title):
            bare[section.line_start] = ancestors[-1] if ancestors else None
    return bare


def _innermost_sections(sections: list[Section]) -> dict[int, Section]:
    owner: dict[int, Section] = {}
    for section, _ in walk(sections):  # parents come before children, so deeper wins
        for number in range(section.line_start, section.line_end + 1):
            owner[number] = section
    return owner


def _stands_as_heading(lines: list[Line], index: int) -> bool:
    """After a closed sentence, and followed by its list (or carrying it on the line).

    "Các chỉ tiêu trên được ..." wrapped in a paragraph is a sentence, not a heading.
    """
    previous = next((line.text for line in reversed(lines[:index]) if line.text.strip()), "")
    text = lines[index].text
    if previous and not previous.rstrip().endswith((".", ":", ";", ")", "!", "?")):
        # A line in capitals is a heading whatever stands above it (a page's visit counter).
        alone = announces_list(text) or titles_alone(text) or text.strip(MARKUP).isupper()
        if not read_heading_like(previous) and not alone:
            return False
    if len(heading_words(text)) < len(text.strip(MARKUP)) - 1:
        return True  # "CÁC CHỈ TIÊU ... 1. Tốc độ ...": the list is on the line
    following = [
        line.text for line in lines[index + 1 :] if line.text.strip() and not is_stamp(line.text)
    ]
    # A group line may stand before the first item: "* Về kinh tế:" over "- ...".
    if following and _groups(following[0].strip()):
        following = following[1:]
    first = following[0] if following else ""
    return bool(_LIST_ITEM.match(first)) or carries_list(first)


def is_stamp(text: str) -> bool:
    """A web page's posting stamp on a line of its own: "Thứ Năm, 15-10-2020, 21:49"."""
    folded = normalise(text)
    if not re.search(r"\d", folded):
        return False
    return re.fullmatch(r"[\d\s,.:/()+\-–]*", _stamp_words().sub(" ", folded)) is not None


@cache
def _stamp_words() -> re.Pattern[str]:
    words = sorted((normalise(word) for word in items().sections.stamp_words), key=len)
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(word) for word in reversed(words))})(?!\w)")


def carries_list(text: str) -> bool:
    """Whether a line lists two or more items numbered in a row: "Về kinh tế: (1) ... (2) ..."."""
    markers = [
        (_number(marker), _style(marker))
        for marker in INLINE_NUMBER.finditer(text)
        if not cites_a_part(text, marker.start())
    ]
    return any(
        (number + 1, style) in markers[position + 1 :]
        for position, (number, style) in enumerate(markers)
    )


def _number(marker: re.Match[str]) -> int:
    return int(marker["paren"] or marker["dot"])


def _style(marker: re.Match[str]) -> str:
    return "paren" if marker["paren"] else "dot"


def announces_list(text: str) -> bool:
    """A line that opens a sentence and ends on a colon: "8 chỉ tiêu xã hội gồm:".

    After an unfinished line (an image caption, a list item without a full stop) it
    still stands on its own: a wrapped sentence goes on in lower case.
    """
    written = text.strip(MARKUP).rstrip()
    return written.endswith(":") and (written[:1].isupper() or written[:1].isdigit())


def read_heading_like(text: str) -> bool:
    """A short line without a closing mark that opens on a label or is in capitals."""
    written = text.strip(MARKUP)
    return bool(re.match(r"^(?:[IVX]+|\d+(?:\.\d+)*)[.\-–)]", written)) or written.isupper()


def _part_end(sections: list[Section], number: int, lines: list[Line]) -> int:
    """Before the next Roman part or part of tasks after line ``number``, or the last line."""
    words = items().sections
    ends = [normalise(title) for title in (*words.task_titles, *words.part_titles)]
    following = [
        section.line_start
        for section, _ in walk(sections)
        if section.line_start > number
        and (
            section.level == 1
            or (
                not is_target_title(section.title)
                and any(normalise(section.title).startswith(end) for end in ends)
            )
        )
    ]
    return min(following) - 1 if following else (lines[-1].number if lines else number)


def _list_end(lines: list[Line], number: int, last: int) -> int:
    """The last line of the list under a heading outside the tree.

    The list runs over its items and the lines that continue an unfinished item;
    lines ending on a colon may come before the first item ("Phấn đấu đến năm 2025:").
    A line that starts nothing after a finished item ends it ("Xem chi tiết tại: ...").
    """
    end, started, closed = number, False, True
    for line in lines[number:last]:
        text = line.text.strip()
        if not text or (not started and is_stamp(text)):
            continue
        if _LIST_ITEM.match(line.text) or carries_list(line.text):
            started = True
        elif started and closed and not _groups(text):
            break
        elif not started and not text.endswith(":"):
            break
        end, closed = line.number, text.endswith((".", ";", "!", "?"))
    return end


def _groups(text: str) -> bool:
    """A group line between items of one list: "* Về văn hóa – xã hội:", no figure of its own."""
    return text.endswith(":") and not parse_quantities(text)


def _next_lettered(lines: list[Line], number: int, last: int) -> int:
    for line in lines[number:last]:
        if LETTER_LABEL.match(line.text):
            return line.number
    return last + 1


def _located(quantities: list[Quantity], lines_text: dict[int, str], span: Span) -> list[Quantity]:
    """Point each quantity at the words it was read from, in order from the target's start.

    Several targets may share a line ("1. ... 50%. 2. ... 50%."): a figure is looked for
    after the target's start and after the figure before it, not from the line's start.
    """
    located = []
    after = (span.line, span.start)
    for quantity in quantities:
        found = locate(quantity.raw, lines_text, after)
        if found is not None:
            quantity = quantity.model_copy(update={"span": found})
            after = (found.end_line or found.line, found.end or found.start)
        located.append(quantity)
    return located


def _roman_of(section: Section) -> str:
    head = section.id.split(".", 1)[0]
    return head if not head.isdigit() else ""
