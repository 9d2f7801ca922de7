"""Unit phrases past one noun: abbreviations, lists, coordinated modifiers, conditions.

Lines are copied from the development pages added by quant20 (tests/realdocs/dev; the
page's address is in the manifest and in the comment); the held-out pages are never
used here. The last tests run the reader on a long generated document and a very
long line, counting the work the new loops do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import load_plan
from extract.parse import unit_phrases
from extract.parse.quantities import parse_quantities
from extract.parse.units import canonical_unit


def _printed(text: str) -> list[tuple[str, float, float | None, str | None]]:
    return [(q.op, q.value, q.high, q.unit_printed) for q in parse_quantities(text)]


def test_an_abbreviation_in_capitals_is_a_counted_noun() -> None:
    # thanh-hoa-xa-dong-van-chi-tieu-chu-yeu.txt, line 29
    # (http://dongvan.dongson.gov.vn/web/trang-chu/tong-quan/dinh-huong-phat-trien)
    assert _printed("- Doanh nghiệp trên địa bàn: 27 DN") == [("=", 27, None, "DN")]
    assert _printed("thành lập mới 5 HTX và 3 CLB") == [
        ("=", 5, None, "HTX"),
        ("=", 3, None, "CLB"),
    ]
    assert _printed("có 4 TDP đạt chuẩn văn minh") == [("=", 4, None, "TDP")]


def test_an_abbreviation_is_named_through_the_vocabulary() -> None:
    assert canonical_unit("DN") == canonical_unit("doanh nghiệp") == "doanh nghiệp"
    assert canonical_unit("HTX") == "hợp tác xã"


@pytest.mark.parametrize(
    "text",
    [
        "12 UBND TỈNH",  # a run of capitals: a heading
        "theo Nghị định 30 NĐ-CP",  # the start of a symbol
        "ban hành 12 CT/TU",  # the start of a symbol
        "tại 5 TP.HCM",  # a name written with a dot
        "đạt 3 HUẾ",  # a marked vowel: a name, not an abbreviation
        "1 II. NHIỆM VỤ",  # a Roman number after a table's number cell
        "khu vực 2 XII",  # a Roman number
    ],
)
def test_capitals_that_are_no_abbreviation_make_no_quantity(text: str) -> None:
    assert _printed(text) == []


def test_a_list_that_opens_on_an_administrative_noun_goes_on_with_counted_nouns() -> None:
    # thanh-hoa-xa-dong-van-chi-tieu-chu-yeu.txt, line 49
    text = "- Duy trì và nâng cao các tiêu chí kiểu mẫu của 7 thôn, xã, cơ quan."
    assert _printed(text) == [("=", 7, None, "thôn, xã, cơ quan")]


def test_a_list_that_does_not_close_its_clause_keeps_the_administrative_nouns() -> None:
    # tests/fixtures/real_targets/huyen-chi-tieu-chu-yeu-dong-mot-dong.txt (gold "15 làng")
    text = "- Khai trương xây dựng 15 làng, đơn vị và 1 xã văn hóa."
    assert _printed(text)[0] == ("=", 15, None, "làng")


def test_a_coordinated_modifier_that_closes_the_clause_names_the_kind() -> None:
    # gia-lai-phuong-chi-lang-chi-tieu-2025.txt, line 14 (http://pleiku.gialai.gov.vn/
    # phuong-chi-lang/Gioi-thieu/%C4%90inh-huong-phat-trien-giai-%C4%91oan-2015-2020.aspx)
    text = (
        "(2). Tiếp tục thực hiện nhựa hóa, bê tông hóa từ 08 đến 10 đường hẻm chính và phụ "
        "(2,5 km); duy tu bảo dưỡng từ 06 đến 08 đoạn đường (1,5 km) đã xuống cấp; lắp điện "
        "chiếu sáng đường hẻm từ 50 bóng trở lên."
    )
    assert _printed(text) == [
        ("range", 8, 10, "đường hẻm chính và phụ"),
        ("=", 2.5, None, "km"),
        ("range", 6, 8, "đoạn đường"),
        ("=", 1.5, None, "km"),
        (">=", 50, None, "bóng"),
    ]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("đạt 100 hộ và duy trì ổn định.", "hộ"),  # a verb phrase goes on: no modifier
        ("10 xã và 3 phường", "xã"),  # a second figure
        ("50 hội viên và Ban chấp hành", "hội viên"),  # a name
    ],
)
def test_and_that_does_not_coordinate_a_modifier_ends_the_unit(text: str, unit: str) -> None:
    assert _printed(text)[0][3] == unit


def test_a_count_after_a_count_and_dat_says_which_are_counted() -> None:
    # lao-cai-hdnd-25-chi-tieu-2024-laocaitv.txt, line 47; tests/realdocs/README.md unit rule
    assert _printed("- 72 xã đạt 19 tiêu chí nông thôn mới") == [("=", 72, None, "xã")]
    # A measure after the count is a level of its own.
    assert _printed("Kết nạp 45 đảng viên mới đạt 100% chỉ tiêu") == [
        ("=", 45, None, "đảng viên mới"),
        ("=", 100, None, "%"),
    ]


def test_national_assembly_targets_read_whole() -> None:
    # quoc-hoi-nq-nhiem-vu-2006-gopfp.txt, lines 23 and 29 (gopfp.gov.vn, so-1-58)
    text = (
        "- Tạo việc làm cho khoảng 1,6 triệu lao động; trong đó, xuất khẩu lao động và "
        "chuyên gia 7,5 vạn người;"
    )
    assert _printed(text) == [("~", 1.6, None, "triệu lao động"), ("=", 7.5, None, "vạn người")]
    assert _printed("- Giảm tỷ lệ sinh 0,40‰;") == [("=", 0.4, None, "‰")]
    # vcci-hcm-tin-nq85-2019-chi-tieu-2020.txt, lines 13 and 15
    # (https://vcci-hcm.org.vn/12-chi-tieu-phat-trien-kinh-te-xa-hoi-nam-2020/)
    assert _printed("– Tổng vốn đầu tư phát triển toàn xã hội khoảng 33-34% GDP;") == [
        ("range", 33, 34, "%")
    ]
    text = (
        "– Tỷ lệ hộ nghèo (theo chuẩn tiếp cận đa chiều) giảm 1 – 1,5%, riêng các huyện "
        "nghèo giảm 4%;"
    )
    assert _printed(text) == [("range", 1, 1.5, "%"), ("=", 4, None, "%")]


class _Counting:
    """Wraps a function and counts its calls."""

    def __init__(self, function: object) -> None:
        self.function = function
        self.calls = 0

    def __call__(self, *arguments: object) -> object:
        self.calls += 1
        return self.function(*arguments)  # type: ignore[operator]


def test_a_very_long_list_is_read_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    counting = _Counting(unit_phrases.phrase_at)
    monkeypatch.setattr(unit_phrases, "phrase_at", counting)
    nouns = 3_000
    text = "đạt 7 thôn" + ", xã" * nouns + "."
    ((op, value, _, unit),) = _printed(text)
    assert (op, value) == ("=", 7) and unit is not None and unit.count(", xã") == nouns
    # Two passes over the list; each item tries the vocabulary once at most.
    vocabulary = len(unit_phrases_vocabulary())
    assert counting.calls <= 2 * (nouns + 2) * vocabulary


def unit_phrases_vocabulary() -> tuple[str, ...]:
    from extract.parse import units

    return units._list_nouns()


def test_a_long_generated_document_and_a_very_long_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coordinated = _Counting(unit_phrases.coordinated_end)
    abbreviations = _Counting(unit_phrases.read_abbreviation)
    from extract.parse import units

    monkeypatch.setattr(units, "coordinated_end", coordinated)
    monkeypatch.setattr(units, "read_abbreviation", abbreviations)
    items = 1_000
    lines = ["KẾ HOẠCH", "", "I. CÁC CHỈ TIÊU CHỦ YẾU", ""]
    shapes = [
        "- Doanh nghiệp trên địa bàn: {n} DN",
        "- Duy trì các tiêu chí kiểu mẫu của {n} thôn, xã, cơ quan.",
        "- Bê tông hóa từ 08 đến {n} đường hẻm chính và phụ (2,5 km);",
        "- {n} xã đạt 19 tiêu chí nông thôn mới",
    ]
    for index in range(items):
        lines += [shapes[index % len(shapes)].format(n=index % 90 + 11), ""]
    long_line = "- Tổng đàn: " + "; ".join(
        f"{n % 90 + 11} DN, {n % 90 + 11} thôn, xã" for n in range(800)
    )
    lines.append(long_line)
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    plan = load_plan(path)
    assert len(plan.targets) == items + 1
    first = [[q.unit_printed for q in target.quantities] for target in plan.targets[:4]]
    assert first == [["DN"], ["thôn, xã, cơ quan"], ["đường hẻm chính và phụ", "km"], ["xã"]]
    assert len(plan.targets[-1].quantities) == 1_600
    # Each figure reads its unit once: the new steps run a bounded number of times.
    figures = sum(len(target.quantities) for target in plan.targets)
    assert coordinated.calls <= 3 * figures
    assert abbreviations.calls <= 3 * figures


def test_a_range_in_words_of_what_the_item_names_before_has_no_unit() -> None:
    # ha-noi-phuong-ngoc-lam-chi-tieu-nhiem-ky.txt, line 8: the counted noun comes first.
    assert _printed("(9) Kết nạp đảng viên mới hàng năm từ 8 đến 10 ") == [("range", 8, 10, None)]


@pytest.mark.parametrize(
    "text",
    [
        "giai đoạn từ 2021 đến 2025.",  # years
        "từ ngày 8 đến 10",  # days: the figure is not right after "từ"
        "từ 8 đến 10 giờ",  # hours: the clause goes on
        "từ khoản 1 đến 3;",  # clauses of a law
        "từ 8 - 10;",  # a dash: two figures or a period, not a range in words
    ],
)
def test_a_bare_range_needs_words_a_closed_clause_and_no_year(text: str) -> None:
    assert _printed(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # bo-tttt-thong-ke-de-an-thong-tin-nong-thon.txt, line 9: a posting stamp, "CH" is chiều
        "15/10/2012 14:53 CH Xem cỡ chữ",
        # ban-tuyen-giao-tw-tvpl-tin-hd132-bao-chi.txt, line 3
        "15/04/2020 08:57 AM",
        # ha-noi-dang-bo-chi-tieu-2025-nhandan.txt, line 3
        "Thứ Năm, 15-10-2020, 21:49",
    ],
)
def test_the_minutes_of_a_clock_time_are_no_quantity(text: str) -> None:
    assert _printed(text) == []


def test_a_figure_after_a_colon_that_is_no_clock_stays() -> None:
    assert _printed("Số trang trại: 70, trong đó") == [("=", 70, None, None)]
    assert _printed("đạt 14: 53 hộ") == [("=", 53, None, "hộ")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # Rates per day, week or month keep their period (no development page has one yet;
        # water supply targets are set in "lít/người/ngày"). "/năm" stays `per: year`.
        ("cấp nước sinh hoạt 100 lít/người/ngày", "lít/người/ngày"),
        ("sinh hoạt chi đoàn ít nhất 1 lần/tháng", "lần/tháng"),
        ("luyện tập 3 lần/tuần", "lần/tuần"),
    ],
)
def test_a_rate_per_day_week_or_month_keeps_its_period(text: str, unit: str) -> None:
    assert _printed(text)[0][3] == unit


def test_a_period_alone_after_the_figure_is_still_no_quantity() -> None:
    assert _printed("định kỳ 10 ngày/lần") == []
