"""Figures a target sets: "trên 65%", "từ 70% đến 75%", "ít nhất 01 mô hình", "73,8 tuổi".

A figure is a quantity only when it has a unit (see :mod:`extract.parse.units`: a
sign, a measure word, a counted noun, a rate). That rule alone keeps out years
("đến năm 2026"), levels ("mức độ 3 và 4") and footnote markers; names in quotation
marks ("Khu dân cư 6 không") and dates are masked first. Numbers are written the
Vietnamese way: decimal comma, thousands dot ("10.000"); a sign is kept ("-0,2
điểm phần trăm", "+ 0,1 ‰"). The words around a figure give its comparison ("trên",
"đạt 100% chỉ tiêu trở lên") and its direction ("giảm", "tăng"), both kept.
"""

from __future__ import annotations

import re
from functools import cache

from extract.model import Quantity, QuantityOp, Span
from extract.parse.calendar import find_dates
from extract.parse.quantity_context import QuantityContext
from extract.parse.quantity_filters import Figure as _Figure
from extract.parse.quantity_filters import (
    is_base,
    is_baseline,
    is_label,
    is_qualifier,
    is_year,
    names_indicator,
)
from extract.parse.quantity_words import prefix_ops, prefix_words, word_end
from extract.parse.unit_words import time_words
from extract.parse.units import ReadUnit, counts_targets, is_condition, read_period, read_unit
from extract.parse.vocabulary import items, sort_longest
from extract.text import fold

NUMBER = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
# "46/100.000 trẻ đẻ sống" is a rate per a round base; "66/112 thôn" is a share, 66.
RATE_BASE = 1000
# "113/100" (boys per 100 girls): a figure over a base it exceeds is a ratio when the base
# is round (100, 1.000, 100.000), not a share nor a date.
_ROUND_BASE = re.compile(r"10{2,}|10{0,2}(?:\.000)+")
_FIGURE = re.compile(rf"(?<![\d.,/_])(?P<value>{NUMBER})(?![\d]|[.,]\d)")
# The letters a figure is glued to ("từ25%", "nhiệm kỳ2011", "H5N1").
_GLUED_WORD = re.compile(r"[^\W\d_]+$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d\d(?!\d)")
_CLAUSE_CLOSES = re.compile(r"\s*(?:[,;.)]|$)")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
# "9 600 ha": groups of three digits after a space, the way some pages print thousands.
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,/\w])\d{1,3}(?: \d{3})+(?![\d]|[.,]\d)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s*$")
# Where a comparison word after a figure stops reaching back to it: the next clause.
_CLAUSE_MARK = re.compile(r"[;.:(),]|\d")
_OPS: dict[str, QuantityOp] = {
    "=": "=",
    ">": ">",
    ">=": ">=",
    "<": "<",
    "<=": "<=",
    "~": "~",
    "range": "range",
}


def parse_quantities(text: str, line: int | None = None) -> list[Quantity]:
    """Every quantity in ``text``, in order.

    Args:
        text: A target's text (one sentence or several).
        line: Line number for the spans, when known.

    Returns:
        Quantities with op, value, high, unit, per, direction and the comparison
        words as written; never raises on odd text.
    """
    folded = _mask(fold(text))
    context = QuantityContext.of(folded)
    found: list[tuple[_Figure, Quantity]] = []
    consumed = 0
    for match in _FIGURE.finditer(folded):
        if match.start() < consumed or not _stands_apart(folded, match.start()):
            continue
        figure = _read_figure(folded, text, match)
        if figure is None:
            continue
        previous_end, consumed = consumed, figure.end
        if is_year(folded, match, figure) or is_qualifier(folded, figure):
            continue
        if is_label(folded, figure) or counts_targets(figure.unit.unit):
            continue
        if context.in_condition(figure.start):
            continue  # "nếu ... có tỷ lệ 30% trở lên": when the target applies
        last = found[-1][0] if found else None  # "72 xã đạt 19 tiêu chí": 19 says which
        if last and is_condition(folded[last.end : figure.start], last.unit.unit, figure.unit.unit):
            continue
        found.append((figure, _quantity(text, context, figure, line, previous_end)))
    figures = [figure for figure, _ in found]
    following: list[_Figure | None] = [*figures[1:], None] if figures else []
    return [
        quantity
        for (figure, quantity), after in zip(found, following, strict=True)
        if not names_indicator(folded, figure, figures)
        and not is_base(folded, figure, figures)
        and not is_baseline(folded, figure, after)
    ]


