"""One list of the words that cue a date, each with the readings it takes part in."""

from __future__ import annotations

import pytest

from extract.model import Line, Period
from extract.parse.date_cues import DateCues, date_cues
from extract.parse.dates import find_date_mentions
from extract.parse.inline_deadlines import find_inline_deadline


def test_each_reading_has_its_words() -> None:
    cues = date_cues()
    assert "sau" in cues.words("yearless") and "sau" not in cues.words("by")
    assert "trước ngày" in cues.words("by") and "trước ngày" not in cues.words("yearless")
    assert "trước" in cues.words("yearless") and "trước" in cues.words("by")
    assert "thời gian hoàn thành" in cues.words("deadline")
    assert "thời gian hoàn thành" not in cues.words("by")


def test_an_unknown_reading_is_refused() -> None:
    with pytest.raises(ValueError):
        DateCues.model_validate(
            {"version": 1, "cues": {"trước": ["soon"]}, "windows": {"yearless": 1, "deadline": 1}}
        )


def test_a_by_word_makes_a_task_deadline() -> None:
    found = find_inline_deadline("Tổ chức hội nghị sơ kết, hoàn thành trước 30/4/2023.")
    assert found is not None and found.end is not None and found.end.isoformat() == "2023-04-30"


@pytest.mark.parametrize(
    ("text", "dated"),
    [("Báo cáo kết quả trước 31/3 hằng năm.", True), ("Phấn đấu 1/3 số hộ đạt chuẩn.", False)],
)
def test_a_yearless_cue_makes_a_date_not_a_fraction(text: str, dated: bool) -> None:
    line = Line(number=1, raw=text, text=text)
    assert bool(find_date_mentions([line], Period(start=2023, end=2023))) is dated
