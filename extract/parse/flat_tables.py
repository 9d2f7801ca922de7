"""Tables a web page flattened into cells: separated by "|" lines, or by blank lines.

A legal library or a portal that shows a table as text writes each cell's words on
one or more lines and a line holding only "|" after each cell ("STT" / "|" / "Tên
chỉ tiêu" / "|" / ... / "1" / "|" / "Tỷ" / "lệ cán bộ ..." / "|" / "%" / "|" / "100").
:func:`cells_from_bars` gives each such line the ``cell`` id the DOCX reader gives
("table.row.column"), so :mod:`extract.parse.tables` reads the table as it reads one
from Word: header row, number, text, unit and figure columns.

Rows are not marked in such text. The header row runs up to the first cell that
numbers a row ("I", "1"); after it a row ends when it has as many cells as the header,
or when a cell numbers the next row: the next Roman numeral, the next number, or 1
after a group row ("I | Đào tạo ... |"). A figure cell ("100") is therefore never
taken for a row number.

A portal page may instead give each cell as a paragraph with a blank line between
cells and a line holding only spaces for an empty cell ("Tên chỉ tiêu" / "" / "Thực
hiện" / "" / "Mục tiêu đến năm 2025" / "" / "1. Số bác sỹ ..." / "" / "9.06" / ...).
:func:`cells_from_blank_lines` reads such a table when the short paragraphs right
above its first numbered row are a header naming a column of the figures set and one
text column, or none when the rows' numbered names tell the width; it then cuts the
paragraphs below into rows of the header's width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Line
from extract.parse.tables import HEADER_WORDS, column_kind, header_kinds
from extract.text import roman_value

# A line holding only the bar that closes a cell.
BAR = re.compile(r"^\s*\|\s*$")
# A cell that numbers a row: "I", "II", "1", "12.".
_ROW_NUMBER = re.compile(r"^\s*(?:(?P<roman>[IVX]{1,5})|(?P<arabic>\d{1,3}))\s*[.)]?\s*$")
# Table numbers above any the DOCX reader gives, so the two never share an id.
FIRST_TABLE = 1000
# A cell longer than this many lines is running text, not a cell: the table ends.
MAX_CELL_LINES = 12
# A header names at least this many columns tables.py knows (number, text, unit...).
MIN_KNOWN_COLUMNS = 2
# Tables read from blank-line paragraphs get numbers above those of bar tables.
FIRST_BLANK_TABLE = 2000
# A header paragraph is a cell name of at most this many lines ("Thực hiện" /
# "Implemented target 2019"); a table of blank-line cells has at least MIN_WIDTH columns.
HEADER_LINES = 3
MIN_WIDTH = 3
# The widest table of blank-line cells whose rows tell its width, and how such a row opens.
MAX_WIDTH, _NAMED_ROW = 12, re.compile(r"^\s*(?P<number>\d{1,3})[.)]\s+\S")
# A paragraph that opens a row: its number alone ("1", "II.") or a numbered name
# ("1. Số bác sỹ cho 10000 dân").
_ROW_OPENER = re.compile(r"^\s*(?P<number>\d{1,3}|[IVX]{1,5})\s*(?:[.)](?:\s+\S.*)?)?\s*$")


@dataclass
class _Row:
    """Where a table is in its rows: the last numbers seen, whether the last was a group."""

    roman: int = 0
    arabic: int = 0
    group: bool = False


def cells_from_bars(lines: list[Line]) -> list[Line]:
    """The lines, those of a "|"-flattened table carrying their cell id; others unchanged."""
    if not any(BAR.match(line.text) for line in lines):
        return lines
    marked = list(lines)
    for table, cells in enumerate(_bar_runs(lines), start=FIRST_TABLE):
        width = _header_width(cells, lines)
        if width is None:
            continue
        for cell, (row, column) in zip(cells, _positions(cells, lines, width), strict=True):
            for index in cell:
                marked[index] = lines[index].model_copy(update={"cell": f"{table}.{row}.{column}"})
    return marked


def _bar_runs(lines: list[Line]) -> list[list[list[int]]]:
    """Runs of cells (each a list of line indexes, maybe empty) closed by bar lines."""
    runs: list[list[list[int]]] = []
    current: list[list[int]] = []
    pending: list[int] = []
    for index, line in enumerate(lines):
        if line.cell is not None:
            pending = []
            continue
        if BAR.match(line.text):
            if not current and not pending:
                continue
            current.append(pending if current else pending[-1:])
            pending = []
        elif line.text.strip():
            pending.append(index)
            if len(pending) > MAX_CELL_LINES:
                if len(current) > 1:
                    runs.append(current)
                current, pending = [], pending[-1:]
    if current:
        if pending:
            current.append(pending)  # the last cell of a cut text has no closing bar
        runs.append(current)
    return [run for run in runs if len(run) > 1]


def _text(cell: list[int], lines: list[Line]) -> str:
    return " ".join(" ".join(lines[index].text.split()) for index in cell)


def _header_width(cells: list[list[int]], lines: list[Line]) -> int | None:
    """How many cells the header row has, when the run opens with a header of items."""
    for position, cell in enumerate(cells):
        if _ROW_NUMBER.match(_text(cell, lines)):
            headers = {
                column: _text(header, lines) for column, header in enumerate(cells[:position])
            }
            kinds = list(header_kinds(headers).values())
            if kinds.count("content") == 1 and len(kinds) >= MIN_KNOWN_COLUMNS:
                return position
            return None
    return None


def _positions(cells: list[list[int]], lines: list[Line], width: int) -> list[tuple[int, int]]:
    """Row and column of every cell of the run."""
    positions = []
    state = _Row()
    row, column = 0, 0
    for position, cell in enumerate(cells):
        text = _text(cell, lines)
        starts = position == width or (position > width and column >= width)
        if position > width and not starts and column >= 2:
            starts = _numbers_next_row(text, state)
        if starts:
            row, column = row + 1, 0
            _advance(state, text)
        positions.append((row, column))
        column += 1
    return positions


def _numbers_next_row(text: str, state: _Row) -> bool:
    found = _ROW_NUMBER.match(text)
    if found is None:
        return False
    if found["roman"] is not None:
        return roman_value(found["roman"]) == state.roman + 1
    number = int(found["arabic"])
    return number == state.arabic + 1 or (number == 1 and state.group)


def _advance(state: _Row, text: str) -> None:
    found = _ROW_NUMBER.match(text)
    if found is None:
        state.group = False
    elif found["roman"] is not None:
        state.roman = roman_value(found["roman"])
        state.arabic, state.group = 0, True
    else:
        state.arabic, state.group = int(found["arabic"]), False


def cells_from_blank_lines(lines: list[Line]) -> list[Line]:
    """The lines, those of a table flattened into blank-line paragraphs carrying a cell id."""
    blocks = _paragraphs(lines)
    headers = _BlankHeaders(blocks, lines)
    marked = list(lines)
    table = FIRST_BLANK_TABLE
    position = 0
    while position < len(blocks):
        header = headers.above(position)
        if header is None:
            position += 1
            continue
        start, width = header
        end = _rows_end(blocks, start + width, width, lines)
        if end == start + width:  # not one row under the header: no table, and go on
            position += 1
            continue
        for offset, block in enumerate(blocks[start:end]):
            row, column = divmod(offset, width)
            for index in block:
                marked[index] = lines[index].model_copy(update={"cell": f"{table}.{row}.{column}"})
        table += 1
        position = end
    return marked


def _paragraphs(lines: list[Line]) -> list[list[int]]:
    """Runs of non-blank lines; a line of spaces only is an empty paragraph of its own.

    A line already in a table (DOCX cell, bar table) ends the run and is no paragraph.
    """
    blocks: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if line.cell is None and line.text.strip():
            current.append(index)
            continue
        if current:
            blocks.append(current)
            current = []
        if line.cell is None and line.text and not line.text.strip():
            blocks.append([index])  # "  ": an empty cell
    if current:
        blocks.append(current)
    return blocks


class _BlankHeaders:
    """Where the header above a row opener starts and how wide it is.

    The short paragraphs right above the row (back to an empty or a long one) hold
    exactly one text column; the header starts at the first of them whose name a
    column has ("Tên chỉ tiêu" after a page's title lines) and must name a column of
    the figures set, so a list of plain headings is no table.

    Every paragraph's column kind is worked out once and the run above an opener is
    counted as the openers come, in order: naming the whole run again for each opener
    made a plan of 1,000 short numbered paragraphs ("1. ...", blank, "2. ...") cost
    50 s, since each of them is both an opener and a header cell of the next.
    """

    def __init__(self, blocks: list[list[int]], lines: list[Line]) -> None:
        self._blocks, self._lines = blocks, lines
        heads = [_is_header_cell(block, lines) for block in blocks]
        # The first paragraph of the run of header cells that ends right above each one.
        self._run_first = list(range(len(blocks)))
        for index in range(1, len(blocks)):
            if heads[index - 1]:
                self._run_first[index] = self._run_first[index - 1]
        self._first, self._end = -1, -1
        self._content, self._value, self._first_known, self._known = 0, False, -1, 0

    def above(self, opener: int) -> tuple[int, int] | None:
        """(start, width) of the header whose first row ``opener`` opens, or None."""
        if not _ROW_OPENER.match(_text(self._blocks[opener], self._lines)):
            return None
        self._count_run(self._run_first[opener], opener)
        if self._content == 0 and self._value:
            return self._told_by_rows(opener)
        if self._content != 1 or not self._value or self._first_known < 0:
            return None
        start = self._first_known
        width = opener - start
        if width < MIN_WIDTH or self._known < MIN_KNOWN_COLUMNS:
            return None
        return start, width

    def _told_by_rows(self, opener: int) -> tuple[int, int] | None:
        """(start, width) of a header naming no text column, told by its rows; or None.

        A row opens on a numbered name ("1. Số bác sỹ ..."), the next on the next number
        within ``MAX_WIDTH`` paragraphs: the distance is the width, the header that many
        paragraphs above (``level_tables.unnamed_text_column`` tells its text column).
        """
        named = _NAMED_ROW.match(_text(self._blocks[opener], self._lines))
        if named is None:
            return None
        after = range(opener + MIN_WIDTH, min(opener + MAX_WIDTH, len(self._blocks) - 1) + 1)
        width = next(
            (
                following - opener
                for following in after
                if (found := _NAMED_ROW.match(_text(self._blocks[following], self._lines)))
                and int(found["number"]) == int(named["number"]) + 1
            ),
            None,
        )
        if width is None or opener - width < self._run_first[opener]:
            return None
        start = opener - width
        headers = {
            column: _text(self._blocks[start + column], self._lines) for column in range(width)
        }
        kinds = list(header_kinds(headers).values())
        return (start, width) if kinds.count("content") == 1 and "value" in kinds else None

    def _count_run(self, first: int, end: int) -> None:
        """Bring the counts of the kinds of ``blocks[first:end]`` up to date."""
        if first != self._first or end < self._end:
            self._first, self._end = first, first
            self._content, self._value, self._first_known, self._known = 0, False, -1, 0
        for index in range(self._end, end):
            kind = column_kind(_text(self._blocks[index], self._lines))
            if kind is None:
                continue
            self._content += kind == "content"
            self._value = self._value or kind == "value"
            self._first_known = index if self._first_known < 0 else self._first_known
            self._known += 1
        self._end = max(self._end, end)


def _is_header_cell(block: list[int], lines: list[Line]) -> bool:
    text = _text(block, lines)
    words = len(text.split())
    return 0 < words <= HEADER_WORDS and len(block) <= HEADER_LINES


def _rows_end(blocks: list[list[int]], first: int, width: int, lines: list[Line]) -> int:
    """The paragraph after the last row.

    Rows go on while each opens on a numbered name or carries figures in its other
    cells ("Trong đó: ..." | "2.19" | ...), and none of those cells is running text.
    """
    end = first
    while end < len(blocks):
        row = blocks[end : end + width]
        opens = _ROW_OPENER.match(_text(row[0], lines)) is not None
        others = [_text(cell, lines) for cell in row[1:]]
        figures = any(any(char.isdigit() for char in text) for text in others)
        if not (opens or figures) or any(len(text.split()) > HEADER_WORDS for text in others):
            break
        end += len(row)
    return end


# A row whose cells a page joined on one line: "1 | Tốc độ tăng trưởng | % | 7,5 |", or
# cells separated by tabs. Tables read so get numbers above those of blank-line tables.
_JOINED_SEPARATOR = re.compile(r"[|\t]")
FIRST_JOINED_TABLE = 3000
MIN_JOINED_CELLS = 3


def joined_row_cells(lines: list[Line]) -> list[Line]:
    """Cells of tables whose rows a page joined on one line each, as lines of their own.

    A run of such lines (blank lines between them allowed) is a table when its first
    line is a header naming one text column and other columns tables.py knows
    ("STT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2024"). Each cell becomes a line with
    the row's line number and a ``cell`` id, its text at its own offset in the row
    (spaces before it), so that what tables.py reads points into the row's line. The
    plan's own lines are unchanged: these are handed to the table reader only.
    """
    cells: list[Line] = []
    table = FIRST_JOINED_TABLE
    index = 0
    while index < len(lines):
        run = _joined_run(lines, index)
        # A caption row may come first ("Bảng 1 | ..."): the table opens at its header.
        header = next(
            (k for k, position in enumerate(run) if _is_header(_texts(lines[position]))), None
        )
        if header is not None:
            for row, position in enumerate(run[header:]):
                for column, (start, text) in enumerate(_cells(lines[position])):
                    padded = " " * start + text
                    cell = f"{table}.{row}.{column}"
                    cells.append(lines[position].model_copy(update={"text": padded, "cell": cell}))
            table += 1
        index = run[-1] + 1 if run else index + 1
    return cells


def _joined_run(lines: list[Line], index: int) -> list[int]:
    """Indexes of the joined rows from ``index`` on (blank lines skipped), else empty."""
    run: list[int] = []
    position = index
    while position < len(lines):
        line = lines[position]
        if not line.text.strip():
            position += 1
            continue
        if line.cell is not None or len(_cells(line)) < MIN_JOINED_CELLS - 1:
            break
        run.append(position)
        position += 1
    return run


def _cells(line: Line) -> list[tuple[int, str]]:
    """Each cell's text and its offset in the line; an empty last cell after "|" dropped."""
    found = []
    start = 0
    for separator in [*_JOINED_SEPARATOR.finditer(line.text), None]:
        end = separator.start() if separator is not None else len(line.text)
        written = line.text[start:end]
        text = written.strip()
        found.append((start + len(written) - len(written.lstrip()), text))
        start = end + 1 if separator is not None else end
    if found and not found[-1][1]:
        found.pop()
    return found if len(found) > 1 else []


def _texts(line: Line) -> list[str]:
    return [text for _, text in _cells(line)]


def _is_header(texts: list[str]) -> bool:
    kinds = [column_kind(text) for text in texts]
    known = [kind for kind in kinds if kind is not None]
    return (
        len(texts) >= MIN_JOINED_CELLS
        and known.count("content") == 1
        and len(known) >= MIN_KNOWN_COLUMNS + 1
    )
