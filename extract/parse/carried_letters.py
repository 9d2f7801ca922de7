"""Lettered targets a heading carries on its own line: "Chỉ tiêu cụ thể: a) ... b) ...".

A page that lost the line breaks of a list writes its items after the heading's colon,
each after its letter. Letters run in the order of the Vietnamese alphabet, the one
Nghị định 30/2020/NĐ-CP (Phụ lục I) gives the points of a clause ("a)", "b)", ... "đ)").
Only a run of at least two letters in order, the first right after the colon, counts.
"""

from __future__ import annotations

import re

from extract.model import Line, Span
from extract.parse.target_forms import states_target

# The letters that label points, in order ("f", "j", "w", "z" are not Vietnamese letters).
LETTERS = "abcdđeghiklmnopqrstuvxy"
# "a) " after a space or the colon, before the item's words.
_LETTER = re.compile(r"(?:(?<=\s)|(?<=:))(?P<letter>[a-zđ])\)\s+(?=\S)")


def carried_letter_targets(line: Line) -> list[tuple[str, Span]]:
    """Each lettered item after the heading's colon that states a target, with its span."""
    text = line.text
    colon = text.find(":")
    if colon < 0:
        return []
    chain: list[re.Match[str]] = []
    for marker in _LETTER.finditer(text, colon + 1):
        if len(chain) < len(LETTERS) and marker["letter"] == LETTERS[len(chain)]:
            chain.append(marker)
    if len(chain) < 2 or text[colon + 1 : chain[0].start()].strip():
        return []
    found = []
    for position, marker in enumerate(chain):
        end = chain[position + 1].start() if position + 1 < len(chain) else len(text)
        piece = text[marker.end() : end]
        stripped = piece.strip()
        start = marker.end() + len(piece) - len(piece.lstrip())
        if stripped and states_target(stripped, None, None):
            found.append((stripped, Span(line=line.number, start=start, end=start + len(stripped))))
    return found
