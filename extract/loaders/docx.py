"""Reader for .docx files (python-docx): paragraphs and tables in document order.

Provenance of each line:

* a body paragraph: ``paragraph`` is its 0-based index among the body's
  paragraphs (tables excluded), ``cell`` is None;
* a table cell paragraph: ``cell`` is ``"table.row.column"``, tables numbered
  0, 1, 2... in document order *including nested tables* (a nested table gets
  its own number, so the format stays three numbers); a merged cell is read
  once, at its first row and column;
* a footnote paragraph: ``cell`` is ``"footnote.ID.K"`` (Word's footnote id,
  K-th paragraph of the footnote), ``paragraph`` is None; footnotes come after
  the body, in the order of the footnotes part;
* a paragraph numbered by Word's list feature starts with the label Word prints
  ("1.", "(5)", "a)", "-"), rebuilt from numbering.xml (``docx_numbering``);
* a text box paragraph (a number, a date or a stamp laid out in a box):
  ``cell`` is ``"textbox.N.K"`` (N-th box of the document, K-th paragraph),
  right after the paragraph the box is anchored in. Word writes a box twice, as
  a drawing and as a VML fallback for old readers; only the drawing is read.

A soft line break (``w:br``, ``w:cr``) splits a paragraph into several lines
that share its ``paragraph``/``cell``. Each run's font (``w:rFonts`` ascii, then
hAnsi, or the theme font they name; else the run's character style, the
paragraph's style chain, the document defaults) is kept as a ``FontRun``, so
legacy fonts such as '.VnTime' or 'VNI-Times' can be detected by the repair step.

The package is checked before it is parsed: it must be a zip, and its declared
sizes must be sane (zip bomb). The declared sizes bound what is inflated,
because Python's zipfile stops at the declared size and fails the CRC check if
a member inflates further. XML external entities are never resolved: the
python-docx parser and ours both run with ``resolve_entities=False`` and no
network or DTD loading.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from extract.errors import PlanInputError, explain
from extract.limits import Limits, TextBudget
from extract.loaders.base import LoadedDocument
from extract.loaders.docx_numbering import ListNumbering
from extract.loaders.docx_runs import StyleFonts, paragraph_pieces, split_lines
from extract.model import Line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Nested tables deeper than this are read as plain cell text (no recursion), so a
# hostile document cannot exhaust the stack; real plans nest two or three deep.
MAX_TABLE_DEPTH = 8

_BODY_CONTAINERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml"}
_TEXT_BOX = f"{W}txbxContent"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)

# What python-docx, zipfile and lxml raise on a damaged package.
_DAMAGE = (
    PackageNotFoundError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    etree.XMLSyntaxError,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    NotImplementedError,
)


def load_docx(path: Path, data: bytes, limits: Limits | None = None) -> LoadedDocument:
    """Read a Word document's body, tables and footnotes with fonts.

    Args:
        path: The file, for messages.
        data: The file's bytes.
        limits: Zip-bomb limits; defaults come from the environment.

    Returns:
        The lines, numbered from 1, with ``paragraph`` or ``cell`` and ``fonts``.

    Raises:
        PlanInputError: ``not-docx``, ``zip-bomb``, ``no-content`` or ``unreadable``.

    """
    limits = limits or Limits.from_env()
    check_package(path, data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        theme = _related_part(document, RELATIONSHIP_TYPE.THEME)
        styles = StyleFonts(
            document.styles.element,
            etree.fromstring(theme, parser=_SAFE_XML) if theme is not None else None,
        )
        lists = _related_part(document, RELATIONSHIP_TYPE.NUMBERING)
        numbering = ListNumbering.read(
            etree.fromstring(lists, parser=_SAFE_XML) if lists is not None else None,
            document.styles.element,
        )
        reader = _BodyReader(styles, numbering, TextBudget(path, limits))
        reader.read_body(document.element.body)
        reader.read_footnotes(_related_part(document, RELATIONSHIP_TYPE.FOOTNOTES))
    except (PlanInputError, MemoryError):
        # Out of memory is not damage in the file: the caller (a worker with a memory
        # cap) reports it as such.
        raise
    except _DAMAGE as error:
        raise PlanInputError(path, "not-docx", _describe(error)) from error
    except Exception as error:
        # A damaged package can send python-docx down paths that raise arbitrary
        # built-in exceptions; the user gets the file and the cause, no traceback.
        raise PlanInputError(path, "unreadable", _describe(error)) from error
    if not any(line.raw.strip() for line in reader.lines):
        raise PlanInputError(path, "no-content")
    return LoadedDocument(lines=reader.lines, notes=reader.notes)


def check_package(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse a file that is not a zip, or whose declared sizes make it a zip bomb.

    The XML parts are bounded apart from the ratio: parsing XML costs far more
    memory and time per byte than inflating it, so 20 MB of well-compressed
    XML is refused here although no ratio is abnormal.

    Raises:
        PlanInputError: ``not-docx``, ``zip-bomb`` or ``over-limit``.

    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise PlanInputError(path, "not-docx", _describe(error)) from error
    if len(members) > limits.max_docx_entries:
        count = f"{len(members)} > {limits.max_docx_entries} entries"
        raise PlanInputError(path, "zip-bomb", count)
    total = sum(member.file_size for member in members)
    if total > limits.max_docx_uncompressed:
        raise PlanInputError(
            path, "zip-bomb", f"{total} > {limits.max_docx_uncompressed} bytes uncompressed"
        )
    xml = sum(member.file_size for member in members if _is_xml(member.filename))
    if xml > limits.max_docx_xml:
        raise limits.refuse(path, "XML (byte)", xml, "max_docx_xml")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.docx_ratio_floor and ratio > limits.max_docx_ratio:
            raise PlanInputError(
                path, "zip-bomb", f"{member.filename}: {ratio:.0f}:1 > {limits.max_docx_ratio}:1"
            )


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _related_part(document: Any, relationship_type: str) -> bytes | None:
    """Return the bytes of the main document's part of this relationship type, if any."""
    for relationship in document.part.rels.values():
        if relationship.reltype == relationship_type and not relationship.is_external:
            return bytes(relationship.target_part.blob)
    return None


