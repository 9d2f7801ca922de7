from __future__ import annotations

from extract.model import Line, Section
from extract.parse.sections import build_sections, walk


def _lines(text: str) -> list[Line]:
    return [
        Line(number=number, raw=line, text=line)
        for number, line in enumerate(text.splitlines(), start=1)
    ]


def _ids(sections: list[Section]) -> list[str]:
    return [section.id for section, _ in walk(sections)]


PLAN = """KẾ HOẠCH
I- MỤC ĐÍCH, YÊU CẦU
1. Quán triệt Đề án
II. NỘI DUNG THỰC HIỆN
1. Tổ chức quán triệt
1.1. Quán triệt, xây dựng kế hoạch
1.2 Tổ chức triển khai
2. Thực hiện các mục tiêu
2.1. Chỉ tiêu chung
(1) Hằng năm, 100% cơ quan.
2.2. Chỉ tiêu cụ thể
2.2.1. Công tác dân vận góp phần phát triển kinh tế
III- NHIỆM VỤ VÀ GIẢI PHÁP
1. Nhiệm vụ chung
1.1. Tiếp tục quán triệt
"""


def test_tree_of_labels() -> None:
    sections = build_sections(_lines(PLAN))
    assert _ids(sections) == [
        "I",
        "I.1",
        "II",
        "II.1",
        "II.1.1",
        "II.1.2",
        "II.2",
        "II.2.1",
        "II.2.2",
        "II.2.2.1",
        "III",
        "III.1",
        "III.1.1",
    ]
    part = sections[1]
    assert (part.label, part.title, part.level) == ("II.", "NỘI DUNG THỰC HIỆN", 1)
    assert (part.line_start, part.line_end) == (4, 12)
    general = part.children[1].children[0]
    assert (general.label, general.title, general.level) == ("2.1.", "Chỉ tiêu chung", 3)
    assert (general.line_start, general.line_end) == (9, 10)


def test_damaged_label_is_the_next_sibling() -> None:
    text = "III- NHIỆM VỤ\n1. Chung\n1.3. Đổi mới\n1. .  ây dựng quy chế\n1.5. Quan tâm"
    sections = build_sections(_lines(text))
    assert _ids(sections) == ["III", "III.1", "III.1.3", "III.1.4", "III.1.5"]
    assert sections[0].children[0].children[1].label == "1. ."


def test_not_headings() -> None:
    text = "I. MỤC ĐÍCH\n1.000 người tham gia\n2023. Năm\n2 Ban\n31/12/2023 là hạn\n(1) Chỉ tiêu"
    assert _ids(build_sections(_lines(text))) == ["I"]


def test_wrapped_heading_title() -> None:
    text = "III- NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU VỀ CÔNG TÁC DÂN VẬN\n\nGÓP PHẦN PHÁT TRIỂN KINH TẾ\n"
    text += "1. Quán triệt, xây dựng kế hoạch triển khai và Kế\n\nhoạch của Ban Thường vụ"
    sections = build_sections(_lines(text))
    assert sections[0].title.endswith("DÂN VẬN GÓP PHẦN PHÁT TRIỂN KINH TẾ")
    assert sections[0].children[0].title.endswith("Kế hoạch của Ban Thường vụ")


def test_wrapped_line_that_looks_like_a_heading() -> None:
    text = "II. NỘI DUNG\n1. Chỉ tiêu\n(1) Trực tuyến mức độ 3 và\n4. Mức độ hài lòng\n2. Nhiệm vụ"
    sections = build_sections(_lines(text))
    assert _ids(sections) == ["II", "II.1", "II.2"]
    assert sections[0].children[0].line_end == 4


def test_no_roman_parts() -> None:
    sections = build_sections(_lines("1. Mục đích\n2. Nội dung\n2.1. Chỉ tiêu"))
    assert _ids(sections) == ["1", "2", "2.1"]


def test_part_in_capitals_without_a_roman_numeral() -> None:
    text = """KẾ HOẠCH
MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu rộng.
NHIỆM VỤ VÀ GIẢI PHÁP
1. Đẩy mạnh công tác tuyên truyền.
2. Xây dựng mô hình.
TỔ CHỨC THỰC HIỆN
1. Văn phòng theo dõi.
"""
    sections = build_sections(_lines(text))
    assert _ids(sections) == ["I", "I.1", "II", "II.1", "II.2", "III", "III.1"]
    assert sections[1].title == "NHIỆM VỤ VÀ GIẢI PHÁP" and sections[1].label == ""


def test_capitals_inside_a_roman_part_are_not_a_part() -> None:
    text = """I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt.
II. NHIỆM VỤ, GIẢI PHÁP
NHIỆM VỤ TRỌNG TÂM
1. Tuyên truyền.
"""
    assert _ids(build_sections(_lines(text))) == ["I", "I.1", "II", "II.1"]


def test_capitals_in_a_table_cell_are_not_a_part() -> None:
    lines = [
        Line(number=1, raw="MỤC ĐÍCH, YÊU CẦU", text="MỤC ĐÍCH, YÊU CẦU"),
        Line(number=2, raw="1. Quán triệt.", text="1. Quán triệt."),
        Line(number=3, raw="NỘI DUNG", text="NỘI DUNG", cell="0.0.1"),
    ]
    assert _ids(build_sections(lines)) == ["I", "I.1"]


def test_a_line_opening_on_a_figure_is_a_heading_only_when_it_carries_on_the_numbering() -> None:
    text = """I. CHỈ TIÊU
1. Tỷ lệ hộ nghèo giảm 4%/năm.
2. 100% cơ quan đăng ký mô hình.
Các chỉ tiêu giao cho năm
5. 000 hộ tham gia (một dòng bị ngắt).
"""
    assert _ids(build_sections(_lines(text))) == ["I", "I.1", "I.2"]
