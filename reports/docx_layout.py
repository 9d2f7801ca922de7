"""Word layout details python-docx leaves out: table grids that hold, page numbers.

Word lays a table out from each cell's width, LibreOffice from the table grid
(``w:tblGrid/w:gridCol``); python-docx writes a grid of equal columns, so the
same note had a six-millimetre "STT" column in Word and one as wide as "Nội
dung" in LibreOffice (15 findings took 5 pages there). ``fix_columns`` writes
the grid, the cell widths and a fixed layout from one list of widths, so both
lay the table out alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph


def fix_columns(table: Table, widths_mm: Sequence[float]) -> None:
    """Give ``table`` these column widths in its grid, its cells and a fixed layout."""
    widths = [Mm(width) for width in widths_mm]
    grid = table._tbl.tblGrid
    for column in list(grid):
        grid.remove(column)
    for width in widths:
        column = OxmlElement("w:gridCol")
        column.set(qn("w:w"), str(width.twips))
        grid.append(column)
    properties = table._tbl.tblPr
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(sum(width.twips for width in widths)))
    total.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    for tag in ("w:tblW", "w:tblLayout"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    properties.append(total)
    properties.append(layout)
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def page_numbers(section: Section, size: Pt) -> None:
    """Put "Trang N/M" centred in the section's footer (Word and LibreOffice fill the fields)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(paragraph, "Trang ", size)
    _field(paragraph, "PAGE", size)
    _text(paragraph, "/", size)
    _field(paragraph, "NUMPAGES", size)


def _text(paragraph: Paragraph, text: str, size: Pt) -> None:
    paragraph.add_run(text).font.size = size


def _field(paragraph: Paragraph, instruction: str, size: Pt) -> None:
    # A complex field: begin, instruction, separate, a placeholder result, end.
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        run.font.size = size
        if kind is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {text} "
            run._r.append(code)
    paragraph.add_run("1").font.size = size
    end = paragraph.add_run()
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), "end")
    end._r.append(mark)
