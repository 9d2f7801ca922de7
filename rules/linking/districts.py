"""Whether a candidate parent is the district plan the child says it carries out.

"Kế hoạch số 45-KH/HU của Ban Thường vụ Huyện ủy Sơn Tịnh" is neither a Thị ủy's
plan nor Huyện ủy Mộ Đức's; without this check, a commune whose own district plan
is missing from a batch would be checked against any district plan in it. The
kinds of district unit and the words that name them come from ``hierarchy.yaml``
(``district_kinds``).
"""

from __future__ import annotations

import re

from extract.model import Plan
from extract.text import fold_text

# A plan without an issuer line must name its own kind this often to be told by it.
MIN_MENTIONS = 3


def other_district(child: Plan, candidate: Plan, kinds: dict[str, list[str]]) -> bool:
    """The child carries out a named district's plan, and the candidate is another district's.

    Args:
        child: The plan under review.
        candidate: A plan one level above it.
        kinds: Each district kind with the folded phrases that name it.
    """
    implements = child.meta.implements
    wanted = implements.reference.issuer if implements and implements.reference else None
    if not wanted:
        return False
    wanted_kind, wanted_name = _district_of(fold_text(wanted), kinds)
    if wanted_kind is None:
        return False
    if candidate.meta.issuer:
        kind, name = _district_of(fold_text(candidate.meta.issuer), kinds)
    else:
        kind, name = _district_by_mentions(fold_text(candidate.text), kinds), None
    if kind is not None and kind != wanted_kind:
        return True
    return bool(name and wanted_name and name != wanted_name)


def _district_of(folded_issuer: str, kinds: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """The district kind an issuer names and the place name after it ("son tinh")."""
    for kind, phrases in kinds.items():
        for phrase in phrases:
            found = re.search(rf"\b{re.escape(phrase)}\b", folded_issuer)
            if found is not None:
                return kind, folded_issuer[found.end() :].strip() or None
    return None, None


def _district_by_mentions(folded_text: str, kinds: dict[str, list[str]]) -> str | None:
    """The district kind a plan without an issuer line names itself by most often."""
    counts = {
        kind: sum(len(re.findall(rf"\b{re.escape(phrase)}\b", folded_text)) for phrase in phrases)
        for kind, phrases in kinds.items()
    }
    kind, count = max(counts.items(), key=lambda item: item[1])
    return kind if count >= MIN_MENTIONS else None
