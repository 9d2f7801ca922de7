"""Targets written the way real pages write them (issue 14), each with a real excerpt.

Every excerpt is copied from a development document of tests/realdocs/dev (its file is
named in the test); the held-out documents are never used here.
"""

from __future__ import annotations

from extract.model import Line, Plan, Source, Target
from extract.parse import parse_plan
from extract.parse.quantities import parse_quantities


def _plan(text: str) -> Plan:
    lines = [
        Line(number=number, raw=line, text=line)
        for number, line in enumerate(text.split("\n"), start=1)
    ]
    source = Source(path="x.txt", name="x.txt", format="txt", sha256="0", size=len(text))
    return parse_plan(Plan(source=source, lines=lines))


def _figures(target: Target) -> list[tuple[str, float, str | None]]:
    return [(quantity.op, quantity.value, quantity.unit) for quantity in target.quantities]


# lang-son-ubnd-kh54-dinh-duong-1000-ngay.txt: the page wrote its line breaks out.
WRITTEN_BREAKS = (
    "\\r\\n\\r\\n2. Mục tiêu cụ thể\n"
    "\\r\\n\\r\\na) Cải thiện tình trạng dinh dưỡng của\\r\\nphụ nữ có thai và trẻ em\n"
    "\\r\\n\\r\\n- Đến năm 2025: tỷ lệ suy dinh dưỡng\\r\\nthể thấp còi ở trẻ em dưới 5 tuổi"
    " dưới 24%1; tỷ lệ\\r\\nsuy dinh dưỡng thể nhẹ cân ở trẻ em dưới 5 tuổi dưới 15%2.\n"
    "\\r\\n\\r\\n- Đến năm 2030:\\r\\ntỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi"
    " dưới 22%."
)


def test_a_written_out_line_break_before_a_bullet_hides_no_target() -> None:
    plan = _plan(WRITTEN_BREAKS)
    assert [target.line for target in plan.targets] == [3, 4]
    assert "\\r" not in plan.targets[0].text and "\\n" not in plan.targets[0].text
    assert _figures(plan.targets[0]) == [("<", 24.0, "%"), ("<", 15.0, "%")]
    for target in plan.targets:  # spans still slice the line as written
        span = target.span
        written = plan.lines[span.line - 1].text[span.start : span.end]
        assert written.startswith("Đến năm")


def test_a_footnote_mark_after_a_percent_sign_is_no_part_of_the_figure() -> None:
    # "dưới 24%1;": the 1 is the footnote's superscript, as in lang-son-ubnd-kh54.
    figures = parse_quantities("tỷ lệ dưới 24%1; tỷ lệ nhẹ cân dưới 15%2; sơ sinh thấp dưới 5%3.")
    assert [(figure.op, figure.value, figure.unit) for figure in figures] == [
        ("<", 24.0, "%"),
        ("<", 15.0, "%"),
        ("<", 5.0, "%"),
    ]
    assert [(figure.value, figure.unit) for figure in parse_quantities("đạt 5%0")] == [
        (5.0, "‰")
    ]
