"""Chỉ tiêu thiếu chỉ tiêu thành phần so với kế hoạch cấp trên.

Basis: several Đề án 13 indicators carry more than one figure in one numbered item
(lao động qua đào tạo "trên 65%", học sinh tốt nghiệp THCS học nghề "ít nhất 30%",
THPT "ít nhất 40%"); a lower plan that keeps the item but drops a figure silently lowers
its commitment.

Anti-pattern:
    Cấp trên: (5) Tỷ lệ lao động qua đào tạo trên 65%. Phấn đấu có ít nhất 30% học sinh tốt
    nghiệp THCS tiếp tục học nghề; có ít nhất 40% học sinh tốt nghiệp THPT học cao đẳng.
    Cấp dưới: (5) Tỷ lệ lao động qua đào tạo 70%.

Best practice:
    Cấp trên: (5) Tỷ lệ lao động qua đào tạo trên 65%. Phấn đấu có ít nhất 30% học sinh tốt
    nghiệp THCS tiếp tục học nghề; có ít nhất 40% học sinh tốt nghiệp THPT học cao đẳng.
    Cấp dưới: (5) Tỷ lệ lao động qua đào tạo trên 65%; ít nhất 30% học sinh tốt nghiệp THCS
    và ít nhất 40% học sinh tốt nghiệp THPT tiếp tục học nghề.
"""

from __future__ import annotations

from collections.abc import Iterator

from extract.text import fold_text
from rules.base import Rule, RuleContext
from rules.compare import PlacedQuantity, part_applies, place_quantities
from rules.confidence import pair_confidence
from rules.evidence import make_finding
from rules.findings import Finding
from rules.linking.catalogue import contains_keyword
from rules.pairs import (
    TargetPair,
    child_figures,
    child_level,
    excerpt,
    match_confidence,
    target_pairs,
)
from rules.reference import IndicatorPart


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per parent sub-target the matched child target neither sets nor names."""
    level = child_level(context)
    for pair in target_pairs(context):
        if pair.entry is None or len(pair.entry.parts) < 2:
            continue
        parent_placed = place_quantities(pair.parent.text, pair.parent.quantities, pair.entry)
        child_parts = {placed.part for placed in child_figures(pair)}
        child_folded = fold_text(" ".join(target.text for target in pair.child_targets))
        for part in pair.entry.parts:
            if not part_applies(part, level) or part.id in child_parts:
                continue
            if any(contains_keyword(child_folded, keyword) for keyword in part.keywords):
                continue
            parent_figures = [placed for placed in parent_placed if placed.part == part.id]
            if parent_figures:
                yield _finding(context, pair, part, parent_figures[0])


def _finding(
    context: RuleContext, pair: TargetPair, part: IndicatorPart, figure: PlacedQuantity
) -> Finding:
    base = match_confidence(pair.match, context.child, pair.child.line)
    return make_finding(
        RULE,
        message=(
            f"Chỉ tiêu {pair.child.id} thiếu chỉ tiêu thành phần «{part.name}» "
            f"({figure.quantity.raw}) của chỉ tiêu {pair.parent.id} cấp trên."
        ),
        hint="Bổ sung chỉ tiêu thành phần, hoặc giải trình vì sao không đặt.",
        confidence=pair_confidence(context, pair, base),
        line=pair.child.line,
        child=excerpt(pair.child.text),
        parent=excerpt(figure.clause),
        target=pair.child.id,
        parent_target=pair.parent.id,
        parent_line=pair.parent.line,
    )


RULE = Rule(
    code="C003",
    name="coverage.missing-subtarget",
    severity="warning",
    scope="cross",
    title="Chỉ tiêu thiếu chỉ tiêu thành phần của cấp trên",
    rationale=(
        "Một số chỉ tiêu của Đề án 13 gồm nhiều con số trong cùng một mục (lao động qua đào "
        "tạo kèm tỷ lệ học sinh THCS, THPT học nghề; thủ tục hành chính trực tuyến kèm tỷ "
        "lệ tích hợp trên Cổng dịch vụ công). Giữ mục nhưng bỏ một con số là âm thầm hạ "
        "cam kết; quy tắc nêu từng chỉ tiêu thành phần bị bỏ."
    ),
    example=(
        'Cấp trên: "trên 65%... ít nhất 30% học sinh tốt nghiệp THCS... ít nhất 40% học '
        'sinh tốt nghiệp THPT"; cấp dưới chỉ ghi "Tỷ lệ lao động qua đào tạo 55%".'
    ),
    check=check,
)
