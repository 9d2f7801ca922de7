"""The unit vocabulary (``data/units.yaml``) validated, and its word lists ready to match.

:mod:`extract.parse.units` reads units as an open class; this module only holds the
data it normalises through and the lists it looks words up in, each computed once
per process, in the normalised form the reader compares (lower case, new tone
placement), longest first where a longer phrase must win.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract.parse.vocabulary import items
from extract.resources import data_file, load_yaml
from extract.text import longest_first, normalise

UNITS_PATH = data_file("extract.parse", "units.yaml")


class _UnitEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str
    written: list[str] = Field(min_length=1)


class UnitVocabulary(BaseModel):
    """``data/units.yaml``, validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    units: dict[str, _UnitEntry]
    counted_nouns: list[str]
    compound_nouns: list[str]
    listed_nouns: list[str]
    level_words: list[str]
    noun_max_words: int = Field(ge=1)
    noun_modifier_words: int = Field(ge=0)
    noun_stops: list[str]
    coordinators: dict[str, int]
    time_words: list[str]
    yearly_denominators: list[str]
    max_modifier_words: int = Field(ge=0)
    qualifier_units: list[str]
    standard_units: list[str]
    value_words: list[str]
    condition_words: list[str]
    target_count_nouns: list[str]


@cache
def unit_vocabulary() -> UnitVocabulary:
    """The unit vocabulary, validated once per process."""
    return UnitVocabulary.model_validate(load_yaml(UNITS_PATH))


@cache
def listed_heads() -> tuple[str, ...]:
    """The nouns that open a list counted as one unit: administrative units."""
    return vocabulary_phrases("listed_nouns")


@cache
def list_nouns() -> tuple[str, ...]:
    """The nouns that may go on with such a list: units and counted nouns, longest first."""
    nouns = {*vocabulary_phrases("listed_nouns"), *vocabulary_phrases("counted_nouns")}
    return tuple(sorted(nouns, key=longest_first))


@cache
def vocabulary_phrases(name: str) -> tuple[str, ...]:
    phrases = getattr(unit_vocabulary(), name)
    return tuple(sorted((normalise(phrase) for phrase in phrases), key=len, reverse=True))


@cache
def written_forms() -> tuple[str, ...]:
    vocabulary = unit_vocabulary()
    forms = [written for entry in vocabulary.units.values() for written in entry.written]
    forms += vocabulary.counted_nouns
    return sorted_longest(tuple(forms))


@cache
def coordinators() -> dict[str, int]:
    """Coordinators after a counted noun ("và", "hoặc"), normalised, with their reach."""
    return {normalise(word): reach for word, reach in unit_vocabulary().coordinators.items()}


@cache
def compound_nouns() -> tuple[str, ...]:
    """Nouns holding a stop word ("nhà ở", "người có công"), longest first."""
    return vocabulary_phrases("compound_nouns")


@cache
def magnitudes() -> frozenset[str]:
    return frozenset(normalise(word) for word in items().quantities.magnitude_words)


@cache
def measure_forms() -> tuple[str, ...]:
    """The written forms of measures ('tấn', 'ha', 'usd'), longest first."""
    forms = [
        written
        for entry in unit_vocabulary().units.values()
        if entry.kind not in ("count", "ratio")
        for written in entry.written
    ]
    return sorted_longest(tuple(forms))


@cache
def aliases() -> dict[str, str]:
    aliases = {normalise(noun): normalise(noun) for noun in unit_vocabulary().counted_nouns}
    for canonical, entry in unit_vocabulary().units.items():
        for written in entry.written:
            aliases[normalise(written)] = canonical
    return aliases


@cache
def stops() -> frozenset[str]:
    return frozenset(normalise(word) for word in unit_vocabulary().noun_stops)


@cache
def long_stops() -> tuple[str, ...]:
    return tuple(stop for stop in stops() if " " in stop)


@cache
def condition_words() -> frozenset[str]:
    return frozenset(normalise(word) for word in unit_vocabulary().condition_words)


@cache
def time_words() -> frozenset[str]:
    return frozenset(normalise(word) for word in unit_vocabulary().time_words)


@cache
def time_phrases() -> tuple[str, ...]:
    return tuple(sorted(time_words(), key=len, reverse=True))


@cache
def yearly() -> frozenset[str]:
    return frozenset(normalise(word) for word in unit_vocabulary().yearly_denominators)


@cache
def sorted_longest(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({normalise(word) for word in words}, key=longest_first))
