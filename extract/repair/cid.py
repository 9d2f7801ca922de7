"""Glyphs a PDF font left without a Unicode mapping: ``(cid:N)``, solved per font.

Within one font the same glyph number is always the same character, so a
font's unmapped glyphs form a substitution cipher over the whole document. It
is solved the classic way, against what Vietnamese looks like:

1. **Seed by frequency.** The font's glyphs, ranked by how often they occur,
   are matched with characters ranked by their frequency in clean Vietnamese
   text; a glyph as frequent as a word space (over 10% of the font's glyphs,
   while the text has almost no real spaces) is the space.
2. **Climb on letter trigrams.** Swapping two glyphs' characters (or a glyph's
   character for an unused one) is kept when it raises the likelihood of the
   decoded words under a letter trigram model of Vietnamese syllables.
3. **Climb on syllables.** The same swaps, limited to characters of the same
   base letter (tone and hat variants, case), are kept when they raise a word
   score that rewards valid syllables and plain capitalisation.

Each glyph's confidence comes from how much the document's score would lose
if its character were swapped for the next best one. Characters of the font
that did have a mapping are fixed context. Replacing "(cid:N)" by one letter
shortens the line; notes carry offsets into the line as this step received it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from extract.model import FontReading, FontRun, RepairNote
from extract.text import base_letter

METHOD = "cid-map"
UNCERTAIN_BELOW = 0.8
CID = re.compile(r"\(cid:(\d+)\)")
SPACE_SHARE = 0.1  # a glyph this frequent in a font without real spaces is the space
FREQUENCY_CANDIDATES = 20  # characters tried per glyph in the trigram climb
INVALID_WORD = 6.0  # nats a word loses for not being a valid syllable
ODD_CASE = 6.0  # nats a word loses for a capital inside it ("hOa")
CAPITAL = 1.5  # nats per capital letter: capitals are rare in running text
MAX_PASSES = 4
SAMPLE_WORDS = 500  # distinct words the climb scores, the most frequent first
GLYPH_WORDS = 4  # ... and at least this many words holding each glyph
RARE_SHARE = 0.01  # glyphs rarer than this are tried against every character
MIXED_SHARE = 0.2  # words mixing letters with digits or signs that mark a font's text as noise
FONT_VALID_SHARE = 0.7  # below this share of valid words, a font's solution is doubtful
# A font's text is trusted for checking only above both (tests/benchmarks/cid_bench.py:
# chosen on DejaVu Sans/Serif renderings of a development text, checked on held-out ones).
RELIABLE_VALID_SHARE = 0.97
RELIABLE_MARGIN = 0.9
DIGIT_CONFIDENCE = 0.5  # the most a glyph solved as a digit is trusted
_PUNCTUATION = ".,;:()-–/%\"“”'!?…"
_EDGE = "^"
_END = "$"

Item = int | str  # a glyph number of the font being solved, or a known character


def repair_cids(
    lines: list[str],
    fonts: list[list[FontRun]] | None = None,
    readings: list[FontReading] | None = None,
) -> tuple[list[str], list[RepairNote]]:
    """Replace every ``(cid:N)`` by the character solved for its font.

    Args:
        lines: The document's lines; a line holding ``(cid:`` must be as the reader
            produced it (markup stripped), so that its font runs fit it.
        fonts: Per line, the font runs (offsets into the line).
        readings: When given, one ``FontReading`` per solved font is appended: how well
            its text reads as Vietnamese, and whether it is reliable enough to check.

    Returns:
        The lines (same count) and one note per run of replaced glyphs.

    """
    if not any("(cid:" in line for line in lines):
        return lines, []
    fonts = fonts or [[] for _ in lines]
    ciphered = _ciphered_fonts(lines, fonts)
    sequences = [
        _items(line, runs, ciphered) if _needs_solving(line, runs, ciphered) else []
        for line, runs in zip(lines, fonts, strict=True)
    ]
    solutions: dict[str, Solution] = {}
    for font in sorted({item.font for sequence in sequences for item in sequence if item.glyph}):
        solutions[font] = solve_font([_for_font(sequence, font) for sequence in sequences])
        if readings is not None:
            readings.append(font_reading(font, solutions[font]))
    repaired = list(lines)
    notes: list[RepairNote] = []
    for index, sequence in enumerate(sequences):
        if sequence:
            repaired[index], line_notes = _replace(index + 1, lines[index], sequence, solutions)
            notes.extend(line_notes)
    return repaired, notes


def cid_lines(lines: list[str], fonts: list[list[FontRun]]) -> list[bool]:
    """Which lines the cid step will rewrite: those with ``(cid:N)`` or a ciphered font."""
    if not any("(cid:" in line for line in lines):
        return [False] * len(lines)
    ciphered = _ciphered_fonts(lines, fonts)
    return [_needs_solving(line, runs, ciphered) for line, runs in zip(lines, fonts, strict=True)]


def _needs_solving(line: str, runs: list[FontRun], ciphered: frozenset[str]) -> bool:
    return "(cid:" in line or any(run.font in ciphered for run in runs)


@dataclass
class Solution:
    """A font's glyph -> character map, with a confidence per glyph."""

    characters: dict[int, str] = field(default_factory=dict)
    confidence: dict[int, float] = field(default_factory=dict)
    valid_share: float = 1.0
    margin: float = 1.0
    glyphs: int = 0


