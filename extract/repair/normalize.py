"""Decomposed Unicode (NFD) or misordered combining marks to NFC.

Composition first puts combining marks in canonical order, so "a" + dot below +
circumflex and "a" + circumflex + dot below both become "ậ". Only the spans
that change are reported.
"""

from __future__ import annotations

import unicodedata

from extract.model import RepairNote

METHOD = "nfc"


def normalize_line(line: str) -> tuple[str, list[RepairNote]]:
    """Return the line in NFC and one note per changed word-sized span (line number 0)."""
    if unicodedata.is_normalized("NFC", line):
        return line, []
    notes: list[RepairNote] = []
    pieces: list[str] = []
    start = 0
    for end in _cluster_ends(line):
        cluster = line[start:end]
        fixed = unicodedata.normalize("NFC", cluster)
        if fixed != cluster:
            notes.append(
                RepairNote(
                    line=0, start=start, end=end, before=cluster, after=fixed,
                    method=METHOD, confidence=1.0,
                )
            )
        pieces.append(fixed)
        start = end
    return "".join(pieces), notes


def _cluster_ends(line: str) -> list[int]:
    """Ends of the grapheme clusters: a base character and the combining marks after it."""
    ends = []
    for index in range(1, len(line) + 1):
        if index == len(line) or not unicodedata.combining(line[index]):
            ends.append(index)
    return ends
