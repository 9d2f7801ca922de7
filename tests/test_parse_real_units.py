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
