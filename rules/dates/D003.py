"""Thời hạn trước ngày ban hành hoặc sau khi kết thúc giai đoạn của Đề án.

Basis: a plan carries out Đề án 13 over its period 2022–2026; a deadline that has
passed when the plan is issued cannot be met, and one after the period ends falls
outside what the Đề án asks and what its final review (tổng kết) will count.
A plan that does not carry out Đề án 13 is held to its own period when it states one.

Anti-pattern:
    Quảng Ngãi, ngày 12 tháng 12 năm 2022
    Hoàn thành việc rà soát trước ngày 30/11/2022.

Best practice:
    Quảng Ngãi, ngày 12 tháng 12 năm 2022
    Hoàn thành việc rà soát trước ngày 31/12/2022.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from extract.model import Plan, Target, Task
from rules.base import Rule, RuleContext
from rules.dates.common import issue_date
from rules.de_an import de_an_13_identity, vietnamese_date
from rules.evidence import item_line, line_excerpt, make_finding
from rules.findings import Finding

ITEM_CONFIDENCE = 0.85
# A date after a word such as "trước" is very likely, not surely, a deadline.
CUE_CONFIDENCE = 0.75
# The label of a deadline line is a fact of the layout; its value may still be
# read wrong, so it stands between an item's deadline and a cue.
LABEL_CONFIDENCE = 0.8
DATED_KINDS = ("by", "within")


@dataclass(frozen=True)
class DatedDeadline:
    """A deadline with a calendar date: an item's, or one the text names after a cue."""

    date: dt.date
    raw: str
    line: int
    start: int
    end: int | None
    target: str | None
    confidence: float


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per deadline before the issue date or after the period's last year."""
    plan = context.child
    issued = issue_date(plan)
    last_year = period_end(context)
    for deadline in dated_deadlines(plan):
        if issued is not None and deadline.date < issued:
            why = f"trước ngày ban hành kế hoạch ({vietnamese_date(issued)})"
        elif last_year is not None and deadline.date.year > last_year:
            why = f"sau khi kết thúc giai đoạn thực hiện (năm {last_year})"
        else:
            continue
        yield make_finding(
            RULE,
            message=f"Thời hạn “{deadline.raw}” ({vietnamese_date(deadline.date)}) {why}.",
            hint="Kiểm tra lại năm của thời hạn; đặt thời hạn trong giai đoạn thực hiện.",
            confidence=context.child_repairs.confidence(deadline.line, deadline.confidence),
            line=deadline.line,
            target=deadline.target,
            child=line_excerpt(plan, deadline.line, deadline.start, deadline.end),
        )


def period_end(context: RuleContext) -> int | None:
    """Last year of the period: Đề án 13's for plans carrying it out, else the plan's own."""
    if context.implements_de_an_13:
        identity = de_an_13_identity(context)
        if identity is not None and identity.period_end is not None:
            return identity.period_end
    period = context.child.meta.period
    return period.end if period is not None else None


def dated_deadlines(plan: Plan) -> list[DatedDeadline]:
    """Deadlines of targets and tasks, then dates the text names after a deadline word."""
    found: list[DatedDeadline] = []
    items: list[Target | Task] = [*plan.targets, *plan.tasks]
    for item in items:
        deadline = item.deadline
        if deadline is None or deadline.kind not in DATED_KINDS or deadline.end is None:
            continue
        line = deadline.span.line if deadline.span is not None else item_line(item)
        start = deadline.span.start if deadline.span is not None else 0
        found.append(
            DatedDeadline(deadline.end, deadline.raw, line, start, None, item.id, ITEM_CONFIDENCE)
        )
    found.extend(labelled_deadlines(plan, {deadline.line for deadline in found}))
    seen = {(deadline.line, deadline.date) for deadline in found}
    for mention in plan.dates:
        if mention.iso is None or mention.span is None or (mention.line, mention.iso) in seen:
            continue
        if not mention.deadline_cue:
            continue
        found.append(
            DatedDeadline(
                mention.iso,
                mention.raw,
                mention.line,
                mention.span.start,
                mention.span.end,
                None,
                CUE_CONFIDENCE,
            )
        )
    return found


def labelled_deadlines(plan: Plan, covered: set[int]) -> list[DatedDeadline]:
    """'- Thời gian hoàn thành: trong quý IV/2022' lines that no item's deadline covers."""
    found: list[DatedDeadline] = []
    for deadline in plan.labelled_deadlines:
        span = deadline.span
        if span is None or span.line in covered:
            continue
        if deadline.kind not in DATED_KINDS or deadline.end is None or not deadline.raw:
            continue
        found.append(
            DatedDeadline(
                deadline.end, deadline.raw, span.line, span.start, None, None, LABEL_CONFIDENCE
            )
        )
    return found


RULE = Rule(
    code="D003",
    name="dates.deadline-out-of-period",
    severity="warning",
    scope="document",
    title="Thời hạn trước ngày ban hành hoặc sau giai đoạn của Đề án",
    rationale=(
        "Kế hoạch thực hiện Đề án 13 có hiệu lực trong giai đoạn 2022–2026. Thời hạn đã qua "
        "khi kế hoạch được ban hành thì không thể thực hiện; thời hạn sau năm 2026 nằm ngoài "
        "giai đoạn của Đề án và sẽ không được tính khi tổng kết. Cả hai thường là lỗi ghi "
        "nhầm năm. Kế hoạch không thực hiện Đề án 13 được đối chiếu với giai đoạn của chính nó."
    ),
    example="Hoàn thành việc rà soát trước ngày 30/11/2022.",
    check=check,
)
