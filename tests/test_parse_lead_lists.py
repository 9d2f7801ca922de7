"""Target lists under leads and group headings (issue 14, session lists14), real excerpts.

Every excerpt is copied from a development document of tests/realdocs/dev (its file is
named beside it); the held-out documents are never used here.
"""

from __future__ import annotations

from tests.plan_text import parsed_plan as _plan

# thua-thien-hue-ubnd-ke-hoach-ktxh-2024.txt: "1. Mục tiêu" is a bare heading over a
# paragraph of general goals; the targets come under "2. Chỉ tiêu ..." (cut before them).
BARE_GOAL_HEADING = (
    "(Theo Quyết định số 1/QĐ-UBND ngày 01/01/2024 của UBND tỉnh)\n"
    "I. MỤC TIÊU, CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU\n"
    "1. Mục tiêu\n"
    "Tập trung hoàn thành các chương trình, đề án phục vụ mục tiêu xây dựng Thừa Thiên Huế"
    " thành phố trực thuộc Trung ương. Tăng cường sức chống chịu nền kinh tế; đẩy mạnh cơ cấu"
    " lại các ngành, lĩnh vực và trong nội ngành gắn với đổi mới mô hình tăng trưởng, nâng cao"
    " năng suất, chất lượng, hiệu quả, sức cạnh tranh.\n"
    "2. Chỉ tiêu kinh tế - xã hội năm 2024\n"
    "Các Sở, ban, ngành theo chức năng, nhiệm vụ chủ trì tổng hợp, theo dõi, tham mưu đề xuất"
    " chỉ đạo và chịu trách nhiệm thực hiện các chỉ tiêu theo kế hoạch ngành; trong"
)


def test_a_bare_goal_heading_over_a_paragraph_is_no_target() -> None:
    assert _plan(BARE_GOAL_HEADING).targets == []


# soc-trang-dang-bo-chi-tieu-2020-2025-issuu.txt: a magazine dropped the heading's first
# word ("[MỘT] SỐ CHỈ TIÊU"); "số" still counts the targets listed under it.
COUNTED_HEADING = (
    "Next Article\n"
    "SỐ CHỈ TIÊU\n"
    "\n"
    "SỐ CHỈ TIÊU\n"
    "\n"
    "• Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) theo giá so sánh năm 2010 bình quân 5"
    " năm (2021-2025) đạt 8,0%.\n"
    "\n"
    "• Sản lượng thuỷ, hải sản đến cuối nhiệm kỳ đạt 417.000 tấn trở lên.\n"
    "\n"
    "• Tỷ lệ trường đạt chuẩn quốc gia đến cuối nhiệm kỳ đạt "
)


def test_a_heading_that_counts_its_targets_opens_their_list() -> None:
    plan = _plan(COUNTED_HEADING)
    assert [target.line for target in plan.targets] == [6, 8, 10]
    assert [(q.op, q.value, q.unit) for q in plan.targets[1].quantities] == [
        (">=", 417000.0, "tấn")
    ]


# thua-thien-hue-tinh-uy-chi-tieu-giao-duc.txt: a long title of targets alone on its line,
# under a page's category that ends without a stop, over "–" items.
LONG_TITLE = (
    "Văn hoá – Xã hội\n"
    "\n"
    "Một số Chỉ tiêu chủ yếu về việc phát triển sự nghiệp giáo dục và đào tạo tỉnh Thừa"
    " Thiên Huế\n"
    "\n"
    "– Huy động học sinh vào nhà trẻ đạt 12% vào năm 2005 và 18% vào năm 2010.\n"
    "– Tỷ lệ trẻ em khuyết tật được đến trường để giáo dục hoà nhập đạt 50% vào năm 2005 và"
    " 70% vào năm 2010."
)


def test_a_long_title_of_targets_alone_on_its_line_opens_their_list() -> None:
    plan = _plan(LONG_TITLE)
    assert [target.line for target in plan.targets] == [5, 6]
    assert [q.value for q in plan.targets[1].quantities] == [50.0, 70.0]


def test_a_sentence_about_targets_is_no_title() -> None:
    # The same words closed by a stop and followed by prose: a sentence, not a heading.
    plan = _plan(LONG_TITLE.replace("Thiên Huế\n", "Thiên Huế đã đạt.\n").replace("– ", ""))
    assert plan.targets == []


