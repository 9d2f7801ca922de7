"""Glyphs a PDF font left without a Unicode mapping: ``(cid:N)``, solved per font.

Within one font the same glyph number is always the same character, so a
font's unmapped glyphs form a substitution cipher over the whole document. It
is solved the classic way, against what Vietnamese looks like (``cid_search``
searches, ``cid_model`` scores):

1. **Seed by frequency.** The font's glyphs, ranked by how often they occur,
   are matched with characters ranked by their frequency in clean Vietnamese
   text; a glyph as frequent as a word space (over 10% of the font's glyphs,
   while the text has almost no real spaces) is the space.
2. **Climb on letter trigrams.** Swapping two glyphs' characters (or a glyph's
   character for an unused one) is kept when it raises the likelihood of the
   decoded words under a letter trigram model of Vietnamese syllables.
3. **Climb on syllables.** The same swaps, limited to characters of the same
   base letter (tone and hat variants, case), then every character for glyphs
   whose words are often not Vietnamese, are kept when they raise the score of
   the decoded words (syllable frequency, validity, case, the shape of figures)
   and of adjacent word pairs (syllable bigrams, dates).

Each glyph's confidence comes from how much the document's score would lose
if its character were swapped for the next best one. Characters of the font
that did have a mapping are fixed context. Replacing "(cid:N)" by one letter
shortens the line; notes carry offsets into the line as this step received it.
This module is the entry point: which lines and fonts need solving, the
per-font verdict, and the notes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract.model import FontReading, FontRun, RepairNote

if TYPE_CHECKING:  # the solver and its letter model load only for a text with (cid:N)
    from extract.repair.cid_search import Item, Solution

METHOD = "cid-map"
UNCERTAIN_BELOW = 0.8
CID = re.compile(r"\(cid:(\d+)\)")
MIXED_SHARE = 0.2  # words mixing letters with digits or signs that mark a font's text as noise
# A font's text is trusted for checking only above both (tests/benchmarks/cid_bench.py).
# 0.97 was enough while the solver scored letters alone; scoring syllables by frequency
# makes its errors valid syllables too: the ward plan of issue 22 (120 lines) read with
# 92.8% of letters right had 98.5% valid words and a margin of 0.985. The bar stands
# above that; a wrong reading passed would be checked as if it were right.
RELIABLE_VALID_SHARE = 0.99
RELIABLE_MARGIN = 0.9

def repair_cids(
    lines: list[str],
    fonts: list[list[FontRun]] | None = None,
    readings: list[FontReading] | None = None,
) -> tuple[list[str], list[RepairNote]]:
    """Replace every ``(cid:N)`` by the character solved for its font.

    Args:
        lines: The document's lines; a line holding ``(cid:`` must be as the reader
            produced it (markup stripped), so that its font runs fit it.
        fonts: Per line, the font runs (offsets into the line).
        readings: When given, one ``FontReading`` per solved font is appended: how well
            its text reads as Vietnamese, and whether it is reliable enough to check.

    Returns:
        The lines (same count) and one note per run of replaced glyphs.

    """
    if not any("(cid:" in line for line in lines):
        return lines, []
    from extract.repair.cid_search import solve_font

    fonts = fonts or [[] for _ in lines]
    ciphered = _ciphered_fonts(lines, fonts)
    sequences = [
        _items(line, runs, ciphered) if _needs_solving(line, runs, ciphered) else []
        for line, runs in zip(lines, fonts, strict=True)
    ]
    solutions: dict[str, Solution] = {}
    for font in sorted({item.font for sequence in sequences for item in sequence if item.glyph}):
        solutions[font] = solve_font([_for_font(sequence, font) for sequence in sequences])
        if readings is not None:
            readings.append(font_reading(font, solutions[font]))
    repaired = list(lines)
    notes: list[RepairNote] = []
    for index, sequence in enumerate(sequences):
        if sequence:
            repaired[index], line_notes = _replace(index + 1, lines[index], sequence, solutions)
            notes.extend(line_notes)
    return repaired, notes


def cid_lines(lines: list[str], fonts: list[list[FontRun]]) -> list[bool]:
    """Which lines the cid step will rewrite: those with ``(cid:N)`` or a ciphered font."""
    if not any("(cid:" in line for line in lines):
        return [False] * len(lines)
    ciphered = _ciphered_fonts(lines, fonts)
    return [_needs_solving(line, runs, ciphered) for line, runs in zip(lines, fonts, strict=True)]


def _needs_solving(line: str, runs: list[FontRun], ciphered: frozenset[str]) -> bool:
    return "(cid:" in line or any(run.font in ciphered for run in runs)


def font_reading(font: str, solution: Solution) -> FontReading:
    """How well a font was read, and whether its text can be trusted for checking.

    Two measures of the decoded text itself must both hold: most decoded words
    are valid syllables (a wrong letter mostly makes an impossible syllable),
    and the solver's per-glyph margin is high (a wrong tone or hat still makes a
    valid syllable, but then its alternative scores nearly as well).
    """
    reliable = (solution.valid_share >= RELIABLE_VALID_SHARE
                and solution.margin >= RELIABLE_MARGIN)
    return FontReading(
        font=font or "(không tên)", glyphs=solution.glyphs,
        valid_share=round(solution.valid_share, 4), margin=round(solution.margin, 4),
        reliable=reliable,
    )


# --------------------------------------------------------------------------- items


def _font_at(runs: list[FontRun], offset: int) -> str:
    return next((run.font for run in runs if run.start <= offset < run.end), "")


@dataclass(frozen=True)
class _Piece:
    """One glyph or known character of a line, where it sits and in which font."""

    font: str
    value: Item
    start: int
    end: int

    @property
    def glyph(self) -> bool:
        return isinstance(self.value, int)


def _ciphered_fonts(lines: list[str], fonts: list[list[FontRun]]) -> frozenset[str]:
    """Fonts with unmapped glyphs whose mapped characters are nonsense too.

    A font without ToUnicode but with an embedded program may get characters
    from the program's own cmap, which need not match the glyphs: "(cid:1) #Q()".
    When most words such a font spells out in full are not Vietnamese and many
    mix letters with digits or signs ("H5)CH": text in another language does not),
    every one of its characters is treated as an unknown glyph.
    """
    from extract.repair.cid_model import PUNCTUATION, letter_model

    valid: Counter[str] = Counter()
    mixed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    with_cids: set[str] = set()
    for line, runs in zip(lines, fonts, strict=True):
        if "(cid:" not in line:
            continue
        with_cids.update(_font_at(runs, match.start()) for match in CID.finditer(line))
        for match in re.finditer(r"[^\s]+", line):
            word = match.group()
            font = _font_at(runs, match.start())
            if "(cid:" in word or not any(char.isalpha() for char in word):
                continue
            core = word.strip(PUNCTUATION)
            total[font] += 1
            valid[font] += int(letter_model().is_valid(core.lower()))
            mixed[font] += int(not core.isalpha())
    return frozenset(
        font for font in with_cids
        if font and total[font] >= 3 and valid[font] < 0.5 * total[font]
        and mixed[font] >= MIXED_SHARE * total[font]
    )


def _items(line: str, runs: list[FontRun], ciphered: frozenset[str]) -> list[_Piece]:
    """The line as pieces; characters of a ciphered font become glyphs (negative numbers)."""
    pieces: list[_Piece] = []
    position = 0
    for match in (*CID.finditer(line), None):
        end = match.start() if match is not None else len(line)
        for offset in range(position, end):
            char = line[offset]
            font = _font_at(runs, offset) if ciphered else ""
            # Even a space: the font's program may map a letter's glyph to it.
            value: Item = -(ord(char) + 1) if font in ciphered else char
            pieces.append(_Piece(font if isinstance(value, int) else "", value, offset, offset + 1))
        if match is not None:
            font = _font_at(runs, match.start())
            pieces.append(_Piece(font, int(match.group(1)), match.start(), match.end()))
            position = match.end()
    return pieces


def _for_font(sequence: list[_Piece], font: str) -> list[Item]:
    """Glyphs of ``font`` stay numbers; other fonts' glyphs become an unknown mark."""
    return [
        piece.value if not piece.glyph or piece.font == font else "\ufffd" for piece in sequence
    ]