def _stands_apart(folded: str, start: int) -> bool:
    """Whether the figure at ``start`` is a word of its own, or glued to a comparison word.

    A page that lost its spaces writes "từ25% trở lên": the figure still follows "từ".
    Glued to other letters it is part of a name or a code ("H5N1", "nhiệm kỳ2011").
    """
    previous = folded[start - 1 : start]
    if not previous.isalnum():
        return True
    if not previous.isalpha():
        return False  # "m²5": another sign of a word, as before
    glued = _GLUED_WORD.search(folded, max(0, start - 12), start)
    return glued is not None and glued.group(0) in _comparison_words()


@cache
def _comparison_words() -> frozenset[str]:
    """Single words that set a comparison or a level before a figure ("từ", "trên", "đạt")."""
    words = items().quantities
    phrases = [*prefix_words(), *map(fold, (*words.from_words, *words.level_words))]
    return frozenset(phrase for phrase in phrases if phrase.isalpha())


def parse_number(written: str) -> float:
    """'10.000' -> 10000, '0,5' -> 0.5, '01' -> 1."""
    return float(written.replace(".", "").replace(",", "."))


def _read_figure(folded: str, text: str, match: re.Match[str]) -> _Figure | None:
    """The figure at ``match`` with its unit and the upper bound of a range."""
    start, end = match.start(), match.end()
    if _CLOCK.search(folded, max(0, start - 3), end):
        return None  # "14:53 CH", "08:57 AM": the minutes of a posting stamp's time
    value = parse_number(match["value"])
    fraction = re.match(rf"/({NUMBER})(?![\d])", folded[end:])
    rate = ratio = None
    if fraction is not None and value <= parse_number(fraction.group(1)):
        end += fraction.end()  # "04/09 thôn", "66/112 thôn": 4 of 9, read as 4
        if parse_number(fraction.group(1)) >= RATE_BASE:
            rate = fraction.group(1)  # "46/100.000 trẻ đẻ sống": a rate, not a share
    elif fraction is not None and _ROUND_BASE.fullmatch(fraction.group(1)):
        end += fraction.end()  # "không vượt quá 113/100": so many per a round base
        rate = ratio = fraction.group(1)
    unit = read_unit(folded, text, end)
    unit_from = end  # where the unit's printed words begin
    if unit is None and fraction is None:
        unit = _compared_without_unit(folded, match) or _bare_count(folded, match)
    if rate is not None and unit is not None:
        unit = ReadUnit(f"/{rate} {unit.unit}", unit.per_year, unit.end)
        unit_from = match.end()  # "/100.000 trẻ em": the rate's base is part of the unit
    elif ratio is not None:
        unit, unit_from = ReadUnit(f"/{ratio}", False, end), match.end()
    high_match = _range_high(folded, unit.end if unit is not None else end)
    high_unit = None
    if high_match is not None:
        high_unit = read_unit(folded, text, high_match.end())
        if unit is not None and high_unit is None:
            high_match = None  # "65% - 2026": a figure, then something else
        elif unit is None and high_unit is None:
            high_unit = _bare_range(folded, match, high_match)
            if high_unit is None:
                return None  # "2021-2025": two years
    if high_match is not None:
        chosen = high_unit or unit
        assert chosen is not None
        high = parse_number(high_match["high"])
        if high_unit is not None:
            unit_from = high_match.end()  # "35 – 40%": the unit follows the upper bound
        end = chosen.end if high_unit else high_match.end()
        return _Figure(value, high, chosen, start, end, _printed(text, chosen, unit_from))
    if unit is None:
        return None
    return _Figure(value, None, unit, start, unit.end, _printed(text, unit, unit_from))


def _printed(text: str, unit: ReadUnit, start: int) -> str | None:
    """The unit's words as the text prints them ("tỷ.đ", "%0", "bác sỹ/1 vạn dân")."""
    if not unit.unit:
        return None
    return " ".join(text[start : unit.end].split()) or None


