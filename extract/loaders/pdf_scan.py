"""Pages of a PDF that carry no text layer, rasterised one at a time and read by OCR.

A scanner's PDF holds one image per page and no characters; a PDF put together
from typed pages and scanned ones (a signed last page, an annex) mixes both.
Only pages with no character at all and at least one image are read this way;
a page with a text layer keeps it, however poor, since OCR cannot do better
than the text the author typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.errors import PlanInputError
from extract.loaders.scan import OCR_DPI, ScanResult, read_scanned_pages
from extract.model import Line


class ScannedPages:
    """Renders a PDF's pages with pdfium, opened on first need and closed by ``close``."""

    def __init__(self, path: Path, data: bytes) -> None:
        """Keep the bytes; nothing is parsed until a scanned page is met."""
        self.path = path
        self.data = data
        self.document: Any = None
        self.read: list[int] = []
        self.notes: list[str] = []

    def lines(self, page_number: int, total: int, first_number: int) -> list[Line]:
        """OCR page ``page_number`` (1-based); lines numbered from ``first_number``."""
        result = read_scanned_pages(self.path, [self._render(page_number)], total)
        self.read.append(page_number)
        self.notes.extend(result.notes)
        return _lines(result, first_number)

    def close(self) -> None:
        """Release pdfium's document."""
        if self.document is not None:
            self.document.close()
            self.document = None

    def _render(self, page_number: int) -> tuple[int, Any, int]:
        import pypdfium2

        try:
            if self.document is None:
                self.document = pypdfium2.PdfDocument(self.data)
            page = self.document[page_number - 1]
            image = page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()
            page.close()
        except pypdfium2.PdfiumError as error:
            detail = f"trang / page {page_number}: {error}"[:160]
            raise PlanInputError(self.path, "corrupt-pdf", detail) from error
        return page_number, image, OCR_DPI


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
