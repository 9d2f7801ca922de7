"""The whole plan: its lines, the parsed items and document facts, and the date mentions."""

from __future__ import annotations

from pydantic import Field

from extract.model.base import SCHEMA_VERSION, StrictModel
from extract.model.items import Deadline, Section, Target, Task
from extract.model.meta import Meta
from extract.model.printed import DateMention, ListMarker
from extract.model.source import FontReading, Line, RepairNote, Source


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
    labelled_deadlines: list[Deadline] = Field(
        default_factory=list,
        description="Deadlines stated on a labelled line ('- Thời gian hoàn thành: trong quý "
        "IV/2022'), read from the words after the label, whether or not an item owns the "
        "line; the span starts at those words. Since 1.6.",
    )
    markers: list[ListMarker] = Field(
        default_factory=list,
        description="List labels as printed at line starts ('(4)', 'đ)', 'III', '2.1'), in "
        "line order, read or not into a section or target. Since 1.6.",
    )
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
