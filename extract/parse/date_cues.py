"""The words that cue a date, one list for every reading (``data/date_cues.yaml``).

A reading is what the cue makes of the date after it: ``yearless`` (a day and month
without a year is a date, not a fraction), ``by`` (the deadline of a task's sentence) or
``deadline`` (a dated mention states a deadline, a fact the date rules read).
Each reading has its own matching, and the window it looks back over is a parameter of
the data, not of the code.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extract.resources import data_file, load_yaml

Reading = Literal["yearless", "by", "deadline"]
DATA_FILE = data_file("extract.parse", "date_cues.yaml")


class Windows(BaseModel):
    """How far back, in characters, a reading looks for its cue (``by`` needs none)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    yearless: int = Field(ge=1)
    deadline: int = Field(ge=1)


class DateCues(BaseModel):
    """``data/date_cues.yaml``, validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    cues: dict[str, list[Reading]] = Field(
        min_length=1, description="Each cue word with the readings it takes part in."
    )
    windows: Windows

    def words(self, reading: Reading) -> list[str]:
        """The cue words of one reading, in the file's order."""
        return [word for word, readings in self.cues.items() if reading in readings]


@cache
def date_cues() -> DateCues:
    """The cue words, loaded and validated once."""
    return DateCues.model_validate(load_yaml(DATA_FILE))
