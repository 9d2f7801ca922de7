"""When a target or task is due: "Trong quý I/2023", "Thường xuyên", "Trước 31/3 hằng năm".

The result is a date range or a recurrence. A date the calendar does not have
("trước 30/02/2023") gives ``valid`` False and no date; nothing here raises.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from extract.model import Deadline, Span
from extract.parse.calendar import CalendarMatch, find_dates, make_date
from extract.parse.vocabulary import Every, items, sort_longest
from extract.text import fold, roman_value


def parse_deadline(text: str, year: int | None = None, line: int | None = None) -> Deadline:
    """Read one deadline phrase.

    Args:
        text: What follows "Thời gian thực hiện:" (or any phrase naming a time).
        year: The year a date without one belongs to, when the plan makes it clear.
        line: Line number for the span, when known.

    Returns:
        The deadline; kind "unknown" when the words say nothing the parser knows.
    """
    raw = text.strip().rstrip(".;").strip()
    folded = fold(raw)
    span = Span(line=line, start=0, end=len(text)) if line is not None else None
    every = _every(folded)
    dates = list(find_dates(raw))
    deadline = _from_dates(raw, folded, dates, every, year)
    if deadline is None:
        deadline = _from_period(raw, folded)
    if deadline is None:
        deadline = _from_words(raw, folded, every)
    return deadline.replaced(span=span)


def _from_dates(
    raw: str, folded: str, dates: list[CalendarMatch], every: Every | None, year: int | None
) -> Deadline | None:
    if not dates:
        return None
    valid = all(date.valid for date in dates)
    if len(dates) >= 2 and _patterns().range_start.search(folded[: dates[0].start]):
        start, end = _resolved(dates[0], year), _resolved(dates[1], year)
        return Deadline(raw=raw, kind="within", start=start, end=end, valid=valid)
    last = dates[-1]
    end = _resolved(last, year)
    if every is not None:
        return Deadline(raw=raw, kind="recurring", end=end, every=every, valid=valid)
    return Deadline(raw=raw, kind="by", end=end, valid=valid)


def _resolved(date: CalendarMatch, year: int | None) -> dt.date | None:
    if date.year is not None:
        return date.date
    return make_date(year, date.month, date.day)


def _from_period(raw: str, folded: str) -> Deadline | None:
    """A named period: a quarter, a month, a half-year or a whole year."""
    patterns = _patterns()
    quarter = patterns.quarter.search(folded)
    if quarter is not None:
        written = quarter["quarter"]
        number = int(written) if written.isdigit() else roman_value(written.upper())
        return _within(raw, int(quarter["year"]), 3 * number - 2, 3 * number)
    month = patterns.month.search(folded)
    if month is not None:
        number = int(month["month"])
        valid = 1 <= number <= 12
        if not valid:
            return Deadline(raw=raw, kind="within", valid=False)
        return _within(raw, int(month["year"]), number, number)
    years = patterns.years.search(folded)
    if years is not None:
        first, last = int(years["first"]), int(years["last"])
        if first <= last:
            opening, closing = _within(raw, first, 1, 1), _within(raw, last, 12, 12)
            valid = opening.valid and closing.valid
            return Deadline(
                raw=raw, kind="within", start=opening.start, end=closing.end, valid=valid
            )
    year = patterns.year.search(folded)
    if year is None:
        return None
    words = items().deadlines
    if _has(folded, words.ongoing_after_year):
        start = make_date(int(year["year"]), 1, 1)
        return Deadline(raw=raw, kind="continuous", start=start)
    if _has(folded, words.first_half):
        return _within(raw, int(year["year"]), 1, 6)
    if _has(folded, words.second_half):
        return _within(raw, int(year["year"]), 7, 12)
    return _within(raw, int(year["year"]), 1, 12)


def _within(raw: str, year: int, first_month: int, last_month: int) -> Deadline:
    if not 1 <= year <= 9999:
        return Deadline(raw=raw, kind="within", valid=False)
    last_day = month_calendar.monthrange(year, last_month)[1]
    start = make_date(year, first_month, 1)
    end = make_date(year, last_month, last_day)
    return Deadline(raw=raw, kind="within", start=start, end=end)


def _from_words(raw: str, folded: str, every: Every | None) -> Deadline:
    if _has(folded, items().deadlines.continuous):
        return Deadline(raw=raw, kind="continuous")
    if every is not None:
        return Deadline(raw=raw, kind="recurring", every=every)
    return Deadline(raw=raw, kind="unknown")


def _every(folded: str) -> Every | None:
    """The recurrence the words name; the most specific phrase wins."""
    for pattern, period in _every_patterns():
        if pattern.search(folded) is not None:
            return period
    return None


@cache
def _every_patterns() -> list[tuple[re.Pattern[str], Every]]:
    # Folded and compiled once: folding every phrase on every call was most of the
    # time spent reading a deadline.
    return [
        (re.compile(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)"), period)
        for phrase, period in _every_phrases()
    ]


@cache
def _every_phrases() -> list[tuple[str, Every]]:
    pairs = [
        (phrase, period)
        for period, phrases in items().deadlines.every.items()
        for phrase in sort_longest(phrases)
    ]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def _has(folded: str, phrases: list[str]) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", folded) is not None
        for phrase in phrases
    )


@dataclass(frozen=True)
class _Patterns:
    quarter: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    years: re.Pattern[str]
    range_start: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """The period patterns, their words from the vocabulary (deadlines in items.yaml)."""
    words = items().deadlines

    def any_of(phrases: list[str]) -> str:
        return "|".join(re.escape(phrase) for phrase in sort_longest(phrases))

    quarter, month = any_of(words.quarter_words), any_of(words.month_words)
    year, day = any_of(words.year_words), any_of(words.day_words)
    # "quý II/2023", "tháng 6 năm 2023": the number, then a slash, a dash or "năm".
    close = rf"\s*(?:/|-|{year})\s*(?P<year>\d{{4}})"
    return _Patterns(
        quarter=re.compile(rf"(?:{quarter})\s+(?P<quarter>iv|iii|ii|i|[1-4]){close}"),
        month=re.compile(rf"(?:{month})\s+(?P<month>\d{{1,2}}){close}"),
        year=re.compile(rf"(?:{year})\s+(?P<year>\d{{4}})(?!\d)"),
        # "từ năm 2023 đến năm 2025", "năm 2023 - 2025", "giai đoạn 2022 - 2026".
        years=re.compile(
            rf"(?:{any_of(words.years_words)})\s+(?P<first>\d{{4}})\s*"
            rf"(?:-|–|{any_of(words.range_joiners)})\s*"
            rf"(?:(?:{year})\s+)?(?P<last>\d{{4}})(?!\d)"
        ),
        range_start=re.compile(rf"(?<!\w)(?:{any_of(words.range_openings)})\s*(?:(?:{day})\s*)?$"),
    )
