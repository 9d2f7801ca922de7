"""Reader for .pdf files: one line per printed line, with page and fonts.

Decisions a reviewer should know:

* Glyphs come from pdfium (``pdf_pdfium.py``: the same records pdfplumber gives,
  several times cheaper); a page pdfium cannot give exactly as pdfplumber would
  (drawn paths, so maybe ruled tables; unmapped glyphs; see that module), and a
  document pdfium does not open cleanly, are read with pdfplumber.
* Lines are built in one pass over the page's glyphs (grouped by baseline, ordered
  left to right); ``extract_text`` is never called, so every character's font
  stays attached to its offset in ``Line.raw`` as a ``FontRun``.
* A glyph without a Unicode mapping comes out of pdfminer as ``(cid:N)``; it is
  kept literally, never dropped, so the repair step can decode it per font.
* A first or last line of a page that holds only a page number ("2", "- 2 -",
  "Trang 2", "2/7") and stands apart from the body (a gap wider than 1.5 body
  line pitches) is a running header or footer and is removed.
* A PDF protected only by an owner password opens with the empty user password:
  its text is readable by anyone who opens it, so it is read normally (with a
  note). A PDF that needs a user password is refused as ``encrypted-pdf``.
* A page with images and not one character is a scan: it is rasterised and
  read by OCR (``pdf_scan.py``); the other pages keep their text layer.
* A broken cross-reference table that pdfminer can rebuild by scanning the file
  is read (with a note); a file that cannot be rebuilt, or that lacks ``%%EOF``
  near its end (truncated: the plan would be audited incomplete), is refused as
  ``corrupt-pdf``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from extract.errors import PlanInputError, explain
from extract.limits import Limits, TextBudget
from extract.loaders.base import LoadedDocument
from extract.loaders.pdf_lines import cell_lines, drop_running_numbers, page_lines
from extract.loaders.pdf_pdfium import PdfiumDocument
from extract.loaders.pdf_scan import ScannedPages, scanned_note
from extract.loaders.pdf_tables import (
    Entry,
    PageTable,
    TableNumbering,
    find_tables,
    outside_tables,
    table_entries,
)
from extract.model import Line

# Truncated files lose their trailer; look for '%%EOF' this close to the end.
_EOF_WINDOW = 8192

def load_pdf(path: Path, data: bytes, limits: Limits | None = None) -> LoadedDocument:
    """Read a PDF's text layer: lines in reading order with page numbers and fonts.

    Args:
        path: The file, for messages.
        data: The file's bytes.
        limits: Page limit; defaults come from the environment.

    Returns:
        The lines, numbered from 1, with ``page`` and ``fonts`` set.

    Raises:
        PlanInputError: ``corrupt-pdf``, ``encrypted-pdf``, ``too-many-pages``,
            ``ocr-missing``, ``unreadable-scan`` (scanned pages), ``over-limit``
            (lines, characters) or ``no-content``.

    """
    limits = limits or Limits.from_env()
    _check_envelope(path, data)
    try:
        with _Sources(data, limits) as sources:
            return _read(path, sources, limits, data)
    except (PlanInputError, MemoryError):
        # Out of memory is not damage in the file: the caller (a worker with a memory
        # cap) reports it as such.
        raise
    except Exception as error:
        # Damaged PDFs raise pdfminer's own errors, zlib.error, EOFError, KeyError,
        # ValueError and, deep in pdfminer, arbitrary built-in exceptions
        # (AttributeError, IndexError, RecursionError...): all are damage.
        wrapped = _pdfminer_wrapper()
        if wrapped is not None and isinstance(error, wrapped):
            raise _from_pdfminer(path, error) from error
        raise PlanInputError(path, "corrupt-pdf", _describe(error)) from error


def _pdfminer_wrapper() -> type[Exception] | None:
    """The class pdfplumber wraps pdfminer's errors in, once pdfplumber was needed (lazily)."""
    module = sys.modules.get("pdfplumber.utils.exceptions")
    return None if module is None else module.PdfminerException


def _check_envelope(path: Path, data: bytes) -> None:
    """Refuse what is not a whole PDF before handing it to the parser."""
    if b"%PDF-" not in data[:1024]:
        raise PlanInputError(path, "corrupt-pdf", "không có đầu tệp %PDF- / no %PDF- header")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        detail = "thiếu %%EOF, tệp bị cắt cụt / no %%EOF: truncated"
        raise PlanInputError(path, "corrupt-pdf", detail)


