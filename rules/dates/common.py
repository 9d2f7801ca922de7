"""What the date rules share: the issue date as printed, date mentions, deadline cues.

The issue date of a state or Party document is printed in the header as
"<địa danh>, ngày ... tháng ... năm ..." (Nghị định 30/2020/NĐ-CP, Phụ lục I;
Hướng dẫn 36-HD/VPTW, mục 3.4). Extraction records it in ``Meta``; when it
does not, the rules read the header line themselves so that a blank day is told
apart from a header that is simply absent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract.model import DateMention, Plan, Span
from extract.parse.calendar import find_dates, make_date
from extract.resources import data_file, load_yaml

DATA_FILE = data_file("rules", "dates.yaml")
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


class DatesVocabulary(BaseModel):
    """Words the date rules look for (rules/data/dates.yaml)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="Bumped when the meaning of an entry changes.")
    header_lines: int = Field(ge=5, description="How many lines the header may span at most.")
    deadline_cues: list[str] = Field(
        min_length=1, description="Words that put a date as a deadline: 'trước', 'chậm nhất'."
    )
    cue_window: int = Field(ge=1, description="How many characters before a date a cue may sit.")
    deadline_labels: list[str] = Field(
        min_length=1, description="Labels of deadline lines: 'thời gian hoàn thành'."
    )


@dataclass(frozen=True)
class HeaderDate:
    """The place-and-date line of the header, as printed."""

    line: int
    start: int
    end: int
    raw: str
    day: int | None
    month: int | None
    year: int | None

    @property
    def missing_parts(self) -> list[str]:
        """Vietnamese names of the parts left blank ('ngày', 'tháng', 'năm')."""
        parts = (("ngày", self.day), ("tháng", self.month), ("năm", self.year))
        return [name for name, value in parts if value is None]

    @property
    def date(self) -> dt.date | None:
        """The date when complete and real."""
        if self.day is None or self.month is None:
            return None
        return make_date(self.year, self.month, self.day)


@cache
def vocabulary() -> DatesVocabulary:
    """The validated date vocabulary."""
    return DatesVocabulary.model_validate(load_yaml(DATA_FILE))


def header_lines(plan: Plan) -> list[int]:
    """Numbers of the lines that may hold the header: up to the first Roman part."""
    numbers: list[int] = []
    for line in plan.lines[: vocabulary().header_lines]:
        if FIRST_PART.match(line.text):
            break
        numbers.append(line.number)
    return numbers


def header_date(plan: Plan) -> HeaderDate | None:
    """The place-and-date line of the header, complete or not; None when absent."""
    for number in header_lines(plan):
        text = plan.line(number).text
        starts = [0, *(gap.end() for gap in COLUMN_GAP.finditer(text))]
        for offset in starts:
            found = HEADER_DATE.match(text[offset:])
            if found is not None:
                return _header_date(number, offset, found)
    return None


def unread_header_date(plan: Plan) -> bool:
    """Whether the lines the header reader looked at hold a full date it did not read.

    "Bắc Kạn, ngày 16" / "tháng 01 năm 2025" broken over lines, or a date in a
    layout the reader does not know: the date is there, the tool failed, and a
    finding would blame the document for the tool.
    """
    looked_at = " ".join(plan.line(number).text for number in plan.meta.header_lines)
    return SPREAD_DATE.search(looked_at) is not None


def raw_header_date(plan: Plan, raw: str) -> HeaderDate | None:
    """The date line extraction recorded, read like a header line; its line found in the plan."""
    found = HEADER_DATE.search(raw)
    if found is None:
        return None
    wanted = " ".join(raw.split())
    number = next(
        (line.number for line in plan.lines if wanted in " ".join(line.text.split())), None
    )
    span = plan.meta.spans.get("issue_date")
    if number is None and span is not None:
        number = span.line  # a date read over several lines: where it starts
    return _header_date(number or 0, 0, found)


def issue_date(plan: Plan) -> dt.date | None:
    """The issue date: the header's place-and-date line when complete, else the metadata.

    The printed header line is the document's own statement of its date; a
    metadata date that disagrees with it was read from somewhere else.
    """
    found = header_date(plan)
    if found is not None and found.date is not None:
        return found.date
    return plan.meta.issue_date


def date_mentions(plan: Plan) -> list[DateMention]:
    """The dates extraction recorded; when it recorded none, the dates in the lines."""
    if plan.dates:
        return plan.dates
    mentions: list[DateMention] = []
    for line in plan.lines:
        for found in find_dates(line.text):
            mentions.append(
                DateMention(
                    raw=found.raw,
                    iso=found.date,
                    valid=found.valid,
                    line=line.number,
                    span=Span(line=line.number, start=found.start, end=found.end),
                )
            )
    return mentions


def has_deadline_cue(text: str, start: int) -> bool:
    """Whether a deadline word ('trước', 'chậm nhất') sits just before ``text[start:]``."""
    words = vocabulary()
    before = text[max(0, start - words.cue_window) : start].lower()
    before = re.sub(r"\bngày\s*$", "", before.rstrip()).rstrip(" :,")
    return any(re.search(rf"\b{re.escape(cue)}$", before) for cue in words.deadline_cues)


def vietnamese_date(date: dt.date) -> str:
    """'30/09/2023', the way the documents write dates."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def _header_date(line: int, offset: int, found: re.Match[str]) -> HeaderDate:
    def part(name: str) -> int | None:
        value = found.group(name)
        return int(value) if value else None

    return HeaderDate(
        line=line,
        start=offset + found.start(),
        end=offset + found.end(),
        raw=found.group(0).strip(" *_"),
        day=part("day"),
        month=part("month"),
        year=part("year"),
    )
