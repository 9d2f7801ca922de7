"""Targets written the way real pages write them (issue 14), each with a real excerpt.

Every excerpt is copied from a development document of tests/realdocs/dev (its file is
named in the test); the held-out documents are never used here.
"""

from __future__ import annotations

from extract.parse.quantities import parse_quantities
from tests.plan_text import figures as _figures
from tests.plan_text import parsed_plan as _plan

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
    assert [(figure.value, figure.unit) for figure in parse_quantities("đạt 5%0")] == [(5.0, "‰")]


# ha-noi-dang-bo-chi-tieu-2025-nhandan.txt: the page's title is the heading, a posting
# stamp stands under it, and each paragraph opens with a group before its inline list.
TITLE_STAMP_INLINE = (
    "Các chỉ tiêu chủ yếu đến năm 2025\n"
    "\n"
    "Thứ Năm, 15-10-2020, 21:49\n"
    "\n"
    "Về kinh tế: (1) Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) bình quân giai"
    " đoạn 2021 - 2025: từ 7,5 đến 8,0%/năm. (2) GRDP bình quân/người: từ 8.300 đến 8.500"
    " USD.\n"
    "\n"
    "Về văn hóa - xã hội: (11) Tỷ lệ thất nghiệp thành thị: dưới 3%. (12) Không còn hộ"
    " nghèo và hộ tái nghèo theo tiêu chuẩn của thành phố."
)


def test_a_title_of_targets_above_a_posting_stamp_opens_the_inline_lists_under_it() -> None:
    plan = _plan(TITLE_STAMP_INLINE)
    assert [(target.line, target.number) for target in plan.targets] == [
        (5, 1),
        (5, 2),
        (7, 11),
        (7, 12),
    ]
    assert _figures(plan.targets[2]) == [("<", 3.0, "%")]
    assert plan.targets[0].quantities[0].op == "range"


def test_a_posting_stamp_alone_opens_nothing() -> None:
    plan = _plan("Các chỉ tiêu chủ yếu đến năm 2025\nThứ Năm, 15-10-2020, 21:49\nMột đoạn văn.")
    assert plan.targets == []


def test_a_compared_figure_without_unit_is_a_level_a_period_alone_is_not() -> None:
    # dang-chien-luoc-ktxh-2021-2030-bannenbiet.txt
    hdi = parse_quantities("Chỉ số phát triển con người (HDI) duy trì trên 0,7.**")
    assert [(figure.op, figure.value, figure.unit) for figure in hdi] == [(">", 0.7, None)]
    life = parse_quantities(
        "Tuổi thọ bình quân đạt 75 tuổi, trong đó thời gian sống khỏe mạnh đạt tối thiểu 68 năm."
    )
    assert [(figure.op, figure.value, figure.unit) for figure in life] == [
        ("=", 75.0, "tuổi"),
        (">=", 68.0, "năm"),
    ]
    assert parse_quantities("hoàn thành trong 5 năm tới, đến năm 2025") == []
    assert parse_quantities("theo khoản 2,5 của Điều 3") == []


def test_a_title_that_looks_like_a_header_but_reads_no_field_leaves_the_lead_to_speak() -> None:
    # phu-tho-hdnd-nq11-ktxh-2023.txt: no header; the lead names the resolution.
    plan = _plan(
        "Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2023\n"
        "Ngày 9/12/2022, HĐND tỉnh ban hành Nghị quyết số 11/NQ-HĐND về kế hoạch phát triển"
        " kinh tế - xã hội năm 2023.\n"
        "Các chỉ tiêu chủ yếu:\n"
        "1. Về kinh tế:\n"
        "- Tốc độ tăng trưởng kinh tế (GRDP) phấn đấu từ 7,5% trở lên."
    )
    meta = plan.meta
    assert (meta.doc_type, meta.number, meta.issuer) == ("Nghị quyết", "11/NQ-HĐND", "HĐND tỉnh")
    assert meta.issue_date is not None and meta.issue_date.isoformat() == "2022-12-09"
    assert [reference.number for reference in meta.references] == []
    assert _figures(plan.targets[0]) == [(">=", 7.5, "%")]


