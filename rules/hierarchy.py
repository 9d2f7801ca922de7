"""Where a plan sits: its administrative level, whether it is coastal, and its parent plan.

Levels follow the Vietnamese administrative tiers (Luật Tổ chức chính quyền địa phương
2015, Điều 2): tỉnh above huyện/thị xã/thành phố thuộc tỉnh above xã/phường/thị trấn;
a provincial agency (sở, ban, ngành) sits under the province. The words that tell them
apart are data in ``rules/data/hierarchy.yaml``.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from functools import cache, lru_cache

from pydantic import BaseModel, ConfigDict, Field

from extract.model import Plan, Reference
from extract.resources import data_file, load_yaml
from extract.text import fold_text
from rules.districts import other_district
from rules.identity import Identity, same_number_and_issuer
from rules.reference import Level, load_reference
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

    Args:
        plan: An extracted plan.

    Returns:
        'tinh', 'huyen', 'xa', 'phuong' or 'agency'; None when nothing tells.
    """
    # A batch asks the level of each candidate once per child: remember it while the
    # plan lives (a weak reference, so that no plan is kept alive by the memo).
    cached = _LEVELS.get(id(plan))
    if cached is not None and cached[0]() is plan:
        return cached[1]
    level = _plan_level(plan)
    _LEVELS[id(plan)] = (weakref.ref(plan, _forget(id(plan))), level)
    return level


def _forget(key: int) -> Callable[[weakref.ref[Plan]], None]:
    def forget(_: weakref.ref[Plan]) -> None:
        _LEVELS.pop(key, None)

    return forget


_LEVELS: dict[int, tuple[weakref.ref[Plan], Level | None]] = {}


def _plan_level(plan: Plan) -> Level | None:
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
    folded = fold_text(plan.text)
    words = hierarchy_words()
    if any(_contains_phrase(folded, word) for word in words.coastal_words):
        return True
    if any(_contains_phrase(folded, word) for word in words.inland_words):
        return False
    return None


def find_parent(child: Plan, candidates: list[Plan]) -> Plan | None:
    """Pick the plan the child implements among candidates.

    A candidate qualifies when the child cites its number, or when it carries out the
    same Đề án from exactly one level above (provincial agencies are nobody's locality
    parent). The nearest level wins, so a ward that cites the Đề án itself still gets the
    town's plan when both are there; then a cited one; then the one whose issuer the
    child names most.

    Args:
        child: The plan under review.
        candidates: Plans to choose from (the child itself is ignored).

    Returns:
        The parent, or None when no candidate fits.
    """
    cited = _cited_numbers(child)
    child_level = plan_level(child)
    child_text = fold_text(child.text)
    best: tuple[tuple[bool, bool, int], Plan] | None = None
    for plan in candidates:
        if _same_document(plan, child):
            continue
        is_cited = plan.meta.number is not None and _normalise_number(plan.meta.number) in cited
        distance = _rank_distance(child_level, plan_level(plan))
        if distance is not None and distance < 1:
            continue
        next_above = distance == 1 and plan_level(plan) != "agency"
        if not is_cited and not (next_above and _implements_same(child, plan)):
            continue
        if not is_cited and other_district(child, plan, hierarchy_words().district_kinds):
            continue
        key = (next_above, is_cited, _issuer_mentions(plan, child_text))
        if best is None or key > best[0]:
            best = (key, plan)
    return best[1] if best is not None else None


UNCITED_PARENT_NOTE = (
    "Kế hoạch được rà soát không trích dẫn số, ký hiệu của kế hoạch cấp trên này; hai văn "
    "bản được đối chiếu vì cùng thực hiện Đề án và kế hoạch này thuộc cấp liền trên. Cần "
    "xác nhận đây đúng là văn bản cấp trên trực tiếp."
)


def parent_note(child: Plan, parent: Plan) -> str | None:
    """A Vietnamese caution when the child does not cite its parent by number; else None.

    The parent was then paired by level and Đề án alone, which a reader should confirm.
    """
    number = parent.meta.number
    if number is not None and _normalise_number(number) in _cited_numbers(child):
        return None
    return UNCITED_PARENT_NOTE


def _rank_distance(child: Level | None, candidate: Level | None) -> int | None:
    """How many levels the candidate sits above the child; None when either is unknown."""
    if child is None or candidate is None:
        return None
    ranks = hierarchy_words().rank
    return ranks[child] - ranks[candidate]


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


def _same_document(plan: Plan, other: Plan) -> bool:
    # The plan itself, or an earlier version of it (same issuer and number). Front ends
    # drop byte-identical copies themselves (rules.identity.same_plan).
    if plan is other:
        return True
    if plan.source.path == other.source.path and plan.source.sha256 == other.source.sha256:
        return True
    return same_number_and_issuer(Identity.of(plan), Identity.of(other))


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


def _cited_numbers(plan: Plan) -> set[str]:
    references: list[Reference] = list(plan.meta.references)
    if plan.meta.implements is not None and plan.meta.implements.reference is not None:
        references.append(plan.meta.implements.reference)
    return {_normalise_number(ref.number) for ref in references if ref.number}


def _normalise_number(number: str) -> str:
    return "".join(number.split()).upper().replace("Đ", "D")


def _implements_same(child: Plan, candidate: Plan) -> bool:
    reference = load_reference()
    return implements_de_an_13(child, reference) and implements_de_an_13(candidate, reference)


def _issuer_mentions(plan: Plan, child_text: str) -> int:
    """How often the child names the candidate's issuer or its place (the town's name)."""
    names = [plan.meta.issuer, plan.meta.place, plan.meta.issuer_parent]
    folded = {fold_text(name) for name in names if name}
    return sum(len(re.findall(rf"\b{re.escape(name)}\b", child_text)) for name in folded if name)


def _contains_phrase(folded: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", folded) is not None
