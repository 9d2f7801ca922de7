"""Tesseract through tesserocr: one page image in, words with boxes and confidences out.

Why tesserocr (measured on a 200 dpi degraded A4 page of the ward plan, one
core, 2026-12-07): it keeps the model loaded in the process (0.24 s once)
where pytesseract starts a ``tesseract`` process per page; the page took 2.7 s
against 3.6 s, with the same words (99.5% against 99.3%), and it gives the
word boxes and confidences directly (its result iterator). Its wheel carries its
own libtesseract; the language data come from Debian's ``tesseract-ocr-vie``
and ``tesseract-ocr-osd`` (``tesseract-ocr`` pulls the latter in).

Orientation is checked (Tesseract's OSD, on a half-size copy) only when the
upright reading is poor: almost every scan is upright, and OSD on every page
would cost each of them 0.25-0.30 s of processor time (measured on realistic
200 dpi pages, ``tests/benchmarks/ocr_real_bench``, load 9), where a page
scanned at 90° or 180° pays one wasted reading (1.2 s a page in all, 99.0% of
words right).

Skew is measured first (Tesseract's layout analysis, which the reading then
goes on with, so it costs nothing) and the page image is straightened when
it leans ``DESKEW_ABOVE`` degrees or more: at 3° Tesseract's layout lost whole
paragraphs, and on pages scanned at 0.5-3° words right went from 93.9% to
99.6% for 0.22 s more per such page; a page under the threshold is read
untouched (the same words as before on straight pages). Word boxes are turned
back onto the page as scanned, so that evidence crops (``scan_image``) need no
angle, and the skew angle straightens them again when lines are rebuilt
(``ocr_layout``).
"""

from __future__ import annotations

import math
import os
import threading
import time
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image

from extract.errors import PlanInputError
from extract.loaders.scan_budget import OcrOverTime, processor_deadline

# Debian packages that provide the engine's language data, named in the message
# a user gets when they are missing.
APT_PACKAGES = ("tesseract-ocr", "tesseract-ocr-vie")
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
)
LANGUAGE = "vie"
# A page whose words Tesseract trusts less than this on average (0-100), or that
# yields fewer words than this, is checked for orientation.
_POOR_CONFIDENCE = 70.0
_FEW_WORDS = 12
# OSD's orientation confidence under which the page is left as it is.
_ORIENTATION_CONFIDENCE = 1.5
# Skew (degrees, as Tesseract's layout finds it) from which the page image is
# straightened before it is read; None reads every page as it is.
DESKEW_ABOVE: float | None = 0.5


@dataclass(frozen=True)
class Word:
    """A word with its box (pixels of the upright page) and Tesseract's confidence (0-100)."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float
    block: int
    paragraph: int
    line: int


@dataclass
class PageReading:
    """What Tesseract read on one page image."""

    words: list[Word]
    width: int
    height: int
    dpi: int
    rotation: int = 0
    skew: float = 0.0  # radians, as Tesseract's layout reports it

    @property
    def confidence(self) -> float:
        """Mean word confidence, 0-100 (0 for a page with no words)."""
        if not self.words:
            return 0.0
        return sum(word.confidence for word in self.words) / len(self.words)


def tessdata_dir() -> Path | None:
    """The folder holding ``vie.traineddata``: $TESSDATA_PREFIX first, then Debian's."""
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *_TESSDATA_DIRS]
    for candidate in candidates:
        if candidate and (Path(candidate) / f"{LANGUAGE}.traineddata").is_file():
            return Path(candidate)
    return None


def require_engine(path: Path | str) -> Engine:
    """The process's engine, or a bilingual refusal naming the packages to install."""
    if tessdata_dir() is None:
        raise PlanInputError(path, "ocr-missing", "apt-get install " + " ".join(APT_PACKAGES))
    try:
        import tesserocr  # noqa: F401
    except ImportError as error:
        raise PlanInputError(path, "ocr-missing", "pip install tesserocr") from error
    return _engine()


@cache
def _engine() -> Engine:
    return Engine(tessdata_dir() or Path(_TESSDATA_DIRS[0]))


