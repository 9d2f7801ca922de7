"""Vietnam's administrative units, before and after the July 2025 reorganisation.

A plan's level and locality come from its issuer ("Ủy ban nhân dân xã Dân Lực")
and its place of issue ("Dân Lực, ngày ..."). Nghị quyết 202/2025/QH15 and the
resolutions of the Standing Committee of the National Assembly took effect on
1 July 2025: 63 provinces became 34 and districts were abolished, so a plan of
2023 names a huyện that no longer exists, and one of 2025 a merged xã.

The units come from the ``vietnamadminunits`` package (MIT licence), which ships
both the units before the reorganisation (63 provinces, 696 districts, 10,040
communes) and after it (34 provinces, 3,321 communes) in one SQLite file. It is
read here directly, offline and read-only; the package's own parser, which may
geocode over the network, is not imported.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

import extract.text
from extract.model import AdminUnit, UnitLevel
from extract.parse.meta_vocabulary import meta_vocabulary, words_pattern
from extract.resources import admin_units_dataset, data_dir, kept_build, load_yaml
from extract.text import comparable, search_form

# The day the reorganisation took effect (Nghị quyết 202/2025/QH15, Điều 3).
REORGANISATION = dt.date(2025, 7, 1)
_LEVEL_OF_TYPE: dict[str, UnitLevel] = {
    "huyện": "huyen",
    "quận": "huyen",
    "thị xã": "huyen",
    "thành phố": "huyen",
    "xã": "xa",
    "thị trấn": "xa",
    "đặc khu": "xa",
    "phường": "phuong",
}
# (level, short name, province) of each unit, by folded short name.
_Unit = tuple[UnitLevel, str, str]
_Index = dict[str, list[_Unit]]


def resolve_unit(
    issuer: str | None,
    place: str | None,
    issued: dt.date | None,
    parent: str | None = None,
) -> AdminUnit | None:
    """The unit a plan belongs to: named with its level in the issuer, else its place alone.

    The units of the plan's time are tried first (before or after 1 July 2025),
    then the others: a plan may still name a unit the reorganisation merged. A
    place that names units of different levels ("Quảng Ngãi": the province and
    its city) says nothing. The superior body's name only places the unit
    ("ĐẢNG BỘ TỈNH CÀ MAU" over "ĐẢNG ỦY XÃ ..."): a unit of another province is
    not the issuer's, and the superior's own unit is never taken for it.
    """
    eras = ("2025", "legacy") if issued is not None and issued >= REORGANISATION else None
    order = eras or ("legacy", "2025")
    for era in order:
        named = _unit(_named_in_issuer(issuer or "", era, parent), era)
        if named is not None:
            return named
    for era in order:
        found = _placed(_units(era).get(comparable(place or ""), []), _provinces(parent, era))
        if found:
            # Known in the plan's own time: one level, or nothing can be said.
            levels = {unit[0] for unit in found}
            return _unit(_one(found), era) if len(levels) == 1 else None
    return None


def names_unit(level_word: str, name: str) -> bool:
    """Whether ``name`` is a unit of the level ``level_word`` names, in either era.

    "tỉnh" + "Hà Tĩnh" is; "thành phố" + "Hải" is not ("Hải Phòng" is), so a
    reader can tell where a place name ends inside a line of capitals.
    """
    words = meta_vocabulary().unit_levels
    written = comparable(level_word)
    levels = next((levels for word, levels in words.items() if comparable(word) == written), [])
    folded = comparable(name)
    # Era by era: the second is loaded only for a name the first does not know.
    return any(
        any(unit[0] in levels for unit in _units(era).get(folded, [])) for era in ("legacy", "2025")
    )


def names_unit_without_tones(level_word: str, name: str) -> bool:
    """Whether ``name`` is a unit of that level once tone marks are set aside.

    Capitals typed in haste drop or change a tone mark ("UBND TỈNH QUANG NGÃI" for
    Quảng Ngãi); the letters and their hats and breves still name the unit. Only
    for a name :func:`names_unit` does not know: the index is built on first use.
    """
    words = meta_vocabulary().unit_levels
    written = comparable(level_word)
    levels = next((levels for word, levels in words.items() if comparable(word) == written), [])
    toneless = _without_tones(comparable(name))
    return any(
        level in levels for era in ("legacy", "2025") for level in _toneless(era).get(toneless, ())
    )


_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def _without_tones(folded: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", folded).translate(_TONE_MARKS))


@cache
def _toneless(era: str) -> dict[str, set[UnitLevel]]:
    """The levels of an era's units by their names without tone marks."""
    index: dict[str, set[UnitLevel]] = defaultdict(set)
    for name in _units(era):
        index[_without_tones(name)].update(unit[0] for unit in _units(era)[name])
    return dict(index)


