"""Tables of targets told by their columns and rows, whatever their text column's header says.

A table whose text column is headed "Tên chỉ tiêu" or "Mục tiêu" lists targets
(``table_columns.target_content``). Many plans set their levels in a table headed
otherwise ("Nội dung", "Tiêu chí", a bilingual header, a word never met): such a table is
one of targets by what its columns hold. A column holds levels to reach when it is a
column of figures (``tables.column_kind`` "value") that looks forward:

- headed without a year, by words of the figure set ("Chỉ tiêu cụ thể", ``table_columns.value``);
- headed by a year from the plan's own on, when the plan's year is known;
- else headed by a year later than every column of results in the table ("Thực hiện
  2020" | "Năm 2025"), or by a word that looks forward ("Đến năm 2025", "KH 2024",
  ``table_columns.forward``).

Columns of money ("Kinh phí năm 2025", ``table_columns.money``) set no level. The table is one
of targets when at least one column holds levels, no column holds deadlines, its text column
does not name tasks ("Nhiệm vụ", ``table_columns.task_content``), and at least two rows, half
of those with text and another cell written (no group row), give a figure in a column of
levels. A table of results only ("Thực hiện 2019", "Ước TH 2023", "Hiện trạng") has no column
of levels and is none.

A header may name its text column in words never met ("Chỉ số", "Name of Indicators"): when
no column is named as text and one is named as figures, the text column is told by its
place (:func:`unnamed_text_column`), and such a table is read only when it sets levels.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from extract.parse.vocabulary import items
from extract.text import normalise

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A header cell is a few words; a longer cell is text, not a column's name (as in tables.py).
HEADER_WORDS = 8
# Rows that give a level: at least this many, and at least this share of the rows with text.
MINIMUM_ROWS = 2
MINIMUM_SHARE = 0.5


def sets_levels(
    headers: Mapping[int, str],
    kinds: Mapping[int, str],
    rows: list[dict[int, str]],
    year: int | None,
) -> bool:
    """Whether a table of items lists targets by its columns and rows.

    Args:
        headers: Each column's header text.
        kinds: What each known column holds (``tables.column_kind``): one is "content".
        rows: The cell texts of each row under the header, by column.
        year: The plan's own year, when known.
    """
    if "deadline" in kinds.values():
        return False  # a table of tasks and their deadlines
    content = next(column for column, kind in kinds.items() if kind == "content")
    if _opens_on(normalise(headers.get(content, "")), items().table_columns.task_content):
        return False
    levels = level_columns(headers, kinds, year)
    if not levels:
        return False
    # Rows with text and something beside it: a group row ("I | Hạ tầng số | | |") is none.
    written = [
        row
        for row in rows
        if any(char.isalpha() for char in row.get(content, ""))
        and any(
            text.strip()
            for column, text in row.items()
            if kinds.get(column) != "number" and column != content
        )
    ]
    levelled = sum(
        1 for row in written if any(_has_figure(row.get(column, "")) for column in levels)
    )
    return levelled >= MINIMUM_ROWS and levelled >= MINIMUM_SHARE * len(written)


def unnamed_text_column(headers: Mapping[int, str], kinds: Mapping[int, str]) -> int | None:
    """The text column of a header that names none, told by its place; None if unclear.

    It is the first column, or the first after the number column, when its header is a few
    words the reader does not know and it stands before every column of figures ("STT |
    Chỉ số | ĐVT | Năm 2025", "Name of Indicators | Thực hiện 2019 | Mục tiêu đến năm
    2025"). A header naming a text column already, or no column of figures, has none.

    Args:
        headers: Each column's header text, by column.
        kinds: What each known column holds (``tables.column_kind``).
    """
    figures = [column for column, kind in kinds.items() if kind == "value"]
    if "content" in kinds.values() or not figures:
        return None
    for column in sorted(headers):
        if column >= min(figures):
            return None
        if kinds.get(column) == "number":
            continue
        words = headers[column].split()
        if kinds.get(column) is None and 0 < len(words) <= HEADER_WORDS:
            return column if any(char.isalpha() for char in headers[column]) else None
        return None
    return None


def level_columns(
    headers: Mapping[int, str], kinds: Mapping[int, str], year: int | None
) -> list[int]:
    """The columns of figures that hold levels to reach (see the module's docstring)."""
    words = items().table_columns
    results = [
        int(found)
        for text in headers.values()
        if _opens_on(normalise(text), words.baseline)
        for found in _YEAR.findall(text)
    ]
    found = []
    for column, kind in kinds.items():
        folded = normalise(headers.get(column, ""))
        if kind != "value" or _has_any(folded, words.money):
            continue
        years = [int(written) for written in _YEAR.findall(folded)]
        if not years:
            found.append(column)  # "Chỉ tiêu cụ thể": the figure set
        elif year is not None:
            if max(years) >= year:
                found.append(column)
        elif _has_any(folded, words.forward) or (results and max(years) > max(results)):
            found.append(column)
    return found


def _has_figure(text: str) -> bool:
    return any(char.isdigit() for char in text)


def _opens_on(folded: str, phrases: list[str]) -> bool:
    folded = folded.strip(" .:")
    return any(
        folded == phrase or folded.startswith(f"{phrase} ") for phrase in map(normalise, phrases)
    )


def _has_any(folded: str, phrases: list[str]) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(normalise(phrase))}(?!\w)", folded) is not None
        for phrase in phrases
    )
