"""The number line and the place-and-date line of the header as printed, blanks included.

The number and symbol of a document are printed under the issuer as "Số:
25/KH-UBND" (Nghị định 30/2020/NĐ-CP, Phụ lục I mục 3) or, in Party documents,
"Số 48-KH/ĐU" (Hướng dẫn 36-HD/VPTW, mục 3.3); the issue date as "<địa danh>,
ngày ... tháng ... năm ..." (Phụ lục I mục 5; HD 36 mục 3.4). A plan sent out for
signature often keeps the number or the day blank ("Số:     /KH-UBND", "ngày
tháng 3 năm 2023") and is then published that way by mistake. The metadata
reader (:mod:`extract.parse.meta`) records what it can read; this module records
what is printed, so that a blank part is told apart from a header that is absent.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract.model import Line, Meta, PrintedDate, PrintedNumber, Span
from extract.resources import data_file, load_yaml

DATA_FILE = data_file("extract.parse", "printed.yaml")
# The header ends before the first Roman-numbered part ("I. MỤC ĐÍCH", "I- Mục đích").
FIRST_PART = re.compile(r"^\W*I\s*[.\-–]\s*\S")
# A full date "ngày 16 tháng 01 năm 2025", its parts possibly on several lines.
SPREAD_DATE = re.compile(r"ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}", re.IGNORECASE)
# Columns of a two-column header that a reader merged into one line.
COLUMN_GAP = re.compile(r"\s{3,}")
# "Quảng Ngãi, ngày 12 tháng 12 năm 2022" with any part possibly left blank
# (spaces, dots or an ellipsis where the number should be).
HEADER_DATE = re.compile(
    r"^[\s*_]*(?:(?P<place>[^\W\d][^\d,;:/]{0,40}),\s*)?ngày\s*(?P<day>\d{1,2})?[\s._…]*"
    r"tháng\s*(?P<month>\d{1,2})?[\s._…]*năm\s*(?P<year>\d{4})?",
    re.IGNORECASE,
)
# "Số:" then anything; "Số 48-KH/ĐU" (no colon, a number then the symbol);
# "Số     -KH/ĐU" (no colon, blank, then the symbol). A body line such as
# "Số hộ nghèo giảm" matches none of them.
NUMBER_LINE = re.compile(
    r"^[\s*_]*(?:Số|SỐ)\s*(?:[:.]\s*(?P<colon>.*)"
    r"|(?P<digits>\d+\s*[-/]\s*[A-ZĐ]\S*.*)"
    r"|(?P<blank>[\s._…]*[-/]\s*[A-ZĐ]{2,}\S*.*))$"
)
# The number alone on the line under "Số:": "424/QĐ-UBND", "48-KH/ĐU".
NUMBER_BELOW = re.compile(r"\d{1,5}(?:/(?:19|20)\d{2})?\s?[-/]\s?[A-ZĐ]")
# "Số: 05/2019/QĐUBND" inside a line, neither at its start nor after a column gap: a
# header run onto one line, or a word put into its gap ("Hạnh phúc xã Số: ..."). Only a
# printed number counts there; a blank one mid-line is too weak to tell from body text.
NUMBER_IN_LINE = re.compile(
    r"(?<!\w)(?:Số|SỐ)\s*:\s*(?P<number>\d{1,5}(?:/(?:19|20)\d{2})?\s?[-/]\s?[A-ZĐ]\S*)"
)


class PrintedVocabulary(BaseModel):
    """What printed facts are read with (extract/parse/data/printed.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1, description="Bumped when the meaning of an entry changes.")
    header_lines: int = Field(ge=5, description="How many lines the header may span at most.")
    deadline_labels: list[str] = Field(
        min_length=1, description="Labels of deadline lines: 'thời gian hoàn thành'."
    )


@cache
def printed_vocabulary() -> PrintedVocabulary:
    """The validated vocabulary of printed facts."""
    return PrintedVocabulary.model_validate(load_yaml(DATA_FILE))


def read_printed_header(lines: list[Line], meta: Meta) -> Meta:
    """``meta`` with the number line, the date line and the issue date's parts as printed."""
    header = header_scope(lines)
    return meta.model_copy(
        update={
            "number_line": number_line(header, lines),
            "date_line": date_line(header),
            "issue_date_parts": issue_date_parts(lines, meta),
            "header_has_full_date": has_full_date(lines, meta.header_lines),
        }
    )


