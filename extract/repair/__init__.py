"""Repair of damaged Vietnamese text: pure steps, each saying what it changed.

``repair_lines`` runs the steps in order over a document's lines:

1. legacy font encodings (TCVN3, VNI, VISCII, VPS, Windows-1258) to Unicode,
2. decomposed or misordered combining marks to NFC,
3. PDF glyphs without a Unicode mapping, ``(cid:N)``, solved per font,
4. lost glyphs (one space each) filled by the syllable model.

Every step keeps the line count; the lost-glyph step also keeps each line's
length. Clean text passes through byte-identical.

Offsets: a note's ``start``/``end`` are offsets in the line as its step
received it (legacy decoding and NFC can shorten a line). ``FontRun`` offsets
stay valid because they point into ``Line.raw``, which repair never rewrites;
the legacy and cid steps read them against the markup-stripped lines given to
``repair_lines`` and ignore a run that reaches past its line. A line holding
``(cid:N)``, or text in a font whose glyphs the cid step solves, skips the
legacy and NFC steps before the cid step (NFC runs on
what the cid step made of it), so its runs fit it when the cid step reads them.
"""

from __future__ import annotations

from extract.model import FontReading, FontRun, RepairNote
from extract.repair.cid import cid_lines, repair_cids
from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.legacy import repair_legacy
from extract.repair.normalize import normalize_line


def repair_lines(
    lines: list[str],
    fonts: list[list[FontRun]] | None = None,
    dropped_glyphs: bool = True,
    readings: list[FontReading] | None = None,
) -> tuple[list[str], list[RepairNote]]:
    """Repair every line of one document.

    Args:
        lines: The document's lines, markup stripped.
        fonts: Font runs of each line (DOCX, PDF), used to spot legacy encodings.
        dropped_glyphs: Fill lost glyphs (on by default).
        readings: When given, receives how well each PDF font without a Unicode map
            was read (``extract.repair.cid.font_reading``).

    Returns:
        The repaired lines (same count) and one note per change.

    """
    runs = _runs_inside(lines, fonts)
    # Lines with unmapped PDF glyphs go to the cid step as the reader made them,
    # so that their font runs still fit; the other lines are decoded and normalised first.
    has_cids = cid_lines(lines, runs)
    repaired, notes = repair_legacy(
        [line if not cid else "" for line, cid in zip(lines, has_cids, strict=True)],
        [line_runs if not cid else [] for line_runs, cid in zip(runs, has_cids, strict=True)],
    )
    repaired = [line if cid else text for line, text, cid in zip(lines, repaired, has_cids,
                                                                  strict=True)]
    repaired, notes = _normalize(repaired, notes, skip=has_cids)
    repaired, cid_notes = repair_cids(repaired, runs, readings)
    notes.extend(cid_notes)
    repaired, notes = _normalize(repaired, notes, skip=[not cid for cid in has_cids])
    if dropped_glyphs:
        repaired, dropped_notes = repair_dropped_glyphs(repaired)
        notes.extend(dropped_notes)
    return repaired, notes


def _normalize(
    lines: list[str], notes: list[RepairNote], skip: list[bool]
) -> tuple[list[str], list[RepairNote]]:
    """NFC on every line not skipped; its notes appended to ``notes``."""
    repaired = list(lines)
    for number, (line, skipped) in enumerate(zip(lines, skip, strict=True), start=1):
        if skipped:
            continue
        repaired[number - 1], line_notes = normalize_line(line)
        notes.extend(note.model_copy(update={"line": number}) for note in line_notes)
    return repaired, notes


def _runs_inside(lines: list[str], fonts: list[list[FontRun]] | None) -> list[list[FontRun]]:
    """Font runs per line, without those that reach past the line (markup was stripped)."""
    if fonts is None or len(fonts) != len(lines):
        return [[] for _ in lines]
    pairs = zip(lines, fonts, strict=True)
    return [[run for run in runs if run.end <= len(line)] for line, runs in pairs]


__all__ = ["repair_lines"]
