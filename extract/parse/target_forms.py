"""Targets written in other forms than "(n)": under a heading number, or as list items.

Government plans number their targets "1.", "2." in a part titled CHỈ TIÊU, and
many plans list them with dashes or letters ("- Tỷ lệ ...", "a) 100% thôn ...").
Such a line is a target only inside a section of targets, and only when it states
something to achieve, with or without a figure (:func:`states_target`: qualitative
targets count); ``extract.parse.items`` gives each its place among the items.
"""

from __future__ import annotations

import re

from extract.model import Line, Quantity, Section, Span
from extract.parse.blocks import TARGET_START, Paragraph, StartTest, gather, is_bullet, locate
from extract.parse.bodies import read_label
from extract.parse.quantities import parse_quantities
from extract.parse.target_titles import (
    HEADING_WORDS,
    INLINE_PART,
    cites_a_part,
    heading_words,
    is_general_goal,
    is_target_title,
)
from extract.parse.targets import INLINE_NUMBER, target_sections
from extract.parse.vocabulary import items
from extract.text import normalise

# "- Tỷ lệ ...", "+ ...", "a) ...": an item of a list of targets not numbered "(n)".
_LISTED = re.compile(r"^\s*(?:[-+•–]|[a-zđ][.)])\s+(?=\S)")
# "a)" or "a." before an item of a list.
_LETTERED = re.compile(r"^\s*[a-zđ][.)]\s")
# "... 127.000 tấn trở lên. - Lương thực ...": a dash item after a closed sentence,
# opening on a capital; or the next target's own number glued to the stop ("... từ 21%
# trở lên.(9) Giá trị xuất khẩu ...", a page that lost the item's line break).
_INLINE_DASH = re.compile(
    r"(?<=[.;)])\s+[-–]\s+(?=[^\W\d_])|(?<=[.;])\s*\(\d{1,2}\)\s*(?=[^\W\d_])"
)
# "Mục tiêu cụ thể ... đến năm 2025: - Thu nhập ...": a heading carrying its dash (or
# "•") list on its own line; the items after the first open after a closed sentence, on
# a capital or a figure ("... sạt lở đất. - 100% xã ...").
_CARRIED_DASH = re.compile(r":\s*[-–•]\s+(?=[^\W_])")
_NEXT_CARRIED = re.compile(r"(?<=[.;])\s+[-–•]\s+(?=[^\W_])")
# A list label and its rank in the usual order of a plan's lists ("1." over "(1)" over
# "a)" over "-" over "+"): a group line announces items of a lower rank than its own.
_MARKER = re.compile(
    r"^\s*(?:(?P<number>\d{1,2}(?:\.\d{1,2})*[.)])|(?P<paren>\(\d{1,2}\))"
    r"|(?P<letter>[a-zđ][.)])|(?P<dash>[-–•])|(?P<plus>\+))\s*\S"
)
_RANKS = {"number": 1, "paren": 2, "letter": 3, "dash": 4, "plus": 5}
# How a sentence closes: an item that ends so states something, whatever follows it.
_CLOSED = (".", ";", "!", "?", "…")


def listed_target_sections(
    lines: list[Line], innermost: dict[int, str], targets: set[str], groups: set[int]
) -> set[str]:
    """Sections of targets that number no target "(n)": their list items are targets.

    Where a section numbers its targets "(5) ..., trong đó:", a dash below is a
    part of target (5), not a target of its own; a "(1) Về kinh tế:" that only
    names the group of the items under it (``groups``, line numbers) numbers none.
    """
    numbered = {
        innermost[line.number]
        for line in lines
        if line.number in innermost and line.number not in groups and TARGET_START.match(line.text)
    }
    return targets - numbered


