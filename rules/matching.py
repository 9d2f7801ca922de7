"""Pair the child's targets and tasks with the parent's, through the Đề án 13 catalogue.

Each item of both plans is first mapped to a catalogue entry (keywords, else rapidfuzz
similarity to the entry's name); items mapped to the same entry are paired. Items left
over are paired by text similarity above a threshold. Every decision is written into the
``Match`` row in Vietnamese, and nothing is dropped: unmatched items on either side are
rows too. Parent items that do not apply to the child (a rural indicator for a phường)
carry ``not_applicable_reason``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from extract.model import Plan
from extract.text import fold_text
from rules.findings import Match
from rules.mentions import find_mention, has_word_run, mention_lines
from rules.reference import CatalogueEntry, Level, Reference

ItemKind = Literal["target", "task"]

# Similarity (0-100) of an item to a catalogue entry's name, used when no keyword hits.
NAME_THRESHOLD = 80.0
# Similarity of two items' texts for pairing items the catalogue does not know.
PAIR_THRESHOLD = 72.0
# A keyword hit found only fuzzily (a glyph lost in repair) must be this close.
FUZZY_KEYWORD_THRESHOLD = 92.0
_FUZZY_KEYWORD_MIN_LENGTH = 12
# Method of a parent row the child names without a matching item of its own.
MENTIONED = "mentioned"


_CLASSIFIED: dict[tuple[str, int], tuple[list[CatalogueEntry], CatalogueHit | None]] = {}
_CLASSIFIED_LIMIT = 4096


@dataclass(frozen=True)
class Item:
    """A target or task reduced to what matching needs."""

    id: str
    kind: ItemKind
    text: str
    folded: str


@dataclass(frozen=True)
class CatalogueHit:
    """Why an item was mapped to a catalogue entry."""

    entry: CatalogueEntry
    score: float
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Applicability:
    """Who the child is, for deciding which parent items apply to it."""

    level: Level | None
    coastal: bool | None


def plan_items(plan: Plan, kind: ItemKind) -> list[Item]:
    """The plan's targets or tasks as matchable items."""
    if kind == "target":
        return [_item(target.id, kind, target.text) for target in plan.targets]
    return [_item(task.id, kind, task.title) for task in plan.tasks]


def classify(item_text: str, entries: list[CatalogueEntry]) -> CatalogueHit | None:
    """Map a text to its best catalogue entry.

    Args:
        item_text: The item's words (folded or not).
        entries: Indicator or task catalogue.

    Returns:
        The best hit, or None when no keyword is present and no name is close enough.
    """
    # A batch classifies its parent's items again for every child: remember them. The
    # cached value holds the catalogue itself, so its id cannot be reused while cached.
    key = (item_text, id(entries))
    cached = _CLASSIFIED.get(key)
    if cached is not None and cached[0] is entries:
        return cached[1]
    hit = _classify(item_text, entries)
    if len(_CLASSIFIED) >= _CLASSIFIED_LIMIT:
        _CLASSIFIED.clear()
    _CLASSIFIED[key] = (entries, hit)
    return hit


def _classify(item_text: str, entries: list[CatalogueEntry]) -> CatalogueHit | None:
    folded = fold_text(item_text)
    best: tuple[float, float, CatalogueHit] | None = None
    for entry in entries:
        exact = [keyword for keyword in entry.keywords if has_word_run(folded, keyword)]
        fuzzy = [
            keyword
            for keyword in entry.keywords
            if keyword not in exact and _fuzzy_keyword(folded, keyword)
        ]
        found = tuple(exact + fuzzy)
        similarity = float(fuzz.token_set_ratio(_folded_name(entry.name), folded))
        if found:
            score = min(100.0, 70.0 + 15.0 * len(exact) + 10.0 * len(fuzzy))
        elif similarity >= NAME_THRESHOLD:
            score = similarity
        else:
            continue
        # A keyword read through a damaged glyph counts half: an exact one elsewhere wins.
        rank = (len(exact) + 0.5 * len(fuzzy), similarity)
        if best is None or rank > best[:2]:
            best = (*rank, CatalogueHit(entry=entry, score=score, keywords=found))
    return best[2] if best is not None else None


