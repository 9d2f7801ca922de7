"""Targets written in other forms than "(n)": under a heading number, or as list items.

Government plans number their targets "1.", "2." in a part titled CHỈ TIÊU, and
many plans list them with dashes or letters ("- Tỷ lệ ...", "a) 100% thôn ...").
Such a line is a target only inside a section of targets, and only when it sets
a figure; ``extract.parse.items`` gives each its place among the items.
"""

from __future__ import annotations

import re

from extract.model import Line, Section, Span
from extract.parse.blocks import TARGET_START, Paragraph, StartTest, gather, is_bullet, locate
from extract.parse.bodies import read_label
from extract.parse.quantities import parse_quantities
from extract.parse.target_titles import INLINE_PART
from extract.parse.targets import INLINE_NUMBER, target_sections

# "- Tỷ lệ ...", "+ ...", "a) ...": an item of a list of targets not numbered "(n)".
_LISTED = re.compile(r"^\s*(?:[-+•–]|[a-zđ]\))\s+(?=\S)")
# "... 127.000 tấn trở lên. - Lương thực ...": a dash item after a closed sentence,
# opening on a capital.
_INLINE_DASH = re.compile(r"(?<=[.;)])\s+[-–]\s+(?=[^\W\d_])")


def listed_target_sections(
    lines: list[Line], innermost: dict[int, str], targets: set[str]
) -> set[str]:
    """Sections of targets that number none of their lines "(n)": their list items are targets.

    Where a section numbers its targets "(5) ..., trong đó:", a dash below is a
    part of target (5), not a target of its own.
    """
    numbered = {
        innermost[line.number]
        for line in lines
        if line.number in innermost and TARGET_START.match(line.text)
    }
    return targets - numbered


def listed_target(
    lines: list[Line],
    index: int,
    listed: set[str],
    innermost: dict[int, str],
    is_new: StartTest,
) -> list[tuple[str, Span]] | None:
    """Text and span of a dash or letter item that sets a figure in such a section.

    Several items typed on one line ("... tấn trở lên. - Lương thực ...") are each
    an item; one without a figure is no target (a qualitative aim or a task).
    """
    line = lines[index]
    if innermost.get(line.number) not in listed or read_label(line.text) is not None:
        return None
    opening = _LISTED.match(line.text)
    lettered = line.text.lstrip()[1:2] == ")"
    if opening is None or not (lettered or is_bullet(line.text)):
        return None

    paragraph = gather(lines, index, opening.end(), _ends(is_new), mode="item")
    pieces = _inline_dash_items(paragraph.text)
    if len(pieces) == 1:
        return [(paragraph.text, paragraph.span)] if parse_quantities(paragraph.text) else None
    last = paragraph.span.end_line or paragraph.span.line
    lines_text = {number: lines[number - 1].text for number in range(paragraph.span.line, last + 1)}
    found = []
    after = (paragraph.span.line, paragraph.span.start)
    for piece in pieces:
        span = locate(piece, lines_text, after) or paragraph.span
        after = (span.end_line or span.line, span.end or 0)
        if parse_quantities(piece):
            found.append((piece, span))
    return found or None


def inline_targets(line: Line) -> list[tuple[int, str, Span]]:
    """Targets numbered on one line ("1. ... 2. ... 3. ..."): number, text and span of each.

    Only a run of at least two consecutive numbers counts, so "đạt 3. Tăng ..." alone
    is a sentence. A group heading inside the line ("II. Về văn hóa - xã hội") ends
    the item before it.
    """
    markers = list(INLINE_NUMBER.finditer(line.text))
    chain: list[re.Match[str]] = []
    for first, marker in enumerate(markers):
        run = [marker]
        for later in markers[first + 1 :]:
            if _number(later) == _number(run[-1]) + 1 and _style(later) == _style(run[-1]):
                run.append(later)
        if len(run) > len(chain):
            chain = run
    if len(chain) < 2:
        return []
    found = []
    for position, marker in enumerate(chain):
        end = chain[position + 1].start() if position + 1 < len(chain) else len(line.text)
        part = INLINE_PART.search(line.text, marker.end(), end)
        end = part.start() if part is not None else end
        text = line.text[marker.end() : end].strip()
        span = Span(line=line.number, start=marker.end(), end=marker.end() + len(text))
        found.append((_number(marker), text, span))
    return found


def _inline_dash_items(text: str) -> list[str]:
    cuts = [0]
    for dash in _INLINE_DASH.finditer(text):
        if text[dash.end()].isupper():
            cuts.extend([dash.start(), dash.end()])
    cuts.append(len(text))
    pieces = (text[cuts[index] : cuts[index + 1]] for index in range(0, len(cuts), 2))
    return [piece.strip() for piece in pieces if piece.strip()]


def _number(marker: re.Match[str]) -> int:
    return int(marker["paren"] or marker["dot"])


def _style(marker: re.Match[str]) -> str:
    return "paren" if marker["paren"] else "dot"


def numbered_heading_target(
    lines: list[Line],
    index: int,
    section: Section,
    owner: Section | None,
    is_new: StartTest,
) -> tuple[Section, int, str, Span] | None:
    """A numbered line under "CHỈ TIÊU" that sets a figure: "1. Tỷ lệ hộ nghèo giảm 4%/năm".

    Government plans number their targets "1.", "2." instead of "(1)", "(2)"; such a
    line reads as a heading. It is a target when it sits in a section or area of
    targets (``owner``, None elsewhere), has nothing under it, is not itself titled as
    a group of targets, and names a figure.
    """
    digits = re.findall(r"\d+", section.label)
    if section.children or owner is None or not digits:
        return None
    if section.id in target_sections([section.model_copy(update={"children": []})]):
        return None  # "2.1. Chỉ tiêu chung": a group, even when empty
    start = lines[index].text.find(section.label)
    paragraph = gather(lines, index, max(start, 0) + len(section.label), is_new, mode="item")
    if not parse_quantities(paragraph.text):
        return None
    return owner, int(digits[-1]), paragraph.text, paragraph.span


def with_listed_parts(lines: list[Line], paragraph: Paragraph, is_new: StartTest) -> Paragraph:
    """A target that ends on a colon ("trên 65%, trong đó:") with the dash items under it.

    The parts are the target's own sub-figures; without them a reader (and C003)
    would take them for missing.
    """
    if not paragraph.text.rstrip().endswith(":"):
        return paragraph
    text, span, last = paragraph.text, paragraph.span, paragraph.last_line
    position = last  # the 0-based index of the line after the paragraph
    while position < len(lines):
        line = lines[position]
        if not line.text.strip():
            position += 1
            continue
        opening = _LISTED.match(line.text)
        if opening is None or read_label(line.text) is not None or is_new(line):
            break
        part = gather(lines, position, opening.end(), _ends(is_new), mode="item")
        text = f"{text} {part.text}"
        last = part.last_line
        span = Span(line=span.line, start=span.start, end_line=last, end=part.span.end)
        position = last
    return Paragraph(text, span, last)


def _ends(is_new: StartTest) -> StartTest:
    def ends(other: Line) -> bool:  # the next dash or letter item ends this one too
        return is_new(other) or _LISTED.match(other.text) is not None

    return ends
