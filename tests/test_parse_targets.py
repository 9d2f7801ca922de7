from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from hypothesis import given
from hypothesis import strategies as st

from extract import load_plan
from extract.model import Line, Plan, Source, Target, Task
from extract.parse import parse_plan
from extract.parse.blocks import hide_footnotes
from extract.parse.items import parse_items
from extract.parse.sections import build_sections, walk
from tests.conftest import PLANS
from tests.render import (
    DEJAVU_SANS,
    add_docx_table,
    add_pdf_table,
    corpus_lines,
    render_docx,
    render_pdf,
    render_pdf_with_table,
)


def _plan(text: str) -> Plan:
    lines = [
        Line(number=number, raw=line, text=line)
        for number, line in enumerate(text.splitlines(), start=1)
    ]
    source = Source(path="x.txt", name="x.txt", format="txt", sha256="0", size=len(text))
    return parse_plan(Plan(source=source, lines=lines))


WARD = """II- NỘI DUNG THỰC HIỆN
1. Xây dựng Kế hoạch thực hiện Đề án 13
- Cơ quan lãnh đạo: Đảng ủy
- Thời gian hoàn thành: trong quý I/2023.
2. Thực hiện các mục tiêu cụ thể
2.1. Chỉ tiêu chung
(1) Tỷ lệ lao động qua đào tạo trên
65%.
- Cơ quan lãnh đạo: Đảng ủy
- Cơ quan tham mưu: Khối Dân vận Đảng ủy.
- Cơ quan thực hiện: UBND thị xã; Mặt trận Tổ quốc và các tổ chức chính trị
- xã hội thị xã; Ủy ban Mặt trận Tổ quốc Việt
Nam thị xã.
- Thời gian thực hiện: thường xuyên
2.2. Chỉ tiêu cụ thể
2.2.1. Công tác dân vận góp phần phát triển kinh tế
(1) Phấn đấu đạt khoảng 92%.
(2) 100% các xã, phường có Tổ công tác.
- Cơ quan lãnh đạo: Ban Thường vụ Thị ủy.
- Thời gian thực hiện: Thường xuyên.
2.2.2. Công tác dân vận góp phần xây dựng đô thị văn minh
(1) Phấn đấu từ 75% đến 80% phường đạt chuẩn văn minh đô thị
1
.
(2) Diện tích cây xanh đạt từ 3-
4m
2(2)
.
{separator}
1
 Theo Quyết định số 04/2022/QĐ-TTg ngày 18/02/2022 của Thủ tướng Chính phủ.
 - Cơ quan tham mưu: UBND thị xã.
III- NHIỆM VỤ VÀ GIẢI PHÁP
1. Nhiệm vụ và giải pháp chung
1.1. Tiếp tục quán triệt.
1.2. Nâng cao hiệu quả Cuộc vận động.
- Cơ quan chỉ đạo: Ban Thường vụ Thị ủy.
- Thời gian thực hiện: Trước 30/02/2023.
2. Nhiệm vụ, giải pháp cụ thể
2.1. Đổi mới công tác dân vận
- Cơ quan tham mưu: Ban Dân vận Thị ủy.
IV- TỔ CHỨC THỰC HIỆN
1. Ban Dân vận Thị ủy
(1) Theo dõi.
""".format(separator=" " * 40)  # the blank line of spaces above a page's footnotes


def test_targets_and_their_ids() -> None:
    plan = _plan(WARD)
    assert [target.id for target in plan.targets] == [
        "2.1(1)",
        "2.2.1(1)",
        "2.2.1(2)",
        "2.2.2(1)",
        "2.2.2(2)",
    ]
    first = plan.targets[0]
    assert (first.section, first.number, first.line) == ("2.1", 1, 7)
    assert first.text == "Tỷ lệ lao động qua đào tạo trên 65%."
    assert [(q.op, q.value) for q in first.quantities] == [(">", 65.0)]


GOVERNMENT_TARGETS = """II. CHỈ TIÊU
1. Tỷ lệ hộ nghèo giảm từ 4% - 5%/năm.
2. Tỷ lệ lao động qua đào tạo đạt từ 65% trở lên, trong đó có bằng cấp,
chứng chỉ đạt 30%.
3. 100% cơ quan, đơn vị đăng ký ít nhất 01 mô hình "Dân vận khéo"/năm.
4. Chỉ tiêu về nông thôn mới
III. NHIỆM VỤ, GIẢI PHÁP
1. Tăng cường công tác dân vận chính quyền, phấn đấu 100% xã đạt chuẩn.
"""


def test_targets_numbered_like_headings_in_a_part_of_targets() -> None:
    plan = _plan(GOVERNMENT_TARGETS)
    assert [(target.id, target.line) for target in plan.targets] == [
        ("II(1)", 2),
        ("II(2)", 3),
        ("II(3)", 5),
    ]
    assert plan.targets[1].text.endswith("chứng chỉ đạt 30%.")
    assert [(q.op, q.value) for q in plan.targets[1].quantities] == [(">=", 65), ("=", 30)]
    first = plan.targets[2].quantities[0]
    assert (first.op, first.value, first.unit) == ("=", 100, "%")
    # A heading without a figure, and a numbered task with one, are no targets.
    assert [task.id for task in plan.tasks] == ["III.1"]


