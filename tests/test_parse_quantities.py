from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from extract.parse.quantities import parse_number, parse_quantities


def _read(text: str) -> list[tuple[object, ...]]:
    return [(q.op, q.value, q.high, q.unit, q.per) for q in parse_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tỷ lệ lao động qua đào tạo trên 65%.", [(">", 65, None, "%", None)]),
        ("hoạt động có hiệu quả đạt từ 85% trở lên.", [(">=", 85, None, "%", None)]),
        ("Mức độ hài lòng đạt 95% trở lên.", [(">=", 95, None, "%", None)]),
        ("ít nhất 01 mô hình “Dân vận khéo”", [(">=", 1, None, "mô hình", None)]),
        ("đạt tối thiểu 95%", [(">=", 95, None, "%", None)]),
        ("không dưới 80% hộ gia đình", [(">=", 80, None, "%", None)]),
        ("đạt khoảng 92%.", [("~", 92, None, "%", None)]),
        ("Từ 70% đến 75% vỉa hè", [("range", 70, 75, "%", None)]),
        ("giảm bình quân hằng năm từ 0,4 - 0,6%.", [("range", 0.4, 0.6, "%", "year")]),
        ("đạt từ 3-4m²", [("range", 3, 4, "m²", None)]),
        ("đạt từ 3 đến 4m2", [("range", 3, 4, "m²", None)]),
        ("tỷ lệ hộ nghèo dưới 3%", [("<", 3, None, "%", None)]),
        ("Tỷ lệ che phủ rừng ≥ 55%", [(">=", 55, None, "%", None)]),
        ("tỷ lệ hộ nghèo ≤2%", [("<=", 2, None, "%", None)]),
        (
            "đạt >= 90% và < 5 vụ việc",
            [(">=", 90, None, "%", None), ("<", 5, None, "vụ việc", None)],
        ),
        ("tăng từ 50% -> 60%", [(">=", 50, None, "%", None), ("=", 60, None, "%", None)]),
        ("đạt khoảng 90 phần trăm", [("~", 90, None, "%", None)]),
        (
            "không quá 2%; tối đa 5 lượt",
            [("<=", 2, None, "%", None), ("<=", 5, None, "lượt", None)],
        ),
        ("giảm 0,5%/năm.", [("=", 0.5, None, "%", "year")]),
        (
            "ít nhất 10.000 ngày công để xây dựng nông thôn mới hằng năm.",
            [(">=", 10000, None, "ngày công", "year")],
        ),
        (
            "Hằng năm, 100% cơ quan đưa nội dung. Xây dựng ít nhất 01 mô hình.",
            [("=", 100, None, "%", "year"), (">=", 1, None, "mô hình", None)],
        ),
        ("100% các xã, phường có Tổ công tác", [("=", 100, None, "%", None)]),
        ("Phấn đấu có thêm 3 xã đạt chuẩn", [("=", 3, None, "xã", None)]),
        ("Xây dựng 12 khu dân cư kiểu mẫu", [("=", 12, None, "khu dân cư", None)]),
        (
            "có 5 tổ dân phố, 7 thôn",
            [("=", 5, None, "tổ dân phố", None), ("=", 7, None, "thôn", None)],
        ),
        (
            "hỗ trợ 20 hộ và 30 hộ gia đình",
            [("=", 20, None, "hộ", None), ("=", 30, None, "hộ gia đình", None)],
        ),
        ("tổ chức 4 buổi, 2 cuộc", [("=", 4, None, "buổi", None), ("=", 2, None, "cuộc", None)]),
        (
            "thu hút 500 lượt người, 200 người",
            [("=", 500, None, "lượt người", None), ("=", 200, None, "người", None)],
        ),
        (
            "hòa giải thành 15 vụ việc tại 6 chi bộ",
            [("=", 15, None, "vụ việc", None), ("=", 6, None, "chi bộ", None)],
        ),
    ],
)
def test_quantity(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Phấn đấu đến năm 2026 hoàn thành",  # a year
        "Đến năm 2025 xã đạt chuẩn nông thôn mới nâng cao",  # a year before a counted noun
        "được cung cấp trực tuyến mức độ 3 và 4",  # levels
        "đạt tiêu chuẩn “Khu dân cư 6 không”",  # a name in quotes
        "trước ngày 31/12/2023",  # a date
        "theo mục 2.2.1 của Đề án",  # a section number
        "đạt chuẩn văn minh đô thị 1 .",  # a footnote marker
    ],
)
def test_not_a_quantity(text: str) -> None:
    assert _read(text) == []


def test_quantity_keeps_its_words() -> None:
    (quantity,) = parse_quantities("Phấn đấu đạt từ 85% trở lên", line=7)
    assert quantity.raw == "từ 85% trở lên"
    assert quantity.span is not None and quantity.span.line == 7


@pytest.mark.parametrize(
    ("written", "value"), [("1.000.000", 1_000_000), ("0,5", 0.5), ("01", 1), ("10.000", 10_000)]
)
def test_number(written: str, value: float) -> None:
    assert parse_number(written) == value


@given(st.text(max_size=80))
@example("1.000.000")
@example("0,5%/năm")
@example("50%-60%")
@example("31/12/22")
@example("1/13/2023")
@example("00/01/2023")
@example("trước 30/02/2023")
@example("từ 99999999999999999999999% trở lên")
def test_never_raises(text: str) -> None:
    for quantity in parse_quantities(text):
        assert quantity.op in {"=", ">", ">=", "<", "<=", "~", "range"}
        assert (quantity.high is not None) == (quantity.op == "range")
