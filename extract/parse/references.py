"""Cited documents: "Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của Ban Dân vận Tỉnh ủy".

A citation is a kind of document, "số" (often left out before a full symbol:
"Chỉ thị 18-CT/TTg"), a number, then optionally its date and its issuer after
"của". Text from PDF breaks lines anywhere, even inside a number ("49-" /
"KH/ThU"), so citations are read from the lines joined into one text
(:class:`JoinedText`) and mapped back to a line and span.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from extract.model import Line, Reference, Span
from extract.parse.calendar import CalendarMatch, find_dates
from extract.parse.meta_vocabulary import MetaVocabulary, meta_vocabulary, words_pattern
from extract.parse.numbers import NUMBER, match_number, normalise_number
from extract.text import comparable, search_form

# How far after a number its date and issuer may start, in characters.
DATE_WINDOW = 45
# How far before a citation "Ngày 9/12/2022, HĐND tỉnh ban hành" may start.
LEAD_WINDOW = 120
SUBJECT_WORDS = 12
# Words of a name between a kind and "số" ("Luật Bảo vệ và Kiểm dịch thực vật số").
NAME_WORDS = 8
# How far the next item of a list may start after the previous one ends (its subject between).
LIST_GAP = 160
# The separator before a list item: "; số 160/NQ-HĐND", "; 148/NQ-HĐND", ", số 12/...".
_LIST_ITEM = re.compile(r"[;,]\s*(?:và\s+)?(?:số\s*:?\s*)?(?=\d)")
# Between a long symbol and its date, the rest of the issuer's name in it may stand:
# "05-CTrPH/BDVTU-BCSĐ UBND tỉnh ngày 28/03/2022" (at most this many words, opening
# with a capital or a place level).
SYMBOL_TAIL_WORDS = 3
# "298 KH/TWĐTN": a serial, one space, a symbol of two parts or more (see _spaced_number).
_SPACED_NUMBER = re.compile(
    r"(?P<serial>\d{1,5})[ ](?P<code>[A-ZĐ][A-Za-zĐđ]{0,3})(?:[-/][A-ZĐ][\wĐđ&]*)+(?![\w/])"
)
# A serial alone, not the start of a longer number or a date ("155," but not "15/7").
_BARE_SERIAL = re.compile(r"\d{1,5}(?![\d/\-.]|,\d)")
# "ngày" right after a bare serial: "số 155, ngày 07/7/2019".
_DATE_WORD = re.compile(r"\s*,?\s*ngày\s")
# A web page's line break written out: "1896/QĐ-TTg\r\nngày 25/12/2019".
_WRITTEN_BREAK = re.compile(r"\\[rn]")
ISSUER_WINDOW = 160
# A line that opens a heading: "I.", "II-", "1.", "2.1.", "a)".
_HEADING_START = re.compile(r"(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.\-–)]\s")
# Punctuation that ends an issuer: a clause, a parenthesis, a quoted title.
_ISSUER_END = re.compile(r"[;.:()“”\"«»\[\]]|\s[-–]\s")


@dataclass(frozen=True)
class JoinedText:
    """The non-blank lines joined by one space, with a map back to lines."""

    text: str
    search: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    @classmethod
    def of(cls, lines: Iterable[Line]) -> JoinedText:
        """Join the non-blank lines of ``lines`` in order."""
        parts: list[str] = []
        starts: list[int] = []
        numbers: list[int] = []
        offset = 0
        for line in lines:
            if not line.text.strip():
                continue
            starts.append(offset)
            numbers.append(line.number)
            parts.append(line.text)
            offset += len(line.text) + 1
        text = " ".join(parts)
        return cls(text, search_form(text), tuple(starts), tuple(numbers))

    def locate(self, offset: int) -> tuple[int, int]:
        """The (line number, offset in that line) of an offset in the joined text."""
        index = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        if not self.numbers:
            return 0, 0
        return self.numbers[index], offset - self.starts[index]

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` in line terms."""
        line, line_start = self.locate(start)
        end_line, line_end = self.locate(max(end - 1, start))
        return Span(line=line, start=line_start, end_line=end_line, end=line_end + 1)


def find_references(lines: Iterable[Line]) -> list[Reference]:
    """Every cited document with a number, in order of position."""
    joined = JoinedText.of(lines)
    return references_in(joined, 0, len(joined.text))


