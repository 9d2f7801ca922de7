"""What every reader returns, before repair and parsing."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import Line


@dataclass
class LoadedDocument:
    """The lines a reader got from one file, plus format facts.

    Attributes:
        lines: Numbered from 1; ``text`` equals ``raw`` until repair runs.
        pages: Page count (PDF).
        encoding: Text encoding (text files).
        notes: Vietnamese notes on what the reader skipped or could not do.

    """

    lines: list[Line]
    pages: int | None = None
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
