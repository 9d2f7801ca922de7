"""How a report names a plan: its title as a reviewer says it, its rows, its unread fields.

Shared by the report view, the text report and the audit; the plan's file name is a
detail shown once, in its rows, never its name.
"""

from __future__ import annotations

import re

from reports.model import PlanInfo
from reports.vocabulary import vocabulary

_BLANK = re.compile(r"\s{2,}")
# A title inside a plan's name is cut here; the plan's rows show it whole.
_TITLE_IN_NAME = 120


def plan_title(plan: PlanInfo) -> str:
    """Return a plan's name as a reviewer says it, never its file name.

    'Kế hoạch số 48-KH/ĐU ngày 12/12/2022 của Đảng ủy phường Phổ Ninh'; a plan
    without a number is named by its issuer and its title ('Kế hoạch của Ban
    Dân tộc «Triển khai thực hiện Đề án ...»'), and one whose header could not
    be read says so. The file name is a detail shown once, in the plan's rows.
    """
    parts = [plan.doc_type or "Văn bản"]
    if plan.number:
        parts.append(f"số {plan.number}")
    if plan.issue_date is not None:
        parts.append(f"ngày {plan.issue_date:%d/%m/%Y}")
    elif plan.issue_date_raw and plan.number:
        parts.append(blanks_shown(plan.issue_date_raw))
    if plan.issuer:
        parts.append(f"của {plan.issuer}")
    if not plan.number:
        if plan.title:
            parts.append(f"«{shorten(plan.title, _TITLE_IN_NAME)}»")
        elif not plan.issuer:
            parts.append("(chưa xác định được số, ký hiệu và cơ quan ban hành)")
    return " ".join(parts)


def short_plan_label(plan_number: str | None, issuer: str | None, title: str | None) -> str:
    """A short name for a table column: the number, else the issuer, else the title shortened."""
    if plan_number:
        return plan_number
    if issuer:
        return issuer
    return shorten(title, 40) if title else "Kế hoạch chưa rõ số hiệu"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, '…' marking the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return f"{cut}…"


def blanks_shown(written: str) -> str:
    """Show a blank left in a date ("ngày      tháng 02") as "…" rather than a run of spaces."""
    return _BLANK.sub(" … ", written).strip()


def unread_note(plan: PlanInfo) -> str | None:
    """The unread header fields as one note ("Số, ký hiệu; ...: không xác định được"), or None."""
    words = vocabulary()
    labels = [words.header_fields[name] for name in plan.unread_fields]
    if not labels:
        return None
    return f"{'; '.join(labels)}: {unread_value(plan)}"


def unread_value(plan: PlanInfo) -> str:
    """What an unread header field shows: the words and the lines looked at."""
    return unread_text(plan.header_lines)


def unread_text(header_lines: list[int]) -> str:
    """An unread field and the lines looked at: "không xác định được (đã xem dòng 1–9)"."""
    lines = line_ranges(header_lines)
    seen = f" (đã xem dòng {lines})" if lines else " (không thấy phần đầu văn bản)"
    return f"{vocabulary().unread_field}{seen}"


def line_ranges(numbers: list[int]) -> str:
    """Line numbers as ranges: [1, 2, 3, 5] is "1–3, 5"."""
    ranges: list[list[int]] = []
    for number in sorted(set(numbers)):
        if ranges and number <= ranges[-1][1] + 2:
            ranges[-1][1] = number  # a blank line or two between is the same run
        else:
            ranges.append([number, number])
    return ", ".join(f"{start}–{end}" if end > start else str(start) for start, end in ranges)


def plan_rows(plan: PlanInfo) -> list[tuple[str, str]]:
    """Label/value rows describing a plan; an unread header field says so, other empty rows go."""
    period = (
        f"{plan.period_start}–{plan.period_end}"
        if plan.period_start is not None and plan.period_end is not None
        else None
    )
    date = (
        f"{plan.issue_date:%d/%m/%Y}"
        if plan.issue_date is not None
        else plan.issue_date_raw and blanks_shown(plan.issue_date_raw)
    )
    signer = ", ".join(part for part in (plan.signer_title, plan.signer_name) if part)
    rows = [
        ("Loại văn bản", plan.doc_type),
        ("Số, ký hiệu", plan.number),
        ("Cơ quan ban hành", plan.issuer),
        ("Cơ quan cấp trên", plan.issuer_parent),
        ("Địa danh", plan.place),
        ("Ngày ban hành", date),
        ("Trích yếu", plan.title),
        ("Giai đoạn", period),
        ("Người ký", signer or None),
        ("Tệp", plan.name),
        ("SHA-256", plan.sha256[:16]),
    ]
    unread = {vocabulary().header_fields[name] for name in plan.unread_fields}
    return [
        (label, value or unread_value(plan)) for label, value in rows if value or label in unread
    ]
