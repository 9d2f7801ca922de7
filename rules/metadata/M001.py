"""Số, ký hiệu văn bản bị bỏ trống.

Basis: Nghị định 30/2020/NĐ-CP (Điều 8 khoản 3, Phụ lục I mục 3) and Hướng dẫn
36-HD/VPTW (mục 3.3): every document carries its number and symbol; a number left
blank ("Số:     /KH-UBND") means the document was published before it was
registered, so it cannot be cited or filed.

Anti-pattern:
    Số:          /KH-UBND

Best practice:
    Số: 25/KH-UBND
"""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule, RuleContext
from rules.evidence import make_finding
from rules.findings import Finding, Severity

BLANK_CONFIDENCE = 0.95
# No number line at all may also mean the reader lost the first page.
ABSENT_CONFIDENCE = 0.6
# ... so it is a note to look, not a warning: the header may simply be missing
# from the copy (a document that starts mid-page), which is not a defect of the plan.
ABSENT_SEVERITY: Severity = "info"


def check(context: RuleContext) -> Iterator[Finding]:
    """A finding when the number is blank, or when the header has no number line."""
    plan = context.child
    if plan.meta.number and any(char.isdigit() for char in plan.meta.number):
        return
    printed = plan.meta.number_line
    if printed is None:
        if plan.meta.number_raw:
            return  # extraction read a number line we cannot: trust it
        yield make_finding(
            RULE,
            message="Không tìm thấy số, ký hiệu văn bản (dòng “Số: …”) ở phần đầu văn bản.",
            hint="Ghi số và ký hiệu văn bản dưới tên cơ quan ban hành.",
            confidence=ABSENT_CONFIDENCE,
            line=None,
            severity=ABSENT_SEVERITY,
        )
        return
    if not printed.blank:
        return  # a number is printed; extraction did not record it, which is not the plan's fault
    yield make_finding(
        RULE,
        message=f"Số văn bản bị bỏ trống: “{' '.join(printed.raw.split())}”.",
        hint="Lấy số tại văn thư và ghi đủ số, ký hiệu trước khi phát hành.",
        confidence=context.child_repairs.confidence(printed.span.line, BLANK_CONFIDENCE),
        line=printed.span.line,
        child=plan.line(printed.span.line).text.strip(),
    )


RULE = Rule(
    code="M001",
    name="metadata.number-missing",
    severity="warning",
    scope="document",
    title="Số, ký hiệu văn bản bị bỏ trống",
    rationale=(
        "Số và ký hiệu là thành phần bắt buộc của văn bản (Nghị định 30/2020/NĐ-CP, "
        "Hướng dẫn 36-HD/VPTW). Văn bản để trống số (“Số:     /KH-UBND”) là văn bản đã "
        "phát hành khi chưa vào sổ, nên không trích dẫn, tra cứu và lưu trữ được. Khi không "
        "thấy cả dòng “Số: …” (bản sao có thể thiếu trang đầu), phát hiện chỉ ở mức Lưu ý."
    ),
    example="Số:          /KH-UBND",
    check=check,
)
