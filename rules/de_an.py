"""What rules of several families share about Đề án 13 and how documents write dates.

The date rules (D003: deadlines beyond the Đề án's period) and the metadata rules (M002:
the citation of the Đề án) both read the Đề án's identity, and both quote dates the way
the documents print them; these sit here so that no rule family imports another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import ValidationError

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


def vietnamese_date(date: dt.date) -> str:
    """'30/09/2023', the way the documents write dates."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"
