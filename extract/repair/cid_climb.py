"""The hill climber of the cid solver: one font's glyph map, scored unit by unit.

A unit is a distinct spelling the solver scores, counted as often as it occurs:
a word, or a pair of adjacent words joined by ``PAIR``; a word that opens a line
carries ``LINE_START``. ``cid_search`` decides what to climb on and in which
order; this module keeps the map, tries swaps and scores them.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache

from extract.repair.cid_model import (
    LINE_START,
    PUNCTUATION,
    WordScorer,
    letter_model,
)
from extract.text import base_letter

MAX_PASSES = 4
PAIR = "\x1f"
_PRIVATE = 0xF0000  # first of the code points standing for glyphs while solving

Item = int | str  # a glyph number of the font being solved, or a known character
Unit = tuple[Item, ...]


@cache
def all_letters() -> list[str]:
    lower = sorted({char for syllable in letter_model().unigrams for char in syllable
                    if char.isalpha()} | set("abcdefghijklmnopqrstuvwxyzđ"))
    return lower + [char.upper() for char in lower if char.upper() != char]


@cache
def variants(char: str) -> tuple[str, ...]:
    if char.isdigit():
        return tuple("0123456789")
    if not char.isalpha():
        return tuple(PUNCTUATION)
    bare = base_letter(char)
    return tuple(letter for letter in all_letters() if base_letter(letter) == bare)


class Climber:
    """Hill climbing over a font's glyph map, scoring distinct units by count."""

    def __init__(self, units: Counter[Unit], mapping: dict[int, str], space: int | None) -> None:
        self.mapping = dict(mapping)
        self.owner = {char: glyph for glyph, char in self.mapping.items()}
        self.scorer = WordScorer()
        # Each glyph stands in the units as a private-use character, so that decoding
        # a unit is one str.translate (the climb decodes millions of them).
        self._code = {glyph: _PRIVATE + index for index, glyph in enumerate(self.mapping)}
        self._table = {self._code[glyph]: char for glyph, char in self.mapping.items()}
        # Units by index, so that sums run in the same order in every process.
        self.unit_list = list(units)
        self._spelled = ["".join(item if isinstance(item, str) else chr(self._code[item])
                                 for item in unit) for unit in self.unit_list]
        self.unit_counts = [units[unit] for unit in self.unit_list]
        self.is_word = [PAIR not in unit for unit in self.unit_list]
        self.by_glyph: dict[int, set[int]] = defaultdict(set)
        for index, unit in enumerate(self.unit_list):
            for item in unit:
                if isinstance(item, int):
                    self.by_glyph[item].add(index)
        # Glyphs in order of the words holding them (pairs would count each twice more).
        counts = Counter({glyph: sum(self.unit_counts[index] for index in found
                                     if self.is_word[index])
                          for glyph, found in self.by_glyph.items()})
        self.order = [glyph for glyph, _ in counts.most_common() if glyph != space]
        # Each unit's score under the map as it stands, per scorer (by name): a swap's
        # "before" is read from here, not decoded and scored again (half the work).
        self._current: dict[str, list[float]] = {}
        self.fixed: set[int] = set()  # glyphs no later swap may change

    def trigram_score(self, text: str) -> float:
        """Letters alone: the coarse climb, while most words are still nonsense."""
        if PAIR in text:
            return 0.0
        return self.scorer.letters.word_logprob(text.removeprefix(LINE_START))

    def word_score(self, text: str) -> float:
        """Syllables, case and figures for a word; the association of a pair."""
        if PAIR in text:
            first, second = text.split(PAIR)
            return self.scorer.pair(first, second)
        return self.scorer.word(text)

    def climb(
        self,
        scorer: Callable[[str], float],
        candidates: Callable[[int, str], Iterable[str]],
        passes: int = MAX_PASSES,
    ) -> None:
        """Keep every swap that raises the score, until a pass changes nothing."""
        for _ in range(passes):
            improved = False
            for glyph in self.order:
                if glyph in self.fixed:
                    continue
                for char in candidates(glyph, self.mapping[glyph]):
                    if (char != self.mapping[glyph] and self.owner.get(char) not in self.fixed
                            and self._delta(scorer, glyph, char) > 1e-6):
                        self._commit(glyph, char)
                        improved = True
            if not improved:
                return

    def confidence(self) -> dict[int, float]:
        """Per glyph: how much the document would lose with its best alternative."""
        found = {}
        for glyph in self.order:
            current = self.mapping[glyph]
            losses = [-self._delta(self.word_score, glyph, char)
                      for char in variants(current) if char != current]
            loss = min(losses, default=10.0)
            found[glyph] = min(0.999, 1.0 / (1.0 + math.exp(-(loss - 1.0))))
        return found

    def anchor_years(self, lines: list[list[Unit]]) -> None:
        """Read the four glyphs after "năm" as a year of this century: "20", then the climb.

        "năm" is matched by its bare letters: its tone may still be wrong ("nắm").

        Plans date everything ("năm 2025", "ngày 10 tháng 10 năm 2022"); the first
        two glyphs of the figures that follow "năm" are "2" and "0" far more often
        than not, and a climb from letters or signs rarely finds both at once.
        """
        firsts: Counter[int] = Counter()
        seconds: Counter[int] = Counter()
        for words in lines:
            for first, year in itertools.pairwise(words):
                if (len(year) == 4 and all(isinstance(item, int) for item in year)
                        and "".join(map(base_letter, self._spell(first))) == "nam"):
                    firsts[int(year[0])] += 1
                    seconds[int(year[1])] += 1
        if firsts and seconds:
            first_glyph, second_glyph = firsts.most_common(1)[0][0], seconds.most_common(1)[0][0]
            if first_glyph != second_glyph:
                self._commit(first_glyph, "2")
                self._commit(second_glyph, "0")
                # Kept from here on: a figure climb would trade a year for "101%".
                self.fixed.update((first_glyph, second_glyph))

    def _spell(self, word: Unit) -> str:
        return "".join(self.mapping[item] if isinstance(item, int) else item for item in word)

    def valid_share(self) -> float:
        """Share of the scored words (by count) that read as valid syllables."""
        valid = total = 0
        for index, count in enumerate(self.unit_counts):
            verdict = self._verdict(index)
            if verdict is not None:
                total += count
                valid += count * int(verdict)
        return valid / total if total else 1.0

    def doubtful(self, glyph: int) -> bool:
        """True when at least a quarter of the words holding the glyph are not valid syllables."""
        return self.invalid_share(glyph) >= 0.25

    def invalid_share(self, glyph: int) -> float:
        """Share of the words holding the glyph (by count) that are not valid syllables."""
        invalid = total = 0
        for index in self.by_glyph[glyph]:
            verdict = self._verdict(index)
            if verdict is not None:  # "H5)CH" is a word gone wrong too
                total += self.unit_counts[index]
                invalid += self.unit_counts[index] * int(not verdict)
        return invalid / total if total else 0.0

    def _verdict(self, index: int) -> bool | None:
        """Whether a word unit reads as a valid syllable; None for pairs and figures."""
        if not self.is_word[index]:
            return None
        text = self._decode(index).removeprefix(LINE_START).strip(PUNCTUATION)
        if not any(char.isalpha() for char in text):
            return None
        return self.scorer.is_word(text)

    def _delta(self, scorer: Callable[[str], float], glyph: int, char: str) -> float:
        """Change of the score if ``glyph`` took ``char``; the map is left as it was."""
        old = self.mapping[glyph]
        affected = sorted(self._affected(glyph, char))
        current = self._scores(scorer)
        before = sum(self.unit_counts[index] * current[index] for index in affected)
        self._swap(glyph, char)
        after = sum(self.unit_counts[index] * scorer(self._decode(index))
                    for index in affected)
        self._swap(glyph, old)  # the owner of ``char`` gets it back
        return after - before

    def _affected(self, glyph: int, char: str) -> set[int]:
        """The units whose spelling changes when ``glyph`` takes ``char``."""
        other = self.owner.get(char)
        return self.by_glyph[glyph] | (self.by_glyph[other] if other is not None else set())

    def _scores(self, scorer: Callable[[str], float]) -> list[float]:
        scores = self._current.get(scorer.__name__)
        if scores is None:
            scores = [scorer(self._decode(index)) for index in range(len(self.unit_list))]
            self._current[scorer.__name__] = scores
        return scores

    def _commit(self, glyph: int, char: str) -> None:
        """Make the swap, and rescore the units it changed under every scorer kept."""
        affected = self._affected(glyph, char)
        self._swap(glyph, char)
        for name, scores in self._current.items():
            scorer = getattr(self, name)
            for index in affected:
                scores[index] = scorer(self._decode(index))

    def _swap(self, glyph: int, char: str) -> None:
        """Give ``glyph`` the character ``char``; its owner, if any, takes the old one."""
        old = self.mapping[glyph]
        other = self.owner.get(char)
        self.mapping[glyph] = char
        self._table[self._code[glyph]] = char
        self.owner[char] = glyph
        if other is not None and other != glyph:
            self.mapping[other] = old
            self._table[self._code[other]] = old
            self.owner[old] = other
        elif self.owner.get(old) == glyph:
            del self.owner[old]

    def _decode(self, index: int) -> str:
        return self._spelled[index].translate(self._table)
