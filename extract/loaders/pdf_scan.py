"""Pages of a PDF that carry no text layer, rasterised one at a time and read by OCR.

A scanner's PDF holds one image per page and no characters; a PDF put together
from typed pages and scanned ones (a signed last page, an annex) mixes both.
Only pages with no character at all and at least one image are read this way;
a page with a text layer keeps it, however poor, since OCR cannot do better
than the text the author typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.errors import PlanInputError
from extract.limits import Limits
from extract.loaders.scan_budget import ScanBudget
from extract.model import Line

if TYPE_CHECKING:  # OCR (Pillow, Tesseract) loads with the first scanned page: a typed PDF never
    from extract.loaders.scan import ScanResult


class ScannedPages:
    """Renders a PDF's pages with pdfium, opened on first need and closed by ``close``."""

    def __init__(self, path: Path, data: bytes, limits: Limits | None = None) -> None:
        """Keep the bytes; nothing is parsed until a scanned page is met."""
        self.path = path
        self.data = data
        self.limits = limits or Limits.from_env()
        self.budget = ScanBudget(path, self.limits)
        self.document: Any = None
        self.read: list[int] = []
        self.notes: list[str] = []
        self.turned = 0  # how the last scanned page was turned: a hint for the next one

    def lines(self, page_number: int, total: int, first_number: int) -> list[Line]:
        """OCR page ``page_number`` (1-based); lines numbered from ``first_number``.

        Raises:
            PlanInputError: ``over-limit`` (scanned pages, OCR time),
                ``image-bomb`` (an embedded image over the pixel limit) or
                ``corrupt-pdf``.
        """
        from extract.loaders.scan import read_scanned_pages

        if self.document is None:
            self._open()
            # Counted when the first scanned page is met, so a typed PDF pays nothing
            # and a long scan is refused before its first page is read.
            self.budget.expect(self._pages_without_text(page_number))
        self.budget.start()
        rendered = self._render(page_number)
        result = read_scanned_pages(self.path, [rendered], total, self.budget, self.turned)
        self.turned = result.turned
        self.read.append(page_number)
        self.notes.extend(result.notes)
        return _lines(result, first_number)

    def close(self) -> None:
        """Release pdfium's document."""
        if self.document is not None:
            self.document.close()
            self.document = None

    def _open(self) -> None:
        import pypdfium2

        try:
            self.document = pypdfium2.PdfDocument(self.data)
        except pypdfium2.PdfiumError as error:
            raise PlanInputError(self.path, "corrupt-pdf", str(error)[:160]) from error

    def _pages_without_text(self, first: int) -> int:
        """Pages from ``first`` on that pdfium finds no character on: the scanned ones."""
        count = 0
        for index in range(first - 1, len(self.document)):
            page = self.document[index]
            textpage = page.get_textpage()
            count += textpage.count_chars() == 0
            textpage.close()
            page.close()
        return count

    def _render(self, page_number: int) -> tuple[int, Any, int]:
        """The page as a grey image at OCR_DPI, lower when it would pass OCR_MAX_PIXELS.

        pdfium decodes an embedded image whole whatever the scale, so an image
        claiming more pixels than ``max_image_pixels`` is refused before rendering.
        """
        import pypdfium2
        import pypdfium2.raw as pdfium_c

        from extract.loaders.scan import OCR_DPI, capped_dpi

        try:
            page = self.document[page_number - 1]
            for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
                width, height = image.get_px_size()
                if width * height > self.limits.max_image_pixels:
                    detail = (
                        f"trang / page {page_number}: {width}×{height} "
                        f"> {self.limits.max_image_pixels}"
                    )
                    raise PlanInputError(self.path, "image-bomb", detail)
            width, height = page.get_size()
            dpi = capped_dpi(width / 72, height / 72, OCR_DPI)
            # In colour: a red seal fades in the red channel (``scan.ink_of``).
            image = page.render(scale=dpi / 72).to_pil()
            page.close()
        except pypdfium2.PdfiumError as error:
            detail = f"trang / page {page_number}: {error}"[:160]
            raise PlanInputError(self.path, "corrupt-pdf", detail) from error
        return page_number, image, dpi


def scanned_note(pages: list[int], total: int) -> str:
    """The plan note saying which pages were read by OCR."""
    listed = ", ".join(str(page) for page in pages)
    return (
        f"Bản quét: đã nhận dạng ký tự (OCR, Tesseract tiếng Việt) {len(pages)}/{total} trang "
        f"({listed}); các trang khác đọc từ lớp văn bản."
        if len(pages) < total
        else f"Bản quét: đã nhận dạng ký tự (OCR, Tesseract tiếng Việt) {total} trang."
    )


def _lines(result: ScanResult, first_number: int) -> list[Line]:
    lines: list[Line] = []
    for page_number, page_lines in result.pages:
        for read in page_lines:
            lines.append(
                Line(
                    number=first_number + len(lines),
                    raw=read.text,
                    text=read.text,
                    page=page_number,
                    ocr=read.ocr,
                )
            )
    return lines
