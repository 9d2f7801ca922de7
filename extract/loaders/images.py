"""Reader for scanned images (.png, .jpg/.jpeg, .tif/.tiff, multi-page TIFF included).

Each frame's size is read from its header and checked before any pixel is
decoded: an image bomb (a small file claiming huge dimensions) is refused, as
is a TIFF with more frames than the page limit. Frames are decoded one at a
time and handed to the OCR (``scan.py``), so memory stays bounded per page.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from extract.errors import PlanInputError, explain
from extract.limits import Limits
from extract.loaders.base import LoadedDocument
from extract.loaders.scan import PageImage, ink_of, read_scanned_pages, refuse_unreadable
from extract.loaders.scan_budget import ScanBudget
from extract.model import Line

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
# Without a resolution in the file, a photo or scan of an A4 page is assumed:
# its longer side is 297 mm.
_A4_LONG_SIDE_INCHES = 297 / 25.4
OCR_NOTE = "Bản quét: đã nhận dạng ký tự (OCR, Tesseract tiếng Việt) {count} trang."


def load_image(path: Path, data: bytes, limits: Limits | None = None) -> LoadedDocument:
    """OCR every frame of an image file into lines with page numbers and boxes.

    Raises:
        PlanInputError: ``bad-image``, ``image-bomb``, ``too-many-pages``,
            ``over-limit`` (scanned pages, OCR time), ``ocr-missing`` or
            ``unreadable-scan``.

    """
    limits = limits or Limits.from_env()
    image = _open(path, data)
    frames = _frame_count(path, image, limits.max_pages)
    if frames > limits.max_pages:
        detail = f"hơn {limits.max_pages} trang / more than {limits.max_pages} pages"
        raise PlanInputError(path, "too-many-pages", detail)
    budget = ScanBudget(path, limits)
    budget.expect(frames)
    result = read_scanned_pages(path, _frames(path, image, frames, limits, budget), frames, budget)
    if not result.has_text:
        refuse_unreadable(path, result.notes, frames)
    lines: list[Line] = []
    for page_number, page_lines in result.pages:
        for read in page_lines:
            lines.append(
                Line(
                    number=len(lines) + 1,
                    raw=read.text,
                    text=read.text,
                    page=page_number,
                    ocr=read.ocr,
                )
            )
    notes = [OCR_NOTE.format(count=frames), *result.notes]
    return LoadedDocument(lines=lines, pages=frames, notes=notes)


def _open(path: Path, data: bytes) -> Image.Image:
    """Open lazily: Pillow reads the header here, the pixels only on ``load``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PlanInputError(path, "image-bomb", str(error)[:120]) from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise PlanInputError(path, "bad-image", explain(error)) from error


def _frame_count(path: Path, image: Image.Image, cap: int) -> int:
    """Frames in the file, or ``cap + 1`` when it has more.

    Pillow counts a TIFF's frames by walking its chain of directories, each
    step searching the ones already seen: a file of 100,000 tiny frames takes
    minutes. Stepping frame by frame stops after ``cap + 1``. (One long seek is
    no shortcut: a failed seek leaves Pillow's frame count wrong.)
    """
    count = 1
    try:
        while count <= cap:
            image.seek(count)
            count += 1
    except EOFError:
        pass
    except (OSError, ValueError, SyntaxError) as error:
        raise PlanInputError(path, "bad-image", explain(error)) from error
    image.seek(0)
    return count


def _frames(
    path: Path, image: Image.Image, frames: int, limits: Limits, budget: ScanBudget
) -> Iterator[PageImage]:
    for index in range(frames):
        try:
            image.seek(index)
        except (EOFError, OSError) as error:
            raise PlanInputError(path, "bad-image", f"trang / page {index + 1}: {error}") from error
        width, height = image.size
        if width * height > limits.max_image_pixels:
            detail = f"trang / page {index + 1}: {width}×{height} > {limits.max_image_pixels}"
            raise PlanInputError(path, "image-bomb", detail)
        dpi = resolution_of(image.size, image.info.get("dpi"))
        budget.start()
        try:
            # Decoded here, as a copy the OCR may close; a colour scan gives its red channel.
            frame = image.convert("L") if image.mode == "L" else ink_of(image)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            detail = f"trang / page {index + 1}: {explain(error)}"
            raise PlanInputError(path, "bad-image", detail) from error
        yield index + 1, frame, dpi


def resolution_of(size: tuple[int, int], declared: object) -> int:
    """A frame's dpi: as the file says when plausible, else as if it were an A4 page."""
    if isinstance(declared, tuple) and declared:
        value = round(float(declared[0]))
        if 70 <= value <= 1200:
            return value
    return max(round(max(size) / _A4_LONG_SIDE_INCHES), 1)