@lru_cache(maxsize=1024)
def _folded_name(name: str) -> str:
    return fold_text(name)


def contains_keyword(folded: str, keyword: str) -> bool:
    """Whether a folded keyword occurs in folded text, tolerating one damaged glyph."""
    return has_word_run(folded, keyword) or _fuzzy_keyword(folded, keyword)


def _fuzzy_keyword(folded: str, keyword: str) -> bool:
    """A long keyword found with about one damaged glyph."""
    if len(keyword) < _FUZZY_KEYWORD_MIN_LENGTH:
        return False
    # About one edit is tolerated, whatever the keyword's length: 'toi xay dung' must not
    # pass for 'trong xay dung'.
    threshold = max(FUZZY_KEYWORD_THRESHOLD, 100.0 - 150.0 / len(keyword))
    return fuzz.partial_ratio(keyword, folded) >= threshold


def not_applicable_reason(
    entry: CatalogueEntry, who: Applicability, reference: Reference
) -> str | None:
    """Why a catalogue entry does not apply to the child, in Vietnamese; None if it does."""
    if who.level is not None and who.level not in entry.levels:
        allowed = ", ".join(reference.levels[level] for level in entry.levels)
        return (
            f"Mục «{entry.name}» ({reference.categories[entry.category]}) chỉ áp dụng cho "
            f"{allowed}; kế hoạch được kiểm tra thuộc {reference.levels[who.level]}."
        )
    if entry.coastal_only and who.coastal is False:
        return (
            f"Mục «{entry.name}» chỉ áp dụng cho địa phương có biển; kế hoạch được kiểm tra "
            "không thuộc địa phương ven biển."
        )
    return None


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
    kinds: tuple[tuple[ItemKind, list[CatalogueEntry]], ...] = (
        ("target", reference.indicators),
        ("task", reference.tasks),
    )
    for kind, entries in kinds:
        matcher = _KindMatcher(kind, entries, reference, who, mention_lines(child, kind))
        matches.extend(matcher.run(plan_items(child, kind), plan_items(parent, kind)))
    return matches


