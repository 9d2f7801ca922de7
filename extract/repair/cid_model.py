"""What Vietnamese looks like, for the cid solver: letters, syllables, syllable pairs, figures.

The solver (``cid_search``) decodes a font's words under a trial glyph map and
asks this module how Vietnamese each decoded word, and each pair of adjacent
words, looks. Three layers answer:

- **letters**: a letter trigram model within words, trained on the repair model's
  clean text (the clean corpus plans) and the syllable inventory; it guides the
  first, coarse climb when most words are still nonsense;
- **syllables**: the repair model's syllable n-gram model (the clean plans mixed
  with six legal codes, ``extract/repair/build_data.py``): a valid syllable is
  scored by how often it is written, and a pair of words by how much more likely
  the second is after the first. Tone and hat variants ("hoạch" / "hoách") are
  all valid syllables; only their frequency and their neighbours tell them apart;
- **figures**: digits have no letters around them, so a figure is scored by its
  shape as Nghị định 30/2020/NĐ-CP writes them: years of four digits in recent
  decades, days up to 31 and months up to 12 (in "dd/mm/yyyy" and after "ngày",
  "tháng"), percentages up to 100, and leading digits spread as Benford's law has
  them in any table of quantities.

None of this is read from the development or held-out documents of
tests/realdocs, nor from the dev gold: the statistics come from the shipped data
files only.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from extract.repair.tokens import NUMBER

PUNCTUATION = ".,;:()-–/%\"“”'!?…"
LINE_START = "\x02"  # marks a word that opens a line, where a capital is expected
INVALID_WORD = 6.0  # nats a word loses for not being a valid syllable
ODD_CASE = 6.0  # nats a word loses for a capital inside it ("hOa")
CAPITAL = 1.5  # nats per capital letter: capitals are rare in running text
CAPITAL_AT_START = 0.5  # ... but a line's first word often starts with one
MIXED_LETTER = 4.0  # nats per letter in a part mixing letters with digits ("QH14")
DIGIT_COST = math.log(10)  # nats per digit where no figure shape applies
GROUP_COST = 2.0  # nats per group of digits beyond a figure's first ("1.000", "29/5/2015")
PUNCTUATION_COST = 1.0  # nats per sign around a figure or symbol
PAIR_WEIGHT = 0.5  # weight of the pair association against the words' own scores
PAIR_LIMIT = 4.0  # association is clipped to +-this: one odd pair cannot outweigh its words
FIGURE_MISFIT = 4.0  # nats a figure loses for a day over 31, a month over 12, a percentage over 100
FIRST_YEAR, LAST_YEAR = 1945, 2050  # years a plan mentions (founding of the state to its horizon)
_EDGE = "^"
_END = "$"
_FIGURE = re.compile(r"\d+(?:[.,/-]\d+)*")
_ROMAN = re.compile(r"[IVX]{1,4}")  # heading numbers: "I.", "II.", "IV." (Nghị định 30/2020/NĐ-CP)
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
# Length of a bare number and, for a year-sized one, the share that is a year.
_LENGTH_SHARE = {1: 0.3, 2: 0.35, 3: 0.15, 4: 0.15, 5: 0.03, 6: 0.02}
_YEAR_SHARE = 0.7


@dataclass
class LetterModel:
    """Letter trigrams within words (lowercased), and cased character frequencies."""

    trigrams: dict[tuple[str, str], Counter[str]]
    bigrams: dict[str, Counter[str]]
    unigrams: Counter[str]
    frequency: Counter[str]  # cased characters, space included
    is_valid: Callable[[str], bool]
    _cache: dict[str, float] = field(default_factory=dict)
    _conditional: dict[tuple[str, str, str], float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._unigram_total = float(sum(self.unigrams.values()))

    def word_logprob(self, word: str) -> float:
        """Log-likelihood of one word's letters, boundaries included."""
        cached = self._cache.get(word)
        if cached is None:
            cached = self._score(word.lower())
            self._cache[word] = cached
        return cached

    def _score(self, word: str) -> float:
        total = 0.0
        first, second = _EDGE, _EDGE
        for char in (*word, _END):
            key = (first, second, char)
            conditional = self._conditional.get(key)
            if conditional is None:
                conditional = self._conditional_logprob(first, second, char)
                self._conditional[key] = conditional
            total += conditional
            first, second = second, char
        return total

    def _conditional_logprob(self, first: str, second: str, char: str) -> float:
        """Log P(char | first second), interpolated with the bigram and unigram."""
        trigram = self.trigrams.get((first, second))
        bigram = self.bigrams.get(second)
        p3 = trigram[char] / trigram.total() if trigram else 0.0
        p2 = bigram[char] / bigram.total() if bigram else 0.0
        p1 = (self.unigrams[char] + 0.5) / (self._unigram_total + 100.0)
        return math.log(0.6 * p3 + 0.3 * p2 + 0.1 * p1)


