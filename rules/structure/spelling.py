"""Likely misspellings: runs of words one diacritic (or one confused consonant) from a known phrase.

Vietnamese writes tone and vowel marks on every syllable; a slip of one mark
("Phân đấu") or a regional consonant confusion ("sử lý") leaves a phrase that
reads wrong but passes any spell-check that looks at syllables alone. Here a run
of words is compared with a list of known phrases (rules/data/spelling.yaml):
syllables are equal when their letters, vowel marks and tone agree (wherever
the tone mark is placed: "hoá" is "hóa"); a syllable is one change away when
only its marks differ or only its initial consonant, within a confusion group.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.resources import data_file
from extract.text import split_tone_marks, strip_marks

DATA_FILE = data_file("rules", "spelling.yaml")
WORD = re.compile(r"[^\W\d_]+")
INITIALS = (
    "ngh", "ng", "nh", "ph", "th", "tr", "ch", "kh", "gh", "gi", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip
# What may precede a phrase that opens a numbered item: a label and nothing else.
ITEM_START = re.compile(
    r"(?:^[\s*_\-–•+]*(?:\(\d{1,2}\)|\d+(?:\.\d+)*\.?|[a-zđ]\))?\s*|[.;:,]\s+)$"
)


class PhraseEntry(BaseModel):
    """One known phrase and the context in which its near-misses are reported."""

    model_config = ConfigDict(extra="forbid")

    phrase: str
    opens_items: bool = Field(
        default=False, description="The phrase opens numbered targets ('(3) Phấn đấu ...')."
    )
    not_before: list[str] = Field(
        default_factory=list, description="Next words that make a near-miss a real phrase."
    )

    @field_validator("phrase")
    @classmethod
    def _at_least_two_words(cls, phrase: str) -> str:
        if len(phrase.split()) < 2:
            raise ValueError(f"a phrase needs two words or more: {phrase!r}")
        return normalize(phrase)


class SpellingVocabulary(BaseModel):
    """rules/data/spelling.yaml."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    consonant_confusions: list[list[str]]
    real_phrases: list[str]
    phrases: list[PhraseEntry | str]

    def entries(self) -> list[PhraseEntry]:
        """Every phrase as an entry."""
        return [
            entry if isinstance(entry, PhraseEntry) else PhraseEntry(phrase=entry)
            for entry in self.phrases
        ]


@dataclass(frozen=True)
class Misspelling:
    """A run of words in a line that likely misspells a known phrase."""

    start: int
    end: int
    written: str
    expected: str
    changes: int


@cache
def vocabulary() -> SpellingVocabulary:
    """The validated spelling vocabulary."""
    from extract.resources import load_yaml

    return SpellingVocabulary.model_validate(load_yaml(DATA_FILE))


def normalize(text: str) -> str:
    """Lower case, NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text.lower()).split())


def find_misspellings(text: str) -> Iterator[Misspelling]:
    """Likely misspellings of known phrases in one line, left to right, not overlapping."""
    return iter(_line_misspellings(text))


@lru_cache(maxsize=1 << 12)
def _line_misspellings(text: str) -> tuple[Misspelling, ...]:
    """``find_misspellings`` of a line, kept for the next line with the same words.

    A line's answer is a function of its text alone, and plans repeat lines: the plans
    of a batch copy their parent's wording (100 generated plans hold 519 distinct lines
    in 28,387; the 154 development pages, from many issuers, 2,528 in 3,207). Reading a
    line's words costs about 20 µs, 6 ms a generated plan (issue 18).
    """
    return tuple(_scan(text))


def _scan(text: str) -> Iterator[Misspelling]:
    index, sizes = _index()
    words = [match.span() for match in WORD.finditer(text)]
    # Each word's forms are computed once per line, not once per window it is in.
    forms = [_forms(text[start:end]) for start, end in words]
    loose = [loose for _, loose in forms]
    taken_until = -1
    for first, pair in enumerate(pairwise(loose)):
        # Only the lengths of the phrases that open with these two words are tried,
        # longest first: most words open no phrase at all.
        lengths = sizes.get(pair)
        if lengths is None or words[first][0] < taken_until:
            continue
        for size in lengths:
            window = words[first : first + size]
            if len(window) < size or tuple(loose[first : first + size]) not in index:
                continue
            if any(text[end:start].strip() for (_, end), (start, _) in pairwise(window)):
                continue  # punctuation between the words: not one phrase
            written = [form for form, _ in forms[first : first + size + 1]]
            next_word = written.pop() if len(written) > size else ""
            found = _judge(text, window, tuple(written), next_word)
            if found is not None:
                taken_until = found.end
                yield found
                break


@lru_cache(maxsize=1 << 16)
def _forms(word: str) -> tuple[str, str]:
    """A word's :func:`normalize` form and its :func:`_loose` form, kept together."""
    written = normalize(word)
    return written, _loose(written)


