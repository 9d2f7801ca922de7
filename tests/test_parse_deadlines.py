from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from extract.parse.deadlines import parse_deadline

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "every"),
    [
        ("Trong tháng 01 năm 2023.", "within", D(2023, 1, 1), D(2023, 1, 31), None),
        ("trong quý I/2023.", "within", D(2023, 1, 1), D(2023, 3, 31), None),
        ("Trong quí III năm 2023", "within", D(2023, 7, 1), D(2023, 9, 30), None),
        ("hằng quí", "recurring", None, None, "quarter"),
        ("Trong quý IV năm 2024", "within", D(2024, 10, 1), D(2024, 12, 31), None),
        ("Trong năm 2022", "within", D(2022, 1, 1), D(2022, 12, 31), None),
        ("6 tháng đầu năm 2023", "within", D(2023, 1, 1), D(2023, 6, 30), None),
        ("Thường xuyên.", "continuous", None, None, None),
        ("Trong năm 2022 và những năm tiếp theo.", "continuous", D(2022, 1, 1), None, None),
        ("phối hợp theo giai đoạn hoặc thường xuyên hằng năm", "continuous", None, None, None),
        ("chậm nhất ngày 25/7/2023", "by", None, D(2023, 7, 25), None),
        ("trước ngày 15/12/2023", "by", None, D(2023, 12, 15), None),
        ("từ ngày 01/3/2023 đến ngày 30/6/2023", "within", D(2023, 3, 1), D(2023, 6, 30), None),
        ("Từ năm 2023 đến năm 2025", "within", D(2023, 1, 1), D(2025, 12, 31), None),
        ("Giai đoạn 2022 - 2026", "within", D(2022, 1, 1), D(2026, 12, 31), None),
        ("Hằng quý", "recurring", None, None, "quarter"),
        ("Hàng tháng", "recurring", None, None, "month"),
        ("Khi có yêu cầu", "unknown", None, None, None),
    ],
)
def test_deadline(
    text: str, kind: str, start: dt.date | None, end: dt.date | None, every: str | None
) -> None:
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.start, deadline.end, deadline.every) == (
        kind,
        start,
        end,
        every,
    )
    assert deadline.valid


def test_recurring_date_takes_the_year_the_plan_gives() -> None:
    deadline = parse_deadline("Trước 31/3 hằng năm", year=2023)
    assert (deadline.kind, deadline.every, deadline.end) == ("recurring", "year", D(2023, 3, 31))
    assert parse_deadline("Trước 31/3 hằng năm").end is None


def test_half_yearly_report() -> None:
    deadline = parse_deadline("Định kỳ 6 tháng (trước ngày 10/6)", year=2023)
    assert (deadline.kind, deadline.every, deadline.end) == (
        "recurring",
        "half-year",
        D(2023, 6, 10),
    )


@pytest.mark.parametrize(
    "text",
    ["trước 30/02/2023", "1/13/2023", "00/01/2023", "trước ngày 29/02/2023", "tháng 13/2023"],
)
def test_impossible_date_is_invalid(text: str) -> None:
    deadline = parse_deadline(text)
    assert not deadline.valid
    assert deadline.end is None


def test_two_digit_year() -> None:
    assert parse_deadline("31/12/22").end == D(2022, 12, 31)


def test_raw_drops_the_full_stop() -> None:
    deadline = parse_deadline(" Thường xuyên. ", line=4)
    assert deadline.raw == "Thường xuyên"
    assert deadline.span is not None and deadline.span.line == 4


@given(st.text(max_size=60), st.one_of(st.none(), st.integers(min_value=-5, max_value=99999)))
@example("1.000.000", None)
@example("0,5%/năm", None)
@example("50%-60%", None)
@example("31/12/22", None)
@example("1/13/2023", None)
@example("00/01/2023", None)
@example("trước 30/02/2023", None)
@example("trước 29/02 hằng năm", 2023)
@example("năm 0000", None)
@example("quý I/0000", None)
@example("trong tháng 00 năm 2023", None)
def test_never_raises(text: str, year: int | None) -> None:
    deadline = parse_deadline(text, year=year)
    assert deadline.kind in {"by", "within", "recurring", "continuous", "unknown"}
    if not deadline.valid:
        assert deadline.end is None
