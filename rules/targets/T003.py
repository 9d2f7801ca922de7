"""Chỉ tiêu có giá trị không thể có.

Basis: a share ("tỷ lệ") cannot exceed 100%, and a range "từ a đến b" needs a ≤ b;
either figure cannot be reached or checked, and usually hides a typing slip. Nghị định
30/2020/NĐ-CP asks that a document's content be exact and consistent.

Anti-pattern:
    Cấp dưới: (4) Phấn đấu diện tích cây xanh bình quân trên mỗi người dân đô thị đạt từ 4
    đến 3m².

Best practice:
    Cấp dưới: (4) Phấn đấu diện tích cây xanh bình quân trên mỗi người dân đô thị đạt từ 3
    đến 4m².
"""

from __future__ import annotations

from collections.abc import Iterator

from extract.model import Quantity, Target
from rules.base import Rule, RuleContext
from rules.compare import clause_bounds, over_hundred_is_normal, unit_kind
from rules.evidence import make_finding
from rules.findings import Finding
from rules.pairs import excerpt

CONFIDENCE = 0.9


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per impossible figure among the plan's targets."""
    for target in context.child.targets:
        for quantity in target.quantities:
            clause = _clause(target, quantity)
            why = impossible(quantity, clause)
            if why is None:
                continue
            yield make_finding(
                RULE,
                message=f"Chỉ tiêu {target.id} có giá trị không thể có: {quantity.raw} ({why}).",
                hint="Kiểm tra lại con số đã ghi.",
                confidence=context.child_repairs.confidence(target.line, CONFIDENCE),
                line=target.line,
                child=excerpt(clause),
                target=target.id,
            )


def impossible(quantity: Quantity, clause: str) -> str | None:
    """Why a figure cannot be, in Vietnamese; None when it can."""
    if quantity.op == "range" and quantity.high is not None and quantity.high < quantity.value:
        return "cận trên nhỏ hơn cận dưới"
    if unit_kind(quantity) == "percent" and not over_hundred_is_normal(clause):
        highest = max(quantity.value, quantity.high or quantity.value)
        if highest > 100:
            return "tỷ lệ vượt quá 100%"
    return None


def _clause(target: Target, quantity: Quantity) -> str:
    start = target.text.find(quantity.raw) if quantity.raw else -1
    if start < 0:
        return target.text
    clause_start, clause_end = clause_bounds(target.text, start, start + len(quantity.raw))
    return target.text[clause_start:clause_end].strip()


RULE = Rule(
    code="T003",
    name="targets.impossible-value",
    severity="error",
    scope="document",
    title="Chỉ tiêu có giá trị không thể có",
    rationale=(
        'Một tỷ lệ không thể vượt 100% và một khoảng "từ a đến b" phải có a không lớn hơn '
        "b. Con số như vậy không thể đạt được, cũng không kiểm tra được, thường là lỗi gõ. "
        "Tỷ lệ trên 100% khi so với kế hoạch hay năm trước (tăng trưởng) không bị nêu."
    ),
    example='"Diện tích cây xanh bình quân đạt từ 4 đến 3m²"; "Tỷ lệ hộ dùng nước sạch 105%".',
    check=check,
)
