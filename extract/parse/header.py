"""The header of a plan: issuer, number, place and date, kind and title.

Nghị định 30/2020/NĐ-CP (Phụ lục I) and Hướng dẫn 36-HD/VPTW lay the header out
in two columns: on the left the superior body, the issuer and "Số: .../...";
on the right the national motto (state) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party) and
"<place>, ngày ... tháng ... năm ...". Then, centred, the kind in capitals
("KẾ HOẠCH") and the title. Text extraction puts the two columns on separate
lines or on one line with a wide gap, so every line is split into cells at runs
of three or more spaces and each cell is recognised by what it says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extract.model import Line, Period
from extract.parse.calendar import make_date
from extract.parse.meta_vocabulary import fold, meta_vocabulary, search_form, words_pattern
from extract.parse.numbers import match_number, normalise_number

# The header sits in the first lines; a kind line further down is a body heading.
HEADER_LINES = 80
# Without a kind line, a long line is body text and ends the header.
BODY_LINE_LENGTH = 60
TITLE_LINES = 8
# "KẾ HOẠCH LIÊN TỊCH THỰC HIỆN" is still a kind line; a longer line in capitals is a title.
KIND_LINE_WORDS = 6
TITLE_GAP = 4
# Columns: a wide gap, a tab, or the bar of a markdown table ("| UBND ... | CỘNG HÒA ... |").
_CELL_SPLIT = re.compile(r"\s{3,}|\t+|\s*\|\s*")
_MARKUP = " \t*#_"
# "Số:" at the start of a cell, then the number or, left blank, only the symbol.
_NUMBER_LABEL = re.compile(r"(?:^|(?<=\s))[Ss]ố\s*[:.]?(?=\s|\d|/|$)")
_SYMBOL_ONLY = re.compile(r"[-/]?\s?[A-ZĐ][\wĐđ]*(?:\s?[-/]\s?[A-ZĐ][\wĐđ]*)*")
# "Hồng Lĩnh, ngày         tháng 02 năm 2023": the day and month may be left blank
# (or dotted) for the clerk to fill in at registration.
_PLACE_DATE = re.compile(
    r"(?:(?P<place>[^\W\d](?:(?!\s{3})[^,\d|]){0,80}?)\s*,\s*)?"
    r"(?P<raw>ngày\b[\s\d.…_]*tháng\b[\s\d.…_]*năm\s*\d{4}"
    r"|ngày\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})",
    re.IGNORECASE,
)
_DATE_PARTS = re.compile(
    r"ngày\s*(?P<day>\d{1,2})?\s*(?:tháng|/)\s*(?P<month>\d{1,2})?\s*(?:năm|/)\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
_ROMAN_HEADING = re.compile(r"^\s*[IVXLC]+\s*[.\-–/)]")
_TITLE_CONNECTOR_END = re.compile(r"(?:\b(?:của|về|và|cho|trong|tại|giai đoạn)|[,\-–])\s*$")


@dataclass
class Header:
    """What the header says; every field None when the document has no header."""

    doc_type: str | None = None
    doc_type_line: int | None = None
    number: str | None = None
    number_raw: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    place: str | None = None
    issue_date: dt.date | None = None
    issue_date_raw: str | None = None
    title: str | None = None
    title_lines: list[int] = field(default_factory=list)


def parse_header(lines: list[Line]) -> Header:
    """Read the header and the title of a plan from its first lines."""
    header = Header()
    kind_index = _kind_line(lines)
    if kind_index is not None:
        header.doc_type = _kind_of(lines[kind_index].text)
        header.doc_type_line = lines[kind_index].number
        zone = lines[:kind_index]
        title_lines = _title_lines(lines[kind_index + 1 :])
        header.title_lines = [line.number for line in title_lines]
        title = " ".join(" ".join(line.text.strip(_MARKUP).split()) for line in title_lines)
        header.title = title.strip(_MARKUP) or None
    else:
        zone = _leading_short_lines(lines)
    _read_cells(zone, header)
    return header


def parse_period(title: str | None) -> Period | None:
    """The years a title covers: "giai đoạn 2022 - 2026", or "năm 2023" for one year."""
    if not title:
        return None
    vocabulary = meta_vocabulary()
    search = search_form(title)
    spans = re.search(
        rf"(?:{words_pattern(vocabulary.period_words)})\s*(\d{{4}})\s*-\s*(\d{{4}})", search
    )
    if spans is not None and int(spans.group(1)) <= int(spans.group(2)):
        return Period(start=int(spans.group(1)), end=int(spans.group(2)))
    single = re.search(
        rf"(?<!tháng )(?<!\d )(?:{words_pattern(vocabulary.single_year_words)})\s+(\d{{4}})\b",
        search,
    )
    if single is not None:
        return Period(start=int(single.group(1)), end=int(single.group(1)))
    return None


def name_case(name: str) -> str:
    """A body name in capitals written as in running text: "Ủy ban nhân dân thị xã Hồng Lĩnh".

    Names already in mixed case are kept as written (spaces collapsed).
    """
    words = name.split()
    if any(char.islower() for char in name):
        return " ".join(words)
    vocabulary = meta_vocabulary()
    abbreviations = {fold(word) for word in vocabulary.name_abbreviations}
    words = [word if fold(word) in abbreviations else word.lower() for word in words]
    folded = [fold(word) for word in words]
    for index in range(len(words)):
        place = _phrase_at(folded, index, vocabulary.place_levels + vocabulary.committee_words)
        if place and not (place == 1 and folded[index + 1 : index + 2] == ["ủy"]):
            # The rest is the place's proper name: "thị xã Hồng Lĩnh".
            words[index + place :] = [_capital(word) for word in words[index + place :]]
        head = _phrase_at(folded, index, vocabulary.name_head_words)
        if (
            head
            and index + head < len(words)
            and not _phrase_at(folded, index + head, vocabulary.place_levels)
        ):
            # "Ban Dân vận", "Sở Nội vụ": the word after the head is capitalised.
            words[index + head] = _capital(words[index + head])
    for index in range(len(words)):
        for phrase in vocabulary.name_capital_words + vocabulary.committee_words:
            parts = phrase.split()
            if folded[index : index + len(parts)] == fold(phrase).split():
                words[index : index + len(parts)] = parts
    if words:
        words[0] = _capital(words[0])
    return " ".join(words)


def _phrase_at(folded: list[str], index: int, phrases: list[str]) -> int:
    """The word count of the longest phrase of ``phrases`` starting at ``index``, else 0."""
    lengths = [
        len(parts)
        for parts in (fold(phrase).split() for phrase in phrases)
        if folded[index : index + len(parts)] == parts
    ]
    return max(lengths, default=0)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _kind_line(lines: list[Line]) -> int | None:
    for index, line in enumerate(lines[:HEADER_LINES]):
        if _kind_of(line.text) is not None:
            return index
    return None


def _kind_of(text: str) -> str | None:
    """The kind a heading line names: "KẾ HOẠCH", or "KẾ HOẠCH HÀNH ĐỘNG" in capitals."""
    written = text.strip(_MARKUP)
    folded = fold(written)
    short_capitals = len(folded.split()) <= KIND_LINE_WORDS and not any(
        char.islower() for char in written
    )
    kinds = sorted(meta_vocabulary().document_kinds, key=len, reverse=True)
    for kind in kinds:
        if fold(kind) == folded or (short_capitals and folded.startswith(f"{fold(kind)} ")):
            return kind
    return None


def _leading_short_lines(lines: list[Line]) -> list[Line]:
    zone = []
    for line in lines[:HEADER_LINES]:
        if len(line.text.strip()) > BODY_LINE_LENGTH and len(_cells(line.text)) < 2:
            break
        zone.append(line)
    return zone


def _title_lines(lines: list[Line]) -> list[Line]:
    """The title: the lines under the kind that continue one another."""
    taken: list[Line] = []
    gap = 0
    for line in lines:
        text = line.text.strip(_MARKUP)
        if not text:
            gap += 1
            if taken and gap > TITLE_GAP:
                break
            continue
        if not any(char.isalnum() for char in text):
            if taken:
                break  # the rule under the title
            continue
        if taken and not _continues(taken[-1].text.strip(_MARKUP), text):
            break
        if _ROMAN_HEADING.match(text) or len(taken) >= TITLE_LINES:
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


def _cells(text: str) -> list[str]:
    cells = (cell.strip(_MARKUP) for cell in _CELL_SPLIT.split(text))
    return [cell for cell in cells if any(char.isalnum() for char in cell)]


def _read_cells(zone: list[Line], header: Header) -> None:
    motto = re.compile(rf"(?:{words_pattern(meta_vocabulary().header_mottos)})")
    issuer_lines: list[str] = []
    seen_number = False
    for line in zone:
        text, found = _take_number(line.text, header)
        seen_number = seen_number or found
        place_date = _header_place_date(text)
        if place_date is not None:
            if _outranks(place_date, header):
                _read_place_date(place_date, header)
            text = text[: place_date.start()] + "   " + text[place_date.end() :]
        # A motto run into the left column by a narrow gap is cut out of it (blanked
        # to the same length, so the original letters can be put back by offset).
        searched = search_form(text)
        if motto.search(searched):
            blanked = motto.sub(lambda match: " " * max(len(match.group(0)), 3), searched)
            text = _restore_case(text, blanked)
        for cell in _cells(text):
            if not seen_number and not any(char.islower() for char in cell):
                issuer_lines.append(cell)
    header.issuer, header.issuer_parent = _issuer_and_parent(issuer_lines)


def _take_number(text: str, header: Header) -> tuple[str, bool]:
    """Read "Số: 48-KH/ĐU" (or a blank "Số:   /KH-UBND") and return the rest of the line."""
    label = _NUMBER_LABEL.search(text)
    if label is None:
        return text, False
    after = text[label.end() :]
    chunk = re.split(r"\s{3,}|\t", after.lstrip(), maxsplit=1)[0]
    written = match_number(chunk) or _SYMBOL_ONLY.match(chunk)
    raw = (written.group(0) if written is not None else chunk).strip() or None
    header.number_raw, header.number = raw, normalise_number(raw)
    consumed = label.end() + (len(after) - len(after.lstrip())) + len(raw or "")
    return text[: label.start()] + "   " + text[consumed:], True


def _restore_case(original: str, edited: str) -> str:
    """``edited`` (from the search form, same length) with the original letters back."""
    return "".join(
        original[index] if index < len(original) and char.isalpha() else char
        for index, char in enumerate(edited)
    )


def _header_place_date(text: str) -> re.Match[str] | None:
    """The place-date of a header cell, not a date inside a sentence.

    A date with its place ("Quảng Ngãi, ngày ...") counts anywhere; one without a
    place only when it opens its cell: "trước ngày 30/11/2022" is a deadline.
    """
    for match in _PLACE_DATE.finditer(text):
        opens_cell = not _cells(_CELL_SPLIT.split(text[: match.start()])[-1])
        if match.group("place") or opens_cell:
            return match
    return None


def _outranks(match: re.Match[str], header: Header) -> bool:
    """The first place-date of the header wins; a later one only adds a missing place."""
    if header.issue_date_raw is None:
        return True
    return header.place is None and bool(match.group("place"))


def _read_place_date(match: re.Match[str], header: Header) -> None:
    place = _CELL_SPLIT.split(match.group("place") or "")[-1].strip(_MARKUP)
    header.place = " ".join(place.split()) or None
    header.issue_date_raw = match.group("raw").strip()
    parts = _DATE_PARTS.search(header.issue_date_raw)
    if parts is not None and parts.group("day") and parts.group("month"):
        header.issue_date = make_date(
            int(parts.group("year")), int(parts.group("month")), int(parts.group("day"))
        )


def _issuer_and_parent(cells: list[str]) -> tuple[str | None, str | None]:
    """Join a name wrapped over two lines; the last name is the issuer, the one above its parent."""
    places = re.compile(rf"^(?:{words_pattern(meta_vocabulary().place_levels)})\s+(?!ủy\b)")
    names: list[str] = []
    for cell in cells:
        if names and places.match(search_form(cell)):
            names[-1] = f"{names[-1]} {cell}"
        else:
            names.append(cell)
    if not names:
        return None, None
    parent = name_case(names[-2]) if len(names) >= 2 else None
    return name_case(names[-1]), parent
