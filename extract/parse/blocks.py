"""Lines into paragraphs: a target, heading or label wrapped over several lines.

Text taken from PDF breaks a sentence at the end of every printed line and often
puts a blank line after it; a footnote marker or the superscript of "m²" lands
on a line of its own. A line continues the one before unless it starts
something new: a heading, a numbered target "(n)", a bullet, a label line
("Cơ quan ...:", "Thời gian ...:"), or a sentence with a capital letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extract.model import Line, Span

TARGET_START = re.compile(r"^\s*\((?P<number>\d{1,2})\)\s*(?=\S)")
# A bullet starts a new item; "- xã hội" under "chính trị" is a wrapped name.
BULLET = re.compile(r"^\s*[-+•–]\s*(?P<next>\S?)")
# A footnote marker or a lone full stop left on its own line by the PDF layout.
ORPHAN = re.compile(r"^\s*(?:\d{1,2}|[.,;:]+)\s*$")
# "4m" then "2" (the superscript of m²), possibly with a footnote marker "2(2)".
SUPERSCRIPT_TWO = re.compile(r"^\s*2(?:\(\d{1,2}\))?(?=\s*[.,;:]?\s*$)")
FOOTNOTE_AFTER_UNIT = re.compile(r"(?<=\d)m$")
CLOSING_PUNCTUATION = re.compile(r"^[.,;:)”\"]")


@dataclass(frozen=True)
class Paragraph:
    """Joined text of one or more lines, with the span it covers."""

    text: str
    span: Span
    last_line: int


def gather(lines: list[Line], index: int, start: int, is_new: StartTest) -> Paragraph:
    """Join line ``index`` (from offset ``start``) with the lines that continue it.

    Args:
        lines: All lines of the plan.
        index: 0-based index of the first line.
        start: Offset in the first line's text where the paragraph begins.
        is_new: Whether a line starts something new (a heading, a label...).

    Returns:
        The joined text, single-spaced, and its span.
    """
    text = lines[index].text[start:].strip()
    last = index
    end = len(lines[index].text.rstrip())
    for position in range(index + 1, min(len(lines), index + 40)):
        candidate = lines[position].text
        stripped = candidate.strip()
        if not stripped:
            continue
        if not _continues(text, stripped, candidate, is_new):
            break
        text = _join(text, stripped)
        last, end = position, len(candidate.rstrip())
    span = Span(
        line=lines[index].number,
        start=start,
        end_line=lines[last].number if last != index else None,
        end=end,
    )
    return Paragraph(_tidy(text), span, lines[last].number)


def is_bullet(text: str) -> bool:
    """A bullet line; "- xã hội" under "chính trị" is a wrapped name, not a bullet."""
    bullet = BULLET.match(text)
    return bullet is not None and not bullet["next"].islower()


class StartTest:
    """Decides whether a line starts a new item; the parsers pass their own checks."""

    def __init__(self, *checks: Callable[[str], object]) -> None:
        self.checks = checks

    def __call__(self, text: str) -> bool:
        return any(check(text) for check in self.checks)


def _continues(previous: str, stripped: str, raw: str, is_new: StartTest) -> bool:
    if is_new(raw) or TARGET_START.match(raw) or is_bullet(raw):
        return False
    first = stripped[0]
    if ORPHAN.match(stripped) or first.islower() or CLOSING_PUNCTUATION.match(stripped):
        return True
    if first.isdigit():
        return True  # a figure wrapped to the next line: "đạt tỷ lệ trên" / "84%."
    return previous.rstrip().endswith(("-", "–", ",", "và", "của", "các"))


def _join(text: str, addition: str) -> str:
    if FOOTNOTE_AFTER_UNIT.search(text) and SUPERSCRIPT_TWO.match(addition):
        return text + "²" + SUPERSCRIPT_TWO.sub("", addition).strip()
    if re.fullmatch(r"\d{1,2}", addition):
        return text  # a footnote marker: not part of the sentence
    wrapped_range = text.endswith(("-", "–")) and addition[0].isdigit()
    if CLOSING_PUNCTUATION.match(addition) or wrapped_range:
        return text.rstrip() + addition
    return f"{text.rstrip()} {addition}"


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
