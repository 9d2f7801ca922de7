"""Thời hạn muộn hơn thời hạn của kế hoạch cấp trên cho cùng nội dung.

Basis: a lower-level plan carries out its parent; the parent's deadline for an
item is the latest date the lower level may finish it, since the parent has to
report on it by then (Đề án 13, phần Tổ chức thực hiện: cấp dưới xây dựng kế
hoạch cụ thể hóa, bảo đảm tiến độ của cấp trên).

Anti-pattern:
    Kế hoạch cấp trên: Thời gian hoàn thành: Trong quý I/2023.
    Kế hoạch cấp dưới: Thời gian hoàn thành: trong quý III/2023.

Best practice:
    Kế hoạch cấp dưới: Thời gian hoàn thành: trong quý I/2023.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from extract.model import Deadline, Span, Target, Task
from rules.base import Rule, RuleContext
from rules.de_an import vietnamese_date
from rules.evidence import item_line, line_excerpt, make_finding, matched_items
from rules.findings import Finding, Match
from rules.pairs import match_confidence

DATED_KINDS = ("by", "within")


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per matched item whose deadline ends after every parent item it matches."""
    if context.parent is None:
        return
    for pair in latest_parent_items(context):
        if pair.mine.end <= pair.theirs.end:
            continue
        child, parent, mine, theirs = pair.child, pair.parent, pair.mine, pair.theirs
        line = mine.span.line if mine.span is not None else item_line(child)
        parent_line = theirs.span.line if theirs.span is not None else item_line(parent)
        yield make_finding(
            RULE,
            message=f"Thời hạn của mục {child.id} “{mine.raw}” (đến {vietnamese_date(mine.end)}) "
            f"muộn hơn thời hạn kế hoạch cấp trên giao cho mục tương ứng {parent.id} "
            f"“{theirs.raw}” (đến {vietnamese_date(theirs.end)}).",
            hint="Đưa thời hạn về không muộn hơn thời hạn của kế hoạch cấp trên.",
            confidence=match_confidence(pair.match, context.child, line),
            line=line,
            target=child.id,
            parent_target=parent.id,
            parent_line=parent_line,
            child=line_excerpt(context.child, line),
            parent=line_excerpt(context.parent, parent_line),
        )


@dataclass(frozen=True)
class DatedPair:
    """A child item and a parent item it matches, both with a dated deadline."""

    match: Match
    child: Target | Task
    parent: Target | Task
    mine: DatedDeadline
    theirs: DatedDeadline


@dataclass(frozen=True)
class DatedDeadline:
    raw: str
    end: dt.date
    span: Span | None


def latest_parent_items(context: RuleContext) -> Iterator[DatedPair]:
    """Each dated child item with the latest-ending parent item it was matched to.

    A child item matched to several parent items (the parent splits one task in
    two, each with its own deadline) may follow the latest of them; when one of
    them has no dated deadline ("thường xuyên"), the child is not judged.
    """
    grouped: dict[tuple[str, str], list[tuple[Match, Target | Task, Target | Task]]] = {}
    for match, child, parent in matched_items(context):
        grouped.setdefault((match.kind, child.id), []).append((match, child, parent))
    for pairs in grouped.values():
        mine = _dated(pairs[0][1].deadline)
        theirs = [_dated(parent.deadline) for _, _, parent in pairs]
        if mine is None or any(deadline is None for deadline in theirs):
            continue
        dated = [
            DatedPair(match, child, parent, mine, deadline)
            for (match, child, parent), deadline in zip(pairs, theirs, strict=True)
            if deadline is not None
        ]
        yield max(dated, key=lambda pair: pair.theirs.end)


def _dated(deadline: Deadline | None) -> DatedDeadline | None:
    if deadline is None or deadline.kind not in DATED_KINDS or deadline.end is None:
        return None
    return DatedDeadline(deadline.raw, deadline.end, deadline.span)


RULE = Rule(
    code="D004",
    name="dates.deadline-later-than-parent",
    severity="error",
    scope="cross",
    title="Thời hạn muộn hơn thời hạn của kế hoạch cấp trên",
    rationale=(
        "Thời hạn kế hoạch cấp trên đặt cho một nội dung là mốc muộn nhất cấp dưới phải "
        "hoàn thành, vì cấp trên phải tổng hợp, báo cáo kết quả vào mốc đó. Cấp dưới đặt "
        "thời hạn muộn hơn (quý III/2023 khi cấp trên yêu cầu quý I/2023) làm chậm tiến độ "
        "chung của Đề án."
    ),
    example="Cấp trên: trong quý I/2023; cấp dưới: trong quý III/2023.",
    check=check,
)
