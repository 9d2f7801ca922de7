"""Items laid out in a table: "STT | Nội dung | Cơ quan chủ trì | ... | Thời gian".

Many plans, state ones above all, list their tasks as table rows (Nghị định
30/2020/NĐ-CP lets a plan carry an appendix table). The DOCX reader gives each
cell paragraph as a Line with ``cell`` = "table.row.column". A table is a table
of items when one of its rows is a header row naming a text column ("Nội dung")
and at least one other known column (number, bodies, deadline); every later
row with text in that column is one item, its bodies and deadline read from
the other columns. The header words are vocabulary (``table_columns`` in
``items.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from extract.model import Bodies, Body, Deadline, Line, Quantity, Span
from extract.parse.bodies import merge, parse_bodies, roles_named, starts_body
from extract.parse.deadlines import parse_deadline
from extract.parse.level_tables import HEADER_WORDS, sets_levels, unnamed_text_column
from extract.parse.table_figures import cell_quantities
from extract.parse.vocabulary import Role, items
from extract.text import normalise

Column = Literal[
    "number",
    "content",
    "deadline",
    "lead",
    "advisory",
    "implementing",
    "coordinating",
    "unit",
    "value",
]
_CELL_ID = re.compile(r"^(?P<table>\d+)\.(?P<row>\d+)\.(?P<column>\d+)$")
_NUMBER = re.compile(r"^\s*(?P<number>\d{1,3})\s*[.)]?\s*$")
# A text cell that carries the row's number, in a table without a number column:
# "1. Số bác sỹ cho 10000 dân".
_NUMBERED_TEXT = re.compile(r"^\s*(?P<number>\d{1,3})[.)]\s+(?=\S)")
# A column of figures is headed by its year: "Năm 2025", "Đến năm 2026", "KH 2023".
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
ROLES: tuple[Role, ...] = ("lead", "advisory", "implementing", "coordinating")

Cells = dict[int, list[Line]]


@dataclass
class TableRow:
    """One item row of a table, with what its other columns say."""

    number: int
    text: str
    span: Span
    lines: list[int]
    targets: bool
    bodies: Bodies = field(default_factory=Bodies)
    deadline: Deadline | None = None
    unit: str = ""
    # The figures of the row, by column.
    values: dict[int, str] = field(default_factory=dict)
    # Where the row starts: its number cell ("1" above "Tỷ lệ ..."), else its text.
    first_line: int = 0
    # The figures its columns of figures set, in column order, each with the row's unit.
    quantities: list[Quantity] = field(default_factory=list)
    # The first line of the table's header: the section the table belongs to is there.
    header_line: int = 0


def table_rows(lines: list[Line], year: int | None = None) -> tuple[list[TableRow], set[int]]:
    """The item rows of every table of items, and the line numbers those tables take.

    Args:
        lines: The plan's lines; only those with a table ``cell`` are looked at.
        year: The year a deadline without one belongs to, when the plan makes it clear.

    Returns:
        The rows in document order, and every line of a table of items (header
        rows included) so the running-text scan can skip them.
    """
    found: list[TableRow] = []
    taken: set[int] = set()
    for rows in _tables(lines).values():
        header = next((index for index, row in enumerate(rows) if _columns(row)), None)
        if header is None:
            continue
        columns = _columns(rows[header])
        names_targets = _names_targets(rows[header], columns)
        body = header + 1
        words = _role_words(rows[header], columns)
        named = {column: _cell_text(cell) for column, cell in rows[header].items()}
        if body < len(rows) and (sub_columns := _sub_header(rows[body])):
            columns.update(sub_columns)  # "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
            words.update(_role_words(rows[body], sub_columns))
            named.update({column: _cell_text(rows[body][column]) for column in sub_columns})
            body += 1
        targets = names_targets or sets_levels(named, columns, _texts(rows[body:]), year)
        if not targets and _unnamed(named, columns):
            continue  # a text column told by its place: read only as a table of targets
        for row in rows[header:]:
            taken.update(line.number for cell in row.values() for line in cell)
        headers = {column: _cell_text(cell) for column, cell in rows[header].items()}
        header_line = min(line.number for cell in rows[header].values() for line in cell)
        first_row = len(found)
        for row in rows[body:]:
            item = _row_item(row, columns, targets, year, len(found) + 1, words)
            if item is None:
                continue
            item = _with_figure(item, headers)
            if len(found) > first_row and _details_row_above(item, row, columns):
                found[-1].quantities.extend(item.quantities)
                found[-1].lines = sorted({*found[-1].lines, *item.lines})
                continue
            item.header_line = header_line
            found.append(item)
    return found, taken


def _tables(lines: list[Line]) -> dict[int, list[Cells]]:
    """Cells grouped by table, then row (in order), then column."""
    grouped: dict[int, dict[int, Cells]] = {}
    for line in lines:
        match = _CELL_ID.match(line.cell or "")
        if match is None:
            continue
        table = grouped.setdefault(int(match["table"]), {})
        row = table.setdefault(int(match["row"]), {})
        row.setdefault(int(match["column"]), []).append(line)
    return {table: [rows[index] for index in sorted(rows)] for table, rows in grouped.items()}


def _texts(rows: list[Cells]) -> list[dict[int, str]]:
    return [{column: _cell_text(cell) for column, cell in row.items()} for row in rows]


def _cell_text(cell: list[Line]) -> str:
    return " ".join(" ".join(line.text.split()) for line in cell if line.text.strip())


def _columns(row: Cells) -> dict[int, Column]:
    """What each column of a header row holds; empty when the row is no header row.

    A header that names no text column has it told by its place when it names a column of
    figures (``level_tables.unnamed_text_column``).
    """
    headers = {column: _cell_text(cell) for column, cell in row.items()}
    columns = header_kinds(headers)
    kinds = list(columns.values())
    if kinds.count("content") != 1 or len(kinds) < 2:
        return {}
    return columns


def header_kinds(headers: dict[int, str]) -> dict[int, Column]:
    """What each column of a header holds, by its words, else (the text column) by its place."""
    columns: dict[int, Column] = {
        column: kind for column, text in headers.items() if (kind := column_kind(text)) is not None
    }
    unnamed = unnamed_text_column(headers, columns)
    if unnamed is not None:
        columns[unnamed] = "content"
    return columns


def _unnamed(headers: dict[int, str], columns: dict[int, Column]) -> bool:
    """Whether the header's text column was told by its place, not by its words."""
    return any(
        kind == "content" and column_kind(headers[column]) is None
        for column, kind in columns.items()
    )


