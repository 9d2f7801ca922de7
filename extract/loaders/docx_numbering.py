"""Word's automatic list numbering, written back into the text as it is printed.

A heading typed as "1. Chỉ tiêu chung" and one numbered by Word's list feature
look the same on paper, but in the second the "1." lives in numbering.xml, not in
the paragraph: read as is, every section label, "(5)" and "a)" of such a plan
would be lost. Each numbered paragraph gets its label back: the level's text
("%1.", "(%1)", "%1.%2.") with each "%k" replaced by the counter of level k in
the level's format (decimal, Roman, letters), counters kept per list the way
Word keeps them (a higher level restarts the deeper ones). Bullets come back as
"-". Formats Word knows but plans do not use (ordinal words, Asian numerals)
fall back to decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extract.text import roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = re.compile(r"%([1-9])")
_MAX_LEVELS = 9


@dataclass(frozen=True)
class _Level:
    start: int
    format: str
    text: str


@dataclass
class ListNumbering:
    """The document's lists and the counters reached so far, in reading order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    style_lists: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> numId, ilvl
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, numbering: Any | None, styles: Any | None) -> ListNumbering:
        """Parse numbering.xml (and the list settings of paragraph styles)."""
        found = cls()
        if numbering is None:
            return found
        abstract = {
            element.get(f"{W}abstractNumId"): _levels(element)
            for element in numbering.iterchildren(f"{W}abstractNum")
        }
        for num in numbering.iterchildren(f"{W}num"):
            reference = num.find(f"{W}abstractNumId")
            levels = dict(
                abstract.get(reference.get(f"{W}val") if reference is not None else None, {})
            )
            for override in num.iterchildren(f"{W}lvlOverride"):
                level = _int(override.get(f"{W}ilvl"))
                start = override.find(f"{W}startOverride")
                if level in levels and start is not None:
                    old = levels[level]
                    levels[level] = _Level(_int(start.get(f"{W}val"), 1), old.format, old.text)
            found.levels[num.get(f"{W}numId") or ""] = levels
        if styles is not None:
            for style in styles.iterchildren(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    num_id, level = _num_pr(num_pr)
                    if num_id:
                        found.style_lists[style.get(f"{W}styleId") or ""] = (num_id, level)
        return found

    def label(self, paragraph: Any) -> str:
        """The label Word prints before this paragraph ("" when it is no list item)."""
        properties = paragraph.find(f"{W}pPr")
        if properties is None:
            return ""
        num_id, level = "", 0
        style = properties.find(f"{W}pStyle")
        if style is not None and style.get(f"{W}val") in self.style_lists:
            num_id, level = self.style_lists[style.get(f"{W}val") or ""]
        num_pr = properties.find(f"{W}numPr")
        if num_pr is not None:
            own_id, own_level = _num_pr(num_pr)
            num_id = own_id if own_id is not None else num_id
            level = own_level if num_pr.find(f"{W}ilvl") is not None else level
        levels = self.levels.get(num_id or "")
        if not levels or level not in levels:
            return ""  # numId 0 or an unknown list: numbering switched off
        counters = self.counters.setdefault(num_id or "", [0] * _MAX_LEVELS)
        if counters[level] == 0:
            counters[level] = levels[level].start
        else:
            counters[level] += 1
        for deeper in range(level + 1, _MAX_LEVELS):
            counters[deeper] = 0
        return self._render(levels, level, counters)

    @staticmethod
    def _render(levels: dict[int, _Level], level: int, counters: list[int]) -> str:
        current = levels[level]
        if current.format == "bullet":
            return "-"
        if current.format == "none":
            return current.text

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, current)
            value = counters[index] or shown.start
            return _format(value, shown.format)

        return _PLACEHOLDER.sub(number, current.text)


def _levels(abstract: Any) -> dict[int, _Level]:
    levels = {}
    for level in abstract.iterchildren(f"{W}lvl"):
        start = level.find(f"{W}start")
        number_format = level.find(f"{W}numFmt")
        text = level.find(f"{W}lvlText")
        levels[_int(level.get(f"{W}ilvl"))] = _Level(
            start=_int(start.get(f"{W}val"), 1) if start is not None else 1,
            format=(number_format.get(f"{W}val") or "decimal")
            if number_format is not None
            else "decimal",
            text=(text.get(f"{W}val") or "") if text is not None else "",
        )
    return levels


def _num_pr(num_pr: Any) -> tuple[str | None, int]:
    num_id = num_pr.find(f"{W}numId")
    level = num_pr.find(f"{W}ilvl")
    return (
        num_id.get(f"{W}val") if num_id is not None else None,
        min(_int(level.get(f"{W}val")) if level is not None else 0, _MAX_LEVELS - 1),
    )


def _int(written: str | None, default: int = 0) -> int:
    try:
        return int(written or default)
    except ValueError:
        return default


def _format(value: int, number_format: str) -> str:
    if number_format in ("upperRoman", "lowerRoman"):
        numerals = roman(value) or "0"
        return numerals if number_format == "upperRoman" else numerals.lower()
    if number_format in ("lowerLetter", "upperLetter"):
        letter = _letters(value)
        return letter if number_format == "lowerLetter" else letter.upper()
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _letters(value: int) -> str:
    # Word's letters: a..z, then aa, bb... (the letter repeated), not base 26.
    if value < 1:
        return "a"
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