def _compared_without_unit(folded: str, match: re.Match[str]) -> ReadUnit | None:
    """A figure after a comparison word that a unit does not follow.

    "tối thiểu 68 năm" sets a duration (a time word alone is a period, not a level);
    "duy trì trên 0,7" an index without unit (HDI, ICOR): a decimal, never a year, a
    label or a footnote; so does a whole figure after a level word and a comparison word
    ("đưa tỷ số này đạt khoảng 107"). Its unit is then empty.
    """
    before = folded[: match.start()].rstrip()
    leveled = _without_level_noun(before)
    comparison = next((word for word in prefix_words() if word_end(leveled, word)), None)
    if comparison is None:
        return None
    period = read_period(folded, match.end())
    if period is not None:
        return period
    if "," in match["value"] and not re.match(r"\s*[^\W\d_]", folded[match.end() :]):
        return ReadUnit("", False, match.end())
    if _YEAR.fullmatch(match["value"]):
        return None
    if leveled != before:
        return ReadUnit("", False, match.end())  # "dưới mức 115": a level without unit
    head = leveled[: len(leveled) - len(comparison)].rstrip()
    if any(word_end(head, fold(word)) for word in items().quantities.level_words):
        return ReadUnit("", False, match.end())  # "đạt khoảng 107": where an index ends up
    return None


def _without_level_noun(before: str) -> str:
    """``before`` without a level noun at its end ('dưới mức' -> 'dưới')."""
    for noun in items().quantities.level_nouns:
        if word_end(before, fold(noun)):
            return before[: len(before) - len(fold(noun))].rstrip()
    return before


def _bare_count(folded: str, match: re.Match[str]) -> ReadUnit | None:
    """'Số trang trại ...: 70, trong đó: ...': a whole number alone as the value of a name.

    Right after the colon that ends an indicator's name and closing its clause, a
    figure without unit is a bare count (never a year: "năm 2020: 70" names it).
    """
    if not folded[: match.start()].rstrip().endswith(":") or not match["value"].isdigit():
        return None
    if re.match(r"\s*(?:[,;]|\.(?:\s|$)|$)", folded[match.end() :]) is None:
        return None
    return ReadUnit("", False, match.end())


def _bare_range(folded: str, match: re.Match[str], high: re.Match[str]) -> ReadUnit | None:
    """'Kết nạp đảng viên mới hàng năm từ 8 đến 10': a range of what the item names before.

    Only "từ X đến Y" written in words, right after "từ", closing the clause, neither
    figure a year ("từ 2021 đến 2025" are years; "ngày 8 đến 10", "8 đến 10 giờ" are
    not right after "từ" or not closing the clause). Its unit is empty.
    """
    if not word_end(folded[: match.start()].rstrip(), "từ"):
        return None
    words = [fold(word) for word in items().quantities.range_words]
    if not any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", high.group(0)) for word in words):
        return None
    if any(_YEAR.fullmatch(value) for value in (match["value"], high["high"])):
        return None
    if _CLAUSE_CLOSES.match(folded, high.end()) is None:
        return None
    return ReadUnit("", False, high.end())


def _range_high(folded: str, position: int) -> re.Match[str] | None:
    return _range_pattern().match(folded, position)


@cache
def _range_pattern() -> re.Pattern[str]:
    ranges = "|".join(re.escape(word) for word in sort_longest(items().quantities.range_words))
    return re.compile(rf"\s*(?:-|–|{ranges})\s*(?P<high>{NUMBER})(?![\d]|[.,]\d)")


def _quantity(
    text: str, context: QuantityContext, figure: _Figure, line: int | None, previous_end: int
) -> Quantity:
    folded = context.text
    sign, start = _sign(folded, figure.start)
    op, comparator, start, end = _operator(folded, figure, start)
    span = Span(line=line, start=start, end=end) if line is not None else None
    return Quantity(
        op=op,
        value=sign * figure.value,
        high=figure.high,
        unit=figure.unit.unit or None,
        unit_printed=figure.printed,
        per="year" if figure.unit.per_year or context.is_yearly(figure.start, figure.end) else None,
        direction=_direction(context, figure.start, previous_end),
        comparator=comparator,
        raw=text[start:end].strip(),
        span=span,
    )


def _sign(folded: str, start: int) -> tuple[float, int]:
    """'-0,2', '+ 0,1': a signed figure; '3 - 4' and a bullet '- 100%' are not."""
    before = folded[:start]
    stripped = before.rstrip(" ")
    if not stripped or stripped[-1] not in "+-−":
        return 1.0, start
    spaced = len(stripped) < len(before)
    head = stripped[:-1].rstrip(" ")
    if spaced and not head.endswith((":", "(")):
        return 1.0, start
    if head and not head.endswith((":", "(")) and (head[-1].isalnum() or stripped[-2:-1] != " "):
        return 1.0, start  # "1- 2%", "2011-2020": a range or a span of years
    return (-1.0 if stripped[-1] in "-−" else 1.0), len(stripped) - 1