def font_reading(font: str, solution: Solution) -> FontReading:
    """How well a font was read, and whether its text can be trusted for checking.

    Two measures of the decoded text itself must both hold: most decoded words
    are valid syllables (a wrong letter mostly makes an impossible syllable),
    and the solver's per-glyph margin is high (a wrong tone or hat still makes a
    valid syllable, but then its alternative scores nearly as well).
    """
    reliable = (solution.valid_share >= RELIABLE_VALID_SHARE
                and solution.margin >= RELIABLE_MARGIN)
    return FontReading(
        font=font or "(không tên)", glyphs=solution.glyphs,
        valid_share=round(solution.valid_share, 4), margin=round(solution.margin, 4),
        reliable=reliable,
    )


def solve_font(sequences: list[list[Item]]) -> Solution:
    """Solve one font's glyphs from the lines it appears in (glyphs as ints)."""
    counts = Counter(item for sequence in sequences for item in sequence if isinstance(item, int))
    literal = sum(1 for sequence in sequences for item in sequence if isinstance(item, str))
    spaces = sum(1 for sequence in sequences for item in sequence if item == " ")
    mapping = _seed(counts, literal_spaces=spaces, literal=literal)
    space = next((glyph for glyph, char in mapping.items() if char == " "), None)
    words = _sample(_word_types(sequences, space))
    climber = _Climber(words, mapping, space)
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
    climber.climb(climber.word_score, _variant_candidates)
    confidence = climber.confidence()
    if space is not None:
        confidence[space] = min(0.99, 1.0 - 1.0 / (counts[space] + 1))
    # Digits have no letter context to be solved by: measured right 0-31% of the time
    # (tests/benchmarks/cid_bench.py), even in a reading whose words are 99% valid.
    # A figure read from them is never certain, so S002 flags every line holding one.
    confidence = {glyph: min(value, DIGIT_CONFIDENCE) if climber.mapping[glyph].isdigit()
                  else value for glyph, value in confidence.items()}
    valid_share = climber.valid_share()
    margin = _margin(counts, confidence)
    if valid_share < FONT_VALID_SHARE:
        # The solution as a whole does not read as Vietnamese: no glyph of it is sure.
        confidence = {glyph: min(value, 0.5) for glyph, value in confidence.items()}
    return Solution(climber.mapping, confidence, valid_share, margin, sum(counts.values()))


def _margin(counts: Counter[int], confidence: dict[int, float]) -> float:
    """Glyph confidences averaged over the font's glyph occurrences."""
    total = sum(counts.values())
    return sum(count * confidence.get(glyph, 0.0) for glyph, count in counts.items()) / total


# --------------------------------------------------------------------------- items


def _font_at(runs: list[FontRun], offset: int) -> str:
    return next((run.font for run in runs if run.start <= offset < run.end), "")


@dataclass(frozen=True)
class _Piece:
    """One glyph or known character of a line, where it sits and in which font."""

    font: str
    value: Item
    start: int
    end: int

    @property
    def glyph(self) -> bool:
        return isinstance(self.value, int)


