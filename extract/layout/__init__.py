r"""Layout restoring: a document's run-together lines cut back into the lines a clerk wrote.

Runs on the lines a reader produced, before markup stripping, repair and parsing, so
that every later stage sees the logical lines. A line is cut only where the document's
own structure marks a line (:mod:`extract.layout.cuts`); a document whose lines are of
ordinary length passes through untouched, the same objects.

Provenance: each restored line's ``raw`` is an exact slice of the line the reader gave,
``source_line`` and ``paragraph``/``cell``/``page`` stay those of that line, and
``source_column`` says where in it the slice begins, so a span (line, start) of the plan
is at (``source_line``, ``source_column`` + start) of the user's file. The spaces and
literal ``\\r\\n`` between two restored lines belong to neither. Font runs are cut with
their text. Lines read by OCR are never cut: a scan's lines are its printed lines.
"""

from __future__ import annotations

from itertools import pairwise

from extract.layout.cuts import Cut, find_breaks, find_cuts
from extract.layout.vocabulary import LayoutWords, layout_words
from extract.model import FontRun, Line

__all__ = ["layout_note", "restore_layout"]


def restore_layout(lines: list[Line]) -> list[Line]:
    """The lines with every run-together line cut at its structure, renumbered from 1.

    Returns ``lines`` itself when no line is cut.
    """
    words = layout_words()
    # A document of one long line was pasted: no clerk writes a plan on one line.
    alone = sum(1 for line in lines if line.raw.strip()) == 1
    pieces = [
        _restore(line, words, pasted=alone, alone=alone) if line.ocr is None else [line]
        for line in lines
    ]
    if all(len(group) == 1 and group[0] is line for group, line in zip(pieces, lines, strict=True)):
        return lines
    # The document was pasted: its other long lines are parts of the same run-together
    # text, whose lists go on from the lines before ("Về quy hoạch ...: (13) ... (14) ...").
    pieces = [
        _restore(line, words, pasted=True) if len(group) == 1 and line.ocr is None else group
        for group, line in zip(pieces, lines, strict=True)
    ]
    restored = [line for group in pieces for line in group]
    return [
        line if line.number == number else line.model_copy(update={"number": number})
        for number, line in enumerate(restored, start=1)
    ]


def layout_note(before: list[Line], after: list[Line]) -> str | None:
    """The plan's note, in Vietnamese, when ``restore_layout`` cut lines; None otherwise.

    A reviewer reads line numbers in the reports: after restoring they are the numbers of
    the restored lines, not of the file, and the note says so and names the file's lines
    (or a .docx's paragraphs) that were cut.
    """
    if after is before:
        return None
    kept = {id(line) for line in after}
    cut = [line for line in before if id(line) not in kept]
    if not cut:
        return None
    places = ", ".join(_place(line) for line in cut[:_NAMED_PLACES])
    if len(cut) > _NAMED_PLACES:
        places += ", …"
    return layout_words().note.format(places=places, before=len(before), after=len(after))


def _place(line: Line) -> str:
    if line.source_line is not None:
        return f"dòng {line.source_line}"
    if line.paragraph is not None:
        return f"đoạn {line.paragraph + 1}"
    return f"dòng {line.number}"


# A note names at most this many of the file's lines that were cut.
_NAMED_PLACES = 5


def _restore(line: Line, words: LayoutWords, pasted: bool, alone: bool = False) -> list[Line]:
    """The page's own lines (literal breaks) first, then each cut at its structure.

    ``alone``: the line is the whole document; its page's own lines, if it kept them as
    literal breaks, are ordinary lines, not pasted ones.
    """
    breaks = find_breaks(line.raw, words)
    pasted = pasted and not (alone and breaks)
    restored: list[Line] = []
    for part in _cut(line, breaks) if breaks else [line]:
        cuts = find_cuts(part.raw, words, pasted)
        restored += _cut(part, cuts) if cuts else [part]
    return restored


def _cut(line: Line, cuts: list[Cut]) -> list[Line]:
    """``line`` cut at ``cuts``: the slices between them, each with its column.

    A blank slice is dropped, unless it lies between two literal line breaks (a blank
    line of the page).
    """
    ends = [Cut(0, 0, False), *cuts, Cut(len(line.raw), len(line.raw), False)]
    slices: list[tuple[int, int]] = []
    for before, after in pairwise(ends):
        start, stop = _trimmed(line.raw, before.start, after.end)
        if start < stop or (before.literal and after.literal and before.start <= after.end):
            slices.append((start, stop))
    if len(slices) <= 1:
        return [line]
    return [_slice(line, start, stop) for start, stop in slices]


def _trimmed(raw: str, start: int, stop: int) -> tuple[int, int]:
    while start < stop and raw[start].isspace():
        start += 1
    while stop > start and raw[stop - 1].isspace():
        stop -= 1
    return start, stop


def _slice(line: Line, start: int, stop: int) -> Line:
    raw = line.raw[start:stop]
    column = (line.source_column or 0) + start
    fonts = _fonts(line, start, stop)
    return line.model_copy(
        update={"raw": raw, "text": raw, "source_column": column, "fonts": fonts}
    )


def _fonts(line: Line, start: int, stop: int) -> list[FontRun]:
    """The font runs over ``[start, stop)``, clipped and counted from ``start``."""
    return [
        FontRun(start=max(run.start, start) - start, end=min(run.end, stop) - start, font=run.font)
        for run in line.fonts
        if run.start < stop and run.end > start
    ]
