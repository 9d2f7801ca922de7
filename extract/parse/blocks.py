"""Lines into paragraphs: a target, task, heading or label wrapped over several lines.

Text taken from PDF breaks a sentence at the end of every printed line and often
puts a blank line after it; a footnote marker or the superscript of "m²" lands
on a line of its own, and a page's footnotes sit between two lines of the body.
A target or task runs until something new starts (a heading, a numbered target
"(n)", a bullet, a label line "Cơ quan ...:" / "Thời gian ...:"); a label's value
until its full stop; a heading's title only over lines that plainly go on.
:func:`locate` finds words of a joined paragraph back in its lines (provenance).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from extract.model import Line, Span
from extract.parse.vocabulary import items

TARGET_START = re.compile(r"^\s*\((?P<number>\d{1,2})\)\s*(?=\S)")
# A bullet starts a new item; "- xã hội" under "chính trị" is a wrapped name.
BULLET = re.compile(r"^\s*[-+•–]\s*(?P<next>\S?)")
# A footnote marker or a lone full stop left on its own line by the PDF layout.
ORPHAN = re.compile(r"^\s*(?:\d{1,2}|[.,;:]+)\s*$")
# "4m" then "2" (the superscript of m²), possibly with a footnote marker "2(2)".
SUPERSCRIPT_TWO = re.compile(r"^\s*2(?:\(\d{1,2}\))?(?=\s*[.,;:]?\s*$)")
FOOTNOTE_AFTER_UNIT = re.compile(r"(?<=\d)m$")
SENTENCE_ENDS = (".", ":", ";", "!", "?")
ITEM_CLOSED = (*SENTENCE_ENDS, ")", "”", '"', "…")
CLOSING_PUNCTUATION = re.compile(r"^[.,;:)”\"]")
BODY_START = re.compile(r"^\s*(?:[IVX]{1,5}\s*[-.–]|\d{1,2}\.)\s*\S")
FOOTNOTE_TEXT = re.compile(r"^\s[^\W\d_]")
# "\r\n", "\n", "\r" written out as characters by a web page (not real line breaks).
WRITTEN_BREAK = re.compile(r"(?:\\r\\n|\\n|\\r)+")


Mode = Literal["sentence", "value", "item"]
# A paragraph longer than this many lines is cut: a guard against a document with no
# structure at all, far beyond any real target or task.
MAX_LINES = 400
# Whether a line starts something new: a heading of the section tree or a label.
StartTest = Callable[[Line], bool]


@dataclass(frozen=True)
class Paragraph:
    """Joined text of one or more lines, with the span it covers."""

    text: str
    span: Span
    last_line: int


def gather(
    lines: list[Line], index: int, start: int, is_new: StartTest, mode: Mode = "sentence"
) -> Paragraph:
    """Join line ``index`` (from offset ``start``) with the lines that continue it.

    Args:
        lines: All lines of the plan.
        index: 0-based index of the first line.
        start: Offset in the first line's text where the paragraph begins.
        is_new: Whether a line starts something new (a heading, a label...).
        mode: How far the paragraph runs. "sentence": over lines that plainly go on
            (lower case, a figure, a closing mark). "value" (the value of a label,
            "Cơ quan thực hiện: ..."): also over a capital until it ends with a full
            stop ("Ủy ban Mặt trận Tổ quốc Việt" / "Nam thị xã"). "item" (a target or
            a task): every line up to the next heading, target, bullet or label.

    Returns:
        The joined text, single-spaced, and its span.
    """
    text = lines[index].text[start:].strip()
    last = index
    end = len(lines[index].text.rstrip())
    for position in range(index + 1, min(len(lines), index + MAX_LINES)):
        candidate = lines[position].text
        stripped = candidate.strip()
        if not stripped:
            continue
        new_target = starts_target(lines, position, is_new)
        if is_new(lines[position]) or new_target or is_bullet(candidate):
            break
        if not _continues(text, stripped, candidate) and not _runs_on(mode, text):
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


def starts_target(lines: list[Line], index: int, is_new: StartTest) -> re.Match[str] | None:
    """The "(n)" that starts a numbered item on this line, if it starts one.

    A "(3)" that the layout wrapped to the start of a line in the middle of a
    sentence is not a new item. A line starts one after a heading or a label,
    after a line that closes its sentence, or when the item numbered last
    before it is n - 1.
    """
    match = TARGET_START.match(lines[index].text)
    if match is None:
        return None
    number = int(match["number"])
    previous = next(
        (lines[back] for back in range(index - 1, -1, -1) if lines[back].text.strip()), None
    )
    if previous is None or number == 1 or is_new(previous):
        return match
    if previous.text.rstrip().endswith(ITEM_CLOSED):
        return match
    for back in range(index - 1, max(-1, index - MAX_LINES), -1):
        earlier = TARGET_START.match(lines[back].text)
        if earlier is not None:
            return match if int(earlier["number"]) == number - 1 else None
    return match


def blank_written_breaks(lines: list[Line]) -> list[Line]:
    r"""The lines with a web page's written-out line breaks ("\r\n") read as spaces.

    A page stored from a legal library may hold the characters backslash, "r",
    backslash, "n" where its HTML had a line break ("\r\n\r\n- Đến năm 2025:").
    Each is replaced by as many spaces, so a bullet after it opens its line again and
    every span still slices the same columns of the line.
    """
    return [
        line.model_copy(update={"text": WRITTEN_BREAK.sub(_spaces, line.text)})
        if "\\" in line.text
        else line
        for line in lines
    ]


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group())


def hide_footnotes(lines: list[Line]) -> list[Line]:
    """The lines with footnote text blanked, so that it never joins a paragraph.

    In text taken from PDF the footnotes of a page sit between two lines of the
    body: a number on its own line, then the note text starting with a space.
    They end where the body goes on with a bullet, a target or a heading; line
    numbers stay unchanged.
    """
    hidden = list(lines)
    inside = False
    for position, line in enumerate(lines):
        text = line.text
        if _starts_footnote(lines, position):
            inside = True
        elif inside and text.strip() and _ends_footnotes(text):
            inside = False
        if inside:
            hidden[position] = line.model_copy(update={"text": ""})
    return hidden


def _starts_footnote(lines: list[Line], position: int) -> bool:
    if not re.fullmatch(r"\d{1,2}", lines[position].text.strip()):
        return False
    for line in lines[position + 1 : position + 3]:
        if line.text.strip():
            return FOOTNOTE_TEXT.match(line.text) is not None
    return False


def _ends_footnotes(text: str) -> bool:
    """A body line again: a label, bullet, target or numbered heading after the notes."""
    return bool(is_bullet(text) or TARGET_START.match(text) or BODY_START.match(text))


def _runs_on(mode: Mode, previous: str) -> bool:
    """Whether a line that starts nothing new but does not plainly continue still belongs."""
    if mode == "sentence":
        return False
    return mode == "item" or not previous.rstrip().endswith((".", ":"))


def is_bullet(text: str) -> bool:
    """A bullet line; "- xã hội" under "chính trị" is a wrapped name, not a bullet."""
    bullet = BULLET.match(text)
    return bullet is not None and not bullet["next"].islower()


def _continues(previous: str, stripped: str, raw: str) -> bool:
    first = stripped[0]
    if BULLET.match(raw) and not is_bullet(raw):
        return True  # "- xã hội thị xã" under "chính trị": a name wrapped at its dash
    if ORPHAN.match(stripped) or first.islower() or CLOSING_PUNCTUATION.match(stripped):
        return True
    if first.isdigit():
        return True  # a figure wrapped to the next line: "đạt tỷ lệ trên" / "84%."
    if not first.isalpha() and not previous.rstrip().endswith(SENTENCE_ENDS):
        return True  # a quotation wrapped to the next line: "mô hình" / "“Dân vận khéo”"
    return previous.rstrip().endswith(tuple(items().lines.continuing_endings))


def _join(text: str, addition: str) -> str:
    if FOOTNOTE_AFTER_UNIT.search(text) and SUPERSCRIPT_TWO.match(addition):
        return text + "²" + SUPERSCRIPT_TWO.sub("", addition).strip()
    if re.fullmatch(r"\d{1,2}", addition):
        return text  # a footnote marker: not part of the sentence
    wrapped_range = text.endswith(("-", "–")) and addition[0].isdigit()
    if _closes(text, addition) or wrapped_range:
        return text.rstrip() + addition
    return f"{text.rstrip()} {addition}"


def _closes(text: str, addition: str) -> bool:
    """A closing mark that belongs to the word before; a straight quote closes when odd."""
    if addition.startswith('"'):
        return text.count('"') % 2 == 1
    return CLOSING_PUNCTUATION.match(addition) is not None


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def locate(raw: str, lines_text: dict[int, str], after: tuple[int, int] = (0, 0)) -> Span | None:
    """Where words read from a joined paragraph sit in the lines it was joined from.

    Args:
        raw: The words, as they appear in the joined text.
        lines_text: The paragraph's lines by number, in order.
        after: (line, offset) to search from, so that a name written twice is
            found at its second place the second time.

    Returns:
        The span on one line, across two lines ("trên" / "65%"), or only its
        start when the layout split the words beyond rejoining ("4m" / "2").
    """
    if not raw:
        return None
    for number, text in lines_text.items():
        if number < after[0]:
            continue
        start = text.find(raw, after[1] if number == after[0] else 0)
        if start >= 0:
            return Span(line=number, start=start, end=start + len(raw))
    return _across_lines(raw, {n: t for n, t in lines_text.items() if n >= after[0]})


def _across_lines(raw: str, lines_text: dict[int, str]) -> Span | None:
    """'trên' at the end of one line and '65%' at the start of the next."""
    words = raw.split()
    filled = [(number, text) for number, text in lines_text.items() if text.strip()]
    for (number, text), (next_number, next_text) in itertools.pairwise(filled):
        for cut in range(1, len(words)):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            if text.rstrip().endswith(head) and next_text.lstrip().startswith(tail):
                start = len(text.rstrip()) - len(head)
                end = next_text.index(tail) + len(tail)
                return Span(line=number, start=start, end_line=next_number, end=end)
    return _first_word(words[0], filled)


def _first_word(word: str, filled: list[tuple[int, str]]) -> Span | None:
    """Where the words begin, when the layout split them beyond rejoining ("4m" / "2")."""
    for number, text in filled:
        start = text.rfind(word)
        if start >= 0:
            return Span(line=number, start=start)
    return None
