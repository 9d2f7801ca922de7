"""Searching a font's glyph map: seed by frequency, then climb (see ``extract.repair.cid``).

The climb scores *units*, each counted once per distinct spelling: the font's
words, and pairs of adjacent words (joined by ``PAIR``), so that a syllable is
judged by its neighbour too ("kế hoạch", not "kế hoách"). A word that opens a
line carries ``LINE_START``, where a capital is expected.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from extract.repair.cid_climb import PAIR, Climber, Item, Unit, all_letters, variants
from extract.repair.cid_model import LINE_START, PUNCTUATION, letter_model

SPACE_SHARE = 0.1  # a glyph this frequent in a font without real spaces is the space
FREQUENCY_CANDIDATES = 20  # characters tried per glyph in the trigram climb
SAMPLE_WORDS = 500  # distinct words the climb scores, the most frequent first
GLYPH_WORDS = 4  # ... and at least this many words holding each glyph
SAMPLE_PAIRS = 800  # distinct pairs of adjacent sampled words, the most frequent first
RARE_SHARE = 0.01  # glyphs rarer than this are tried against every character
FONT_VALID_SHARE = 0.7  # below this share of valid words, a font's solution is doubtful
DIGIT_CONFIDENCE = 0.5  # the most a glyph solved as a digit is trusted
FIGURE_GLYPH_SHARE = 0.8  # a glyph this often in non-words is offered digits
FIGURE_CHARACTERS = tuple("0123456789/.,-%")



@dataclass
class Solution:
    """A font's glyph -> character map, with a confidence per glyph."""

    characters: dict[int, str] = field(default_factory=dict)
    confidence: dict[int, float] = field(default_factory=dict)
    valid_share: float = 1.0
    margin: float = 1.0
    glyphs: int = 0


def solve_font(sequences: list[list[Item]]) -> Solution:
    """Solve one font's glyphs from the lines it appears in (glyphs as ints)."""
    counts = Counter(item for sequence in sequences for item in sequence if isinstance(item, int))
    literal = sum(1 for sequence in sequences for item in sequence if isinstance(item, str))
    spaces = sum(1 for sequence in sequences for item in sequence if item == " ")
    mapping = _seed(counts, literal_spaces=spaces, literal=literal)
    space = next((glyph for glyph, char in mapping.items() if char == " "), None)
    climber = Climber(_units(sequences, space), mapping, space)
    climber.climb(climber.trigram_score, _frequency_candidates(counts, mapping, space))
    climber.climb(climber.word_score, _variant_candidates)
    everything = tuple(char for char in _target_ranking() if char != " ")
    rare = sum(counts.values()) * RARE_SHARE

    def rare_candidates(glyph: int, current: str) -> Iterable[str]:
        # Glyphs whose words are often not Vietnamese get every character; a swap
        # with a frequent letter (which rescores half the document) only for capitals.
        if not climber.doubtful(glyph):
            return ()
        return (char for char in everything
                if counts[climber.owner.get(char, glyph)] < rare or char.isupper())

    climber.climb(climber.word_score, rare_candidates, passes=2)
    climber.anchor_years([_words_of(sequence, space) for sequence in sequences])
    climber.climb(climber.word_score, _figure_candidates(climber))
    climber.climb(climber.word_score, _variant_candidates)
    confidence = climber.confidence()
    if space is not None:
        confidence[space] = min(0.99, 1.0 - 1.0 / (counts[space] + 1))
    # Digits are solved from the shapes of figures alone; a figure read from them is
    # never certain, so S002 flags every line holding one.
    confidence = {glyph: min(value, DIGIT_CONFIDENCE) if climber.mapping[glyph].isdigit()
                  else value for glyph, value in confidence.items()}
    valid_share = climber.valid_share()
    total = sum(counts.values())
    margin = sum(count * confidence.get(glyph, 0.0) for glyph, count in counts.items()) / total
    if valid_share < FONT_VALID_SHARE:
        # The solution as a whole does not read as Vietnamese: no glyph of it is sure.
        confidence = {glyph: min(value, 0.5) for glyph, value in confidence.items()}
    return Solution(climber.mapping, confidence, valid_share, margin, total)


def _seed(counts: Counter[int], literal_spaces: int, literal: int) -> dict[int, str]:
    """Frequency ranks of glyphs matched with frequency ranks of characters."""
    ranked = [glyph for glyph, _ in counts.most_common()]
    total = sum(counts.values()) + literal
    mapping: dict[int, str] = {}
    if ranked and counts[ranked[0]] >= SPACE_SHARE * total and literal_spaces < 0.02 * total:
        mapping[ranked.pop(0)] = " "
    pool = iter(char for char in _target_ranking() if char != " ")
    for glyph in ranked:
        mapping[glyph] = next(pool, "\ufffd")
    return mapping


