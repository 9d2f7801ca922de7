"""Leads and headings of target lists on pages development lacked (issue 14, targets20).

Excerpts are copied from development documents of tests/realdocs/dev (each names its
file); the held-out documents are never used here. The last test runs the readers on a
long generated plan of the pathological shapes and bounds the work per line.
"""

from __future__ import annotations

import pytest

from extract.parse import target_titles
from extract.parse.target_titles import is_target_title, reports_results
from tests.plan_text import figures
from tests.plan_text import parsed_plan as _plan

# ha-noi-phuong-ngoc-lam-chi-tieu-nhiem-ky.txt, line 8: the targets run inline in a long
# paragraph whose first colon introduces a speaker, not the list.
INLINE_AFTER_AN_EARLIER_COLON = (
    "Tại hội nghị, các đại biểu đã được nghe đồng chí: NguyễnVăn Tuấn – Quận ủy viên, Bí thư"
    " Đảng ủy, Chủ tịch HĐND phường truyền đạt nội dung Nghị quyết. Về phương hướng, nhiệm vụ"
    " Nghị quyết nêu cụ thể 7 nhiệm, 3 khâu đột phá và 12 chỉ tiêu chủ yếu đó là: (1) Thu ngân"
    " sách nhà nước trên địa bàn tăng bình quân 10-12 %/năm theo chỉ tiêu Quận giao. (2) Tỷ lệ"
    " sinh con thứ 3 trở lên so với năm trước thấp hơn hoặc bằng. (3) Phấn đấu cuối nhiệm kỳ"
    " không còn hộ nghèo. (4) Mức giảm tỷ suất sinh thô bình quân hàng năm: 0,01%o."
)


def test_a_lead_just_before_an_inline_list_opens_it_whatever_colon_comes_earlier() -> None:
    plan = _plan(INLINE_AFTER_AN_EARLIER_COLON)
    assert [target.number for target in plan.targets] == [1, 2, 3, 4]
    assert plan.targets[0].text.startswith("Thu ngân sách nhà nước")
    assert [(q.op, q.value, q.high) for q in plan.targets[0].quantities] == [("range", 10, 12)]
    assert figures(plan.targets[3]) == [("=", 0.01, "‰")]


# vcci-hcm-tin-nq85-2019-chi-tieu-2020.txt, lines 3-9: the lead's last clause only links
# ("bao gồm:"); the clause before it sets the targets ("đưa ra 12 chỉ tiêu chủ yếu").
LEAD_ENDING_ON_A_LINK = (
    "Quốc hội thông qua Nghị quyết 85/2019/QH14 về kế hoạch phát triển kinh tế – xã hội năm"
    " 2020, trong đó thống nhất đưa ra 12 chỉ tiêu chủ yếu cần phấn đấu trong năm 2020, bao"
    " gồm:\n"
    "\n"
    "– Tổng sản phẩm trong nước (GDP) tăng khoảng 6,8%;\n"
    "\n"
    "– Tốc độ tăng giá tiêu dùng (CPI) bình quân dưới 4%;\n"
)


def test_a_lead_that_sets_targets_before_a_linking_clause_opens_its_list() -> None:
    plan = _plan(LEAD_ENDING_ON_A_LINK)
    assert [target.line for target in plan.targets] == [3, 5]
    assert figures(plan.targets[1]) == [("<", 4.0, "%")]


# A heading of results over items that open on a reached figure: the heading is line 1
# of thua-thien-hue-chi-tieu-dat-duoc-2019.txt, the items lines 19-20 of
# bo-tttt-thong-ke-de-an-thong-tin-nong-thon.txt. Reached levels are no targets.
RESULTS_HEADING = (
    "CÁC CHỈ TIÊU KINH TẾ XÃ HỘI CHỦ YẾU ĐẠT ĐƯỢC TRONG NĂM 2019\n"
    "- 99,8% số đơn vị cấp xã có thuê bao điện thoại cố định\n"
    "- 99,8% số đơn vị cấp xã có thuê bao điện thoại di động\n"
)


def test_a_heading_that_reports_results_opens_no_list() -> None:
    assert _plan(RESULTS_HEADING).targets == []


# The same result words inside a run-on lead (the inline path keeps the guard).
RESULTS_INLINE = (
    "Nhiệm kỳ qua, Đảng bộ đã đạt 12 chỉ tiêu chủ yếu đề ra: (1) Thu ngân sách tăng bình"
    " quân 12%/năm. (2) Không còn hộ nghèo."
)


