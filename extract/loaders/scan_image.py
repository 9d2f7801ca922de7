"""The image of a scanned line, cropped from its page, for a reviewer to see what the paper says.

The page is made again from the source file exactly as the OCR saw it (same
renderer and resolution for a PDF page, same frame for an image file, turned
by the same rotation), so the line's box (``OcrLine.bbox``) falls on the line.
Pages are made one at a time and reused while consecutive lines ask for the
same page.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from PIL import Image

from extract.model import Line

# Pixels of page kept around the line's box, and the widest crop kept (pixels),
# so that a report with many findings stays a few hundred kilobytes.
_MARGIN = 6
_MAX_WIDTH = 900


def line_images(path: Path, lines: Iterable[Line]) -> dict[int, bytes]:
    """PNG bytes of each scanned line (by line number); lines not read by OCR are skipped.

    A source that can no longer be read (moved, deleted) gives no images: the
    report keeps the text read, which is the evidence it always had.
    """
    wanted = sorted(
        (line for line in lines if line.ocr is not None and line.page is not None),
        key=lambda line: (line.page or 0, line.number),
    )
    images: dict[int, bytes] = {}
    page_number: int | None = None
    page: Image.Image | None = None
    try:
        for line in wanted:
            assert line.ocr is not None and line.page is not None
            if line.page != page_number:
                page_number = line.page
                page = _page(path, line.page, line.ocr.dpi)
                if line.ocr.rotation:
                    page = page.rotate(line.ocr.rotation, expand=True)
            assert page is not None
            images[line.number] = _crop(page, line.ocr.bbox)
    except (OSError, ValueError, EOFError):
        return images
    return images


def _page(path: Path, number: int, dpi: int) -> Image.Image:
    if path.suffix.lower() == ".pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        try:
            page = document[number - 1]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
        except pypdfium2.PdfiumError as error:
            raise ValueError(str(error)) from error
        finally:
            document.close()
        return image
    with Image.open(path) as source:
        source.seek(number - 1)
        image = source.convert("L")
        declared = source.info.get("dpi")
    # The OCR scaled photos, fine scans and pages larger than A4 to the
    # resolution it noted; do the same.
    from extract.loaders.images import resolution_of

    own = resolution_of(image.size, declared)
    if own != dpi:
        scale = dpi / own
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    return image


def _crop(page: Image.Image, box: tuple[int, int, int, int]) -> bytes:
    left, top, right, bottom = box
    crop = page.crop(
        (
            max(left - _MARGIN, 0),
            max(top - _MARGIN, 0),
            min(right + _MARGIN, page.width),
            min(bottom + _MARGIN, page.height),
        )
    )
    if crop.width > _MAX_WIDTH:
        crop = crop.resize((_MAX_WIDTH, max(round(crop.height * _MAX_WIDTH / crop.width), 1)))
    buffer = io.BytesIO()
    crop.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
