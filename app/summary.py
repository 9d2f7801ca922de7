"""A reviewer's summary of an extracted plan, for ``plancheck extract --format text``.

Not the document again: what extraction understood of it. The header facts
first, then each target with its figures, deadline and bodies, then each task
with its deadline and bodies, then what extraction could not do. A reviewer
reads it to see at a glance whether the plan was read right before checking it.
"""

from __future__ import annotations

from extract.model import Bodies, Deadline, Plan, Quantity, Target, Task
from reports.build import unread_fields
from reports.plan_names import line_ranges
from reports.vocabulary import vocabulary

# Role labels under both conventions (see extract.model.Bodies).
ROLE_LABELS = {
    "lead": "Chủ trì, lãnh đạo",
    "advisory": "Tham mưu",
    "implementing": "Thực hiện",
    "coordinating": "Phối hợp",
}
OPERATORS = {
    "=": "",
    ">": "trên ",
    ">=": "ít nhất ",
    "<": "dưới ",
    "<=": "không quá ",
    "~": "khoảng ",
}
TEXT_LIMIT = 160


def plan_summary(plan: Plan) -> str:
    """Return the Vietnamese summary: metadata, targets, tasks, extraction notes."""
    out = _metadata(plan)
    out += ["", f"CHỈ TIÊU ({len(plan.targets)})"]
    for target in plan.targets:
        out += _target(target)
    out += ["", f"NHIỆM VỤ ({len(plan.tasks)})"]
    for task in plan.tasks:
        out += _task(task)
    if plan.notes:
        out += ["", "GHI CHÚ TRÍCH XUẤT"]
        out += [f"  - {note}" for note in plan.notes]
    return "\n".join(out) + "\n"


def _metadata(plan: Plan) -> list[str]:
    meta = plan.meta
    issue_date = meta.issue_date.strftime("%d/%m/%Y") if meta.issue_date else meta.issue_date_raw
    period = f"{meta.period.start} - {meta.period.end}" if meta.period is not None else None
    implements = None
    if meta.implements is not None:
        implements = meta.implements.raw or (
            meta.implements.reference.raw if meta.implements.reference else None
        )
    # A header field extraction could not read says so, with the lines looked at.
    lines = line_ranges(meta.header_lines)
    words = vocabulary().unread_field
    unread = f"{words} (đã xem dòng {lines})" if lines else words
    missing = set(unread_fields(meta))

    def header(name: str, value: str | None) -> str | None:
        return unread if name in missing else value

    rows = [
        ("Tệp", plan.source.name),
        ("Loại văn bản", header("doc_type", meta.doc_type)),
        (
            "Số, ký hiệu",
            meta.number
            or (meta.number_raw and f"để trống ({meta.number_raw})")
            or header("number", None),
        ),
        ("Cơ quan ban hành", header("issuer", meta.issuer)),
        ("Địa danh", header("place", meta.place)),
        ("Ngày ban hành", header("issue_date", issue_date)),
        ("Trích yếu", meta.title),
        ("Giai đoạn", period),
        ("Thực hiện văn bản", _cut(implements) if implements else None),
        ("Số chỗ đã sửa chữ", str(len(plan.repairs))),
    ]
    return [f"{label}: {value if value else '—'}" for label, value in rows]


def _target(target: Target) -> list[str]:
    lines = [f"  {target.id} (dòng {target.line}) {_cut(target.text)}"]
    if target.quantities:
        lines.append(f"      Con số: {'; '.join(_figure(q) for q in target.quantities)}")
    return lines + _deadline_and_bodies(target.deadline, target.bodies)


def _task(task: Task) -> list[str]:
    lines = [f"  {task.id} (dòng {task.line}) {_cut(task.title)}"]
    return lines + _deadline_and_bodies(task.deadline, task.bodies)


def _deadline_and_bodies(deadline: Deadline | None, bodies: Bodies) -> list[str]:
    lines = []
    if deadline is not None:
        lines.append(f"      Thời hạn: {_deadline(deadline)}")
    for role, label in ROLE_LABELS.items():
        listed = getattr(bodies, role)
        words = {body.role for body in listed}
        if len(words) == 1 and None not in words:
            # The plan's own role words: "Chủ trì" in a government plan, "Lãnh đạo" in a Party one.
            label = str(words.pop()).capitalize()
        if listed:
            lines.append(f"      {label}: {', '.join(body.name for body in listed)}")
    return lines


def _figure(quantity: Quantity) -> str:
    """'trên 65%', 'từ 0,4 đến 0,6%/năm', as the figure was understood."""
    if quantity.op == "range" and quantity.high is not None:
        joined = f"từ {_number(quantity.value)} đến {_with_unit(quantity.high, quantity.unit)}"
    else:
        joined = OPERATORS.get(quantity.op, "") + _with_unit(quantity.value, quantity.unit)
    if quantity.per == "year":
        joined += " mỗi năm"
    return joined


def _with_unit(value: float, unit: str | None) -> str:
    unit = unit or ""
    if unit.startswith("%") or unit == "m²":
        return f"{_number(value)}{unit}"
    return f"{_number(value)} {unit}".strip()


def _number(value: float) -> str:
    """A figure written the Vietnamese way: '0,5', '10.000', '65'."""
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value:g}".replace(".", ",")


def _deadline(deadline: Deadline) -> str:
    understood = {
        "continuous": "thường xuyên",
        "recurring": "định kỳ",
        "unknown": "chưa đọc được",
    }.get(deadline.kind)
    if understood is None and deadline.end is not None:
        understood = f"đến {deadline.end.strftime('%d/%m/%Y')}"
    if understood is not None and understood.lower() == deadline.raw.strip().lower():
        understood = None
    flag = "" if deadline.valid else " (ngày không hợp lệ)"
    return f"{deadline.raw} ({understood}){flag}" if understood else f"{deadline.raw}{flag}"


def _cut(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TEXT_LIMIT else flat[:TEXT_LIMIT].rsplit(" ", 1)[0] + " …"
