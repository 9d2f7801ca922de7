"""Scanned pages to lines: one page image at a time, so memory stays bounded per page.

Shared by the image reader (``images.py``) and the PDF reader (pages without a
text layer). A page image is read, its lines are kept, and the image is dropped
before the next page is made: a 300-page scan never holds more than one page.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

from extract.errors import PlanInputError
from extract.loaders.ocr_engine import require_engine
from extract.loaders.ocr_layout import ReadLine, page_lines
from extract.loaders.scan_budget import OCR_MAX_PIXELS, ScanBudget

# Resolution pages are read at: 200 dpi read the degraded test pages best
# (99.5% of words against 98.9% at 150 and 96.8% at 300, the LSTM model is
# trained on text of about that size) and fastest per word.
OCR_DPI = 200
# A page image whose shorter side is under this (pixels at OCR_DPI) cannot hold
# readable body text: a thumbnail, not a scan.
_MIN_SIDE = 400
# Share of a page's pixels that are lone dark pixels past which it is filtered first.
_SPECKLED = 0.005
_DARK = [255 if value < 128 else 0 for value in range(256)]
_NONE = [255] + [0] * 255
# The mean of a pixel's eight neighbours: 0 when none of them is dark.
_NEIGHBOURS = ImageFilter.Kernel((3, 3), [1, 1, 1, 1, 0, 1, 1, 1, 1], scale=8)
# Image modes that carry colour (a palette may too); other modes are read as grey.
_COLOUR_MODES = ("RGB", "RGBA", "RGBX", "CMYK", "YCbCr", "LAB", "HSV", "P", "PA")
# Mean word confidence (0-1) under which a page is reported as hard to read.
_POOR_PAGE = 0.6

# Told of each scanned page as its reading starts (page number, pages in the file):
# the web's check workers pass it on to the page the reviewer waits on.
_LISTENER: ContextVar[Callable[[int, int], None] | None] = ContextVar(
    "ocr_progress", default=None
)

# A page of a scan: its number, its image and the image's resolution (dpi). An
# iterator of these makes each image only when the previous one is done with.
PageImage = tuple[int, Image.Image, int]


@dataclass
class ScanResult:
    """Lines of the scanned pages, by page, and what the reader noticed."""

    pages: list[tuple[int, list[ReadLine]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    turned: int = 0  # how the last page read was turned upright (degrees)

    @property
    def has_text(self) -> bool:
        """Whether any page gave a line."""
        return any(lines for _, lines in self.pages)


def read_scanned_pages(
    path: Path, pages: Iterable[PageImage], total: int, budget: ScanBudget, turned: int = 0
) -> ScanResult:
    """OCR each page image in turn (page number, image, its dpi), within ``budget``.

    ``turned`` is the rotation the page before these needed (``ScanResult.turned``
    after the last one), the hint for a page OSD cannot judge.

    Blank, too small and hard-to-read pages get a note naming the page; the
    caller decides whether a document with no text at all is refused.

    Raises:
        PlanInputError: ``ocr-missing``, or ``over-limit`` when the budget's
            pages or processor time run out.
    """
    engine = require_engine(path)
    result = ScanResult()
    for page_number, image, dpi in _with_progress(path, pages, total):
        if min(image.width, image.height) * OCR_DPI / max(dpi, 1) < _MIN_SIDE:
            result.notes.append(
                f"Trang {page_number}: ảnh quá nhỏ ({image.width}×{image.height} điểm ảnh), "
                f"không đọc được / page {page_number}: image too small to read."
            )
            result.pages.append((page_number, []))
            continue
        with budget.page(page_number) as seconds:
            image, dpi = _at_ocr_resolution(image, dpi)
            image, speckled = despeckled(image)
            if speckled:
                result.notes.append(
                    f"Trang {page_number}: ảnh nhiều đốm nhiễu, đã lọc trước khi đọc "
                    f"/ page {page_number}: speckled image, filtered before reading."
                )
            reading = engine.read(image, dpi, seconds, turned_before=turned)
            image.close()
            turned = result.turned = reading.rotation
            lines = page_lines(reading)
        result.pages.append((page_number, lines))
        result.notes.extend(_page_notes(page_number, lines, reading.rotation))
    return result


def _page_notes(page_number: int, lines: list[ReadLine], rotation: int) -> list[str]:
    notes = []
    if not lines:
        notes.append(
            f"Trang {page_number}: trang trống hoặc không có chữ đọc được "
            f"/ page {page_number}: blank or no readable text."
        )
        return notes
    words = [word for line in lines for word in line.ocr.words]
    confidence = sum(word.confidence for word in words) / len(words)
    if confidence < _POOR_PAGE:
        notes.append(
            f"Trang {page_number}: ảnh mờ hoặc nhiễu, chữ đọc được kém tin cậy "
            f"(độ tin cậy trung bình {confidence:.0%}) / page {page_number}: blurred or noisy, "
            f"low OCR confidence ({confidence:.0%})."
        )
    if rotation:
        notes.append(
            f"Trang {page_number}: bản quét bị xoay, đã xoay lại {rotation}° trước khi đọc "
            f"/ page {page_number}: scan was rotated; turned by {rotation}°."
        )
    return notes


def _at_ocr_resolution(image: Image.Image, dpi: int) -> tuple[Image.Image, int]:
    """Grey image at about OCR_DPI and at most OCR_MAX_PIXELS.

    Photos and 300-600 dpi scans are scaled down to OCR_DPI; a page larger than
    A4 at that resolution (or a file declaring a resolution too low for its
    pixels, as phone photos' 72 dpi) is scaled down further to OCR_MAX_PIXELS.
    The resolution stays a whole number of dpi, so that the evidence crop
    (``scan_image``) can make the same page again from it.
    """
    gray = ink_of(image)
    target = OCR_DPI if dpi > OCR_DPI * 1.3 else dpi
    target = capped_dpi(gray.width / dpi, gray.height / dpi, target)
    if target < dpi:
        scale = target / dpi
        size = (max(round(gray.width * scale), 1), max(round(gray.height * scale), 1))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
        dpi = target
    return gray, dpi


def ink_of(image: Image.Image) -> Image.Image:
    """The grey page to read: of a colour scan, its red channel, where a red seal fades.

    A signed plan's seal is stamped in red over the signer's title and name;
    made grey by luminance it is as dark as the type and Tesseract reads its
    rings into the words. In the red channel red ink is nearly as light as the
    paper while black type stays black: on the realistic scans of
    ``tests/benchmarks/ocr_real_bench`` with a seal over the signature, words
    right went from 97.0% to 99.0%, and the signature block is read. A grey
    scan reads as before. Text printed in red fades too.
    """
    if image.mode == "L":
        return image
    if image.mode in _COLOUR_MODES:
        return image.convert("RGB").getchannel("R")
    return image.convert("L")


def despeckled(image: Image.Image) -> tuple[Image.Image, bool]:
    """The page through a 3×3 median filter when it is strewn with lone dark pixels.

    Tesseract's layout analysis, which no deadline interrupts, took 15 s on a
    page of 2% lone specks and no text (4.4 s once filtered). Type leaves
    almost no lone pixel (0.015% of a scanned plan page, 0.07% of 6-point
    type; a degraded test scan's salt noise 0.05%), so pages under
    ``_SPECKLED`` are left exactly as they are.
    """
    dark = image.point(_DARK)
    lonely = dark.filter(_NEIGHBOURS).point(_NONE)
    share = ImageChops.multiply(dark, lonely).histogram()[255] / (image.width * image.height)
    if share <= _SPECKLED:
        return image, False
    return image.filter(ImageFilter.MedianFilter(3)), True


def capped_dpi(width_inches: float, height_inches: float, dpi: int) -> int:
    """``dpi``, lowered as needed for a page of this size to stay within OCR_MAX_PIXELS."""
    pixels = width_inches * height_inches * dpi * dpi
    if pixels <= OCR_MAX_PIXELS:
        return dpi
    return max(int(dpi * (OCR_MAX_PIXELS / pixels) ** 0.5), 1)


@contextmanager
def ocr_progress(listener: Callable[[int, int], None] | None) -> Iterator[None]:
    """Call ``listener(page, pages)`` as each scanned page's reading starts, in this context."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)


def _with_progress(path: Path, pages: Iterable[PageImage], total: int) -> Iterator[PageImage]:
    """Say which page is being read: on stderr when a person waits, and to the listener.

    The stderr line is rewritten in place and cleared once the pages given are
    read: a PDF hands its scanned pages over one call at a time, and a line per
    page would scroll the terminal.
    """
    show = total > 1 and sys.stderr.isatty()
    listener = _LISTENER.get()
    shown = False
    for page in pages:
        if listener is not None:
            listener(page[0], total)
        if show:
            # Flushed: stderr is line-buffered, and this line has no end.
            message = f"\r{path.name}: OCR trang {page[0]}/{total}"
            print(message, end="", file=sys.stderr, flush=True)
            shown = True
        yield page
    if shown:
        print("\r\033[K", end="", file=sys.stderr, flush=True)


def refuse_unreadable(path: Path, notes: list[str], pages: int) -> None:
    """Refuse a scan from which not one line could be read, with the reasons per page."""
    detail = "; ".join(notes[:3]) or f"{pages} trang / pages"
    raise PlanInputError(path, "unreadable-scan", detail)