def _role_words(row: Cells, columns: dict[int, Column]) -> dict[int, str]:
    """The role words of each bodies column's header ("chủ trì", "phối hợp")."""
    words = {}
    for column, kind in columns.items():
        named = dict(roles_named(_cell_text(row.get(column, [])))) if kind in ROLES else {}
        if kind in named:
            words[column] = named[kind]  # type: ignore[index]
    return words


def _sub_header(row: Cells) -> dict[int, Column]:
    """The columns a second header row splits a merged heading into, else empty."""
    written = {column: _cell_text(cell) for column, cell in row.items() if _cell_text(cell)}
    kinds = {column: column_kind(text) for column, text in written.items()}
    if not kinds or any(kind is None or kind == "content" for kind in kinds.values()):
        return {}
    return {column: kind for column, kind in kinds.items() if kind is not None}


def column_kind(header: str) -> Column | None:
    """What a header cell names: the number, the item's text, a figure, a unit, a body..."""
    folded = normalise(header).strip(" .:")
    if not folded or len(folded.split()) > HEADER_WORDS:
        return None
    words = items().table_columns
    if folded in (normalise(word) for word in words.number):
        return "number"
    if folded in (normalise(word) for word in words.unit):
        return "unit"
    if _starts(folded, words.deadline):
        return "deadline"
    if _YEAR.search(folded) and _starts(folded, words.baseline):
        return None  # "Thực hiện 2019", "Ước TH năm 2019": results, no body and no level
    if _YEAR.search(folded):
        # "Năm 2025", "Chỉ tiêu năm 2025" hold figures; "Nội dung năm 2023" is the text.
        other_content = [word for word in words.content if word not in words.target_content]
        if not _starts(folded, other_content):
            return "value"
    if _starts(folded, words.value):
        return "value"  # "Chỉ tiêu cụ thể" beside "Tên chỉ tiêu": the figure set
    if _starts(folded, words.content):
        return "content"
    named = roles_named(folded)
    return named[0][0] if named else None


def _starts(folded: str, phrases: list[str]) -> bool:
    return any(folded == p or folded.startswith(f"{p} ") for p in map(normalise, phrases))


def _names_targets(row: Cells, columns: dict[int, Column]) -> bool:
    content = next(column for column, kind in columns.items() if kind == "content")
    return _starts(normalise(_cell_text(row[content])), items().table_columns.target_content)


