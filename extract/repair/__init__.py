"""Repair of damaged Vietnamese text: pure steps, each saying what it changed.

``repair_lines`` runs the steps in order over a document's lines:

1. legacy font encodings (TCVN3, VNI, VISCII, VPS, Windows-1258) to Unicode,
2. decomposed or misordered combining marks to NFC,
3. lost glyphs (one space each) filled by the syllable model.

Every step keeps the line count; the lost-glyph step also keeps each line's
length. Clean text passes through byte-identical.
"""

from __future__ import annotations

from extract.model import FontRun, RepairNote
from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.normalize import normalize_line


def repair_lines(
    lines: list[str],
    fonts: list[list[FontRun]] | None = None,
    dropped_glyphs: bool = True,
) -> tuple[list[str], list[RepairNote]]:
    """Repair every line of one document.

    Args:
        lines: The document's lines, markup stripped.
        fonts: Font runs of each line (DOCX, PDF), used to spot legacy encodings.
        dropped_glyphs: Fill lost glyphs (on by default).

    Returns:
        The repaired lines (same count) and one note per change.

    """
    notes: list[RepairNote] = []
    repaired: list[str] = []
    for number, line in enumerate(lines, start=1):
        fixed, line_notes = normalize_line(line)
        notes.extend(note.model_copy(update={"line": number}) for note in line_notes)
        repaired.append(fixed)
    if dropped_glyphs:
        repaired, dropped_notes = repair_dropped_glyphs(repaired)
        notes.extend(dropped_notes)
    return repaired, notes


__all__ = ["repair_lines"]
