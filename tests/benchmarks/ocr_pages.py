"""Typed pages with known words, scanned and read back: the raw material of OCR figures.

Shared by the confusion-model builder (``build_ocr_confusions``) and the OCR
benchmark (``ocr_bench``). A plan's text is rendered to PDF (DejaVu Serif),
each page's own text layer gives the true words of that page, the page is
rasterised and degraded (``tests.scans``) and read by the engine the loaders
use. Alignment is by words (difflib), so a line split or joined differently
does not count as an error.
"""

from __future__ import annotations

import difflib
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from extract.loaders.ocr_engine import PageReading, require_engine
from extract.loaders.ocr_layout import ReadLine, page_lines
from tests.render import corpus_lines
from tests.scans import Degradation, degrade, typed_pdf


@dataclass
class ReadPage:
    """One scanned page: its true words, the lines read and how long reading took."""

    truth: list[str]
    lines: list[ReadLine]
    seconds: float
    cpu_seconds: float

    @property
    def words(self) -> list[str]:
        """The words read, in order."""
        return [word for line in self.lines for word in line.text.split()]

    @property
    def confidences(self) -> list[float]:
        """Tesseract's confidence (0-1) of each word read."""
        return [word.confidence for line in self.lines for word in line.ocr.words]


def plan_lines(path: Path) -> list[str]:
    """A corpus plan's non-blank lines, markup stripped, NFC."""
    return [
        unicodedata.normalize("NFC", line.strip()) for line in corpus_lines(path) if line.strip()
    ]


def read_pages(
    lines: Sequence[str], degradation: Degradation, seed: int = 0, limit: int | None = None
) -> Iterator[ReadPage]:
    """Render ``lines``, then scan and read each page (at most ``limit`` pages)."""
    document = pypdfium2.PdfDocument(typed_pdf(lines))
    engine = require_engine("benchmark")
    count = len(document) if limit is None else min(limit, len(document))
    try:
        for index in range(count):
            page = document[index]
            truth = page.get_textpage().get_text_range().split()
            image = page.render(scale=degradation.dpi / 72, grayscale=True).to_pil()
            page.close()
            image = degrade(image.convert("L"), degradation, seed + index)
            started, cpu_started = time.perf_counter(), time.process_time()
            reading: PageReading = engine.read(image, degradation.dpi)
            read = page_lines(reading)
            seconds = time.perf_counter() - started
            cpu_seconds = time.process_time() - cpu_started
            yield ReadPage(_without_page_number(truth), read, seconds, cpu_seconds)
    finally:
        document.close()


def aligned(truth: list[str], read: list[str]) -> Iterator[tuple[str | None, str | None, int]]:
    """Pairs (true word, word read, index in ``read``) by a word-level alignment.

    A word missing from the reading comes as (word, None, -1), an extra word
    read as (None, word, index); replaced runs of equal length pair one to one.
    """
    matcher = difflib.SequenceMatcher(None, truth, read, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0):
            for offset in range(a1 - a0):
                yield truth[a0 + offset], read[b0 + offset], b0 + offset
            continue
        for index in range(a0, a1):
            yield truth[index], None, -1
        for index in range(b0, b1):
            yield None, read[index], index


def word_accuracy(truth: list[str], read: list[str]) -> tuple[int, int]:
    """Words read right (same position in the alignment) and the number of true words."""
    right = sum(1 for true, got, _ in aligned(truth, read) if true is not None and true == got)
    return right, len(truth)


def _without_page_number(words: list[str]) -> list[str]:
    """The page's words without the footer's page number (the reader drops it too)."""
    return words[:-1] if words and words[-1].isdigit() else words
