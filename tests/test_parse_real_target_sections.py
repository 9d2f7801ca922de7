"""Target sections recognised by what they are (issue 14), each with a real excerpt.

A heading that speaks of targets opens a list wherever it stands: after an image
caption or an item without a full stop, as a numbered heading the tree left empty.
Every excerpt is copied from a development document of tests/realdocs/dev (its
file is named in the test); the held-out documents are never used here.
"""

from __future__ import annotations

from extract.parse.quantities import parse_quantities
from tests.plan_text import figures as _figures
from tests.plan_text import parsed_plan as _plan

# lao-cai-hdnd-25-chi-tieu-2024-laocaitv.txt: leads that count the targets of each
# group, after items that end without a full stop.
COUNTED_LEADS = (
    "11 chỉ tiêu kinh tế gồm:\n"
    "\n"
    "- Tỷ lệ đô thị hóa: 33,5%\n"
    "\n"
    "- Hộ gia đình được sử dụng điện lưới quốc gia: 97,8%\n"
    "\n"
    "8 chỉ tiêu xã hội gồm:\n"
    "\n"
    "- Tỷ lệ trường học đạt chuẩn quốc gia: 68%\n"
    "\n"
    "- 72 xã đạt 19 tiêu chí nông thôn mới\n"
    "\n"
    "3 chỉ tiêu môi trường gồm:\n"
    "\n"
    "- Tỷ lệ che phủ rừng 59,2%"
)


def test_a_lead_after_an_unfinished_item_opens_its_own_list_and_ends_the_item() -> None:
    plan = _plan(COUNTED_LEADS)
    assert [target.line for target in plan.targets] == [3, 5, 9, 11, 15]
    assert plan.targets[1].text == "Hộ gia đình được sử dụng điện lưới quốc gia: 97,8%"
    assert _figures(plan.targets[1]) == [("=", 97.8, "%")]
    assert "chỉ tiêu môi trường" not in plan.targets[3].text


# gia-lai-huyen-duc-co-chi-tieu-2023.txt: the heading stands under an image caption.
UNDER_A_CAPTION = (
    "Untitled.png\n"
    "Ảnh minh họa\n"
    "Các chỉ tiêu chủ yếu năm 2023:\n"
    "1. Giá trị sản xuất: 6.862,8 tỷ đồng (trong đó: Giá trị sản xuất nông, lâm nghiệp và"
    " thủy sản: 2.786 tỷ đồng; Giá trị sản xuất công nghiệp, TTCN xà Xây dựng: 1.385,91 tỷ"
    " đồng; Giá trị sản xuất dịch vụ: 2.690,9 tỷ đồng).\n"
    "2. Thu nhập bình quân đầu người/năm: 44,0 triệu đồng.\n"
    "3. Tổng vốn đầu tư toàn xã hội: 928,0 tỷ đồng.\n"
    "4. Tổng thu ngân sách nhà nước trên địa bàn: 567.209,0 triệu đồng.\n"
    "5. Xây dựng nông thôn mới, đô thị văn minh:\n"
    "Duy trì và nâng cao 03 xã đạt chuẩn nông thô"
)


def test_a_heading_of_targets_under_an_image_caption_opens_its_numbered_list() -> None:
    plan = _plan(UNDER_A_CAPTION)
    assert [target.line for target in plan.targets] == [4, 5, 6, 7, 8]
    assert _figures(plan.targets[0])[0] == ("=", 6862.8, "tỷ đồng")
    assert _figures(plan.targets[4]) == [("=", 3.0, "xã")]  # its figure on the line below


def test_a_wrapped_line_in_lower_case_is_no_heading() -> None:
    # The same words continuing an unfinished sentence are prose, not a heading.
    plan = _plan(
        "Năm 2023 huyện tiếp tục rà soát, đánh giá\n"
        "các chỉ tiêu chủ yếu năm 2023:\n"
        "1. Giá trị sản xuất: 6.862,8 tỷ đồng.\n"
        "2. Thu nhập bình quân đầu người/năm: 44,0 triệu đồng."
    )
    assert plan.targets == []


