"""The national motto split over the rows of a two-column header, read row by row.

A header table whose right column breaks the motto over two or three rows
("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM"), read row by row from a PDF or a scan,
puts each piece of the motto on the same line as the left column's name:

    ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI
    TỈNH BẮC KẠN CHỦ NGHĨA VIỆT NAM

A typed PDF leaves no gap or bar between the columns, so the piece stays in the
name's cell and the name reads "Ủy ban nhân dân cộng hòa xã hội tỉnh Bắc Kạn
..."; a scan keeps a wide gap, so the pieces are cells of their own, but in row
order between the names, and the motto is found nowhere whole. The motto's
words are known (``header_mottos`` in the vocabulary): a run of lines whose
ends, in capitals, spell one motto from its first word to its last, at any word
boundary, holds that motto's pieces. Each piece is cut off its line as a cell of
its own, keeping its offsets (:mod:`~extract.parse.header_layout` does the
cutting), and the pieces are put after the names of those lines, in the order
the table has them: left column first, then the motto.

Only a motto completed by the chain counts: a name that merely ends on a word of
the motto ("... XÃ HỘI") is left whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from extract.parse.meta_vocabulary import meta_vocabulary
from extract.text import comparable


@dataclass(frozen=True)
class Piece:
    """Words ``first:last`` of a motto at the end of a line's text, from ``offset`` on."""

    line: int
    offset: int
    first: int
    last: int
    beside: bool = False  # other cells come before it on its row (a wide gap, a bar)


def motto_chains(row_ends: list[tuple[int, str, bool]]) -> list[list[Piece]]:
    """Runs of consecutive rows whose ends spell a whole motto, one of them cut mid-cell.

    ``row_ends`` holds each row's line number, the text of its last cell and whether
    other cells come before it. A scan keeps the gap between the columns, so the
    pieces are whole cells there, but still beside the names, in row order.
    """
    chains: list[list[Piece]] = []
    current: list[Piece] = []
    motto: tuple[str, ...] = ()
    for line, text, beside in row_ends:
        piece = _end_piece(line, text, motto, current[-1].last) if current else None
        if piece is None:
            current, motto = [], ()
            found = _opening(line, text)
            if found is not None:
                motto, piece = found
        if piece is None:
            continue
        current.append(replace(piece, beside=beside))
        if piece.last == len(motto):
            if len(current) > 1 and any(item.offset > 0 or item.beside for item in current):
                chains.append(current)
            current, motto = [], ()
    return chains


def _opening(line: int, text: str) -> tuple[tuple[str, ...], Piece] | None:
    """The longest end of ``text`` spelling the first words of a motto, in capitals.

    After "NƯỚC" the words name the state, as a resolution's authority line does under
    its title ("QUỐC HỘI" / "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" / "NAM"): no motto.
    """
    best: tuple[tuple[str, ...], Piece] | None = None
    for motto in _mottos():
        piece = _end_piece(line, text, motto, 0)
        if piece is not None and (best is None or piece.last > best[1].last):
            best = (motto, piece)
    if best is not None and _after_running_word(text[: best[1].offset]):
        return None
    return best


def _after_running_word(before: str) -> bool:
    """Whether ``before`` ends on a word running text puts before the state's name."""
    words = before.split()
    running = {comparable(word) for word in meta_vocabulary().motto_in_running_text_after}
    return bool(words) and comparable(words[-1]) in running


def _end_piece(line: int, text: str, motto: tuple[str, ...], first: int) -> Piece | None:
    """The longest end of ``text`` equal to ``motto[first:first + k]`` (k >= 1), in capitals."""
    if not motto:
        return None
    words = text.split()
    # Each word folded once, and where words start found only for the end that is kept:
    # every row of a header is tried against every motto (issue 18).
    folded = [comparable(word) for word in words]
    wanted = list(motto[first:])
    longest = 0
    for count in range(1, min(len(words), len(wanted)) + 1):
        if folded[len(words) - count :] != wanted[:count]:
            continue
        if any(char.islower() for word in words[len(words) - count :] for char in word):
            continue
        longest = count
    if longest == 0:
        return None
    return Piece(line, _word_starts(text)[len(words) - longest], first, first + longest)


def _word_starts(text: str) -> list[int]:
    starts: list[int] = []
    previous_space = True
    for offset, char in enumerate(text):
        if not char.isspace() and previous_space:
            starts.append(offset)
        previous_space = char.isspace()
    return starts


@cache
def _mottos() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(comparable(motto).split()) for motto in meta_vocabulary().header_mottos)
