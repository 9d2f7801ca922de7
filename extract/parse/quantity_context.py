"""Where a figure's clause and sentence begin and end, found once per text.

The quantity reader asks, for every figure, where its clause starts (after ";" or
a full stop: the words that give its direction) and whether a yearly word stands
in its sentence ("hằng năm", "bình quân/năm"). Scanning the text from its start
for each figure is quadratic on a long line of figures (a table row or a list run
onto one line of 20,000 characters holds over a thousand): the boundaries and the
yearly words are found once here, and each question is a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from extract.parse.vocabulary import items, sort_longest
from extract.text import fold

_SPACES = re.compile(r"\s*")
# Ends of a clause: ";" or a full stop before a space (the start is past them).
_CLAUSE_END = re.compile(r";|\.\s")
# Ends of a sentence: a full stop before a space or at the end, a line break.
_SENTENCE_END = re.compile(r"\.\s|\.$|\n")


@dataclass(frozen=True)
class QuantityContext:
    """The boundaries and yearly words of one folded text."""

    text: str
    clause_starts: tuple[int, ...]
    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]
    yearly_spans: tuple[tuple[int, int], ...]
    condition_spans: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, folded: str) -> QuantityContext:
        """The context of ``folded`` (the text folded and masked, offsets kept)."""
        sentences = list(_SENTENCE_END.finditer(folded))
        clause_starts = tuple(found.end() for found in _CLAUSE_END.finditer(folded))
        return cls(
            text=folded,
            clause_starts=clause_starts,
            sentence_starts=tuple(found.end() for found in sentences),
            sentence_ends=tuple(_sentence_end_candidates(folded)),
            yearly_spans=tuple(found.span() for found in _yearly().finditer(folded)),
            condition_spans=tuple(_condition_spans(folded, clause_starts)),
        )

    def in_condition(self, position: int) -> bool:
        """Whether ``position`` lies in an "if" clause ("nếu ... có tỷ lệ 30% trở lên").

        Such a clause runs from its condition word to "thì" or the end of the clause;
        a figure in it says when the target applies, not a level it sets.
        """
        index = bisect_right(self.condition_spans, (position, len(self.text)))
        return index > 0 and self.condition_spans[index - 1][1] > position

    def clause_start(self, position: int) -> int:
        """Where the clause holding ``position`` begins: after ";" or a full stop."""
        index = bisect_right(self.clause_starts, position)
        return self.clause_starts[index - 1] if index else 0

    def is_yearly(self, start: int, end: int) -> bool:
        """Whether the figure at ``start:end`` is yearly.

        It is when "/năm" follows it or a yearly word stands in its sentence ("hằng
        năm", "bình quân/năm").
        """
        after = _SPACES.match(self.text, end)
        position = after.end() if after is not None else end
        suffixes = items().quantities.yearly_suffixes
        if any(self.text.startswith(fold(suffix), position) for suffix in suffixes):
            return True
        return self.has_yearly_word(start, end)

    def has_yearly_word(self, start: int, end: int) -> bool:
        """Whether a yearly word stands in the sentence of the figure at ``start:end``."""
        sentence_start = self._sentence_start(start)
        index = bisect_left(self.sentence_ends, end)
        ends = self.sentence_ends
        sentence_end = ends[index] if index < len(ends) else len(self.text)
        # A yearly word holds no "." nor line break, so none straddles a boundary: the
        # first one at or after the sentence's start is in it when it ends before its end.
        first = bisect_left(self.yearly_spans, (sentence_start, -1))
        return first < len(self.yearly_spans) and self.yearly_spans[first][1] <= sentence_end

    def _sentence_start(self, start: int) -> int:
        # A full stop right before the figure ends a sentence too ("\.$" at the figure).
        if start > 0 and self.text[start - 1] == ".":
            return start
        index = bisect_right(self.sentence_starts, start)
        return self.sentence_starts[index - 1] if index else 0


def _sentence_end_candidates(folded: str) -> list[int]:
    """Every offset where a sentence end may start, as a search from any point finds it."""
    ends = []
    last = len(folded) - 1
    for index, char in enumerate(folded):
        if char == "\n":
            ends.append(index)
        elif char == "." and (
            index == last
            or folded[index + 1].isspace()
            or (index + 1 == last and folded[last] == "\n")
        ):
            ends.append(index)
    return ends


def _condition_spans(folded: str, clause_starts: tuple[int, ...]) -> list[tuple[int, int]]:
    """Each "if" clause: from its condition word to "thì" or the clause's end, in order."""
    words = items().quantities
    closing = _words_pattern(tuple(words.condition_closings))
    spans = []
    for opening in _words_pattern(tuple(words.condition_openings)).finditer(folded):
        index = bisect_right(clause_starts, opening.end())
        clause_end = clause_starts[index] if index < len(clause_starts) else len(folded)
        closed = closing.search(folded, opening.end(), clause_end)
        spans.append((opening.start(), closed.start() if closed is not None else clause_end))
    return spans


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(fold(word)) for word in sort_longest(list(words)))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


@cache
def _yearly() -> re.Pattern[str]:
    yearly = "|".join(re.escape(word) for word in sort_longest(items().quantities.yearly_words))
    return re.compile(rf"(?<!\w)(?:{yearly})(?!\w)")