def references_in(joined: JoinedText, start: int, end: int) -> list[Reference]:
    """The citations that begin between ``start`` and ``end`` of ``joined``.

    Besides "Kế hoạch số 90-KH/BDVTU", a kind followed by a proper name ("Luật Lâm
    nghiệp số 16/2017/QH14") or by a list ("các Nghị quyết của HĐND tỉnh: số
    340/NQ-HĐND ngày ...; số 160/NQ-HĐND ...; 148/NQ-HĐND ...") cites documents;
    each item of a list takes the kind the list opened with.
    """
    found: dict[int, Reference] = {}
    for pattern in (_citation_pattern(), _named_citation_pattern()):
        for match in pattern.finditer(joined.search, start, end):
            if match.start() in found or not _named_well(joined, match):
                continue
            reference = _read_citation(joined, match)
            if reference is not None:
                found[match.start()] = reference
                for item in _list_items(joined, reference, end):
                    found.setdefault(_start_of(joined, item), item)
    return [found[position] for position in sorted(found)]


def _named_well(joined: JoinedText, match: re.Match[str]) -> bool:
    """A name between the kind and "số" is a proper name ("Luật Thú y") or opens a list (":")."""
    name = match.groupdict().get("name")
    if not name:
        return True
    written = joined.text[match.start("name") : match.end("name")].strip()
    vocabulary = meta_vocabulary()
    # "KẾ HOẠCH Triển khai thực hiện Đề án số 13-ĐA/TU": the Đề án is cited, not the plan.
    # A law's own name may hold such a verb: "Luật Tổ chức Quốc hội số 57/2014/QH13".
    named = comparable(match.group("kind")) in {comparable(k) for k in vocabulary.named_kinds}
    verbs = [] if named else vocabulary.clause_verbs
    words = words_pattern(vocabulary.document_kinds + verbs)
    other = rf"(?<!\w)(?:{words})(?!\w)"
    if re.search(other, search_form(written)):
        return False
    # "Quyết định của Bộ Chính trị số 31-QĐ/TW" (Party documents name the issuer first).
    issuer_first = re.match(r"của\s+(?=[^\W\d_])", written)
    if issuer_first is not None and written[issuer_first.end() :][:1].isupper():
        return True
    return written[:1].isupper() or written.endswith(":")


def _list_items(joined: JoinedText, first: Reference, end: int) -> list[Reference]:
    """The items after ``first`` in a list: "; số 160/NQ-HĐND ngày ...", "; 148/NQ-HĐND ..."."""
    items: list[Reference] = []
    position = _start_of(joined, first) + len(first.raw)
    while position < end:
        separator = _LIST_ITEM.search(joined.search, position, min(end, position + LIST_GAP))
        if separator is None or re.search(r"\.\s|:", joined.text[position : separator.start()]):
            break
        number = match_number(joined.text, separator.end())
        if number is None:
            break
        item = _item_citation(joined, separator, number, first.kind)
        items.append(item)
        position = _start_of(joined, item) + len(item.raw)
    return items


def _item_citation(
    joined: JoinedText, separator: re.Match[str], number: re.Match[str], kind: str | None
) -> Reference:
    start = separator.start() + len(separator.group(0)) - len(separator.group(0).lstrip(";, "))
    stop = number.end()
    date = _date_after(joined, stop)
    if date is not None:
        stop = date[1]
    calendar = date[0] if date is not None else None
    return Reference(
        kind=kind,
        number=normalise_number(number.group(0)),
        date=calendar.date if calendar is not None else None,
        date_raw=calendar.raw if calendar is not None else None,
        raw=joined.text[start:stop],
        line=joined.locate(start)[0],
        span=joined.span(start, stop),
    )


def _start_of(joined: JoinedText, reference: Reference) -> int:
    span = reference.span
    if span is None:
        return 0
    index = joined.numbers.index(span.line)
    return joined.starts[index] + span.start


@cache
def _symbol_tail() -> re.Pattern[str]:
    levels = words_pattern(meta_vocabulary().place_levels)
    return re.compile(
        rf"^(?:[A-ZĐ][\wĐđ&]*|(?:{levels})(?!\w))(?:\s+[\wĐđ&]+){{0,{SYMBOL_TAIL_WORDS - 1}}}"
        r"\s*,?\s*ngày$"
    )


