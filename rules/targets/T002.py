"""Chỉ tiêu không so sánh được với kế hoạch cấp trên vì khác đơn vị.

Basis: Đề án 13 states each indicator in one unit (a share in %, a count of models, an
area in m²); a lower plan that states the same sub-target in another kind of unit cannot
be checked against the parent, nor added up when results are reported.

Anti-pattern:
    Cấp trên: (4) Tỷ lệ hộ nghèo toàn thị xã giảm bình quân hằng năm từ 0,4 - 0,6%.
    Cấp dưới: (4) Mỗi năm giảm ít nhất 20 hộ nghèo.

Best practice:
    Cấp trên: (4) Tỷ lệ hộ nghèo toàn thị xã giảm bình quân hằng năm từ 0,4 - 0,6%.
    Cấp dưới: (4) Tỷ lệ hộ nghèo toàn phường giảm 0,5%/năm (khoảng 20 hộ).
"""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule, RuleContext
from rules.compare import PlacedQuantity, compare, part_applies, place_quantities
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

CONFIDENCE_FACTOR = 0.9


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per sub-target whose child and parent figures are of different kinds."""
    level = child_level(context)
    for pair in target_pairs(context):
        parts = pair.entry.parts if pair.entry is not None else []
        skipped = {part.id for part in parts if not part_applies(part, level)}
        parent_placed = place_quantities(pair.parent.text, pair.parent.quantities, pair.entry)
        child_placed = child_figures(pair)
        for part_id in dict.fromkeys(placed.part for placed in parent_placed):
            if part_id in skipped:
                continue
            parents = [placed for placed in parent_placed if placed.part == part_id]
            children = [placed for placed in child_placed if placed.measures(part_id)]
            clash = _clash(children, parents)
            if clash is not None:
                yield _finding(context, pair, *clash)


def _clash(
    children: list[PlacedQuantity], parents: list[PlacedQuantity]
) -> tuple[PlacedQuantity, PlacedQuantity] | None:
    """The first incomparable pair, unless some pair of the part is comparable."""
    clash = None
    for parent in parents:
        for child in children:
            verdict = compare(child.quantity, parent.quantity, "higher")
            if verdict in ("fine", "weaker"):
                return None
            if verdict == "incomparable" and clash is None:
                clash = (child, parent)
    return clash


def _finding(
    context: RuleContext, pair: TargetPair, child: PlacedQuantity, parent: PlacedQuantity
) -> Finding:
    target_id = child.item_id or pair.child.id
    line = child.item_line if child.item_line is not None else pair.child.line
    base = match_confidence(pair.match, context.child, line) * CONFIDENCE_FACTOR
    return make_finding(
        RULE,
        message=(
            f"Chỉ tiêu {target_id} ghi {child.quantity.raw}, không cùng loại đơn vị với "
            f"{parent.quantity.raw} của chỉ tiêu {pair.parent.id} cấp trên nên không so "
            "sánh được."
        ),
        hint="Ghi chỉ tiêu theo cùng đơn vị với cấp trên (có thể kèm số tuyệt đối).",
        confidence=pair_confidence(context, pair, base),
        line=line,
        child=excerpt(child.clause),
        parent=excerpt(parent.clause),
        target=target_id,
        parent_target=pair.parent.id,
        parent_line=pair.parent.line,
    )


RULE = Rule(
    code="T002",
    name="targets.incomparable-units",
    severity="warning",
    scope="cross",
    title="Chỉ tiêu khác loại đơn vị với cấp trên",
    rationale=(
        "Khi cấp trên đặt chỉ tiêu bằng tỷ lệ phần trăm mà cấp dưới ghi số lượng (hoặc "
        "ngược lại, hoặc diện tích), không thể biết cấp dưới cao hơn hay thấp hơn và cũng "
        "không tổng hợp được kết quả. Hai danh từ đếm khác nhau không bị nêu, vì có thể "
        "chỉ là cách gọi khác."
    ),
    example='Cấp trên: "hộ nghèo giảm 0,4 - 0,6%/năm"; cấp dưới: "mỗi năm giảm 20 hộ nghèo".',
    check=check,
)
