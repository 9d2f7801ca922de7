"""What the metadata rules share: the number line of the header and Đề án 13's identity.

The number and symbol of a document are printed under the issuer as
"Số: 25/KH-UBND" (Nghị định 30/2020/NĐ-CP, Phụ lục I mục 3) or, in Party
documents, "Số 48-KH/ĐU" (Hướng dẫn 36-HD/VPTW, mục 3.3). A plan sent out for
signature often keeps the number blank ("Số:     /KH-UBND") and is then
published that way by mistake.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pydantic import ValidationError

from extract.model import Plan
from extract.text import fold_text
from rules.base import RuleContext
from rules.dates.common import header_lines
from rules.reference import load_reference

# "Số:" then anything; "Số 48-KH/ĐU" (no colon, a number then the symbol);
# "Số     -KH/ĐU" (no colon, blank, then the symbol). A body line such as
# "Số hộ nghèo giảm" matches none of them.
NUMBER_LINE = re.compile(
    r"^[\s*_]*(?:Số|SỐ)\s*(?:[:.]\s*(?P<colon>.*)"
    r"|(?P<digits>\d+\s*[-/]\s*[A-ZĐ]\S*.*)"
    r"|(?P<blank>[\s._…]*[-/]\s*[A-ZĐ]{2,}\S*.*))$"
)
COLUMN_GAP = re.compile(r"\s{3,}")
# The number alone on the line under "Số:": "424/QĐ-UBND", "48-KH/ĐU".
NUMBER_BELOW = re.compile(r"\d{1,5}(?:/(?:19|20)\d{2})?\s?[-/]\s?[A-ZĐ]")


@dataclass(frozen=True)
class NumberLine:
    """The header line that carries the number and symbol."""

    line: int
    raw: str
    blank: bool


@dataclass(frozen=True)
class Identity:
    """Number, date, issuer and period of Đề án 13 as the reference gives them."""

    number: str
    date: dt.date
    issuer: str
    province: str | None
    period_end: int | None


def number_line(plan: Plan) -> NumberLine | None:
    """The 'Số: ...' line of the header, and whether its number is left blank.

    A number set on the line under its label ("Số:" / "424/QĐ-UBND", a table cell
    broken by the page) is not blank, even where extraction could not read it.
    """
    numbers = header_lines(plan)
    for index, number in enumerate(numbers):
        text = plan.line(number).text
        starts = [0, *(gap.end() for gap in COLUMN_GAP.finditer(text))]
        for offset in starts:
            found = NUMBER_LINE.match(text[offset:])
            if found is not None:
                raw = _own_column(text[offset:]).strip(" *_")
                blank = _blank(found) and not _number_below(plan, numbers[index + 1 :], found)
                return NumberLine(line=number, raw=raw, blank=blank)
    return None


def de_an_13_identity(context: RuleContext) -> Identity | None:
    """Đề án 13's identity: the context's reference, else the bundled one; None if unreadable."""
    identity = getattr(context.reference, "identity", None)
    if identity is None:
        try:
            identity = load_reference().identity
        except (OSError, ValidationError, ValueError):
            return None
    period = identity.period or {}
    return Identity(
        number=identity.number,
        date=identity.date,
        issuer=identity.issuer,
        province=identity.province,
        period_end=period.get("end"),
    )


def fold_number(number: str) -> str:
    """'13-ĐA/TU', '13 - ĐA/TU' and '13/ĐA-TU' all fold to '13 da tu'."""
    return fold_text(number.replace("/", " ").replace("-", " "))


def _own_column(text: str) -> str:
    """The number column alone: cut at the first wide gap after the symbol starts."""
    symbol = re.search(r"[-/]", text)
    if symbol is None:
        return COLUMN_GAP.split(text.strip())[0]
    gap = COLUMN_GAP.search(text, symbol.end())
    return text[: gap.start()] if gap is not None else text


def _number_below(plan: Plan, below: list[int], found: re.Match[str]) -> bool:
    """Whether an empty "Số:" has its number on the next line that says anything."""
    if (found.group("colon") or "").strip(" *_|"):
        return False
    for number in below:
        text = plan.line(number).text.strip(" *_|\t")
        if text:
            return NUMBER_BELOW.match(text) is not None
    return False


def _blank(found: re.Match[str]) -> bool:
    if found.group("digits"):
        return False
    if found.group("blank") is not None:
        return True
    # A number is written first ("Số: 25/KH-UBND"); anything else after the
    # colon (dots, the symbol, the place-and-date column) means it is blank.
    value = (found.group("colon") or "").strip()
    return not value[:1].isdigit()