class _BodyReader:
    """Walks the body once, appending lines with their provenance."""

    def __init__(
        self, styles: StyleFonts, numbering: ListNumbering | None, budget: TextBudget
    ) -> None:
        self.styles = styles
        self.budget = budget
        self.numbering = numbering or ListNumbering()
        self.lines: list[Line] = []
        self.notes: list[str] = []
        self.paragraph_count = 0
        self.table_count = 0
        self.box_count = 0
        self.flattened = False

    def read_body(self, body: Any) -> None:
        """Read body paragraphs and tables in document order."""
        for element in _children(body, _BODY_CONTAINERS):
            if element.tag == f"{W}p":
                self.add_paragraph(element, paragraph=self.paragraph_count)
                self.paragraph_count += 1
            elif element.tag == f"{W}tbl":
                self.read_table(element, depth=1)
        if self.flattened:
            self.notes.append(
                f"Bảng lồng nhau sâu hơn {MAX_TABLE_DEPTH} cấp được đọc như văn bản của ô chứa nó."
            )

    def read_table(self, table: Any, depth: int) -> None:
        """Read one table row by row; nested tables recurse up to MAX_TABLE_DEPTH."""
        index = self.table_count
        self.table_count += 1
        for row_index, row in enumerate(table.iterchildren(f"{W}tr")):
            column = _grid_before(row)
            for cell in _children(row, _BODY_CONTAINERS):
                if cell.tag != f"{W}tc":
                    continue
                if not _continues_vertical_merge(cell):
                    self.read_cell(cell, f"{index}.{row_index}.{column}", depth)
                column += _grid_span(cell)

    def read_cell(self, cell: Any, cell_id: str, depth: int) -> None:
        """Read a cell's paragraphs and nested tables."""
        for element in _children(cell, _BODY_CONTAINERS):
            if element.tag == f"{W}p":
                self.add_paragraph(element, cell=cell_id)
            elif element.tag == f"{W}tbl" and depth < MAX_TABLE_DEPTH:
                self.read_table(element, depth + 1)
            elif element.tag == f"{W}tbl":
                self.flattened = True
                for paragraph in element.iter(f"{W}p"):  # iterative: no recursion
                    self.add_paragraph(paragraph, cell=cell_id)

    def read_footnotes(self, blob: bytes | None) -> None:
        """Append the footnotes (separators excluded) after the body."""
        if blob is None:
            return
        root = etree.fromstring(blob, parser=_SAFE_XML)
        for footnote in root.iterchildren(f"{W}footnote"):
            if footnote.get(f"{W}type") not in (None, "normal"):
                continue  # separator and continuation-separator lines are layout, not text
            number = footnote.get(f"{W}id")
            for index, paragraph in enumerate(footnote.iter(f"{W}p")):
                self.add_paragraph(paragraph, cell=f"footnote.{number}.{index}")

    def add_paragraph(
        self, element: Any, paragraph: int | None = None, cell: str | None = None
    ) -> None:
        """Append a paragraph as one line per soft line break, then its text boxes.

        A paragraph numbered by Word's list feature gets its printed label in front.
        """
        pieces = paragraph_pieces(element, self.styles)
        label = self.numbering.label(element)
        if label:
            pieces = [(f"{label} ", ""), *pieces]
        for raw, fonts in split_lines(pieces):
            self.budget.add(raw)
            self.lines.append(
                Line(
                    number=len(self.lines) + 1,
                    raw=raw,
                    text=raw,
                    paragraph=paragraph,
                    cell=cell,
                    fonts=fonts,
                )
            )
        if cell is None or not cell.startswith("textbox."):
            self.read_text_boxes(element)

    def read_text_boxes(self, element: Any) -> None:
        """Append the paragraphs of the text boxes anchored in this paragraph."""
        for box in _text_boxes(element):
            number = self.box_count
            self.box_count += 1
            for index, inner in enumerate(_box_paragraphs(box)):
                self.add_paragraph(inner, cell=f"textbox.{number}.{index}")


