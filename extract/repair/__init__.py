"""Repair of damaged Vietnamese text: pure steps, each saying what it changed."""

from __future__ import annotations

import unicodedata

from extract.model import FontRun, RepairNote


def repair_lines(
    lines: list[str], fonts: list[list[FontRun]] | None = None
) -> tuple[list[str], list[RepairNote]]:
    """Repair every line; return the new lines (same count) and the notes."""
    repaired: list[str] = []
    notes: list[RepairNote] = []
    for number, line in enumerate(lines, start=1):
        fixed = unicodedata.normalize("NFC", line)
        if fixed != line:
            notes.append(
                RepairNote(
                    line=number, start=0, end=len(line), before=line, after=fixed,
                    method="nfc", confidence=1.0,
                )
            )
        repaired.append(fixed)
    return repaired, notes
