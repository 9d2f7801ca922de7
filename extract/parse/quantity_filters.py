"""Figures the quantity reader finds but a target does not set, and the figure it reads.

A figure with a unit is not always a level set: a year written before a noun, who is
counted ("trẻ em dưới 5 tuổi"), a figure in the name of an indicator ("Số giường bệnh
trên 1 vạn dân: 45,7 giường"), the one unit a rate is given for ("trên 1 ha"), a
starting point ("từ 28 hộ xuống còn 23 hộ"), a label ("tiêu chí số 15"). Each test
here is pure and reads its words from data (``data/items.yaml``, ``data/units.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.parse.quantity_words import prefix_words, word_end
from extract.parse.unit_words import condition_words
from extract.parse.units import (
    ReadUnit,
    is_qualifier_unit,
    is_standard_unit,
    unit_kind_of,
    value_words,
)
from extract.parse.vocabulary import items
from extract.text import fold

# Characters before a figure a word of the vocabulary may take ("từ không dưới").
_WINDOW = 48


@dataclass
class Figure:
    value: float
    high: float | None
    unit: ReadUnit
    start: int
    end: int
    printed: str | None = None  # the unit as the text prints it, None without one


def is_year(folded: str, match: re.Match[str], figure: Figure) -> bool:
    """'đến năm 2025 xã đạt chuẩn': a year followed by a noun, not a count.

    A figure after "năm" is a year only when it is written like one: "trong năm
    5.605.000 người" counts people.
    """
    if figure.unit.unit in ("%", "‰"):
        return False
    plain_year = re.fullmatch(r"\d{1,4}", match["value"]) is not None
    if plain_year and folded[: match.start()].rstrip().endswith(("năm", "giai đoạn")):
        return True
    return re.fullmatch(r"(?:19|20)\d\d", match["value"]) is not None


def is_qualifier(folded: str, figure: Figure) -> bool:
    """'trẻ em dưới 5 tuổi', '(dưới 2.500 gram)': who is counted, not a figure set."""
    qualifier = is_qualifier_unit(figure.unit.unit)
    if not qualifier and not is_standard_unit(figure.unit.unit):
        return False
    before = folded[: figure.start].rstrip(" +-")
    for word in prefix_words():
        if word_end(before, word):
            before = before[: len(before) - len(word)].rstrip()
            break
    if is_standard_unit(figure.unit.unit) and _meets_condition(before):
        return True
    if not qualifier or before.endswith("("):
        return qualifier
    if not before or before.endswith((":", ";", ",", ".")):
        return False
    return not any(word_end(before, word) for word in value_words())


def _meets_condition(before: str) -> bool:
    """'xã đạt dưới 15 tiêu chí', 'sản phẩm OCOP đạt 3 sao': a noun, then a condition word.

    The standard after them says which of the noun's units are counted, as "72 xã đạt 19
    tiêu chí" does after a figure; not after a value word ("bình quân đạt 17 tiêu chí").
    """
    for word in condition_words():
        if word_end(before, word):
            head = before[: len(before) - len(word)].rstrip()
            return head[-1:].isalpha() and not any(word_end(head, value) for value in value_words())
    return False


def names_indicator(folded: str, figure: Figure, figures: list[Figure]) -> bool:
    """'Số giường bệnh trên 1 vạn dân: 45,7 giường': a figure in the name before the colon.

    An item written "name: value" names its indicator before its first colon; a
    figure there, in the same clause as the colon, defines what is counted when the
    value after the colon has a figure of its own.
    """
    colon = folded.find(":")
    if colon < figure.end or re.search(r"[;,()]|\.\s", folded[figure.end : colon]):
        return False
    return any(other.start > colon for other in figures)


def is_base(folded: str, figure: Figure, figures: list[Figure]) -> bool:
    """'trên 1 ha đất trồng trọt ... đạt trên 250 triệu đồng/ha': one unit a rate is per.

    A "1" after a base word ("trên", "mỗi") counts the unit the level is given for,
    when a later figure of the same item sets that level.
    """
    if figure.value != 1 or figure.high is not None or figure.unit.unit in ("%", "‰"):
        return False
    head = figure.unit.unit.split(" ", 1)[0]
    if head in (fold(word) for word in items().quantities.magnitude_words):
        return False
    before = folded[: figure.start].rstrip()
    if not any(word_end(before, fold(word)) for word in items().quantities.rate_bases):
        return False
    return any(other.start > figure.end for other in figures)


def is_label(folded: str, figure: Figure) -> bool:
    """'tiêu chí số 15', 'Kế hoạch số 54': a whole number right after a label word names.

    A measure is no label: "so với dân số 42%" sets 42% ("dân số" ends on "số"); nor
    is a total: "cho tổng số 3.000 lao động" counts workers.
    """
    if not figure.value.is_integer() or unit_kind_of(figure.unit.unit) is not None:
        return False
    before = _tail(folded, figure.start)
    words = items().quantities
    for label in (fold(word) for word in words.label_words):
        if word_end(before, label):
            head = before[: len(before) - len(label)].rstrip()
            return not any(word_end(head, fold(total)) for total in words.total_words)
    return False


def is_baseline(folded: str, figure: Figure, following: Figure | None) -> bool:
    """A starting point: 'từ 28 hộ xuống còn 23 hộ', '(thay vì 17,5% năm 2010)'.

    After a from-word (maybe with a comparison word between: "từ trên 20%"), a figure
    whose clause then moves ("xuống", "lên", not "trở lên") to the next figure is
    where the indicator starts; the next figure is the level set.
    """
    words = items().quantities
    before = _tail(folded, figure.start)
    if any(word_end(before, fold(word)) for word in words.baseline_words):
        return True
    if following is None or not _after_from_word(before):
        return False
    between = folded[figure.end : following.start]
    if re.search(r";|\.\s", between):
        return False
    moves = "|".join(re.escape(fold(word)) for word in words.movement_words)
    return re.search(rf"(?<!\w)(?<!trở )(?:{moves})(?!\w)", between) is not None


def _after_from_word(before: str) -> bool:
    """Whether ``before`` ends with a from-word, or a from-word and a comparison word."""
    from_words = [fold(word) for word in items().quantities.from_words]
    if any(word_end(before, word) for word in from_words):
        return True
    for comparison in prefix_words():
        if word_end(before, comparison):
            head = before[: len(before) - len(comparison)].rstrip()
            return any(word_end(head, word) for word in from_words)
    return False


def _tail(folded: str, position: int) -> str:
    """The words just before ``position``: enough for any phrase of the vocabulary.

    A window, not the text from its start, so that a line of a thousand figures is
    read in linear work.
    """
    return folded[max(0, position - _WINDOW) : position].rstrip()
