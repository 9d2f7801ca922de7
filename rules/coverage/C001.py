"""Thiếu chỉ tiêu của kế hoạch cấp trên.

Basis: Đề án 13 (phần "Mục tiêu cụ thể đến năm 2026") sets indicators that every
applicable unit carries into its own plan; a plan that implements it must take over each
indicator that applies to its level and territory, or say why not.

Anti-pattern:
    Cấp trên: (8) Phấn đấu đến năm 2026, 100% phương tiện tàu thuyền trên địa bàn thị xã
    không vi phạm vùng biển nước ngoài.
    Cấp trên: (11) Tỷ lệ người dân được đào tạo kỹ năng số cơ bản đạt trên 70%.
    Cấp dưới: (10) Tỷ lệ người dân được đào tạo kỹ năng số cơ bản đạt trên 70%.

Best practice:
    Cấp trên: (8) Phấn đấu đến năm 2026, 100% phương tiện tàu thuyền trên địa bàn thị xã
    không vi phạm vùng biển nước ngoài.
    Cấp dưới: (8) Phấn đấu đến năm 2026, 100% phương tiện tàu thuyền trên địa bàn phường
    không vi phạm vùng biển nước ngoài.
"""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule, RuleContext
from rules.evidence import make_finding
from rules.findings import Finding
from rules.pairs import excerpt, missing_items

CONFIDENCE = 0.8
# Whether the child's unit has a coast is unknown: the indicator may not apply.
UNSURE_COAST_CONFIDENCE = 0.6


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per applicable parent indicator that has no counterpart in the child.

    Without a parent document, the indicators are those of the Đề án 13 catalogue.
    """
    for missing in missing_items(context, "target"):
        entry = missing.entry
        base = CONFIDENCE
        hint = "Bổ sung chỉ tiêu này vào kế hoạch, hoặc giải trình vì sao không áp dụng."
        if entry is not None and entry.coastal_only and context.links.child_coastal is None:
            base = UNSURE_COAST_CONFIDENCE
            hint = (
                "Chỉ tiêu chỉ áp dụng cho địa phương có biển: bổ sung nếu địa bàn có tàu "
                "thuyền, ngư dân; nếu không, ghi nhận miễn trừ kèm lý do."
            )
        if context.parent is not None and missing.line is not None:
            base = context.parent_repairs.confidence(missing.line, base)
        yield make_finding(
            RULE,
            message=(
                f"Thiếu chỉ tiêu {missing.named}của {missing.source}: {excerpt(missing.text, 120)}"
                f"{missing.arises}"
            ),
            hint=hint,
            confidence=base,
            line=None,
            parent=excerpt(missing.text),
            parent_target=missing.match.parent_id if missing.is_parent_item else None,
            parent_line=missing.line,
        )


RULE = Rule(
    code="C001",
    name="coverage.missing-target",
    severity="warning",
    scope="cross",
    title="Thiếu chỉ tiêu của kế hoạch cấp trên",
    rationale=(
        "Kế hoạch thực hiện Đề án 13 phải cụ thể hóa mọi chỉ tiêu của cấp trên áp dụng cho "
        "cấp và địa bàn của mình; một chỉ tiêu bị bỏ sót sẽ không được giao, theo dõi và "
        "đánh giá. Chỉ tiêu không áp dụng (nông thôn mới đối với phường, tàu thuyền đối "
        "với nơi không có biển, chỉ tiêu địa bàn đối với cơ quan cấp tỉnh) không bị nêu."
    ),
    example=(
        'Cấp trên: "100% phương tiện tàu thuyền trên địa bàn không vi phạm vùng biển nước '
        'ngoài"; cấp dưới không có chỉ tiêu này.'
    ),
    check=check,
    coverage="missing",
)
