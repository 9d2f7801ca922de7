"""Pair a child's targets and tasks with a parent's when no catalogue knows them.

A district plan carrying out a provincial resolution restates the resolution's targets
in its own words and figures. The parent's own items are the catalogue: each pair of
items is scored by rapidfuzz on their subject phrases (the text with figures and units
removed, so "đạt 67%" and "đạt 70%" read the same) plus a small bonus when the two sit
at the same place in their lists (same section label and number), and pairs are taken
best first above a threshold. Every row says why, in Vietnamese; nothing is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extract.model import Plan
from extract.text import fold_text
from rules.findings import Match
from rules.linking.catalogue import ItemKind

# Subject-phrase similarity (0-100) two items need to be paired.
FREE_THRESHOLD = 70.0
# Added when both items hold the same position (section label and number).
SAME_PLACE_BONUS = 8.0
# A figure with its comparison words and unit carries no subject: "từ 11,5% trở lên",
# "đạt 2.100 tỷ đồng". The words count only next to the figure ("đầu tư" keeps its "tư").
_FIGURE = re.compile(
    r"(?:\b(?:(?<!dau )tu|tren|duoi|khong qua|it nhat|dat|khoang|con)\s+)?"
    r"\d[\d.,]*"
    r"(?:\s*(?:%|‰|ty dong|trieu dong|nghin dong|dong|ha|km|tan|nguoi|xa|lan)(?![a-z0-9]))?"
    r"(?:\s+tro len)?"
)


@dataclass(frozen=True)
class _Item:
    id: str
    place: str
    subject: str


def match_free(child: Plan, parent: Plan) -> list[Match]:
    """Pair targets and tasks of the child with the parent's, without a catalogue.

    Args:
        child: The plan under review.
        parent: The document it says it carries out.

    Returns:
        Pairs best first, then unmatched parent items, then unmatched child items,
        targets before tasks.
    """
    rows: list[Match] = []
    for kind in ("target", "task"):
        rows.extend(_match_kind(kind, _items(child, kind), _items(parent, kind)))
    return rows


def subject_of(text: str) -> str:
    """The folded words of an item without its figures, units and comparison words."""
    folded = fold_text(text)
    return " ".join(_FIGURE.sub(" ", folded).split())


def _items(plan: Plan, kind: ItemKind) -> list[_Item]:
    if kind == "target":
        return [
            _Item(target.id, f"{target.section}({target.number})", subject_of(target.text))
            for target in plan.targets
        ]
    return [_Item(task.id, task.label, subject_of(task.title)) for task in plan.tasks]


def _match_kind(kind: ItemKind, children: list[_Item], parents: list[_Item]) -> list[Match]:
    candidates: list[tuple[float, float, _Item, _Item]] = []
    for parent in parents:
        for child in children:
            text = float(fuzz.token_sort_ratio(child.subject, parent.subject))
            bonus = SAME_PLACE_BONUS if child.place == parent.place else 0.0
            if text + bonus >= FREE_THRESHOLD:
                candidates.append((min(100.0, text + bonus), text, child, parent))
    rows: list[Match] = []
    used_children: set[str] = set()
    used_parents: set[str] = set()
    for score, text, child, parent in sorted(candidates, key=lambda row: (-row[0], -row[1])):
        if child.id in used_children or parent.id in used_parents:
            continue
        used_children.add(child.id)
        used_parents.add(parent.id)
        rows.append(_pair(kind, child, parent, score, text))
    for parent in parents:
        if parent.id not in used_parents:
            rows.append(_unmatched(kind, None, parent.id, _MISSING))
    for child in children:
        if child.id not in used_children:
            rows.append(_unmatched(kind, child.id, None, _EXTRA))
    return rows


_EXTRA = "Văn bản cấp trên không có mục tương ứng."
_MISSING = (
    "Kế hoạch cấp dưới không có mục nào có nội dung (bỏ con số, đơn vị) giống từ "
    f"{FREE_THRESHOLD:.0f}/100 trở lên."
)


def _pair(kind: ItemKind, child: _Item, parent: _Item, score: float, text: float) -> Match:
    place = ""
    if child.place == parent.place:
        place = f"; cùng vị trí {parent.place} (+{SAME_PLACE_BONUS:.0f})"
    return Match(
        child_id=child.id,
        parent_id=parent.id,
        kind=kind,
        canonical_id=None,
        method="subject",
        score=round(score, 1),
        explanation=(
            f"Ghép theo nội dung chỉ tiêu (đã bỏ con số, đơn vị): giống {text:.0f}/100{place}; "
            f"ngưỡng {FREE_THRESHOLD:.0f}. Văn bản cấp trên không thuộc Đề án 13 nên không "
            "dùng danh mục."
        ),
    )


def _unmatched(kind: ItemKind, child_id: str | None, parent_id: str | None, why: str) -> Match:
    return Match(
        child_id=child_id,
        parent_id=parent_id,
        kind=kind,
        canonical_id=None,
        method="unmatched",
        score=0.0,
        explanation=why,
    )