def test_a_run_on_lead_that_reports_results_opens_no_list() -> None:
    assert _plan(RESULTS_INLINE).targets == []


@pytest.mark.parametrize(
    ("words", "reports"),
    [
        ("Các chỉ tiêu đã đạt được", True),
        ("Kết quả thực hiện các chỉ tiêu", True),
        ("CÁC CHỈ TIÊU CHỦ YẾU ĐẠT ĐƯỢC TRONG NĂM 2019", True),
        # phu-tho-vanbanphapluat-kh722-hiv-aids.txt, line 32: a level to reach.
        ("Mục tiêu, chỉ tiêu cần đạt được năm 2018", False),
        ("chỉ tiêu phấn đấu đạt được", False),
        ("Các chỉ tiêu chủ yếu", False),
    ],
)
def test_result_words_report_unless_a_word_of_intent_comes_before(
    words: str, reports: bool
) -> None:
    assert reports_results(words) is reports
    assert is_target_title(words) is not reports


def _long_plan(count: int) -> str:
    """A plan of the shapes that made readers run away: a very long run-on line of
    numbered targets, many short numbered paragraphs with blank lines between them, a
    long dash list and a long table joined by '|'."""
    run_on = " ".join(f"({k % 99 + 1}) Tỷ lệ số {k} đạt {k % 90 + 1}%." for k in range(count))
    lines = ["I. MỤC TIÊU", f"Đại hội nghe đồng chí: A, nêu các chỉ tiêu chủ yếu đó là: {run_on}"]
    for k in range(count):
        lines += [f"{k % 90 + 1}. Nội dung số {k}", ""]
    lines.append("Các chỉ tiêu chủ yếu:")
    lines += [f"- Chỉ tiêu {k} đạt {k % 90 + 1}%;" for k in range(count)]
    lines.append("Một số chỉ tiêu khác:")
    for k in range(count):
        lines += [f"({k % 99 + 1}) Về nhóm {k}:", f"- Chỉ tiêu nhóm {k} đạt {k % 90 + 1}%;"]
    lines.append("STT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2025")
    lines += [f"{k + 1} | Tỷ lệ số {k} | % | {k % 90}" for k in range(count)]
    return "\n".join(lines)


def test_a_long_plan_asks_each_line_for_its_lead_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    real = target_titles._names_targets

    def counted(intro: str) -> bool:
        asked.append(intro)
        return real(intro)

    monkeypatch.setattr(target_titles, "_names_targets", counted)
    text = _long_plan(300)
    plan = _plan(text)
    assert len(asked) <= 2 * len(text.split("\n"))
    dash_items = [target for target in plan.targets if target.text.startswith("Chỉ tiêu ")]
    assert len(dash_items) == 600  # 300 under the lead, 300 under "(n) Về nhóm ...:" groups
    assert not any(target.text.startswith("Về nhóm") for target in plan.targets)
    table = len(text.split("\n")) - 300  # the first of the 300 rows joined by "|"
    assert len([target for target in plan.targets if target.line >= table]) == 300


# The shape of the Sơn Lang page (gia-lai-xa-son-lang-chi-tieu-nhiem-ky.txt: "- Về kinh tế:"
# over "(1) ..." targets) with the labels the other way round: "(1) Về kinh tế:" names a
# group and sets nothing; the "-" items under it are the targets. A "(n)" that sets a figure
# keeps its "-" items as its own parts.
NUMBERED_GROUPS = (
    "Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)\n"
    "(1) Về kinh tế:\n"
    "- Thu nhập bình quân đầu người đến năm 2025: 45 triệu đồng/năm.\n"
    "- Tỷ lệ tăng thu cân đối NSĐP thực hiện so năm trước: 10% trở lên.\n"
    "(2) Về văn hóa – xã hội:\n"
    "- Tỷ lệ lao động qua đào tạo: trên 20%.\n"
)
NUMBERED_TARGET_WITH_PARTS = (
    "Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)\n"
    "(1) Tỷ lệ thôn, làng văn hóa: 100%, trong đó:\n"
    "- hộ gia đình văn hóa: 80%.\n"
    "(2) Tỷ lệ lao động qua đào tạo: trên 20%.\n"
)


def test_a_numbered_group_line_is_no_target_and_its_items_are() -> None:
    plan = _plan(NUMBERED_GROUPS)
    assert [target.line for target in plan.targets] == [3, 4, 6]
    assert figures(plan.targets[2]) == [(">", 20.0, "%")]
    plan = _plan(NUMBERED_TARGET_WITH_PARTS)
    assert [target.line for target in plan.targets] == [2, 4]
    assert [q.value for q in plan.targets[0].quantities] == [100.0, 80.0]