# gia-lai-phuong-hoi-phu-chi-tieu-nhiem-ky.txt: "2. Các chỉ tiêu ..." over a list
# numbered again from 1 (the tree reads the items as its siblings).
NUMBERED_AGAIN = (
    "I- MỤC TIÊU TỔNG QUÁT VÀ CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2020 - 2025\n"
    "1. Mục tiêu tổng quát: Tiếp tục huy động mọi nguồn lực, khai thác tốt các tiềm năng.\n"
    "2. Các chỉ tiêu chủ yếu đến năm 2025\n"
    "          1. Duy trì cơ cấu kinh tế: Thương mại -Dịch vụ - Công nghiệp - Xây dựng – Nông"
    " nghiệp. Tỷ trọng cơ cấu kinh tế: Thương mại-Dịch vụ chiếm 52%, Công nghiệp-Xây dựng"
    " chiếm 43%, Nông nghiệp chiếm 5%.\n"
    "2. Thu ngân sách Nhà nước theo phân cấp tăng 5% hàng năm.\n"
    "3. Tỷ lệ tăng dân số tự nhiên hàng năm 1,1%.\n"
    "4. Phấn đấu đến năm 2025 không còn hộ nghèo trên địa bàn phường.\n"
    "5. Tỷ lệ lao động qua đào tạo: 88,7%."
)


def test_a_numbered_heading_of_targets_over_a_list_numbered_again_holds_that_list() -> None:
    plan = _plan(NUMBERED_AGAIN)
    assert [(target.line, target.number) for target in plan.targets] == [
        (4, 1),
        (5, 2),
        (6, 3),
        (7, 4),
        (8, 5),
    ]
    assert _figures(plan.targets[0]) == [("=", 52.0, "%"), ("=", 43.0, "%"), ("=", 5.0, "%")]
    # "4. Phấn đấu ... không còn hộ nghèo" sets no figure: a qualitative target.
    assert plan.targets[3].quantities == []
    assert len({target.id for target in plan.targets}) == 5


# thanh-hoa-phuong-quang-trung-muc-tieu-2015-2020.txt: a heading that lists goals with
# other parts, over items that each set figures.
LISTED_WITH_OTHER_PARTS = (
    "PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ CHỦ YẾU NHIỆM KỲ 2015- 2020:\n"
    "\n"
    "1. Về Kinh tế:\n"
    "\n"
    "- Tổng vốn đầu tư toàn xã hội 5 năm đạt: 187,2 tỷ.đ, tăng 0,33 lần so với thời kỳ"
    " 2010 - 2015.\n"
    "\n"
    "- Sản lượng lương thực có hạt bình quân hàng năm: 1.734 tấn, giảm 0,3 lần so với năm"
    " 2015.\n"
    "\n"
    "- Tỷ lệ tăng thu ngân sách hàng năm: 12%. Tổng Thu - Chi Ngân sách 5 năm là 33,96 tỷ"
    " đồng.\n"
    "\n"
    "- Thu nhập bình quân đầu người/năm: 50 triệu đ"
)


def test_a_heading_that_lists_goals_with_other_parts_holds_items_that_set_figures() -> None:
    plan = _plan(LISTED_WITH_OTHER_PARTS)
    assert [target.line for target in plan.targets] == [5, 7, 9, 11]
    assert _figures(plan.targets[1]) == [("=", 1734.0, "tấn"), ("=", 0.3, "lần")]


def test_a_heading_that_lists_goals_with_other_parts_over_prose_holds_none() -> None:
    # hà nội kh168 (dev) opens "I. MỤC TIÊU, YÊU CẦU" over aims without figures; one
    # figure among prose aims does not make them targets.
    plan = _plan(
        "I. MỤC TIÊU, YÊU CẦU\n"
        "1. Nâng cao nhận thức của cán bộ, giáo viên về văn hóa ứng xử.\n"
        "2. Phấn đấu 100% trường học xây dựng bộ quy tắc ứng xử.\n"
        "3. Việc triển khai phải thiết thực, hiệu quả, phù hợp điều kiện từng trường.\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Tuyên truyền, nâng cao nhận thức."
    )
    assert plan.targets == []


def test_a_section_that_reports_on_goals_lists_none() -> None:
    # tra-vinh-ubnd-kh122-chuyen-doi-so-2025.txt: last year's results, with figures.
    plan = _plan(
        "I. TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU NĂM 2024\n"
        "1. Về hạ tầng số: 100% xã, phường, thị trấn được phủ băng rộng cáp quang.\n"
        "2. Về dữ liệu và nền tảng số: 13/17 dịch vụ dữ liệu, đạt 76,5% mục tiêu.\n"
        "3. Về nhân lực số: 100% cán bộ, công chức, viên chức được tuyên truyền."
    )
    assert plan.targets == []


