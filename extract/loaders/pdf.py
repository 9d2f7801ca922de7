"""Reader for .pdf files (pdfplumber): one line per printed line, with page and fonts.

Decisions a reviewer should know:

* Lines are built in one pass over ``page.chars`` (grouped by baseline, ordered
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
import zlib
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect, PDFXRefFallback
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from extract.errors import PlanInputError, explain
from extract.limits import Limits, TextBudget
from extract.loaders.base import PAGE_NUMBER as _PAGE_NUMBER
from extract.loaders.base import RUNNING_GAP_PITCHES as _RUNNING_GAP_PITCHES
from extract.loaders.base import LoadedDocument
from extract.loaders.pdf_scan import ScannedPages, scanned_note
from extract.loaders.pdf_tables import (
    Entry,
    TableNumbering,
    find_tables,
    outside_tables,
    table_entries,
)
from extract.loaders.scan import refuse_unreadable
from extract.model import FontRun, Line

# Characters whose tops differ by less than this share a line (points).
_SAME_LINE_TOLERANCE = 2.5
# A gap wider than this fraction of the font size between two glyphs is a space
# the PDF did not write as a character (many PDFs position words instead).
_SPACE_GAP_RATIO = 0.25
# The same glyph drawn again within this distance (points) is one letter printed
# twice for a bold or shadow effect, not a doubled letter.
_OVERPRINT_TOLERANCE = 1.0
# Truncated files lose their trailer; look for '%%EOF' this close to the end.
_EOF_WINDOW = 8192

# What the libraries raise on damaged input. Anything else a damaged file
# provokes is caught by the safety net in ``load_pdf`` and reported the same way.
_DAMAGE = (PSException, PdfminerException, zlib.error, EOFError, KeyError, ValueError, TypeError)


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
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return _read(path, pdf, limits, data)
    except (PlanInputError, MemoryError):
        # Out of memory is not damage in the file: the caller (a worker with a memory
        # cap) reports it as such.
        raise
    except PdfminerException as error:
        raise _from_pdfminer(path, error) from error
    except _DAMAGE as error:
        raise PlanInputError(path, "corrupt-pdf", _describe(error)) from error
    except Exception as error:
        # Damaged PDFs reach code paths deep in pdfminer that raise arbitrary
        # built-in exceptions (AttributeError, IndexError, RecursionError...).
        raise PlanInputError(path, "corrupt-pdf", _describe(error)) from error


def _check_envelope(path: Path, data: bytes) -> None:
    """Refuse what is not a whole PDF before handing it to the parser."""
    if b"%PDF-" not in data[:1024]:
        raise PlanInputError(path, "corrupt-pdf", "không có đầu tệp %PDF- / no %PDF- header")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        detail = "thiếu %%EOF, tệp bị cắt cụt / no %%EOF: truncated"
        raise PlanInputError(path, "corrupt-pdf", detail)


def _read(path: Path, pdf: Any, limits: Limits, data: bytes) -> LoadedDocument:
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
    if not any(line.raw.strip() for line in lines):
        if scanned.read:
            refuse_unreadable(path, scanned.notes, len(scanned.read))
        raise PlanInputError(path, "no-content")
    notes = _notes(pdf)
    if scanned.read:
        notes += [scanned_note(scanned.read, len(pages)), *scanned.notes]
    return LoadedDocument(lines=lines, pages=len(pages), notes=notes)


def _typed_lines(page: Any, page_number: int, numbering: TableNumbering, first: int) -> list[Line]:
    """The lines of a page's text layer, tables in place, running page numbers removed."""
    tables = find_tables(page)
    free = outside_tables(page.chars, tables) if tables else page.chars
    entries: list[Entry] = [
        (top, 0, raw, fonts, None) for top, raw, fonts in _drop_running_numbers(_page_lines(free))
    ]
    tops = [entry[0] for entry in entries]
    entries += table_entries(tables, tops, numbering, _cell_lines)
    ordered = sorted(entries, key=lambda entry: entry[:2])
    return [
        Line(number=first + index, raw=raw, text=raw, page=page_number, cell=cell, fonts=fonts)
        for index, (_, _, raw, fonts, cell) in enumerate(ordered)
    ]


def _declared_page_count(pdf: Any) -> int | None:
    """Return the page tree's /Count, known before any page is parsed."""
    pages = resolve1(pdf.doc.catalog.get("Pages"))
    count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    return count if isinstance(count, int) else None


def _notes(pdf: Any) -> list[str]:
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


# --------------------------------------------------------------------------- lines


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


def _page_lines(chars: list[dict[str, Any]]) -> list[_PageLine]:
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
    not split a run of one font in two.
    """
    text_parts: list[str] = []
    runs: list[FontRun] = []
    offset = 0
    for text, font in pieces:
        end = offset + len(text)
        if font:
            if runs and runs[-1].font == font and runs[-1].end >= offset - 1:
                runs[-1].end = end
            else:
                runs.append(FontRun(start=offset, end=end, font=font))
        text_parts.append(text)
        offset = end
    return "".join(text_parts), runs


def _cell_lines(chars: list[dict[str, Any]]) -> list[tuple[str, list[FontRun]]]:
    """A table cell's glyphs as printed lines with fonts."""
    return [line.text_and_fonts() for line in _page_lines(chars)]


def _drop_running_numbers(
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


# --------------------------------------------------------------------------- errors


def _from_pdfminer(path: Path, error: PdfminerException) -> PlanInputError:
    """Unwrap the pdfminer exception that pdfplumber wrapped, to name the cause."""
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
