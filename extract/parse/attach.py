"""Label blocks ("- Cơ quan ...:", "- Thời gian ...:") and the items they apply to.

As these plans use it, a block of label lines applies to every target or task
written since the previous block in the same section: in the town plan targets
(1) and (2) of 2.2.1 share one block, and tasks 1.1 to 1.3 of part III share
the block under 1.3.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import Bodies, Body, Deadline, Line, Span
from extract.parse.blocks import TARGET_START, Paragraph, StartTest, gather, is_bullet, locate
from extract.parse.bodies import Label, merge, parse_bodies, read_label
from extract.parse.deadlines import parse_deadline

# How many lines a block may be interrupted for: a page's footnotes run a dozen.
RESUME_WINDOW = 24


@dataclass
class Block:
    """What one block of label lines says."""

    bodies: Bodies = field(default_factory=Bodies)
    deadline: Deadline | None = None
    first_line: int = 0
    last_line: int = 0


@dataclass
class Pending:
    """Items waiting for their block, all from one section."""

    group: str | None = None
    items: list[int] = field(default_factory=list)

    def add(self, group: str, item: int) -> None:
        """Queue an item (its position in the items found); another section's drops the rest."""
        if group != self.group:
            self.group, self.items = group, []
        self.items.append(item)

    def take(self) -> list[int]:
        """The items waiting, emptied."""
        taken, self.items = self.items, []
        return taken

    def reset(self, group: str | None) -> None:
        """A heading of another section: nothing before it can share a block after it."""
        if group != self.group:
            self.group, self.items = group, []


def read_block(lines: list[Line], index: int, is_new: StartTest, year: int | None) -> Block:
    """Read the label lines from ``lines[index]`` on (blank lines between are allowed)."""
    block = Block(first_line=lines[index].number)
    seen: set[str] = set()
    position = index
    while position < len(lines):
        text = lines[position].text
        if not text.strip():
            position += 1
            continue
        label = read_label(text)
        if label is None:
            resumed = _resumes(lines, position, is_new, seen)
            if resumed is None:
                break
            position = resumed
            continue
        seen.update(_keys(label))
        paragraph = gather(lines, position, label.value_start, is_new, mode="value")
        if label.is_deadline:
            if block.deadline is None:
                block.deadline = _deadline(paragraph.text, paragraph.span, year)
        else:
            found = _located(parse_bodies(paragraph.text), lines, paragraph, label.value_start)
            for role, words in zip(label.roles, label.words, strict=True):
                block.bodies = merge(block.bodies, role, found, words)
        block.last_line = paragraph.last_line
        position = paragraph.last_line  # line numbers are 1-based indexes + 1
    return block


def _located(found: list[Body], lines: list[Line], paragraph: Paragraph, start: int) -> list[Body]:
    """Each body pointed at the line it is written on (a value may run over lines)."""
    last = paragraph.last_line
    lines_text = {number: lines[number - 1].text for number in range(paragraph.span.line, last + 1)}
    cursor = (paragraph.span.line, start)
    located = []
    for body in found:
        span = locate(body.raw, lines_text, after=cursor)
        if span is not None:
            cursor = (span.end_line or span.line, span.end or span.start)
        located.append(body.replaced(span=span))
    return located


def _resumes(lines: list[Line], position: int, is_new: StartTest, seen: set[str]) -> int | None:
    """Where a block goes on after lines that interrupt it (a page's footnotes), if it does.

    The block goes on when a label follows before anything new starts and names
    only roles the block has not given yet; a label that repeats one starts the
    next block.
    """
    for ahead in range(position, min(len(lines), position + RESUME_WINDOW)):
        line = lines[ahead]
        label = read_label(line.text)
        if label is not None:
            return ahead if not (_keys(label) & seen) else None
        if is_new(line) or TARGET_START.match(line.text) or is_bullet(line.text):
            return None
    return None


def _keys(label: Label) -> set[str]:
    return {"deadline"} if label.is_deadline else set(label.roles)


def _deadline(text: str, span: Span, year: int | None) -> Deadline:
    deadline = parse_deadline(text, year=year, line=span.line)
    return deadline.replaced(span=span)
