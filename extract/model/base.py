"""What every model shares: strictness, the schema version and the span of an item."""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field

# Field names are part of the JSON contract of ``plancheck extract --format json``;
# bump this (and CHANGELOG.md) whenever one changes.
SCHEMA_VERSION = "1.8"


class StrictModel(BaseModel):
    """Base for every model here: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")

    def replaced(self, **changes: Any) -> Self:
        """What ``model_copy(update=changes)`` gives, built without its general machinery.

        A shallow copy: fields are shared with this model, ``changes`` are set without
        validation and counted among the fields set. model_copy also copies extra fields
        and private attributes, which these models do not have (``extra="forbid"``; a
        model with private attributes goes to model_copy). Extraction copies its items
        about 600 times a plan, and model_copy was 40% of filling in their facts (issue 18).
        """
        if self.__pydantic_private__ is not None:
            return self.model_copy(update=changes)
        copied = type(self).__new__(type(self))
        object.__setattr__(copied, "__dict__", {**self.__dict__, **changes})
        object.__setattr__(copied, "__pydantic_extra__", None)
        fields_set = self.__pydantic_fields_set__ | changes.keys()
        object.__setattr__(copied, "__pydantic_fields_set__", fields_set)
        object.__setattr__(copied, "__pydantic_private__", None)
        return copied


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
