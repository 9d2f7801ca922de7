"""Things as the document prints them, blanks included: header number and date, dates, markers.

The rules judge the document's form ("Số:     /KH-UBND" left blank, "ngày   tháng 3
năm 2023", a list running (1), (2), (4)), so the model keeps what was printed,
not only what could be read from it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from extract.model.base import Span, StrictModel

DatePart = Literal["ngày", "tháng", "năm"]
MarkerKind = Literal["number", "letter", "roman", "arabic"]


class PrintedNumber(StrictModel):
    """The header line that carries the number and symbol ('Số: 25/KH-UBND', 'Số 48-KH/ĐU')."""

    raw: str = Field(description="The number column as printed: 'Số:     /KH-UBND'.")
    blank: bool = Field(
        description="True when no number is written before the symbol (a number set on the "
        "line under an empty 'Số:' counts as written)."
    )
    span: Span = Field(description="Where the number column starts and ends on its line.")


class PrintedDate(StrictModel):
    """A place-and-date line ('Quảng Ngãi, ngày 12 tháng 12 năm 2022'), parts possibly blank."""

    raw: str = Field(description="The date as printed: 'Hồng Lĩnh, ngày    tháng 02 năm 2023'.")
    day: int | None = Field(default=None, description="None when the day is left blank.")
    month: int | None = Field(default=None, description="None when the month is left blank.")
    year: int | None = Field(default=None, description="None when the year is left blank.")
    span: Span | None = Field(
        default=None, description="Where it is printed; None when its line is not known."
    )

    @property
    def missing_parts(self) -> list[DatePart]:
        """Vietnamese names of the parts left blank ('ngày', 'tháng', 'năm')."""
        parts: tuple[tuple[DatePart, int | None], ...] = (
            ("ngày", self.day),
            ("tháng", self.month),
            ("năm", self.year),
        )
        return [name for name, value in parts if value is None]

    @property
    def date(self) -> dt.date | None:
        """The date when every part is written and the day exists."""
        if self.day is None or self.month is None or self.year is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


class DateMention(StrictModel):
    """A calendar date found in the text."""

    raw: str
    iso: dt.date | None = Field(default=None, description="None when the date is impossible.")
    valid: bool
    line: int
    span: Span | None = None
    day: int | None = Field(default=None, description="The day as written. Since 1.6.")
    month: int | None = Field(default=None, description="The month as written. Since 1.6.")
    year: int | None = Field(
        default=None,
        description="The year written in the date itself ('31/4/2023'); None for '31/4', even "
        "when ``iso`` takes a year from the words around it. Since 1.6.",
    )
    deadline_cue: bool = Field(
        default=False,
        description="True when a deadline word ('trước', 'chậm nhất', 'thời gian hoàn thành') "
        "stands just before the date. Since 1.6.",
    )


class ListMarker(StrictModel):
    """A list label printed at the start of a line: '(4)', 'đ)', 'III', '2.1'."""

    kind: MarkerKind = Field(
        description="'number' for '(4)', 'letter' for 'đ)', 'roman' for 'III.', 'arabic' for "
        "'2.1.' (the label's trailing punctuation is not part of ``shown``)."
    )
    shown: str = Field(description="The label as printed: '(4)', 'đ)', 'III', '2.1'.")
    value: int | None = Field(
        default=None,
        description="Its number: 4 for '(4)' and 'IV', 1 for '2.1'; None for a letter.",
    )
    bullet: str = Field(
        default="", description="What stands before it on the line ('- ', '+ ', '* ')."
    )
    follows: str = Field(
        description="The character printed right after the label ('' at the line's end), "
        "so that '(3) Tỷ lệ' and '3.' are told from '(3)x' and '3,5'."
    )
    span: Span
