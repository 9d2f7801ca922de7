"""Place names as a slot of the language model: "tỉnh" + <a province's name>, scored as a class.

A plan names units the repair's training text never saw ("tỉnh Kiên Giang", "huyện Trà
Cú"); with a lost glyph, the n-grams prefer a common syllable ("Kiện Gian"). Adding the
gazetteer's names to the n-grams does not work: thousands of names after "xã" take the
backoff mass of "xã hội". Here a name is a class: after a trigger word ("tỉnh", "xã",
"Huyện ủy"; ``data/name_slots.yaml``) the next syllable is, with probability
``SLOT_SHARE``, the first syllable of a unit of the trigger's types, each name equally
likely; then its second syllable follows the names that start so:

    P(w | tỉnh) = (1 - s) P_lm(w | tỉnh) + s P(name starts with w | provinces)
    P(w | tỉnh, n1) = (1 - s') P_lm(w | tỉnh, n1) + s' P(w | provinces starting with n1)

with s' the share of the slot in P(n1 | tỉnh) (how likely "n1" opened a name there),
less the share of names the gazetteer does not list (``UNLISTED``).
Common phrases keep (1 - s) of their probability; a syllable no name starts with keeps it
all after the first. The units are read from the ``vietnamadminunits`` package's SQLite
file (MIT licence; the units of both eras), offline and read-only.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from pydantic import BaseModel, ConfigDict

from extract.repair.language_model import Context, ScoringModel
from extract.repair.line_apart import LineLeftOut
from extract.repair.syllables import canonical_placement
from extract.resources import admin_units_dataset, data_file, load_yaml

DATA = data_file("extract.repair", "name_slots.yaml")
# Share of a trigger's next word that is a unit's name, against the n-grams' own
# (the training text names few units: its counts cannot tell). Set on the honest
# bench's development documents (seed 1 x 2 profiles, damaged words: 0.1 92.80%,
# 0.2 92.84%, 0.4 92.80%).
SLOT_SHARE = 0.2
# Share of the names opened after a trigger that the gazetteer does not list (a unit
# renamed, a village, a misspelling): their next syllable is the n-grams' to score.
# A guess, not tuned.
UNLISTED = 0.2


class NameSlotsFile(BaseModel):
    """The schema of ``data/name_slots.yaml``."""

    model_config = ConfigDict(extra="forbid")

    version: int
    triggers: dict[str, list[str]]
    variants: dict[str, list[str]] = {}


class Gazetteer:
    """The names that may follow each trigger, as syllable counts by position."""

    def __init__(
        self,
        triggers: dict[str, list[str]],
        units: list[tuple[str, str]],
        variants: dict[str, list[str]] | None = None,
    ) -> None:
        """Count, for each trigger, the first syllables of its names and the second after each.

        ``units`` are (type, name) pairs ("Tỉnh", "Kiên Giang"); a name with a
        digit ("Phường 1") or of one syllable is left out (no slot to fill). A name
        with a syllable of ``variants`` ("đắk": ["đăk"]) is also written with the other.
        """
        names_of_type: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for unit_type, written in units:
            words = written.lower().split()
            if len(words) >= 2 and all(word.isalpha() for word in words):
                name = tuple(map(canonical_placement, words))
                names_of_type[unit_type.lower()].update(_spellings(name, variants or {}))
        # Position 1: the whole trigger ("thị xã") names the class.
        self.first: dict[Context, dict[str, float]] = {}
        # Position 2: only the trigger's last word is still in a trigram's context
        # ("xã", n1): the names of every trigger ending in that word.
        self.second: dict[tuple[str, str], dict[str, float]] = {}
        by_last_word: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for trigger, unit_types in triggers.items():
            key = tuple(canonical_placement(word) for word in trigger.lower().split())
            named: set[tuple[str, ...]] = set()
            for unit_type in unit_types:
                named |= names_of_type[unit_type.lower()]
            if not named:
                raise ValueError(f"{DATA}: no unit of the types {unit_types} for '{trigger}'")
            self.first[key] = _shares(name[0] for name in named)
            by_last_word[key[-1]] |= named
        for last_word, names in by_last_word.items():
            follows: dict[str, list[str]] = defaultdict(list)
            for name in names:
                follows[name[0]].append(name[1])
            for first_word, seconds in follows.items():
                self.second[(last_word, first_word)] = _shares(seconds)
        self.first_of_last: dict[str, dict[str, float]] = {
            last_word: _shares(name[0] for name in names)
            for last_word, names in by_last_word.items()
        }
        self.last_words = frozenset(by_last_word)


def _spellings(name: tuple[str, ...], variants: dict[str, list[str]]) -> set[tuple[str, ...]]:
    """A name and its other spellings: each syllable of ``variants`` in each of its forms."""
    spellings: set[tuple[str, ...]] = {()}
    for word in name:
        forms = [word, *variants.get(word, ())]
        spellings = {(*spelling, form) for spelling in spellings for form in forms}
    return spellings


def _shares(words: Iterable[str]) -> dict[str, float]:
    """Each word's share of the words."""
    counts: dict[str, float] = defaultdict(float)
    for word in words:
        counts[word] += 1.0
    total = sum(counts.values())
    return {word: count / total for word, count in counts.items()}


