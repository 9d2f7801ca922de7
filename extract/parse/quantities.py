"""Figures a target sets: "trên 65%", "từ 70% đến 75%", "ít nhất 01 mô hình".

A figure is a quantity only when it has a unit: a percent sign, square metres,
or a counted noun from the vocabulary ("mô hình", "ngày công"). That rule alone
keeps out years ("đến năm 2026"), levels ("mức độ 3 và 4") and footnote markers;
names in quotation marks ("Khu dân cư 6 không") and dates are masked first.
Numbers are written the Vietnamese way: decimal comma, thousands dot ("10.000").
"""

from __future__ import annotations

import re
from functools import cache

from extract.model import Quantity, QuantityOp, Span
from extract.parse.calendar import find_dates
from extract.parse.vocabulary import fold, items, sort_longest

NUMBER = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
SENTENCE_END = re.compile(r"\.\s|\.$|\n")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str]]:
    words = items().quantities
    units = sort_longest([*words.percent_words, *words.area_units, *words.counted_units])
    unit = "|".join([r"%", *(re.escape(item) for item in units)])
    ranges = "|".join(re.escape(word) for word in sort_longest(words.range_words))
    figure = re.compile(
        rf"(?<![\d.,/\w])(?P<value>{NUMBER})\s*(?P<unit>{unit})?(?!\w)"
        rf"(?:\s*(?:-|–|{ranges})\s*(?P<high>{NUMBER})\s*(?P<high_unit>{unit})?(?!\w))?"
        r"(?!\d|,\d|/\d)"
    )
    prefix_ops: dict[str, str] = {
        word: op for op, group in words.prefix_ops.items() for word in group
    }
    suffix_ops: dict[str, str] = {
        word: op for op, group in words.suffix_ops.items() for word in group
    }
    yearly = "|".join(re.escape(word) for word in sort_longest(words.yearly_words))
    return figure, re.compile(rf"(?<!\w)(?:{yearly})(?!\w)"), prefix_ops, suffix_ops


def parse_quantities(text: str, line: int | None = None) -> list[Quantity]:
    """Every quantity in ``text``, in order.

    Args:
        text: A target's text (one sentence or several).
        line: Line number for the spans, when known.

    Returns:
        Quantities with op, value, high, unit and per; never raises on odd text.
    """
    figure, yearly, _, _ = _patterns()
    folded = _mask(fold(text))
    found: list[Quantity] = []
    for match in figure.finditer(folded):
        unit = _unit(match["unit"] or match["high_unit"])
        if unit is None or _is_year(folded, match, unit):
            continue
        if match["high"] is not None and match["unit"] and match["high_unit"] is None:
            continue  # "65% - 2026": a figure then something else, not a range
        op, start, end = _operator(folded, match)
        span = Span(line=line, start=start, end=end) if line is not None else None
        found.append(
            Quantity(
                op=op,
                value=parse_number(match["value"]),
                high=parse_number(match["high"]) if match["high"] is not None else None,
                unit=unit,
                per="year" if _is_yearly(folded, match, yearly) else None,
                raw=text[start:end].strip(),
                span=span,
            )
        )
    return found


def parse_number(written: str) -> float:
    """'10.000' -> 10000, '0,5' -> 0.5, '01' -> 1."""
    return float(written.replace(".", "").replace(",", "."))


def _is_year(folded: str, match: re.Match[str], unit: str) -> bool:
    """'đến năm 2025 xã đạt chuẩn': a year followed by a noun, not a count."""
    if unit == "%":
        return False
    if folded[: match.start()].rstrip().endswith(("năm", "giai đoạn")):
        return True
    return re.fullmatch(r"(?:19|20)\d\d", match["value"]) is not None


def _mask(folded: str) -> str:
    """Blank out quoted names and dates, keeping every offset."""
    masked = QUOTED.sub(lambda match: " " * len(match.group(0)), folded)
    for date in find_dates(masked):
        if date.year is not None:
            masked = masked[: date.start] + " " * (date.end - date.start) + masked[date.end :]
    return masked


def _unit(written: str | None) -> str | None:
    if written is None:
        return None
    words = items().quantities
    if written in {fold(word) for word in words.percent_words}:
        return "%"
    area = {fold(word) for word in words.area_units}
    return "m²" if written in area else written


def _operator(folded: str, match: re.Match[str]) -> tuple[QuantityOp, int, int]:
    """The comparison the words around the figure give, and the span they cover."""
    _, _, prefix_ops, suffix_ops = _patterns()
    start, end = match.start(), match.end()
    before = folded[:start].rstrip()
    after = folded[end:]
    if match["high"] is not None:
        if before.endswith(("từ", " từ")) and _word_end(before, "từ"):
            start = len(before) - 2
        return "range", start, end
    for word, op in sorted(suffix_ops.items(), key=lambda item: -len(item[0])):
        stripped = after.lstrip()
        if stripped.startswith(fold(word)):
            end = end + (len(after) - len(stripped)) + len(word)
            start = _extend_tu(before, start)
            return _op(op), start, end
    for word, op in sorted(prefix_ops.items(), key=lambda item: -len(item[0])):
        if _word_end(before, fold(word)):
            return _op(op), len(before) - len(word), end
    if _word_end(before, "từ"):
        return ">=", len(before) - 2, end
    return "=", start, end


def _extend_tu(before: str, start: int) -> int:
    return len(before) - 2 if _word_end(before, "từ") else start


def _word_end(before: str, word: str) -> bool:
    """``before`` ends with ``word`` as a whole word."""
    if not before.endswith(word):
        return False
    head = before[: len(before) - len(word)]
    # "->" is an arrow, not "greater than".
    return not head or not (head[-1].isalnum() or head[-1] in "-=<>")


def _op(written: str) -> QuantityOp:
    ops: dict[str, QuantityOp] = {
        "=": "=",
        ">": ">",
        ">=": ">=",
        "<": "<",
        "<=": "<=",
        "~": "~",
        "range": "range",
    }
    return ops[written]


def _is_yearly(folded: str, match: re.Match[str], yearly: re.Pattern[str]) -> bool:
    """A '/năm' right after the figure, or a yearly word in the same sentence."""
    after = folded[match.end() :].lstrip()
    if any(after.startswith(fold(suffix)) for suffix in items().quantities.yearly_suffixes):
        return True
    sentence_start = 0
    for boundary in SENTENCE_END.finditer(folded, 0, match.start()):
        sentence_start = boundary.end()
    following = SENTENCE_END.search(folded, match.end())
    sentence_end = following.start() if following is not None else len(folded)
    return yearly.search(folded, sentence_start, sentence_end) is not None
