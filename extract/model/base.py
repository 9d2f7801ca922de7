"""What every model shares: strictness, the schema version and the span of an item."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

# Field names are part of the JSON contract of ``plancheck extract --format json``;
# bump this (and CHANGELOG.md) whenever one changes.
SCHEMA_VERSION = "1.8"


class StrictModel(BaseModel):
    """Base for every model here: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")


class Span(StrictModel):
    """Where an item sits: a line and a character range in that line's ``text``."""

    line: int = Field(description="1-based line number of the first line.")
    start: int = Field(default=0, description="Start offset in the first line's text.")
    end_line: int | None = Field(
        default=None, description="Last line when the item runs over several lines."
    )
    end: int | None = Field(
        default=None, description="End offset in the last line's text (exclusive)."
    )
