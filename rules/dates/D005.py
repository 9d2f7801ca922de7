"""Văn bản được trích dẫn có ngày ban hành sau ngày ban hành của kế hoạch.

Basis: a plan can only rest on documents that exist when it is issued
(Nghị định 30/2020/NĐ-CP, Điều 8: phần căn cứ ban hành); a cited document dated
later means the plan's date or the citation's date was mistyped.

Anti-pattern:
    Quảng Ngãi, ngày 12 tháng 12 năm 2022
    Thực hiện Kế hoạch số 90-KH/BDVTU ngày 23/12/2022 của Ban Dân vận Tỉnh ủy.

Best practice:
    Quảng Ngãi, ngày 12 tháng 12 năm 2022
    Thực hiện Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của Ban Dân vận Tỉnh ủy.
"""

from __future__ import annotations

from collections.abc import Iterator

from extract.model import Reference
from rules.base import Rule, RuleContext
from rules.dates.common import issue_date
from rules.de_an import vietnamese_date
from rules.evidence import make_finding
from rules.findings import Finding

CONFIDENCE = 0.9


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per cited document dated after the plan's issue date."""
    plan = context.child
    issued = issue_date(plan)
    if issued is None:
        return
    for reference in cited(context):
        if reference.date is None or reference.date <= issued:
            continue
        yield make_finding(
            RULE,
            message=f"{_name(reference)} ngày {vietnamese_date(reference.date)} được trích dẫn "
            f"nhưng ban hành sau ngày ban hành của kế hoạch ({vietnamese_date(issued)}).",
            hint="Kiểm tra lại ngày của văn bản được trích dẫn hoặc ngày ban hành kế hoạch.",
            confidence=context.child_repairs.confidence(reference.line, CONFIDENCE),
            line=reference.line,
            child=" ".join(reference.raw.split()),
        )


def cited(context: RuleContext) -> list[Reference]:
    """The plan's citations, the one it says it carries out included, each once."""
    meta = context.child.meta
    references = list(meta.references)
    if meta.implements is not None and meta.implements.reference is not None:
        references.append(meta.implements.reference)
    unique: dict[tuple[int, str], Reference] = {}
    for reference in references:
        unique.setdefault((reference.line, reference.raw), reference)
    return list(unique.values())


def _name(reference: Reference) -> str:
    kind = reference.kind or "Văn bản"
    return f"{kind} số {reference.number}" if reference.number else kind


RULE = Rule(
    code="D005",
    name="dates.citation-after-issue",
    severity="error",
    scope="document",
    title="Văn bản được trích dẫn ban hành sau kế hoạch",
    rationale=(
        "Kế hoạch chỉ có thể căn cứ vào văn bản đã có tại thời điểm ban hành. Văn bản được "
        "trích dẫn mang ngày sau ngày ban hành kế hoạch cho thấy ngày của kế hoạch hoặc ngày "
        "của văn bản được dẫn đã bị ghi nhầm, làm sai căn cứ của kế hoạch."
    ),
    example="Kế hoạch ngày 12/12/2022 thực hiện Kế hoạch số 90-KH/BDVTU ngày 23/12/2022.",
    check=check,
)
