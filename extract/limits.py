"""Limits on what a reader accepts, configurable by environment variables.

The amount of text is bounded as well as the file size: a .docx of half a
megabyte can inflate to tens of megabytes of XML, and a few megabytes of text
make tens of thousands of lines, each of which every stage after the reader
walks. The defaults leave room for real plans: a long plan runs to about 100
pages, some 6,000 lines and 300,000 characters. Measured at the limits (one
core, whole check): 10,000 lines of text 4.6 s CPU and 121 MB; a .docx of
16 MB of XML 3.2 s and 290 MB; 200 pages of PDF 22 s and 192 MB, most of it
pdfplumber reading each character; a scan of 15 pages (the scan page limit)
18.8 s and 256 MB.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.errors import PlanInputError
from extract.model import Line

# A PDF glyph without a Unicode mapping arrives as "(cid:NN)": one printed character,
# solved as one by the cid step. Counted as the eight characters of its placeholder, a
# 100-page plan in such a font (about 75,000 glyphs) passed the character limit.
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")

# The environment variable that raises or lowers each limit, by field name.
ENVIRONMENT = {
    "max_bytes": "PLANCHECK_MAX_BYTES",
    "max_pages": "PLANCHECK_MAX_PAGES",
    "max_lines": "PLANCHECK_MAX_LINES",
    "max_chars": "PLANCHECK_MAX_CHARS",
    "max_line_chars": "PLANCHECK_MAX_LINE_CHARS",
    "max_docx_xml": "PLANCHECK_MAX_DOCX_XML",
    "max_scan_pages": "PLANCHECK_MAX_SCAN_PAGES",
    "max_scan_seconds": "PLANCHECK_MAX_SCAN_SECONDS",
}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.isdigit() else default


@dataclass(frozen=True)
class Limits:
    """Upper bounds that protect the machine from hostile or runaway files."""

    max_bytes: int = 50 * 1024 * 1024
    # 0.09 s a page in pdfplumber: 200 pages (twice a long plan) read in about 18 s.
    max_pages: int = 200
    max_lines: int = 10_000
    max_chars: int = 600_000
    # A line parsing sees, after layout restoring: a docx paragraph, a text line, or a
    # part of a pasted one-line plan. 20,000 characters is some six pages in one line.
    max_line_chars: int = 20_000
    # The XML parts of a .docx, inflated; a 100-page plan's document.xml is a few MB.
    max_docx_xml: int = 16 * 1024 * 1024
    max_docx_uncompressed: int = 200 * 1024 * 1024
    max_docx_ratio: int = 100
    # A member must inflate past this size before its ratio counts: a small part
    # that compresses well (repetitive XML) threatens nothing.
    docx_ratio_floor: int = 1024 * 1024
    max_docx_entries: int = 10_000
    # An A4 page scanned at 600 dpi is 35 million pixels; a header claiming more
    # than this is refused before a pixel is decoded (an image bomb).
    max_image_pixels: int = 80_000_000
    # OCR costs about a second of processor time per A4 page of a plan (Tesseract,
    # one core), against 0.1 s for a typed page: a scanned file is bounded by pages
    # read and by the processor time their reading took, so that the whole check
    # stays within 30 s on one core. A dense page (small type, 5,000 words) takes
    # Tesseract 15 s alone, the last 9 of which it cannot be interrupted in: the
    # time limit leaves room for that and for the rest of the check.
    max_scan_pages: int = 15
    max_scan_seconds: int = 15

    @classmethod
    def from_env(cls) -> Limits:
        """Read the PLANCHECK_MAX_* variables of ``ENVIRONMENT``, else the defaults."""
        defaults = cls()
        return cls(
            **{
                name: _env_int(variable, getattr(defaults, name))
                for name, variable in ENVIRONMENT.items()
            }
        )

    def refuse(self, path: Path, what: str, found: int, name: str) -> PlanInputError:
        """The error for ``found`` over the limit ``name``, naming the variable that sets it."""
        limit = getattr(self, name)
        detail = f"{what} {found} > {limit}; {ENVIRONMENT.get(name, name)}"
        return PlanInputError(path, "over-limit", detail)


class TextBudget:
    """Counts lines and characters as a reader produces them; refuses past the limits.

    Readers call ``add`` per line, so a file over the limits is refused before
    the rest of it is read, and before repair and parsing see any of it. The length
    of one line is not bounded here but after layout restoring (:func:`check_lines`):
    a plan pasted onto one line is cut into its lines first, and only a line that
    stays too long is refused. A line as the file gave it is bounded by the
    document's characters.
    """

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.lines = 0
        self.chars = 0

    def add(self, text: str) -> None:
        """Count one line.

        Raises:
            PlanInputError: ``over-limit`` when a limit is passed.
        """
        self.lines += 1
        self.chars += printed_length(text)
        if self.lines > self.limits.max_lines:
            raise self.limits.refuse(self.path, "số dòng / lines", self.lines, "max_lines")
        if self.chars > self.limits.max_chars:
            raise self.limits.refuse(self.path, "số ký tự / characters", self.chars, "max_chars")

    def add_all(self, texts: Iterable[str]) -> None:
        """Count every line of ``texts``."""
        for text in texts:
            self.add(text)


def printed_length(text: str) -> int:
    """The characters ``text`` prints: an unmapped glyph "(cid:NN)" is one."""
    return len(_UNMAPPED_GLYPH.sub("?", text)) if "(cid:" in text else len(text)


def check_lines(path: Path, lines: Sequence[Line], limits: Limits) -> None:
    """Refuse lines that later stages must not walk: too many, or one too long.

    Run on the lines parsing will see (after layout restoring, :mod:`extract.layout`).
    A line that is too long is named where the user's file has it: its line (or the
    plan's line, for a format without source lines) and, for a restored line, its column.

    Raises:
        PlanInputError: ``over-limit`` when a limit is passed.
    """
    if len(lines) > limits.max_lines:
        raise limits.refuse(path, "số dòng / lines", len(lines), "max_lines")
    for line in lines:
        printed = printed_length(line.raw)
        if printed > limits.max_line_chars:
            number = line.source_line if line.source_line is not None else line.number
            where = f"dòng {number} / line {number}"
            if line.source_column is not None:
                where += f", cột {line.source_column + 1} / column {line.source_column + 1}"
            raise limits.refuse(path, f"{where}: ký tự / characters", printed, "max_line_chars")