def _text_boxes(paragraph: Any) -> list[Any]:
    """The outermost text boxes inside a paragraph, without Word's VML duplicates."""
    return [
        box
        for box in paragraph.iter(_TEXT_BOX)
        if not _between(box, paragraph, {_FALLBACK, _TEXT_BOX})
    ]


def _box_paragraphs(box: Any) -> list[Any]:
    """A box's paragraphs (of its tables and inner boxes too), without VML duplicates."""
    return [inner for inner in box.iter(f"{W}p") if not _between(inner, box, {_FALLBACK})]


def _between(element: Any, top: Any, tags: set[str]) -> bool:
    """Whether an element with one of ``tags`` lies between ``element`` and ``top``."""
    for ancestor in element.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag in tags:
            return True
    return False


def _children(element: Any, containers: set[str]) -> list[Any]:
    """Child elements, looking through content controls and custom XML wrappers."""
    found: list[Any] = []
    stack = list(reversed(list(element)))
    while stack:
        child = stack.pop()
        if child.tag in containers:
            stack.extend(reversed(list(child)))
        else:
            found.append(child)
    return found


def _grid_span(cell: Any) -> int:
    return max(_number_attribute(cell.find(f"{W}tcPr/{W}gridSpan")), 1)


def _grid_before(row: Any) -> int:
    return _number_attribute(row.find(f"{W}trPr/{W}gridBefore"))


def _number_attribute(element: Any) -> int:
    """Return the element's w:val as a count; 0 when absent or not a plain number."""
    value = element.get(f"{W}val") if element is not None else None
    return int(value) if value is not None and value.isascii() and value.isdigit() else 0


def _continues_vertical_merge(cell: Any) -> bool:
    """Tell the lower cells of a vertical merge: their text was read above."""
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(f"{W}val") in (None, "continue")


def _describe(error: BaseException) -> str:
    return explain(error)