def _replace(
    number: int, line: str, sequence: list[_Piece], solutions: dict[str, Solution]
) -> tuple[str, list[RepairNote]]:
    pieces: list[str] = []
    notes: list[RepairNote] = []
    for piece in sequence:
        if not piece.glyph:
            pieces.append(str(piece.value))
            continue
        glyph = int(piece.value)
        solution = solutions[piece.font]
        char = solution.characters.get(glyph, "\ufffd")
        confidence = round(solution.confidence.get(glyph, 0.0), 3)
        pieces.append(char)
        previous = notes[-1] if notes else None
        # One note per word: a run of glyphs is cut after each space it decodes to.
        if previous is not None and previous.end == piece.start and previous.after[-1:] != " ":
            notes[-1] = _extend(previous, line, piece.end, char, confidence)
        else:
            notes.append(
                RepairNote(
                    line=number, start=piece.start, end=piece.end,
                    before=line[piece.start : piece.end], after=char, method=METHOD,
                    confidence=confidence, uncertain=confidence < UNCERTAIN_BELOW,
                )
            )
    return "".join(pieces), notes


def _extend(note: RepairNote, line: str, end: int, char: str, confidence: float) -> RepairNote:
    merged = min(note.confidence, confidence)
    return note.model_copy(
        update={
            "end": end, "before": line[note.start : end], "after": note.after + char,
            "confidence": merged, "uncertain": merged < UNCERTAIN_BELOW,
        }
    )
