"""Whether two plans are one: the same file, or versions of the same numbered plan.

A plan cannot implement itself. Checked against its own text, or against an
earlier upload of itself (the same issuer and the same number and symbol, as
Nghị định 30/2020/NĐ-CP and Hướng dẫn 36-HD/VPTW make them unique to one
document), every rule would compare a plan with itself and report nothing
true. The command line and the web page refuse such a pair; parent detection
and the web page's list of parents never propose it.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.model import Plan
from extract.text import fold_text


@dataclass(frozen=True)
class Identity:
    """What tells one plan from another: its bytes' digest and its header."""

    sha256: str
    issuer: str | None
    number: str | None
    title: str | None

    @classmethod
    def of(cls, plan: Plan) -> Identity:
        """The identity of an extracted plan."""
        meta = plan.meta
        return cls(plan.source.sha256, meta.issuer, meta.number, meta.title)


def same_plan(plan: Plan | Identity, other: Plan | Identity) -> str | None:
    """Why the two are one plan, in Vietnamese and English; None if they are not."""
    mine = plan if isinstance(plan, Identity) else Identity.of(plan)
    theirs = other if isinstance(other, Identity) else Identity.of(other)
    if mine.sha256 == theirs.sha256:
        return "cùng nội dung tệp (SHA-256) / same file content (SHA-256)"
    if same_number_and_issuer(mine, theirs):
        number = theirs.number
        return f"cùng cơ quan ban hành và số, ký hiệu {number} / same issuer and number {number}"
    return None


def same_number_and_issuer(mine: Identity, theirs: Identity) -> bool:
    """One number and one issuer (or, neither issuer read, one number and one title).

    "48 -KH/ĐU" and "48-KH/ĐU" are one number; "Đảng ủy phường" and "ĐẢNG ỦY
    PHƯỜNG" one issuer. A number alone is not enough: two wards may both issue a
    "48-KH/ĐU".
    """
    number = _number(mine.number)
    if number is None or number != _number(theirs.number):
        return False
    if mine.issuer and theirs.issuer:
        return fold_text(mine.issuer) == fold_text(theirs.issuer)
    if mine.issuer or theirs.issuer:
        return False
    # A header whose issuer line was lost: the title must agree as well.
    if not mine.title or not theirs.title:
        return False
    return fold_text(mine.title) == fold_text(theirs.title)


def _number(number: str | None) -> str | None:
    return "".join(number.split()).upper().replace("Đ", "D") if number else None
