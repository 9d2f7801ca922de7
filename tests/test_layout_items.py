"""Layout restoring (issues 14 and 19): where a pasted list's items begin, and where they do not.

Each case is a real excerpt (shortened) from a development document of tests/realdocs
joined onto one line, as a web page pastes it; the counter-cases keep what must stay whole.
"""

from __future__ import annotations

from extract.layout import restore_layout
from extract.model import Line


def _restored(text: str) -> list[str]:
    return [line.raw for line in restore_layout([Line(number=1, raw=text, text=text)])]


def test_a_dash_inside_a_sectors_name_opens_no_item() -> None:
    # Thanh Hóa, phường Quảng Trung, targets 2015-2020: sectors named "Dịch vụ - Thương
    # mại" after a colon or a semicolon, each with its figure.
    text = (
        "KẾ HOẠCH Số: 1/KH-UBND I. MỤC TIÊU 1. Về Kinh tế: - Tổng giá trị sản xuất kinh doanh "
        "trên địa bàn đến năm 2020 đạt: 396,1 tỷ.đ, tăng 0,7 lần so với năm 2015; Trong đó: "
        "Dịch vụ - Thương mại: 225,3 tỷ.đ; Công nghiệp - Xây dựng: 101,3 tỷ.đ; Nông - Lâm "
        "nghiệp, thủy sản: 69,5 tỷ.đ. - Cơ cấu kinh tế: Dịch vụ - Thương mại: 56,9%; Công "
        "nghiệp - Xây dựng: 25,6%."
    )
    assert _restored(text)[-2:] == [
        "- Tổng giá trị sản xuất kinh doanh trên địa bàn đến năm 2020 đạt: 396,1 tỷ.đ, tăng "
        "0,7 lần so với năm 2015; Trong đó: Dịch vụ - Thương mại: 225,3 tỷ.đ; Công nghiệp - "
        "Xây dựng: 101,3 tỷ.đ; Nông - Lâm nghiệp, thủy sản: 69,5 tỷ.đ.",
        "- Cơ cấu kinh tế: Dịch vụ - Thương mại: 56,9%; Công nghiệp - Xây dựng: 25,6%.",
    ]


def test_a_label_blocks_labels_open_their_lines_after_a_short_name() -> None:
    # The corpus ward plan's block: a body's name of two words, then the next label.
    text = (
        "KẾ HOẠCH Số: 1/KH-UBND I. MỤC TIÊU (3) Ban thanh tra nhân dân hoạt động có hiệu quả "
        "đạt từ 85% trở lên. - *Cơ quan lãnh đạo*: Đảng ủy - *Cơ quan tham mưu*: Mặt trận "
        "phường - *Thời gian thực hiện*: thường xuyên"
    )
    assert _restored(text)[-3:] == [
        "- *Cơ quan lãnh đạo*: Đảng ủy",
        "- *Cơ quan tham mưu*: Mặt trận phường",
        "- *Thời gian thực hiện*: thường xuyên",
    ]


def test_a_dash_after_a_figure_and_its_unit_opens_the_next_target() -> None:
    # Laocaitv's 25 targets of Lào Cai for 2024, each "- ..." without a full stop.
    text = (
        "KẾ HOẠCH Số: 1/KH-UBND I. MỤC TIÊU 1. Chỉ tiêu kinh tế: - Giá trị sản xuất công "
        "nghiệp: 52.200 tỷ đồng - Tổng khách du lịch trên 8 triệu lượt; Doanh thu đạt 25.700 "
        "tỷ đồng - Số giường bệnh trên 1 vạn dân: 45,7 giường; 14,5 bác sĩ/vạn dân - Tỷ lệ "
        "tăng dân số tự nhiên dưới 1,2% - Tỷ lệ bao phủ BHYT đạt trên 97%"
    )
    assert _restored(text)[-5:] == [
        "- Giá trị sản xuất công nghiệp: 52.200 tỷ đồng",
        "- Tổng khách du lịch trên 8 triệu lượt; Doanh thu đạt 25.700 tỷ đồng",
        "- Số giường bệnh trên 1 vạn dân: 45,7 giường; 14,5 bác sĩ/vạn dân",
        "- Tỷ lệ tăng dân số tự nhiên dưới 1,2%",
        "- Tỷ lệ bao phủ BHYT đạt trên 97%",
    ]


