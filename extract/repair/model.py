"""The repair model: syllable inventory, n-gram models and capitalisation statistics.

Loaded lazily, once per process, from the files in ``data/`` (see
``build_data.py`` for where they come from). ``build_model`` also accepts
other training lines, which the benchmark uses to hold a plan out.
"""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from extract.repair.case_model import CaseModel
from extract.repair.language_model import Counts, InterpolatedModel, NgramModel
from extract.repair.syllables import SyllableRules, canonical_placement, shipped_rhymes
from extract.repair.tokens import BLANK, NUMBER, OTHER, PUNCTUATION
from extract.resources import data_dir

if TYPE_CHECKING:  # the disk cache (pickle) and the gazetteer serve a damaged document only
    from extract.repair.name_slot import Gazetteer

DATA = data_dir("extract.repair")
SYLLABLES = DATA / "syllables.tsv"
PAGE_TABLE = "plan_page_ngrams.tsv"
ORDER = 3
PRIOR_MASS = 0.6  # of the base distribution, the share given to syllables by word-list frequency
WORD_PAIR_WEIGHT = 0.2  # count of a word-list pair against one bigram of running text
# Share of the general-text (legal codes) model in the mixture with the plans' model,
# chosen on held-out synthetic garbling (mean of seeds 1-3): 0/0.1/0.2/0.3 gave
# 97.33/97.74/97.93/97.84% of damaged words glyph by glyph, 97.77/97.94/98.14/98.03% by font run.
GENERAL_SHARE = 0.2
# Weight of one n-gram of the plan pages (openings of real plans, decisions and resolutions of
# other topics, ``data/plan_page_ngrams.tsv``) against one of the corpus plans in the plans'
# model; 0 leaves them out. Measured on the honest bench's dev part only (3 seeds x 4
# profiles): none/0.5/1.0 gave 87.74/88.71/88.69% of damaged words (110 documents); with each
# re-decoded line scored without its own reading (line_apart), none/0.5 gave 88.83/89.47%
# (139 documents). Kept off until then: the garbled town plan's line 80 "Thực hiện các mục
# tiêu" read "Tư chương các mục tiêu", its first reading confirming itself.
PAGE_WEIGHT = 0.5


class SyllableInventory:
    """The valid syllables with a weight each, and fast lookup by pattern."""

    def __init__(self, weights: dict[str, int], rhymes: frozenset[str] | None = None) -> None:
        """Keep the syllables (lowercase); their rhymes and pattern index come when first needed.

        Telling whether a clean document is damaged asks only for syllables the
        inventory holds: parsing every syllable for its rhyme (40 ms) and indexing
        them by letter (10 ms) would be most of that check's cost. ``rhymes``, when
        given, are those of ``weights`` made beforehand (``syllables.shipped_rhymes``).
        """
        self.rules = SyllableRules(rhymes) if rhymes is not None else SyllableRules.of_syllables(
            weights
        )
        self.weights = weights
        self._index: _PatternIndex | None = None
        self._pattern_cache: dict[str, tuple[str, ...]] = {}
        self._fill_cache: dict[tuple[str, int], tuple[tuple[str, str, str], ...]] = {}
        self._letters: frozenset[str] | None = None
        self._position: dict[str, int] | None = None
        self._tokens: dict[str, str] = {}  # each syllable's model token, once prepared
        # Order of candidates for a pattern; build_model sets it to the unigram probability.
        self.rank = {syllable: float(weight) for syllable, weight in weights.items()}

    @property
    def rank(self) -> dict[str, float]:
        """Each syllable's rank: candidates for a pattern come highest first."""
        return self._rank

    @rank.setter
    def rank(self, rank: dict[str, float]) -> None:
        self._rank = rank
        self._position = None
        self._pattern_cache.clear()
        self._fill_cache.clear()

    @property
    def letters(self) -> frozenset[str]:
        """Every letter that occurs in a syllable."""
        if self._letters is None:
            self._letters = frozenset(char for syllable in self.weights for char in syllable)
        return self._letters

    def is_valid(self, syllable: str) -> bool:
        """True for a lowercase syllable that is in the inventory or follows the rules."""
        return syllable in self.weights or self.rules.is_valid(syllable)

    def matching(self, pattern: str) -> tuple[str, ...]:
        """Syllables matching a lowercase pattern (BLANK: any one letter), most frequent first."""
        found = self._pattern_cache.get(pattern)
        if found is not None:
            return found
        length = len(pattern)
        fixed = [(position, char) for position, char in enumerate(pattern) if char != BLANK]
        index = self._pattern_index()
        if not fixed:
            candidates: set[str] | list[str] = index.by_length.get(length, [])
        else:
            sets = sorted(
                (index.by_letter.get((length, position, char), set()) for position, char in fixed),
                key=len,
            )
            candidates = set.intersection(*sets) if sets[0] else set()
        found = tuple(sorted(candidates, key=self._positions().__getitem__))
        self._pattern_cache[pattern] = found
        return found

    def prepare(self) -> None:
        """Build now what is otherwise built when first needed (before the model is cached)."""
        _ = self.rules.rhymes, self.letters, self._positions()
        self._pattern_index()
        self._tokens = {syllable: canonical_placement(syllable) for syllable in self.weights}

    def _pattern_index(self) -> _PatternIndex:
        if self._index is None:
            self._index = _PatternIndex(self.weights)
        return self._index

    def _positions(self) -> dict[str, int]:
        """Each syllable's place in the rank order (sorting by it is a lookup, not a tuple)."""
        if self._position is None:
            rank = self._rank
            ordered = sorted(rank, key=lambda syllable: (-rank[syllable], syllable))
            self._position = {syllable: index for index, syllable in enumerate(ordered)}
        return self._position

    def fills(self, pattern: str, limit: int) -> tuple[tuple[str, str, str], ...]:
        """The first ``limit`` matches of a pattern: (letters in its blanks, syllable, token)."""
        key = (pattern, limit)
        found = self._fill_cache.get(key)
        if found is None:
            blanks = [index for index, char in enumerate(pattern) if char == BLANK]
            token = self._tokens.get
            syllables = self.matching(pattern)[:limit]
            found = tuple(
                (letters, syllable, token(syllable) or canonical_placement(syllable))
                for letters, syllable in zip(
                    _blank_letters(syllables, blanks), syllables, strict=True
                )
            )
            self._fill_cache[key] = found
        return found