def _ciphered_fonts(lines: list[str], fonts: list[list[FontRun]]) -> frozenset[str]:
    """Fonts with unmapped glyphs whose mapped characters are nonsense too.

    A font without ToUnicode but with an embedded program may get characters
    from the program's own cmap, which need not match the glyphs: "(cid:1) #Q()".
    When most words such a font spells out in full are not Vietnamese and many
    mix letters with digits or signs ("H5)CH": text in another language does not),
    every one of its characters is treated as an unknown glyph.
    """
    valid: Counter[str] = Counter()
    mixed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    with_cids: set[str] = set()
    for line, runs in zip(lines, fonts, strict=True):
        if "(cid:" not in line:
            continue
        with_cids.update(_font_at(runs, match.start()) for match in CID.finditer(line))
        for match in re.finditer(r"[^\s]+", line):
            word = match.group()
            font = _font_at(runs, match.start())
            if "(cid:" in word or not any(char.isalpha() for char in word):
                continue
            core = word.strip(_PUNCTUATION)
            total[font] += 1
            valid[font] += int(letter_model().is_valid(core.lower()))
            mixed[font] += int(not core.isalpha())
    return frozenset(
        font for font in with_cids
        if font and total[font] >= 3 and valid[font] < 0.5 * total[font]
        and mixed[font] >= MIXED_SHARE * total[font]
    )


def _items(line: str, runs: list[FontRun], ciphered: frozenset[str]) -> list[_Piece]:
    """The line as pieces; characters of a ciphered font become glyphs (negative numbers)."""
    pieces: list[_Piece] = []
    position = 0
    for match in (*CID.finditer(line), None):
        end = match.start() if match is not None else len(line)
        for offset in range(position, end):
            char = line[offset]
            font = _font_at(runs, offset) if ciphered else ""
            # Even a space: the font's program may map a letter's glyph to it.
            value: Item = -(ord(char) + 1) if font in ciphered else char
            pieces.append(_Piece(font if isinstance(value, int) else "", value, offset, offset + 1))
        if match is not None:
            font = _font_at(runs, match.start())
            pieces.append(_Piece(font, int(match.group(1)), match.start(), match.end()))
            position = match.end()
    return pieces


def _for_font(sequence: list[_Piece], font: str) -> list[Item]:
    """Glyphs of ``font`` stay numbers; other fonts' glyphs become an unknown mark."""
    return [
        piece.value if not piece.glyph or piece.font == font else "\ufffd" for piece in sequence
    ]


def _replace(
    number: int, line: str, sequence: list[_Piece], solutions: dict[str, Solution]
) -> tuple[str, list[RepairNote]]:
    pieces: list[str] = []
    notes: list[RepairNote] = []
    for piece in sequence:
        if not piece.glyph:
            pieces.append(str(piece.value))
            continue
        glyph = int(piece.value)
        solution = solutions[piece.font]
        char = solution.characters.get(glyph, "\ufffd")
        confidence = round(solution.confidence.get(glyph, 0.0), 3)
        pieces.append(char)
        previous = notes[-1] if notes else None
        # One note per word: a run of glyphs is cut after each space it decodes to.
        if previous is not None and previous.end == piece.start and previous.after[-1:] != " ":
            notes[-1] = _extend(previous, line, piece.end, char, confidence)
        else:
            notes.append(
                RepairNote(
                    line=number, start=piece.start, end=piece.end,
                    before=line[piece.start : piece.end], after=char, method=METHOD,
                    confidence=confidence, uncertain=confidence < UNCERTAIN_BELOW,
                )
            )
    return "".join(pieces), notes


def _extend(note: RepairNote, line: str, end: int, char: str, confidence: float) -> RepairNote:
    merged = min(note.confidence, confidence)
    return note.model_copy(
        update={
            "end": end, "before": line[note.start : end], "after": note.after + char,
            "confidence": merged, "uncertain": merged < UNCERTAIN_BELOW,
        }
    )


# --------------------------------------------------------------------------- letter model