# A table whose rows a page joined on one line each, cells between "|" (or tabs): one
# reporting and one target column; the figure is the target year's.
JOINED_ROWS = (
    "Các chỉ tiêu chủ yếu năm 2024:\n"
    "STT | Chỉ tiêu | Đơn vị tính | Thực hiện năm 2023 | Kế hoạch năm 2024 |\n"
    "1 | Tốc độ tăng trưởng kinh tế | % | 6,8 | 7,5 |\n"
    "\n"
    "2 | Thu nhập bình quân đầu người | triệu đồng | 58 | 62 |\n"
)
# The header of a decision on a legal library page, its two columns joined by "|": no table.
JOINED_HEADER = (
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
    "Số: 30/2018/QĐ-UBND | Hải Phòng, ngày 09 tháng 10 năm 2018 |\n"
    "QUYẾT ĐỊNH\n"
)


@pytest.mark.parametrize("separator", [" | ", "\t"])
def test_a_table_whose_rows_are_joined_on_one_line_lists_its_targets(separator: str) -> None:
    plan = _plan(JOINED_ROWS.replace(" | ", separator))
    assert [(target.line, target.number) for target in plan.targets] == [(3, 1), (5, 2)]
    assert plan.targets[0].text.startswith("Tốc độ tăng trưởng kinh tế")
    assert [(q.value, q.unit_printed) for q in plan.targets[1].quantities] == [(62.0, "triệu đồng")]
    row = plan.lines[4].text
    assert plan.targets[1].span.end is not None
    assert row[: plan.targets[1].span.end].rstrip().endswith("Thu nhập bình quân đầu người")


def test_a_header_whose_columns_are_joined_by_bars_is_no_table() -> None:
    plan = _plan(JOINED_HEADER)
    assert plan.targets == []
    assert plan.tasks == []


# A heading that carries its list on its own line, the page having lost the list's line
# breaks: lettered items "a) ... b) ..." or bullets "• ... •" after the colon.
CARRIED_LETTERS = (
    "Chỉ tiêu cụ thể: a) Tỷ lệ hộ nghèo giảm còn 2%; b) Thu ngân sách đạt 100 tỷ đồng;"
    " c) Có 5 xã đạt chuẩn nông thôn mới."
)
CARRIED_BULLETS = (
    "Các chỉ tiêu chủ yếu: • Tỷ lệ hộ nghèo giảm còn 2%. • Thu ngân sách đạt 100 tỷ đồng."
)
# Letters out of order, or not right after the colon, are no list of the heading.
LETTERS_NOT_A_RUN = "Chỉ tiêu cụ thể: Tỷ lệ hộ nghèo theo điểm b) và c) Điều 3 giảm còn 2%."


def test_a_heading_carrying_lettered_items_or_bullets_lists_each() -> None:
    plan = _plan(CARRIED_LETTERS)
    assert [target.text[:14] for target in plan.targets] == [
        "Tỷ lệ hộ nghèo",
        "Thu ngân sách ",
        "Có 5 xã đạt ch",
    ]
    assert [(q.value, q.unit) for q in plan.targets[2].quantities] == [(5.0, "xã")]
    line = plan.lines[0].text
    span = plan.targets[1].span
    assert line[span.start : span.end] == plan.targets[1].text
    plan = _plan(CARRIED_BULLETS)
    assert [figures(target) for target in plan.targets] == [
        [("=", 2.0, "%")],
        [("=", 100.0, "tỷ đồng")],
    ]
    assert _plan(LETTERS_NOT_A_RUN).targets == []


# "Điều 1." and "khoản 2." in a sentence that names targets cite parts of the decision:
# no list is run on in the line, and nothing is a target.
CITED_PARTS = (
    "Quyết định này phê duyệt các chỉ tiêu chủ yếu nêu tại Điều 1. Ban hành kèm theo Quyết"
    " định; khoản 2. Giao Sở Kế hoạch theo dõi."
)


def test_numbers_after_a_noun_that_cites_a_part_number_no_inline_list() -> None:
    assert _plan(CITED_PARTS).targets == []
    # The same numbers after a lead, without the citing nouns, are a list.
    plan = _plan(CITED_PARTS.replace("Điều 1.", "1.").replace("khoản 2.", "2."))
    assert [target.number for target in plan.targets] == [1, 2]
