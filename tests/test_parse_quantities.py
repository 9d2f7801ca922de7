from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from extract.parse.quantities import parse_number, parse_quantities
from extract.parse.units import canonical_unit


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
        ("Xây dựng 12 khu dân cư kiểu mẫu", [("=", 12, None, "khu dân cư kiểu mẫu", None)]),
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


# Units outside any closed list, from real plans (tests/fixtures/real_targets/manifest.yaml
# has the pages): a sign, a measure word, a counted noun, a rate.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuổi thọ trung bình (tính từ lúc sinh): 73,8 tuổi;", [("=", 73.8, None, "tuổi", None)]),
        (
            "Tỷ số giới tính khi sinh: 111,2 số bé trai/100 bé gái sinh ra sống;",
            [("=", 111.2, None, "số bé trai/100 bé gái", None)],
        ),
        ("Tổng tỷ suất sinh: 2,1 con/phụ nữ.", [("=", 2.1, None, "con/phụ nữ", None)]),
        ("(-SRB): -0,2 điểm phần trăm so năm 2022", [("=", -0.2, None, "điểm phần trăm", None)]),
        ("(+/-CBR): + 0,1 ‰ so với năm 2022;", [("=", 0.1, None, "‰", None)]),
        ("tỷ suất chết trẻ em 14 %0", [("=", 14, None, "‰", None)]),
        ("sản lượng đạt 2.961 tấn", [("=", 2961, None, "tấn", None)]),
        ("trồng mới 772 ha rừng", [("=", 772, None, "ha", None)]),
        ("đạt 15 bác sỹ/1 vạn dân", [("=", 15, None, "bác sỹ/1 vạn dân", None)]),
        ("kết nạp 45 đảng viên mới/năm", [("=", 45, None, "đảng viên mới", "year")]),
        ("trong năm 5.605.000 người", [("=", 5_605_000, None, "người", "year")]),
        ("Số trường học đạt chuẩn Quốc gia: 04 trường.", [("=", 4, None, "trường", None)]),
        ("đạt 04/09 thôn, làng.", [("=", 4, None, "thôn, làng", None)]),
        ("dưới 46/100.000 trẻ đẻ sống", [("<", 46, None, "/100.000 trẻ đẻ sống", None)]),
        ("thu nhập đạt 33.500.000đ/người", [("=", 33_500_000, None, "đồng/người", None)]),
        (
            "cho 3.000 lao động, trong đó 300 người",
            [("=", 3000, None, "lao động", None), ("=", 300, None, "người", None)],
        ),
        ("thu nhập 70 triệu đồng/người/năm", [("=", 70, None, "triệu đồng/người", "year")]),
        ("Lương thực bình quân đầu người 700kg/ năm", [("=", 700, None, "kg", "year")]),
    ],
)
def test_open_unit(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "thời kỳ 5 năm 2021-2025",  # a period
        "6 tháng đầu năm",  # a period
        "Nghị quyết 01/NQ-CP",  # a document number
        "giai đoạn 1 (2011-2015)",  # a stage
        "tại 3 Hoàng Giang",  # a name after the figure
        "(dưới 2.500 gram)",  # who is counted, in brackets
    ],
)
def test_open_unit_is_still_no_quantity(text: str) -> None:
    assert _read(text) == []


def test_age_of_those_counted_is_no_quantity() -> None:
    (quantity,) = parse_quantities("tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng dưới 24%")
    assert (quantity.op, quantity.value, quantity.unit) == ("<", 24, "%")


@pytest.mark.parametrize(
    ("text", "op", "comparator"),
    [
        ("gọi công dân nhập ngũ đạt 100% chỉ tiêu trở lên", ">=", "trở lên"),
        ("đạt 15% trở lên/tổng số chi bộ", ">=", "trở lên"),
        ("không quá 2%", "<=", "không quá"),
        ("dưới 3%", "<", "dưới"),
        ("đạt 100% chỉ tiêu.", "=", None),
    ],
)
def test_comparison_words_away_from_the_figure(text: str, op: str, comparator: str | None) -> None:
    (quantity,) = parse_quantities(text)
    assert (quantity.op, quantity.comparator) == (op, comparator)


@pytest.mark.parametrize(
    ("text", "directions"),
    [
        ("Tỷ lệ hộ nghèo giảm 3% trở lên (còn 7%)", ["down", None]),
        ("nông, lâm, thủy sản tăng 6%; dịch vụ tăng 18,2%", ["up", "up"]),
        ("Tỷ lệ tăng dân số tự nhiên hàng năm: 1,1%", [None]),  # the indicator's name
        ("Tốc độ tăng giá trị sản xuất đạt 16%", [None]),
        ("giảm xuống còn 7%", [None]),  # where it ends up
    ],
)
def test_direction(text: str, directions: list[str | None]) -> None:
    assert [quantity.direction for quantity in parse_quantities(text)] == directions


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
@example("- 5 %0 / ")
@example("3 tấn/")
@example("+ ")
def test_never_raises(text: str) -> None:
    for quantity in parse_quantities(text):
        assert quantity.op in {"=", ">", ">=", "<", "<=", "~", "range"}
        assert (quantity.high is not None) == (quantity.op == "range")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("bác sỹ/1 vạn dân", "bác sĩ/10.000 dân"),
        ("số bé trai/100 bé gái", "bé trai/100 bé gái"),
        ("%0", "‰"),
        ("m2", "m²"),
        ("giường bệnh/10000 dân", "giường bệnh/10.000 dân"),
    ],
)
def test_a_unit_as_written_has_one_canonical_name(written: str, canonical: str) -> None:
    assert canonical_unit(written) == canonical


@pytest.mark.parametrize(
    ("text", "unit", "printed"),
    [
        # thanh-hoa-phuong-quang-trung-muc-tieu-2015-2020.txt (realdocs development)
        ("Tổng vốn đầu tư toàn xã hội 5 năm đạt: 187,2 tỷ.đ, tăng", "tỷ đồng", "tỷ.đ"),
        ("Thu nhập bình quân: 45 tr.đ", "triệu đồng", "tr.đ"),
        ("Tỷ lệ sinh giảm + 0,1 %0", "‰", "%0"),
        ("đạt 8 bác sỹ/1 vạn dân", "bác sỹ/1 vạn dân", "bác sỹ/1 vạn dân"),
        ("Diện tích 171ha", "ha", "ha"),
        ("đạt từ 3 đến 4m2", "m²", "m2"),
        ("kết nạp 45 đảng viên mới/năm", "đảng viên mới", "đảng viên mới/năm"),
        ("còn 46/100.000 trẻ đẻ sống", "/100.000 trẻ đẻ sống", "/100.000 trẻ đẻ sống"),
        ("đạt 35 – 40% GDP", "%", "%"),
    ],
)
def test_the_unit_is_kept_as_printed_beside_its_name(
    text: str, unit: str | None, printed: str | None
) -> None:
    found = parse_quantities(text)
    assert [(q.unit, q.unit_printed) for q in found] == ([(unit, printed)] if unit else [])


def test_a_figure_without_unit_has_no_printed_unit() -> None:
    (quantity,) = parse_quantities("Chỉ số phát triển con người (HDI) duy trì trên 0,7.")
    assert (quantity.unit, quantity.unit_printed) == (None, None)