def _one(found: list[_Unit]) -> _Unit | None:
    """The first unit; its province only when every unit of that name shares it.

    "xã Tân Phong" is a commune in a dozen provinces: the level is known, the
    province is not.
    """
    if not found:
        return None
    level, name, province = found[0]
    same = all(unit[2] == province for unit in found if unit[0] == level)
    return (level, name, province if same else "")


def _unit(found: _Unit | None, era: str) -> AdminUnit | None:
    if found is None:
        return None
    level, name, province = found
    return AdminUnit(level=level, name=name, province=province or None, era=era)  # type: ignore[arg-type]


def _named_in_issuer(issuer: str, era: str, parent: str | None = None) -> _Unit | None:
    """The unit a body's name holds: "... xã Dân Lực", "Tỉnh ủy Quảng Ngãi".

    The body's own unit is the first one its name holds; a unit named after it, or in
    the superior body's name, only places that one: "Ủy ban nhân dân xã Tân Yên, tỉnh
    Bắc Ninh" (a commune after the July 2025 reorganisation, named with its province
    since there is no district between) is the commune of Bắc Ninh, not the province.
    A unit of that name in no province so named is not this era's: None.
    """
    named = list(_level_names(issuer))
    for index, (levels, name) in enumerate(named):
        units = [unit for unit in _units(era).get(comparable(name), []) if unit[0] in levels]
        if not units:
            continue
        placing = _provinces(parent, era) | {
            unit[2]
            for later_levels, later in named[index + 1 :]
            for unit in _units(era).get(comparable(later), [])
            if unit[0] in later_levels
        }
        return _one(_placed(units, placing))
    return None


def _provinces(name: str | None, era: str) -> set[str]:
    """The provinces of the units a name holds with their level words (a superior body's)."""
    return {
        unit[2]
        for levels, written in _level_names(name or "")
        for unit in _units(era).get(comparable(written), [])
        if unit[0] in levels
    }


def _placed(units: list[_Unit], provinces: set[str]) -> list[_Unit]:
    """The units in one of ``provinces``; all of them when no province is named."""
    if not provinces:
        return units
    return [unit for unit in units if unit[2] in provinces]


def _level_names(issuer: str) -> Iterator[tuple[list[UnitLevel], str]]:
    """Each level word of a name with the words after it, up to the next one or a comma."""
    vocabulary = meta_vocabulary()
    words = vocabulary.unit_levels
    level_word = re.compile(rf"(?<!\w)(?:{words_pattern(list(words))})(?!\w)")
    # "Thương binh và Xã hội": society, not a commune named "Hội".
    false_friend = re.compile(rf"(?:{words_pattern(vocabulary.place_level_false_friends)})(?!\w)")
    search = search_form(issuer)
    found = [
        match
        for match in level_word.finditer(search)
        if not false_friend.match(search, match.start())
    ]
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(issuer)
        name = re.split(r"[,;()]", issuer[match.end() : end], maxsplit=1)[0].strip()
        if not name or not name[0].isalpha():
            continue
        written = comparable(match.group(0))
        levels = next((lv for word, lv in words.items() if comparable(word) == written), [])
        yield levels, name


@cache
def _units(era: str) -> Mapping[str, list[_Unit]]:
    """Every unit of one era by its folded short name ("dân lực"), aliases included.

    Folding ten thousand names is a tenth of a cold check (issue 18): the index is kept
    built beside the parser's data, built again when the dataset, this file or the
    folding (extract/text.py) changes.
    """
    kept = data_dir("extract.parse") / "__pycache__" / f"admin_units-{era}.marshal"
    sources = (admin_units_dataset(), Path(__file__), Path(extract.text.__file__), _FORMER_NAMES)
    return _PackedIndex(kept_build(kept, sources, lambda: _pack(_build_units(era))))