def test_a_bracket_or_emphasis_after_the_figure_still_ends_the_target() -> None:
    # Nông Cống's targets ("(còn 7%) - Khai trương ...") and the Party's strategy page
    # ("... trên 0,7.** – Tuổi thọ ...", the emphasis closing after the full stop).
    text = (
        "KẾ HOẠCH Số: 1/KH-UBND I. MỤC TIÊU 1. Về xã hội - Tỷ lệ hộ nghèo giảm 3% trở lên "
        "(còn 7%) - Khai trương xây dựng 15 làng văn hóa. 2. Về con người – Chỉ số phát "
        "triển con người (HDI) duy trì trên 0,7.** – Tuổi thọ bình quân đạt 75 tuổi."
    )
    restored = _restored(text)
    assert "- Khai trương xây dựng 15 làng văn hóa." in restored
    assert restored[-1] == "– Tuổi thọ bình quân đạt 75 tuổi."


def test_a_heading_before_a_run_of_dashes_stands_on_its_own_line() -> None:
    # Quốc hội's 2006 targets ("2. Các chỉ tiêu chủ yếu - Tổng sản phẩm ...; - ...") and
    # Nông Cống's ("... 3 tiêu chí. Về xã hội - Xây dựng 6 trường ... . - Xây dựng ...").
    text = (
        "NGHỊ QUYẾT Số: 1/NQ-QH I. MỤC TIÊU 1. Mục tiêu tổng quát Phát triển kinh tế nhanh, "
        "bền vững. 2. Các chỉ tiêu chủ yếu - Tổng sản phẩm trong nước (GDP) tăng 8%; - Tổng "
        "kim ngạch xuất khẩu tăng 16,4%; - Các xã còn lại tăng từ 2 đến 3 tiêu chí. Về xã "
        "hội - Xây dựng 6 trường đạt chuẩn quốc gia. - Xây dựng 3 xã đạt bộ tiêu chí quốc "
        "gia về y tế."
    )
    assert _restored(text)[-7:] == [
        "2. Các chỉ tiêu chủ yếu",
        "- Tổng sản phẩm trong nước (GDP) tăng 8%;",
        "- Tổng kim ngạch xuất khẩu tăng 16,4%;",
        "- Các xã còn lại tăng từ 2 đến 3 tiêu chí.",
        "Về xã hội",
        "- Xây dựng 6 trường đạt chuẩn quốc gia.",
        "- Xây dựng 3 xã đạt bộ tiêu chí quốc gia về y tế.",
    ]


def test_a_dash_in_a_range_a_name_or_a_sentence_opens_no_run() -> None:
    # A range (Thanh Niên's page of the ethnic minorities' scheme), a name in title case
    # (Quảng Trung's "Tổng Thu - Chi"), a dash inside a long sentence (the town plan).
    text = (
        "KẾ HOẠCH Số: 1/KH-UBND I. MỤC TIÊU 1. Chỉ tiêu: - Đảm bảo có từ 10 - 12% số học sinh "
        "được hưởng chính sách; - Tỷ lệ tăng thu ngân sách hàng năm: 12%. Tổng Thu - Chi Ngân "
        "sách 5 năm là 33,96 tỷ đồng. - Phấn đấu 90% thủ tục được cung cấp trên Cổng dịch vụ "
        "công - Hệ thống thông tin một cửa điện tử thị xã. - Mức độ hài lòng đạt 95%."
    )
    restored = _restored(text)
    assert "- Đảm bảo có từ 10 - 12% số học sinh được hưởng chính sách;" in restored
    assert (
        "- Tỷ lệ tăng thu ngân sách hàng năm: 12%. Tổng Thu - Chi Ngân sách 5 năm là 33,96 "
        "tỷ đồng." in restored
    )
    assert (
        "- Phấn đấu 90% thủ tục được cung cấp trên Cổng dịch vụ công - Hệ thống thông tin "
        "một cửa điện tử thị xã." in restored
    )


