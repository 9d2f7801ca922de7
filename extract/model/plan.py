"""The whole plan: its lines, the parsed items and document facts, and the date mentions."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from extract.model.base import SCHEMA_VERSION, Span, StrictModel
from extract.model.items import Section, Target, Task
from extract.model.meta import Meta
from extract.model.source import FontReading, Line, RepairNote, Source


class DateMention(StrictModel):
    """A calendar date found in the text."""

    raw: str
    iso: dt.date | None = Field(default=None, description="None when the date is impossible.")
    valid: bool
    line: int
    span: Span | None = None


class Plan(StrictModel):
    """A whole plan document, as extracted."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    lines: list[Line]
    repairs: list[RepairNote] = Field(default_factory=list)
    font_readings: list[FontReading] = Field(
        default_factory=list,
        description="PDF fonts without a Unicode map whose glyphs were solved, and how well. "
        "Since 1.5.",
    )
    meta: Meta = Field(default_factory=Meta)
    sections: list[Section] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list, description="What extraction could not do, in Vietnamese."
    )

    def line(self, number: int) -> Line:
        """Return the line with this 1-based number."""
        return self.lines[number - 1]

    @property
    def unreadable_fonts(self) -> list[FontReading]:
        """The fonts whose text could not be read reliably (the plan cannot be checked)."""
        return [reading for reading in self.font_readings if not reading.reliable]

    @property
    def text(self) -> str:
        """The repaired text, one line per line."""
        return "\n".join(line.text for line in self.lines)