def numbered_groups(lines: list[Line], innermost: dict[int, str], targets: set[str]) -> set[int]:
    """Lines "(1) Về kinh tế:" in a section of targets that name a group, each by number.

    Such a line sets no figure of its own, ends on a colon and has list items under
    it ("- Tốc độ tăng trưởng ..."): those items are the targets (README of the
    realdocs gold: a group heading is no target, its sub-items are).
    """
    groups = set()
    for index, line in enumerate(lines):
        opening = TARGET_START.match(line.text)
        if opening is None or innermost.get(line.number) not in targets:
            continue
        text = line.text[opening.end() :].strip()
        if not text.endswith(":") or any(
            not _counts_targets(quantity) for quantity in parse_quantities(text)
        ):
            continue
        # The next line with text, read without copying the rest of the plan per line.
        below = next(
            (lines[k].text for k in range(index + 1, len(lines)) if lines[k].text.strip()), ""
        )
        if _LISTED.match(below) and read_label(below) is None:
            groups.add(line.number)
    return groups


def listed_target(
    lines: list[Line],
    index: int,
    listed: set[str],
    innermost: dict[int, str],
    is_new: StartTest,
) -> list[tuple[str, Span]] | None:
    """Text and span of a dash or letter item that states a target in such a section.

    Several items typed on one line ("... tấn trở lên. - Lương thực ...") are each
    an item; a group line or a general goal among them is no target (:func:`states_target`).
    """
    line = lines[index]
    if innermost.get(line.number) not in listed or read_label(line.text) is not None:
        return None
    opening = _LISTED.match(line.text)
    if opening is None or not (_LETTERED.match(line.text) or is_bullet(line.text)):
        return None

    paragraph = gather(lines, index, opening.end(), _ends(is_new), mode="item")
    pieces = _inline_dash_items(paragraph.text)
    following = _following(lines, paragraph.last_line)
    if len(pieces) == 1:
        if states_target(paragraph.text, _rank(line.text), following):
            return [(paragraph.text, paragraph.span)]
        return None
    last = paragraph.span.end_line or paragraph.span.line
    lines_text = {number: lines[number - 1].text for number in range(paragraph.span.line, last + 1)}
    found = []
    after = (paragraph.span.line, paragraph.span.start)
    for position, piece in enumerate(pieces):
        span = locate(piece, lines_text, after) or paragraph.span
        after = (span.end_line or span.line, span.end or 0)
        below = following if position == len(pieces) - 1 else None
        if states_target(piece, _rank(line.text), below):
            found.append((piece, span))
    return found or None


def states_target(text: str, rank: int | None, following: str | None) -> bool:
    """Whether a labelled item of a target section states something to achieve.

    Qualitative targets count (the lead's decision on issue 14): an item is a target
    with or without a figure ("- Tỷ lệ hộ nghèo giảm 1%/năm.", "4. Phấn đấu đến năm
    2025 không còn hộ nghèo trên địa bàn phường."). Not targets, when they set no
    figure (a count of the targets below, "(05 chỉ tiêu)", is none): a group line
    that announces the items under it (it ends on a colon, has items of a lower rank
    under it: "a) Mục tiêu 1: Giảm tỷ lệ tai nạn ..." over "- ...", or opens "Về kinh
    tế" without closing a sentence), a general goal ("Mục tiêu tổng quát: ..."), a
    heading of targets ("- Các chỉ tiêu chủ yếu"), a report on results ("Kết quả
    thực hiện ...").

    Args:
        text: The item's text, its label removed.
        rank: The rank of its label (``_RANKS``), None when unknown.
        following: The next line with text after the item, None when there is none.
    """
    written = text.strip()
    if any(not _counts_targets(quantity) for quantity in parse_quantities(written)):
        return True
    if not written or written.endswith(":"):
        return False
    words = heading_words(written) or written
    folded = normalise(words)
    if is_general_goal(words) or any(
        folded.startswith(normalise(word)) for word in items().sections.result_words
    ):
        return False
    below = _rank(following) if following is not None else None
    if rank is not None and below is not None and below > rank:
        return False  # "a) Mục tiêu 1: Giảm tỷ lệ tai nạn ... của trẻ em." over "- ..."
    if written.endswith(_CLOSED):
        return True
    if is_target_title(words) and len(words.split()) <= HEADING_WORDS:
        return False
    return not any(_opens_with(folded, normalise(w)) for w in items().sections.group_openers)


