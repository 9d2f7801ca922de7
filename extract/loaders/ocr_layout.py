"""Printed lines rebuilt from Tesseract's word boxes, in the shape the PDF reader gives.

Tesseract reads a two-column header as two blocks, the issuer's lines and then
the motto's. The header parser (``extract.parse.header``) expects what a
typed PDF gives instead: one line per printed row, the columns apart by a wide
gap. So words are regrouped into rows by their height on the straightened page
(Tesseract's skew angle applied to the boxes), ordered left to right, and a
gap wider than ``_COLUMN_GAP`` word heights is written as three spaces, which
the header and table parsers read as a column break. A table row comes out as
one line, its cells apart by that gap.

As in the PDF reader, a first or last row that is only a page number and
stands apart from the body is a running header or footer and is dropped; a row
with no letter or digit (specks, rules, the ink of a stamp) is not text.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from extract.loaders.base import PAGE_NUMBER, RUNNING_GAP_PITCHES
from extract.loaders.ocr_engine import PageReading, Word
from extract.model import OcrLine, OcrWord

# Two words whose straightened centres differ by less than this share of the
# smaller word height sit on one printed row.
_SAME_ROW = 0.5
# A horizontal gap wider than this many word heights separates two columns.
_COLUMN_GAP = 2.0
COLUMN_SEPARATOR = "   "
# A block of Tesseract's with this many lines is running text, not a header or table cell.
_COLUMN_LINES = 8
# A word with no letter or digit wider than this many text heights is a printed rule.
_RULE_HEIGHTS = 3.0


@dataclass
class _Row:
    """Words on one printed row: one or more of Tesseract's lines side by side."""

    words: list[Word] = field(default_factory=list)
    upper: float = 0.0  # straightened top and bottom of the row
    lower: float = 0.0
    blocks: set[int] = field(default_factory=set)  # Tesseract's blocks its lines come from

    @property
    def height(self) -> float:
        return self.lower - self.upper

    @property
    def top(self) -> int:
        return min(word.top for word in self.words)

    @property
    def centre(self) -> float:
        return (self.upper + self.lower) / 2


@dataclass
class ReadLine:
    """One rebuilt line: its text, where it sits, and each word's place in the text."""

    text: str
    ocr: OcrLine
    top: float = 0.0


def page_lines(reading: PageReading) -> list[ReadLine]:
    """The printed lines of one OCR'd page, top to bottom, without running page numbers."""
    rows = [row for row in _rows(reading) if _has_text(row)]
    lines = [_line(row, reading) for row in rows]
    if len(rows) >= 2:
        centres = [row.centre for row in rows]
        pitch = _pitch(centres, rows)
        if _is_running_number(lines[0].text, centres[1] - centres[0], pitch):
            lines = lines[1:]
            centres = centres[1:]
        if (
            lines
            and len(centres) >= 2
            and _is_running_number(lines[-1].text, centres[-1] - centres[-2], pitch)
        ):
            lines = lines[:-1]
    return lines


def _rows(reading: PageReading) -> list[_Row]:
    """Tesseract's lines, straightened, merged into rows where they share their height.

    Tesseract's own lines are kept whole: within a column they are reliable,
    while single words vary too much in height (accents, descenders) to be
    grouped one by one. A line of running text (a block of ``_COLUMN_LINES``
    lines or more) is joined with no other block's line: two columns of body
    text are read one after the other (``_reading_order``), not across.
    """
    slope = math.tan(reading.skew)
    units: dict[tuple[int, int, int], list[Word]] = {}
    for word in _without_rules(reading.words):
        units.setdefault((word.block, word.paragraph, word.line), []).append(word)
    sizes = Counter(block for block, _, _ in units)
    running = {block for block, size in sizes.items() if size >= _COLUMN_LINES}
    placed = []
    for (block, _, _), words in units.items():
        shift = median((word.left + word.right) / 2 for word in words) * slope
        upper = median(w.top for w in words) - shift
        placed.append((upper, median(w.bottom for w in words) - shift, words, block))
    placed.sort(key=lambda unit: (unit[0] + unit[1]) / 2)
    rows: list[_Row] = []
    for upper, lower, words, block in placed:
        row = next(
            (
                row
                for row in reversed(rows[-4:])
                if _may_join(row, block, running) and _shares_height(row, upper, lower, words)
            ),
            None,
        )
        if row is None:
            rows.append(_Row(list(words), upper, lower, {block}))
        else:
            row.words.extend(words)
            row.blocks.add(block)
    return _reading_order(rows, running)