def _blank_letters(syllables: tuple[str, ...], blanks: list[int]) -> list[str]:
    """The letters of each syllable at the blanks' positions (an itemgetter: the hot path)."""
    if not blanks:
        return [""] * len(syllables)
    pick = operator.itemgetter(*blanks)
    if len(blanks) == 1:
        return [pick(syllable) for syllable in syllables]
    return ["".join(pick(syllable)) for syllable in syllables]


class _PatternIndex:
    """Syllables by length and by the letter at each position."""

    def __init__(self, syllables: Iterable[str]) -> None:
        self.by_length: dict[int, list[str]] = defaultdict(list)
        self.by_letter: dict[tuple[int, int, str], set[str]] = defaultdict(set)
        for syllable in syllables:
            self.by_length[len(syllable)].append(syllable)
            for position, char in enumerate(syllable):
                self.by_letter[(len(syllable), position, char)].add(syllable)


@dataclass
class RepairModel:
    """Everything the dropped-glyph decoder and the cid solver score with."""

    inventory: SyllableInventory
    language: NgramModel | InterpolatedModel
    case: CaseModel
    letter_share: dict[str, float] = field(default_factory=dict)
    # Place names the decoder scores as a slot; read on first use when None (name_slot).
    names: Gazetteer | None = None

    @property
    def inventory_letters(self) -> frozenset[str]:
        """Every letter that occurs in a known syllable."""
        return self.inventory.letters


