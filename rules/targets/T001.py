"""Chỉ tiêu thấp hơn kế hoạch cấp trên.

Basis: a plan that implements Đề án 13 concretises the parent's figures for its own
territory; it may be more ambitious, never less (the Đề án's "Mục tiêu cụ thể đến năm
2026" are floors for every level). Direction matters: for a share that should fall, a
larger figure is the weaker one.

Anti-pattern:
    Cấp trên: (5) Tỷ lệ lao động qua đào tạo trên 65%.
    Cấp dưới: (5) Tỷ lệ lao động qua đào tạo 55%.

Best practice:
    Cấp trên: (5) Tỷ lệ lao động qua đào tạo trên 65%.
    Cấp dưới: (5) Tỷ lệ lao động qua đào tạo đạt 70%.
"""

from __future__ import annotations

from collections.abc import Iterator

from extract.model import Quantity
from extract.text import fold_text
from rules.base import Rule, RuleContext
from rules.compare import (
    DEFAULT_APPROX_TOLERANCE,
    Direction,
    PlacedQuantity,
    compare,
    is_absolute_amount,
    part_applies,
    place_quantities,
    unit_kind,
    wording_direction,
)
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

SHARED_FIGURE_FACTOR = 0.8


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per child figure less ambitious than the parent's for the same part."""
    tolerance = _tolerance(context)
    level = child_level(context)
    for pair in target_pairs(context):
        direction: Direction = pair.entry.direction if pair.entry is not None else "higher"
        skipped = {
            part.id
            for part in (pair.entry.parts if pair.entry is not None else [])
            if not part_applies(part, level)
        }
        for child_figure, parent_figure in figure_pairs(pair):
            if child_figure.part in skipped:
                continue
            if pair.entry is None and not assigned_to_child(context, pair, parent_figure):
                continue
            if pair.entry is not None and is_share_of_a_total(pair, parent_figure):
                continue
            wanted = (
                wording_direction(parent_figure)
                if pair.entry is None
                else figure_direction(parent_figure.quantity, direction)
            )
            verdict = compare(child_figure.quantity, parent_figure.quantity, wanted, tolerance)
            if verdict == "weaker":
                yield _finding(context, pair, child_figure, parent_figure)


def is_share_of_a_total(pair: TargetPair, parent: PlacedQuantity) -> bool:
    """A counted figure that totals the parent's territory cannot bind a smaller unit.

    Counts compare only for catalogued indicators whose counts are per unit ("ít nhất 01
    mô hình" for every body); an uncatalogued count is assumed to be a total.
    """
    kind = unit_kind(parent.quantity)
    if kind is None or not kind.startswith("count:"):
        return False
    return pair.entry is None or pair.entry.counts_are_totals


def assigned_to_child(context: RuleContext, pair: TargetPair, parent: PlacedQuantity) -> bool:
    """Whether an uncatalogued parent figure binds the child as it stands.

    Shares, rates and percentages do. An absolute amount (investment, budget, hectares,
    communes) is the parent's total, of which the child holds a share: it binds only when
    the parent's target names the child's unit ("huyện Càng Long: 2.100 tỷ đồng").
    """
    if not is_absolute_amount(parent.quantity):
        return True
    place = context.child.meta.place
    if not place:
        return False
    return f" {fold_text(place)} " in f" {fold_text(pair.parent.text)} "


def figure_direction(parent: Quantity, default: Direction) -> Direction:
    """A parent figure written as a ceiling ("dưới 3%", "không quá 2%") wants lower values."""
    return "lower" if parent.op in ("<", "<=") else default


def figure_pairs(pair: TargetPair) -> list[tuple[PlacedQuantity, PlacedQuantity]]:
    """Child and parent sub-targets measuring the same thing, paired like with like.

    A parent sub-target is paired with a child figure of the same part (a child
    figure whose segment names several parts answers each of them) whose units
    compare; among several, the one whose subject shares most words with the
    parent's, so "phản biện ít nhất 02" is never weighed against "giám sát ít nhất 01".
    """
    parent_placed = place_quantities(pair.parent.text, pair.parent.quantities, pair.entry)
    child_placed = child_figures(pair)
    pairs: list[tuple[PlacedQuantity, PlacedQuantity]] = []
    used: set[tuple[int, str]] = set()
    for parent_figure in parent_placed:
        direction = figure_direction(parent_figure.quantity, "higher")
        candidates = [
            (index, child_figure)
            for index, child_figure in enumerate(child_placed)
            if (index, parent_figure.part) not in used
            and child_figure.measures(parent_figure.part)
            and not _used_for_own_part(index, child_figure, used)
            and compare(child_figure.quantity, parent_figure.quantity, direction) != "unknown"
        ]
        if not candidates:
            continue
        index, child_figure = max(
            candidates, key=lambda found: (_shared_words(found[1], parent_figure), -found[0])
        )
        used.add((index, parent_figure.part))
        pairs.append((child_figure, parent_figure))
    return pairs