def _row_item(
    row: Cells,
    columns: dict[int, Column],
    targets: bool,
    year: int | None,
    running: int,
    role_words: dict[int, str] | None = None,
) -> TableRow | None:
    """The item of one row, or None for an empty row or a group row ("I | NHIỆM VỤ CHUNG")."""
    content_column = next(column for column, kind in columns.items() if kind == "content")
    content = [line for line in row.get(content_column, []) if line.text.strip()]
    if not content or not any(char.isalpha() for char in _cell_text(content)):
        return None  # an empty row, or the row numbering the columns "(1) | (2) | (3)"
    number_cells = [row.get(column, []) for column, kind in columns.items() if kind == "number"]
    written = _cell_text(number_cells[0]) if number_cells else ""
    number = _NUMBER.match(written)
    others = [
        row.get(column, []) for column, kind in columns.items() if kind not in ("number", "content")
    ]
    if written and number is None and not any(_cell_text(cell) for cell in others):
        return None  # a group row: a Roman or lettered number and a title only
    last = content[-1]
    first = min((line.number for cell in number_cells for line in cell), default=content[0].number)
    text = _cell_text(content)
    numbered = _NUMBERED_TEXT.match(text) if not number_cells else None
    if numbered is not None:
        number, text = numbered, text[numbered.end() :]
    item = TableRow(
        number=int(number["number"]) if number is not None else running,
        text=text,
        span=Span(line=content[0].number, end_line=last.number, end=len(last.text.rstrip())),
        first_line=min(first, content[0].number),
        lines=sorted(line.number for cell in row.values() for line in cell),
        targets=targets,
    )
    for column, kind in columns.items():
        words = (role_words or {}).get(column)
        _read_column(item, kind, row.get(column, []), year, column, words)
    return item


def _details_row_above(item: TableRow, row: Cells, columns: dict[int, Column]) -> bool:
    """An unnumbered target row opening on "Trong đó": a breakdown of the row above."""
    numbered = any(
        _cell_text(row.get(column, [])) for column, kind in columns.items() if kind == "number"
    )
    if not item.targets or numbered or _NUMBERED_TEXT.match(item.text) or not item.quantities:
        return False
    return _starts(normalise(item.text).strip(), items().table_columns.breakdown) or any(
        normalise(item.text).startswith(f"{normalise(word)}:")
        for word in items().table_columns.breakdown
    )


def _with_figure(item: TableRow, headers: dict[int, str]) -> TableRow:
    """A target row whose figure sits in year columns: its text gains the latest one.

    "Tỷ lệ lao động qua đào tạo | % | 60 | 65" under "... | ĐVT | Năm 2023 | Năm 2025"
    reads "Tỷ lệ lao động qua đào tạo (Năm 2025: 65%)", so that the figure the plan
    sets for the end of its period is compared, with the column it came from. Its
    quantities are that cell's figure with the row's unit.
    """
    if not item.targets or not item.values:
        return item
    column = max(item.values, key=lambda found: _column_year(headers.get(found, "")))
    value = item.values[column]
    unit = item.unit
    # The figures are read from the cell, not from the row's name ("Số bác sỹ cho 10000
    # dân | 9.06 | 9.81 | 9 | 10"): the name's own figures define the indicator.
    item.quantities = cell_quantities(value, unit)
    joined = f"{value}{unit}" if unit.startswith("%") else f"{value} {unit}".strip()
    item.text = f"{item.text} ({headers.get(column, '')}: {joined})"
    return item


def _column_year(header: str) -> int:
    years = [int(found) for found in _YEAR.findall(header)]
    return max(years, default=0)


def _read_column(
    item: TableRow,
    kind: Column,
    cell: list[Line],
    year: int | None,
    column: int = 0,
    words: str | None = None,
) -> None:
    text = _cell_text(cell)
    if not text:
        return
    if kind == "unit":
        item.unit = text
    elif kind == "value" and any(char.isdigit() for char in text):
        item.values[column] = text
    elif kind == "deadline" and item.deadline is None:
        item.deadline = parse_deadline(text, year, cell[0].number)
    elif kind in ROLES:
        found = [body for group in _body_lines(cell) for body in _group_bodies(group)]
        item.bodies = merge(item.bodies, kind, found, words)  # type: ignore[arg-type]


def _body_lines(cell: list[Line]) -> list[list[Line]]:
    """The cell's lines grouped so that a name wrapped over lines is one group.

    A PDF cell wraps "Phòng Văn hóa và" / "Thông tin"; a line that does not open a
    body (by the registry's heads) continues the line before.
    """
    groups: list[list[Line]] = []
    for line in cell:
        if not line.text.strip():
            continue
        if groups and not starts_body(line.text.strip()):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _group_bodies(group: list[Line]) -> list[Body]:
    first, last = group[0], group[-1]
    if len(group) == 1:
        return parse_bodies(first.text, line=first.number)
    joined = " ".join(" ".join(line.text.split()) for line in group)
    end = Span(line=first.number, start=0, end_line=last.number, end=len(last.text.rstrip()))
    return [
        body.model_copy(update={"span": _spread(body.span, first, end)})
        for body in parse_bodies(joined, line=first.number)
    ]


def _spread(span: Span | None, first: Line, whole: Span) -> Span | None:
    """A span found in joined lines: kept when it fits the first line, else the whole cell."""
    if span is not None and span.end is not None and span.end <= len(first.text):
        return span
    return whole
