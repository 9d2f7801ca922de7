"""Where a dash, a plus or a bullet opens an item of a run-together list.

A dash is also the punctuation of running text: a range ("2021 - 2025", "80% - 94%"),
a compound ("kinh tế - xã hội", "Dịch vụ - Thương mại"), a name in capitals ("BỘ LAO
ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"). So a dash opens an item only where a list's item would
begin: after a clause's end, after a figure and its unit, before a labelled line
("- Cơ quan lãnh đạo: ..."), or as the first of a run of alike dashes whose next one
opens after a clause's end (the heading before it, "Về xã hội - Xây dựng ... . - Xây
dựng ...", then stands on a line of its own). Every test reads a window around the
dash.
"""

from __future__ import annotations

import re

from extract.layout.marks import (
    CLAUSE_END,
    CLOSERS,
    LABELLED,
    TOKEN,
    WINDOW,
    Cut,
    after_clause,
    at_clause_end,
    cut_at,
    in_capitals,
    word_before,
)
from extract.layout.vocabulary import LayoutWords


def dash_cuts(
    text: str, found: re.Match[str], following: re.Match[str] | None, words: LayoutWords
) -> list[Cut]:
    """The cuts a dash label makes: none, its own, or its own and its heading's.

    ``following`` is the next label of the line that may open an item, if any.
    """
    if _opens_dash_item(text, found, words):
        return [cut_at(found.start(), False)]
    if _opens_run(text, found, following, words):
        return [*_heading_before(text, found.start(), words), cut_at(found.start(), False)]
    return []


def _opens_dash_item(text: str, found: re.Match[str], words: LayoutWords) -> bool:
    """A dash opens an item after a clause's end, a figure, or before a labelled line.

    After a word in capitals it does only before words in mixed case ("MỤC TIÊU - Tỷ lệ
    ..."): between capitals it joins a name ("BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI").
    """
    if LABELLED.match(text, found.end()):
        return not _joins_compound(text, found, words)
    if found.group("dash") == "*":
        return False  # a star opens only a labelled line ("* Mục tiêu tổng quát:"); else a rule
    if _after_quantity(text, found.start(), words.unit_words) and text[found.end()].isupper():
        return True
    if not after_clause(text, found.start()):
        return False
    if at_clause_end(text, found.start()):
        return True
    following = TOKEN.match(text, found.end())
    return following is not None and not in_capitals(following.group())


def _opens_run(
    text: str, found: re.Match[str], following: re.Match[str] | None, words: LayoutWords
) -> bool:
    """The first of a run of alike dashes, after a short heading that ends on no full stop.

    "2. Các chỉ tiêu chủ yếu - Tổng sản phẩm ... tăng 8%; - Giá trị ...": the next label
    is the same dash and opens after a clause's end, so this one opens the run. A dash
    between figures is a range ("từ 10 - 12% số học sinh"); after a long clause or a
    colon, inside a sentence or a labelled value ("trên Cổng dịch vụ công - Hệ thống
    thông tin một cửa điện tử"), it joins words; between two words in title case after
    a short clause it joins a name ("Tổng Thu - Chi Ngân sách"), and so it does before a
    short item ("- Trung tâm Văn hóa - Truyền thông; - ...").
    """
    glyph = found.group("dash")
    if glyph == "*" or following is None or following.group("dash") != glyph:
        return False
    if not at_clause_end(text, following.start()):
        return False
    before = word_before(text, found.start())
    if before is None or before.rstrip(CLOSERS).rstrip("%‰")[-1:].isdigit():
        return False
    clause = _clause_before(text, found.start())
    heading = clause[1:].split()
    if clause[:1] not in _SENTENCE_END or len(heading) > words.heading_words:
        return False
    title_case = before[:1].isupper() and text[found.end()].isupper()
    if title_case and len(heading) <= _NAME_WORDS:
        return False
    return len(text[found.end() : following.start()].split()) > _NAME_WORDS


# A name joined by a dash has at most this many words on either side of it ("Tổng Thu
# - Chi Ngân sách", "Trung tâm Văn hóa - Truyền thông").
_NAME_WORDS = 4