def _may_join(row: _Row, block: int, running: set[int]) -> bool:
    """Lines of two blocks share a row unless one of them is running text."""
    return row.blocks == {block} or not (running & (row.blocks | {block}))


def _reading_order(rows: list[_Row], running: set[int]) -> list[_Row]:
    """Top to bottom, but columns of running text side by side one after the other.

    Each running block's rows are placed at the top of its group of blocks
    side by side, then by the block's left edge, then by height.
    """
    boxes: dict[int, list[float]] = {}  # block: [top, bottom, left, right]
    for row in rows:
        block = next(iter(row.blocks))
        if row.blocks == {block} and block in running:
            left = min(word.left for word in row.words)
            right = max(word.right for word in row.words)
            box = boxes.setdefault(block, [row.upper, row.lower, left, right])
            box[:] = [min(box[0], row.upper), max(box[1], row.lower),
                      min(box[2], left), max(box[3], right)]
    group_top = {block: box[0] for block, box in boxes.items()}
    for block, box in boxes.items():
        for other, beside in boxes.items():
            if other != block and _side_by_side(box, beside):
                group_top[block] = min(group_top[block], beside[0])

    def key(row: _Row) -> tuple[float, float, float]:
        block = next(iter(row.blocks))
        if row.blocks == {block} and block in boxes:
            return (group_top[block], boxes[block][2], row.centre)
        return (row.centre, 0.0, row.centre)

    return sorted(rows, key=key)


def _side_by_side(box: list[float], other: list[float]) -> bool:
    """Apart across, and sharing most of the shorter one's height."""
    apart = box[3] <= other[2] or other[3] <= box[2]
    overlap = min(box[1], other[1]) - max(box[0], other[0])
    return apart and overlap > 0.5 * min(box[1] - box[0], other[1] - other[0])


def _without_rules(words: list[Word]) -> list[Word]:
    """The words that are not a printed rule read as dashes ("—————" under the motto).

    A rule is no letter or digit over a width of several text heights; a dash in
    a sentence ("2022 – 2026") is about one text height wide and stays.
    """
    if not words:
        return words
    height = median(word.bottom - word.top for word in words)
    return [
        word
        for word in words
        if any(char.isalnum() for char in word.text)
        or word.right - word.left < _RULE_HEIGHTS * height
    ]


def _shares_height(row: _Row, upper: float, lower: float, words: list[Word]) -> bool:
    """Whether a line overlaps the row over most of the lower's height, side by side."""
    overlap = min(row.lower, lower) - max(row.upper, upper)
    if overlap < _SAME_ROW * min(row.height, lower - upper):
        return False
    return not any(
        word.left < other.right and other.left < word.right for word in words for other in row.words
    )


def _has_text(row: _Row) -> bool:
    return any(char.isalnum() for word in row.words for char in word.text)


def _line(row: _Row, reading: PageReading) -> ReadLine:
    words = sorted(row.words, key=lambda word: word.left)
    height = max(row.height, 1.0)
    parts: list[str] = []
    located: list[OcrWord] = []
    offset = 0
    previous: Word | None = None
    for word in words:
        if previous is not None:
            gap = word.left - previous.right
            separator = COLUMN_SEPARATOR if gap > _COLUMN_GAP * height else " "
            parts.append(separator)
            offset += len(separator)
        parts.append(word.text)
        located.append(
            OcrWord(start=offset, end=offset + len(word.text), confidence=word.confidence / 100)
        )
        offset += len(word.text)
        previous = word
    box = (
        min(word.left for word in words),
        min(word.top for word in words),
        max(word.right for word in words),
        max(word.bottom for word in words),
    )
    confidence = sum(word.confidence for word in located) / len(located)
    ocr = OcrLine(
        bbox=box,
        dpi=reading.dpi,
        rotation=reading.rotation,
        confidence=round(confidence, 4),
        words=located,
    )
    return ReadLine("".join(parts), ocr, top=row.top)


def _pitch(centres: list[float], rows: list[_Row]) -> float:
    gaps = [below - above for above, below in pairwise(centres)]
    if len(gaps) >= 3:
        return median(gaps)
    return min(row.height for row in rows) * 1.2


def _is_running_number(text: str, gap: float, pitch: float) -> bool:
    return bool(PAGE_NUMBER.match(text.strip())) and gap > RUNNING_GAP_PITCHES * pitch