def _used_for_own_part(index: int, figure: PlacedQuantity, used: set[tuple[int, str]]) -> bool:
    """A figure that is not shared answers one parent sub-target only."""
    return not figure.shared and any(taken == index for taken, _ in used)


def _shared_words(child: PlacedQuantity, parent: PlacedQuantity) -> int:
    """How many words the two subjects share, figures left out."""
    child_words = set(fold_text(child.subject.replace(child.quantity.raw, " ")).split())
    parent_words = set(fold_text(parent.subject.replace(parent.quantity.raw, " ")).split())
    return len(child_words & parent_words)


def _finding(
    context: RuleContext, pair: TargetPair, child: PlacedQuantity, parent: PlacedQuantity
) -> Finding:
    target_id = child.item_id or pair.child.id
    line = child.item_line if child.item_line is not None else pair.child.line
    base = match_confidence(pair.match, context.child, line)
    if child.shared:
        # One child figure for several parent sub-targets: which one it answers is a guess.
        base = round(base * SHARED_FIGURE_FACTOR, 2)
    return make_finding(
        RULE,
        message=_message(pair, target_id, child, parent),
        hint="Nâng chỉ tiêu ít nhất bằng mức của kế hoạch cấp trên, hoặc giải trình.",
        confidence=pair_confidence(context, pair, base),
        line=line,
        child=excerpt(child.clause),
        parent=excerpt(parent.clause),
        target=target_id,
        parent_target=pair.parent.id,
        parent_line=pair.parent.line,
    )


def _message(
    pair: TargetPair, target_id: str, child: PlacedQuantity, parent: PlacedQuantity
) -> str:
    """The finding's sentence; a target with several figures quotes both sub-targets."""
    several = len(pair.parent.quantities) > 1 or any(
        len(target.quantities) > 1 for target in pair.child_targets
    )
    if not several:
        return (
            f"Chỉ tiêu {target_id} thấp hơn kế hoạch cấp trên: {child.quantity.raw} "
            f"so với {parent.quantity.raw} (chỉ tiêu {pair.parent.id})."
        )
    part_names = {part.id: part.name for part in (pair.entry.parts if pair.entry else [])}
    about = f" về «{part_names[parent.part]}»" if parent.part in part_names else ""
    return (
        f"Chỉ tiêu {target_id} thấp hơn kế hoạch cấp trên{about}: {child.quantity.raw} "
        f"so với {parent.quantity.raw} (cấp dưới: «{child.subject}»; "
        f"cấp trên, chỉ tiêu {pair.parent.id}: «{parent.subject}»)."
    )


def _tolerance(context: RuleContext) -> float:
    value = context.options.get("T001", {}).get("approx_tolerance", DEFAULT_APPROX_TOLERANCE)
    return float(value) if isinstance(value, int | float) else DEFAULT_APPROX_TOLERANCE


RULE = Rule(
    code="T001",
    name="targets.weaker",
    severity="error",
    scope="cross",
    title="Chỉ tiêu thấp hơn kế hoạch cấp trên",
    rationale=(
        "Chỉ tiêu của kế hoạch cấp dưới là cụ thể hóa chỉ tiêu cấp trên cho địa bàn mình: "
        "có thể cao hơn, không được thấp hơn. Quy tắc so sánh theo chiều của chỉ tiêu (tỷ "
        "lệ cần tăng hay cần giảm), theo từng chỉ tiêu thành phần, chỉ khi hai con số cùng "
        'đơn vị và cùng kỳ (hằng năm hay cả giai đoạn); "khoảng" được dung sai nhỏ.'
    ),
    example='Cấp trên: "trên 65%"; cấp dưới: "Tỷ lệ lao động qua đào tạo 55%".',
    check=check,
    coverage="weaker",
)