# thanh-hoa-phuong-dong-son-muc-tieu-2020.txt: a heading in capitals under a page's visit
# counter, a group line "* Về ...:" before the first item and another between items.
CAPITALS_UNDER_A_COUNTER = (
    "Tất cả:\n"
    "151242\n"
    "PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ ĐẾN NĂM 2020\n"
    " \n"
    "* Về kinh tế:\n"
    "\n"
    "- Cơ cấu kinh tế: Dịch vụ - thương mại 70,22%; công nghiệp - xây dựng 21,18%; nông,"
    " lâm nghiệp 8,58%.\n"
    "\n"
    " - Tổng vốn đầu tư toàn xã hội 196,6 tỷ đồng, tăng 2,8 lần so với năm 2015.\n"
    "\n"
    "* Về văn hóa – xã hội:\n"
    "\n"
    "- Tỷ lệ tăng dân số tự nhiên hàng năm 1%.\n"
    "\n"
    "- Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng 6%, giảm 2% so với năm 2015."
)


def test_a_heading_in_capitals_after_a_counter_lists_targets_across_its_groups() -> None:
    plan = _plan(CAPITALS_UNDER_A_COUNTER)
    assert [target.line for target in plan.targets] == [7, 9, 13, 15]
    assert not any("Về" in target.text for target in plan.targets)


# binh-dinh-ubnd-qd797-dinh-duong.txt: "Mục tiêu 1: ..." states goal 1 itself; it is no
# heading of targets (a number is no qualifier like "cụ thể").
NUMBERED_GOAL = (
    "1. Mục tiêu chung:\n"
    "Đến năm 2020, bữa ăn của người dân được cải thiện về số lượng, cân đối hơn về chất"
    " lượng, bảo đảm an toàn vệ sinh.\n"
    "2. Mục tiêu cụ thể:\n"
    "2.1. Mục tiêu 1: Tiếp tục cải thiện về số lượng, nâng cao chất lượng bữa ăn của người"
    " dân.\n"
    "Chỉ tiêu cụ"
)


def test_a_numbered_goal_stated_after_its_number_is_a_target() -> None:
    plan = _plan(NUMBERED_GOAL)
    assert [target.line for target in plan.targets] == [4]
    assert plan.targets[0].text.startswith("Mục tiêu 1: Tiếp tục cải thiện")


# quoc-hoi-dienbien-tin-nq25-nong-thon-moi.txt: a lead "Theo đó, ... mục tiêu cụ thể ...:"
# over "- " items, then a sentence of the page that is none of them.
LEAD_THEN_PROSE = (
    "Theo đó, Quốc hội đặt ra đặt mục tiêu cụ thể đến năm 2025:\n"
    "- Phấn đấu cả nước có ít nhất 15 tỉnh, thành phố trực thuộc trung ương được công nhận"
    " hoàn thành nhiệm vụ xây dựng nông thôn mới;\n"
    "- Phấn đấu 60% số thôn, bản thuộc các xã đặc biệt khó khăn khu vực biên giới, vùng núi,"
    " vùng bãi ngang ven biển và hải đảo được công nhận đạt chuẩn nông thôn mới theo các tiêu"
    " chí nông thôn mới do UBND cấp tỉnh quy định.\n"
    "Nghị quyết 25/2021/QH15 có hiệu lực thi hành từ ngày 11/9/2021."
)


def test_the_sentence_after_a_list_under_a_lead_is_none_of_its_items() -> None:
    plan = _plan(LEAD_THEN_PROSE)
    assert [target.line for target in plan.targets] == [2, 3]
    assert plan.targets[1].text.endswith("do UBND cấp tỉnh quy định.")


def test_the_next_targets_own_number_glued_to_a_stop_starts_it() -> None:
    # soc-trang-dang-bo-chi-tieu-2020-2025-issuu.txt, line 24: the page lost the line break
    # (and the bullet) before target (9).
    text = COUNTED_HEADING.replace(
        "• Sản lượng thuỷ, hải sản đến cuối nhiệm kỳ đạt 417.000 tấn trở lên.",
        "• Chỉ số sản xuất công nghiệp tăng bình quân mỗi năm từ 21% trở lên.(9) Giá trị xuất"
        " khẩu hàng hoá đến cuối nhiệm kỳ đạt 1,2 tỷ USD.",
    )
    plan = _plan(text)
    openings = [target.text[:14] for target in plan.targets[1:3]]
    assert openings == ["Chỉ số sản xuấ", "Giá trị xuất k"]
    assert [q.value for q in plan.targets[2].quantities] == [1.2]
