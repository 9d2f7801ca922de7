"""A deadline written inside a task's sentence rather than under a label.

Government plans often end a task with its time: "a) Phòng Nội vụ chủ trì ...;
thời gian hoàn thành trong quý II/2023." or "... gửi về Phòng Nội vụ trước ngày
30/4/2023." A task that has no "Thời gian thực hiện:" label takes such a clause.
Only a clause the deadline parser understands counts; "trước" alone ("trước hết",
"trước mắt") names no time and is ignored.
"""

from __future__ import annotations

import re
from functools import cache

from extract.model import Deadline
from extract.parse.date_cues import date_cues
from extract.parse.deadlines import parse_deadline
from extract.parse.vocabulary import items, sort_longest
from extract.text import fold

# A clause ends at a semicolon, a full stop that ends a sentence, or the text's end.
_CLAUSE_END = re.compile(r";|\.(?:\s|$)")


def find_inline_deadline(text: str, year: int | None = None) -> Deadline | None:
    """The first deadline clause inside ``text``, or None.

    Args:
        text: A task's words, joined from its lines.
        year: The year a date without one belongs to, when the plan makes it clear.

    Returns:
        The deadline, its ``raw`` the clause as written (the caller locates it).
    """
    folded = fold(text)
    heads, by_words = _patterns()
    for head in heads.finditer(folded):
        found = _parse_clause(text, head.end(), year)
        if found is not None:
            return found
    for by_word in by_words.finditer(folded):
        if _date_ahead().match(folded, by_word.end()):
            found = _parse_clause(text, by_word.start(), year)
            if found is not None:
                return found
    return None


def _parse_clause(text: str, start: int, year: int | None) -> Deadline | None:
    end = _CLAUSE_END.search(text, start)
    clause = text[start : end.start() if end is not None else len(text)].strip(" :,")
    if not clause or not _time_opening().match(fold(clause)):
        return None  # "hoàn thành xuất sắc nhiệm vụ năm 2023": a year, but no deadline
    deadline = parse_deadline(clause, year)
    return deadline if deadline.kind != "unknown" else None


@cache
def _time_opening() -> re.Pattern[str]:
    """How a time clause opens: a digit ("30/6/2023") or a word of the vocabulary."""
    words = "|".join(re.escape(word) for word in sort_longest(items().deadlines.time_openings))
    return re.compile(rf"\d|(?:{words})(?!\w)")


@cache
def _date_ahead() -> re.Pattern[str]:
    """A by-word right before a date: "trước ngày 30/4/2023", "chậm nhất 15/12 hằng năm"."""
    days = "|".join(re.escape(word) for word in sort_longest(items().deadlines.day_words))
    return re.compile(rf"\s*(?:(?:{days})\s*)?\d{{1,2}}\s*[/-]\s*\d{{1,2}}")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    labels = items().labels
    heads = "|".join(re.escape(fold(word)) for word in sort_longest(labels.deadline_heads))
    by_words = "|".join(re.escape(fold(word)) for word in sort_longest(date_cues().words("by")))
    return (
        re.compile(rf"(?<!\w)(?:{heads})(?!\w)\s*:?\s*"),
        re.compile(rf"(?<!\w)(?:{by_words})(?!\w)"),
    )
