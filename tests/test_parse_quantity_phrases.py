"""Shapes of real target sentences the quantity reader missed (issue 14, session quant23).

Lines are copied from the development part of the quantity-phrase set (tests/quantities,
source id in the comment; the held-out part is never used here) or written after them.
"""

from __future__ import annotations

import pytest

from extract.parse.quantities import parse_quantities


def _printed(text: str) -> list[tuple[str, float, float | None, str | None]]:
    return [(q.op, q.value, q.high, q.unit_printed) for q in parse_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # bo-nnptnt-ke-hoach-dong-xuan-phia-bac-2021: a space separates the thousands
        (
            "là 1,088 triệu ha, giảm khoảng 9 600 ha so với vụ Đông Xuân 2019-2020.",
            [("=", 1.088, None, "triệu ha"), ("~", 9600, None, "ha")],
        ),
        ("hỗ trợ 1 250 000 người", [("=", 1_250_000, None, "người")]),
        # After a time word or a label the first figure names, the second counts.
        ("trong tháng 6 100 hộ được hỗ trợ", [("=", 100, None, "hộ")]),
        ("tiêu chí số 5 100 hộ", [("=", 100, None, "hộ")]),
    ],
)
def test_a_space_between_groups_of_three_digits_separates_thousands(
    text: str, expected: list[tuple[str, float, float | None, str | None]]
) -> None:
    assert _printed(text) == expected