def test_a_figure_in_the_name_before_the_colon_defines_the_indicator() -> None:
    # lao-cai-hdnd-25-chi-tieu-2024-laocaitv.txt: "trên 1 vạn dân" is per, not a level.
    figures = parse_quantities("Số giường bệnh trên 1 vạn dân: 45,7 giường; 14,5 bác sĩ/vạn dân")
    assert [(f.op, f.value, f.unit) for f in figures] == [
        ("=", 45.7, "giường"),
        ("=", 14.5, "bác sĩ/vạn dân"),
    ]
    # A figure in its own clause before a later colon stays a value.
    kept = parse_quantities("Sản lượng lúa:2.961 tấn; Sản lượng bắp: 14 tấn")
    assert [f.value for f in kept] == [2961.0, 14.0]
    kept = parse_quantities("Thực hiện tổng diện tích gieo trồng 772 ha, trong đó: + Lúa 507 ha")
    assert [f.value for f in kept] == [772.0, 507.0]


def test_a_whole_number_alone_after_the_name_colon_is_a_bare_count() -> None:
    # thanh-hoa-phuong-quang-trung-muc-tieu-2015-2020.txt, line 21.
    figures = parse_quantities(
        "Số trang trại, gia trại trên địa bàn vào năm 2020: 70, trong đó: 15 trang trại, 55 gia"
        " trại, tăng 20 trang, gia trại so với năm 2015."
    )
    assert [(f.value, f.unit) for f in figures] == [
        (70.0, None),
        (15.0, "trang trại"),
        (55.0, "gia trại"),
        (20.0, "trang"),
    ]
    # A year after the colon, or a figure going on into words, is no bare count.
    assert parse_quantities("Năm 2025: 2030.") == []
    assert [f.unit for f in parse_quantities("Tổng đàn: 3.200 con")] == ["con"]


# Qualitative targets count (the lead's decision on issue 14): a labelled item of a
# target section that states something to achieve is a target, figure or not; a
# group line, a general goal and a heading are not.

# dang-chien-luoc-ktxh-2021-2030-bannenbiet.txt: bare group lines "1. Về kinh tế"
# (no colon) over en-dash items.
BARE_GROUPS = (
    "Các chỉ tiêu chủ yếu của Chiến lược là:\n"
    "\n"
    "1. Về kinh tế\n"
    "\n"
    "– Tỷ lệ đô thị hóa đạt trên 50%.\n"
    "\n"
    " – Đóng góp của năng suất nhân tố tổng hợp (TFP) vào tăng trưởng đạt 50%.\n"
    "\n"
    "2. Về xã hội\n"
    "\n"
    "–  Chỉ số phát triển con người (HDI) duy trì trên 0,7.**\n"
    "\n"
    "3. Về môi trường\n"
    "\n"
    "– Tỷ lệ che phủ rừng ổn định ở mức 42%.\n"
    "\n"
    "–  100% các cơ sở sản xuất kinh doanh đạt quy chuẩn về môi trường."
)


def test_a_bare_group_line_over_its_items_is_no_target() -> None:
    plan = _plan(BARE_GROUPS)
    assert [target.line for target in plan.targets] == [5, 7, 11, 15, 17]
    assert not any(target.text.startswith("Về ") for target in plan.targets)


# gia-lai-xa-son-lang-chi-tieu-nhiem-ky.txt: "- Về kinh tế:" groups over "(n)" items,
# two of which set no figure.
GROUPS_OVER_NUMBERED = (
    "Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)\n"
    "- Về kinh tế:\n"
    "(2) Thu nhập bình quân đầu người đến năm 2025: 45 triệu đồng/năm.\n"
    "(3) Tỷ lệ tăng thu cân đối NSĐP thực hiện so năm trước: 10% trở lên.\n"
    "(4) Đến năm 2025 xây dựng xã cơ bản đạt nông thôn mới nâng cao.\n"
    "- Về văn hóa – xã hội:\n"
    "(10) Số trường học đạt chuẩn Quốc gia: 04 trường.\n"
    "(11) Duy trì xã đạt chuẩn quốc gia về y tế.\n"
    "(12) Tỷ lệ hộ dân được sử dụng nước sạch, hợp vệ sinh: 98%."
)


def test_figureless_items_among_numbered_targets_are_targets_and_groups_are_not() -> None:
    plan = _plan(GROUPS_OVER_NUMBERED)
    assert [target.number for target in plan.targets] == [2, 3, 4, 10, 11, 12]
    qualitative = [target.number for target in plan.targets if not target.quantities]
    assert qualitative == [4, 11]


