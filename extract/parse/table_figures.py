"""The figure a table cell sets: "9", ">90", "Khoảng 45-47", "Trên 90", "10%", "9.06".

In a table of targets the figure stands alone in its cell and its unit in the row's
unit cell ("Đơn vị tính"), or nowhere (a yearbook's "Số bác sỹ cho 10000 dân | 9");
the row's name defines the indicator and its own figures ("10000 dân", "trẻ em <1
tuổi") are no level. So a cell is read on its own: a comparison word or sign
before it (the vocabulary's ``prefix_ops``, or ">", "≥"...), a range ("45-47"), and
its unit from the cell itself or else from the unit cell, printed as the cell gives
it. A bilingual or statistical table writes decimals with a point ("9.06", "0.76"):
a point followed by other than three digits is a decimal point, never thousands.
"""

from __future__ import annotations

import re

from extract.model import Quantity, QuantityOp
from extract.parse.quantities import parse_number, parse_quantities, prefix_ops
from extract.text import fold

# "9.06", "0.76", "12.5": a point before one, two or four and more digits.
_DECIMAL_POINT = re.compile(r"(?<![\d.,])(\d+)\.(\d{1,2}|\d{4,})(?![\d.,])")
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_BARE = re.compile(rf"^(?P<value>{_NUMBER})(?:\s*[-–]\s*(?P<high>{_NUMBER}))?\s*\**\s*$")
_WORD_OPS: dict[str, QuantityOp] = {op: op for op in (">", ">=", "<", "<=", "~", "=")}
_SIGNS: dict[str, QuantityOp] = {">=": ">=", "<=": "<=", "≥": ">=", "≤": "<=", ">": ">", "<": "<"}


def cell_quantities(cell: str, unit: str = "") -> list[Quantity]:
    """The quantities one figure cell sets, its unit taken from the row's unit cell if any.

    >>> [(q.op, q.value, q.unit_printed) for q in cell_quantities(">90")]
    [('>', 90.0, None)]
    >>> [(q.op, q.value, q.high, q.unit_printed) for q in cell_quantities("Khoảng 45-47", "%")]
    [('range', 45.0, 47.0, '%')]
    >>> [(q.value, q.unit_printed) for q in cell_quantities("9.06")]
    [(9.06, None)]
    """
    written = " ".join(_DECIMAL_POINT.sub(r"\1,\2", cell).split())
    if not written or not any(char.isdigit() for char in written):
        return []
    own = parse_quantities(written)
    if own and all(quantity.unit for quantity in own):
        return own  # "10%": the cell prints its unit
    bare = _bare(written)
    if bare is None:
        return own
    return [_with_unit(bare, unit.strip())]


def _bare(written: str) -> Quantity | None:
    """A figure alone, maybe after a comparison word or sign, maybe a range."""
    op: QuantityOp = "="
    comparator = None
    rest = written
    for sign, sign_op in _SIGNS.items():
        if rest.startswith(sign):
            op, comparator, rest = sign_op, sign, rest[len(sign) :].lstrip()
            break
    else:
        folded = fold(rest)
        for word, word_op in prefix_ops():
            if folded.startswith(f"{word} ") and word_op in _WORD_OPS:
                size = len(word.split())
                words = rest.split()
                op, comparator = _WORD_OPS[word_op], " ".join(words[:size])
                rest = " ".join(words[size:])
                break
    found = _BARE.match(rest)
    if found is None:
        return None
    high = parse_number(found["high"]) if found["high"] else None
    return Quantity(
        op="range" if high is not None else op,
        value=parse_number(found["value"]),
        high=high,
        comparator=comparator,
        raw=written,
    )


def _with_unit(quantity: Quantity, unit: str) -> Quantity:
    """The quantity with the unit cell's unit, canonical name read as the text reads it."""
    if not unit:
        return quantity
    read = parse_quantities(f"1 {unit}")
    canonical = read[0].unit if read and read[0].unit else unit
    per = read[0].per if read else None
    return quantity.model_copy(update={"unit": canonical, "unit_printed": unit, "per": per})