def test_label_values_wrapped_over_lines() -> None:
    implementing = _plan(WARD).targets[0].bodies.implementing
    assert [body.raw for body in implementing] == [
        "UBND thị xã",
        "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội thị xã",
        "Ủy ban Mặt trận Tổ quốc Việt Nam thị xã",
    ]


def test_one_block_applies_to_every_item_since_the_last() -> None:
    targets = {target.id: target for target in _plan(WARD).targets}
    for target_id in ("2.2.1(1)", "2.2.1(2)"):
        target = targets[target_id]
        assert [body.raw for body in target.bodies.lead] == ["Ban Thường vụ Thị ủy"]
        assert target.deadline is not None and target.deadline.kind == "continuous"


def test_footnotes_and_superscripts_stay_out_of_the_text() -> None:
    targets = {target.id: target for target in _plan(WARD).targets}
    assert targets["2.2.2(1)"].text == "Phấn đấu từ 75% đến 80% phường đạt chuẩn văn minh đô thị."
    assert targets["2.2.2(2)"].text == "Diện tích cây xanh đạt từ 3-4m²."
    (area,) = targets["2.2.2(2)"].quantities
    assert (area.op, area.value, area.high, area.unit) == ("range", 3.0, 4.0, "m²")
    # the block after the footnotes belongs to both targets of 2.2.2
    assert [body.raw for body in targets["2.2.2(1)"].bodies.advisory] == ["UBND thị xã"]


def test_tasks_group_by_their_section() -> None:
    tasks = {task.id: task for task in _plan(WARD).tasks}
    assert list(tasks) == ["II.1", "III.1.1", "III.1.2", "III.2.1"]
    assert tasks["II.1"].deadline is not None
    assert tasks["II.1"].deadline.end == dt.date(2023, 3, 31)
    for task_id in ("III.1.1", "III.1.2"):
        deadline = tasks[task_id].deadline
        assert deadline is not None and not deadline.valid
        assert [body.raw for body in tasks[task_id].bodies.lead] == ["Ban Thường vụ Thị ủy"]
    assert tasks["III.1.2"].label == "1.2"
    assert [body.raw for body in tasks["III.2.1"].bodies.advisory] == ["Ban Dân vận Thị ủy"]


def test_roman_part_prefixes_a_label_used_in_two_parts() -> None:
    text = "I. MỤC TIÊU\n1. Chỉ tiêu chung\n(1) Đạt 90%.\nII. NỘI DUNG\n1. Chỉ tiêu\n(1) Đạt 95%."
    assert [target.id for target in _plan(text).targets] == ["I.1(1)", "II.1(1)"]


def test_a_number_wrapped_to_the_start_of_a_line_is_not_a_target() -> None:
    text = (
        "2.1. Chỉ tiêu chung\n(1) Hằng năm giám sát ít nhất 01 chính sách liên quan đến\n"
        "(3) nhóm đối tượng và phản biện ít nhất 02 chính sách.\n(2) Đạt trên 70%."
    )
    targets = _plan(text).targets
    assert [target.id for target in targets] == ["2.1(1)", "2.1(2)"]
    assert targets[0].text.endswith(
        "liên quan đến (3) nhóm đối tượng và phản biện ít nhất 02 chính sách."
    )
    assert [q.value for q in targets[0].quantities] == [1.0, 2.0]


def test_a_task_about_targets_is_a_task() -> None:
    text = (
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Thực hiện các chỉ tiêu về giảm nghèo\n(1) Rà soát hộ nghèo."
    )
    plan = _plan(text)
    assert [task.id for task in plan.tasks] == ["III.1"]
    assert plan.targets == []


def test_spans_slice_back_to_the_words() -> None:
    plan = _plan(WARD)
    for target in plan.targets:
        for quantity in target.quantities:
            span = quantity.span
            assert span is not None
            line = plan.line(span.line).text
            if span.end is None:  # split by the layout beyond rejoining: "3-" / "4m" / "2"
                assert quantity.raw.startswith(line[span.start :].strip())
            elif span.end_line is None:
                assert line[span.start : span.end] == quantity.raw
            else:
                rest = plan.line(span.end_line).text[: span.end]
                assert f"{line[span.start :].strip()} {rest.strip()}" == quantity.raw
        for body in target.bodies.lead + target.bodies.advisory + target.bodies.implementing:
            span = body.span
            assert span is not None
            line = plan.line(span.line).text
            if span.end_line is None:
                assert line[span.start : span.end] == body.raw
            else:  # "Ủy ban Mặt trận Tổ quốc Việt" / "Nam thị xã"
                rest = plan.line(span.end_line).text[: span.end]
                assert f"{line[span.start :].strip()} {rest.strip()}" == body.raw


def _items(plan: Plan) -> list[tuple[object, ...]]:
    """What must not depend on the file format: ids, figures, deadlines, body names, text."""

    def deadline(item: Target | Task) -> tuple[object, ...] | None:
        found = item.deadline
        return None if found is None else (found.kind, found.start, found.end, found.every)

    def names(item: Target | Task) -> list[list[str | None]]:
        roles = (item.bodies.lead, item.bodies.advisory, item.bodies.implementing)
        return [[body.name for body in role] for role in roles]

    def figures(target: Target) -> list[tuple[object, ...]]:
        return [(q.op, q.value, q.high, q.unit, q.per) for q in target.quantities]

    targets = [(t.id, figures(t), t.text, deadline(t), names(t)) for t in plan.targets]
    tasks = [(t.id, t.title, deadline(t), names(t)) for t in plan.tasks]
    return [*targets, *tasks]


