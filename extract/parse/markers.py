"""List labels as printed at line starts: '(4)', 'đ)', 'III.', '2.1.'.

Sections and targets are what extraction understood; a numbering rule needs what
was printed, since extraction may drop an item it cannot place (a repeated or
out-of-order number), which is exactly what such a rule looks for. Vietnamese
lists run a, b, c, d, đ, e, g, h, ... (Nghị định 30/2020/NĐ-CP, Phụ lục I:
"điểm" labelled in the Vietnamese alphabet); many writers use the Latin one.
"""

from __future__ import annotations

import re

from extract.model import Line, ListMarker, MarkerKind, Section, Span
from extract.text import roman_value

# Bullets and emphasis a label may stand behind: "- (3)", "+ a)", "**II.**".
_LABEL = re.compile(
    r"^(?P<bullet>[\s*_\-–•+]*)"
    r"(?:(?P<number>\((?P<digits>\d{1,2})\))|(?P<letter>[a-zđ]\))"
    r"|(?P<roman>[IVXL]+)|(?P<arabic>\d{1,2}(?:\.\d{1,2})*))"
)
# A section label whose every part is readable: "II.", "IV-", "2.", "2.1.", "1.5".
_SECTION_LABEL = re.compile(r"(?:[IVXL]+|\d{1,2}(?:\.\d{1,2})*)\s*[.\-–)]?")
_ROMAN_LETTERS = frozenset("IVXL")


def find_markers(lines: list[Line]) -> list[ListMarker]:
    """Every list label printed at the start of a line, in line order.

    A Roman or Arabic label counts only when no letter or digit runs on after it
    ("2022", "Ích" are words, not labels); a bracketed one always does.
    """
    markers: list[ListMarker] = []
    for line in lines:
        found = _LABEL.match(line.text)
        if found is None:
            continue
        kind = _kind(found)
        shown = found.group(kind)
        end = found.end(kind)
        follows = line.text[end : end + 1]
        if kind in ("roman", "arabic") and follows.isalnum():
            continue
        markers.append(
            ListMarker(
                kind=kind,
                shown=shown,
                value=_value(kind, shown),
                bullet=found.group("bullet"),
                follows=follows,
                span=Span(line=line.number, start=found.start(kind), end=end),
            )
        )
    return markers


def mark_sections(sections: list[Section]) -> list[Section]:
    """The section tree with each well-formed label read as a marker (None otherwise)."""
    return [
        section.replaced(marker=section_marker(section), children=mark_sections(section.children))
        for section in sections
    ]


def section_marker(section: Section) -> ListMarker | None:
    """A section's label read as a marker: 'II.' is roman 2, '2.1.' arabic 1.

    None when a part of the label is unreadable ("1. .", a glyph lost) or it is a
    letter ("a)"): nothing to count with.
    """
    written = section.label.strip()
    if _SECTION_LABEL.fullmatch(written) is None:
        return None
    shown = written.rstrip(".-–) ")
    kind: MarkerKind = "roman" if set(shown) <= _ROMAN_LETTERS else "arabic"
    value = _value(kind, shown)
    if kind == "roman" and not value:
        return None
    return ListMarker(
        kind=kind, shown=shown, value=value, follows="", span=Span(line=section.line_start)
    )


def _kind(found: re.Match[str]) -> MarkerKind:
    for kind in ("number", "letter", "roman", "arabic"):
        if found.group(kind) is not None:
            return kind  # type: ignore[return-value]
    raise AssertionError("the label pattern matched no alternative")


def _value(kind: MarkerKind, shown: str) -> int | None:
    if kind == "number":
        return int(shown[1:-1])
    if kind == "roman":
        return roman_value(shown)
    if kind == "arabic":
        return int(shown.rsplit(".", 1)[-1])
    return None
