"""What the cutting of a run-together line reads around a position (``extract.layout``).

The header cuts (:mod:`extract.layout.cuts`) and the item labels' cuts
(:mod:`extract.layout.label_cuts`) ask the same questions of the text near a position:
the word before it, whether a clause ends there, whether a word is in capitals. Each
looks at a window of ``WINDOW`` characters, never at everything before, so its cost is
flat on a long line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What ends a sentence or a clause before a label: the label may open a line there.
CLAUSE_END = ".;:!?…"
# Quotes, brackets and emphasis that close a clause after its last word ("... 0,7.**").
CLOSERS = '"”’)]*_'
_WORD_BEFORE = re.compile(r"(\S+)\s*$")
# A label on its own ("2.", "II-", "(1)", "a)"): the "." it ends with closes no sentence.
_BARE_LABEL = re.compile(r"\(?(?:\d{1,2}(?:\.\d{1,2})*|[IVXL]{1,5}|[a-zđ])[.)\-–]?\)?")
# After a dash, a labelled line: a few words, then a colon ("- Cơ quan lãnh đạo: ...",
# "- *Thời gian thực hiện*: ...", "- *Cơ quan tham mưu, thực hiện:* ..."), as a plan's
# label blocks write it; the colon may stand inside the emphasis.
LABELLED = re.compile(r"[*_]*[^\W\d_][^:;.!?\-–|]{0,40}?[*_]*:")
# How far back (or ahead) a test looks from a position: a word and its spaces. Looking
# at a window, never at everything before, keeps each test's cost flat on a long line.
WINDOW = 80
TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Cut:
    r"""A break: the line before it ends at ``end``, the next begins at ``start``.

    ``end`` and ``start`` differ only where a separator is dropped (a literal ``\\r\\n``,
    ``literal``): between two of those, an empty line is a blank line of the page.
    """

    end: int
    start: int
    strong: bool
    literal: bool = False


def in_capitals(word: str) -> bool:
    """Two letters or more, all capitals ("ỦY", "UBND"; not "Số", not "I")."""
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def after_clause(text: str, start: int) -> bool:
    """Whether ``start`` opens a clause: after ".", ";", ":" or a word in capitals."""
    window = text[max(0, start - WINDOW) : start].rstrip().rstrip(CLOSERS)
    if not window:
        return start <= WINDOW
    word = word_before(window, len(window))
    if word is not None and _BARE_LABEL.fullmatch(word):
        return False  # "2. Thực hiện ...": the label's own dot
    if window[-1] in CLAUSE_END:
        return True
    return word is not None and in_capitals(word)


def at_clause_end(text: str, position: int) -> bool:
    """Whether a clause ends right before ``position`` (".", ";", ":", closers after it).

    A label's own dot ("2.") ends no clause.
    """
    window = text[max(0, position - WINDOW) : position].rstrip().rstrip(CLOSERS)
    if not window or window[-1] not in CLAUSE_END:
        return False
    word = word_before(window, len(window))
    return word is None or _BARE_LABEL.fullmatch(word) is None


def word_before(text: str, position: int) -> str | None:
    """The word that ends before ``position`` (spaces between skipped), looking back a window."""
    found = _WORD_BEFORE.search(text[max(0, position - WINDOW) : position])
    return found.group(1) if found is not None else None


def cut_at(position: int, strong: bool) -> Cut:
    return Cut(position, position, strong)