def _judge(
    text: str,
    window: list[tuple[int, int]],
    written_words: tuple[str, ...],
    next_word: str,
) -> Misspelling | None:
    # Most windows are a known phrase written right: their changes are read first,
    # and the name and context checks are made only for a window that differs.
    differing = _differing(written_words)
    if not differing or _looks_like_a_name(text, window):
        return None
    written = " ".join(written_words)
    for entry, changes in differing:
        in_context = (
            entry.opens_items
            and ITEM_START.search(text[: window[0][0]]) is not None
            and next_word not in entry.not_before
        )
        if (changes == 1 and written not in _real_phrases()) or in_context:
            start, end = window[0][0], window[-1][1]
            return Misspelling(start, end, text[start:end], entry.phrase, changes)
    return None


@lru_cache(maxsize=1 << 14)
def _differing(written_words: tuple[str, ...]) -> tuple[tuple[PhraseEntry, int], ...]:
    """The known phrases of the words' loose form that they write with changes, and how many.

    Kept: a window is a function of its words alone, and plans repeat their phrases
    (most of them written right, which this answers with nothing).
    """
    candidates = _index()[0].get(tuple(_loose(word) for word in written_words), [])
    differing = []
    for entry in candidates:
        changes = _changes(list(written_words), entry.phrase.split())
        if changes is not None and changes != 0:
            differing.append((entry, changes))
    return tuple(differing)


def _looks_like_a_name(text: str, window: list[tuple[int, int]]) -> bool:
    """A capital on a word after the first: a name ("đồng chí Thị", "Nguyễn Văn Hòa").

    A run wholly in capitals is a heading, not a name.
    """
    words = [text[start:end] for start, end in window]
    if all(word.isupper() for word in words):
        return False
    return any(word[:1].isupper() for word in words[1:])


def _changes(written: list[str], known: list[str]) -> int | None:
    """How many syllables differ by one change; None when one differs by more."""
    count = 0
    for mine, theirs in zip(written, known, strict=True):
        if _same(mine, theirs):
            continue
        if strip_marks(mine) == strip_marks(theirs) or _consonant_swap(mine, theirs):
            count += 1
        else:
            return None
    return count


def _same(first: str, second: str) -> bool:
    return split_tone_marks(first) == split_tone_marks(second)


def _initial(syllable: str) -> tuple[str, str]:
    for initial in INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            return initial, syllable[len(initial) :]
    return "", syllable


def _consonant_swap(first: str, second: str) -> bool:
    initial_a, rest_a = _initial(first)
    initial_b, rest_b = _initial(second)
    if initial_a == initial_b or not _same(rest_a, rest_b):
        return False
    return any({initial_a, initial_b} <= set(group) for group in vocabulary().consonant_confusions)


@lru_cache(maxsize=1 << 16)
def _loose(syllable: str) -> str:
    """The syllable without marks, its initial replaced by its confusion group's first."""
    initial, rest = _initial(strip_marks(syllable))
    for group in vocabulary().consonant_confusions:
        if initial in group:
            return group[0] + rest
    return initial + rest


@cache
def _index() -> tuple[dict[tuple[str, ...], list[PhraseEntry]], dict[tuple[str, str], list[int]]]:
    """Phrases by their loose words; the lengths of those opening with each pair, longest first."""
    index: dict[tuple[str, ...], list[PhraseEntry]] = {}
    for entry in vocabulary().entries():
        key = tuple(_loose(word) for word in entry.phrase.split())
        index.setdefault(key, []).append(entry)
    sizes: dict[tuple[str, str], set[int]] = {}
    for key in index:
        sizes.setdefault((key[0], key[1]), set()).add(len(key))
    return index, {pair: sorted(lengths, reverse=True) for pair, lengths in sizes.items()}


@cache
def _real_phrases() -> frozenset[str]:
    known = {entry.phrase for entry in vocabulary().entries()}
    return frozenset({normalize(phrase) for phrase in vocabulary().real_phrases} | known)
