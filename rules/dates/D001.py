"""Ngày không tồn tại trong lịch.

Basis: Nghị định 30/2020/NĐ-CP (Phụ lục I) and Hướng dẫn 36-HD/VPTW require dates
written in full and real; a deadline on a day that does not exist cannot be met
or checked, and usually hides a typing slip in the day or the month.

Anti-pattern:
    Các chi bộ đăng ký xây dựng mô hình “Dân vận khéo” trước 30/02/2023.

Best practice:
    Các chi bộ đăng ký xây dựng mô hình “Dân vận khéo” trước 28/02/2023.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator

from extract.model import DateMention
from rules.base import Rule, RuleContext
from rules.evidence import line_excerpt, make_finding
from rules.findings import Finding

WITH_YEAR_CONFIDENCE = 0.95
# "31/4" without a year could, rarely, be a ratio rather than a date.
WITHOUT_YEAR_CONFIDENCE = 0.75


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per impossible date written in the plan."""
    plan = context.child
    for mention in plan.dates:
        if mention.valid:
            continue
        start = mention.span.start if mention.span is not None else 0
        end = mention.span.end if mention.span is not None else None
        base = WITH_YEAR_CONFIDENCE if mention.year is not None else WITHOUT_YEAR_CONFIDENCE
        yield make_finding(
            RULE,
            message=f"{date_phrase(mention.raw)} không tồn tại ({why_invalid(mention)}).",
            hint="Kiểm tra lại ngày, tháng đã ghi và sửa thành một ngày có thật.",
            confidence=context.child_repairs.confidence(mention.line, base),
            line=mention.line,
            child=line_excerpt(plan, mention.line, start, end),
        )


def date_phrase(raw: str) -> str:
    """'Ngày 30/02/2023' or 'Ngày 29 tháng 2 năm 2023', never 'Ngày ngày ...'."""
    written = " ".join(raw.split())
    if written.lower().startswith("ngày"):
        return "N" + written[1:]
    return f"Ngày {written}"


def why_invalid(mention: DateMention) -> str:
    """Why the date cannot exist, in Vietnamese ('tháng 2 năm 2023 chỉ có 28 ngày')."""
    day, month, year = mention.day, mention.month, mention.year
    if day is None or month is None:
        return "ngày, tháng không hợp lệ"
    if not 1 <= month <= 12:
        return f"không có tháng {month}"
    if day == 0:
        return "không có ngày 0"
    if year is not None:
        length = calendar.monthrange(year, month)[1]
        return f"tháng {month} năm {year} chỉ có {length} ngày"
    longest = calendar.monthrange(2024, month)[1]
    return f"tháng {month} có nhiều nhất {longest} ngày"


RULE = Rule(
    code="D001",
    name="dates.invalid",
    severity="error",
    scope="document",
    title="Ngày không tồn tại trong lịch",
    rationale=(
        "Một thời hạn ghi vào ngày không có thật (30/02/2023, 31/4/2023, 29/02/2023) thì "
        "không thể thực hiện và cũng không thể kiểm tra; thường đó là lỗi gõ nhầm ngày "
        "hoặc tháng. Ngày 29/02 chỉ hợp lệ trong năm nhuận (29/02/2024)."
    ),
    example="Các chi bộ đăng ký xây dựng mô hình “Dân vận khéo” trước 30/02/2023.",
    check=check,
)