@cache
def letter_model() -> LetterModel:
    """The letter model, from the repair model's clean text and syllable inventory."""
    from extract.repair.model import default_model, read_data

    model = default_model()
    token_lines = read_data()[2]  # syllable weights, word pairs, token lines, ...
    words: Counter[str] = Counter()
    frequency: Counter[str] = Counter()
    for line in _readable_lines(token_lines):
        frequency.update(line)
        for word in line.split():
            words[word] += 5  # running text counts five times a word-list entry
    for syllable, weight in model.inventory.weights.items():
        words[syllable] += min(weight, 5)
    trigrams: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    bigrams: dict[str, Counter[str]] = defaultdict(Counter)
    unigrams: Counter[str] = Counter()
    for word, count in words.items():
        padded = [_EDGE, _EDGE, *word.lower(), _END]
        for first, second, third in zip(padded, padded[1:], padded[2:], strict=False):
            trigrams[(first, second)][third] += count
            bigrams[second][third] += count
            unigrams[third] += count
    return LetterModel(dict(trigrams), dict(bigrams), unigrams, frequency,
                       model.inventory.is_valid)


# Numbers stand in for the '<num>' class of the clean text, so digits get frequencies.
_NUMBERS = ("2022", "10", "13", "2026", "100", "1", "2", "3", "5", "15", "30", "12", "2023",
            "4", "6", "7", "8", "9", "20", "0", "50", "2025", "80", "90")


def _readable_lines(token_lines: list[list[str]]) -> Iterable[str]:
    """The clean text's token lines as running text: numbers back, punctuation attached."""
    numbers = 0
    for tokens in token_lines:
        words: list[str] = []
        for token in tokens:
            if token == "<num>":
                token = _NUMBERS[numbers % len(_NUMBERS)]
                numbers += 1
            elif token in ("<x>", "*", "") or token.startswith("<"):
                continue
            if words and (token in ",.;:)”%" or words[-1] in ("(", "“")):
                words[-1] += token
            else:
                words.append(token)
        if words:
            yield " ".join(words)