def _mask(folded: str) -> str:
    """Blank out quoted names (short quotations) and dates, keeping every offset."""
    longest = items().quantities.quoted_name_words
    masked = QUOTED.sub(
        lambda match: (
            " " * len(match.group(0)) if len(match.group(0).split()) <= longest else match.group(0)
        ),
        folded,
    )
    for date in find_dates(masked):
        if date.year is not None:
            masked = masked[: date.start] + " " * (date.end - date.start) + masked[date.end :]
    return _join_thousands(masked)


def _join_thousands(folded: str) -> str:
    """'9 600 ha' -> '9.600 ha': a space between groups of three digits separates thousands.

    Not after a time word or a label ("tháng 6 100 hộ", "số 3 500"), where the first
    figure names something and the second counts. Offsets are kept.
    """
    if " " not in folded or _SPACED_THOUSANDS.search(folded) is None:
        return folded
    names = time_words() | {fold(word) for word in items().quantities.label_words}

    def joined(match: re.Match[str]) -> str:
        before = _WORD_BEFORE.search(folded, max(0, match.start() - 12), match.start())
        if before is not None and before.group(1) in names:
            return match.group(0)
        return match.group(0).replace(" ", ".")

    return _SPACED_THOUSANDS.sub(joined, folded)


def _operator(folded: str, figure: _Figure, start: int) -> tuple[QuantityOp, str | None, int, int]:
    """The comparison the words around the figure give, the words, and the span they cover."""
    end = figure.end
    before = folded[:start].rstrip()
    if figure.high is not None:
        if word_end(before, "từ"):
            start = len(before) - 2
        return "range", None, start, end
    suffix = _suffix(folded, end)
    if suffix is not None:
        word, op, suffix_end = suffix
        return _OPS[op], word, (len(before) - 2 if word_end(before, "từ") else start), suffix_end
    before = _without_level_noun(before)
    for word, op in prefix_ops():
        if word_end(before, word):
            return _outer_bound(before, word, op, end)
    if word_end(before, "từ"):
        return ">=", "từ", len(before) - 2, end
    return "=", None, start, end


def _outer_bound(
    before: str, word: str, op: str, end: int
) -> tuple[QuantityOp, str | None, int, int]:
    """'ít nhất khoảng 2.765 xã': a bound before 'khoảng' is the comparison that binds."""
    start = len(before) - len(word)
    if op == "~":
        head = before[:start].rstrip()
        for outer, outer_op in prefix_ops():
            if outer_op != "~" and word_end(head, outer):
                return _OPS[outer_op], outer, len(head) - len(outer), end
    return _OPS[op], word, start, end


def _suffix(folded: str, end: int) -> tuple[str, str, int] | None:
    """'trở lên' after the figure or a few words on in its clause ('100% chỉ tiêu trở lên')."""
    reach = items().quantities.suffix_reach_words
    after = folded[end:]
    clause = _CLAUSE_MARK.search(after)
    window = after[: clause.start()] if clause is not None else after
    for word, op in sorted(
        ((fold(word), op) for op, group in items().quantities.suffix_ops.items() for word in group),
        key=lambda item: -len(item[0]),
    ):
        found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", window)
        if found is None or len(window[: found.start()].split()) > reach:
            continue
        return word, op, end + found.end()
    return None


def _direction(context: QuantityContext, start: int, previous_end: int) -> str | None:
    """'giảm 0,5%' is a fall, 'tăng 6%' a rise; 'giảm 3% (còn 7%)': 7% is a level."""
    words = items().quantities
    window_start = max(previous_end, context.clause_start(start))
    window = context.text[window_start:start]
    latest: tuple[int, str | None] = (-1, None)
    rate_nouns = tuple(fold(noun) for noun in words.rate_nouns)
    for direction, group in words.direction_words.items():
        for word in group:
            for found in re.finditer(rf"(?<!\w){re.escape(fold(word))}(?!\w)", window):
                if window[: found.start()].rstrip().endswith(rate_nouns):
                    continue  # "tỷ lệ tăng dân số": the indicator's name
                if found.start() > latest[0]:
                    latest = (found.start(), direction)
    for word in words.level_words:
        for found in re.finditer(rf"(?<!\w){re.escape(fold(word))}(?!\w)", window):
            if found.start() > latest[0]:
                latest = (found.start(), None)
    return latest[1]
