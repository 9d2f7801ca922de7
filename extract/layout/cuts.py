r"""Where a run-together line breaks into the lines a clerk wrote.

A plan copied from a web page may reach us as one line: the header's parts, the bases
and the numbered items run on with single spaces (or with the page's line breaks left
as the literal characters ``\r\n``). The document's own structure says where its lines
were. Nghị định 30/2020/NĐ-CP, Phụ lục I, sets the header's parts in one order: the
issuing body, the motto, "Số:", the place and date, the kind and its trích yếu; then
the bases ("Căn cứ ..."), the parts ("I.", "II."), their items ("1.", "(1)", "a)",
"- ") and "Nơi nhận:". Hướng dẫn 36-HD/VPTW gives Party documents the same order.

A page's line breaks left as the literal characters ``\r\n`` are cut first
(:func:`find_breaks`): they are the page's own lines. Then cuts are of two strengths. A
strong cut is a mark an ordinary sentence rarely holds (a motto, "Số:", a place and
date, a kind in capitals, "Căn cứ", a Roman part in its sequence, "Nơi nhận:"); a line
holding several is run together.
Only then are item labels cut too (or when a line holds many labels that continue their
lists: a joined list without its header), and only a label that continues its list ("2." after
"1.", "(3)" after "(2)") or a dash that opens a clause after ".", ";" or ":" — so an
inline list a clerk wrote in one paragraph is never cut in an ordinary document.

Every pattern here runs once over the line, left to right, and the sequence walk is one
pass over the candidates: the work is linear in the line's length.
"""

from __future__ import annotations

import re

from extract.layout.label_cuts import label_cuts
from extract.layout.marks import (
    LABELLED,
    TOKEN,
    WINDOW,
    Cut,
    after_clause,
    cut_at,
    in_capitals,
    word_before,
)
from extract.layout.vocabulary import LayoutWords
from extract.text import comparable, search_form

# A web page's line break written out: "\r\n", "\n", "\r", with the spaces around it.
_LITERAL_BREAK = re.compile(r"[ \t]*(?:\\r\\n|\\[rn])[ \t]*")
# The number's label of a header, "Số:" or "Số 48-KH/ĐU" (the capital S: a header's).
_NUMBER_LABEL = re.compile(r"(?<!\w)Số\s*(?::|\.(?=\s*\d)|\s(?=\d))")
# A header's date line after its place: ", ngày 05 tháng 3 năm 2024" (blanks allowed).
_DATE_LINE = re.compile(
    r",\s*ngày\s*[\d.…_ ]{0,8}\s*tháng\s*[\d.…_ ]{0,8}\s*năm\s*\d{4}", re.IGNORECASE
)
# A header's rule under a name ("-------", "*", Nghị định 30/2020/NĐ-CP Phụ lục I) and a
# flattened table's bar "|" between cells each stand on a line of their own, as pages
# that kept their lines give them (the header reader takes a lone "|" as a cell's end).
_RULE = re.compile(r"(?<!\S)(?:[-_*=–—]{3,}|\*|\|)(?!\S)")
_BULLETS = "-+•–"
# How far back from a motto the issuing body's name may start (a long name in capitals).
_NAME_WINDOW = 200


def find_cuts(text: str, words: LayoutWords, pasted: bool = False) -> list[Cut]:
    """The breaks of ``text`` when it is run together; none for an ordinary line.

    ``pasted``: another line of the document was run together, so one strong mark or two
    labels that continue their lists are enough here.
    """
    if len(text) < words.min_line_chars:
        return []
    searched = search_form(text)
    header = _header_cuts(text, searched, words)
    title = max((cut.start for cut in header if cut.strong), default=0)
    strong = [*header, *_opening_cuts(text, title, words)]
    labels = label_cuts(text, words) + _stamp_cut(text, searched, words)
    count = len({cut.start for cut in strong + labels if cut.strong})
    needed = words.pasted_strong_cuts if pasted else words.min_strong_cuts
    listed = words.pasted_list_labels if pasted else words.min_list_labels
    if count < needed and len(labels) < listed:
        return []
    mottos = _motto_spans(text, searched, words)
    cuts = [cut for cut in strong + labels + _table_cuts(text) if not _inside(cut, mottos)]
    return sorted(cuts, key=lambda cut: (cut.start, cut.end))


def _motto_spans(text: str, searched: str, words: LayoutWords) -> list[tuple[int, int]]:
    return [
        found.span()
        for found in words.mottos.finditer(searched)
        if _is_header_motto(text, found, words)
    ]


def _inside(cut: Cut, spans: list[tuple[int, int]]) -> bool:
    """A cut within a motto ("Độc lập - Tự do - Hạnh phúc" has dashes) is none."""
    return any(start < cut.start < end for start, end in spans)


def find_breaks(text: str, words: LayoutWords) -> list[Cut]:
    r"""The page's own line breaks left in ``text`` as the characters ``\r\n``, if several.

    These are the lines the page had: they are cut first, and each is then looked at
    by :func:`find_cuts` like any line.
    """
    if len(text) < words.min_line_chars or "\\" not in text:
        return []
    breaks = [
        Cut(found.start(), found.end(), True, literal=True)
        for found in _LITERAL_BREAK.finditer(text)
    ]
    return breaks if len(breaks) >= words.min_strong_cuts else []


