"""A plain-text summary of an extracted plan, for ``plancheck extract --format text``."""

from __future__ import annotations

from extract.model import Plan


def plan_summary(plan: Plan) -> str:
    """Return a short Vietnamese summary: metadata, then counts, then the lines."""
    meta = plan.meta
    rows = [
        ("Tệp", plan.source.name),
        ("Loại văn bản", meta.doc_type),
        ("Số, ký hiệu", meta.number),
        ("Cơ quan ban hành", meta.issuer),
        ("Ngày ban hành", meta.issue_date.isoformat() if meta.issue_date else meta.issue_date_raw),
        ("Trích yếu", meta.title),
        ("Số mục", str(len(plan.sections))),
        ("Số chỉ tiêu", str(len(plan.targets))),
        ("Số nhiệm vụ", str(len(plan.tasks))),
        ("Số chỗ đã sửa", str(len(plan.repairs))),
    ]
    out = [f"{label}: {value if value is not None else '—'}" for label, value in rows]
    out.append("")
    out.extend(f"{line.number:>5}  {line.text}" for line in plan.lines)
    return "\n".join(out) + "\n"