def build_model(
    syllable_weights: dict[str, int],
    word_pairs: dict[tuple[str, str], float],
    training_lines: list[list[str]],
    general_counts: Counts | None = None,
    page_counts: Counts | None = None,
    page_weight: float = PAGE_WEIGHT,
) -> RepairModel:
    """Build a model from syllable weights, word-internal pairs and cased token lines.

    ``general_counts`` (n-grams of general formal text, the shipped legal codes
    by default; ``{}`` for none) make a second model, mixed in at ``GENERAL_SHARE``.
    ``page_counts`` (n-grams of plan text of other topics, the shipped plan pages by
    default; ``{}`` for none) join the plans' own counts at ``page_weight`` each (none
    at 0): they are the same kind of text, written on other subjects.
    """
    inventory = SyllableInventory(syllable_weights)
    total = float(sum(syllable_weights.values()))
    prior = {syllable: PRIOR_MASS * weight / total for syllable, weight in syllable_weights.items()}
    others = [*sorted(PUNCTUATION), NUMBER, OTHER]
    for token in others:
        prior[token] = (1.0 - PRIOR_MASS) / len(others)
    pairs = {pair: WORD_PAIR_WEIGHT * count for pair, count in word_pairs.items()}
    plans = NgramModel(ORDER, prior)
    plans.add_pairs(pairs)
    case = CaseModel()
    letters: Counter[str] = Counter()
    for tokens in training_lines:
        words = [token for token in tokens if token[:1].isalpha()]
        letters.update(char for token in words for char in token.lower())
        letters.update(char for token in words for char in token if char.isupper())
        plans.add_sequence([token.lower() for token in tokens])
    case.observe_lines(training_lines)
    if page_weight > 0:  # n-grams only: case and letter shares stay the corpus plans' own
        page_counts = shipped_page_counts() if page_counts is None else page_counts
        plans.add_counts(
            {
                context: {token: page_weight * count for token, count in counter.items()}
                for context, counter in page_counts.items()
            }
        )
    general_counts = shipped_general_counts() if general_counts is None else general_counts
    language: NgramModel | InterpolatedModel = plans
    if general_counts:
        general = NgramModel(ORDER, prior)
        general.add_counts(general_counts)
        general.add_pairs(pairs)
        language = InterpolatedModel(plans, general, GENERAL_SHARE)
    inventory.rank = {
        syllable: language.logprob((), canonical_placement(syllable))
        for syllable in syllable_weights
    }
    # Shares of all letters: lower-case keys count both cases; capitals also on their own.
    total_letters = max(sum(count for char, count in letters.items() if char.islower()), 1)
    letter_share = {char: count / total_letters for char, count in letters.items()}
    return RepairModel(inventory, language, case, letter_share)


def read_data() -> tuple[dict[str, int], dict[tuple[str, str], float], list[list[str]]]:
    """Read the shipped data files: syllable weights, word pairs, clean token lines."""
    weights = _syllable_weights()
    pairs: dict[tuple[str, str], float] = {}
    for row in _rows(DATA / "word_pairs.tsv"):
        key, value = row.split("\t")
        first, second = key.split(" ")
        pairs[(first, second)] = float(value)
    lines = [row.split(" ") for row in _rows(DATA / "clean_text.txt")]
    return weights, pairs, lines


def shipped_general_counts() -> dict[tuple[str, ...], dict[str, float]]:
    """N-gram counts of the shipped general text (``data/general_ngrams.tsv``).

    Each row is ``context<TAB>token<TAB>count``, the context's tokens joined
    by spaces (empty for unigrams). Read anew each time (0.15 s), not kept:
    a model copies them, and 30 MB more for the process's life is worse.
    """
    return read_counts(DATA / "general_ngrams.tsv")


def shipped_page_counts() -> dict[tuple[str, ...], dict[str, float]]:
    """N-gram counts of the plan pages (``data/plan_page_ngrams.tsv``).

    The same form as ``general_ngrams.tsv``; written by ``build_data --pages`` from
    the stored pages of ``tests/repair_pages`` (a development folder: only the counts ship).
    """
    return read_counts(DATA / PAGE_TABLE)


def read_counts(path: Path) -> dict[tuple[str, ...], dict[str, float]]:
    """N-gram counts of a ``context<TAB>token<TAB>count`` table."""
    counts: dict[tuple[str, ...], dict[str, float]] = {}
    for row in _rows(path):
        context, token, count = row.split("\t")
        key = tuple(context.split(" ")) if context else ()
        counts.setdefault(key, {})[token] = float(count)
    return counts


def _syllable_weights() -> dict[str, int]:
    rows = (row.split("\t") for row in _rows(SYLLABLES))
    return {key: int(value) for key, value in rows}


@cache
def default_inventory() -> SyllableInventory:
    """The shipped syllables alone, once per process.

    Enough to tell whether a document is damaged, and a tenth of the time of the
    whole model, which only a damaged document needs.
    """
    return SyllableInventory(_syllable_weights(), shipped_rhymes(SYLLABLES.read_bytes()))


@cache
def default_model() -> RepairModel:
    """The model built from the shipped data, once per process (kept on disk: ``model_cache``)."""
    from extract.repair.model_cache import cached_model

    return cached_model(_shipped_model)


def _shipped_model() -> RepairModel:
    from extract.repair.name_slot import gazetteer

    model = build_model(*read_data())
    # A damaged document needs all of the inventory: the disk cache then keeps it ready.
    model.inventory.prepare()
    model.names = gazetteer()  # read from the package's SQLite file: 0.09 s, kept on disk too
    return model


def _rows(path: Path) -> list[str]:
    return [row for row in path.read_text(encoding="utf-8").splitlines() if row]
