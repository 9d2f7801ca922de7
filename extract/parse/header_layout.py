r"""A layout-normalised view of the first lines: the cells of the header, in reading order.

Nghị định 30/2020/NĐ-CP (Phụ lục I) and Hướng dẫn 36-HD/VPTW set the header in a
two-column table. What reaches us has lost the table in many ways: cells on
separate lines with lone ``|`` lines between them, cells joined by ``|`` on one
line, columns side by side with a wide gap, a web page's literal ``\r\n``,
and cells broken anywhere ("ỦY" / "BAN NHÂN DÂN", "Hà" / "Nội, ngày ...").

The view cuts every line into cells at those separators, drops cells without a
letter or a digit (the rules "-------" and "*" under a name), and joins the cells
into one text separated by newlines. Header fields are then found by patterns
that may cross a newline, and each match maps back to its lines and offsets.

A PDF copied as plain text may also run the whole table onto one line with
single spaces, the two columns interleaved ("BỘ LAO ĐỘNG – THƯƠNG CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM BINH VÀ XÃ HỘI Độc lập – Tự do – Hạnh phúc ... Số: ...").
Such a line holds the motto in capitals among other words; it is cut around the
motto and where a run of words in capitals meets a run in mixed case, which is
where the cells of the table met.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from itertools import groupby, pairwise

from extract.model import Line, Span
from extract.parse.header_motto import motto_chains
from extract.parse.meta_vocabulary import meta_vocabulary, words_pattern
from extract.text import search_form

# Inside a header run onto one line: a rule ("-------", "*****"), the number's label,
# a place-date's ", ngày"; the place before it takes at most this many words.
_RULE = re.compile(r"[-_*=–—]{3,}")
_NUMBER_LABEL = re.compile(r"(?<!\w)Số\s*[:.]?\s*(?=[\d./…_-]|\s{2})", re.IGNORECASE)
# "Số:" or "Số 48-..." after a name: not "DÂN SỐ - KẾ HOẠCH HÓA GIA ĐÌNH".
_NAME_THEN_NUMBER = re.compile(r"(?<!\w)Số\s*(?::|\s(?=\d))")
_WORDED_DATE = re.compile(r",\s*ngày\s*\d{0,2}[\s.…_]*tháng\s*\d{0,2}[\s.…_]*năm\s*\d{4}", re.I)
_LETTER_PARTS = re.compile(r"(?<!\w)(?:V/v|Kính gửi)(?!\w)", re.IGNORECASE)
_PLACE_DATE = re.compile(r",\s*ngày\b", re.IGNORECASE)
PLACE_WORDS = 6
# A wide gap, a tab, a table bar, or a web page's line break written out as "\r\n".
_CELL_SPLIT = re.compile(r"\s{3,}|\t+|\s*\|\s*|(?:\s*\\[rn])+\s*")
MARKUP = " \t*#_"
# "(Trích)", "(Dự thảo)" closing a title in capitals.
# Only a "(" starts a match, so a line of many spaces costs no more than its length.
_CLOSING_REMARK = re.compile(r"\([^()]{1,20}\)\s*$")


@dataclass(frozen=True)
class Cell:
    """One cell of the header: its text and where it sits in a line."""

    text: str
    line: int
    start: int
    end: int

    @property
    def in_capitals(self) -> bool:
        """No lower-case letter: a body name or a kind line, not a sentence.

        A closing remark in brackets ("... NĂM 2007 (Trích)", an excerpt's mark) is not
        part of the line's case.
        """
        return in_capitals(self.text)


def in_capitals(text: str) -> bool:
    """Whether ``text``, a closing remark in brackets aside, has letters and none in lower case."""
    text = _CLOSING_REMARK.sub("", text)
    return any(char.isalpha() for char in text) and not any(char.islower() for char in text)


@dataclass(frozen=True)
class LayoutView:
    """The cells joined by newlines, with a map from offsets back to cells."""

    cells: tuple[Cell, ...]
    text: str
    search: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, lines: list[Line]) -> LayoutView:
        """Cut ``lines`` into cells and join them.

        A line printed without a letter or a digit is a rule whatever the repair
        of dropped glyphs made of it ("______" read as a word): it holds no cell.
        """
        cells = motto_columns(
            tuple(cell for line in lines if is_printed(line) for cell in line_cells(line))
        )
        starts: list[int] = []
        offset = 0
        for cell in cells:
            starts.append(offset)
            offset += len(cell.text) + 1
        text = "\n".join(cell.text for cell in cells)
        return cls(cells, text, search_form(text), tuple(starts))

    def cell_at(self, offset: int) -> int:
        """The index of the cell holding ``offset`` of the joined text."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` in line terms."""
        first = self.cells[self.cell_at(start)]
        last_index = self.cell_at(max(end - 1, start))
        last = self.cells[last_index]
        start_in_line = first.start + start - self.starts[self.cell_at(start)]
        end_in_line = last.start + min(end - self.starts[last_index], len(last.text))
        return Span(line=first.line, start=start_in_line, end_line=last.line, end=end_in_line)

    def lines_of(self, start: int, end: int) -> list[int]:
        """The line numbers ``text[start:end]`` covers."""
        first, last = self.cell_at(start), self.cell_at(max(end - 1, start))
        return sorted({cell.line for cell in self.cells[first : last + 1]})


def is_printed(line: Line) -> bool:
    """Whether the line as extracted holds a letter or a digit (not a rule "______")."""
    return any(char.isalnum() for char in line.raw)


def line_cells(line: Line) -> list[Cell]:
    """The cells of one line, each stripped of markup, with their offsets."""
    cells = []
    position = 0
    text = line.text
    for separator in [*_CELL_SPLIT.finditer(text), None]:
        end = separator.start() if separator is not None else len(text)
        cell = _cell(line.number, text, position, end)
        if cell is not None:
            cells.extend(_unflattened(cell, text))
        if separator is not None:
            position = separator.end()
    return cells


def motto_columns(cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """``cells`` with a motto split over rows cut off the rows' ends and put after the names.

    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI" / "TỈNH BẮC KẠN CHỦ NGHĨA VIỆT NAM" (a
    two-column table read row by row) becomes "ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN",
    "CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM": see :mod:`~extract.parse.header_motto`.
    """
    rows = [list(row) for _, row in groupby(cells, key=lambda cell: cell.line)]
    chains = motto_chains([(row[-1].line, row[-1].text, len(row) > 1) for row in rows])
    if not chains:
        return cells
    ordered: list[Cell] = []
    index = 0
    for chain in chains:
        while rows[index][-1].line != chain[0].line:
            ordered.extend(rows[index])
            index += 1
        names: list[Cell] = []
        pieces: list[Cell] = []
        for piece in chain:
            *before, last = rows[index]
            names.extend(before)
            name = _without_stray_letter(last.text[: piece.offset].rstrip())
            if name:
                names.append(Cell(name, last.line, last.start, last.start + len(name)))
            start = last.start + piece.offset
            pieces.append(Cell(last.text[piece.offset :], last.line, start, last.end))
            index += 1
        ordered.extend(names + pieces)
    for row in rows[index:]:
        ordered.extend(row)
    return tuple(ordered)


def _without_stray_letter(name: str) -> str:
    """A name cut from a motto piece without a lone letter at its end ("... DÂN Y").

    A scan reads a mark in the gap between the columns as a letter; no body's name
    ends on a word of one letter.
    """
    words = name.split()
    if len(words) >= 2 and len(words[-1]) == 1 and words[-1].isalpha():
        return name[: name.rindex(words[-1])].rstrip()
    return name


def _unflattened(cell: Cell, text: str) -> list[Cell]:
    """A cell holding a whole header run together, cut where its table cells met.

    Only a cell with the motto written in capitals (or "Độc lập - Tự do - Hạnh
    phúc") and other words besides is cut: a sentence citing "nước Cộng hòa xã hội
    chủ nghĩa Việt Nam" in running text is left whole.
    """
    cuts = _motto_cuts(cell.text)
    alone = len(cuts) == 2 and not any(char.isalpha() for char in _outside(cell.text, cuts))
    if alone:
        return [cell]
    if not cuts:
        cuts = _name_number_cut(cell.text)
        if not cuts:
            return [cell]
    else:
        cuts |= _case_cuts(cell.text) | _field_cuts(cell.text)
    pieces = []
    for start, end in pairwise(sorted({0, *cuts, len(cell.text)})):
        piece = _cell(cell.line, text, cell.start + start, cell.start + end)
        if piece is not None:
            pieces.append(piece)
    return pieces


def _name_number_cut(text: str) -> set[int]:
    """Before "Số:" in a cell that holds a name in capitals and then the number.

    A page that flattens each cell of the table with spaces gives the left column
    as one cell: "ỦY BAN NHÂN DÂN Số: 129/KH-UBND" (luatvietnam.vn). The name and
    the number are two fields of Nghị định 30/2020/NĐ-CP, Phụ lục I.
    """
    label = _NAME_THEN_NUMBER.search(text)
    if label is None or label.start() == 0:
        return set()
    name = text[: label.start()]
    words = [word for word in name.split() if any(char.isalpha() for char in word)]
    if len(words) < 2 or any(char.islower() for char in name):
        return set()
    return {label.start()}


def _field_cuts(text: str) -> set[int]:
    """Offsets around the rules under the names, before "Số" and before the place-date.

    "... TỈNH TRÀ VINH ------- CỘNG HÒA ... --------------- Số: 19/KH-UBND Trà Vinh,
    ngày 06 tháng 4 năm 2020": each field starts a cell of its own, as in the table.
    """
    cuts = {offset for rule in _RULE.finditer(text) for offset in rule.span()}
    cuts |= {label.start() for label in _NUMBER_LABEL.finditer(text)}
    for date in _PLACE_DATE.finditer(text):
        words = list(re.finditer(r"\S+", text[: date.start()]))
        place = [word for word in words[-PLACE_WORDS:] if word.group(0)[:1].isupper()]
        taken = 0
        for word in reversed(words[-PLACE_WORDS:]):
            if not word.group(0)[:1].isupper() or word.group(0).endswith(":"):
                break
            taken += 1
        if taken and place:
            cuts.add(words[-taken].start())
    # The date ends at its year; a letter's subject ("V/v ...") and its addressees
    # ("Kính gửi:") follow it in cells of their own (Nghị định 30, Phụ lục I mục 5b).
    cuts |= {date.end() for date in _WORDED_DATE.finditer(text)}
    cuts |= {found.start() for found in _LETTER_PARTS.finditer(text)}
    return cuts


def _motto_cuts(text: str) -> set[int]:
    """Offsets before and after each motto written as a header writes it."""
    cuts: set[int] = set()
    for match in _motto_pattern().finditer(search_form(text)):
        written = text[match.start() : match.end()]
        if written.isupper() or (written[:1].isupper() and "-" in search_form(written)):
            cuts |= {match.start(), match.end()}
    return cuts


def _outside(text: str, cuts: set[int]) -> str:
    """The text of ``text`` outside the motto spans that ``cuts`` bound."""
    bounds = sorted(cuts)
    kept = [text[: bounds[0]]]
    kept += [text[end:start] for end, start in zip(bounds[1::2], bounds[2::2], strict=False)]
    kept.append(text[bounds[-1] :])
    return " ".join(kept)


def _case_cuts(text: str) -> set[int]:
    """Offsets where words in capitals give way to words in mixed case, or back.

    "... THƯƠNG BINH VÀ XÃ HỘI Căn cứ ..." and "... năm 2007 QUYẾT ĐỊNH ...": a
    name or a kind line in capitals beside a field or a sentence. Two words in
    capitals at least make a run, so "Số: 23/2007/QĐ-BLĐTBXH Hà Nội" stays whole.
    """
    glued: set[int] = set()
    words = []
    for match in re.finditer(r"\S+", text):
        # A word glued from two cells ("ĐỊNHVề") is two words, each with its own case.
        seams = [match.start() + seam for seam in _seams(match.group(0))]
        glued.update(seams)
        for start, end in pairwise([match.start(), *seams, match.end()]):
            words.append((start, _case_of(text[start:end])))
    cuts: set[int] = set()
    for index, (start, case) in enumerate(words):
        if index == 0 or case is None:
            continue
        previous = next((kind for _, kind in reversed(words[:index]) if kind is not None), None)
        if previous is None or previous == case:
            continue
        following = [kind for _, kind in words[index : index + 2]]
        if case == "mixed" or following == ["capitals", "capitals"]:
            cuts.add(start)
    return cuts | glued


def _seams(word: str) -> list[int]:
    """Where two cells were glued without a space: "ĐỊNHVề" (QUYẾT ĐỊNH / Về việc), "ƯƠNGSố".

    A page that dropped the table's markup runs a cell in capitals into the next one;
    inside one word, two capitals or more followed by a capital and a small letter
    mark the seam ("KHoạch", a single capital, is a slip of the shift key, not a seam).
    Only the first seam of a word counts: the capitals before it open the word.
    """
    capitals = 0
    for index, char in enumerate(word):
        if not char.isalpha() or not char.isupper():
            return []
        following = word[index + 1 : index + 2]
        if capitals >= 2 and following.isalpha() and following.islower():
            return [index]
        capitals += 1
    return []


def _case_of(word: str) -> str | None:
    """The case of a word: "BỘ" is in capitals, "Căn" mixed; "23/2007/QĐ-BLĐTBXH" neither."""
    letters = word.rstrip(",.:;")
    if not letters.isalpha():
        return None
    if letters.isupper():
        return "capitals" if len(letters) >= 2 else None
    return "mixed"


@cache
def _motto_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?:{words_pattern(meta_vocabulary().header_mottos)})")


def _cell(number: int, text: str, start: int, end: int) -> Cell | None:
    while start < end and text[start] in MARKUP:
        start += 1
    while end > start and text[end - 1] in MARKUP:
        end -= 1
    written = text[start:end]
    if not any(char.isalnum() for char in written):
        return None
    return Cell(text=written, line=number, start=start, end=end)
