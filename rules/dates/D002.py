"""Ngày ban hành bị bỏ trống hoặc ghi thiếu.

Basis: Nghị định 30/2020/NĐ-CP (Điều 8, Phụ lục I mục 5) and Hướng dẫn 36-HD/VPTW
(mục 3.4): the place and the full date of issue ("ngày ... tháng ... năm ...") are
a required part of the header. Without them no deadline counted from the issue
date, and no citation of the plan, can be checked.

Anti-pattern:
    Hồng Lĩnh, ngày         tháng 02 năm 2023

Best practice:
    Hồng Lĩnh, ngày 15 tháng 02 năm 2023
"""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule, RuleContext
from rules.evidence import make_finding
from rules.findings import Finding, Severity

BLANK_CONFIDENCE = 0.95
# No date line at all may also mean the reader lost the first page.
ABSENT_CONFIDENCE = 0.6
# ... so it is a note to look, not a warning: the header may simply be missing
# from the copy (a document that starts mid-page), which is not a defect of the plan.
ABSENT_SEVERITY: Severity = "info"


def check(context: RuleContext) -> Iterator[Finding]:
    """A finding when the issue date is blank, incomplete or absent."""
    plan = context.child
    meta = plan.meta
    printed = meta.date_line
    if printed is None and meta.issue_date is not None:
        return
    if printed is None and meta.issue_date_raw:
        # Extraction read a date line the header scan missed: judge what it read.
        printed = meta.issue_date_parts
        if printed is None:
            return
    if printed is None:
        if meta.header_has_full_date:
            return  # the text has a date extraction could not read: reports say so
        yield make_finding(
            RULE,
            message="Không tìm thấy ngày ban hành (dòng “…, ngày … tháng … năm …”) "
            "ở phần đầu văn bản.",
            hint="Ghi đủ địa danh và ngày, tháng, năm ban hành dưới quốc hiệu.",
            confidence=ABSENT_CONFIDENCE,
            line=None,
            severity=ABSENT_SEVERITY,
        )
        return
    missing = printed.missing_parts
    if not missing:
        return  # a complete date; D001 reports it when it does not exist
    line = printed.span.line if printed.span is not None else None
    yield make_finding(
        RULE,
        message=f"Ngày ban hành ghi chưa đủ: “{' '.join(printed.raw.split())}” "
        f"bỏ trống {', '.join(missing)}.",
        hint="Ghi đủ ngày, tháng, năm ban hành trước khi ký, đóng dấu và phát hành.",
        confidence=context.child_repairs.confidence(line or 0, BLANK_CONFIDENCE),
        line=line,
        child=plan.line(line).text.strip() if line else printed.raw,
    )


RULE = Rule(
    code="D002",
    name="dates.issue-date-missing",
    severity="warning",
    scope="document",
    title="Ngày ban hành bị bỏ trống hoặc ghi thiếu",
    rationale=(
        "Địa danh và ngày, tháng, năm ban hành là thành phần bắt buộc của văn bản "
        "(Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW). Văn bản để trống ngày thì không "
        "xác định được thời điểm có hiệu lực, không kiểm tra được các thời hạn tính từ "
        "ngày ban hành và không trích dẫn chính xác được. Khi không thấy cả dòng ngày tháng "
        "(bản sao có thể thiếu trang đầu), phát hiện chỉ ở mức Lưu ý."
    ),
    example="Hồng Lĩnh, ngày         tháng 02 năm 2023",
    check=check,
)
