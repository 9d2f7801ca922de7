"""Pair the child's targets and tasks with the parent's, through the Đề án 13 catalogue.

Each item of both plans is first mapped to a catalogue entry (``rules.linking.catalogue``:
keywords, else rapidfuzz similarity to the entry's name); items mapped to the same entry
are paired. Items left over are paired by text similarity above a threshold. Every
decision is written into the ``Match`` row in Vietnamese, and nothing is dropped:
unmatched items on either side are rows too. Parent items that do not apply to the child
(a rural indicator for a phường) carry ``not_applicable_reason``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from extract.model import Plan
from rules.findings import Match
from rules.linking.catalogue import (
    Applicability,
    CatalogueHit,
    Item,
    ItemKind,
    classify_item,
    hit_words,
    not_applicable_reason,
    plan_items,
)
from rules.linking.mentions import find_mention, mention_lines
from rules.reference import Reference

# Similarity of two items' texts for pairing items the catalogue does not know.
PAIR_THRESHOLD = 72.0
# Method of a parent row the child names without a matching item of its own.
MENTIONED = "mentioned"
# Appended to a pair whose child item also covers another parent item of the same entry.
_MERGED_NOTE = " Mục cấp dưới này gộp nhiều mục cùng loại của cấp trên."


def match_plans(child: Plan, parent: Plan, reference: Reference, who: Applicability) -> list[Match]:
    """Pair targets and tasks of the child with the parent's.

    Args:
        child: The plan under review.
        parent: The plan it implements.
        reference: The Đề án 13 catalogue.
        who: The child's level and coast, for applicability.

    Returns:
        Match rows: pairs, then unmatched parent items, then unmatched child items,
        targets before tasks.
    """
    matches: list[Match] = []
    kinds: tuple[ItemKind, ...] = ("target", "task")
    for kind in kinds:
        matcher = _KindMatcher(kind, reference, who, mention_lines(child, kind))
        matches.extend(matcher.run(plan_items(child, kind), plan_items(parent, kind)))
    return matches


@dataclass
class _Pool:
    """The items of one kind of both plans, their catalogue hits and which are still free."""

    children: list[Item]
    parents: list[Item]
    child_hits: dict[str, CatalogueHit | None]
    parent_hits: dict[str, CatalogueHit | None]
    free_children: list[Item]
    free_parents: list[Item]


class _KindMatcher:
    """Matching of one kind of item (targets or tasks)."""

    def __init__(
        self,
        kind: ItemKind,
        reference: Reference,
        who: Applicability,
        child_lines: list[tuple[int, str]],
    ) -> None:
        self.kind = kind
        self.reference = reference
        self.who = who
        self.child_lines = child_lines

    def run(self, children: list[Item], parents: list[Item]) -> list[Match]:
        pool = _Pool(
            children=children,
            parents=parents,
            child_hits={item.id: classify_item(item, self.reference) for item in children},
            parent_hits={item.id: classify_item(item, self.reference) for item in parents},
            free_children=list(children),
            free_parents=list(parents),
        )
        # One child item per parent item first; then a parent item left over whose entry a
        # child item already covers ("1.1 and 1.2 in one"); then the rest by text.
        rows = self._same_entry(pool, pool.parents, pool.free_children, note="")
        rows += self._same_entry(pool, pool.free_parents, pool.children, note=_MERGED_NOTE)
        rows += self._pair_by_text(pool)
        return rows

    def _same_entry(
        self, pool: _Pool, parents: list[Item], candidates: list[Item], *, note: str
    ) -> list[Match]:
        """Pair each parent item with the most similar candidate mapped to its entry."""
        rows: list[Match] = []
        for parent in list(parents):
            parent_hit = pool.parent_hits[parent.id]
            if parent_hit is None:
                continue
            same = [
                child
                for child in candidates
                if (hit := pool.child_hits[child.id]) is not None
                and hit.entry.id == parent_hit.entry.id
            ]
            if not same:
                continue
            child = max(same, key=lambda candidate: _similarity(candidate, parent))
            child_hit = pool.child_hits[child.id]
            assert child_hit is not None  # selected above for having a hit
            row = self._catalogue_row(child, parent, child_hit, parent_hit)
            if note:
                row = row.model_copy(update={"explanation": row.explanation + note})
            rows.append(row)
            pool.free_parents.remove(parent)
            if child in pool.free_children:
                pool.free_children.remove(child)
        return rows

    def _pair_by_text(self, pool: _Pool) -> list[Match]:
        children, parents = pool.free_children, pool.free_parents
        candidates: list[tuple[float, Item, Item]] = []
        for parent in parents:
            for child in children:
                if _known_and_different(pool.child_hits[child.id], pool.parent_hits[parent.id]):
                    continue
                score = _similarity(child, parent)
                if score >= PAIR_THRESHOLD:
                    candidates.append((score, child, parent))
        rows: list[Match] = []
        used: set[str] = set()
        for score, child, parent in sorted(candidates, key=lambda row: -row[0]):
            if f"c:{child.id}" in used or f"p:{parent.id}" in used:
                continue
            used.update({f"c:{child.id}", f"p:{parent.id}"})
            rows.append(self._fuzzy_row(child, parent, score, pool.parent_hits[parent.id]))
        for parent in parents:
            if f"p:{parent.id}" not in used:
                rows.append(self._unmatched_parent(parent, pool.parent_hits[parent.id]))
        for child in children:
            if f"c:{child.id}" not in used:
                rows.append(self._unmatched_child(child, pool.child_hits[child.id]))
        return rows

    def _catalogue_row(
        self, child: Item, parent: Item, child_hit: CatalogueHit, parent_hit: CatalogueHit
    ) -> Match:
        words = f"cấp dưới: {hit_words(child_hit)}; cấp trên: {hit_words(parent_hit)}"
        return Match(
            child_id=child.id,
            parent_id=parent.id,
            kind=self.kind,
            canonical_id=parent_hit.entry.id,
            method="catalogue",
            score=round(min(child_hit.score, parent_hit.score), 1),
            explanation=(
                f"Cả hai cùng khớp mục «{parent_hit.entry.name}» trong danh mục Đề án 13 ({words})."
            ),
            not_applicable_reason=self._reason(parent_hit),
        )

    def _fuzzy_row(
        self, child: Item, parent: Item, score: float, parent_hit: CatalogueHit | None
    ) -> Match:
        return Match(
            child_id=child.id,
            parent_id=parent.id,
            kind=self.kind,
            canonical_id=parent_hit.entry.id if parent_hit is not None else None,
            method="fuzzy",
            score=round(score, 1),
            explanation=(
                f"Ghép theo độ tương đồng văn bản {score:.0f}/100 (ngưỡng {PAIR_THRESHOLD:.0f})."
            ),
            not_applicable_reason=self._reason(parent_hit),
        )

    def _unmatched_parent(self, parent: Item, hit: CatalogueHit | None) -> Match:
        mention = find_mention(self.child_lines, hit.entry) if hit is not None else None
        if mention is not None:
            line, keyword = mention
            method = MENTIONED
            explanation = (
                f"Kế hoạch cấp dưới không có mục riêng nhưng có nhắc «{keyword}» ở dòng "
                f"{line}: cần người xem xét, không coi là thiếu."
            )
        else:
            method = "unmatched"
            explanation = (
                "Kế hoạch cấp dưới không có mục nào cùng mục danh mục hoặc có độ tương đồng "
                f"văn bản từ {PAIR_THRESHOLD:.0f}/100 trở lên."
            )
        return Match(
            child_id=None,
            parent_id=parent.id,
            kind=self.kind,
            canonical_id=hit.entry.id if hit is not None else None,
            method=method,
            score=0.0,
            explanation=explanation,
            not_applicable_reason=self._reason(hit),
        )

    def _unmatched_child(self, child: Item, hit: CatalogueHit | None) -> Match:
        return Match(
            child_id=child.id,
            parent_id=None,
            kind=self.kind,
            canonical_id=hit.entry.id if hit is not None else None,
            method="unmatched",
            score=0.0,
            explanation="Kế hoạch cấp trên không có mục tương ứng.",
        )

    def _reason(self, hit: CatalogueHit | None) -> str | None:
        if hit is None:
            return None
        return not_applicable_reason(hit.entry, self.who, self.reference)


def _similarity(child: Item, parent: Item) -> float:
    return float(fuzz.token_sort_ratio(child.folded, parent.folded))


def _known_and_different(child: CatalogueHit | None, parent: CatalogueHit | None) -> bool:
    return child is not None and parent is not None and child.entry.id != parent.entry.id
