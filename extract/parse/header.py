"""The header of a document: issuer, number, place and date, kind and title.

Nghị định 30/2020/NĐ-CP (Phụ lục I) and Hướng dẫn 36-HD/VPTW lay the header out
in two columns: on the left the superior body, the issuer and "Số: .../...";
on the right the national motto (state) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party) and
"<place>, ngày ... tháng ... năm ...". Then, centred, the kind in capitals
("KẾ HOẠCH") and the title, or for a letter (công văn) "V/v ..." under the number.

The header is read from a layout-normalised view of the first lines
(:mod:`~extract.parse.header_layout`), in which table cells and fields broken
over lines are joined. The header zone is the run of short cells that ends at
the kind line (or, without one, at the first sentence of the body); text before
it (a web page's lead, a search box, a list of related documents) is the page's,
not the document's. The issuer is read only when the zone is anchored by a
motto, a number or a place-date, or names a body: a field not found is None,
never guessed from the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from extract.model import Line, Period, Span
from extract.parse.header_fields import (
    Field,
    capitals_only,
    kind_line_holds_title,
    kind_of,
    kind_of_symbol,
    letter_subject,
    mottos,
    names_a_document,
    number_field,
    party_line,
    place_date_field,
)
from extract.parse.header_layout import Cell, LayoutView
from extract.parse.header_names import issuer_and_parent, spelled_as_place
from extract.parse.header_names import name_case as name_case
from extract.parse.header_title import MARKUP, ROMAN_HEADING, inline_title, issuer_in_title
from extract.parse.header_title import title_lines as lines_of_title
from extract.parse.meta_vocabulary import meta_vocabulary, words_pattern
from extract.text import comparable, search_form

# The header sits in the first lines; a kind line further down is a body heading.
HEADER_LINES = 80
# A cell this long with lower-case letters is a sentence: body text or a page's lead.
BODY_CELL_LENGTH = 60
# A kind line followed this closely by a header field is part of a name
# ("TỔNG CỤC DÂN SỐ -" / "KẾ HOẠCH HÓA GIA ĐÌNH" / "CỘNG HÒA ...").
FIELD_AFTER_KIND = 4
# A cell in mixed case longer than this is a sentence, not a body's name.
NAME_CELL_WORDS = 14
# A cell in capitals longer than this is a headline or a page run together, not a name:
# the longest bodies' names ("BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIAI ĐOẠN
# 2021 - 2025 TỈNH ...") take about twenty words with their superior body.
NAME_BLOCK_WORDS = 40
# A name block without any header field is the issuer only when it names a body;
# a kind line below this score is a page's heading, menu or list, not the header's.
ABSTAIN = 0.5
# How sure a kind line is the document's own (see _kind_score).
KIND_AFTER_FIELDS = 1.0
KIND_IN_CAPITALS = 0.6
KIND_IN_LOWER_CASE = 0.3
# A document-sharing page numbers its pages ("1. BỘ LAO ĐỘNG ..."): no name opens so.
_PAGE_LABEL = re.compile(r"^\d{1,3}\.\s+")
# A word of a name: two letters at least (a scan reads a rule as "¬".Ă--.<—_—").
_WORD = re.compile(r"[^\W\d_]{2}")


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
    spans: dict[str, Span] = field(default_factory=dict)
    looked_at: list[int] = field(default_factory=list)
    start_line: int | None = None


def parse_header(lines: list[Line]) -> Header:
    """Read the header and the title of a document from its first lines."""
    window = _window(lines)
    view = LayoutView.of(window)
    header = Header()
    fields_anywhere = _field_starts(view)
    kind_index = _kind_cell(view, fields_anywhere)
    if kind_index is not None:
        stop = kind_index
    else:
        # Without a kind line the header ends at the first sentence after its first
        # field: a list of related documents above it is the page's, not the end.
        first = view.cell_at(fields_anywhere[0]) if fields_anywhere else 0
        stop = _body_start(view, first)
    start = _zone_start(view, stop)
    end = view.starts[stop] if stop < len(view.cells) else len(view.text)
    if start < len(view.cells) and view.starts[start] < end:
        header.start_line = view.cells[start].line
    elif kind_index is not None:
        header.start_line = view.cells[kind_index].line
    _read_fields(view, view.starts[start] if start < len(view.cells) else end, end, header)
    if header.start_line is not None and header.spans:
        # The page's lines above the header's first field (a library's title and
        # property lines) are the page's, even inside the zone.
        header.start_line = max(header.start_line, min(span.line for span in header.spans.values()))
    if kind_index is not None:
        _read_kind_and_title(view.cells[kind_index], lines, header)
    elif header.doc_type is None:
        header.doc_type = kind_of_symbol(header.number)
        if header.doc_type is not None and "number" in header.spans:
            header.spans["doc_type"] = header.spans["number"]
    last = view.cells[stop].line if stop < len(view.cells) else None
    header.looked_at = [
        line.number
        for line in window
        if line.text.strip() and (last is None or line.number <= last)
    ]
    if kind_index is not None and header.issuer is None:
        _read_authority(view, header)
    if header.issuer is None and header.doc_type and header.title:
        named = issuer_in_title(header.doc_type, header.title)
        if named is not None and _name_score([named]) >= ABSTAIN:
            header.issuer = name_case(named)
    if header.issuer is not None:
        header.issuer = spelled_as_place(header.issuer, header.place)
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


def _window(lines: list[Line]) -> list[Line]:
    """The first lines, up to the first Roman-numbered part of the body."""
    window: list[Line] = []
    for line in lines[:HEADER_LINES]:
        if ROMAN_HEADING.match(line.text.strip(MARKUP)) and window:
            break
        window.append(line)
    return window


def _field_starts(view: LayoutView) -> list[int]:
    """Where a motto, a number or a place-date starts anywhere in the view.

    The Youth Union's name ("ĐOÀN TNCS HỒ CHÍ MINH") stands beside the header but also
    ends names in capitals ("BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH", a decision's
    authority): it does not tell where the header's fields are.
    """
    found: list[Field | None] = [motto for motto in mottos(view) if not capitals_only(motto.raw)]
    found.append(number_field(view, len(view.text)))
    found.append(place_date_field(view, len(view.text)))
    return sorted(item.start for item in found if item is not None)


def _kind_cell(view: LayoutView, field_starts: list[int]) -> int | None:
    """The cell naming the document's kind, not a word of the issuer's name."""
    for index, cell in enumerate(view.cells):
        if _kind_score(view, index, field_starts) < ABSTAIN:
            continue
        previous = view.cells[index - 1].text if index else ""
        if previous.rstrip().endswith(("-", "–")) and cell.in_capitals:
            continue  # "TỔNG CỤC DÂN SỐ -" / "KẾ HOẠCH HÓA GIA ĐÌNH"
        limit = index + 1 + FIELD_AFTER_KIND
        after = view.starts[limit] if limit < len(view.cells) else len(view.text)
        if any(view.starts[index] < start < after for start in field_starts):
            continue  # a header field follows: still inside the name block
        return index
    return None


def _kind_score(view: LayoutView, index: int, field_starts: list[int]) -> float:
    """How sure a cell is the header's kind line (Nghị định 30/2020/NĐ-CP, Phụ lục I).

    The kind line stands under the motto, number and date block and the issuer's
    name: after one of those it is the header's. Without any, a kind set in capitals
    may still open a page that lost its header table ("QUYẾT ĐỊNH" over the title and
    the authority); a lone kind in lower case is a value of a library's property list
    or a menu entry. A kind followed by a number names a document (a headline, a list item),
    and a word any citation uses ("VĂN BẢN MẪU") is no kind of a header.
    """
    cell = view.cells[index]
    kind = kind_of(cell.text)
    if kind is None or names_a_document(cell.text, kind):
        return 0.0
    if comparable(kind) in {comparable(word) for word in meta_vocabulary().citation_only_kinds}:
        return 0.0
    if any(start < view.starts[index] for start in field_starts):
        return KIND_AFTER_FIELDS
    if any(_names_a_body(before) for before in view.cells[:index]):
        return KIND_AFTER_FIELDS  # under the issuer's name block ("UBND XÃ A" / "Kế hoạch")
    return KIND_IN_CAPITALS if cell.in_capitals else KIND_IN_LOWER_CASE


def _names_a_body(cell: Cell) -> bool:
    return cell.in_capitals and _name_score([cell.text]) >= ABSTAIN


def _body_start(view: LayoutView, start: int) -> int:
    """The first cell from ``start`` on that reads as a sentence, else the number of cells."""
    for index in range(start, len(view.cells)):
        if _sentence(view.cells[index]):
            return index
    return len(view.cells)


def _zone_start(view: LayoutView, stop: int) -> int:
    """The first cell of the header zone: after the last sentence before ``stop``.

    A cell holding a motto is the header's, however long: a PDF's text layer runs both
    columns onto one line ("ỦY BAN NHÂN DÂN CỘNG HÒA XàHỘI ... TỈNH TRÀ VINH Độc lập
    Tự do Hạnh phúc"), mixed case and long as a sentence is.
    """
    held = [(motto.start, motto.end) for motto in mottos(view)]
    start = 0
    for index in range(stop):
        cell_start = view.starts[index]
        cell_end = cell_start + len(view.cells[index].text)
        if any(first < cell_end and cell_start < last for first, last in held):
            continue
        if _sentence(view.cells[index]):
            start = index + 1
    return start


def _sentence(cell: Cell) -> bool:
    text = cell.text
    if len(text) < BODY_CELL_LENGTH or cell.in_capitals:
        return False
    return not re.match(r"\s*v/v\b", text, re.IGNORECASE)


def _read_fields(view: LayoutView, start: int, end: int, header: Header) -> None:
    """Number, place-date, letter subject and issuer block of the zone ``[start, end)``."""
    zone = LayoutView(view.cells, view.text[:end], view.search[:end], view.starts)
    used: list[tuple[int, int]] = []
    party = False
    for motto in mottos(zone):
        if motto.start >= start:
            used.append((motto.start, motto.end))
            party = party or party_line(motto)
    number = number_field(zone, end, start)
    if number is not None and number_field(zone, end, number.end) is not None:
        number = None  # a list of documents, each with its number: none is the page's own
    if number is not None and number.start >= start:
        used.append((number.start, number.end))
        header.number_raw, header.number = number.raw, number.value
        header.spans["number"] = view.span(number.start, number.end)
    place_date = place_date_field(zone, end)
    if place_date is not None and place_date.start >= start:
        used.append((place_date.start, place_date.end))
        header.place, header.issue_date = place_date.value, place_date.date
        header.issue_date_raw = place_date.raw
        header.spans["issue_date"] = view.span(place_date.start, place_date.end)
        if place_date.value is not None:
            header.spans["place"] = view.span(place_date.start, place_date.start + 1)
    subject = letter_subject(zone, end)
    if subject is not None and letter_subject(zone, end, subject.end) is not None:
        subject = None  # a list of letters, each with its "V/v": none is the page's own
    if subject is not None and subject.start >= start:
        used.append((subject.start, subject.end))
        header.doc_type = meta_vocabulary().letter_kind
        header.title = subject.raw or None
        header.spans["doc_type"] = header.spans["title"] = view.span(subject.start, subject.end)
    _read_issuer(view, start, end, used, party, header)


def _read_issuer(
    view: LayoutView,
    start: int,
    end: int,
    used: list[tuple[int, int]],
    party: bool,
    header: Header,
) -> None:
    """The name block: the cells in capitals around the fields, fields cut out."""
    anchored = bool(used)
    first_field = min((span[0] for span in used), default=end)
    # Cells of the left column come before or between the fields; a line in
    # capitals after the last one is the document's (a decision's "ỦY BAN NHÂN
    # DÂN TỈNH" above its bases, a conclusion's "HỘI NGHỊ LẦN THỨ BẢY").
    last_field = max((span[0] for span in used), default=end)
    cells: list[tuple[int, str]] = []
    for index, cell in enumerate(view.cells):
        offset = view.starts[index]
        if offset < start or offset >= min(end, last_field + 1):
            continue
        text = _PAGE_LABEL.sub("", _without(view.text, offset, offset + len(cell.text), used))
        if text.strip() and not _WORD.search(text):
            continue  # scan noise where a rule was ("¬".Ă--.<—_—"): neither name nor break
        if not text.strip() or not _name_like(text, bool(cells)):
            if offset < first_field:
                cells = []  # the block runs up to the first field without a break
            continue
        cells.append((index, text))
    if not cells:
        return
    names = [text for _, text in cells]
    issuer, parent = issuer_and_parent(names, party)
    if issuer is None or (not anchored and _name_score(names) < ABSTAIN):
        return
    header.issuer, header.issuer_parent = issuer, parent
    first, last = cells[0][0], cells[-1][0]
    header.spans["issuer"] = view.span(view.starts[first], view.starts[last] + len(cells[-1][1]))


def _read_authority(view: LayoutView, header: Header) -> None:
    """Without a name block, the authority line under the title names the issuer.

    Nghị định 30/2020/NĐ-CP (Phụ lục I) sets the issuing authority of a decision
    or resolution under its title ("ỦY BAN NHÂN DÂN TỈNH ĐĂK NÔNG" above the
    bases); a page that lost the header table keeps it. Only the first cell
    after the title counts, in capitals and opening with a body: "CHỦ TỊCH ..."
    (a person) and a heading are not read.
    """
    after = max([header.doc_type_line or 0, *header.title_lines])
    cell = next((cell for cell in view.cells if cell.line > after), None)
    if cell is None or not cell.in_capitals or _name_score([cell.text]) < ABSTAIN:
        return
    issuer, _ = issuer_and_parent([cell.text], party=False)
    if issuer is not None:
        header.issuer = issuer
        header.spans["issuer"] = Span(line=cell.line, start=cell.start, end=cell.end)
        header.looked_at = sorted({*header.looked_at, cell.line})


def _name_like(text: str, continuing: bool) -> bool:
    """A cell of the name block: in capitals, or a body's name typed in mixed case.

    Some pages set the header in mixed case ("Ủy ban nhân dân" / "tỉnh Bạc Liêu");
    such a cell opens with a body ("Ủy ban", "Sở") or, under one, a place level.
    """
    if not any(char.islower() for char in text):
        return len(text.split()) <= NAME_BLOCK_WORDS
    if len(text.split()) > NAME_CELL_WORDS or re.search(r"[:;.!?]", text):
        return False
    if _opens_with_body(text):
        return True
    levels = words_pattern(meta_vocabulary().place_levels)
    return continuing and re.match(rf"(?:{levels})(?!\w)", search_form(text)) is not None


def _name_score(names: list[str]) -> float:
    """How sure a block without any header field is a body's name: it must open with a body."""
    return 0.4 + (0.6 if _opens_with_body(names[0]) else 0.0)


def _opens_with_body(text: str) -> bool:
    """Whether ``text`` opens with a body's head word ("Ủy ban", "Sở", "Hội", "Đảng ủy").

    Not when the head word opens an event, an act or a member instead
    ("Hội nghị", "Đoàn kiểm tra", "Ban hành": ``body_head_false_friends``).
    """
    heads, false_friends = _body_openings()
    folded = search_form(" ".join(text.split()))
    return heads.match(folded) is not None and false_friends.match(folded) is None


@cache
def _body_openings() -> tuple[re.Pattern[str], re.Pattern[str]]:
    vocabulary = meta_vocabulary()
    heads = words_pattern(vocabulary.header_body_heads)
    false_friends = words_pattern(vocabulary.body_head_false_friends)
    return re.compile(rf"(?:{heads})(?!\w)"), re.compile(rf"(?:{false_friends})(?!\w)")


def _without(text: str, start: int, end: int, used: list[tuple[int, int]]) -> str:
    """``text[start:end]`` with the parts inside a field blanked."""
    chars = list(text[start:end])
    for field_start, field_end in used:
        for position in range(max(start, field_start), min(end, field_end)):
            chars[position - start] = " "
    return " ".join("".join(chars).split())


def _read_kind_and_title(cell: Cell, lines: list[Line], header: Header) -> None:
    header.doc_type = kind_of(cell.text)
    header.doc_type_line = cell.line
    header.spans["doc_type"] = Span(line=cell.line, start=cell.start, end=cell.end)
    own_line = next((line for line in lines if line.number == cell.line), None)
    if own_line is not None and cell.text != own_line.text.strip(MARKUP):
        # A header run onto one line: the title follows the kind on the same line,
        # up to where the body starts.
        kind_words = len(header.doc_type.split()) if header.doc_type else 0
        after_kind = re.match(rf"\s*(?:\S+\s+){{{kind_words}}}", cell.text + " ")
        offset = cell.start + (after_kind.end() if after_kind is not None else 0)
        found = inline_title(own_line.text, min(offset, cell.end))
        if found is not None:
            header.title = " ".join(own_line.text[found[0] : found[1]].split())
            header.title_lines = [cell.line]
            header.spans["title"] = Span(line=cell.line, start=found[0], end=found[1])
        return
    if kind_line_holds_title(cell.text):
        title_lines = [line for line in lines if line.number == cell.line]
    else:
        title_lines = lines_of_title([line for line in lines if line.number > cell.line])
    header.title_lines = [line.number for line in title_lines]
    title = " ".join(" ".join(line.text.strip(MARKUP).split()) for line in title_lines)
    header.title = title.strip(MARKUP) or None
    if title_lines:
        header.spans["title"] = Span(
            line=title_lines[0].number,
            end_line=title_lines[-1].number,
            end=len(title_lines[-1].text),
        )
