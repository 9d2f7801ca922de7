"""Runs of lines labelled alike: the lists the content route (``target_lists``) reads.

A run is lines whose labels go on one from the other ("1.", "2." ...; "(1)", "(2)" ...;
"a)", "b)" ...; dashes, pluses, bullets), each item with the unlabelled lines that continue
it, and the line before the run (its lead). Labels of a lower rank under an item are its
parts, kept as runs of their own (and their parts as runs of theirs); a line that numbers
several items in a row is a run.
Each line is read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from extract.model import Line
from extract.parse.target_forms import inline_targets
from extract.parse.targets import INLINE_NUMBER
from extract.parse.vocabulary import items

# A list label at a line's start and what kind it is; a "1." is no "1.5" and no "2020.".
_LABEL = re.compile(
    r"^\s*(?:\((?P<paren>\d{1,2})\)|(?P<dot>\d{1,2})[.)](?![\d.])|(?P<letter>[a-zđ])[.)]"
    r"|(?P<dash>[-–])|(?P<plus>\+)|(?P<bullet>[•●▪]))\s*(?=\S)"
)
_NUMBERED = ("paren", "dot")
# The usual order of a plan's list labels: a label of a higher rank number is a part of
# the item above it ("1." over "(1)" over "a)" over "-" over "+").
_RANKS = {"inline": 0, "dot": 1, "paren": 2, "letter": 3, "dash": 4, "bullet": 4, "plus": 5}
# How a sentence closes: the next line with text starts something new.
_CLOSED = (".", ";", "!", "?", "…", ":")
# The number of the first item run on in a line, at the end of the words before it.
_TRAILING_NUMBER = re.compile(r"\s*(?:\(\d{1,2}\)|\d{1,2}[.)])[.]?\s*$")
# The most numbers a line may carry to be read as a list run on in it.
_INLINE_MOST = 40


@dataclass
class Run:
    """Lines labelled alike in a row, with the line before them (its lead)."""

    kind: str
    lead: str
    number: int | None
    # Each item's first and last line and its words, line by line (joined once, when read).
    items: list[tuple[int, int, list[str]]] = field(default_factory=list)
    # Runs of labelled parts of its items ("a)" ... under "2. Mục tiêu cụ thể"), each with
    # the runs of its own parts ("-" under "a)"); the depth is bounded by the labels' ranks.
    parts: list[Run] = field(default_factory=list)


def label_runs(lines: list[Line], headings: set[int]) -> Iterator[Run]:
    """Runs of lines labelled alike, each item with the unlabelled lines that continue it.

    A label of a lower rank ("+" under "-", "a)" under "1.") is a part of the item above;
    such parts in a row are also kept as a run of their own (``Run.parts``), read when the
    run above them is no list of targets. A line that numbers two or more items in a row
    ("Về kinh tế: (1) ... (2) ...") is a run of its own.
    """
    builder = _RunBuilder(headings)
    for line in lines:
        if line.text.strip():
            yield from builder.feed(line)
    yield from builder.close()


class _RunBuilder:
    """The state of :func:`label_runs`: the open run, its open run of parts, the last line read."""

    def __init__(self, headings: set[int]) -> None:
        self.headings = headings
        self.run: Run | None = None
        self.lead = ""

    def feed(self, line: Line) -> Iterator[Run]:
        text = line.text.strip()
        label = _LABEL.match(line.text) if line.cell is None else None
        inline = _inline_run(line, self.lead) if line.cell is None else None
        if label is not None and not _opens_item(line.text, label):
            label = None
        if inline is not None:
            yield from self.close()
            yield inline
        elif label is not None and self.run is not None and _rank(label) > _RANKS[self.run.kind]:
            # "+ Lúa 507 ha" under "- Thực hiện ... 772 ha, trong đó:": a part of the item.
            _extend(self.run, line.number, text)
            _add_part(self.run, line, label, text)
        elif label is not None:
            kind, number = str(label.lastgroup), _number_of(label)
            run = self.run
            if run is None or run.kind != kind or not _follows(run.number, number, kind):
                yield from self.close()
                run = self.run = Run(kind, self.lead, number)
            run.items.append((line.number, line.number, [line.text[label.end() :].strip()]))
            run.number = number
        elif (
            self.run is not None and line.number not in self.headings and _continues(self.run, text)
        ):
            _extend(self.run, line.number, text)
            parts = self.run.parts  # the open parts, and their open parts, go on too
            while parts and parts[-1].items[-1][1] == line.number - 1:
                _extend(parts[-1], line.number, text)
                parts = parts[-1].parts
        else:
            yield from self.close()
        self.lead = text

    def close(self) -> Iterator[Run]:
        if self.run is not None:
            yield self.run
        self.run = None


def _rank(label: re.Match[str]) -> int:
    return _RANKS.get(label.lastgroup or "", 0)


def _extend(run: Run, number: int, text: str) -> None:
    """The line ``number`` goes on with the last item of ``run``."""
    first, _, parts = run.items[-1]
    parts.append(text)
    run.items[-1] = (first, number, parts)


def _add_part(run: Run, line: Line, label: re.Match[str], text: str) -> None:
    """A labelled part of the run's last item, kept in a run of parts of its own kind."""
    kind, number = str(label.lastgroup), _number_of(label)
    item_words = run.items[-1][2][0]
    parts = run.parts[-1] if run.parts else None
    if parts is not None and parts.items[-1][1] < run.items[-1][0]:
        parts = None  # the parts of an earlier item
    if parts is not None and _rank(label) > _RANKS[parts.kind]:
        # "-" under "a) Mục tiêu 1: ..." under "2. Mục tiêu cụ thể": a part of the part.
        _extend(parts, line.number, text)
        _add_part(parts, line, label, text)
        return
    if parts is None or parts.kind != kind or not _follows(parts.number, number, kind):
        parts = Run(kind, item_words, number)
        run.parts.append(parts)
    parts.items.append((line.number, line.number, [line.text[label.end() :].strip()]))
    parts.number = number


