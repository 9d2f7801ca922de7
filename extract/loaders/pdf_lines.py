"""Printed lines from a PDF page's glyphs: grouping, spaces, fonts, running page numbers.

The glyphs are pdfplumber's char records (``text``, ``x0``, ``x1``, ``top``,
``bottom``, ``size``, ``fontname``), from pdfplumber itself or rebuilt from pdfium
(``pdf_pdfium.py``); both go through the same code here.
"""

from __future__ import annotations

from itertools import pairwise
from statistics import median
from typing import Any

from extract.loaders.base import PAGE_NUMBER as _PAGE_NUMBER
from extract.loaders.base import RUNNING_GAP_PITCHES as _RUNNING_GAP_PITCHES
from extract.model import FontRun

# Characters whose tops differ by less than this share a line (points).
_SAME_LINE_TOLERANCE = 2.5
# A gap wider than this fraction of the font size between two glyphs is a space
# the PDF did not write as a character (many PDFs position words instead).
_SPACE_GAP_RATIO = 0.25
# The same glyph drawn again within this distance (points) is one letter printed
# twice for a bold or shadow effect, not a doubled letter.
_OVERPRINT_TOLERANCE = 1.0


class _PageLine:
    """The characters of one printed line, left to right, and where it sits."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = sorted(chars, key=lambda char: char["x0"])
        self.top = min(char["top"] for char in chars)
        self.bottom = max(char["bottom"] for char in chars)

    def text_and_fonts(self) -> tuple[str, list[FontRun]]:
        """Join the glyphs, adding a space where the PDF left only a gap."""
        pieces: list[tuple[str, str]] = []
        previous: dict[str, Any] | None = None
        for char in self.chars:
            if previous is not None and _is_overprint(previous, char):
                continue
            if previous is not None and _needs_space(previous, char):
                pieces.append((" ", ""))
            pieces.append((char["text"], char.get("fontname") or ""))
            previous = char
        while pieces and not pieces[0][0].strip():
            pieces.pop(0)
        while pieces and not pieces[-1][0].strip():
            pieces.pop()
        return _join_with_fonts(pieces)


def page_lines(chars: list[dict[str, Any]]) -> list[_PageLine]:
    """Group a page's characters into lines, top to bottom."""
    lines: list[_PageLine] = []
    current: list[dict[str, Any]] = []
    current_top = 0.0
    for char in sorted(chars, key=lambda char: (round(char["top"], 1), char["x0"])):
        if current and abs(char["top"] - current_top) > _SAME_LINE_TOLERANCE:
            lines.append(_PageLine(current))
            current = []
        if not current:
            current_top = char["top"]
        current.append(char)
    if current:
        lines.append(_PageLine(current))
    return lines


def _is_overprint(previous: dict[str, Any], char: dict[str, Any]) -> bool:
    """Tell a glyph printed again over itself (fake bold, shadow) from a real letter."""
    return (
        char["text"] == previous["text"]
        and abs(char["x0"] - previous["x0"]) < _OVERPRINT_TOLERANCE
        and abs(char["top"] - previous["top"]) < _OVERPRINT_TOLERANCE
    )


def _needs_space(previous: dict[str, Any], char: dict[str, Any]) -> bool:
    if not previous["text"].strip() or not char["text"].strip():
        return False
    gap = char["x0"] - previous["x1"]
    return gap > _SPACE_GAP_RATIO * max(previous.get("size") or 0.0, 1.0)


def _join_with_fonts(pieces: list[tuple[str, str]]) -> tuple[str, list[FontRun]]:
    """Concatenate pieces; merge consecutive pieces of one font into one run.

    An inserted space (font "") continues the run around it, so a word gap does
    not split a run of one font in two. Runs grow as plain lists and become models at
    the end, not a pydantic model's attribute set once per glyph (issue 18).
    """
    text_parts: list[str] = []
    runs: list[list[Any]] = []  # [start, end, font]
    offset = 0
    for text, font in pieces:
        end = offset + len(text)
        if font:
            if runs and runs[-1][2] == font and runs[-1][1] >= offset - 1:
                runs[-1][1] = end
            else:
                runs.append([offset, end, font])
        text_parts.append(text)
        offset = end
    return "".join(text_parts), [
        FontRun(start=start, end=end, font=font) for start, end, font in runs
    ]


def cell_lines(chars: list[dict[str, Any]]) -> list[tuple[str, list[FontRun]]]:
    """A table cell's glyphs as printed lines with fonts."""
    return [line.text_and_fonts() for line in page_lines(chars)]


def drop_running_numbers(
    lines: list[_PageLine],
) -> list[tuple[float, str, list[FontRun]]]:
    """Return the page's lines (top, text, fonts) without page-number headers and footers."""
    rendered = [line.text_and_fonts() for line in lines]
    keep = [bool(text.strip()) for text, _ in rendered]
    if len(lines) >= 2:
        pitch = _body_pitch(lines)
        if _is_running_number(rendered[0][0], lines[1].top - lines[0].top, pitch):
            keep[0] = False
        if _is_running_number(rendered[-1][0], lines[-1].top - lines[-2].top, pitch):
            keep[-1] = False
    return [
        (line.top, text, fonts)
        for line, (text, fonts), kept in zip(lines, rendered, keep, strict=True)
        if kept
    ]


def _body_pitch(lines: list[_PageLine]) -> float:
    """Return the usual distance between consecutive line tops on the page."""
    gaps = [below.top - above.top for above, below in pairwise(lines)]
    if len(gaps) >= 3:
        return median(gaps)
    # Too few lines to know the body's pitch: use the glyph height instead.
    return min(line.bottom - line.top for line in lines) * 1.2


def _is_running_number(text: str, gap: float, pitch: float) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip())) and gap > _RUNNING_GAP_PITCHES * pitch
