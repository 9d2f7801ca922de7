"""A counted noun's kind words, a magnitude before a measure, a network's name.

Lines are copied from the development part of the quantity-phrase set
(tests/quantities, source id in the comment; the held-out part is never used here).
The last tests run the reader on a long generated document, many short paragraphs and
one very long line, counting the work the new step does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import load_plan
from extract.parse import units
from extract.parse.quantities import parse_quantities


def _printed(text: str) -> list[tuple[str, float, float | None, str | None]]:
    return [(q.op, q.value, q.high, q.unit_printed) for q in parse_quantities(text)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # ninh-thuan-xa-phuoc-minh-dai-hoi-2020, binh-thuan-btc-tinh-uy-dang-vien-2017
        ("trong nhiệm kỳ phát triển 20 đảng viên mới…", "đảng viên mới"),
        ("mỗi năm phát triển 2.000 đảng viên mới.", "đảng viên mới"),
        # ttg-chuong-trinh-nguoi-cao-tuoi-2021-2030: the kind, then a stop word
        ("10.000 người cao tuổi có hoàn cảnh khó khăn", "người cao tuổi"),
        # bo-tttt-ke-hoach-cach-mang-4-0-2022: the end of the text ends the phrase
        ("triển khai dịch vụ 5G tại ít nhất 3 đô thị thông minh", "đô thị thông minh"),
        # ttg-qd509-2024-quy-hoach-du-lich: a magnitude is not one of the noun's words
        ("đón 35 triệu lượt khách quốc tế, tốc độ tăng trưởng", "triệu lượt khách quốc tế"),
        ("trong đó khoảng 2,1 triệu việc làm trực tiếp;", "triệu việc làm trực tiếp"),
        # trung-uong-doan-chuong-trinh-2017
        ("sẽ giới thiệu 210 ngàn đoàn viên ưu tú cho Đảng xem xét", "ngàn đoàn viên ưu tú"),
    ],
)
def test_the_words_naming_a_counted_nouns_kind_belong_to_the_unit(text: str, unit: str) -> None:
    assert [printed for *_, printed in _printed(text)] == [unit]


def test_an_abbreviation_after_the_noun_is_its_kind_and_the_condition_after_it_counts_none() -> (
    None
):
    # bac-kan-cho-don-ocop-2025: "đạt 3 sao" says which products are counted.
    text = "đến năm 2025 có 30 sản phẩm OCOP đạt 3 sao"
    assert _printed(text) == [("=", 30, None, "sản phẩm OCOP")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # bo-thuy-san-quy-hoach-2010, bo-nnptnt-ke-hoach-dong-xuan-phia-bac-2021
        ("Cùng với sản lượng 3,5 triệu tấn thuỷ sản vào năm 2010", "triệu tấn"),
        ("sản lượng ước đạt khoảng 6,84 triệu tấn thóc (cả nước", "triệu tấn"),
        ("là 1,088 triệu ha, giảm", "triệu ha"),
    ],
)
def test_a_measure_after_a_magnitude_ends_the_unit(text: str, unit: str) -> None:
    assert [printed for *_, printed in _printed(text)] == [unit]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # tests/realdocs/dev/phu-tho-vanbanphapluat-kh722-hiv-aids.txt, line 42: a clause
        ("- 1.800 người nhiễm HIV được điều trị ARV;", "người"),
        # corpus/plans/dang-uy-phuong-48-KH-DU-de-an-13.txt: a verb, then its complement
        ("ít nhất 01 chính sách liên quan đến đoàn viên, hội viên", "chính sách"),
        # a run longer than a kind's words is a clause of its own
        ("thành lập 100 doanh nghiệp mới hoạt động hiệu quả trong năm", "doanh nghiệp"),
        # a name after the noun
        ("hoàn thành xây dựng nông thôn mới tại 3 xã Hoàng Giang, Tế Lợi", "xã"),
        # a ratio names itself
        ("Tỷ số giới tính khi sinh: 111,2 số bé trai/100 bé gái sinh ra sống;", None),
    ],
)
def test_what_is_no_kind_word_stays_out(text: str, unit: str | None) -> None:
    found = [printed for *_, printed in _printed(text)]
    if unit is None:
        assert found == ["số bé trai/100 bé gái"]
    else:
        assert found == [unit]


def test_a_network_name_glued_to_a_figure_is_no_gram() -> None:
    # bo-tttt-ke-hoach-cach-mang-4-0-2022
    text = "100% xã; phổ cập dịch vụ mạng di động 4G, 5G và điện thoại di động thông minh"
    assert _printed(text) == [("=", 100, None, "%")]
    # bo-xay-dung-muc-tieu-2026: a measure in lower case glued to its figure stays
    assert _printed("bình quân cả nước đạt 27m2 sàn/người.") == [("=", 27, None, "m2 sàn/người")]


class _Counting:
    def __init__(self, function: object) -> None:
        self.function = function
        self.calls = 0

    def __call__(self, *arguments: object) -> object:
        self.calls += 1
        return self.function(*arguments)  # type: ignore[operator]


def test_a_long_run_of_words_after_a_noun_is_looked_at_only_up_to_the_kind_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counting = _Counting(units._ends_run)
    monkeypatch.setattr(units, "_ends_run", counting)
    text = "phát triển 20 đảng viên " + "mới " * 20_000 + "."
    assert [printed for *_, printed in _printed(text)] == ["đảng viên"]
    # The step looks at most at the kind words plus one, never along the whole line.
    assert counting.calls <= units.unit_vocabulary().noun_modifier_words + 2


def test_a_long_generated_document_many_short_paragraphs_and_a_very_long_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = _Counting(units._ends_run)
    monkeypatch.setattr(units, "_ends_run", counting)
    items = 1_200
    lines = ["KẾ HOẠCH", "", "I. CÁC CHỈ TIÊU CHỦ YẾU", ""]
    shapes = [
        "- Kết nạp {n} đảng viên mới.",
        "- Đón {n} triệu lượt khách quốc tế;",
        "- Có {n} sản phẩm OCOP đạt 3 sao",
        "- Sản lượng {n} triệu tấn thủy sản.",
    ]
    for index in range(items):
        lines += [shapes[index % len(shapes)].format(n=index + 1), ""]
    long_line = "- Tổng: " + "; ".join(
        f"{n % 90 + 11} đảng viên mới, {n % 90 + 11} người cao tuổi" for n in range(400)
    )
    lines.append(long_line)
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    plan = load_plan(path)
    assert len(plan.targets) == items + 1
    first = [[q.unit_printed for q in target.quantities] for target in plan.targets[:4]]
    assert first == [
        ["đảng viên mới"],
        ["triệu lượt khách quốc tế"],
        ["sản phẩm OCOP"],
        ["triệu tấn"],
    ]
    assert len(plan.targets[-1].quantities) == 800
    # Each figure's unit asks where its phrase ends a bounded number of times.
    figures = sum(len(target.quantities) for target in plan.targets)
    assert counting.calls <= 4 * (units.unit_vocabulary().noun_modifier_words + 2) * figures


def test_a_rating_after_a_counted_noun_says_which_are_counted() -> None:
    # ttg-qd919-2022-ocop
    text = "đến năm 2025 có ít nhất 10.000 sản phẩm OCOP từ 3 sao trở lên."
    assert _printed(text) == [(">=", 10000, None, "sản phẩm OCOP")]
    assert _printed("Trong số này, có khoảng 400-500 sản phẩm OCOP đạt 5 sao.") == [
        ("range", 400, 500, "sản phẩm OCOP")
    ]


def test_a_count_of_targets_is_no_quantity() -> None:
    # ttg-chien-luoc-hiv-95-95-95
    text = (
        "Chiến lược quốc gia đặt ra 3 mục tiêu 95-95-95 (95% người nhiễm HIV biết tình trạng"
        " nhiễm HIV của mình; 95% người chẩn đoán nhiễm HIV được điều trị bằng thuốc ARV)."
    )
    assert _printed(text) == [("=", 95, None, "%"), ("=", 95, None, "%")]


def test_a_rates_denominator_keeps_its_kind_words() -> None:
    # ttg-chien-luoc-dan-so-2011
    text = (
        "đưa tỷ số này trở lại mức 105 - 106 trẻ sơ sinh trai/100 trẻ sơ sinh gái khoảng năm 2025."
    )
    assert _printed(text) == [("range", 105, 106, "trẻ sơ sinh trai/100 trẻ sơ sinh gái")]