@cache
def _named_citation_pattern() -> re.Pattern[str]:
    """A kind, a name or a list opener of a few words, then "số": "Luật Thú y số 79/2015/QH13"."""
    kinds = words_pattern(meta_vocabulary().document_kinds)
    return re.compile(
        rf"(?<!\w)(?P<kind>{kinds})\s+(?P<name>(?:[^\W\d_]+\s+){{0,{NAME_WORDS - 1}}}?"
        r"[^\W\d_]+\s*:?\s*)"
        # "số31-QĐ/TW": a copy that lost the space after "số".
        r"số(?:\b|(?=\d))\s*:?\s*(?=\d)"
    )


@cache
def _citation_pattern() -> re.Pattern[str]:
    vocabulary = meta_vocabulary()
    kinds = words_pattern(vocabulary.document_kinds)
    qualifiers = words_pattern(vocabulary.kind_qualifiers)
    return re.compile(
        # "số" typed twice ("Chỉ thị số số 03/CT-UBND") is still one label.
        rf"(?<!\w)(?P<kind>{kinds})(?:\s+(?:{qualifiers}))?\s*(?P<so>(?:số\b\s*:?\s*){{1,2}})?"
        r"\s*(?=\d)"
    )


def _read_citation(joined: JoinedText, match: re.Match[str]) -> Reference | None:
    number = match_number(joined.text, match.end())
    if number is None and match.groupdict().get("so"):
        number = _old_government_number(joined.text, match.end())
    if number is None and match.groupdict().get("so"):
        number = _spaced_number(joined.text, match.end())
    if number is None and match.groupdict().get("so"):
        number = _dated_serial(joined, match.end())
    offset = 0
    if number is None and joined.text[match.end() - 1 : match.end()].isalpha():
        # "số31-QĐ/TW": read the number as if the lost space were there.
        offset = match.end()
        number = match_number(joined.text[offset:])
    if number is None:
        return None
    end = offset + number.end()
    date = _date_after(joined, end)
    if date is not None:
        end = date[1]
    issuer = _issuer_after(joined, end)
    if issuer is not None:
        end = issuer[1]
    line, _ = joined.locate(match.start())
    calendar = date[0] if date is not None else None
    if calendar is None:
        lead = _date_before(joined, match.start())
        if lead is not None:
            calendar = lead[0]
            issuer = issuer or (lead[1], end)
    return Reference(
        kind=_canonical_kind(match.group("kind")),
        number=normalise_number(number.group(0)),
        date=calendar.date if calendar is not None else None,
        date_raw=calendar.raw if calendar is not None else None,
        issuer=issuer[0] if issuer is not None else None,
        raw=joined.text[match.start() : end],
        line=line,
        span=joined.span(match.start(), end),
    )


def _old_government_number(text: str, position: int) -> re.Match[str] | None:
    """A Prime Minister's number of the old form, symbol "TTg" alone: "Quyết định số 170/TTg".

    Alone, "TTg" is too weak a symbol to be a number (:func:`numbers.is_plausible`);
    after a kind of document and "số" it is one.
    """
    number = NUMBER.match(text, position)
    if number is None or number.group("symbol") != "TTg":
        return None
    return number


def _spaced_number(text: str, position: int) -> re.Match[str] | None:
    """A number whose serial and symbol a space joins: "Kế hoạch số 298 KH/TWĐTN".

    A copy that lost the hyphen of a Party or Youth Union number ("298-KH/TWĐTN") leaves
    a space. After a kind and "số" the number is read when its symbol opens with a kind
    code ("KH", "QĐ": Nghị định 30/2020/NĐ-CP Phụ lục III, Hướng dẫn 36-HD/VPTW) and has
    a second part, so "số 5 Điều 3" is not one.
    """
    number = _SPACED_NUMBER.match(text, position)
    if number is None:
        return None
    code = comparable(number.group("code"))
    return number if code in meta_vocabulary().symbol_kinds else None


def _dated_serial(joined: JoinedText, position: int) -> re.Match[str] | None:
    """A serial without symbol that its date follows: "Kế hoạch số 155, ngày 07/7/2019".

    Party documents are often cited by serial and date alone (Hướng dẫn 36-HD/VPTW keeps
    the symbol in the header only). After a kind and "số" a bare serial is read only
    with its date right after: "số 5 Điều 3" or "số 08 về ..." stay unread.
    """
    serial = _BARE_SERIAL.match(joined.text, position)
    if serial is None or _DATE_WORD.match(joined.search, serial.end()) is None:
        return None  # "số 12 NQ ngày ...": a symbol's remnant, not a serial's date
    return serial if _date_after(joined, serial.end()) is not None else None