def _inline_run(line: Line, lead: str) -> Run | None:
    """The items a line numbers in a row, as a run led by the words before them.

    Lines with more numbers than ``_INLINE_MOST`` are left alone: finding the longest
    row among a line's numbers grows with their square.
    """
    markers = sum(1 for _ in islice(INLINE_NUMBER.finditer(line.text), _INLINE_MOST + 1))
    if markers < 2 or markers > _INLINE_MOST:
        return None
    found = inline_targets(line)
    if len(found) < 2:
        return None
    # The words before the first item, without its number: "... các nhiệm vụ sau: (1)".
    before = _TRAILING_NUMBER.sub("", line.text[: found[0][2].start]).strip()
    run = Run("inline", before or lead, None)
    run.items = [(line.number, line.number, [text]) for _, text, _ in found]
    return run


def _opens_item(text: str, label: re.Match[str]) -> bool:
    """A dash before a word in lower case wraps a name ("- xã hội"), it opens no item."""
    return label.lastgroup not in ("dash", "plus") or not text[label.end() :][:1].islower()


def _number_of(label: re.Match[str]) -> int | None:
    if label.lastgroup in _NUMBERED:
        return int(label[label.lastgroup])
    if label.lastgroup == "letter":
        # The Vietnamese order (a, b, c, d, đ, e, ...; Nghị định 30/2020/NĐ-CP, Phụ lục I),
        # then any other letter after them.
        letters = items().sections.letter_labels
        letter = label["letter"]
        return letters.index(letter) if letter in letters else len(letters) + ord(letter)
    return None


def _follows(last: int | None, number: int | None, kind: str) -> bool:
    """Numbers go on by one, letters go forward; bullets always follow one another."""
    if last is None or number is None:
        return True
    if kind in _NUMBERED:
        return number == last + 1
    return number > last


def _continues(run: Run, text: str) -> bool:
    """An unlabelled line goes on with the item above unless that item closed its sentence."""
    words = run.items[-1][2][-1].rstrip()
    return not words.endswith(_CLOSED) or text[:1].islower()
