"""Thiếu nhiệm vụ, giải pháp của kế hoạch cấp trên.

Basis: Đề án 13 (phần "Nhiệm vụ và giải pháp chủ yếu") lists the tasks each level
carries out; a lower plan that drops one leaves it without a lead body or a deadline.

Anti-pattern:
    Cấp trên: 1.5. Quan tâm quy hoạch, đào tạo, bồi dưỡng cán bộ làm công tác dân vận.
    Cấp trên: 1.6. Lãnh đạo, chỉ đạo sơ, tổng kết các nghị quyết, chỉ thị, kết luận của Đảng.
    Cấp dưới: 1.5. Lãnh đạo, chỉ đạo sơ kết, tổng kết các nghị quyết, chỉ thị, kết luận.

Best practice:
    Cấp trên: 1.5. Quan tâm quy hoạch, đào tạo, bồi dưỡng cán bộ làm công tác dân vận.
    Cấp dưới: 1.5. Quan tâm quy hoạch, đào tạo, bồi dưỡng cán bộ làm công tác dân vận
    của phường.
"""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule, RuleContext
from rules.evidence import make_finding
from rules.findings import Finding
from rules.pairs import excerpt, missing_items

# Tasks are reworded more freely than indicators: a miss is less sure.
CONFIDENCE = 0.7


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per applicable parent task that has no counterpart in the child.

    Without a parent document, the tasks are those of the Đề án 13 catalogue.
    """
    for missing in missing_items(context, "task"):
        confidence = CONFIDENCE
        if context.parent is not None and missing.line is not None:
            confidence = context.parent_repairs.confidence(missing.line, CONFIDENCE)
        yield make_finding(
            RULE,
            message=(
                f"Không thấy nhiệm vụ {missing.named}của {missing.source}: "
                f"{excerpt(missing.text, 120)}{missing.arises}"
            ),
            hint="Bổ sung nhiệm vụ (kèm cơ quan thực hiện, thời gian) hoặc giải trình.",
            confidence=confidence,
            line=None,
            parent=excerpt(missing.text),
            parent_target=missing.match.parent_id if missing.is_parent_item else None,
            parent_line=missing.line,
        )


RULE = Rule(
    code="C002",
    name="coverage.missing-task",
    severity="info",
    scope="cross",
    title="Thiếu nhiệm vụ, giải pháp của kế hoạch cấp trên",
    rationale=(
        "Nhiệm vụ, giải pháp của Đề án 13 là khung để cấp dưới phân công cơ quan và thời "
        "hạn. Một nhiệm vụ áp dụng được mà kế hoạch cấp dưới không nhắc tới thì không ai "
        "chịu trách nhiệm thực hiện; cần bổ sung hoặc giải trình."
    ),
    example=(
        'Cấp trên: "Quan tâm quy hoạch, đào tạo, bồi dưỡng cán bộ làm công tác dân vận"; '
        "cấp dưới không có nhiệm vụ tương ứng."
    ),
    check=check,
)
