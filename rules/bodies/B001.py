"""Mục tiêu, nhiệm vụ không nêu cơ quan lãnh đạo hoặc cơ quan thực hiện như cấp trên.

Basis: Đề án 13 and the plans that relay it assign each target and task to a
leading body (cơ quan lãnh đạo, chỉ đạo) and implementing bodies (cơ quan, đơn vị
thực hiện); a lower plan that drops them leaves the item with nobody answerable
for it at its level. A government plan says the same with a body in charge (cơ
quan chủ trì, which leads and carries out) and coordinating bodies (cơ quan phối
hợp, which never lead).

Anti-pattern:
    Kế hoạch cấp trên: - Cơ quan lãnh đạo: Ban Thường vụ Thị ủy; - Cơ quan thực hiện: UBND thị xã.
    Kế hoạch cấp dưới: mục tương ứng không có dòng “Cơ quan lãnh đạo”, “Cơ quan thực hiện”.

Best practice:
    Kế hoạch cấp dưới: - Cơ quan lãnh đạo: Đảng ủy; - Cơ quan thực hiện: UBND phường.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from extract.model import Bodies, Line, Target, Task
from extract.parse.vocabulary import body_registry, items
from extract.text import fold, normalise
from rules.base import Rule, RuleContext
from rules.evidence import item_line, item_text, line_excerpt, make_finding, matched_items
from rules.findings import Finding
from rules.pairs import excerpt, match_confidence

UNREAD_LAYOUT_FACTOR = 0.6
ROLES = {"lead": "cơ quan lãnh đạo, chủ trì", "implementing": "cơ quan thực hiện"}


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per matched item lacking a role of body that the parent names."""
    if context.parent is None:
        return
    for match, child, parent in matched_items(context):
        missing = missing_roles(child.bodies, parent.bodies)
        subject_roles = roles_named_as_subject(child, context.child.lines)
        missing = [role for role in missing if role not in subject_roles]
        if not missing:
            continue
        named = "; ".join(
            f"{ROLES[role]}: {', '.join(_names(parent.bodies, role))}" for role in missing
        )
        line = item_line(child)
        parent_line = item_line(parent)
        confidence = match_confidence(match, context.child, line)
        if not any(_names(item.bodies, role) for item in _items(context) for role in missing):
            # The child names no such body anywhere: perhaps a layout extraction could
            # not read (one list for the whole plan) rather than an item left bare.
            confidence = round(confidence * UNREAD_LAYOUT_FACTOR, 2)
        yield make_finding(
            RULE,
            message=f"Mục {child.id} không nêu {' và '.join(ROLES[role] for role in missing)}, "
            f"trong khi kế hoạch cấp trên giao cho mục tương ứng {parent.id} ({named}).",
            hint="Ghi rõ cơ quan lãnh đạo và cơ quan thực hiện ở cấp mình cho mục này.",
            confidence=confidence,
            line=line,
            target=child.id,
            parent_target=parent.id,
            parent_line=parent_line,
            child=excerpt(item_text(child)) or line_excerpt(context.child, line),
            parent=named,
        )


def missing_roles(child: Bodies, parent: Bodies) -> list[str]:
    """Roles ('lead', 'implementing') the parent fills and the child leaves empty.

    A child that lists its own leadership among the item's other bodies ("Cơ quan,
    đơn vị thực hiện: Cấp ủy đảng, Lãnh đạo Ban") has filled the leading role
    under another label: an agency's plan has no "Cơ quan lãnh đạo" line.
    """
    missing = [role for role in ROLES if _names(parent, role) and not _names(child, role)]
    if "lead" in missing and _names_own_leadership(child):
        missing.remove("lead")
    return missing


def _names_own_leadership(bodies: Bodies) -> bool:
    listed = [*bodies.implementing, *bodies.advisory]
    return any(_opens_with(body.name or body.raw, _own_leadership()) for body in listed)