class _Sources:
    """pdfium for every page it reads exactly; pdfplumber, opened on first need, for the rest."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        self.data = data
        self.pdfium = PdfiumDocument.open(data, limits.max_pages)
        self._plumber: Any = None

    def __enter__(self) -> _Sources:
        return self

    def __exit__(self, *_: object) -> None:
        if self.pdfium is not None:
            self.pdfium.close()
        if self._plumber is not None:
            self._plumber.close()

    @property
    def plumber(self) -> Any:
        """The document opened with pdfplumber."""
        if self._plumber is None:
            import pdfplumber

            self._plumber = pdfplumber.open(io.BytesIO(self.data))
        return self._plumber


def _read(path: Path, sources: _Sources, limits: Limits, data: bytes) -> LoadedDocument:
    if sources.pdfium is not None:
        return _read_pages(path, sources, sources.pdfium, limits, data)
    pdf = sources.plumber
    declared = _declared_page_count(pdf)
    if declared is not None and declared > limits.max_pages:
        raise PlanInputError(path, "too-many-pages", f"{declared} > {limits.max_pages}")
    pages = pdf.pages
    if not pages:
        # A page tree that resolves to nothing: the cross-reference table points
        # at the wrong places (broken xref) or the objects themselves are damaged.
        raise PlanInputError(path, "corrupt-pdf", "không tìm thấy trang nào / no pages found")
    if len(pages) > limits.max_pages:
        raise PlanInputError(path, "too-many-pages", f"{len(pages)} > {limits.max_pages}")
    lines: list[Line] = []
    numbering = TableNumbering()
    scanned = ScannedPages(path, data, limits)
    budget = TextBudget(path, limits)
    try:
        for page_number, page in enumerate(pages, start=1):
            if not page.chars and page.images:
                read = scanned.lines(page_number, len(pages), len(lines) + 1)
            else:
                read = _typed_lines(page, page_number, numbering, len(lines) + 1)
            budget.add_all(line.raw for line in read)
            lines += read
            page.close()  # frees the page's parsed objects; long PDFs stay bounded in memory
    finally:
        scanned.close()
    return _loaded(path, lines, scanned, len(pages), _notes(pdf))


def _read_pages(
    path: Path, sources: _Sources, document: PdfiumDocument, limits: Limits, data: bytes
) -> LoadedDocument:
    """Read a document pdfium opened cleanly, page by page, each from the exact source.

    pdfium has already refused encryption, a rebuilt cross-reference table and
    too many pages (those documents are read by pdfplumber alone, above).
    """
    total = len(document)
    lines: list[Line] = []
    numbering = TableNumbering()
    scanned = ScannedPages(path, data, limits)
    budget = TextBudget(path, limits)
    try:
        for page_number in range(1, total + 1):
            read_here = document.page(page_number - 1)
            if read_here is None:
                page = sources.plumber.pages[page_number - 1]
                chars, images = page.chars, bool(page.images)
            else:
                page, chars, images = None, read_here.chars, read_here.images
            if not chars and images:
                read = scanned.lines(page_number, total, len(lines) + 1)
            elif page is not None:
                read = _typed_lines(page, page_number, numbering, len(lines) + 1)
            else:
                read = _lines_of(chars, [], page_number, numbering, len(lines) + 1)
            budget.add_all(line.raw for line in read)
            lines += read
            if page is not None:
                page.close()
    finally:
        scanned.close()
    return _loaded(path, lines, scanned, total, [])


def _loaded(
    path: Path, lines: list[Line], scanned: ScannedPages, pages: int, notes: list[str]
) -> LoadedDocument:
    """The document read, or why it has none: every page blank, or every scanned page unreadable."""
    if not any(line.raw.strip() for line in lines):
        if scanned.read:
            from extract.loaders.scan import refuse_unreadable

            refuse_unreadable(path, scanned.notes, len(scanned.read))
        raise PlanInputError(path, "no-content")
    if scanned.read:
        notes = [*notes, scanned_note(scanned.read, pages), *scanned.notes]
    return LoadedDocument(lines=lines, pages=pages, notes=notes)


def _typed_lines(page: Any, page_number: int, numbering: TableNumbering, first: int) -> list[Line]:
    """The lines of a page's text layer, tables in place, running page numbers removed."""
    return _lines_of(page.chars, find_tables(page), page_number, numbering, first)


def _lines_of(
    chars: list[dict[str, Any]],
    tables: list[PageTable],
    page_number: int,
    numbering: TableNumbering,
    first: int,
) -> list[Line]:
    """Lines from a page's glyphs and its ruled tables (none on a page without drawn lines)."""
    free = outside_tables(chars, tables) if tables else chars
    entries: list[Entry] = [
        (top, 0, raw, fonts, None) for top, raw, fonts in drop_running_numbers(page_lines(free))
    ]
    tops = [entry[0] for entry in entries]
    entries += table_entries(tables, tops, numbering, cell_lines)
    ordered = sorted(entries, key=lambda entry: entry[:2])
    return [
        Line(number=first + index, raw=raw, text=raw, page=page_number, cell=cell, fonts=fonts)
        for index, (_, _, raw, fonts, cell) in enumerate(ordered)
    ]


def _declared_page_count(pdf: Any) -> int | None:
    """Return the page tree's /Count, known before any page is parsed."""
    from pdfminer.pdftypes import resolve1

    pages = resolve1(pdf.doc.catalog.get("Pages"))
    count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    return count if isinstance(count, int) else None


def _notes(pdf: Any) -> list[str]:
    from pdfminer.pdfdocument import PDFXRefFallback

    notes = []
    if pdf.doc.encryption is not None:
        notes.append(
            "Tệp PDF chỉ có mật khẩu chủ sở hữu (owner password); đã đọc bằng mật khẩu rỗng."
        )
    if any(isinstance(xref, PDFXRefFallback) for xref in pdf.doc.xrefs):
        notes.append(
            "Bảng tham chiếu chéo (xref) của tệp PDF bị hỏng; đã dựng lại bằng cách quét tệp."
        )
    return notes


# --------------------------------------------------------------------------- errors


def _from_pdfminer(path: Path, error: Exception) -> PlanInputError:
    """Unwrap the pdfminer exception that pdfplumber wrapped, to name the cause."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = error.args[0] if error.args else error
    if isinstance(cause, PDFPasswordIncorrect):
        detail = "cần mật khẩu người dùng / user password required"
        return PlanInputError(path, "encrypted-pdf", detail)
    if isinstance(cause, PDFEncryptionError):  # e.g. certificate (public-key) security
        detail = "kiểu bảo mật không được hỗ trợ / unsupported security handler"
        return PlanInputError(path, "encrypted-pdf", detail)
    return PlanInputError(path, "corrupt-pdf", _describe(cause))


def _describe(error: object) -> str:
    if isinstance(error, BaseException):
        return explain(error)
    return str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