def _clause_before(text: str, position: int) -> str:
    """The text from the last clause end before ``position`` (its mark first), in a window.

    A mark ends a clause before a space only: the dots of "Laocaitv.vn" or "3.000" do not.
    """
    start = max(0, position - WINDOW)
    breaks = [found.start() for found in _CLAUSE_BREAK.finditer(text, start, position)]
    return text[breaks[-1] if breaks else start : position]


_CLAUSE_BREAK = re.compile(rf"[{re.escape(CLAUSE_END)}][{re.escape(CLOSERS)}]*(?=\s)")


def _heading_before(text: str, dash: int, words: LayoutWords) -> list[Cut]:
    """A short heading between a sentence's end and the run's first dash, on its own line.

    "... tăng từ 2 đến 3 tiêu chí. Về xã hội - Xây dựng 6 trường ...": "Về xã hội" names
    the group of items after it. A heading after its own label ("2. Các chỉ tiêu chủ yếu
    - ...") stays with the label.
    """
    clause = _clause_before(text, dash)
    if clause[:1] not in _SENTENCE_END:
        return []
    opening = dash - len(clause) + 1
    while opening < dash and (text[opening].isspace() or text[opening] in CLOSERS):
        opening += 1
    heading = text[opening:dash].split()
    if not heading or len(heading) > words.heading_words or not heading[0][:1].isupper():
        return []
    return [cut_at(opening, False)] if after_clause(text, opening) else []


_SENTENCE_END = ".;!?…"


def _after_quantity(text: str, start: int, unit_words: int) -> bool:
    """Whether the clause before ends on a figure and its unit.

    A target's clause ends with its quantity ("dưới 1,2% - Tỷ lệ", "165 tỷ đồng - Sản
    lượng", "14,5 bác sĩ/vạn dân - Tỷ lệ", "(còn 7%) - Khai trương"), and a dash after it
    opens the next item. A unit is written in small letters, or in capitals of three
    letters at most ("27 DN", "4,5 tỷ USD"); a name in capitals ("của UBND") is none.
    """
    window = text[max(0, start - WINDOW) : start].rstrip().rstrip(CLOSERS)
    for word in reversed(window.split()[-(unit_words + 1) :]):
        if word.rstrip("%‰").rstrip(CLOSERS)[-1:].isdigit():
            return True
        if not (word.islower() or (word.isupper() and len(word) <= _UNIT_CAPITALS)):
            return False
    return False


# The longest unit written in capitals ("DN", "USD"): longer ones name a body ("UBND").
_UNIT_CAPITALS = 3


# The first half of a compound that names one thing, right after a colon or a semicolon:
# one or two words, the first opening with a capital ("Trong đó: Dịch vụ - Thương mại").
_COMPOUND_HALF = re.compile(r"[:;]\s*[*_]*(?P<half>[^\W\d_]+(?:\s+[^\W\d_]+)?)\s*$")


def _joins_compound(text: str, found: re.Match[str], words: LayoutWords) -> bool:
    """A dash inside a name in title case that a label's colon closes: no item.

    "Trong đó: Dịch vụ - Thương mại: 225,3 tỷ.đ; Công nghiệp - Xây dựng: 101,3 tỷ.đ" lists
    sectors, each named by two words joined by a dash, after a colon or a semicolon. A
    label block writes the same shape ("Cơ quan lãnh đạo: Đảng ủy - Cơ quan tham mưu: ...",
    Hướng dẫn 36-HD/VPTW), but its labels open with the words the parsers know (a body,
    a role, a deadline): those open their lines.
    """
    if words.label_heads.match(text, found.end()) is not None:
        return False
    return _compound_half(text, found.start()) is not None


def _compound_half(text: str, dash: int) -> str | None:
    """The first half of a compound name before ``dash``, if the words there are one."""
    half = _COMPOUND_HALF.search(text, max(0, dash - WINDOW), dash)
    if half is None or not half.group("half")[:1].isupper():
        return None
    return half.group("half")
