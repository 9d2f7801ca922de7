"""Item labels that continue their lists: where a run-together list breaks into items.

A label is cut only when it continues its list ("2." after "1.", "(3)" after "(2)", "b)"
after "a)", a Roman part in its sequence) or, for a dash, when it opens a clause after
".", ";", ":", after a figure, or before a labelled line ("- Cơ quan lãnh đạo: ..."). The
walk is one pass over the candidates, left to right.
"""

from __future__ import annotations

import re

from extract.layout.dash_cuts import dash_cuts
from extract.layout.marks import Cut, after_clause, at_clause_end, cut_at, word_before
from extract.layout.vocabulary import LayoutWords
from extract.text import comparable, roman_value

# A label that may open an item: a Roman part, a number ("1.", "2.1.", "3)"), a number
# in brackets, a letter ("a)", "b."), a dash, a plus or a bullet, after a space and before one.
_LABEL = re.compile(
    r"(?<!\S)(?:(?P<roman>[IVXL]{1,5})\s?[.\-–]"
    r"|(?P<number>\d{1,3}(?:\.\d{1,2}){0,3})[.)]"
    r"|\((?P<paren>\d{1,3})\)\.?"
    r"|(?P<letter>[a-zđ])[).]"
    r"|(?P<dash>[-+•–*]))\s+"
)
# Emphasis and quotes that may come before an item's first letter.
_OPENERS = "*_“\"'‘("


def label_cuts(text: str, words: LayoutWords) -> list[Cut]:
    """Item labels that continue their lists, in one pass (a Roman part is a strong cut)."""
    walk = _ListWalk(words)
    labels = [
        found
        for found in _LABEL.finditer(text)
        if found.end() < len(text) and _opens_item(text, found)
    ]
    cuts: list[Cut] = []
    for index, found in enumerate(labels):
        if found.group("dash") is not None:
            following = labels[index + 1] if index + 1 < len(labels) else None
            cuts += dash_cuts(text, found, following, words)
            continue
        cut = walk.accept(text, found)
        if cut is not None:
            cuts.append(cut)
    return cuts


def _opens_item(text: str, found: re.Match[str]) -> bool:
    """An item's first word opens with a capital, or a figure after a bracket, a letter or a dash.

    A bracketed number after the end of a sentence opens an item whatever follows it
    ("... đạt 95%. (2) phường có ...": a typing slip, still the list's next item).
    """
    first = text[found.end() : found.end() + 4].lstrip(_OPENERS)[:1]
    # "a) 100% cấp ủy Đảng ...": a letter's item may open on its figure too.
    figure_first = any(found.group(kind) is not None for kind in ("paren", "letter", "dash"))
    if first.isupper() or (figure_first and first.isdigit()):
        return True
    return found.group("paren") is not None and after_clause(text, found.start())


class _ListWalk:
    """The lists met so far: the last Roman part, number path, bracketed number, letter."""

    def __init__(self, words: LayoutWords) -> None:
        self.words = words
        self.roman = 0
        self.path: tuple[int, ...] = ()
        # The last top-level number: some plans number their items on across parts
        # ("I. Về kinh tế 1. ... 11. ... II. Về văn hóa - xã hội 12. ...").
        self.top = 0
        self.paren = 0
        self.letter = -1
        # Right after a Roman part, its first item "1." needs no sentence end before it.
        self.fresh = False

    def accept(self, text: str, found: re.Match[str]) -> Cut | None:
        """The cut for a label that continues its list, else None (and nothing changes)."""
        if self._cites(text, found.start()):
            return None
        if found.group("roman") is not None:
            return self._roman(text, found)
        if found.group("number") is not None:
            return self._number(text, found)
        if found.group("paren") is not None:
            value = int(found.group("paren"))
            # The line's first bracketed number may go on with a list of the lines
            # before ("Về văn hóa - xã hội: (7) ... (8) ..."): any value opens it.
            if value not in (1, self.paren + 1) and self.paren != 0:
                return None
            self.paren = value
            return cut_at(found.start(), False)
        return self._letter(text, found)

    def _cites(self, text: str, start: int) -> bool:
        """A number that cites a part labels no item: "Điều 1.", "khoản 2.", "quý I."."""
        before = word_before(text, start)
        return before is not None and comparable(before) in self.words.numeral_takers

    def _roman(self, text: str, found: re.Match[str]) -> Cut | None:
        try:
            value = roman_value(found.group("roman"))
        except KeyError:
            return None
        # The line's first Roman part after a sentence's end may go on with parts the page
        # left out ("... đạt 100%. II. Nhiệm vụ và các giải pháp chủ yếu"); being out of
        # its sequence it is no strong mark.
        in_sequence = value == self.roman + 1
        if not in_sequence and (self.roman != 0 or not at_clause_end(text, found.start())):
            return None
        self.roman, self.path, self.paren, self.letter = value, (), 0, -1
        self.fresh = True
        return cut_at(found.start(), in_sequence)

    def _number(self, text: str, found: re.Match[str]) -> Cut | None:
        label = tuple(int(part) for part in found.group("number").split("."))
        depth = len(label) - 1
        if label[:depth] != self.path[:depth] or len(self.path) < depth:
            return None
        previous = self.path[depth] if len(self.path) > depth else (self.top if depth == 0 else 0)
        restarts = label[depth] == 1 and (
            depth > 0 or self.fresh or after_clause(text, found.start())
        )
        if label[depth] != previous + 1 and not restarts:
            return None
        self.path, self.letter, self.fresh = label, -1, False
        self.top = label[0]
        return cut_at(found.start(), False)

    def _letter(self, text: str, found: re.Match[str]) -> Cut | None:
        letter = found.group("letter")
        if letter not in self.words.letters:
            return None
        index = self.words.letters.index(letter)
        # A first letter after a sentence's end may go on with a list whose first item
        # was numbered otherwise ("1. Các chỉ tiêu kinh tế: ... . b. Các chỉ tiêu xã hội:").
        goes_on = self.letter == -1 and at_clause_end(text, found.start())
        if index not in (0, self.letter + 1) and not goes_on:
            return None
        self.letter = index
        return cut_at(found.start(), False)
