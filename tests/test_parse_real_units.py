"""Units written as noun phrases (issue 14; tests/realdocs/README.md, the unit rule).

Excerpts are copied from development documents of tests/realdocs/dev (file named in
each test); the held-out documents are never used here.
"""

from __future__ import annotations

from extract.parse.quantities import parse_quantities


def _printed(text: str) -> list[tuple[str, float, str | None]]:
    return [(q.op, q.value, q.unit_printed) for q in parse_quantities(text)]


def test_a_level_after_the_counted_noun_belongs_to_the_unit() -> None:
    # quoc-hoi-dienbien-tin-nq25-nong-thon-moi.txt, line 4
    text = "Mỗi tỉnh, thành phố trực thuộc trung ương có ít nhất 02 đơn vị cấp huyện đạt chuẩn"
    assert _printed(text) == [(">=", 2.0, "đơn vị cấp huyện")]


def test_administrative_nouns_listed_together_are_one_unit_whatever_follows() -> None:
    # quoc-hoi-dienbien-tin-nq25-nong-thon-moi.txt, line 5
    text = "- Phấn đấu cả nước có ít nhất 15 tỉnh, thành phố trực thuộc trung ương được công nhận"
    assert _printed(text) == [(">=", 15.0, "tỉnh, thành phố")]
    # thanh-hoa-qd969-chi-tieu-chuyen-doi-so-muong-lat.txt, line 13
    assert _printed("- Năm 2022: 94 xã, phường, thị trấn.") == [("=", 94.0, "xã, phường, thị trấn")]


def test_a_condition_on_what_is_counted_stays_out_of_the_unit() -> None:
    # lao-cai-hdnd-25-chi-tieu-2024-laocaitv.txt, line 47 (19 names the standard: gold 72 xã)
    assert _printed("- 72 xã đạt 19 tiêu chí nông thôn mới")[0] == ("=", 72.0, "xã")
    # thanh-hoa-huyen-nong-cong-chi-tieu-luan-van.txt: a name after the noun is no unit
    assert _printed("tại 3 xã Hoàng Giang, Tế Lợi, Minh Thọ") == [("=", 3.0, "xã")]


def test_money_abbreviations_glued_to_the_figure_are_units() -> None:
    # thanh-hoa-phuong-ba-dinh-muc-tieu-2015-2020.txt, lines 7 and 21
    text = "- Cơ cấu kinh tế: “Công nghiệp- xây dựng 596tỷđ, chiếm 50,3%; dịch vụ- thương mại"
    assert _printed(text) == [("=", 596.0, "tỷđ"), ("=", 50.3, "%")]
    text = "- Thu nhập bình quân đầu người đến năm 2020: 60trđ/người/năm, tăng 24trđ so với"
    assert _printed(text) == [("=", 60.0, "trđ/người/năm"), ("=", 24.0, "trđ")]
    # thanh-hoa-phuong-dong-son-muc-tieu-2020.txt, line 31
    text = "- Thu nhập bình quân đầu người/năm đạt 70,0 Tr. đồng đến năm 2020, tăng gấp 2,15 lần"
    assert _printed(text) == [("=", 70.0, "Tr. đồng"), ("=", 2.15, "lần")]


def test_one_unit_a_later_level_is_given_for_is_no_quantity() -> None:
    # soc-trang-dang-bo-chi-tieu-2020-2025-issuu.txt, line 20
    text = (
        "• Giá trị sản phẩm thu hoạch trên 1 ha đất trồng trọt và nuôi trồng thuỷ sản đến"
        " cuối nhiệm kỳ đạt trên 250 triệu đồng/ha."
    )
    assert _printed(text) == [(">", 250.0, "triệu đồng/ha")]
    # A magnitude is a level: "trên 1 triệu lượt khách" is more than a million.
    assert _printed("trên 1 triệu lượt khách, doanh thu 500 tỷ đồng")[0] == (
        ">",
        1.0,
        "triệu lượt khách",
    )


def test_a_long_quotation_of_the_targets_is_read_a_short_one_is_a_name() -> None:
    # thanh-hoa-phuong-ba-dinh-muc-tieu-2015-2020.txt, line 7
    text = (
        "- Cơ cấu kinh tế: “Công nghiệp- xây dựng 596tỷđ, chiếm 50,3%; dịch vụ- thương mại"
        " 538tỷđ, chiếm 45,4%; lâm- nông nghiệp 50tỷđ, chiếm 4,3%”."
    )
    assert [value for _, value, _ in _printed(text)] == [596.0, 50.3, 538.0, 45.4, 50.0, 4.3]
    # A name in quotation marks keeps its figure out ("Khu dân cư 6 không").
    assert _printed("100% khu dân cư đạt “Khu dân cư 6 không”") == [("=", 100.0, "%")]