def roles_named_as_subject(item: Target | Task, lines: list[Line]) -> set[str]:
    """Roles an item fills by opening a sentence with a body instead of a label.

    "1. Công tác quán triệt / Cấp ủy đảng, lãnh đạo cơ quan tổ chức quán triệt...":
    the plan's own leadership leads and carries out; any body the registry knows
    ("Ủy ban nhân dân phường chỉ đạo...") carries out.
    """
    span = item.span
    openings = [item_text(item)]
    if span is not None:
        last = span.end_line or span.line
        openings += [lines[number - 1].text for number in range(span.line + 1, last + 1)]
    roles: set[str] = set()
    for opening in openings:
        written = opening.strip(" -+*•\t")
        if _opens_with(written, _own_leadership()):
            roles.update(("lead", "implementing"))
        elif _opens_with(written, _registry_aliases(), list_follows=False):
            # "Thanh tra, kiểm tra ..." is a verb, not the body "Thanh tra".
            roles.add("implementing")
    return roles


def _opens_with(text: str, phrases: tuple[str, ...], list_follows: bool = True) -> bool:
    """Whether ``text`` starts with one of ``phrases`` (folded), not a plural "các ...".

    With ``list_follows`` the phrase may end at a comma that continues a list.
    """
    folded = fold(_expand(text))
    if folded.startswith("các "):
        return False
    endings = (" ", ",") if list_follows else (" ",)
    return any(
        folded == phrase or any(folded.startswith(phrase + end) for end in endings)
        for phrase in phrases
    )


@cache
def _own_leadership() -> tuple[str, ...]:
    return tuple(fold(words) for words in items().bodies.own_leadership)


@cache
def _registry_aliases() -> tuple[str, ...]:
    registry = body_registry()
    return tuple(fold(_expand(alias)) for body in registry.bodies for alias in body.aliases)


def _expand(text: str) -> str:
    """Abbreviations written out ("UBND" -> "Ủy ban nhân dân"), whole words only."""
    for short, full in body_registry().abbreviations.items():
        text = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", full, text)
    return " ".join(text.split())


def _items(context: RuleContext) -> list[Target | Task]:
    return [*context.child.targets, *context.child.tasks]


def _names(bodies: Bodies, role: str) -> list[str]:
    """The bodies that fill ``role`` in the sense of this rule, under either convention.

    A lead is a Party plan's lãnh đạo / chỉ đạo or a government plan's chủ trì; the
    coordinating bodies (phối hợp) never lead. The item is carried out by its
    implementing and coordinating bodies, and by a chủ trì, which leads and does.
    """
    if role == "lead":
        listed = bodies.lead
    else:
        carrying = _carrying_leads()
        leads_doing = [body for body in bodies.lead if body.role in carrying]
        listed = [*bodies.implementing, *bodies.coordinating, *leads_doing]
    return [body.name or body.raw for body in listed if (body.name or body.raw).strip()]


@cache
def _carrying_leads() -> frozenset[str]:
    return frozenset(normalise(words) for words in items().labels.carrying_leads)


RULE = Rule(
    code="B001",
    name="bodies.missing-responsible",
    severity="warning",
    scope="cross",
    title="Thiếu cơ quan lãnh đạo hoặc cơ quan thực hiện mà cấp trên có giao",
    rationale=(
        "Mỗi mục tiêu, nhiệm vụ của Đề án 13 được giao cho cơ quan lãnh đạo, chỉ đạo và các "
        "cơ quan, đơn vị thực hiện. Kế hoạch cấp dưới bỏ trống vai trò mà kế hoạch cấp trên "
        "đã nêu thì ở cấp đó không ai chịu trách nhiệm về mục đó, và việc kiểm tra, đánh "
        "giá kết quả không có địa chỉ."
    ),
    example="Mục tương ứng của kế hoạch cấp dưới không có dòng “Cơ quan thực hiện”.",
    check=check,
)
