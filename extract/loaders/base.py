"""What every reader returns, before repair and parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Line

# A running header or footer that is only a page number, as Vietnamese documents
# print them: "2", "- 2 -", "Trang 2", "2/7", "Page 2 of 7". Typed and scanned
# pages alike.
PAGE_NUMBER = re.compile(
    r"^(?:trang|page)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:/|of|trên)\s*\d{1,4})?$",
    re.IGNORECASE,
)
# A page-number line set apart from the body by more than this many body line
# pitches is a running header or footer.
RUNNING_GAP_PITCHES = 1.5


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
