"""Where a child names a catalogue entry without an item of its own for it.

A parent item the child names in its targets (or tasks) stretch without a matching item
(an unnumbered paragraph extraction did not turn into an item, or an item that merges
two of the parent's) is not reported missing: the matching table marks it 'mentioned'
and a reviewer decides.
"""

from __future__ import annotations

from typing import Literal

from extract.model import Plan
from extract.text import fold_text
from rules.reference import CatalogueEntry

# Lines after the last extracted item still searched for an unrecognised mention.
_MENTION_TAIL_LINES = 15


def mention_lines(plan: Plan, kind: Literal["target", "task"]) -> list[tuple[int, str]]:
    """Folded lines of the child where an item of this kind may sit unrecognised.

    When extraction found items of the kind, only the stretch they occupy (plus a short
    tail) is searched, so that a word in an unrelated task does not excuse a missing
    target; when it found none, the whole text is.
    """
    lines = _item_lines(plan, kind)
    if lines:
        first, last = min(lines), max(lines) + _MENTION_TAIL_LINES
        chosen = [line for line in plan.lines if first <= line.number <= last]
    else:
        chosen = plan.lines
    return [(line.number, fold_text(line.text)) for line in chosen]


def find_mention(lines: list[tuple[int, str]], entry: CatalogueEntry) -> tuple[int, str] | None:
    """The first line that names a catalogue entry by one of its keywords, exactly.

    On the first such line, the entry's first keyword found there. The lines are searched
    as one text (a line break touches no word, as a line's ends do not), each keyword once:
    calling ``has_word_run`` line by line and keyword by keyword was a twentieth of a check.
    """
    text = "\n".join(folded for _, folded in lines)
    if text.count("\n") != max(len(lines) - 1, 0):  # a break within a line: line by line
        return next(
            (
                (number, keyword)
                for number, folded in lines
                for keyword in entry.keywords
                if has_word_run(folded, keyword)
            ),
            None,
        )
    best: tuple[int, int] | None = None
    for order, keyword in enumerate(entry.keywords):
        start = _word_run_at(text, keyword) if "\n" not in keyword else -1
        if start < 0:
            continue
        found = (text.count("\n", 0, start), order)
        if best is None or found < best:
            best = found
    if best is None:
        return None
    line, order = best
    return lines[line][0], entry.keywords[order]


def _item_lines(plan: Plan, kind: Literal["target", "task"]) -> list[int]:
    if kind == "target":
        return [target.line for target in plan.targets]
    return [task.line for task in plan.tasks]


def has_word_run(folded: str, keyword: str) -> bool:
    """Whether the folded keyword occurs in folded text as whole words.

    Each occurrence is tried in turn, as a regex search would, with no letter or digit
    (``[0-9a-z]``) touching it on either side. Found with ``str.find`` rather than a
    pattern per keyword: compiling eighty patterns was a tenth of a cold check (issue 18).
    """
    return _word_run_at(folded, keyword) >= 0


def _word_run_at(folded: str, keyword: str) -> int:
    """Where the first whole-word occurrence of ``keyword`` starts in ``folded``; -1: none."""
    start = folded.find(keyword)
    while start >= 0:
        end = start + len(keyword)
        if (start == 0 or folded[start - 1] not in _WORD_CHARACTERS) and (
            end == len(folded) or folded[end] not in _WORD_CHARACTERS
        ):
            return start
        start = folded.find(keyword, start + 1)
    return -1


# What counts as part of a word around a keyword: folded text is lower-case ASCII.
_WORD_CHARACTERS = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
