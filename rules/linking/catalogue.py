"""Map a plan's targets and tasks to the Đề án 13 catalogue: keywords, else name similarity.

Matching (``rules.linking.matching``), matching against the catalogue alone
(``rules.linking.reference_match``) and the sub-target rule share these: what an item is,
which catalogue entry it belongs to and why, and whether an entry applies to the child.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from extract.model import Plan
from extract.text import fold_text
from rules.linking.mentions import has_word_run
from rules.reference import CatalogueEntry, Level, Reference

ItemKind = Literal["target", "task"]

# Similarity (0-100) of an item to a catalogue entry's name, used when no keyword hits.
NAME_THRESHOLD = 80.0
# A keyword hit found only fuzzily (a glyph lost in repair) must be this close.
FUZZY_KEYWORD_THRESHOLD = 92.0
_FUZZY_KEYWORD_MIN_LENGTH = 12


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


def catalogue(reference: Reference, kind: ItemKind) -> list[CatalogueEntry]:
    """The reference's indicators (targets) or tasks."""
    return reference.indicators if kind == "target" else reference.tasks


def classify_item(item: Item, reference: Reference) -> CatalogueHit | None:
    """The catalogue entry of an item, remembered by the reference for the next check.

    A batch classifies its parent's items again for every child: the reference (loaded
    once) keeps the verdicts, by kind and text, so nothing outlives the catalogue it
    was made from.
    """
    return reference.classified(
        item.kind, item.folded, lambda: classify(item.folded, catalogue(reference, item.kind))
    )


def classify(item_text: str, entries: list[CatalogueEntry]) -> CatalogueHit | None:
    """Map a text to its best catalogue entry.

    Args:
        item_text: The item's words (folded or not).
        entries: Indicator or task catalogue.

    Returns:
        The best hit, or None when no keyword is present and no name is close enough.
    """
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


def contains_keyword(folded: str, keyword: str) -> bool:
    """Whether a folded keyword occurs in folded text, tolerating one damaged glyph."""
    return has_word_run(folded, keyword) or _fuzzy_keyword(folded, keyword)


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


def hit_words(hit: CatalogueHit) -> str:
    """Why an item was mapped, in Vietnamese: its keywords, else its name's similarity."""
    if hit.keywords:
        return f"từ khóa «{', '.join(hit.keywords)}»"
    return f"tên mục giống {hit.score:.0f}/100 (ngưỡng {NAME_THRESHOLD:.0f})"


@lru_cache(maxsize=1024)
def _folded_name(name: str) -> str:
    return fold_text(name)


def _fuzzy_keyword(folded: str, keyword: str) -> bool:
    """A long keyword found with about one damaged glyph."""
    if len(keyword) < _FUZZY_KEYWORD_MIN_LENGTH:
        return False
    # About one edit is tolerated, whatever the keyword's length: 'toi xay dung' must not
    # pass for 'trong xay dung'.
    threshold = max(FUZZY_KEYWORD_THRESHOLD, 100.0 - 150.0 / len(keyword))
    # Below the cutoff rapidfuzz answers 0 and stops early: the same yes or no for half
    # the work (a check of a ward plan asks this about 2,600 times, issue 18).
    return fuzz.partial_ratio(keyword, folded, score_cutoff=threshold) >= threshold


def _item(item_id: str, kind: ItemKind, text: str) -> Item:
    return Item(id=item_id, kind=kind, text=text, folded=fold_text(text))
