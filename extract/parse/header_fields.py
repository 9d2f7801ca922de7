"""The fields of a header, found in the layout view (:mod:`~extract.parse.header_layout`).

Each finder runs on the cells joined by newlines, so a field broken over cells
("Số:" / "424/QĐ-UBND", "Hà" / "Nội, ngày ...", "ngày 16" / "tháng 01 năm 2025")
is read whole, and returns a :class:`Field` with its offsets in the joined text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from extract.parse.calendar import make_date
from extract.parse.header_layout import LayoutView, in_capitals
from extract.parse.meta_vocabulary import meta_vocabulary, words_pattern
from extract.parse.numbers import match_number, normalise_number
from extract.text import comparable

# "Số:" opening a cell (Nghị định 30, Phụ lục I mục 3; "Số 48-KH/ĐU" in Hướng dẫn 36).
# A kind before "số" only with the colon of a label: "Nghị quyết số 18-NQ/TW" opens a citation.
_NUMBER_LABEL = r"(?:^|(?<=\n))[ ]*(?:(?:{kinds})[ ]+số[ ]*:|số[ ]*[:.]?)[ ]*(?=[\s\d./…_-])"
# A number left blank for the clerk: "Số:        /KH-UBND", "Số      -KH/BCĐ".
_BLANK_NUMBER = re.compile(r"[ \n._…]*[-/]\s?[A-ZĐ][\wĐđ&]*(?:\s?[-/]\s?[A-ZĐ][\wĐđ&]*)*")
# The date of issue, its day and month possibly left blank; "ngày 16" / "tháng 01 năm 2025"
# across cells; the slash form only in a cell of its own.
_DATE = re.compile(
    r"ngày[ \n\d.…_]*tháng[ \n\d.…_]*năm[ \n]*\d{4}|ngày[ \n]*\d{1,2}[ ]*/[ ]*\d{1,2}[ ]*/[ ]*\d{4}"
)
_DATE_PARTS = re.compile(
    r"ngày\s*(?P<day>\d{1,2})?[\s.…_]*(?:tháng|/)\s*(?P<month>\d{1,2})?[\s.…_]*(?:năm|/)\s*"
    r"(?P<year>\d{4})",
    re.IGNORECASE,
)
# Words of a place name before the comma: "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh".
PLACE_WORDS = 6
_LETTER_SUBJECT = re.compile(r"(?:^|(?<=\n))[ ]*v/v\b[ .:]*", re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    """A field found in the joined text: its value, what was written, and its offsets."""

    start: int
    end: int
    raw: str
    value: str | None = None
    date: dt.date | None = None


def mottos(view: LayoutView) -> list[Field]:
    """The national motto and the Party line, each possibly broken over cells."""
    pattern = _motto_pattern()
    found = [
        Field(match.start(), match.end(), view.text[match.start() : match.end()])
        for match in pattern.finditer(view.search)
    ]
    found = sorted([*found, *_damaged_mottos(view.text, found)], key=lambda field: field.start)
    return [field for field in found if field.raw.isupper() or not capitals_only(field.raw)]


# How far back the word before a motto is looked for ("nước"): bounds the work per match.
_WORD_BEFORE = 20


def _damaged_mottos(text: str, found: list[Field]) -> list[Field]:
    """Mottos a PDF's text layer damaged, found by their letters without marks or spaces.

    The layer may drop the dashes of the slogan ("Độc lập  Tự do  Hạnh phúc") or a mark
    and a space ("CỘNG HÒA XàHỘI CHỦ NGHĨA VIỆT NAM"); the letters, marks set aside, are
    still the motto's. Only where no motto was found whole, at word boundaries, and with
    every word opening in capitals as a header sets it (running text writes "cộng hòa
    xã hội chủ nghĩa Việt Nam" in lower case). One pass over the text.
    """
    skeleton, positions = _skeleton(text)
    damaged: list[Field] = []
    for motto, initials in _motto_skeletons():
        start = skeleton.find(motto)
        while start >= 0:
            first, last = positions[start], positions[start + len(motto) - 1] + 1
            span = text[first:last]
            whole = (first == 0 or not text[first - 1].isalnum()) and (
                last == len(text) or not text[last].isalnum()
            )
            inside = any(field.start <= first < field.end for field in found)
            before = text[max(0, first - _WORD_BEFORE) : first].split()[-1:]
            stated = bool(before) and comparable(before[0]) in _running_words()
            written = tuple(word[:1].isupper() for word in span.split())
            capitals = all(written) or written in initials
            if whole and not inside and not stated and capitals:
                damaged.append(Field(first, last, span))
            start = skeleton.find(motto, start + len(motto))
    return damaged


def _skeleton(text: str) -> tuple[str, list[int]]:
    """The letters of ``text`` without marks, lower case, and each one's offset in it."""
    letters: list[str] = []
    positions: list[int] = []
    for offset, char in enumerate(text):
        if char.isalpha():
            letters.append(_bare(char))
            positions.append(offset)
    return "".join(letters), positions


@cache
def _bare(char: str) -> str:
    base = unicodedata.normalize("NFD", char.lower())[0]
    return "d" if base == "đ" else base


@cache
def _running_words() -> frozenset[str]:
    """Words after which the motto's words are the state's name ("nước Cộng hòa ...")."""
    return frozenset(comparable(word) for word in meta_vocabulary().motto_in_running_text_after)


@cache
def _motto_skeletons() -> tuple[tuple[str, frozenset[tuple[bool, ...]]], ...]:
    """Each motto's letters, longest first, with the word initials of its slogan forms.

    A slogan in parts ("Độc lập - Tự do - Hạnh phúc") is set with a capital to each part;
    a name-like motto ("Cộng hòa xã hội ...") is a header's only in capitals.
    """
    forms: dict[str, set[tuple[bool, ...]]] = {}
    for motto in meta_vocabulary().header_mottos:
        initials = forms.setdefault(_skeleton(motto)[0], set())
        if re.search(r"\s[-–]\s|\w[-–]\w", motto):
            initials.add(tuple(word[:1].isupper() for word in re.split(r"[\s\-–]+", motto)))
    ordered = sorted(forms, key=len, reverse=True)
    return tuple((skeleton, frozenset(forms[skeleton])) for skeleton in ordered)


def capitals_only(motto: str) -> bool:
    """Whether a motto is a header line only in capitals (a name running text also uses)."""
    words = meta_vocabulary().capitals_only_mottos
    return comparable(motto) in {comparable(word) for word in words}


def party_line(field: Field) -> bool:
    """Whether a motto field is "ĐẢNG CỘNG SẢN VIỆT NAM" (a Party document)."""
    party = comparable(meta_vocabulary().party_motto)
    return comparable(field.raw) == party


def number_field(view: LayoutView, end: int, start: int = 0) -> Field | None:
    """The first "Số: ..." cell in ``[start, end)`` that carries a number or a blank symbol."""
    for label in _number_label().finditer(view.search, start, end):
        position = label.end()
        while position < end and view.text[position] in " \n":
            position += 1
        written = match_number(view.text, position)
        if written is None:
            blank = _BLANK_NUMBER.match(view.text, label.end())
            if blank is None:
                continue
            raw = blank.group(0).strip(" \n._…")
            return Field(label.start(), blank.end(), raw, value=None)
        raw = " ".join(written.group(0).split())
        return Field(label.start(), written.end(), raw, value=normalise_number(raw))
    return None


def place_date_field(view: LayoutView, end: int) -> Field | None:
    """The "<place>, ngày ... tháng ... năm ..." of the header, place optional.

    The first date with its place wins (Nghị định 30/2020/NĐ-CP, Phụ lục I mục 4:
    địa danh and date are one field); a date without a place counts only when none
    has one, and only when it opens its cell: "trước ngày ..." inside a sentence is
    a deadline, and a portal's clock above the header ("Ngày 25 tháng 01 năm 2025")
    gives way to the header's own "Phong Mỹ, ngày 15 tháng 9 năm 2021".
    """
    placeless: Field | None = None
    for date in _DATE.finditer(view.search, 0, end):
        place_start = _place_start(view, date.start())
        opens_cell = date.start() == 0 or view.text[: date.start()].rstrip(" ")[-1:] == "\n"
        if place_start is None and not opens_cell:
            continue
        # Blanks left for the day and month are kept: reports show them.
        raw = view.text[date.start() : date.end()].replace("\n", " ")
        if place_start is None:
            placeless = placeless or Field(date.start(), date.end(), raw, date=_date_of(raw))
            continue
        comma = view.text.rindex(",", place_start, date.start())
        place = " ".join(view.text[place_start:comma].split())
        return Field(place_start, date.end(), raw, value=place, date=_date_of(raw))
    return placeless


def letter_subject(view: LayoutView, end: int, start: int = 0) -> Field | None:
    """The first "V/v ..." line of a letter in ``[start, end)`` (Nghị định 30 Phụ lục I mục 5b)."""
    found = _LETTER_SUBJECT.search(view.search, start, end)
    if found is None:
        return None
    stop = view.text.find("\n", found.end())
    stop = len(view.text) if stop < 0 else stop
    return Field(found.start(), stop, view.text[found.end() : stop].strip())


def kind_of(text: str) -> str | None:
    """The kind a heading cell names: "KẾ HOẠCH", "KẾ HOẠCH HÀNH ĐỘNG" or a whole title in capitals.

    A cell in lower case names a kind only when it is the kind alone ("Kế hoạch");
    "KẾ HOẠCH HÓA GIA ĐÌNH" is a word, not a kind (``kind_compounds``).
    """
    written = text.strip(" \t*#_")
    folded = comparable(written)
    capitals = in_capitals(written)
    vocabulary = meta_vocabulary()
    if any(folded.startswith(comparable(compound)) for compound in vocabulary.kind_compounds):
        return None
    for kind in sorted(vocabulary.document_kinds, key=len, reverse=True):
        if comparable(kind) == folded:
            return kind
        if capitals and folded.startswith(f"{comparable(kind)} "):
            return kind
    return None


def names_a_document(text: str, kind: str) -> bool:
    """A kind followed by a number names one document: "THÔNG TƯ 01/2018 QUY ĐỊNH ...".

    A header's kind line is the kind and the trích yếu (Nghị định 30/2020/NĐ-CP,
    Phụ lục I mục 5a); the number stands in its own field. A number (or "số") right
    after the kind is a headline or a list item naming a document, not a kind line.
    """
    after = comparable(text.strip(" \t*#_"))[len(comparable(kind)) :]
    return re.match(r"\s*(?:số\b|\d)", after) is not None


def kind_line_holds_title(text: str) -> bool:
    """A kind line longer than a kind and its qualifiers is the title too."""
    return len(comparable(text).split()) > meta_vocabulary().kind_line_words


def kind_of_symbol(number: str | None) -> str | None:
    """The kind a number's symbol names: "19/KH-UBND" is a Kế hoạch (Nghị định 30, Phụ lục III)."""
    if not number:
        return None
    symbols = meta_vocabulary().symbol_kinds
    # The kind's abbreviation is the first part after the serial (and year):
    # "19/KH-UBND", "04/2022/QĐ-TTg", "48-KH/ĐU".
    found = re.match(r"\d+(?:/(?:19|20)\d{2})?[-/]([^-/\s]+)", number)
    if found is None:
        return None
    return symbols.get(comparable(found.group(1)))


def _place_start(view: LayoutView, date_start: int) -> int | None:
    """Where the place before ", ngày" starts, or None when there is no place.

    The place is a few capitalised words; it may start in the cell before
    ("Hà" / "Nội, ngày ..."), only when that cell holds nothing but such words.
    """
    before = view.text[:date_start].rstrip(" ")
    if not before.endswith(","):
        return None
    levels = {comparable(word) for word in meta_vocabulary().place_levels}
    cell = view.cell_at(len(before) - 1)
    own = list(re.finditer(r"[^\s,]+", before[view.starts[cell] : len(before) - 1]))
    taken: list[int] = []
    for word in reversed(own):
        if not _place_word(word.group(0), levels) or len(taken) >= PLACE_WORDS:
            break
        if taken and _in_capitals(word.group(0)) and not _in_capitals(own[-1].group(0)):
            # "BAN DÂN VẬN Hà Nội, ngày ...": a two-column header read row by row puts
            # the place beside the last line of the name; a place is not written in
            # mixed case after a word in capitals.
            break
        taken.append(view.starts[cell] + word.start())
    if not taken:
        return None
    if len(taken) == len(own) and cell > 0:
        previous = view.cells[cell - 1]
        words = previous.text.split()
        if (
            not previous.in_capitals
            and len(taken) + len(words) <= PLACE_WORDS
            and all(_place_word(word, levels) for word in words)
        ):
            return view.starts[cell - 1]
    return taken[-1]


def _in_capitals(word: str) -> bool:
    """A word of two letters or more in capitals, not an abbreviation with a dot ("TP.")."""
    return len(word) >= 2 and word.isupper() and not word.endswith(".")


def _place_word(word: str, levels: set[str]) -> bool:
    if word.endswith(":"):
        return False  # a label ("Số:"), not a name
    return word[:1].isupper() or word in {"-", "–"} or comparable(word) in levels


def _date_of(raw: str) -> dt.date | None:
    parts = _DATE_PARTS.search(raw)
    if parts is None or not (parts.group("day") and parts.group("month")):
        return None
    return make_date(int(parts.group("year")), int(parts.group("month")), int(parts.group("day")))


@cache
def _number_label() -> re.Pattern[str]:
    """A number label: "Số:" opening a cell, or the Quốc hội's "Nghị quyết số:", "Luật số:"."""
    return re.compile(_NUMBER_LABEL.format(kinds=words_pattern(meta_vocabulary().document_kinds)))


@cache
def _motto_pattern() -> re.Pattern[str]:
    vocabulary = meta_vocabulary()
    # Running text names the state after "nước" ("Hiến pháp nước Cộng hòa xã hội chủ
    # nghĩa Việt Nam" in the bases): that is no motto of a header.
    running = words_pattern(vocabulary.motto_in_running_text_after)
    return re.compile(rf"(?<!{running} )(?:{words_pattern([*vocabulary.header_mottos])})")