# The kept index holds each name's units packed in one string: reading ten thousand lists
# of tuples back was 9 of the 12 ms the kept index cost a cold check (issue 18).
_UNITS_APART, _FIELDS_APART = "\x1e", "\x1f"  # ASCII record and unit separators


class _PackedIndex(Mapping[str, list[_Unit]]):
    """An era's index as kept: a name's units are unpacked when the name is looked up."""

    def __init__(self, packed: dict[str, str]) -> None:
        self._packed = packed

    def __getitem__(self, name: str) -> list[_Unit]:
        units = self._packed[name].split(_UNITS_APART)
        return [tuple(unit.split(_FIELDS_APART)) for unit in units]  # type: ignore[misc]

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


def _pack(index: _Index) -> dict[str, str]:
    """Each name's units as one string (see ``_PackedIndex``).

    Raises:
        ValueError: When a unit's name holds a separator (a control character), which the
            dataset's names never do.
    """
    packed: dict[str, str] = {}
    for name, units in index.items():
        fields = [field for unit in units for field in unit]
        if any(_UNITS_APART in field or _FIELDS_APART in field for field in fields):
            raise ValueError(f"vietnamadminunits: a control character in {name!r}")
        packed[name] = _UNITS_APART.join(_FIELDS_APART.join(unit) for unit in units)
    return packed


def _build_units(era: str) -> _Index:
    index: _Index = defaultdict(list)
    with sqlite3.connect(f"file:{admin_units_dataset()}?mode=ro", uri=True) as connection:
        if era == "legacy":
            _add_legacy(connection, index)
            _add_former_provinces(index)
        else:
            _add_current(connection, index)
    return dict(index)


# Provinces renamed before the dataset's legacy era was taken (see the file's comments).
_FORMER_NAMES = data_dir("extract.parse") / "former_unit_names.yaml"


def _add_former_provinces(index: _Index) -> None:
    """A former province name indexed as that province: "Thừa Thiên Huế" is Huế's.

    Raises:
        ValueError: When a former name's province is not one of the era's provinces.
    """
    seen = {unit for units in index.values() for unit in units}
    for former, name in load_yaml(_FORMER_NAMES)["provinces"].items():
        provinces = [unit for unit in index.get(_folded(name), []) if unit[0] == "tinh"]
        if not provinces:
            raise ValueError(f"{_FORMER_NAMES.name}: {name!r} is no province of the legacy era")
        _add(index, seen, ("tinh", former, provinces[0][2]))


def _add_legacy(connection: sqlite3.Connection, index: _Index) -> None:
    seen: set[_Unit] = set()
    rows = connection.execute(
        "SELECT provinceShort, districtShort, districtType, wardShort, wardType "
        "FROM admin_units_legacy"
    )
    for province, district, district_type, ward, ward_type in rows:
        _add(index, seen, ("tinh", province, province))
        district_level = _LEVEL_OF_TYPE.get(_folded(district_type or ""))
        if district and district_level is not None:
            _add(index, seen, (district_level, district, province))
        ward_level = _LEVEL_OF_TYPE.get(_folded(ward_type or ""))
        if ward and ward_level is not None:
            _add(index, seen, (ward_level, ward, province))


def _add_current(connection: sqlite3.Connection, index: _Index) -> None:
    seen: set[_Unit] = set()
    rows = connection.execute("SELECT provinceShort, wardShort, wardType FROM admin_units")
    for province, ward, ward_type in rows:
        _add(index, seen, ("tinh", province, province))
        level = _LEVEL_OF_TYPE.get(_folded(ward_type or ""))
        if ward and level is not None:
            _add(index, seen, (level, ward, province))


def _add(index: _Index, seen: set[_Unit], unit: _Unit) -> None:
    if unit not in seen:
        seen.add(unit)
        index[_folded(unit[1])].append(unit)


@cache
def _folded(name: str) -> str:
    # Province, district and type names repeat on every commune's row: fold each once.
    return comparable(name)