@dataclass
class _LetterModel:
    """Letter trigrams within words (lowercased), and cased character frequencies."""

    trigrams: dict[tuple[str, str], Counter[str]]
    bigrams: dict[str, Counter[str]]
    unigrams: Counter[str]
    frequency: Counter[str]  # cased characters, space included
    is_valid: Callable[[str], bool]
    _cache: dict[str, float] = field(default_factory=dict)
    _conditional: dict[tuple[str, str, str], float] = field(default_factory=dict)

    @property
    def unigram_total(self) -> float:
        return self._unigram_total

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
        p1 = (self.unigrams[char] + 0.5) / (self.unigram_total + 100.0)
        return math.log(0.6 * p3 + 0.3 * p2 + 0.1 * p1)


@cache
def letter_model() -> _LetterModel:
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
    return _LetterModel(dict(trigrams), dict(bigrams), unigrams, frequency,
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


# --------------------------------------------------------------------------- solving


def _seed(counts: Counter[int], literal_spaces: int, literal: int) -> dict[int, str]:
    """Frequency ranks of glyphs matched with frequency ranks of characters."""
    ranked = [glyph for glyph, _ in counts.most_common()]
    total = sum(counts.values()) + literal
    targets = _target_ranking()
    mapping: dict[int, str] = {}
    if ranked and counts[ranked[0]] >= SPACE_SHARE * total and literal_spaces < 0.02 * total:
        mapping[ranked.pop(0)] = " "
    pool = iter(char for char in targets if char != " ")
    for glyph in ranked:
        mapping[glyph] = next(pool, "\ufffd")
    return mapping


@cache
def _target_ranking() -> tuple[str, ...]:
    """Every character a glyph may stand for, most frequent first."""
    frequency = letter_model().frequency
    ranked = [char for char, _ in frequency.most_common()]
    extra = [char for char in _all_letters() + list("0123456789" + _PUNCTUATION)
             if char not in frequency]
    return tuple(ranked + extra)


@cache
def _all_letters() -> list[str]:
    lower = sorted({char for syllable in letter_model().unigrams for char in syllable
                    if char.isalpha()} | set("abcdefghijklmnopqrstuvwxyzđ"))
    return lower + [char.upper() for char in lower if char.upper() != char]


def _word_types(sequences: list[list[Item]], space: int | None) -> Counter[tuple[Item, ...]]:
    """Distinct words (split at real spaces and at the space glyph) with their counts."""
    words: Counter[tuple[Item, ...]] = Counter()
    for sequence in sequences:
        current: list[Item] = []
        for item in (*sequence, " "):
            if item == " " or (space is not None and item == space):
                if any(isinstance(part, int) for part in current):
                    words[tuple(current)] += 1
                current = []
            else:
                current.append(item)
    return words


def _sample(words: Counter[tuple[Item, ...]]) -> Counter[tuple[Item, ...]]:
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


@cache
def _variants(char: str) -> tuple[str, ...]:
    if char.isdigit():
        return tuple("0123456789")
    if not char.isalpha():
        return tuple(_PUNCTUATION)
    base = base_letter(char)
    return tuple(letter for letter in _all_letters() if base_letter(letter) == base)


def _variant_candidates(glyph: int, current: str) -> tuple[str, ...]:
    return _variants(current)


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


class _Climber:
    """Hill climbing over a font's glyph map, scoring distinct words by count."""

    def __init__(
        self, words: Counter[tuple[Item, ...]], mapping: dict[int, str], space: int | None
    ) -> None:
        self.words = words
        self.mapping = dict(mapping)
        self.owner = {char: glyph for glyph, char in self.mapping.items()}
        self.space = space
        self.model = letter_model()
        # Words by index, so that sums run in the same order in every process.
        self.word_list = list(words)
        self.word_counts = [words[word] for word in self.word_list]
        self.by_glyph: dict[int, set[int]] = defaultdict(set)
        for index, word in enumerate(self.word_list):
            for item in word:
                if isinstance(item, int):
                    self.by_glyph[item].add(index)
        counts = Counter({glyph: sum(self.word_counts[index] for index in found)
                          for glyph, found in self.by_glyph.items()})
        self.order = [glyph for glyph, _ in counts.most_common() if glyph != space]
        self._word_cache: dict[str, float] = {}
        self._trigram_cache: dict[str, float] = {}
        # Each word's score under the map as it stands, per scorer (by name): a swap's
        # "before" is read from here, not decoded and scored again (half the work).
        self._current: dict[str, list[float]] = {}

    def trigram_score(self, text: str) -> float:
        cached = self._trigram_cache.get(text)
        if cached is None:
            cached = self._trigram_cache[text] = self.model.word_logprob(text)
        return cached

    def word_score(self, text: str) -> float:
        """Letters, plus a penalty for a word no syllable can be or with a capital inside."""
        cached = self._word_cache.get(text)
        if cached is None:
            cached = self.model.word_logprob(text)
            core = text.strip(_PUNCTUATION)
            if core.isalpha():
                if not self.model.is_valid(core.lower()):
                    cached -= INVALID_WORD
                if not (core.islower() or core.isupper() or core[1:].islower()):
                    cached -= ODD_CASE
                cached -= CAPITAL * sum(1 for char in core if char.isupper())
            self._word_cache[text] = cached
        return cached

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
                for char in candidates(glyph, self.mapping[glyph]):
                    if char != self.mapping[glyph] and self._delta(scorer, glyph, char) > 1e-6:
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
                      for char in _variants(current) if char != current]
            loss = min(losses, default=10.0)
            found[glyph] = min(0.999, 1.0 / (1.0 + math.exp(-(loss - 1.0))))
        return found

    def _delta(self, scorer: Callable[[str], float], glyph: int, char: str) -> float:
        """Change of the score if ``glyph`` took ``char``; the map is left as it was."""
        old = self.mapping[glyph]
        affected = sorted(self._affected(glyph, char))
        current = self._scores(scorer)
        before = sum(self.word_counts[index] * current[index] for index in affected)
        self._swap(glyph, char)
        after = self._total(scorer, affected)
        self._swap(glyph, old)  # the owner of ``char`` gets it back
        return after - before

    def _affected(self, glyph: int, char: str) -> set[int]:
        """The words whose spelling changes when ``glyph`` takes ``char``."""
        other = self.owner.get(char)
        return self.by_glyph[glyph] | (self.by_glyph[other] if other is not None else set())

    def _scores(self, scorer: Callable[[str], float]) -> list[float]:
        scores = self._current.get(scorer.__name__)
        if scores is None:
            scores = [scorer(self._decode(word)) for word in self.word_list]
            self._current[scorer.__name__] = scores
        return scores

    def _commit(self, glyph: int, char: str) -> None:
        """Make the swap, and rescore the words it changed under every scorer kept."""
        affected = self._affected(glyph, char)
        self._swap(glyph, char)
        for name, scores in self._current.items():
            scorer = getattr(self, name)
            for index in affected:
                scores[index] = scorer(self._decode(self.word_list[index]))

    def _swap(self, glyph: int, char: str) -> None:
        """Give ``glyph`` the character ``char``; its owner, if any, takes the old one."""
        old = self.mapping[glyph]
        other = self.owner.get(char)
        self.mapping[glyph] = char
        self.owner[char] = glyph
        if other is not None and other != glyph:
            self.mapping[other] = old
            self.owner[old] = other
        elif self.owner.get(old) == glyph:
            del self.owner[old]

    def valid_share(self) -> float:
        """Share of the scored words (by count) that read as valid syllables."""
        valid = total = 0
        for word, count in zip(self.word_list, self.word_counts, strict=True):
            text = self._decode(word).strip(_PUNCTUATION)
            if any(char.isalpha() for char in text):
                total += count
                valid += count * int(text.isalpha() and self.model.is_valid(text.lower()))
        return valid / total if total else 1.0

    def doubtful(self, glyph: int) -> bool:
        """True when at least a quarter of the words holding the glyph are not valid syllables."""
        invalid = total = 0
        for index in self.by_glyph[glyph]:
            text = self._decode(self.word_list[index]).strip(_PUNCTUATION)
            if any(char.isalpha() for char in text):  # "H5)CH" is a word gone wrong too
                total += self.word_counts[index]
                if not (text.isalpha() and self.model.is_valid(text.lower())):
                    invalid += self.word_counts[index]
        return invalid * 4 >= total > 0

    def _decode(self, word: tuple[Item, ...]) -> str:
        mapping = self.mapping
        return "".join([mapping[item] if isinstance(item, int) else item for item in word])

    def _total(self, scorer: Callable[[str], float], indices: Iterable[int]) -> float:
        return sum(
            self.word_counts[index] * scorer(self._decode(self.word_list[index]))
            for index in sorted(indices)
        )