# ninh-binh-xa-gia-phong-chi-tieu-chuyen-doi-so.txt: an appendix table flattened one
# cell per line, a "|" line after each cell, rows not marked.
FLAT_TABLE = "\n".join(
    [
        "STT",
        "|",
        "Tên chỉ tiêu",
        "|",
        "Giải thích chỉ tiêu",
        "|",
        "Đơn vị tính",
        "|",
        "Chỉ tiêu cụ thể",
        "|",
        "I",
        "|",
        "Đào tạo, chuyển đổi nhận thức (02 chỉ",
        "tiêu)",
        "|",
        "1",
        "|",
        "Tỷ",
        "lệ cán bộ, công chức được đào tạo, tập huấn, bồi dưỡng nâng cao nhận thức, kỹ",
        "năng số đáp ứng yêu cầu chỉ đạo, triển khai chuyển đổi số tại xã",
        "|",
        "Số",
        "cán bộ, công chức tại xã được bồi dưỡng, tập huấn",
        "|",
        "%",
        "|",
        "100",
        "|",
        "2",
        "|",
        "Tỷ",
        "lệ người dân trưởng thành, các doanh nghiệp, đơn vị, tổ chức được thông tin,",
        "|",
        "Số",
        "người dân ở độ tuổi trưởng thành",
        "|",
        "%",
        "|",
        "100",
        "|",
        "II",
        "|",
        "Hạ tầng số (05 chỉ tiêu)",
        "|",
        "|",
        "|",
        "1",
        "|",
        "Tỷ",
        "lệ cán bộ, công chức được trang bị máy vi tính, các thiết bị phụ trợ cần",
    ]
)


def test_a_table_flattened_into_bar_separated_cells_lists_its_targets() -> None:
    plan = _plan(FLAT_TABLE)
    assert [(target.line, target.number) for target in plan.targets] == [(16, 1), (29, 2), (47, 1)]
    assert plan.targets[0].text.startswith("Tỷ lệ cán bộ, công chức được đào tạo")
    assert [_figures(target) for target in plan.targets] == [
        [("=", 100.0, "%")],
        [("=", 100.0, "%")],
        [],  # the text is cut before the row's figure
    ]
    assert plan.tasks == []


def test_bars_without_a_header_of_items_make_no_table() -> None:
    # A flattened page header ("ỦY BAN NHÂN DÂN" / "|" / "CỘNG HÒA ...") is no table of items.
    plan = _plan("ỦY BAN NHÂN DÂN\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: 54/KH-UBND\n|")
    assert plan.targets == [] and plan.tasks == []


def test_a_heading_of_targets_that_lost_its_marked_vowels_still_opens_its_list() -> None:
    # ha-noi-ubnd-kh85-tai-nan-thuong-tich.txt: the PDF lost "ụ" twice in the heading.
    plan = _plan(
        "I. MỤC TIÊU\n"
        "1. Mục tiêu chung\n"
        "Nâng cao nănglực phòng, chống tai nạn thương tích.\n"
        "2. Mc tiêu c thể\n"
        "- 100% sở, ngành, đoàn thể (BCĐ thànhph) và BCĐ các quận, huyện, thị xã đẩy mạnh"
        " các hoạt độngthông tin, tuyên truyn."
    )
    assert [(target.line, _figures(target)) for target in plan.targets] == [
        (5, [("=", 100.0, "%")])
    ]
    # A heading whose words all keep a vowel is read as written: no guess.
    plain = _plan("I. MỤC TIÊU\n1. Mục tiêu chung\n- 100% sở, ngành tuyên truyền.")
    assert plain.targets == []


# thanh-hoa-qd969-chi-tieu-chuyen-doi-so-muong-lat.txt: a lead without a colon announces
# the list ("... về việc giao chỉ tiêu ... Cụ thể như sau"), then numbered parts.
ASSIGNED = (
    "Ngày 18/3/2022, Chủ tịch UBND tỉnh Thanh Hóa ban hành Quyết định số 969/QĐ-UBND về việc"
    " giao chỉ tiêu thực hiện chuyển đổi số cấp huyện, cấp xã trên địa bàn tỉnh Thanh Hóa giai"
    " đoạn 2022-2025. Cụ thể như sau\n"
    "\n"
    "             1. Chuyển đổi số cấp huyện\n"
    "\n"
    "            Đến năm 2025, hoàn thành chuyển đổi số tại 12 huyện, thị xã, thành phố:"
    " Thành phố Thanh Hoá, thành phố Sầm Sơn.\n"
    "\n"
    "            2. Chuyển đổi số cấp xã\n"
    "\n"
    "            Số xã, phường, thị trấn tại các huyện, thị xã, thành phố hoàn thành chuyển"
    " đổi số theo từng năm, cụ thể như sau:\n"
    "\n"
    "            - Năm 2022: 94 xã, phường, thị trấn.\n"
    "\n"
    "            - Năm 2023: 132 xã, phường, thị trấn."
)


def test_a_lead_that_assigns_targets_announces_the_list_after_it() -> None:
    plan = _plan(ASSIGNED)
    assert [(target.line, _figures(target)) for target in plan.targets] == [
        # Administrative nouns listed together are one unit (tests/realdocs/README.md).
        (3, [("=", 12.0, "huyện, thị xã, thành phố")]),
        (11, [("=", 94.0, "xã, phường, thị trấn")]),
        (13, [("=", 132.0, "xã, phường, thị trấn")]),
    ]
    # The same list after a lead that only reports on targets sets none.
    reported = ASSIGNED.replace("về việc giao chỉ tiêu", "về kết quả thực hiện chỉ tiêu")
    assert _plan(reported).targets == []