def _header_cuts(text: str, searched: str, words: LayoutWords) -> list[Cut]:
    """The motto, the number, the place and date and the kind line, each opening a line."""
    cuts: list[Cut] = []
    for found in words.mottos.finditer(searched):
        if _is_header_motto(text, found, words):
            cuts += [Cut(found.start(), found.start(), True), cut_at(found.end(), False)]
            cuts += _name_before(text, found.start())
    number = _NUMBER_LABEL.search(text)
    if number is not None:
        cuts.append(cut_at(number.start(), True))
    date = _DATE_LINE.search(text)
    if date is not None:
        cuts += [cut_at(_place_start(text, date.start(), words), True), cut_at(date.end(), False)]
    after = max((cut.start for cut in cuts), default=0)
    kind = _kind_line(text, after, words)
    if kind is not None:
        cuts += [cut_at(kind.start(), True), *_after_kind(text, kind.end())]
    return cuts


def _name_before(text: str, motto: int) -> list[Cut]:
    """The issuing body's name in capitals before the motto starts a line of its own.

    What comes before it on a pasted line is a site's banner or the text before the
    document ("Hệ thống pháp luật ỦY BAN NHÂN DÂN TỈNH AN GIANG -------- CỘNG HÒA ...").
    A rule or a table's bar between the name and the motto is passed over, and so is a
    dash inside the name.
    """
    start = motto
    for word in reversed(list(TOKEN.finditer(text, max(0, motto - _NAME_WINDOW), motto))):
        if _RULE.fullmatch(word.group()):
            continue
        if word.group() in _BULLETS:  # "BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI": one name
            continue
        if not in_capitals(word.group()):
            break
        start = word.start()
    return [cut_at(start, False)] if 0 < start < motto else []


def _is_header_motto(text: str, found: re.Match[str], words: LayoutWords) -> bool:
    motto = comparable(found.group())
    written = text[found.start() : found.end()]
    if motto in words.capitals_only_mottos and written != written.upper():
        return False
    before = word_before(text, found.start())
    return before is None or comparable(before) not in words.motto_after


def _place_start(text: str, comma: int, words: LayoutWords) -> int:
    """Where the place before a date line's comma begins: its words that open in capitals.

    A place in mixed case ("Hà Nội") stops at a word in capitals: that word ends the cell
    before it ("ĐOÀN TNCS HỒ CHÍ MINH Hà Nội, ngày ...").
    """
    start = comma
    mixed = False
    for _ in range(words.place_words):
        before = word_before(text, start)
        if before is None or not before[:1].isupper() or _ends_number(before):
            break
        capitals = in_capitals(before)
        if mixed and capitals:
            break
        mixed = mixed or not capitals
        start = text.rindex(before, 0, start)
    return start


def _ends_number(word: str) -> bool:
    # The number's symbol ("12/KH-UBND", "48-KH/ĐU") stands right before the place.
    return "/" in word or any(char.isdigit() for char in word)


def _kind_line(text: str, after: int, words: LayoutWords) -> re.Match[str] | None:
    for found in words.kinds.finditer(text, after):
        if words.kind_compounds.match(text, found.start()) is None:
            return found
    return None


def _after_kind(text: str, end: int) -> list[Cut]:
    """A trích yếu in mixed case under a kind in capitals stands on its own line."""
    rest = text[end : end + WINDOW].split()
    if rest and any(char.islower() for char in rest[0]):
        return [cut_at(end, False)]
    return []


def _stamp_cut(text: str, searched: str, words: LayoutWords) -> list[Cut]:
    """A web page's posting stamp before the text ("date 2018-02", "Thứ Năm, 15-10-2020")."""
    position = len(text) - len(text.lstrip())
    figures = False
    while (found := words.stamp.match(searched, position)) is not None and found.end() > position:
        figures = figures or any(char.isdigit() for char in found.group())
        position = found.end()
    if figures and position < len(text) and text[position].isupper():
        return [cut_at(position, False)]
    return []


def _table_cuts(text: str) -> list[Cut]:
    """A header table's rules and bars, each on a line of its own."""
    cuts: list[Cut] = []
    for found in _RULE.finditer(text):
        if found.group() == "*" and LABELLED.match(text, _skip_spaces(text, found.end())):
            continue  # "* Mục tiêu tổng quát:": a bullet, cut as an item
        cuts += [cut_at(found.start(), False), cut_at(found.end(), False)]
    return cuts


def _skip_spaces(text: str, position: int) -> int:
    limit = min(len(text), position + WINDOW)
    while position < limit and text[position] == " ":
        position += 1
    return position


def _opening_cuts(text: str, title: int, words: LayoutWords) -> list[Cut]:
    """The bases, the other openings of a body at a clause's end, and "Nơi nhận:".

    The first opening after the header's last part (``title``: its kind line) ends the
    trích yếu, which closes without a full stop ("... giai đoạn 2022 - 2026 Thực hiện
    Đề án số 13 ...").
    """
    cuts = [cut_at(found.start(), True) for found in words.recipients.finditer(text)]
    ends_title = title > 0
    for found in words.body_openings.finditer(text):
        start = _bullet_before(text, found.start())
        after_title = ends_title and start > title
        if found.group().startswith("Căn cứ") or after_title or after_clause(text, start):
            cuts.append(cut_at(start, True))
            ends_title = ends_title and not after_title
    return cuts


def _bullet_before(text: str, start: int) -> int:
    """Where an opening's line begins: at the dash or bullet before it ("- Căn cứ ...")."""
    window = text[max(0, start - 3) : start].rstrip()
    if window and window[-1] in _BULLETS:
        return max(0, start - 3) + len(window) - 1
    return start
