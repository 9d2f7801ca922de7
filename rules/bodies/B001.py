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

from collections.abc import Iterator

from extract.model import Bodies, Target, Task
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
        missing = [role for role in missing if role not in child.subject_roles]
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
    return any(body.own_leadership for body in [*bodies.implementing, *bodies.advisory])


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
        leads_doing = [body for body in bodies.lead if body.carries_out]
        listed = [*bodies.implementing, *bodies.coordinating, *leads_doing]
    return [body.name or body.raw for body in listed if (body.name or body.raw).strip()]


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