def _canonical_kind(written: str) -> str:
    folded = comparable(written)
    for kind in meta_vocabulary().document_kinds:
        if comparable(kind) == folded:
            return kind
    return written


def _date_after(joined: JoinedText, position: int) -> tuple[CalendarMatch, int] | None:
    """The date right after a number: ", ngày 10/10/2022" or " ngày 12 tháng 12 năm 2022"."""
    window = joined.text[position : position + DATE_WINDOW]
    for calendar in find_dates(window):
        written = _WRITTEN_BREAK.sub(" ", window[: calendar.start]).strip(" ,")
        before = search_form(written)
        # "ngày", or what is left of it in a damaged line ("n à"), and nothing else.
        if before == "" or before == "ngày" or (len(before) <= 5 and before[:1] == "n"):
            return calendar, position + calendar.end
        if _symbol_tail().match(written):
            return calendar, position + calendar.end
        return None
    return None


def _date_before(joined: JoinedText, position: int) -> tuple[CalendarMatch, str] | None:
    """The date and subject before a citation: "Ngày 9/12/2022, HĐND tỉnh ban hành ...".

    Only in the same sentence, and only when the subject is followed by an
    issuing verb right before the citation.
    """
    start = max(0, position - LEAD_WINDOW)
    window = joined.text[start:position]
    verbs = words_pattern(meta_vocabulary().issuing_verbs)
    tail = re.search(rf"\s(?:{verbs})\s*$", search_form(window))
    if tail is None:
        return None
    before = window[: tail.start()]
    for head in reversed(list(re.finditer(r"(?<!\w)ngày\s+", search_form(before)))):
        dates = list(find_dates(before[head.end() :]))
        if not dates or dates[0].start != 0 or dates[0].date is None:
            continue
        subject = before[head.end() + dates[0].end :]
        if not subject.lstrip().startswith(",") or re.search(r"[.;:]", subject):
            return None
        subject = " ".join(subject.strip(" ,").split())
        if not subject or not subject[0].isupper() or len(subject.split()) > SUBJECT_WORDS:
            return None
        return dates[0], subject
    return None


def _issuer_after(joined: JoinedText, position: int) -> tuple[str, int] | None:
    """The body after "của" that issued the cited document, and where it ends."""
    lead = re.compile(r"\s*,?\s*(?:của|do)\s+").match(joined.search, position)
    if lead is None:
        return None
    start = lead.end()
    window = joined.text[start : _window_end(joined, start)]
    length = _issuer_length(window, meta_vocabulary())
    issuer = " ".join(window[:length].split()).strip(" ,")
    if not issuer or not (issuer[0].isupper() or issuer[0].isdigit()):
        return None
    return issuer, start + len(window[:length].rstrip(" ,"))


def _window_end(joined: JoinedText, start: int) -> int:
    """Where an issuer must end at the latest: before a line that opens a heading.

    A title that closes on its issuer ("... của Ban Thường vụ Tỉnh ủy") is followed
    by "I. MỤC ĐÍCH, YÊU CẦU", whose numeral is no part of the issuer.
    """
    end = start + ISSUER_WINDOW
    first = bisect.bisect_right(joined.starts, start)
    for line_start in joined.starts[first:]:
        if line_start >= end:
            break
        if _HEADING_START.match(joined.text, line_start):
            return line_start
    return end


def _issuer_length(window: str, vocabulary: MetaVocabulary) -> int:
    """How many characters of ``window`` the issuer takes."""
    search = search_form(window)
    end = len(window)
    punctuation = _ISSUER_END.search(window)
    if punctuation is not None:
        end = punctuation.start()
    stop = re.search(rf"\s(?:{words_pattern(vocabulary.issuer_stops)})(?!\w)", search[:end])
    if stop is not None:
        end = stop.start()
    heads = words_pattern(vocabulary.issuer_heads)
    verbs = re.compile(rf"[^,;.:]*?\s(?:{words_pattern(vocabulary.clause_verbs)})(?!\w)")
    for comma in re.finditer(",", search[:end]):
        # "của Ban Chấp hành Đảng bộ, Ban Thường vụ Thị ủy" lists two issuers;
        # "của Thủ tướng Chính phủ, Chỉ thị ..." goes on to something else, and
        # "..., UBND huyện ban hành" to the subject of the sentence.
        following = search[comma.start() + 1 :]
        if not re.match(rf"\s*(?:{heads})(?!\w)", following) or verbs.match(following):
            return comma.start()
    return end