def test_lettered_items_open_on_a_figure_and_go_on_after_a_sentence() -> None:
    # Ninh Bình KH 22 ("2. Mục tiêu cụ thể a) 100% cấp ủy ...; b) 75% ...") and Quốc hội's
    # 2007 targets ("1. Các chỉ tiêu kinh tế: ... . b. Các chỉ tiêu xã hội: ...").
    text = (
        "KẾ HOẠCH Số: 22/KH-UBND I. MỤC TIÊU 1. Mục tiêu chung Chăm sóc sức khỏe người cao "
        "tuổi. 2. Mục tiêu cụ thể a) 100% cấp ủy Đảng, chính quyền các cấp ban hành kế "
        "hoạch; b) 75% người cao tuổi được tiếp cận thông tin; 3. Các chỉ tiêu kinh tế: - "
        "Tổng sản phẩm trong nước tăng 8,2%. b. Các chỉ tiêu xã hội: - Giảm tỷ lệ sinh 0,3%;"
    )
    restored = _restored(text)
    assert restored[-7:-3] == [
        "2. Mục tiêu cụ thể",
        "a) 100% cấp ủy Đảng, chính quyền các cấp ban hành kế hoạch;",
        "b) 75% người cao tuổi được tiếp cận thông tin;",
        "3. Các chỉ tiêu kinh tế:",
    ]
    assert restored[-2:] == ["b. Các chỉ tiêu xã hội:", "- Giảm tỷ lệ sinh 0,3%;"]


def test_a_pages_first_roman_part_may_go_on_from_parts_it_left_out() -> None:
    # Đông Văn's page opens on "1. Các chỉ tiêu chủ yếu" and goes on to "II. Nhiệm vụ".
    text = (
        "1. Các chỉ tiêu chủ yếu 1.1. Về kinh tế - Giá trị sản xuất nông nghiệp: 165 tỷ đồng "
        "- Tỷ lệ thu ngân sách hàng năm tăng: 12% - Thu nhập bình quân đầu người: 58 triệu "
        "đồng. 1.2. Về môi trường - Tỷ lệ dân số dùng nước sạch: 100%. II. Nhiệm vụ và các "
        "giải pháp chủ yếu Tập trung chỉ đạo phát triển các cây trồng có lợi thế cạnh tranh."
    )
    assert _restored(text)[-1].startswith("II. Nhiệm vụ và các giải pháp chủ yếu")
    # Inside a sentence a Roman numeral cites ("khóa XII. Ban ...") and is no part.
    cited = text.replace("100%. II. Nhiệm vụ", "100% khóa XII. Nhiệm vụ")
    assert not [line for line in _restored(cited) if line.startswith("XII.")]


def test_a_document_of_one_line_is_a_paste_whatever_its_length() -> None:
    # Thái Nguyên's page on vaccinating children 12-17, all on one line: two dash items
    # after a lead, which a clerk's paragraph in a document of many lines may also hold.
    text = (
        "Theo đó, mục tiêu đặt ra là: - Trên 95% trẻ từ 12-17 tuổi trên địa bàn tỉnh được "
        "tiêm đủ liều vắc xin phòng COVID-19. - Hoạt động tiêm chủng đảm bảo an toàn, hiệu "
        "quả, đúng đối tượng, đúng tiến độ; sử dụng 100% số liều vắc xin được cấp."
    )
    assert _restored(text) == [
        "Theo đó, mục tiêu đặt ra là:",
        "- Trên 95% trẻ từ 12-17 tuổi trên địa bàn tỉnh được tiêm đủ liều vắc xin phòng COVID-19.",
        "- Hoạt động tiêm chủng đảm bảo an toàn, hiệu quả, đúng đối tượng, đúng tiến độ; sử "
        "dụng 100% số liều vắc xin được cấp.",
    ]
    lines = [Line(number=1, raw="KẾ HOẠCH", text="KẾ HOẠCH"), Line(number=2, raw=text, text=text)]
    assert restore_layout(lines) is lines  # one paragraph among others: the clerk's own
