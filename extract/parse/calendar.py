"""Calendar dates as Vietnamese documents write them, shared by every parser.

Two spellings cover the documents: numeric ("10/10/2022", "31/3", "31/12/22",
"10-6-2023") and worded ("ngày 12 tháng 12 năm 2022"). A date that does not
exist ("30/02/2023") is found and reported as impossible, never raised.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Day and month of one or two digits; the year optional (implied by context),
# two or four digits. Not preceded or followed by a digit or a slash, so that
# "48-KH/ĐU" or "2022/2023" are not read as dates.
NUMERIC_DATE = re.compile(
    r"(?<![\d/.])(?P<day>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<month>\d{1,2})"
    r"(?:\s?(?P=sep)\s?(?P<year>\d{4}|\d{2}))?(?![\d/]|\.\d)"
)
WORDED_DATE = re.compile(
    r"ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})(?:\s+năm\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CalendarMatch:
    """A date as written: where it is, its parts, and the date if it exists."""

    raw: str
    start: int
    end: int
    day: int
    month: int
    year: int | None

    @property
    def date(self) -> dt.date | None:
        """The calendar date, or None when the year is unknown or the date impossible."""
        return make_date(self.year, self.month, self.day) if self.year else None

    @property
    def valid(self) -> bool:
        """False only for a date that cannot exist (29/02 in a year that is not leap)."""
        return make_date(self.year or 2024, self.month, self.day) is not None


def make_date(year: int | None, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist in the calendar."""
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def full_year(written: str) -> int:
    """Four-digit year from what was written: '22' is 2022 (documents are recent)."""
    year = int(written)
    return year + 2000 if len(written) <= 2 else year


def find_dates(text: str, require_year: bool = False) -> Iterator[CalendarMatch]:
    """Every date written in ``text``, worded ones first in position order.

    Args:
        text: One line or a joined block of lines.
        require_year: Skip day/month pairs without a year ("31/3").

    Yields:
        One match per date, in order of position.
    """
    found: list[CalendarMatch] = []
    taken: list[range] = []
    for pattern in (WORDED_DATE, NUMERIC_DATE):
        for match in pattern.finditer(text):
            if any(match.start() in span for span in taken):
                continue
            year = match.group("year")
            if require_year and not year:
                continue
            if pattern is NUMERIC_DATE and not year and match.group("sep") != "/":
                continue  # "6-7" or "3.4" without a year is a range or a label, not a date
            day, month = int(match.group("day")), int(match.group("month"))
            if not (1 <= month <= 12 or year):
                continue  # "1/13" without a year is not a date at all; with a year, invalid
            if year and len(year) == 2 and (day > 31 or month > 12):
                continue  # "90-90-90", UNAIDS's target: no day or month a clerk would mistype
            taken.append(range(match.start(), match.end()))
            found.append(
                CalendarMatch(
                    raw=match.group(0),
                    start=match.start(),
                    end=match.end(),
                    day=day,
                    month=month,
                    year=full_year(year) if year else None,
                )
            )
    yield from sorted(found, key=lambda item: item.start)