@pytest.mark.parametrize(
    "stem",
    [
        "dang-uy-phuong-48-KH-DU-de-an-13",
        "ban-dan-toc-quang-ngai-de-an-13",
        "ubnd-hong-linh-dan-van-chinh-quyen-2023",
    ],
)
def test_same_items_from_txt_docx_and_pdf(stem: str, tmp_path: Path) -> None:
    source = PLANS / f"{stem}.txt"
    lines = corpus_lines(source)
    expected = _items(load_plan(source))
    assert expected
    assert _items(load_plan(render_docx(lines, tmp_path / f"{stem}.docx"))) == expected
    # the PDF wraps long lines and drops blank ones: paragraphs must be rebuilt the same
    assert _items(load_plan(render_pdf(lines, tmp_path / f"{stem}.pdf"))) == expected


FRAGMENTS = [
    "I- MỤC ĐÍCH",
    "II. NỘI DUNG THỰC HIỆN",
    "III- NHIỆM VỤ VÀ GIẢI PHÁP",
    "1. Chỉ tiêu chung",
    "2.1. Chỉ tiêu cụ thể",
    "2.2.1. Công tác dân vận",
    "1. .  ây dựng",
    "(1) Đạt trên 65%.",
    "(2) ít nhất 01 mô hình",
    "- Cơ quan lãnh đạo: Đảng ủy",
    "- Cơ quan tham mưu, thực hiện: UBND thị xã; Đảng ủy các xã, phường",
    "- Thời gian thực hiện: Trước 30/02/2023",
    "- Thời gian hoàn thành: trong quý I/2023.",
    "1",
    " Theo Quyết định số 04/2022/QĐ-TTg",
    "4m",
    "2(2)",
    ".",
    "",
    "- xã hội thị xã",
    "II. CHỈ TIÊU",
    "3. 100% cơ quan đăng ký mô hình",
    "- Tỷ lệ hộ nghèo giảm 1%/năm.",
    "a) 100% thôn đạt chuẩn.",
    "thời gian hoàn thành trong quý II/2023.",
]


@given(
    st.lists(
        st.one_of(
            st.sampled_from(FRAGMENTS),
            st.text(alphabet=st.characters(blacklist_categories=("Zl", "Zp", "Cc")), max_size=30),
        ),
        max_size=40,
    )
)
def test_any_sequence_of_lines_parses(lines: list[str]) -> None:
    numbered = [
        Line(number=number, raw=text, text=text) for number, text in enumerate(lines, start=1)
    ]
    visible = hide_footnotes(numbered)
    sections = build_sections(visible)
    targets, tasks = parse_items(visible, sections, year=2023)
    for target in targets:  # a target is a line that opens with its number or a list mark
        opening = lines[target.line - 1].lstrip()
        assert opening.startswith((f"({target.number})", f"{target.number}.")) or re.match(
            r"[-+•–]|[a-zđ]\)|\d", opening
        )
    section_ids = {section.id for section, _ in walk(sections)}
    for task in tasks:  # a task is a section, or a lettered item "a)" under one ("-2" repeats)
        assert re.sub(r"(?:\.[a-zđ])?(?:-\d+)?$", "", task.id) in section_ids
    for section, _ in walk(sections):
        assert 1 <= section.line_start <= section.line_end <= len(lines)


@pytest.mark.parametrize(
    "part",
    [
        "NHIỆM VỤ VÀ GIẢI PHÁP",
        "NHIỆM VỤ, GIẢI PHÁP",
        "NHIỆM VỤ TRỌNG TÂM",
        "III. NHIỆM VỤ TRỌNG TÂM",
    ],
)
def test_tasks_under_a_part_titled_otherwise_or_without_numeral(part: str) -> None:
    plan = _plan(
        f"""I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu rộng.
{part}
1. Đẩy mạnh công tác tuyên truyền.
- Cơ quan thực hiện: Ban Tuyên giáo Đảng ủy
2. Kiện toàn Ban Chỉ đạo.
"""
        if part.startswith("III.")
        else f"""MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu rộng.
{part}
1. Đẩy mạnh công tác tuyên truyền.
- Cơ quan thực hiện: Ban Tuyên giáo Đảng ủy
2. Kiện toàn Ban Chỉ đạo.
"""
    )
    assert [task.title for task in plan.tasks] == [
        "Đẩy mạnh công tác tuyên truyền.",
        "Kiện toàn Ban Chỉ đạo.",
    ]
    assert [body.name for body in plan.tasks[0].bodies.implementing] == ["Ban Tuyên giáo Đảng ủy"]


LETTERED = """II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Công tác tuyên truyền
a) Đẩy mạnh tuyên truyền về Đề án trên các phương tiện
thông tin đại chúng.
- Cơ quan thực hiện: Ban Tuyên giáo Đảng ủy
- Thời gian thực hiện: thường xuyên.
b) Xây dựng mô hình “Dân vận khéo”.
- Cơ quan thực hiện: Văn phòng Đảng ủy
- Thời gian hoàn thành: trước ngày 30/6/2023.
2. Kiện toàn Ban Chỉ đạo, c) nếu cần.
- Cơ quan thực hiện: Ủy ban nhân dân phường
"""