@cache
def _target_ranking() -> tuple[str, ...]:
    """Every character a glyph may stand for, most frequent first."""
    frequency = letter_model().frequency
    ranked = [char for char, _ in frequency.most_common()]
    extra = [char for char in all_letters() + list("0123456789" + PUNCTUATION)
             if char not in frequency]
    return tuple(ranked + extra)


def _units(sequences: list[list[Item]], space: int | None) -> Counter[Unit]:
    """The words to score (a sample of the distinct ones), and pairs of adjacent ones."""
    words: Counter[Unit] = Counter()
    pairs: Counter[tuple[Unit, Unit]] = Counter()
    for sequence in sequences:
        line = _words_of(sequence, space)
        for index, word in enumerate(line):
            if any(isinstance(part, int) for part in word):
                words[(LINE_START, *word) if index == 0 else word] += 1
        for first, second in itertools.pairwise(line):
            if any(isinstance(part, int) for part in first + second):
                pairs[(first, second)] += 1
    units = _sample(words)
    kept = {word[1:] if word[:1] == (LINE_START,) else word for word in units}
    chosen = [(pair, count) for pair, count in pairs.most_common()
              if pair[0] in kept and pair[1] in kept][:SAMPLE_PAIRS]
    units.update({(*first, PAIR, *second): count for (first, second), count in chosen})
    return units


def _words_of(sequence: list[Item], space: int | None) -> list[Unit]:
    """A line's words, split at real spaces and at the space glyph."""
    words: list[Unit] = []
    current: list[Item] = []
    for item in (*sequence, " "):
        if item == " " or (space is not None and item == space):
            if current:
                words.append(tuple(current))
            current = []
        else:
            current.append(item)
    return words


def _sample(words: Counter[Unit]) -> Counter[Unit]:
    """The most frequent words, plus a few holding each glyph: bounds the work per document."""
    if len(words) <= SAMPLE_WORDS:
        return words
    ranked = [word for word, _ in words.most_common()]
    kept = set(ranked[:SAMPLE_WORDS])
    seen: Counter[int] = Counter()
    for word in kept:
        seen.update({item for item in word if isinstance(item, int)})
    for word in ranked[SAMPLE_WORDS:]:
        glyphs = {item for item in word if isinstance(item, int)}
        if any(seen[glyph] < GLYPH_WORDS for glyph in glyphs):
            kept.add(word)
            seen.update(glyphs)
    return Counter({word: words[word] for word in ranked if word in kept})


def _variant_candidates(glyph: int, current: str) -> tuple[str, ...]:
    return variants(current)


def _figure_candidates(climber: Climber) -> Callable[[int, str], Iterable[str]]:
    """Digits and the signs between them, for glyphs found almost only in non-words.

    Figures have no letters around them to be solved by in the letter climbs, which
    leave their glyphs as capitals or signs ("PHPH" for "2020"); a glyph that
    (nearly) only ever stands in words that are not syllables is offered the
    characters of figures, scored by their shapes.
    """
    chosen = frozenset(glyph for glyph in climber.order
                       if climber.invalid_share(glyph) >= FIGURE_GLYPH_SHARE)

    def candidates(glyph: int, current: str) -> Iterable[str]:
        # Only among these glyphs (and unused characters): the letters stay as solved.
        if glyph not in chosen:
            return ()
        return (char for char in FIGURE_CHARACTERS if climber.owner.get(char, glyph) in chosen)

    return candidates


def _frequency_candidates(
    counts: Counter[int], mapping: dict[int, str], space: int | None
) -> Callable[[int, str], Iterable[str]]:
    """Characters whose frequency in Vietnamese is nearest to each glyph's share."""
    glyph_total = sum(count for glyph, count in counts.items() if glyph != space) or 1
    frequency = letter_model().frequency
    char_total = sum(count for char, count in frequency.items() if char != " ") or 1
    pool = [char for char in _target_ranking() if char != " "]

    @cache
    def nearest(glyph: int) -> tuple[str, ...]:
        share = math.log(counts[glyph] / glyph_total)

        def distance(char: str) -> float:
            return abs(share - math.log((frequency[char] + 0.5) / char_total))

        return tuple(sorted(pool, key=distance)[:FREQUENCY_CANDIDATES])

    return lambda glyph, current: nearest(glyph)
