"""The title (trích yếu) under or beside the kind line of a header.

Nghị định 30/2020/NĐ-CP (Phụ lục I, mục 6) sets the kind in capitals and the
title under it, then, for a decision or a resolution, the deciding authority in
capitals ("BỘ TRƯỞNG BỘ ...", "ỦY BAN NHÂN DÂN TỈNH ...") and the bases ("Căn
cứ ..."). A header pasted from a web page or a PDF may run all of it onto one
line: the title is then what follows the kind on that line, up to where the body
starts (:func:`inline_title`).
"""

from __future__ import annotations

import re
from functools import cache

from extract.model import Line
from extract.parse.header_layout import is_printed
from extract.parse.meta_vocabulary import meta_vocabulary, words_pattern
from extract.text import comparable, search_form

TITLE_LINES = 8
TITLE_GAP = 4
# A title beside its kind on one line is at most this long; longer, no body start
# was found and the rest of the line is not taken for a title.
INLINE_TITLE_CHARS = 400
MARKUP = " \t*#_"
# "I. MỤC ĐÍCH", "II-", "III/"; not a letter's "V/v ..." (về việc).
ROMAN_HEADING = re.compile(r"^\s*(?![Vv]/[Vv]\b)[IVXLC]+\s*[.\-–/)]")
# Inside a line, a heading ("I. MỤC ĐÍCH") or a rule ends a title.
_BREAK = re.compile(r"(?<=\s)[IVXLC]+\s*[.\-–]\s|[-_*=–—]{3,}")
_TITLE_CONNECTOR_END = re.compile(r"(?:\b(?:của|về|và|cho|trong|tại|giai đoạn)|[,\-–])\s*$")


def inline_title(text: str, start: int) -> tuple[int, int] | None:
    """The offsets of the title in ``text`` from ``start`` on (after the kind), or None.

    It ends where the body starts: its first words ("Căn cứ", "Thực hiện"), a
    heading, a rule, or the deciding authority in capitals. Without such an end
    close enough the line is the body's, and no title is read.
    """
    end = _body_start(text, start)
    if end is None or end - start > INLINE_TITLE_CHARS:
        return None
    while start < end and text[start] in MARKUP + ":-–":
        start += 1
    while end > start and text[end - 1] in MARKUP + ",;:":
        end -= 1
    return (start, end) if any(char.isalpha() for char in text[start:end]) else None


def title_lines(lines: list[Line]) -> list[Line]:
    """The title: the lines under the kind that continue one another."""
    taken: list[Line] = []
    gap = 0
    for line in lines:
        text = line.text.strip(MARKUP)
        if not text:
            gap += 1
            if taken and gap > TITLE_GAP:
                break
            continue
        if not any(char.isalnum() for char in text) or not is_printed(line):
            if taken:
                break  # the rule under the title, whatever repair made of it
            continue
        if taken and not _continues(taken[-1].text.strip(MARKUP), text):
            break
        if taken and _authority_line(taken[-1].text.strip(MARKUP), text):
            break  # "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" under a decision's title decides it
        if ROMAN_HEADING.match(text) or len(taken) >= TITLE_LINES:
            break
        taken.append(line)
        gap = 0
    return taken


def _continues(previous: str, text: str) -> bool:
    """Whether ``text`` goes on with the title line ``previous``.

    It does after a connector ("của", "về", ","), when it starts in lower case,
    or when both lines are in capitals (a title set in capitals).
    """
    if previous.endswith((".", ":", ";")):
        return False
    first = text.lstrip("“\"'(")[:1]
    in_capitals = not any(char.islower() for char in previous + text)
    return first.islower() or in_capitals or _TITLE_CONNECTOR_END.search(previous) is not None


def _authority_line(previous: str, text: str) -> bool:
    """Whether ``text`` opens with the deciding authority in capitals, not a title's words.

    "QUY CHẾ PHỐI HỢP GIỮA" / "ỦY BAN NHÂN DÂN TỈNH VÀ ..." goes on with the title.
    """
    found = _authority().match(search_form(text))
    if found is None or not text[: found.end()].isupper():
        return False
    last = comparable(previous).split()[-1:]
    connectors = {comparable(word) for word in meta_vocabulary().authority_connectors}
    return not last or last[0] not in connectors


def _body_start(text: str, start: int) -> int | None:
    """Where the body starts in ``text`` after ``start``: its opening words or the authority."""
    search = search_form(text)
    ends = [
        found.start()
        for found in _body_opening().finditer(search, start)
        if text[found.start()].isupper()  # "Căn cứ" opening a sentence, not "căn cứ vào"
    ]
    ends += [found.start() for found in _BREAK.finditer(text, start)]
    for found in _authority().finditer(search, start):
        written = text[found.start() : found.end()]
        if written.isupper() and not _after_connector(search, found.start(), start):
            ends.append(found.start())
            break
    return min(ends, default=None)


def _after_connector(search: str, position: int, start: int) -> bool:
    """Whether the word before ``position`` joins what follows to the title ("CỦA ỦY BAN")."""
    before = search[start:position].split()
    connectors = {comparable(word) for word in meta_vocabulary().authority_connectors}
    return not before or before[-1] in connectors


@cache
def _body_opening() -> re.Pattern[str]:
    words = words_pattern(meta_vocabulary().body_openings)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


@cache
def _authority() -> re.Pattern[str]:
    words = words_pattern(meta_vocabulary().deciding_authorities)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


def issuer_in_title(kind: str, title: str) -> str | None:
    """The body a Party-style title names after its kind, in capitals as printed.

    Hướng dẫn 36-HD/VPTW sets a Party resolution's title as "NGHỊ QUYẾT" / "CỦA BAN
    THƯỜNG VỤ TỈNH ỦY" / "về ..." ("NGHỊ QUYẾT CỦA QUỐC HỘI VỀ ..." on a page that lost
    the header): the words after "CỦA", up to the subject ("VỀ"), the term ("KHOÁ XI",
    "KỲ HỌP", "LẦN THỨ") or a remark in brackets, name the issuer. Only in capitals: a
    headline in running case ("Nghị quyết của Quốc hội về ...") reports on a document.
    """
    stops = r"về|khoá|khóa|kỳ họp|lần thứ|nhiệm kỳ"
    found = re.match(
        rf"\s*(?:{re.escape(kind)}\s+)?của\s+(?P<name>.+?)(?=\s+(?:{stops})(?!\w)|\s*\(|\s*$)",
        title,
        re.IGNORECASE,
    )
    if found is None or any(char.islower() for char in found.group("name")):
        return None
    return found.group("name")
