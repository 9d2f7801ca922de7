"""The unit after a figure: an open class read from the words, normalised through data.

Plans from other provinces write units no closed list foresees: "73,8 tuổi",
"2,1 con/phụ nữ", "111,2 số bé trai/100 bé gái", "-0,2 điểm phần trăm", "+ 0,1 ‰"
(also typed "%0"), "2.961 tấn", "bác sỹ/1 vạn dân", "45 đảng viên mới/năm". A unit
is therefore read, not looked up: a sign, a measure word, or a counted noun (known
or not, up to a stop word), then maybe a rate ("/" and what it is per). The
vocabulary in ``data/units.yaml`` only normalises spellings ("bác sỹ" -> "bác sĩ",
"%0" -> "‰") and says which kind each unit is, so that a rule knows what compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.parse.unit_phrases import (
    coordinated_end,
    list_end,
    listed_end,
    modifiers_end,
    phrase_at,
    read_abbreviation,
)
from extract.parse.unit_words import (
    UNITS_PATH,
    UnitVocabulary,
    unit_vocabulary,
)
from extract.parse.unit_words import aliases as _aliases
from extract.parse.unit_words import compound_nouns as _compound_nouns
from extract.parse.unit_words import condition_words as _condition_words
from extract.parse.unit_words import coordinators as _coordinators
from extract.parse.unit_words import list_nouns as _list_nouns
from extract.parse.unit_words import listed_heads as _listed_heads
from extract.parse.unit_words import long_stops as _long_stops
from extract.parse.unit_words import magnitudes as _magnitudes
from extract.parse.unit_words import measure_forms as _measure_forms
from extract.parse.unit_words import sorted_longest as _sorted
from extract.parse.unit_words import stops as _stops
from extract.parse.unit_words import time_phrases as _time_phrases
from extract.parse.unit_words import time_words as _time_words
from extract.parse.unit_words import vocabulary_phrases as _vocabulary_phrases
from extract.parse.unit_words import written_forms as _written_forms
from extract.parse.unit_words import yearly as _yearly
from extract.text import normalise

__all__ = ["UNITS_PATH", "UnitVocabulary", "unit_vocabulary"]

# Number words a denominator may use: "1 vạn dân" is "10.000 dân".
_NUMBER_WORDS = {"vạn": 10_000, "nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000}
_DENOMINATOR_NUMBER = re.compile(r"(?:\d{1,3}(?:\.\d{3})+|\d+)")
_SYLLABLE = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r" *")


@dataclass(frozen=True)
class ReadUnit:
    """A unit read after a figure: its normalised name, whether it is yearly, where it ends."""

    unit: str
    per_year: bool
    end: int


def read_unit(folded: str, original: str, position: int) -> ReadUnit | None:
    """The unit that starts at ``position`` (after a figure), or None when there is none.

    A measure is named canonically ("%0" -> "‰", "m2" -> "m²", "tr.đồng" -> "triệu
    đồng"); a counted noun and a rate stay as written ("đảng viên mới", "bác sỹ/1 vạn
    dân"), and :func:`canonical_unit` compares them. A trailing "/năm" is ``per_year``.

    Args:
        folded: The text folded (:func:`extract.parse.vocabulary.fold`), same offsets.
        original: The text as written, for case: a capital opens a name, not a unit.
        position: Offset just past the figure.
    """
    head = _read_head(folded, original, position)
    if head is None:
        return None
    written, end = head
    canonical = _aliases().get(written)
    entry = unit_vocabulary().units.get(canonical) if canonical is not None else None
    measure = (entry is not None and entry.kind not in ("count", "ratio")) or _is_measure(written)
    unit = canonical if measure and canonical is not None else written
    tail_start = tail_end = end
    counted = not measure and (entry is None or entry.kind == "count") and "/" not in written
    if written[-1].isalpha() and counted:
        # "2.000 đảng viên mới.", "35 triệu lượt khách quốc tế;": words naming the kind
        end = modifiers_end(folded, original, end, unit_vocabulary().noun_modifier_words, _ends_run)
    if written[-1].isalpha():
        listed = listed_end(folded, written, end, _listed_heads(), _list_nouns())
        pair = _paired_noun(folded, original, end) if listed == end else None
        if pair is not None:
            listed = pair[1]
        end = _level_after(folded, listed)
        tail_end = end = coordinated_end(folded, original, end, _stops(), _coordinators())
    per_year = False
    for _ in range(2):  # "triệu đồng/người/năm": a rate, then a period
        rate = _read_rate(folded, original, end)
        if rate is None:
            break
        denominator, end, slash = rate
        if denominator in _yearly():
            per_year = True
            tail_end = slash  # "đảng viên mới/năm": the words before the period stay
            break
        tail_end = end
    tail = " ".join(folded[tail_start:tail_end].split()).replace(" /", "/").replace("/ ", "/")
    return ReadUnit(f"{unit}{' ' if tail[:1].isalpha() else ''}{tail}", per_year, end)


def read_period(folded: str, position: int) -> ReadUnit | None:
    """A time word right after a figure ("68 năm"), read as its unit.

    Alone, "5 năm" is a period and no quantity (:func:`read_unit` says None); after a
    comparison word ("tối thiểu 68 năm") it is the level a target sets.
    """
    spaced = folded[position : position + 1] == " "
    found = _SYLLABLE.match(folded, position + 1) if spaced else None
    if found is None or found.group(0) not in _time_words():
        return None
    return ReadUnit(found.group(0), False, found.end())


def canonical_unit(written: str) -> str:
    """The unit's canonical name: '%0' -> '‰', 'bác sỹ/1 vạn dân' -> 'bác sĩ/10.000 dân'."""
    folded = normalise(written)
    canonical = _aliases().get(folded)
    if canonical is not None:
        return canonical
    name, slash, rest = folded.partition("/")
    name = _aliases().get(name, name)
    return f"{name}/{_denominator(rest)}" if slash else name


def _denominator(rest: str) -> str:
    """'1 vạn dân' -> '10.000 dân', '10000 dân' -> '10.000 dân'."""
    number = _DENOMINATOR_NUMBER.match(rest)
    value = int(number.group(0).replace(".", "")) if number is not None else None
    words = rest[number.end() :].strip() if number is not None else rest
    first, _, remainder = words.partition(" ")
    if first in _NUMBER_WORDS and remainder:
        value, words = (value or 1) * _NUMBER_WORDS[first], remainder
    return f"{_thousands(value)} {words}" if value is not None else words


def unit_kind_of(unit: str | None) -> str | None:
    """The kind of a unit as the vocabulary gives it ('percent', 'area', ...), else None."""
    if unit is None or not unit.strip():
        return None
    canonical = canonical_unit(unit)
    entry = unit_vocabulary().units.get(canonical)
    return entry.kind if entry is not None and entry.kind != "count" else None


def is_qualifier_unit(unit: str) -> bool:
    """Whether a figure in this unit, right after a noun, says who is counted ("dưới 5 tuổi")."""
    return normalise(unit) in {normalise(word) for word in unit_vocabulary().qualifier_units}


def is_standard_unit(unit: str) -> bool:
    """Whether a count in this unit is a standard met ("19 tiêu chí", "3 sao")."""
    return normalise(unit) in {normalise(word) for word in unit_vocabulary().standard_units}


def counts_targets(unit: str) -> bool:
    """Whether a figure in this unit counts targets ("3 mục tiêu", "11 chỉ tiêu")."""
    return normalise(unit) in {normalise(noun) for noun in unit_vocabulary().target_count_nouns}


def is_condition(between: str, counted: str, unit: str) -> bool:
    """Whether a count puts a condition on the count before it ("72 xã đạt 19 tiêu chí").

    Args:
        between: The folded text between the two figures ("đạt").
        counted: The unit of the figure before ("xã").
        unit: The unit of this figure ("tiêu chí").
    """
    if not counted[:1].isalpha() or not unit[:1].isalpha():
        return False
    if " ".join(between.split()) not in _condition_words():
        return False
    # Measures ("ha", "%") set levels of their own.
    return unit_kind_of(counted) is None and unit_kind_of(unit) is None


def value_words() -> tuple[str, ...]:
    """Words after which a figure is the value set ("đạt 73,8 tuổi"), longest first."""
    return _sorted(tuple(unit_vocabulary().value_words))


def _read_head(folded: str, original: str, position: int) -> tuple[str, int] | None:
    """A sign, a known unit or a counted noun right after the figure."""
    gap = len(folded[position:]) - len(folded[position:].lstrip(" "))
    start = position + min(gap, 2) if gap <= 2 else None
    if start is None or start >= len(folded):
        return None
    for written in _written_forms():
        end = start + len(written)
        if folded.startswith(written, start) and _ends_word(folded, end, written):
            if start == position and len(written) == 1 and original[start].isupper():
                return None  # "5G", "4G": a network's name, not "5 g"
            return written, end
    if start == position:
        return None  # "12a", "3x": a counted noun is a separate word
    magnitude = _magnitude_head(folded, original, start)
    if magnitude is not None:
        return magnitude
    abbreviation = read_abbreviation(original, start)
    if abbreviation is not None:
        return folded[start : abbreviation[1]], abbreviation[1]  # "27 DN", "5 HTX"
    return _read_noun(folded, original, start)


def _magnitude_head(folded: str, original: str, start: int) -> tuple[str, int] | None:
    """'triệu tấn', 'triệu lượt khách': a magnitude word, then a measure or a counted noun.

    The magnitude word is not one of the noun's words: "35 triệu lượt khách quốc tế"
    counts visits by international guests in millions.
    """
    word = _SYLLABLE.match(folded, start)
    if (
        word is None
        or word.group(0) not in _magnitudes()
        or folded[word.end() : word.end() + 1] != " "
    ):
        return None
    after = word.end() + 1
    for written in _measure_forms():
        if folded.startswith(written, after) and _ends_word(folded, after + len(written), written):
            return folded[start : after + len(written)], after + len(written)
    noun = _read_noun(folded, original, after)
    return (folded[start : noun[1]], noun[1]) if noun is not None else None


def _is_measure(written: str) -> bool:
    """Whether a head read after a magnitude word ends on a measure ('triệu tấn')."""
    first, _, rest = written.partition(" ")
    return first in _magnitudes() and rest in _measure_forms()


def _ends_run(folded: str, original: str, position: int) -> bool:
    """Whether a noun's modifiers may stop at ``position``: the clause or the phrase ends.

    The end of the text, punctuation, a figure, a stop word, a level ("cấp huyện")
    or a name in capitals ends a noun phrase; a word of any other kind goes on with
    it, and then the words before were no modifiers of the count.
    """
    spaces = _SPACES.match(folded, position)  # no copy of the rest of a long line
    at = spaces.end() if spaces is not None else position
    if at >= len(folded) or not folded[at].isalpha():
        return True
    word = _SYLLABLE.match(folded, at)
    if word is not None and (word.group(0) in _stops() or _opens_stop(folded, at)):
        return True
    if any(phrase_at(folded, at, level) for level in _vocabulary_phrases("level_words")):
        return True
    return original[at].isupper()


def _read_noun(folded: str, original: str, start: int) -> tuple[str, int] | None:
    """A counted noun not in the vocabulary: lower-case words up to a stop word."""
    words: list[str] = []
    end = start
    cursor = start
    stops = _stops()
    while (match := _SYLLABLE.match(folded, cursor)) is not None:
        if len(words) >= unit_vocabulary().noun_max_words:
            break
        if original[match.start()].isupper():
            break  # "3 xã Hoàng Giang": the name is not part of the unit
        # "căn nhà ở xã hội": "ở" is a word of the noun "nhà ở" here, not a stop.
        word = next((noun for noun in _compound_nouns() if phrase_at(folded, cursor, noun)), None)
        if word is None:
            word = match.group(0)
            if word in stops or _opens_stop(folded, cursor):
                break
        if not words and word in _time_words():
            return None  # "5 năm", "6 tháng đầu năm": a period, not a count
        words.append(word)
        end = cursor + len(word)
        cursor = end + 1 if folded[end : end + 1] == " " else end
    if not words:
        return None
    return " ".join(words), end


def _paired_noun(folded: str, original: str, end: int) -> tuple[str, int] | None:
    """'04/09 thôn, làng.': a second noun after a comma that closes the clause counts too."""
    if not folded.startswith(", ", end):
        return None
    noun = _read_noun(folded, original, end + 2)
    if noun is None or len(noun[0].split()) > 2:
        return None
    after = folded[noun[1] :].lstrip(" ")
    return noun if not after or after[0] in ".;)" else None


def _level_after(folded: str, end: int) -> int:
    """Past a level that belongs to the noun ("đơn vị cấp huyện"), else ``end``.

    Administrative units listed after the level are levels too: "vận động viên cấp
    quận, huyện" counts athletes of both.
    """
    for level in _vocabulary_phrases("level_words"):
        if phrase_at(folded, end + 1, level) and folded[end : end + 1] == " ":
            return list_end(folded, end + 1 + len(level), _listed_heads())
    return end


def _opens_stop(folded: str, position: int) -> bool:
    """Whether a stop of several words ("giai đoạn", "trong đó") starts at ``position``."""
    for stop in _long_stops():
        end = position + len(stop)
        if folded.startswith(stop, position) and (end >= len(folded) or not folded[end].isalnum()):
            return True
    return False


def _read_rate(folded: str, original: str, position: int) -> tuple[str, int, int] | None:
    """'/phụ nữ', '/100 bé gái', '/1 vạn dân', ' mới/năm' after a unit: words, end, slash."""
    cursor = position
    for _ in range(unit_vocabulary().max_modifier_words + 1):
        stripped = folded[cursor:].lstrip(" ")
        if stripped.startswith("/"):
            break
        word = _SYLLABLE.match(stripped)
        if word is None or word.group(0) in _stops():
            return None
        if original[len(folded) - len(stripped)].isupper():
            return None
        cursor = len(folded) - len(stripped) + word.end()
    else:
        return None
    slash = folded.index("/", cursor)
    after = slash + 1 + (len(folded[slash + 1 :]) - len(folded[slash + 1 :].lstrip(" ")))
    for yearly in _yearly():
        end = after + len(yearly)
        if folded.startswith(yearly, after) and (end >= len(folded) or not folded[end].isalnum()):
            return yearly, end, slash
    for period in _time_phrases():  # "100 lít/người/ngày", "2 buổi/ngày", "1 lần/tháng"
        if phrase_at(folded, after, period):
            return period, after + len(period), slash
    found = _DENOMINATOR_NUMBER.match(folded, after)
    if found is not None:
        after = found.end()
        after += len(folded[after:]) - len(folded[after:].lstrip(" "))
    noun = _read_noun(folded, original, after) if after < len(folded) else None
    if noun is None:
        return None
    # "trẻ sơ sinh trai/100 trẻ sơ sinh gái": the denominator's kind words too
    end = modifiers_end(folded, original, noun[1], unit_vocabulary().noun_modifier_words, _ends_run)
    return folded[slash + 1 : end].strip(), end, slash


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _ends_word(folded: str, end: int, written: str) -> bool:
    if not written[-1].isalnum():
        # "%" and "‰" end themselves, but "%0" is per mille and "%" before "0" is not "%".
        # "24%1;": a footnote mark typed after the sign (a PDF's superscript) ends it too.
        return written != "%" or not folded[end : end + 1].isalnum() or _footnote_mark(folded, end)
    return end >= len(folded) or not folded[end].isalnum()


def _footnote_mark(folded: str, position: int) -> bool:
    """One digit 1-9 standing alone after a sign: "dưới 24%1; tỷ lệ", "dưới 5%3."."""
    return re.match(r"[1-9](?![\w]|[.,]\d)", folded[position:]) is not None