def _counts_targets(quantity: Quantity) -> bool:
    """'Về kinh tế (05 chỉ tiêu)': a count of the targets listed below, no level to reach."""
    words = items().sections
    heads = {normalise(head) for head in (*words.target_heads, *words.goal_heads)}
    return quantity.unit is not None and normalise(quantity.unit) in heads


def _rank(text: str) -> int | None:
    marker = _MARKER.match(text)
    if marker is None or marker.lastgroup is None:
        return None
    return _RANKS[marker.lastgroup]


def _opens_with(folded: str, word: str) -> bool:
    return folded == word or folded.startswith(f"{word} ")


def _following(lines: list[Line], last_line: int) -> str | None:
    """The next line with text after line number ``last_line``, unless it is a label.

    A label line ("- Cơ quan thực hiện: ...") under an item is the item's own, not
    a sub-item that would make it a group.
    """
    following = next((line.text for line in lines[last_line:] if line.text.strip()), None)
    return None if following is None or read_label(following) is not None else following


def inline_targets(line: Line) -> list[tuple[int, str, Span]]:
    """Targets numbered on one line ("1. ... 2. ... 3. ..."): number, text and span of each.

    Only a run of at least two consecutive numbers counts, so "đạt 3. Tăng ..." alone
    is a sentence. A group heading inside the line ("II. Về văn hóa - xã hội") ends
    the item before it.
    """
    markers = [
        marker
        for marker in INLINE_NUMBER.finditer(line.text)
        if not cites_a_part(line.text, marker.start())  # "tại Điều 1. ..." cites
    ]
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


def carried_dash_targets(line: Line) -> list[tuple[str, Span]]:
    """Dash items a heading of targets carries after its colon, each with its span.

    A page that runs a whole list onto the heading's line ("Mục tiêu cụ thể của đề án
    đến năm 2025: - Thu nhập ... năm 2020. - Trên 80% lao động ...") lists an item
    after each closed sentence that a dash follows; group lines and general goals
    among them are no targets (:func:`states_target`).
    """
    text = line.text
    opening = _CARRIED_DASH.search(text)
    if opening is None or not _opens_item(text[opening.end()]):
        return []
    cuts = [opening.end()]
    for dash in _NEXT_CARRIED.finditer(text, opening.end()):
        if _opens_item(text[dash.end()]):
            cuts.extend([dash.start(), dash.end()])
    cuts.append(len(text))
    found = []
    for first in range(0, len(cuts), 2):
        piece = text[cuts[first] : cuts[first + 1]]
        start = cuts[first] + len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece and states_target(piece, _RANKS["dash"], None):
            found.append((piece, Span(line=line.number, start=start, end=start + len(piece))))
    return found


def opens_lettered_item(text: str) -> bool:
    """Whether a line opens on a letter label: "b) Tỷ lệ ...", "c. Duy trì ..."."""
    return _LETTERED.match(text) is not None


def _opens_item(char: str) -> bool:
    return char.isupper() or char.isdigit()


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
    """A numbered line under "CHỈ TIÊU" that states a target: "1. Tỷ lệ hộ nghèo giảm 4%/năm".

    Government plans number their targets "1.", "2." instead of "(1)", "(2)"; such a
    line reads as a heading. It is a target when it sits in a section or area of
    targets (``owner``, None elsewhere), has nothing under it, is not itself titled as
    a group of targets, and states something to achieve (:func:`states_target`).
    """
    digits = re.findall(r"\d+", section.label)
    if section.children or owner is None or not digits:
        return None
    if section.id in target_sections([section.model_copy(update={"children": []})]):
        return None  # "2.1. Chỉ tiêu chung": a group, even when empty
    start = lines[index].text.find(section.label)
    paragraph = gather(lines, index, max(start, 0) + len(section.label), is_new, mode="item")
    following = _following(lines, paragraph.last_line)
    if not states_target(paragraph.text, _RANKS["number"], following):
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
