"""Headings in capitals: their fonts lose capitals, and their broken words are no acronyms."""

from __future__ import annotations

from extract.repair.decoder import LineDecoder
from extract.repair.drop_rates import DropRates
from extract.repair.model import default_model


def test_a_heading_in_capitals_is_filled_with_the_capitals_loss_rates() -> None:
    # The document keeps every "ế" of its body text but its heading font loses "Ế":
    # "K  HOẠCH" is "KẾ HOẠCH", not "KÝ HOẠCH" (what the lower-case rates said).
    model = default_model()
    rates = DropRates({"ế": 0.001, "Ế": 0.6, "ý": 0.05, "Ý": 0.05, "ỳ": 0.05}, 0.05, 0.01)
    choices, _ = LineDecoder(model, model.language, rates).decode("K  HOẠCH", ())
    assert [choice.after for choice in choices] == ["KẾ"]
    assert choices[0].confidence > 0.9


def test_capitals_with_a_vietnamese_mark_that_spell_no_syllable_are_a_broken_word() -> None:
    # "TIÊ" is no acronym (acronyms are plain capitals and Đ: "HĐND"): its "U" was lost.
    model = default_model()
    decoder = LineDecoder(model, model.language, DropRates.default())
    choices, _ = decoder.decode("I. MỤC TIÊ ", ())
    assert [choice.after for choice in choices] == ["TIÊU"]
    choices, _ = decoder.decode("Giao UBND và HĐND huyện", ())
    assert choices == []


def test_capitals_in_a_lower_case_line_fill_with_the_capitals_loss_rates() -> None:
    # "H N  tỉnh" (HĐND lost Đ and D): were it "HẰNG", its lost glyphs would be "Ằ" and "G",
    # which this font never loses though it loses "ằ" and "g" often.
    model = default_model()
    rates = DropRates({"ằ": 0.5, "g": 0.5, "Ằ": 0.001, "G": 0.001, "Đ": 0.3, "D": 0.3}, 0.05, 0.01)
    decoder = LineDecoder(model, model.language, rates)
    choices, _ = decoder.decode("Ngày 9/12/2022, H N  tỉnh ban hành", ())
    # A code is read beside the syllables that fit: "HĐND" (it was never tried before).
    assert [choice.after for choice in choices] == ["HĐND"]