class Engine:
    """One loaded Tesseract model, shared by the process; a lock serialises pages."""

    def __init__(self, tessdata: Path) -> None:
        """Keep the data folder; models load on first use."""
        self.tessdata = tessdata
        self._lock = threading.Lock()
        self._reader: Any = None
        self._osd: Any = None

    def read(
        self, image: Image.Image, dpi: int, seconds: float | None = None, turned_before: int = 0
    ) -> PageReading:
        """Read one page image (any mode); turn it upright first if it lies on its side.

        ``turned_before`` is how the previous page of the scan was turned: a page
        too short for OSD to judge (a last page holding only the signature
        block) is tried that way too, since a scan's pages lie alike.

        Raises:
            OcrOverTime: when ``seconds`` of processor time (or, off the main
                thread, of wall-clock time) pass before the reading is done.
        """
        gray = image if image.mode == "L" else image.convert("L")
        with self._lock, processor_deadline(seconds) as wall_seconds:
            reading = self._recognise(gray, dpi, wall_seconds)
            if reading.confidence < _POOR_CONFIDENCE or len(reading.words) < _FEW_WORDS:
                rotation = self._orientation(gray) or turned_before
                if rotation:
                    turned = gray.rotate(rotation, expand=True)
                    again = self._recognise(turned, dpi, wall_seconds)
                    if again.confidence > reading.confidence:
                        again.rotation = rotation
                        reading = again
        return reading

    def _recognise(self, image: Image.Image, dpi: int, wall_seconds: float | None) -> PageReading:
        from tesserocr import PSM, PyTessBaseAPI

        if self._reader is None:
            self._reader = PyTessBaseAPI(path=f"{self.tessdata}/", lang=LANGUAGE, psm=PSM.AUTO)
        reader = self._reader
        try:
            reader.SetImage(image)
            reader.SetSourceResolution(dpi)
            # The layout found here is the one Recognize goes on with: knowing the
            # skew first costs nothing more.
            layout = reader.AnalyseLayout()
            skew = float(layout.Orientation()[3]) if layout is not None else 0.0
            straight = None
            if DESKEW_ABOVE is not None and abs(math.degrees(skew)) >= DESKEW_ABOVE:
                straight = image.rotate(
                    math.degrees(skew), Image.Resampling.BICUBIC, expand=True, fillcolor=255
                )
                reader.SetImage(straight)
                reader.SetSourceResolution(dpi)
            timeout = 0 if wall_seconds is None else max(round(wall_seconds * 1000), 1)
            started = time.monotonic()
            # False also means "nothing to recognise" (a blank page): only a reading
            # stopped at its deadline is over time.
            if not reader.Recognize(timeout=timeout) and timeout:
                if time.monotonic() - started >= timeout / 1000:
                    raise OcrOverTime
            words = page_words(reader)
        finally:
            reader.Clear()
        if straight is not None:
            words = [_unturned(word, straight, image, skew) for word in words]
        return PageReading(words, image.width, image.height, dpi, skew=skew)

    def _orientation(self, image: Image.Image) -> int:
        """Degrees to turn the page counter-clockwise so it stands upright (0 when unsure)."""
        from tesserocr import PSM, PyTessBaseAPI

        if self._osd is None:
            self._osd = PyTessBaseAPI(path=f"{self.tessdata}/", lang="osd", psm=PSM.OSD_ONLY)
        small = image.resize((max(image.width // 2, 1), max(image.height // 2, 1)))
        self._osd.SetImage(small)
        try:
            result = self._osd.DetectOrientationScript()
        except RuntimeError:  # too few characters to decide
            return 0
        finally:
            self._osd.Clear()
        if not result or result.get("orient_conf", 0.0) < _ORIENTATION_CONFIDENCE:
            return 0
        return int(result.get("orient_deg", 0)) % 360


def _unturned(word: Word, straight: Image.Image, page: Image.Image, angle: float) -> Word:
    """A word's box read on the straightened image, as a box on the page as scanned.

    The page's line boxes (and so the evidence crops, ``scan_image``) stay on
    the page as it was; the layout straightens them again with the skew angle.
    """
    cos, sin = math.cos(angle), math.sin(angle)
    xs, ys = [], []
    for x, y in ((word.left, word.top), (word.right, word.top),
                 (word.left, word.bottom), (word.right, word.bottom)):
        dx, dy = x - straight.width / 2, y - straight.height / 2
        xs.append(page.width / 2 + dx * cos - dy * sin)
        ys.append(page.height / 2 + dx * sin + dy * cos)
    return replace(
        word, left=round(min(xs)), top=round(min(ys)), right=round(max(xs)), bottom=round(max(ys))
    )


def page_words(reader: Any) -> list[Word]:
    """The words Tesseract recognised, with boxes, confidences and block/paragraph/line numbers.

    The same words, numbers and confidences as its TSV output (``GetTSVText``),
    read from the result iterator word by word: making the TSV is one long call
    that took 13.7 s on a page of 5,000 words (0.02 s on a plan page) and
    cannot be interrupted, where this loop stops as soon as the file's OCR time
    runs out (``scan_budget``).
    """
    from tesserocr import RIL

    words: list[Word] = []
    iterator = reader.GetIterator()
    if iterator is None:
        return words
    block = paragraph = line = 0
    while True:
        if not iterator.Empty(RIL.WORD):
            if iterator.IsAtBeginningOf(RIL.BLOCK):
                block, paragraph, line = block + 1, 0, 0
            if iterator.IsAtBeginningOf(RIL.PARA):
                paragraph, line = paragraph + 1, 0
            if iterator.IsAtBeginningOf(RIL.TEXTLINE):
                line += 1
            text = (iterator.GetUTF8Text(RIL.WORD) or "").strip()
            if text:
                left, top, right, bottom = iterator.BoundingBox(RIL.WORD)
                # Rounded as the TSV prints it, so that readings stay as they were.
                confidence = max(round(iterator.Confidence(RIL.WORD), 6), 0.0)
                words.append(
                    Word(text, left, top, right, bottom, confidence, block, paragraph, line)
                )
        if not iterator.Next(RIL.WORD):
            return words


def parse_tsv(tsv: str) -> list[Word]:
    """Words of Tesseract's TSV output (level 5 rows with text)."""
    words = []
    for row in tsv.splitlines():
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        block, paragraph, line = int(fields[2]), int(fields[3]), int(fields[4])
        left, top, width, height = (int(value) for value in fields[6:10])
        confidence = max(float(fields[10]), 0.0)
        words.append(
            Word(
                fields[11].strip(),
                left,
                top,
                left + width,
                top + height,
                confidence,
                block,
                paragraph,
                line,
            )
        )
    return words