def test_lettered_sub_items_are_tasks_with_their_own_labels() -> None:
    plan = _plan(LETTERED)
    assert [(task.id, task.title) for task in plan.tasks] == [
        ("II.1.a", "Đẩy mạnh tuyên truyền về Đề án trên các phương tiện thông tin đại chúng."),
        ("II.1.b", "Xây dựng mô hình “Dân vận khéo”."),
        ("II.2", "Kiện toàn Ban Chỉ đạo, c) nếu cần."),
    ]
    implementing = [[body.name for body in task.bodies.implementing] for task in plan.tasks]
    assert implementing == [
        ["Ban Tuyên giáo Đảng ủy"],
        ["Văn phòng Đảng ủy"],
        ["Ủy ban nhân dân phường"],
    ]
    deadlines = [task.deadline.kind if task.deadline else None for task in plan.tasks]
    assert deadlines == ["continuous", "by", None]


TABLE_ROWS = [
    ("STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
    ("I", "NHIỆM VỤ CHUNG", "", "", ""),
    (
        "1",
        "Tuyên truyền Đề án trên các phương tiện thông tin đại chúng",
        "Phòng Văn hóa và Thông tin",
        "Mặt trận Tổ quốc huyện",
        "Thường xuyên",
    ),
    (
        "2",
        "Xây dựng 12 khu dân cư kiểu mẫu",
        "Phòng Nội vụ",
        "Ủy ban nhân dân các xã",
        "Trước ngày 30/11/2023",
    ),
]


def _table_plan_docx(target: Path) -> Path:
    """A plan whose tasks sit in a table, rendered to .docx like tests/render.py does."""
    path = render_docx(
        [
            "KẾ HOẠCH",
            "Triển khai công tác dân vận năm 2023",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Nâng cao nhận thức của cán bộ.",
            "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        ],
        target,
    )
    document = docx.Document(str(path))
    rows = TABLE_ROWS
    add_docx_table(document, rows)
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("1. Văn phòng theo dõi, tổng hợp.")
    document.save(str(path))
    return path


def _assert_table_tasks(plan: Plan) -> tuple[Task, Task]:
    """The two task rows of TABLE_ROWS, with their bodies; returned for more checks."""
    assert [(task.id, task.title) for task in plan.tasks] == [
        ("II.1", "Tuyên truyền Đề án trên các phương tiện thông tin đại chúng"),
        ("II.2", "Xây dựng 12 khu dân cư kiểu mẫu"),
    ]
    first, second = plan.tasks
    # "Cơ quan chủ trì" leads (and carries out); "Cơ quan phối hợp" only helps.
    assert [body.raw for body in first.bodies.lead] == ["Phòng Văn hóa và Thông tin"]
    assert [body.raw for body in first.bodies.coordinating] == ["Mặt trận Tổ quốc huyện"]
    assert [body.raw for body in second.bodies.lead] == ["Phòng Nội vụ"]
    assert [body.raw for body in second.bodies.coordinating] == ["Ủy ban nhân dân các xã"]
    assert {body.role for body in first.bodies.lead + second.bodies.lead} == {"chủ trì"}
    return first, second


def test_tasks_in_a_docx_table_are_read_row_by_row(tmp_path: Path) -> None:
    plan = load_plan(_table_plan_docx(tmp_path / "bang.docx"))
    first, second = _assert_table_tasks(plan)
    assert first.deadline is not None and first.deadline.kind == "continuous"
    assert second.deadline is not None and second.deadline.kind == "by"
    assert second.deadline.end == dt.date(2023, 11, 30)
    # Provenance: the title is the content cell's own line.
    assert plan.lines[second.line - 1].cell is not None
    assert plan.lines[second.line - 1].text.strip() == second.title


def test_tasks_in_a_ruled_pdf_table_are_read_cell_by_cell(tmp_path: Path) -> None:
    path = render_pdf_with_table(
        ["KẾ HOẠCH", "Triển khai công tác dân vận năm 2023", "II. NHIỆM VỤ VÀ GIẢI PHÁP"],
        TABLE_ROWS,
        ["III. TỔ CHỨC THỰC HIỆN", "1. Văn phòng theo dõi, tổng hợp."],
        tmp_path / "bang.pdf",
        widths=(10, 60, 40, 40, 30),
    )
    plan = load_plan(path)
    # Names the cell wrapped over two printed lines are whole again.
    _, second = _assert_table_tasks(plan)
    assert second.deadline is not None and second.deadline.end == dt.date(2023, 11, 30)
    assert plan.lines[second.line - 1].cell == "0.3.1" and plan.lines[second.line - 1].page == 1
    # The text after the table comes after it, not inside it.
    assert [section.title for section in plan.sections][-1] == "TỔ CHỨC THỰC HIỆN"


def test_a_pdf_table_over_two_pages_is_one_table_without_its_repeated_header(
    tmp_path: Path,
) -> None:
    rows = [TABLE_ROWS[0]] + [
        (str(number), f"Nhiệm vụ số {number} về công tác dân vận", "Phòng Nội vụ", "", "Năm 2023")
        for number in range(1, 41)
    ]
    path = render_pdf_with_table(
        ["KẾ HOẠCH", "II. NHIỆM VỤ VÀ GIẢI PHÁP"], rows, [], tmp_path / "dai.pdf"
    )
    plan = load_plan(path)
    assert plan.source.pages is not None and plan.source.pages >= 2
    assert [task.title for task in plan.tasks] == [
        f"Nhiệm vụ số {number} về công tác dân vận" for number in range(1, 41)
    ]
    assert {line.cell.split(".")[0] for line in plan.lines if line.cell} == {"0"}


def test_targets_in_a_docx_table_under_a_section_of_targets(tmp_path: Path) -> None:
    path = render_docx(
        [
            "KẾ HOẠCH",
            "Thực hiện Đề án",
            "I. MỤC TIÊU",
            "1. Mục tiêu chung",
            "Nâng cao hiệu quả.",
            "2. Chỉ tiêu cụ thể",
        ],
        tmp_path / "chi-tieu.docx",
    )
    document = docx.Document(str(path))
    rows = [
        ("TT", "Chỉ tiêu", "Đơn vị thực hiện", "Thời hạn"),
        ("1", "Tỷ lệ lao động qua đào tạo trên 65%", "Ủy ban nhân dân xã", "Năm 2025"),
        ("2", "Xây dựng 12 khu dân cư kiểu mẫu", "Mặt trận Tổ quốc xã", "Hằng năm"),
    ]
    add_docx_table(document, rows)
    document.add_paragraph("II. NHIỆM VỤ VÀ GIẢI PHÁP")
    document.add_paragraph("1. Tuyên truyền sâu rộng.")
    document.save(str(path))
    plan = load_plan(path)
    assert [(target.number, [q.raw for q in target.quantities]) for target in plan.targets] == [
        (1, ["trên 65%"]),
        (2, ["12 khu dân cư kiểu mẫu"]),
    ]
    assert [body.raw for body in plan.targets[1].bodies.implementing] == ["Mặt trận Tổ quốc xã"]
    assert [task.title for task in plan.tasks] == ["Tuyên truyền sâu rộng."]


def test_target_figures_in_year_columns_take_the_latest_year(tmp_path: Path) -> None:
    path = render_docx(["KẾ HOẠCH", "Thực hiện Đề án", "II. CHỈ TIÊU"], tmp_path / "nam.docx")
    document = docx.Document(str(path))
    rows = [
        ("STT", "Chỉ tiêu", "ĐVT", "Hiện trạng 2022", "Năm 2023", "Năm 2025"),
        ("1", "Tỷ lệ lao động qua đào tạo", "%", "50", "60", "trên 65"),
        ("2", "Tỷ lệ hộ nghèo giảm", "%/năm", "", "1", "1,5"),
        ("3", "Mô hình Dân vận khéo được công nhận", "mô hình", "1", "2", ""),
        ("4", "Khu dân cư đạt chuẩn văn hóa", "khu", "", "Đạt", "Đạt"),
    ]
    add_docx_table(document, rows)
    document.add_paragraph("III. NHIỆM VỤ VÀ GIẢI PHÁP")
    document.save(str(path))
    plan = load_plan(path)
    assert [target.text for target in plan.targets] == [
        "Tỷ lệ lao động qua đào tạo (Năm 2025: trên 65%)",
        "Tỷ lệ hộ nghèo giảm (Năm 2025: 1,5%/năm)",
        "Mô hình Dân vận khéo được công nhận (Năm 2023: 2 mô hình)",
        "Khu dân cư đạt chuẩn văn hóa",
    ]
    figures = [[(q.op, q.value, q.unit, q.per) for q in t.quantities] for t in plan.targets]
    assert figures == [
        [(">", 65, "%", None)],
        [("=", 1.5, "%", "year")],
        [("=", 2, "mô hình", None)],
        [],
    ]


def test_docx_table_with_a_two_row_header_and_a_column_numbering_row(tmp_path: Path) -> None:
    path = render_docx(
        ["KẾ HOẠCH", "Công tác dân vận", "II. NHIỆM VỤ, GIẢI PHÁP"], tmp_path / "b.docx"
    )
    document = docx.Document(str(path))
    table = document.add_table(rows=4, cols=5)
    texts = {
        (0, 0): "TT",
        (0, 1): "Nội dung công việc",
        (0, 2): "Cơ quan thực hiện",
        (0, 4): "Tiến độ",
        (1, 2): "Chủ trì",
        (1, 3): "Phối hợp",
        (2, 0): "(1)",
        (2, 1): "(2)",
        (2, 2): "(3)",
        (2, 3): "(4)",
        (2, 4): "(5)",
        (3, 0): "1",
        (3, 1): "Tổ chức hội nghị quán triệt Đề án",
        (3, 2): "Văn phòng Huyện ủy",
        (3, 3): "Ban Dân vận Huyện ủy",
        (3, 4): "Quý I/2023",
    }
    table.cell(0, 2).merge(table.cell(0, 3))
    for (row, column), text in texts.items():
        table.cell(row, column).text = text
    document.save(str(path))
    plan = load_plan(path)
    assert [(task.id, task.title) for task in plan.tasks] == [
        ("II.1", "Tổ chức hội nghị quán triệt Đề án")
    ]
    task = plan.tasks[0]
    assert [body.raw for body in task.bodies.lead] == ["Văn phòng Huyện ủy"]
    assert [body.raw for body in task.bodies.coordinating] == ["Ban Dân vận Huyện ủy"]
    assert task.deadline is not None and task.deadline.end == dt.date(2023, 3, 31)


def test_a_list_numbered_again_gets_distinct_ids() -> None:
    plan = _plan(
        "II. MỤC TIÊU\n2.1. Chỉ tiêu chung\nVề kinh tế:\n(1) Tỷ lệ hộ nghèo giảm 2%/năm.\n"
        "(2) Thu nhập tăng 10%.\nVề xã hội:\n(1) Tỷ lệ lao động qua đào tạo trên 65%.\n"
        "(2) 100% thôn có mô hình.\nIII. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Nhiệm vụ một\n"
        "2. Nhiệm vụ hai\n1. Nhiệm vụ ba\n"
    )
    assert [target.id for target in plan.targets] == ["2.1(1)", "2.1(2)", "2.1(1)-2", "2.1(2)-2"]
    assert [task.id for task in plan.tasks] == ["III.1", "III.2", "III.1-2"]


def test_dash_and_letter_items_of_a_list_of_targets_are_targets() -> None:
    plan = _plan(
        "I. MỤC TIÊU\n1. Mục tiêu chung\nNâng cao hiệu quả công tác dân vận.\n"
        "2. Chỉ tiêu cụ thể\n- Tỷ lệ lao động qua đào tạo đạt trên 65%.\n"
        "- Tỷ lệ hộ nghèo giảm 1%/năm.\n+ Hằng năm có ít nhất 02 mô hình Dân vận khéo.\n"
        "a) 100% thôn đạt chuẩn văn hóa.\nb) Phấn đấu 90% hộ gia đình văn hóa.\n"
        "- Đẩy mạnh tuyên truyền.\n"
        "- Cơ quan thực hiện: Ủy ban nhân dân xã.\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tuyên truyền\n"
    )
    assert [(target.id, target.text) for target in plan.targets] == [
        ("2(1)", "Tỷ lệ lao động qua đào tạo đạt trên 65%."),
        ("2(2)", "Tỷ lệ hộ nghèo giảm 1%/năm."),
        ("2(3)", "Hằng năm có ít nhất 02 mô hình Dân vận khéo."),
        ("2(4)", "100% thôn đạt chuẩn văn hóa."),
        ("2(5)", "Phấn đấu 90% hộ gia đình văn hóa."),
        ("2(6)", "Đẩy mạnh tuyên truyền."),  # a qualitative target: no figure, none read
    ]
    assert plan.targets[5].quantities == []
    assert all(
        [body.raw for body in target.bodies.implementing] == ["Ủy ban nhân dân xã"]
        for target in plan.targets
    )


def test_a_dash_under_a_numbered_target_is_no_target_of_its_own() -> None:
    plan = _plan(
        "I. MỤC TIÊU\n2. Chỉ tiêu cụ thể\n(1) Tỷ lệ lao động qua đào tạo trên 65%, trong đó:\n"
        "- ít nhất 30% học sinh tốt nghiệp THCS học nghề;\n(2) Tỷ lệ hộ nghèo giảm 1%/năm.\n"
    )
    assert [target.id for target in plan.targets] == ["2(1)", "2(2)"]


def test_a_target_ending_on_a_colon_takes_the_dash_items_under_it() -> None:
    plan = _plan(
        "I. MỤC TIÊU\n2. Chỉ tiêu cụ thể\n(5) Tỷ lệ lao động qua đào tạo trên 65%, trong đó:\n"
        "- ít nhất 30% học sinh tốt nghiệp THCS học nghề;\n"
        "- ít nhất 40% học sinh tốt nghiệp THPT học cao đẳng.\n"
        "- Cơ quan thực hiện: Ủy ban nhân dân xã.\n(6) Tỷ lệ hộ nghèo giảm 1%/năm.\n"
    )
    first, second = plan.targets
    assert [(q.op, q.value) for q in first.quantities] == [(">", 65), (">=", 30), (">=", 40)]
    assert first.span is not None and (first.span.line, first.span.end_line) == (3, 5)
    assert [body.raw for body in first.bodies.implementing] == ["Ủy ban nhân dân xã"]
    assert second.id == "2(6)"


def test_a_text_column_headed_with_a_year_is_still_the_text(tmp_path: Path) -> None:
    path = render_docx(["KẾ HOẠCH", "II. NHIỆM VỤ VÀ GIẢI PHÁP"], tmp_path / "nam-2023.docx")
    document = docx.Document(str(path))
    rows = [
        ("STT", "Nội dung công việc năm 2023", "Cơ quan chủ trì", "Chỉ tiêu năm 2025"),
        ("1", "Tuyên truyền Đề án", "Phòng Văn hóa và Thông tin", "12"),
    ]
    add_docx_table(document, rows)
    document.save(str(path))
    assert [task.title for task in load_plan(path).tasks] == ["Tuyên truyền Đề án"]


def test_pdf_tables_parted_by_a_page_of_text_stay_two_tables(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(DEJAVU_SANS))
    pdf.set_font("DejaVu", size=11)
    for page, (before, rows) in enumerate(
        [("II. NHIỆM VỤ", TABLE_ROWS), ("Văn bản xen giữa hai bảng.", None), ("", TABLE_ROWS)]
    ):
        pdf.add_page()
        if before:
            pdf.multi_cell(0, 6, before, new_x="LMARGIN", new_y="NEXT")
        if rows is not None:
            add_pdf_table(pdf, rows)
        assert pdf.page == page + 1
    path = tmp_path / "hai-bang.pdf"
    pdf.output(str(path))
    plan = load_plan(path)
    assert {line.cell.split(".")[0] for line in plan.lines if line.cell} == {"0", "1"}


# Target sections recognised by what their headings say, at any level and case
# (headings as real plans from other provinces write them; see
# tests/fixtures/real_targets/manifest.yaml for whole pages).
@pytest.mark.parametrize(
    "heading",
    [
        "2. Mục tiêu cụ thể",
        "2. Mục tiêu cơ bản đến năm 2025",
        "II. CÁC CHỈ TIÊU CHỦ YẾU",
        "1.2. Một số chỉ tiêu",
        "3. Chỉ tiêu chủ yếu",
    ],
)
def test_numbered_heading_of_targets(heading: str) -> None:
    plan = _plan(
        f"I. MỤC TIÊU\n1. Mục tiêu chung\nNâng cao 50% chất lượng.\n{heading}\n"
        "- Tỷ lệ hộ nghèo giảm 1,5%/năm.\n- Tuổi thọ trung bình đạt 74 tuổi.\n"
    )
    assert [target.text for target in plan.targets] == [
        "Tỷ lệ hộ nghèo giảm 1,5%/năm.",
        "Tuổi thọ trung bình đạt 74 tuổi.",
    ]


@pytest.mark.parametrize(
    "heading", ["các chỉ tiêu chủ yếu:", "a) Chỉ tiêu cơ bản", "Một số chỉ tiêu chủ yếu năm 2025"]
)
def test_heading_of_targets_outside_the_tree(heading: str) -> None:
    plan = _plan(
        "II. NỘI DUNG\n1. Phát triển kinh tế\nTriển khai đồng bộ các giải pháp.\n"
        f"{heading}\n- Tổng sản lượng lương thực đạt 2.961 tấn;\n- Trồng mới 772 ha rừng.\n"
        "2. Tổ chức thực hiện\n- Tổ chức 3 hội nghị.\n"
    )
    assert [(target.id, target.text) for target in plan.targets] == [
        ("1(1)", "Tổng sản lượng lương thực đạt 2.961 tấn;"),
        ("1(2)", "Trồng mới 772 ha rừng."),
    ]


def test_general_goals_and_body_text_hold_no_targets() -> None:
    plan = _plan(
        "I. MỤC TIÊU, YÊU CẦU\n1. Mục tiêu chung\n- Nâng tỷ lệ lên 90%.\n"
        "2. Yêu cầu\n- 100% cán bộ quán triệt.\n"
        "II. NHIỆM VỤ\n1. Tuyên truyền\nCác chỉ tiêu trên được giao cho\ncác xã thực hiện.\n"
        "- 100% xã tổ chức.\n"
    )
    assert plan.targets == []


def test_targets_listed_on_one_line() -> None:
    plan = _plan(
        "CÁC CHỈ TIÊU CHỦ YẾU I. Về kinh tế (2 chỉ tiêu) 1. Thu nhập đạt 60 triệu đồng. "
        "2. Sản lượng lương thực: 25.000 tấn. II. Về xã hội (1 chỉ tiêu) 3. Tỷ lệ lao động "
        "qua đào tạo: 65%.\n"
    )
    assert [(target.id, target.text) for target in plan.targets] == [
        ("(1)", "Thu nhập đạt 60 triệu đồng."),
        ("(2)", "Sản lượng lương thực: 25.000 tấn."),
        ("(3)", "Tỷ lệ lao động qua đào tạo: 65%."),
    ]
    third = plan.targets[2]
    assert third.span is not None and plan.lines[0].text[third.span.start : third.span.end] == (
        third.text
    )


def test_numbered_item_without_figure_is_a_qualitative_target() -> None:
    # Qualitative targets count (issue 14): the item states what to achieve, no figure.
    plan = _plan(
        "II. CHỈ TIÊU\n1. Tỷ lệ hộ nghèo giảm 2%.\n2. Xây dựng xã đạt chuẩn nông thôn mới.\n"
        "3. Thu hút 500 lượt người tham gia.\n"
    )
    assert [(target.id, [q.value for q in target.quantities]) for target in plan.targets] == [
        ("II(1)", [2]),
        ("II(2)", []),
        ("II(3)", [500]),
    ]


def test_numbered_group_line_without_figure_is_no_target() -> None:
    # "1. Về kinh tế:" and a line left open over items of a lower rank announce a group.
    plan = _plan(
        "II. CHỈ TIÊU\n1. Về kinh tế:\n- Tỷ lệ hộ nghèo giảm 2%.\n"
        "2. Nâng cao đời sống văn hóa\n- Xây dựng xã đạt chuẩn văn hóa.\n"
    )
    assert [target.text for target in plan.targets] == [
        "Tỷ lệ hộ nghèo giảm 2%.",
        "Xây dựng xã đạt chuẩn văn hóa.",
    ]


def test_sentence_announcing_targets_opens_their_list() -> None:
    plan = _plan(
        "Cụ thể, Điều 2 của Nghị quyết 124/2020/QH14 đã đưa ra 12 chỉ tiêu chủ yếu sau:\n"
        " • Tổng sản phẩm trong nước (GDP) tăng khoảng 6%;\n"
        " • Tỷ lệ che phủ rừng khoảng 42%.\n"
        "Xem chi tiết tại: Nghị quyết 124/2020/QH14, 2 lần sửa đổi.\n"
        "- Năm 2020 đạt 41%.\n"
    )
    assert [(target.id, target.quantities[0].value) for target in plan.targets] == [
        ("(1)", 6),
        ("(2)", 42),
    ]


def test_report_on_results_announces_no_targets() -> None:
    plan = _plan("Kết quả thực hiện các chỉ tiêu chủ yếu như sau:\n- Tỷ lệ che phủ rừng đạt 42%.\n")
    assert plan.targets == []


def test_inline_list_after_words_before_its_heading() -> None:
    plan = _plan(
        " date 2020-08 CÁC CHỈ TIÊU CHỦ YẾU 1. Thu nhập 60 triệu đồng. 2. Có 100 doanh nghiệp."
    )
    assert [(target.id, target.quantities[0].unit) for target in plan.targets] == [
        ("(1)", "triệu đồng"),
        ("(2)", "doanh nghiệp"),
    ]


def test_a_figure_repeated_on_one_line_points_at_its_own_target() -> None:
    plan = _plan("CÁC CHỈ TIÊU CHỦ YẾU: 1. Tỷ lệ hộ nghèo 50%. 2. Tỷ lệ lao động qua đào tạo 50%.")
    first, second = plan.targets
    for target in (first, second):
        (quantity,) = target.quantities
        assert quantity.span is not None and target.span is not None
        assert target.span.start <= quantity.span.start < (target.span.end or 0)
    assert first.quantities[0].span != second.quantities[0].span


def test_letters_with_a_full_stop_label_targets_as_letters_with_a_bracket_do() -> None:
    # "a." is written for "a)" in many plans (Nghị định 30 prescribes "a)").
    plan = _plan(
        "II. MỤC TIÊU\n1. Mục tiêu chung\nNâng cao đời sống.\n2. Mục tiêu cụ thể\n"
        "a. Tỷ lệ hộ nghèo giảm 2%.\nb. Duy trì xã đạt chuẩn quốc gia về y tế.\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tuyên truyền\n"
    )
    assert [(target.text, len(target.quantities)) for target in plan.targets] == [
        ("Tỷ lệ hộ nghèo giảm 2%.", 1),
        ("Duy trì xã đạt chuẩn quốc gia về y tế.", 0),
    ]


def test_a_figureless_item_over_its_label_lines_is_no_group() -> None:
    plan = _plan(
        "I. MỤC TIÊU\n2. Chỉ tiêu cụ thể\na) Tỷ lệ hộ nghèo giảm 2%.\n"
        "b) Duy trì xã đạt chuẩn quốc gia về y tế\n- Cơ quan thực hiện: Ủy ban nhân dân xã.\n"
    )
    assert [target.text for target in plan.targets] == [
        "Tỷ lệ hộ nghèo giảm 2%.",
        "Duy trì xã đạt chuẩn quốc gia về y tế",
    ]
    assert [body.raw for body in plan.targets[1].bodies.implementing] == ["Ủy ban nhân dân xã"]


def test_a_count_of_the_targets_below_makes_no_target_of_a_group_line() -> None:
    # Counts of targets are no figures to reach (tests/realdocs/README.md, gold rule).
    plan = _plan(
        "II. CHỈ TIÊU CỤ THỂ\n1. Về kinh tế (02 chỉ tiêu)\n- Tỷ lệ hộ nghèo giảm 2%.\n"
        "- Thu nhập đạt 60 triệu đồng.\n2. Nhóm chỉ tiêu về xã hội (1 chỉ tiêu)\n"
        "- Duy trì xã đạt chuẩn quốc gia về y tế.\nIII. NHIỆM VỤ\n1. Tuyên truyền\n"
    )
    assert [target.text for target in plan.targets] == [
        "Tỷ lệ hộ nghèo giảm 2%.",
        "Thu nhập đạt 60 triệu đồng.",
        "Duy trì xã đạt chuẩn quốc gia về y tế.",
    ]


def test_a_lettered_list_under_a_heading_with_label_lines_between_its_items() -> None:
    # The heading does not take "a) ..." as its wrapped words, and the label's value
    # does not run on into "b) ...".
    plan = _plan(
        "II. CHỈ TIÊU\na) Tỷ lệ hộ nghèo giảm 3%.\n- Cơ quan thực hiện: Ủy ban nhân dân xã.\n"
        "b) Tỷ lệ hộ nghèo giảm 2%.\nIII. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tuyên truyền\n"
    )
    assert plan.sections[0].title == "CHỈ TIÊU"
    assert [target.text for target in plan.targets] == [
        "Tỷ lệ hộ nghèo giảm 3%.",
        "Tỷ lệ hộ nghèo giảm 2%.",
    ]
    assert [body.raw for body in plan.targets[0].bodies.implementing] == ["Ủy ban nhân dân xã"]
