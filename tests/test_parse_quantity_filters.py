"""Starting points, labels, a level noun after a comparison word, a bound before 'khoảng'.

Lines are copied from the development part of the quantity-phrase set
(tests/quantities, source id in the comment; the held-out part is never used here).
The last test runs the reader on one very long line of such figures, counting work.
"""

from __future__ import annotations

import pytest

from extract.parse import quantity_filters
from extract.parse.quantities import parse_quantities


def _read(text: str) -> list[tuple[str, float, float | None, str | None]]:
    return [(q.op, q.value, q.high, q.unit_printed) for q in parse_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ttg-qd1445-2013-quy-hoach-thuy-san: where the loss starts is no level
        (
            "giảm tổn thất sau thu hoạch sản phẩm khai thác hải sản từ trên 20% hiện nay"
            " xuống dưới 10%.",
            [("<", 10, None, "%")],
        ),
        # ttg-ctmtqg-dan-so-2012-2015
        (
            "phấn đấu đưa tổng tỷ suất sinh từ 2 con (năm 2010) giảm xuống còn 1,9 con,",
            [("=", 1.9, None, "con")],
        ),
        # ttg-chien-luoc-nhan-luc-chieu-cao: a baseline word, and "ít hơn" is "<"
        (
            "phấn đấu dưới 10% (năm 2015) và ít hơn 5% vào năm 2020 (thay vì 17,5% năm 2010)./.",
            [("<", 10, None, "%"), ("<", 5, None, "%")],
        ),
    ],
)
def test_a_starting_point_is_no_level(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _read(text) == expected


def test_from_without_a_movement_to_the_next_figure_keeps_every_figure() -> None:
    # "trở lên" is no movement (tests/realdocs/dev/thanh-hoa-huyen-nong-cong-chi-tieu-luan-van)
    text = "Số hộ dùng nước hợp vệ sinh tăng từ 3% trở lên (để đạt 84% trở lên)"
    assert _read(text) == [(">=", 3, None, "%"), (">=", 84, None, "%")]
    # "từ X đến Y" stays a range
    assert _read("Tỷ lệ hộ nghèo giảm từ 3% đến 5% mỗi năm") == [("range", 3, 5, "%")]


def test_a_whole_number_after_a_label_word_is_a_label_but_a_measure_is_not() -> None:
    # ttg-qd1600-2016-nong-thon-moi-y-te
    text = "Đến năm 2020, có 70% số xã đạt chuẩn tiêu chí số 15 vY tế."
    assert _read(text) == [("=", 70, None, "%")]
    # tests/realdocs/dev/ba-ria-vung-tau-xa-tam-phuoc-chi-tieu-2022.txt, line 38
    text = "- Tỷ lệ người tập luyện TDTT thường xuyên so với dân số 42%."
    assert _read(text) == [("=", 42, None, "%")]
    # a total counts
    text = "Giải quyết việc làm cho tổng số 3.000 lao động"
    assert _read(text) == [("=", 3000, None, "lao động")]


def test_a_level_noun_between_the_comparison_and_the_figure_keeps_the_comparison() -> None:
    # ttg-qd468-2016-gioi-tinh-khi-sinh
    text = (
        "giảm tốc độ tăng tỷ số giới tính khi sinh xuống dưới mức 0,46 điểm phần trăm/năm,"
        " để tỷ số này dưới mức 115 vào năm 2020"
    )
    assert [(op, value, unit) for op, value, _, unit in _read(text)] == [
        ("<", 0.46, "điểm phần trăm/năm"),
        ("<", 115, None),
    ]
    # "ở mức" alone is a level word, and a year after "mức" is still a year
    assert _read("duy trì ở mức 2025") == []


def test_a_bound_before_about_is_the_comparison_that_binds() -> None:
    # ttg-qd442-2017-giam-ngheo
    text = "- Có ít nhất khoảng 2.765 xã trên cả nước đạt chuẩn nông thôn mới (ít nhất 31%);"
    assert _read(text) == [(">=", 2765, None, "xã"), (">=", 31, None, "%")]
    assert _read("đạt khoảng 45 xã") == [("~", 45, None, "xã")]


class _Counting:
    def __init__(self, function: object) -> None:
        self.function = function
        self.calls = 0
        self.longest = 0

    def __call__(self, folded: str, position: int) -> str:
        self.calls += 1
        tail = self.function(folded, position)  # type: ignore[operator]
        self.longest = max(self.longest, len(tail))
        return tail


def test_a_very_long_line_of_starting_points_is_read_in_linear_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counting = _Counting(quantity_filters._tail)
    monkeypatch.setattr(quantity_filters, "_tail", counting)
    pairs = 1_000
    text = "; ".join(f"giảm từ {n + 20} hộ xuống còn {n + 10} hộ" for n in range(pairs))
    read = _read(text)
    assert [value for _, value, _, _ in read] == [n + 10 for n in range(pairs)]
    # Each figure looks at a bounded window before it, never at the line from its start.
    assert counting.calls <= 4 * 2 * pairs
    assert counting.longest <= 48