def test_a_figureless_numbered_item_is_a_target_but_a_general_goal_is_not() -> None:
    # gia-lai-phuong-hoi-phu-chi-tieu-nhiem-ky.txt (NUMBERED_AGAIN above): line 2 is the
    # general goal "1. Mục tiêu tổng quát: ...", line 7 a target without a figure.
    plan = _plan(NUMBERED_AGAIN)
    assert 2 not in [target.line for target in plan.targets]
    assert plan.targets[3].text == "Phấn đấu đến năm 2025 không còn hộ nghèo trên địa bàn phường."


# ha-noi-ubnd-kh168-van-hoa-ung-xu-truong-hoc.txt: a general goal in prose, then
# "Mục tiêu cụ thể" over dash items wrapped over lines; the text is cut after "- Phấn".
GENERAL_THEN_SPECIFIC = (
    "I. MỤC TIÊU, YÊU CẦU\n"
    "1. Mục tiêu chung\n"
    "Tăng cường xây dựng văn hóa ứng xử\n"
    "trong trường học, xây dựng văn hóa trường học lành mạnh, thân thiện.\n"
    "2. Mục tiêu cụ thể\n"
    "- 100% trường học xây dựng và thực hiện\n"
    "quy tắc ứng xử trong trường học theo hướng dẫn của Bộ Giáo dục và Đào tạo.\n"
    "- Hằng năm, 100% cán bộ quản lý, nhà\n"
    "giáo, nhân viên, học sinh, sinh viên được tuyên truyền.\n"
    "- Phấn "
)


def test_the_cut_last_item_of_a_list_of_targets_counts_and_the_general_goal_does_not() -> None:
    plan = _plan(GENERAL_THEN_SPECIFIC)
    assert [(target.line, target.text) for target in plan.targets][2:] == [(10, "Phấn")]
    assert [target.line for target in plan.targets] == [6, 8, 10]


# ninh-binh-ubnd-kh149-tai-nan-thuong-tich-tre-em.txt: a lettered goal that closes its
# sentence but sets no figure, over dash items of its own: a group, not a target.
GOAL_OVER_ITS_ITEMS = (
    "2. Mục tiêu cụ thể\n"
    "\n"
    "a) Mục tiêu 1: Giảm tỷ lệ tai nạn, thương tích và tử vong do tai nạn, thương tích của"
    " trẻ em.\n"
    "\n"
    "- Hằng năm giảm 5-10% số trẻ em bị tử vong và bị thương do tai nạn giao thông đường bộ.\n"
    "\n"
    "- Giảm 10% số trẻ em bị tử vong do đuối nước năm 2025 và 20% vào năm 2030."
)


def test_a_figureless_item_over_items_of_a_lower_rank_is_a_group() -> None:
    plan = _plan(GOAL_OVER_ITS_ITEMS)
    assert [target.line for target in plan.targets] == [5, 7]


# quoc-hoi-thanhnien-de-an-dan-toc-thieu-so.txt: the heading carries its whole dash list
# on its own line; an item may open on a figure ("- 100% xã ...").
CARRIED_LIST = (
    "Mục tiêu cụ thể của đề án đến năm 2025: - Thu nhập bình quân của người dân tộc thiểu số"
    " tăng ít nhất 2,5 lần so với năm 2020; giảm 30% số xã đặc biệt khó khăn. - Trên 80% lao"
    " động từ 18 tuổi trở lên có việc làm với thu nhập ổn định. - Quy hoạch và bố trí, sắp xếp"
    " ổn định 50% số hộ di cư tự phát; từng bước sắp xếp ổn định số hộ cư trú phân tán trong"
    " các khu rừng phòng hộ, khu vực có nguy cơ xảy ra lũ ống, lũ quyết, sạt lở đất. - 100% xã"
    " có trường mầm non, tiểu học, trung học cơ sở đủ cơ sở vật chất đáp ứng yêu cầu dạy và học."
)


def test_a_heading_carrying_its_dash_list_on_its_line_holds_each_item() -> None:
    plan = _plan(CARRIED_LIST)
    assert [target.text[:20] for target in plan.targets] == [
        "Thu nhập bình quân c",
        "Trên 80% lao động từ",
        "Quy hoạch và bố trí,",
        "100% xã có trường mầ",
    ]
    assert [_figures(target)[0][1] for target in plan.targets] == [2.5, 80.0, 50.0, 100.0]
    last = plan.targets[3]
    assert last.span is not None and CARRIED_LIST[last.span.start : last.span.end] == last.text
