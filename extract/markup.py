"""Strip markdown markup for parsing; the raw line keeps it for display."""

from __future__ import annotations

import re

# '## **KẾ HOẠCH**' -> 'KẾ HOẠCH'; '- *Cơ quan lãnh đạo*: Đảng ủy' -> '- Cơ quan lãnh đạo: Đảng ủy'.
_HEADING = re.compile(r"^(\s*)#{1,6}\s+")
# What is emphasised must hold a letter or sign other than the markers, so a clerk's rule line
# ("________" under the issuer) stays a rule instead of being eaten down to "__".
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=[^\s*_])(.+?)(?<=[^\s*_])\1")
_LONE_STARS = re.compile(r"(?<!\S)\*{2,3}(?!\S)")


def strip_markup(raw: str) -> str:
    """Return the line without markdown headings and emphasis markers.

    A lone '*' (the ornament under a Party document's header) is kept, because
    it is text, not markup.
    """
    text = _HEADING.sub(r"\1", raw)
    previous = None
    while previous != text:  # nested emphasis: '**“*Dân vận khéo*”**'
        previous = text
        text = _EMPHASIS.sub(r"\2", text)
    return _LONE_STARS.sub("", text)


# Zero-width characters, bidirectional marks and embeddings, the BOM: invisible in
# print, they split words ("Phấn\u200bđấu") and would defeat every parser.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]")
INVISIBLE_NOTE = (
    "Đã bỏ {count} ký tự vô hình (ký tự độ rộng 0, dấu chiều viết) khỏi văn bản "
    "/ removed {count} invisible characters (zero-width, direction marks)."
)


def strip_invisible(text: str) -> str:
    """Return ``text`` without zero-width and direction-control characters."""
    return _INVISIBLE.sub("", text)
