"""Strip markdown markup for parsing; the raw line keeps it for display."""

from __future__ import annotations

import re

# '## **KẾ HOẠCH**' -> 'KẾ HOẠCH'; '- *Cơ quan lãnh đạo*: Đảng ủy' -> '- Cơ quan lãnh đạo: Đảng ủy'.
_HEADING = re.compile(r"^(\s*)#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
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
