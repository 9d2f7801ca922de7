"""What the metadata rules share: Đề án 13's identity and how document numbers compare.

The number line of the header as printed ("Số:     /KH-UBND" left blank, Nghị
định 30/2020/NĐ-CP, Phụ lục I mục 3; Hướng dẫn 36-HD/VPTW, mục 3.3) is a fact of
the model (``Meta.number_line``); the rules only read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import ValidationError

from extract.text import fold_text
from rules.base import RuleContext
from rules.reference import load_reference


@dataclass(frozen=True)
class Identity:
    """Number, date, issuer and period of Đề án 13 as the reference gives them."""

    number: str
    date: dt.date
    issuer: str
    province: str | None
    period_end: int | None


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