def header_scope(lines: list[Line]) -> list[Line]:
    """The lines that may hold the header: the first ones, up to the first Roman part."""
    scope: list[Line] = []
    for line in lines[: printed_vocabulary().header_lines]:
        if FIRST_PART.match(line.text):
            break
        scope.append(line)
    return scope


def date_line(header: list[Line]) -> PrintedDate | None:
    """The place-and-date line of the header, complete or not; None when absent."""
    for line in header:
        for offset in _column_starts(line.text):
            found = HEADER_DATE.match(line.text[offset:])
            if found is not None:
                return _printed_date(found, line, offset)
    return None


def issue_date_parts(lines: list[Line], meta: Meta) -> PrintedDate | None:
    """The date line the metadata reader recorded, read like a header line, on its line."""
    raw = meta.issue_date_raw
    found = HEADER_DATE.search(raw) if raw else None
    if raw is None or found is None:
        return None
    wanted = " ".join(raw.split())
    line = next((line for line in lines if wanted in " ".join(line.text.split())), None)
    span = meta.spans.get("issue_date")
    if line is None and span is not None and 0 < span.line <= len(lines):
        line = lines[span.line - 1]  # a date read over several lines: where it starts
    return _printed_date(found, line)


def has_full_date(lines: list[Line], looked_at: list[int]) -> bool:
    """Whether the lines the header reader looked at hold a full worded date.

    "Bắc Kạn, ngày 16" / "tháng 01 năm 2025" broken over lines, or a date in a
    layout the reader does not know: the date is there even when unread.
    """
    by_number = {line.number: line for line in lines}
    text = " ".join(by_number[number].text for number in looked_at if number in by_number)
    return SPREAD_DATE.search(text) is not None


def number_line(header: list[Line], lines: list[Line]) -> PrintedNumber | None:
    """The 'Số: ...' line of the header, and whether its number is left blank.

    A number set on the line under its label ("Số:" / "424/QĐ-UBND", a table cell
    broken by the page) is not blank, even where the metadata reader missed it.
    """
    for index, line in enumerate(header):
        for offset in _column_starts(line.text):
            found = NUMBER_LINE.match(line.text[offset:])
            if found is None:
                continue
            raw = _own_column(line.text[offset:]).strip(" *_")
            start = max(line.text.find(raw, offset), offset)
            blank = _blank(found) and not _number_below(header[index + 1 :], found)
            span = Span(line=line.number, start=start, end=start + len(raw))
            return PrintedNumber(raw=raw, blank=blank, span=span)
    return _number_in_line(header)


def _number_in_line(header: list[Line]) -> PrintedNumber | None:
    """A number printed after "Số:" inside a header line (``NUMBER_IN_LINE``), else None."""
    for line in header:
        found = NUMBER_IN_LINE.search(line.text)
        if found is not None:
            span = Span(line=line.number, start=found.start(), end=found.end())
            return PrintedNumber(raw=found.group(0), blank=False, span=span)
    return None


def _column_starts(text: str) -> list[int]:
    return [0, *(gap.end() for gap in COLUMN_GAP.finditer(text))]


def _printed_date(found: re.Match[str], line: Line | None, offset: int = 0) -> PrintedDate:
    def part(name: str) -> int | None:
        value = found.group(name)
        return int(value) if value else None

    raw = found.group(0).strip(" *_")
    span = None
    if line is not None:
        start = line.text.find(raw, offset)
        end = start + len(raw) if start >= 0 else None
        span = Span(line=line.number, start=max(start, 0), end=end)
    return PrintedDate(raw=raw, day=part("day"), month=part("month"), year=part("year"), span=span)


def _own_column(text: str) -> str:
    """The number column alone: cut at the first wide gap after the symbol starts."""
    symbol = re.search(r"[-/]", text)
    if symbol is None:
        return COLUMN_GAP.split(text.strip())[0]
    gap = COLUMN_GAP.search(text, symbol.end())
    return text[: gap.start()] if gap is not None else text


def _number_below(below: list[Line], found: re.Match[str]) -> bool:
    """Whether an empty "Số:" has its number on the next line that says anything."""
    if (found.group("colon") or "").strip(" *_|"):
        return False
    for line in below:
        text = line.text.strip(" *_|\t")
        if text:
            return NUMBER_BELOW.match(text) is not None
    return False


def _blank(found: re.Match[str]) -> bool:
    if found.group("digits"):
        return False
    if found.group("blank") is not None:
        return True
    # A number is written first ("Số: 25/KH-UBND"); anything else after the
    # colon (dots, the symbol, the place-and-date column) means it is blank.
    value = (found.group("colon") or "").strip()
    return not value[:1].isdigit()