class WordScorer:
    """Scores of decoded words and word pairs, cached by their text."""

    def __init__(self) -> None:
        from extract.repair.model import default_model
        from extract.repair.syllables import canonical_placement

        self.letters = letter_model()
        self._language = default_model().language
        self._canonical = canonical_placement
        self._words: dict[str, float] = {}
        self._figure_share = self._language.logprob((), NUMBER)
        self._pairs: dict[tuple[str, str], float] = {}

    def is_valid(self, syllable: str) -> bool:
        """True for a lowercase valid Vietnamese syllable."""
        return self.letters.is_valid(syllable)

    def is_word(self, core: str) -> bool:
        """True for a cased word (no punctuation) that is a valid syllable or a heading number."""
        return bool(_ROMAN.fullmatch(core)) or (core.isalpha() and self.is_valid(core.lower()))

    def word(self, text: str) -> float:
        """A decoded word (punctuation attached): letters, syllable frequency, case, figures."""
        cached = self._words.get(text)
        if cached is None:
            cached = self._words[text] = self._word(text)
        return cached

    def pair(self, first: str, second: str) -> float:
        """How much likelier ``second`` is right after ``first`` than anywhere (nats, clipped)."""
        key = (first, second)
        cached = self._pairs.get(key)
        if cached is None:
            cached = self._pairs[key] = PAIR_WEIGHT * self._pair(first, second)
        return cached

    def _word(self, text: str) -> float:
        at_start = text.startswith(LINE_START)
        text = text.removeprefix(LINE_START)
        core = text.strip(PUNCTUATION)
        if not core or core.isalpha():
            return self.letters.word_logprob(text) - self._alpha_cost(core, at_start)
        # A figure or a symbol: scored by its parts, not by letter trigrams, so that a
        # figure half solved ("2P2P") already reads better than capitals ("PHPH").
        cost = PUNCTUATION_COST * (len(text) - len(core))
        parts = re.split(r"[/\-–]", core)
        if any(_FIGURE.fullmatch(part) for part in parts):
            # How rare a figure is in running text at all, and each group beyond the first.
            cost += GROUP_COST * (len(re.findall(r"\d+", core)) - 1) - self._figure_share
        for part in parts:
            if _FIGURE.fullmatch(part):
                cost -= figure_logprob(part)
            elif part.isalpha():
                cost += self._alpha_cost(part, at_start) - self.letters.word_logprob(part)
            elif part:
                letters = "".join(char for char in part if char.isalpha())
                cost += MIXED_LETTER * len(letters) + DIGIT_COST * (len(part) - len(letters))
                cost -= self.letters.word_logprob(letters) if letters else 0.0
        date = _DATE.fullmatch(core)
        if date is not None and not _fits_date(*date.groups()):
            cost += FIGURE_MISFIT
        return -cost

    def _alpha_cost(self, core: str, at_start: bool) -> float:
        """What a word of letters loses (or, valid, gains by its frequency) beyond its letters."""
        if not core:
            return 0.0
        lower = core.lower()
        if _ROMAN.fullmatch(core):
            return 0.0  # "I", "II", "III": as usual as the headings they number
        if self.is_valid(lower):
            # The core's letters give way to how often the syllable is written.
            syllable = self._language.logprob((), self._canonical(lower))
            cost = self.letters.word_logprob(core) - syllable
        elif core.isupper():
            cost = 0.0  # an abbreviation: "KH", "UBND", "QĐ" (its capitals cost below)
        else:
            cost = INVALID_WORD
        return cost + _case_cost(core, at_start)

    def _pair(self, first: str, second: str) -> float:
        first = first.removeprefix(LINE_START).strip(PUNCTUATION).lower()
        second = second.removeprefix(LINE_START).strip(PUNCTUATION).lower()
        if not (first.isalpha() and self.is_valid(first)):
            return 0.0
        if _FIGURE.fullmatch(second):
            return _figure_after(first, second)
        if not (second.isalpha() and self.is_valid(second)):
            return 0.0
        context = (self._canonical(first),)
        token = self._canonical(second)
        gain = self._language.logprob(context, token) - self._language.logprob((), token)
        return max(-PAIR_LIMIT, min(PAIR_LIMIT, gain))


def _case_cost(core: str, at_start: bool) -> float:
    cost = 0.0
    if not (core.islower() or core.isupper() or core[1:].islower()):
        cost += ODD_CASE
    capitals = sum(1 for char in core if char.isupper())
    if at_start and core[0].isupper():
        cost += CAPITAL_AT_START - CAPITAL
    return cost + CAPITAL * capitals


def figure_logprob(figure: str) -> float:
    """Log-probability of a figure's digits by its shape (separators given)."""
    total = 0.0
    for group in re.split(r"[.,/-]", figure):
        total += _number_logprob(group)
    return total


def _number_logprob(digits: str) -> float:
    length = len(digits)
    shape = _LENGTH_SHARE.get(length, 0.005)
    generic = _leading(digits) * 0.1 ** (length - 1)
    if length == 4:
        year = 1.0 / (LAST_YEAR - FIRST_YEAR + 1) if FIRST_YEAR <= int(digits) <= LAST_YEAR else 0
        return math.log(shape * (_YEAR_SHARE * year + (1 - _YEAR_SHARE) * generic))
    return math.log(shape * generic)


def _leading(digits: str) -> float:
    """Benford's share of the first digit; a leading zero only in "01".."09" ("02 mô hình")."""
    if digits[0] == "0":
        return 0.1 if len(digits) == 2 else 0.001
    return 0.9 * math.log10(1 + 1 / int(digits[0]))


def _fits_date(day: str, month: str, year: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and FIRST_YEAR <= int(year) <= LAST_YEAR


def _figure_after(word: str, figure: str) -> float:
    """The date words of Nghị định 30/2020/NĐ-CP ("ngày 05 tháng 3 năm 2024") bound what follows."""
    limits = {"ngày": (1, 31), "tháng": (1, 12), "năm": (FIRST_YEAR, LAST_YEAR)}
    limit = limits.get(word)
    if limit is None:
        return 0.0
    head = re.split(r"[.,/-]", figure)[0]
    if word == "năm" and len(head) != 4:
        return 0.0  # "năm 2" is a count of years
    fits = limit[0] <= int(head) <= limit[1]
    return FIGURE_MISFIT / 2 if fits else -FIGURE_MISFIT
