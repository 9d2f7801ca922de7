"""Chỉ tiêu cấp dưới không nêu con số mà cấp trên có.

Basis: a plan that implements another concretises the parent's figures for its own
territory (Đề án 13, "Mục tiêu cụ thể đến năm 2026": figures every level carries);
an indicator taken over without any figure can neither be compared with the parent's
nor checked when results are reported. Since an item of a list of targets counts as
a target with or without a figure (qualitative targets), such an item is matched to
the parent's target and no other rule would say that its figure is gone.

Anti-pattern:
    Cấp trên: (5) Tỷ lệ lao động qua đào tạo trên 65%.
    Cấp dưới: (5) Nâng cao tỷ lệ lao động qua đào tạo trên địa bàn.

Best practice:
    Cấp trên: (5) Tỷ lệ lao động qua đào tạo trên 65%.
    Cấp dưới: (5) Tỷ lệ lao động qua đào tạo đạt 70%.
"""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule, RuleContext
from rules.compare import PlacedQuantity, part_applies, place_quantities
from rules.confidence import pair_confidence
from rules.evidence import make_finding
from rules.findings import Finding
from rules.pairs import (
    TargetPair,
    child_figures,
    child_level,
    excerpt,
    match_confidence,
    target_pairs,
)

# The match of a figureless child item rests on its words alone.
CONFIDENCE_FACTOR = 0.8


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per matched child target without a figure where the parent's has one."""
    level = child_level(context)
    for pair in target_pairs(context):
        if child_figures(pair):
            continue
        parts = pair.entry.parts if pair.entry is not None else []
        skipped = {part.id for part in parts if not part_applies(part, level)}
        applicable = [
            placed
            for placed in place_quantities(pair.parent.text, pair.parent.quantities, pair.entry)
            if placed.part not in skipped
        ]
        if applicable:
            yield _finding(context, pair, applicable)


def _finding(context: RuleContext, pair: TargetPair, parent: list[PlacedQuantity]) -> Finding:
    base = match_confidence(pair.match, context.child, pair.child.line) * CONFIDENCE_FACTOR
    raws = [placed.quantity.raw for placed in parent if placed.quantity.raw]
    figures = "; ".join(dict.fromkeys(raws))
    stated = f"đặt {figures}" if figures else "có con số"
    return make_finding(
        RULE,
        message=(
            f"Chỉ tiêu {pair.child.id} không nêu con số, trong khi chỉ tiêu {pair.parent.id} "
            f"của kế hoạch cấp trên {stated}: không so sánh, kiểm tra được."
        ),
        hint="Ghi con số cụ thể cho địa bàn mình, không thấp hơn cấp trên.",
        confidence=pair_confidence(context, pair, base),
        line=pair.child.line,
        child=excerpt(pair.child.text),
        parent=excerpt(pair.parent.text),
        target=pair.child.id,
        parent_target=pair.parent.id,
        parent_line=pair.parent.line,
    )


RULE = Rule(
    code="T004",
    name="targets.figure-dropped",
    severity="warning",
    scope="cross",
    title="Chỉ tiêu không nêu con số mà cấp trên có",
    rationale=(
        "Chỉ tiêu của kế hoạch cấp dưới là cụ thể hóa chỉ tiêu cấp trên cho địa bàn mình. "
        "Một chỉ tiêu nhắc lại nội dung của cấp trên mà bỏ con số thì không so sánh được "
        "với cấp trên và không kiểm tra được khi báo cáo kết quả. Chỉ tiêu thành phần không "
        "áp dụng cho cấp của kế hoạch không bị nêu."
    ),
    example=(
        'Cấp trên: "Tỷ lệ lao động qua đào tạo trên 65%"; '
        'cấp dưới: "Nâng cao tỷ lệ lao động qua đào tạo".'
    ),
    check=check,
)
