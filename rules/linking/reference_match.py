"""Match a plan against the Đề án 13 catalogue itself, when its parent document is missing.

A plan that carries out Đề án 13 through a parent that is not at hand (the ward plan
without the town's, the Ban Dân tộc plan without Kế hoạch 90-KH/BDVTU) can still be
checked for coverage: every indicator and task of the Đề án that applies to its level
and coast must appear in it. Figures cannot be compared (the reference deliberately
stores none: corpus/reference/de_an_13.yaml), so the rows carry no parent item, only the
catalogue entry (``parent_id`` is the entry's id, ``method`` is 'reference').
"""

from __future__ import annotations

from extract.model import Plan
from rules.findings import Match
from rules.linking.catalogue import (
    Applicability,
    CatalogueHit,
    ItemKind,
    catalogue,
    classify_item,
    plan_items,
)
from rules.linking.catalogue import not_applicable_reason as entry_not_applicable
from rules.linking.matching import MENTIONED
from rules.linking.mentions import find_mention, mention_lines
from rules.reference import CatalogueEntry, Reference

# Method of a row paired through the catalogue alone (no parent document).
REFERENCE = "reference"


def match_reference(child: Plan, reference: Reference, who: Applicability) -> list[Match]:
    """One row per catalogue entry (covered, mentioned, missing or not applicable).

    Args:
        child: The plan under review.
        reference: The Đề án 13 catalogue.
        who: The child's level and coast, for applicability.

    Returns:
        Rows in catalogue order, targets before tasks, then the child's items the
        catalogue does not know (kept, like every matching row, so nothing is dropped).
    """
    rows: list[Match] = []
    kinds: tuple[ItemKind, ...] = ("target", "task")
    for kind in kinds:
        entries = catalogue(reference, kind)
        items = plan_items(child, kind)
        hits = {item.id: classify_item(item, reference) for item in items}
        lines = mention_lines(child, kind)
        used: set[str] = set()
        for entry in entries:
            reason = entry_not_applicable(entry, who, reference)
            mine = [
                item.id
                for item in items
                if (hit := hits[item.id]) is not None and hit.entry.id == entry.id
            ]
            if mine:
                for child_id in mine:
                    rows.append(_covered(kind, child_id, entry, hits[child_id], reason))
                used.update(mine)
                continue
            rows.append(_absent(kind, entry, lines, reason))
        for item in items:
            if item.id not in used:
                rows.append(
                    Match(
                        child_id=item.id,
                        parent_id=None,
                        kind=kind,
                        canonical_id=None,
                        method="unmatched",
                        score=0.0,
                        explanation="Mục này không thuộc danh mục chỉ tiêu, nhiệm vụ của Đề án 13.",
                    )
                )
    return rows


def _covered(
    kind: ItemKind,
    child_id: str,
    entry: CatalogueEntry,
    hit: CatalogueHit | None,
    reason: str | None,
) -> Match:
    assert hit is not None  # chosen for having a hit
    why = (
        f"từ khóa «{', '.join(hit.keywords)}»"
        if hit.keywords
        else f"tên mục giống {hit.score:.0f}/100"
    )
    return Match(
        child_id=child_id,
        parent_id=entry.id,
        kind=kind,
        canonical_id=entry.id,
        method=REFERENCE,
        score=round(hit.score, 1),
        explanation=(
            f"Khớp mục «{entry.name}» trong danh mục Đề án 13 ({why}); chưa so sánh số liệu "
            "vì thiếu văn bản cấp trên."
        ),
        not_applicable_reason=reason,
    )


def _absent(
    kind: ItemKind, entry: CatalogueEntry, lines: list[tuple[int, str]], reason: str | None
) -> Match:
    mention = find_mention(lines, entry)
    if mention is not None:
        line, keyword = mention
        method = MENTIONED
        explanation = (
            f"Không có mục riêng cho «{entry.name}» (Đề án 13) nhưng có nhắc «{keyword}» ở "
            f"dòng {line}: cần người xem xét, không coi là thiếu."
        )
    else:
        method = "unmatched"
        explanation = (
            f"Không có mục nào khớp từ khóa hoặc tên mục «{entry.name}» của danh mục Đề án 13."
        )
    return Match(
        child_id=None,
        parent_id=entry.id,
        kind=kind,
        canonical_id=entry.id,
        method=method,
        score=0.0,
        explanation=explanation,
        not_applicable_reason=reason,
    )
