"""Where a plan sits: its administrative level, whether it is coastal, what it carries out.

Levels follow the Vietnamese administrative tiers (Luật Tổ chức chính quyền địa phương
2015, Điều 2): tỉnh above huyện/thị xã/thành phố thuộc tỉnh above xã/phường/thị trấn;
a provincial agency (sở, ban, ngành) sits under the province. The words that tell them
apart are data in ``rules/data/hierarchy.yaml``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pydantic import BaseModel, ConfigDict, Field

from extract.model import Plan
from extract.resources import data_file, load_yaml
from extract.text import fold_text
from rules.reference import Level
from rules.reference import Reference as DeAnReference

_DATA = data_file("rules", "hierarchy.yaml")
# The self-description of a plan sits in its header and first paragraphs; the rest of the
# text names lower units too often to count reliably beyond this.
_HEADER_LINES = 40


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IssuerLevel(_Strict):
    level: Level
    patterns: list[str]


class SelfReference(_Strict):
    bodies: list[str]
    units: dict[Level, list[str]]
    min_count: int = Field(ge=1)


class HierarchyWords(_Strict):
    """The validated contents of ``hierarchy.yaml``."""

    version: int
    issuer_levels: list[IssuerLevel]
    self_reference: SelfReference
    rank: dict[Level, int]
    coastal_words: list[str]
    inland_words: list[str]
    district_kinds: dict[str, list[str]]


@cache
def hierarchy_words() -> HierarchyWords:
    """Load the level and coast vocabulary once."""
    return HierarchyWords.model_validate(load_yaml(_DATA))


def plan_level(plan: Plan) -> Level | None:
    """Work out the plan's level from its issuer, else from how it names its own bodies.

    Linking asks it once per plan of a check (``rules.linking.link_plans``) and once per
    candidate of a parent search (``find_parent``); nothing is memoised here.

    Args:
        plan: An extracted plan.

    Returns:
        'tinh', 'huyen', 'xa', 'phuong' or 'agency'; None when nothing tells.
    """
    for issuer in _issuer_texts(plan):
        level = level_of_issuer(issuer)
        if level is not None:
            return level
    if plan.meta.unit is not None:
        # The unit extraction found among Vietnam's units: "Ủy ban nhân dân" over
        # "Sơn Tịnh, ngày ..." is a district's (the place names a huyện only).
        return plan.meta.unit.level
    return _level_from_self_reference(plan)


def level_of_issuer(issuer: str) -> Level | None:
    """The level an issuer name such as 'Đảng ủy phường Phổ Ninh' belongs to, if any."""
    folded = fold_text(issuer)
    for entry in hierarchy_words().issuer_levels:
        if any(re.search(pattern, folded) for pattern in entry.patterns):
            return entry.level
    return None


def is_coastal(plan: Plan) -> bool | None:
    """True when the plan speaks of its sea (boats, fishermen), False when it says inland.

    Returns:
        None when the text says neither: applicability then errs on the side of asking.
    """
    return _coastal_text(plan.text)


@lru_cache(maxsize=16)
def _coastal_text(text: str) -> bool | None:
    """``is_coastal`` of a plan's text, kept for the next check.

    An audit asks it of the same parent for every child checked against it: folding the
    town plan's text and searching it for each word cost 0.4 ms a check (issue 18).
    """
    folded = fold_text(text)
    words = hierarchy_words()
    if any(_contains_phrase(folded, word) for word in words.coastal_words):
        return True
    if any(_contains_phrase(folded, word) for word in words.inland_words):
        return False
    return None


def implements_de_an_13(plan: Plan, reference: DeAnReference) -> bool:
    """Whether the plan says it carries out Đề án 13.

    Extraction's verdict (``meta.implements``) counts first; failing that, the title or
    preamble must say "thực hiện" / "triển khai" the Đề án, or the provincial plan
    relaying it, by number. A plan that only lists the Đề án among its bases does not
    implement it.
    """
    implements = plan.meta.implements
    if implements is not None and implements.is_de_an_13:
        return True
    head = fold_text(" ".join(line.text for line in plan.lines[:_HEADER_LINES]))
    # The Đề án by its number, or the provincial plan that relays it (which exists only
    # to carry the Đề án out).
    cited = [
        f"de an {fold_text('số ' + reference.identity.number)}",
        f"{fold_text(reference.relay.kind)} {fold_text('số ' + reference.relay.number)}",
    ]
    return any(
        re.search(rf"\b(?:thuc hien|trien khai)\b[a-z0-9 ]{{0,60}}\b{re.escape(words)}\b", head)
        for words in cited
    )


def _issuer_texts(plan: Plan) -> list[str]:
    issuers = [plan.meta.issuer, plan.meta.issuer_parent]
    return [issuer for issuer in issuers if issuer]


def _level_from_self_reference(plan: Plan) -> Level | None:
    head = " ".join(line.text for line in plan.lines[:_HEADER_LINES])
    return _level_from_text(fold_text(head), fold_text(plan.text))


@lru_cache(maxsize=64)
def _level_from_text(head: str, whole: str) -> Level | None:
    words = hierarchy_words().self_reference
    bodies = "|".join(re.escape(body) for body in words.bodies)
    best: tuple[int, Level | None] = (0, None)
    for level, units in words.units.items():
        unit_pattern = "|".join(re.escape(unit) for unit in units)
        pattern = re.compile(rf"\b(?:{bodies}) (?:{unit_pattern})\b(?! hoi)")
        count = len(pattern.findall(whole)) + 2 * len(pattern.findall(head))
        if count > best[0]:
            best = (count, level)
    return best[1] if best[0] >= words.min_count else None


def _contains_phrase(folded: str, phrase: str) -> bool:
    # A substring search first: a phrase absent from the text (most of them, in most plans)
    # is answered without running the word-boundary pattern over the whole text (issue 18).
    return phrase in folded and re.search(rf"\b{re.escape(phrase)}\b", folded) is not None