class _KindMatcher:
    """Matching of one kind of item (targets or tasks)."""

    def __init__(
        self,
        kind: ItemKind,
        entries: list[CatalogueEntry],
        reference: Reference,
        who: Applicability,
        child_lines: list[tuple[int, str]],
    ) -> None:
        self.kind = kind
        self.entries = entries
        self.reference = reference
        self.who = who
        self.child_lines = child_lines

    def run(self, children: list[Item], parents: list[Item]) -> list[Match]:
        child_hits = {item.id: classify(item.folded, self.entries) for item in children}
        parent_hits = {item.id: classify(item.folded, self.entries) for item in parents}
        rows: list[Match] = []
        free_children = list(children)
        free_parents = list(parents)
        for parent in parents:
            parent_hit = parent_hits[parent.id]
            if parent_hit is None:
                continue
            same = [
                child
                for child in free_children
                if (hit := child_hits[child.id]) is not None and hit.entry.id == parent_hit.entry.id
            ]
            if not same:
                continue
            child = max(same, key=lambda candidate: _similarity(candidate, parent))
            child_hit = child_hits[child.id]
            assert child_hit is not None  # selected above for having a hit
            rows.append(self._catalogue_row(child, parent, child_hit, parent_hit))
            free_children.remove(child)
            free_parents.remove(parent)
        rows.extend(self._merged(children, free_parents, child_hits, parent_hits, free_children))
        rows.extend(self._pair_by_text(free_children, free_parents, child_hits, parent_hits))
        return rows

    def _merged(
        self,
        children: list[Item],
        free_parents: list[Item],
        child_hits: dict[str, CatalogueHit | None],
        parent_hits: dict[str, CatalogueHit | None],
        free_children: list[Item],
    ) -> list[Match]:
        """Parent items a child item covers together with another: "1.1 and 1.2 in one"."""
        rows: list[Match] = []
        for parent in list(free_parents):
            parent_hit = parent_hits[parent.id]
            if parent_hit is None:
                continue
            same = [
                child
                for child in children
                if (hit := child_hits[child.id]) is not None and hit.entry.id == parent_hit.entry.id
            ]
            if not same:
                continue
            child = max(same, key=lambda candidate: _similarity(candidate, parent))
            child_hit = child_hits[child.id]
            assert child_hit is not None  # selected above for having a hit
            row = self._catalogue_row(child, parent, child_hit, parent_hit)
            note = " Mục cấp dưới này gộp nhiều mục cùng loại của cấp trên."
            rows.append(row.model_copy(update={"explanation": row.explanation + note}))
            free_parents.remove(parent)
            if child in free_children:
                free_children.remove(child)
        return rows

    def _pair_by_text(
        self,
        children: list[Item],
        parents: list[Item],
        child_hits: dict[str, CatalogueHit | None],
        parent_hits: dict[str, CatalogueHit | None],
    ) -> list[Match]:
        candidates: list[tuple[float, Item, Item]] = []
        for parent in parents:
            for child in children:
                if _known_and_different(child_hits[child.id], parent_hits[parent.id]):
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
            rows.append(self._fuzzy_row(child, parent, score, parent_hits[parent.id]))
        for parent in parents:
            if f"p:{parent.id}" not in used:
                rows.append(self._unmatched_parent(parent, parent_hits[parent.id]))
        for child in children:
            if f"c:{child.id}" not in used:
                rows.append(self._unmatched_child(child, child_hits[child.id]))
        return rows

    def _catalogue_row(
        self, child: Item, parent: Item, child_hit: CatalogueHit, parent_hit: CatalogueHit
    ) -> Match:
        words = _keyword_words(child_hit, parent_hit)
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
            return Match(
                child_id=None,
                parent_id=parent.id,
                kind=self.kind,
                canonical_id=hit.entry.id if hit is not None else None,
                method=MENTIONED,
                score=0.0,
                explanation=(
                    f"Kế hoạch cấp dưới không có mục riêng nhưng có nhắc «{keyword}» ở dòng "
                    f"{line}: cần người xem xét, không coi là thiếu."
                ),
                not_applicable_reason=self._reason(hit),
            )
        return Match(
            child_id=None,
            parent_id=parent.id,
            kind=self.kind,
            canonical_id=hit.entry.id if hit is not None else None,
            method="unmatched",
            score=0.0,
            explanation=(
                "Kế hoạch cấp dưới không có mục nào cùng mục danh mục hoặc có độ tương đồng "
                f"văn bản từ {PAIR_THRESHOLD:.0f}/100 trở lên."
            ),
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


def _item(item_id: str, kind: ItemKind, text: str) -> Item:
    return Item(id=item_id, kind=kind, text=text, folded=fold_text(text))


def _similarity(child: Item, parent: Item) -> float:
    return float(fuzz.token_sort_ratio(child.folded, parent.folded))


def _known_and_different(child: CatalogueHit | None, parent: CatalogueHit | None) -> bool:
    return child is not None and parent is not None and child.entry.id != parent.entry.id


def _keyword_words(child_hit: CatalogueHit, parent_hit: CatalogueHit) -> str:
    return f"cấp dưới: {_why(child_hit)}; cấp trên: {_why(parent_hit)}"


def _why(hit: CatalogueHit) -> str:
    if hit.keywords:
        return f"từ khóa «{', '.join(hit.keywords)}»"
    return f"tên mục giống {hit.score:.0f}/100 (ngưỡng {NAME_THRESHOLD:.0f})"
