"""Every calendar date written in a plan, with its line, as :class:`DateMention`.

The spellings come from :mod:`extract.parse.calendar`. A day and month without a
year ("trước ngày 10/6") gets a year only where the text makes it clear: a year
written right after it ("31/3 năm 2023", "31/3/2023" split by a line break), or
the plan's own year when it covers one year ("Kế hoạch ... năm 2023"). Without
a year it is kept with ``iso`` None. A yearless day/month counts as a date only
after a word that introduces one ("trước 31/3", "ngày 10/6"), so that a
fraction ("1/2 số hộ") is not read as the first of February.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.model import DateMention, Line, Period, Span
from extract.parse.calendar import CalendarMatch, find_dates, full_year, make_date
from extract.parse.date_cues import date_cues
from extract.parse.meta_vocabulary import meta_vocabulary, words_pattern
from extract.text import search_form

_YEAR_AFTER = re.compile(r"^\s*(?:năm\s+|/\s?)(?P<year>\d{4})(?!\d)")


def find_date_mentions(lines: Iterable[Line], period: Period | None = None) -> list[DateMention]:
    """Every date in ``lines`` in reading order.

    Args:
        lines: The plan's lines (repaired text is read).
        period: The plan's period; a one-year period gives yearless dates their year.

    Returns:
        One mention per date; impossible dates have ``valid`` False and ``iso`` None.
    """
    plan_year = period.start if period is not None and period.start == period.end else None
    ordered = list(lines)
    mentions: list[DateMention] = []
    for line, following in zip(ordered, _next_texts(ordered), strict=True):
        for calendar in find_dates(line.text):
            worded = search_form(calendar.raw).startswith("ngày")
            if calendar.year is None and not worded and not _is_yearless_date(line.text, calendar):
                continue
            mentions.append(_mention(line, calendar, following, plan_year))
    return mentions


def _next_texts(lines: list[Line]) -> list[str]:
    """For each line, the text of the next line that is not blank ('' at the end).

    One pass from the end: looking ahead from every line would make a long plan
    quadratic.
    """
    following: list[str] = []
    upcoming = ""
    for line in reversed(lines):
        following.append(upcoming)
        if line.text.strip():
            upcoming = line.text
    following.reverse()
    return following


def _mention(
    line: Line, calendar: CalendarMatch, following: str, plan_year: int | None
) -> DateMention:
    year = calendar.year
    if year is None:
        after = line.text[calendar.end :]
        written = _YEAR_AFTER.match(after if after.strip() else following)
        year = full_year(written.group("year")) if written is not None else plan_year
    iso = make_date(year, calendar.month, calendar.day) if year is not None else None
    return DateMention(
        raw=calendar.raw,
        iso=iso,
        valid=calendar.valid if year is None else iso is not None,
        line=line.number,
        span=Span(line=line.number, start=calendar.start, end=calendar.end),
    )


def _is_yearless_date(text: str, calendar: CalendarMatch) -> bool:
    """A day/month after a cue word ("trước 31/3"), not a fraction ("đến 1/3 số hộ")."""
    if not _has_cue(text[: calendar.start]):
        return False
    followers = words_pattern(meta_vocabulary().fraction_followers)
    return re.match(rf"\s+(?:{followers})(?!\w)", search_form(text[calendar.end :])) is None


def _has_cue(before: str) -> bool:
    """Whether a word introducing a date stands just before a yearless one."""
    cues = date_cues()
    window = search_form(before[-cues.windows.yearless :])
    pattern = words_pattern(cues.words("yearless"))
    return re.search(rf"(?:^|\W)(?:{pattern})\W*$", window) is not None