class NameSlotModel:
    """A scoring model with the name slot mixed in after trigger words (see the module)."""

    def __init__(self, base: ScoringModel | LineLeftOut, gazetteer: Gazetteer) -> None:
        """Score with ``base``, and with the gazetteer's names after its triggers."""
        self.base = base
        self.order = base.order
        self.gazetteer = gazetteer
        self._last_words = gazetteer.last_words
        # The words a slot may follow: a decoder asks ``expected`` only after one of them.
        self.slot_words = gazetteer.last_words
        self._cache: dict[tuple[Context, str], float] = {}
        self._expected: dict[Context, frozenset[str]] = {}

    def expected(self, context: Context) -> frozenset[str]:
        """The syllables the slot puts after a context: the names' first, or second, syllables."""
        key = context[-2:]
        found = self._expected.get(key)
        if found is None:
            gazetteer = self.gazetteer
            first = gazetteer.first.get(key) or gazetteer.first.get(key[-1:])
            if first is not None and key[-1] in self._last_words:
                found = frozenset(first)
            elif len(key) == 2 and key[-2] in self._last_words:
                found = frozenset(gazetteer.second.get((key[-2], key[-1]), ()))
            else:
                found = frozenset()
            self._expected[key] = found
        return found

    def logprob(self, context: Context, token: str) -> float:
        """Natural log of P(token | context), the slot mixed in after a trigger."""
        if not context or (
            context[-1] not in self._last_words
            and (len(context) < 2 or context[-2] not in self._last_words)
        ):
            return self.base.logprob(context, token)
        key = (context, token)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._slot_logprob(context, token)
        return cached

    def name_share(self, context: Context, token: str) -> float:
        """The share of P(token | context) that comes from the slot: how likely a name it opens.

        A syllable the slot chose is a name's, written with a capital ("tỉnh Kiên").
        """
        if not context or (
            context[-1] not in self._last_words
            and (len(context) < 2 or context[-2] not in self._last_words)
        ):
            return 0.0
        share, slot = self._slot(context, token)
        if not slot:
            return 0.0
        return share * slot / math.exp(self.logprob(context, token))

    def _slot_logprob(self, context: Context, token: str) -> float:
        base = self.base.logprob(context, token)
        share, slot = self._slot(context, token)
        if not slot:
            return base + math.log(1 - share)
        return math.log((1 - share) * math.exp(base) + share * slot)

    def _slot(self, context: Context, token: str) -> tuple[float, float]:
        """(share of the slot after this context, P(token | the slot))."""
        gazetteer = self.gazetteer
        first = gazetteer.first.get(context[-2:]) or gazetteer.first.get(context[-1:])
        if context[-1] in self._last_words and first is not None:
            # Position 1: the trigger ends the context.
            return SLOT_SHARE, first.get(token, 0.0)
        if len(context) >= 2 and context[-2] in self._last_words:
            # Position 2: the trigger, then a name's first syllable.
            seconds = gazetteer.second.get((context[-2], context[-1]))
            if seconds is None:
                return 0.0, 0.0
            opened = gazetteer.first_of_last[context[-2]][context[-1]] * SLOT_SHARE
            before = math.exp(self.base.logprob(context[-2:-1], context[-1])) * (1 - SLOT_SHARE)
            return (1 - UNLISTED) * opened / (opened + before), seconds.get(token, 0.0)
        return 0.0, 0.0


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer: the triggers of the data file and the package's units."""
    data = NameSlotsFile.model_validate(load_yaml(DATA))
    return Gazetteer(data.triggers, _units(), data.variants)


def _units() -> list[tuple[str, str]]:
    """(type, name) of every unit of both eras: provinces, districts, communes."""
    queries = (
        "SELECT DISTINCT province, provinceShort FROM admin_units_legacy",
        "SELECT DISTINCT province, provinceShort FROM admin_units",
        "SELECT DISTINCT districtType, districtShort FROM admin_units_legacy",
        "SELECT DISTINCT wardType, wardShort FROM admin_units_legacy",
        "SELECT DISTINCT wardType, wardShort FROM admin_units",
    )
    units: set[tuple[str, str]] = set()
    with sqlite3.connect(f"file:{admin_units_dataset()}?mode=ro", uri=True) as connection:
        for number, query in enumerate(queries):
            for unit_type, name in connection.execute(query):
                if unit_type and name:
                    # A province's type is its full name less the short one ("Thành phố Hà Nội").
                    kind = unit_type.removesuffix(name).strip() if number < 2 else unit_type
                    units.add((kind, name))
    return sorted(units)
