"""Ruled tables of a PDF page, read cell by cell as the DOCX reader reads Word tables.

Plans often list their tasks or targets in a table ("STT | Nội dung | Cơ quan chủ
trì | Thời gian"). Read line by line, a table's cells interleave ("Tuyên truyền
Đề án Phòng Văn hóa Thường xuyên" / "trên các phương tiện ..."). Here each table
that pdfplumber finds from its ruling lines is cut into cells; each cell's glyphs
become lines of their own, tagged ``cell = "table.row.column"`` like DOCX cells,
so ``extract.parse.tables`` reads both formats alike. Tables without ruling (the
header and signature blocks Word lays out in borderless tables) are left to the
line reader: they are text, not tables of items.

A table that runs on to the next page continues with the same table number when
that page opens with a table of as many columns; a header row repeated there is
dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from extract.model import FontRun

Char = dict[str, Any]
# A line to emit: where it sits on the page (top, then order within a table), its
# text and fonts, and its table cell if it is in one.
Entry = tuple[float, int, str, list[FontRun], str | None]
# A table needs a header and one row, and two columns, to hold items.
_MIN_ROWS = 2
_MIN_COLUMNS = 2


@dataclass
class PageTable:
    """One ruled table of a page: where it starts and the glyphs of each cell."""

    top: float
    bottom: float
    columns: int
    # (row, column) -> the glyphs inside that cell, in page order.
    cells: dict[tuple[int, int], list[Char]] = field(default_factory=dict)


@dataclass
class _OpenTable:
    number: int
    columns: int
    next_row: int
    header: list[str]


@dataclass
class TableNumbering:
    """Numbers tables across pages and joins a table that continues on the next page."""

    count: int = 0
    open_table: _OpenTable | None = None

    def cell_ids(
        self, table: PageTable, first_on_page: bool, last_on_page: bool
    ) -> dict[tuple[int, int], str]:
        """The "table.row.column" id of each cell to keep (a repeated header row has none).

        Args:
            table: A table of the current page.
            first_on_page: Nothing of the page comes before it.
            last_on_page: Nothing of the page comes after it.
        """
        header = row_texts(table, 0)
        previous = self.open_table
        if first_on_page and previous is not None and previous.columns == table.columns:
            number, first_row, header = previous.number, previous.next_row, previous.header
            skip = 1 if row_texts(table, 0) == header else 0
        else:
            number, first_row, skip = self.count, 0, 0
            self.count += 1
        ids = {
            (row, column): f"{number}.{first_row + row - skip}.{column}"
            for row, column in table.cells
            if row >= skip
        }
        rows = 1 + max((row for row, _ in table.cells), default=0) - skip
        self.open_table = (
            _OpenTable(number, table.columns, first_row + rows, header) if last_on_page else None
        )
        return ids


def find_tables(page: Any) -> list[PageTable]:
    """The page's ruled tables, top to bottom; none on a page without drawn lines."""
    if not page.lines and not page.rects:
        return []
    try:
        tables = page.find_tables()
    except Exception:  # table finding is a refinement: odd geometry must not cost the text
        return []
    found = []
    for table in tables:
        rows = [row.cells for row in table.rows]
        columns = max((len(cells) for cells in rows), default=0)
        if len(rows) < _MIN_ROWS or columns < _MIN_COLUMNS:
            continue
        _, top, _, bottom = table.bbox
        found.append((PageTable(top=top, bottom=bottom, columns=columns), rows))
    for page_table, rows in found:
        page_table.cells = {
            (row, column): []
            for row, cells in enumerate(rows)
            for column, box in enumerate(cells)
            if box is not None
        }
    return _fill(page.chars, found)


def _fill(chars: list[Char], found: list[tuple[PageTable, list[Any]]]) -> list[PageTable]:
    boxes = [
        (page_table, (row, column), box)
        for page_table, rows in found
        for row, cells in enumerate(rows)
        for column, box in enumerate(cells)
        if box is not None
    ]
    for char in chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        for page_table, key, (x0, top, x1, bottom) in boxes:
            if x0 <= x <= x1 and top <= y <= bottom:
                page_table.cells[key].append(char)
                break
    return sorted((page_table for page_table, _ in found), key=lambda table: table.top)


def outside_tables(chars: list[Char], tables: list[PageTable]) -> list[Char]:
    """The glyphs that belong to no table cell."""
    inside = {id(char) for table in tables for cell in table.cells.values() for char in cell}
    return [char for char in chars if id(char) not in inside]


def row_texts(table: PageTable, row: int) -> list[str]:
    """The glyphs of each cell of a row, joined without spaces (to compare header rows)."""
    return [
        "".join(char["text"] for char in table.cells[(row, column)]).replace(" ", "")
        for column in range(table.columns)
        if (row, column) in table.cells
    ]


def table_entries(
    tables: list[PageTable],
    tops: list[float],
    numbering: TableNumbering,
    cell_lines: Callable[[list[Char]], list[tuple[str, list[FontRun]]]],
) -> list[Entry]:
    """Each table's cell lines, row by row, placed where the table starts on the page.

    Args:
        tables: The page's tables.
        tops: Where the page's other lines sit, to tell what a table opens or closes.
        numbering: The document's table numbering, carried from page to page.
        cell_lines: Makes a cell's glyphs into printed lines (the line reader's way).
    """
    entries: list[Entry] = []
    if not tables and tops:
        numbering.open_table = None  # text between: a later table starts afresh
    for index, table in enumerate(tables):
        first = index == 0 and not any(top < table.top for top in tops)
        last = index == len(tables) - 1 and not any(top > table.bottom for top in tops)
        ids = numbering.cell_ids(table, first_on_page=first, last_on_page=last)
        for key in sorted(ids):
            for raw, fonts in cell_lines(table.cells[key]):
                if raw.strip():
                    entries.append((table.top, len(entries) + 1, raw, fonts, ids[key]))
    return entries