@pytest.mark.parametrize(
    ("text", "units"),
    [
        # bo-xay-dung-chien-luoc-nha-o-2030, bo-xay-dung-muc-tieu-2026: "nhà ở", "người có
        # công" hold a stop word and are nouns
        (
            "Xây dựng ít nhất 1 triệu căn hộ nhà ở xã hội cho đối tượng thu nhập thấp; hỗ trợ "
            "nhà ở cho khoảng 350.000 hộ nghèo, 162.000 hộ người có công…",
            ["triệu căn hộ nhà ở xã hội", "hộ nghèo", "hộ người có công"],
        ),
        ("hoàn thành trên 110.000 căn nhà ở xã hội, nâng diện tích", ["căn nhà ở xã hội"]),
        # trung-uong-doan-chuong-trinh-2017: "làm" is a verb, the kind words stop before it
        (
            "100% Đoàn xã thành lập được ít nhất 1 câu lạc bộ thanh niên làm kinh tế.",
            ["%", "câu lạc bộ thanh niên"],
        ),
        # ... and "việc làm" stays a noun
        ("tạo 45.000 việc làm mới", ["việc làm mới"]),
        ("giải quyết việc làm cho 3.000 lao động", ["lao động"]),
        # "ở" alone still ends the noun
        ("3 xã ở vùng cao", ["xã"]),
    ],
)
def test_a_noun_holding_a_stop_word_is_read_whole_and_a_verb_ends_the_kind_words(
    text: str, units: list[str]
) -> None:
    assert [printed for *_, printed in _printed(text)] == units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ttg-quy-hoach-the-duc-the-thao-2020: a level of two administrative units
        (
            "Hằng năm tổ chức đào tạo trên 2.000 vận động viên cấp quận, huyện tại mỗi tỉnh",
            [(">", 2000, None, "vận động viên cấp quận, huyện")],
        ),
        (
            "có 02 đơn vị cấp huyện, 3 xã",
            [("=", 2, None, "đơn vị cấp huyện"), ("=", 3, None, "xã")],
        ),
    ],
)
def test_a_level_goes_on_with_the_administrative_units_listed_after_it(
    text: str, expected: list[tuple[str, float, float | None, str | None]]
) -> None:
    assert _printed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ttg-chien-luoc-binh-dang-gioi-chinh-tri:3: a figure in an "if" clause sets nothing
        (
            "đến năm 2020 đạt 100% cơ quan có lãnh đạo chủ chốt là nữ nếu ở cơ quan, tổ chức có "
            "tỷ lệ 30% trở lên nữ cán bộ, công chức.",
            [("=", 100, None, "%")],
        ),
        # ... but the clause after "thì" is the main one again
        ("nếu đủ điều kiện thì đạt 20 xã.", [("=", 20, None, "xã")]),
        ("nếu có 5 hộ; đạt 20 xã.", [("=", 20, None, "xã")]),
    ],
)
def test_a_figure_in_a_condition_clause_sets_no_level(
    text: str, expected: list[tuple[str, float, float | None, str | None]]
) -> None:
    assert _printed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ttg-qd442-2017-giam-ngheo:7, quoc-hoi-dienbien-tin-nq25-nong-thon-moi: which
        # communes are counted, by the criteria they meet
        (
            "giảm số xã đạt dưới 05 tiêu chí xuống dưới 150 xã.",
            [("<", 150, None, "xã")],
        ),
        ("không còn xã đạt dưới 15 tiêu chí;", []),
        # a level of criteria set: after a value word, or per commune
        (
            "Số tiêu chí bình quân/xã tăng thêm tối thiểu 01 tiêu chí so với năm 2016",
            [(">=", 1, None, "tiêu chí")],
        ),
        ("bình quân đạt 17 tiêu chí/xã", [("=", 17, None, "tiêu chí/xã")]),
    ],
)
def test_the_criteria_a_counted_unit_meets_say_which_units_are_counted(
    text: str, expected: list[tuple[str, float, float | None, str | None]]
) -> None:
    assert _printed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ttg-ctmtqg-dan-so-2012-2015:3: a ratio per a round base, no unit after it
        (
            "tỷ số giới tính khi sinh không vượt quá 113/100…",
            [("<=", 113, None, "/100")],
        ),
        # a share is still the first figure ("66/112 thôn"), a symbol's number no ratio
        ("66/112 thôn", [("=", 66, None, "thôn")]),
        ("theo Công văn số 113/100", []),
    ],
)
def test_a_figure_over_a_round_base_it_exceeds_is_a_ratio(
    text: str, expected: list[tuple[str, float, float | None, str | None]]
) -> None:
    assert _printed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ttg-qd468-2016-gioi-tinh-khi-sinh:2: an index without unit after a value word
        (
            "đưa tỷ số này đạt khoảng 107 sau năm 2025, đưa tỷ số giới tính khi sinh về mức",
            [("~", 107, None, None)],
        ),
        # a comparison word alone still asks for a unit or a decimal
        ("khoảng 107 sau năm 2025", []),
        ("đạt khoảng 2025", []),
    ],
)
def test_a_whole_figure_after_a_value_word_and_a_comparison_word_is_a_level(
    text: str, expected: list[tuple[str, float, float | None, str | None]]
) -> None:
    assert _printed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ttg-chien-luoc-binh-dang-gioi-chinh-tri:1: a figure glued to its comparison word
        (
            "tỷ lệ nữ tham gia các cấp ủy Đảng nhiệm kỳ 2016 – 2020 từ25% trở lên; tỷ lệ nữ đại "
            "biểu nhiệm kỳ2011 – 2015 từ 30% trở lên",
            [(">=", 25, None, "%"), (">=", 30, None, "%")],
        ),
        ("đạt trên65%", [(">", 65, None, "%")]),
        # letters glued to a figure otherwise make a name or a code
        ("mạng 5G phủ 90% dân số, chủng H5N1", [("=", 90, None, "%")]),
    ],
)
def test_a_figure_glued_to_a_comparison_word_is_read(
    text: str, expected: list[tuple[str, float, float | None, str | None]]
) -> None:
    assert _printed(text) == expected


@pytest.mark.parametrize(
    ("text", "units"),
    [
        # trung-uong-doan-chuong-trinh-2017:1: an alternative noun with its kind words
        (
            "mỗi Đoàn xã, phường, thị trấn có ít nhất 1 công trình hoặc phần việc thanh niên.",
            ["công trình hoặc phần việc thanh niên"],
        ),
        # "và" still takes one or two words only, and a clause goes on without them
        ("500 hộ nghèo và cận nghèo;", ["hộ nghèo và cận nghèo"]),
        ("hỗ trợ 100 hộ và duy trì ổn định.", ["hộ"]),
        ("hỗ trợ 20 hộ hoặc thành lập tổ hợp tác.", ["hộ"]),
    ],
)
def test_an_alternative_after_hoac_is_part_of_the_counted_noun(text: str, units: list[str]) -> None:
    assert [printed for *_, printed in _printed(text)] == units
