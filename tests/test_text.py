"""extract.text: the one home of the folds and Roman numerals every stage uses."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.text import (
    ascii_name,
    base_letter,
    comparable,
    fold,
    fold_text,
    lower_in_place,
    normalise,
    plain,
    roman,
    roman_value,
    search_form,
    skeleton,
    spaced,
    split_tone_marks,
    strip_marks,
)
from tests.hash_seeds import outputs_under_seeds

_VIETNAMESE = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐUY -–.,òóỏõọùúủũụỳýỷỹỵàáảãạ")),
    max_size=40,
)


def test_fold_moves_an_old_tone_only_at_the_end_of_a_syllable() -> None:
    assert fold("Uỷ ban") == "ủy ban"
    assert fold("hoà") == "hòa"
    assert fold("hoàn") == "hoàn"  # a letter follows: the mark is already right
    assert fold("quý") == "quý"  # "qu" is a consonant


def test_fold_reads_a_font_look_alike_as_the_letter_it_stands_for() -> None:
    assert fold("Ngƣời") == "người"


@given(_VIETNAMESE)
def test_fold_keeps_every_offset(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_spaced_and_normalise() -> None:
    assert spaced("  Giai đoạn 2021–2025 ") == "Giai đoạn 2021 - 2025"
    assert normalise("Tỉnh  Uỷ") == "tỉnh ủy"


def test_comparable_is_looser_than_normalise() -> None:
    assert comparable("QUÝ  I") == "qúy i"  # every old-style cluster moves
    assert normalise("QUÝ  I") == "quý i"
    assert comparable("ÐẢNG ỦY") == "đảng ủy"  # Icelandic eth read as Đ
    assert comparable("2021‒2025") == "2021 - 2025"


@given(_VIETNAMESE)
def test_search_form_keeps_every_offset(text: str) -> None:
    assert len(search_form(text)) == len(text)


def test_search_form_agrees_with_comparable_on_words() -> None:
    assert search_form("Tỉnh Uỷ‒QN") == "tỉnh ủy-qn"
    assert comparable("Tỉnh Uỷ") == search_form("Tỉnh Uỷ")


def test_marks_are_dropped_and_d_is_mapped_by_hand() -> None:
    assert strip_marks("Đề án đổi mới") == "Đe an doi moi"  # case kept, "Đ" kept
    assert skeleton("Đề án đổi mới") == "de an doi moi"
    assert plain("Thị  xã") == "thi xa"
    assert fold_text("Khu dân cư “6 không”") == "khu dan cu 6 khong"
    assert fold_text("đạt 100%!") == "dat 100%"


def test_split_tone_marks_keeps_hats_and_horns() -> None:
    assert split_tone_marks("ướt") == ("ươt", "\u0301")
    assert split_tone_marks("Việt") == ("Viêt", "\u0323")
    assert split_tone_marks("ngang") == ("ngang", "")


@pytest.mark.parametrize(("char", "letter"), [("Ế", "e"), ("đ", "d"), ("Đ", "d"), ("ư", "u")])
def test_base_letter(char: str, letter: str) -> None:
    assert base_letter(char) == letter


def test_ascii_name() -> None:
    written = ascii_name("Kế hoạch số 5/KH-UBND (Đắk Lắk).docx")
    assert written == "Ke-hoach-so-5-KH-UBND-Dak-Lak-.docx"


@pytest.mark.parametrize(
    ("number", "numerals"),
    [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (49, "XLIX"), (90, "XC"),
     (1999, "MCMXCIX")],
)  # fmt: skip
def test_roman(number: int, numerals: str) -> None:
    assert roman(number) == numerals
    assert roman_value(numerals) == number


def test_roman_of_nothing_is_empty() -> None:
    assert roman(0) == ""


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trips(number: int) -> None:
    assert roman_value(roman(number)) == number


def test_roman_value_refuses_a_letter_that_is_not_a_numeral() -> None:
    with pytest.raises(KeyError):
        roman_value("IIA")


def test_no_other_module_strips_marks_or_writes_roman_numerals_itself() -> None:
    """The folds and numerals live once: a second copy drifts (five did, once)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    copies = [
        str(path.relative_to(root))
        for package in ("extract", "rules", "reports", "app")
        for path in (root / package).rglob("*.py")
        if path.name != "text.py"
        and any(sign in path.read_text(encoding="utf-8") for sign in ('.replace("đ", "d")', '"IX"'))
    ]
    assert copies == []


@pytest.mark.parametrize(
    "text",
    ["Ủy ban ΣΟΦΙΑ", "ÔNG İSTANBUL", "ΟΔΟΣ Σ", "Đề án số 13-ĐA/TU", "", "Σ", "İ", "ﬀ ẞ Ω K"],
)
def test_lower_in_place_is_each_letter_lowered_alone(text: str) -> None:
    by_letter = "".join(low if len(low := char.lower()) == 1 else char for char in text)
    assert lower_in_place(text) == by_letter
    assert len(lower_in_place(text)) == len(text)


def test_strip_marks_drops_every_combining_mark_whatever_the_script() -> None:
    text = "Tiếng Việt, e\u0301\u0323, \u05d0\u05b7 \u0915\u094d, \u20dd ж\u0306"
    decomposed = unicodedata.normalize("NFD", text)
    expected = "".join(char for char in decomposed if not unicodedata.combining(char))
    assert strip_marks(text) == expected
    assert strip_marks(text) == expected  # the table, filled on the first call, agrees


def test_a_word_alternation_is_the_same_text_whatever_the_hash_seed() -> None:
    # Built from a set, its same-length words followed the set's order, which follows
    # PYTHONHASHSEED: the compiled-code table could not keep such patterns.
    script = (
        "from extract.parse.meta_vocabulary import words_pattern\n"
        "print(words_pattern(['xã', 'aa', 'bb', 'cc', 'dd', 'thị trấn']))\n"
    )
    outputs = outputs_under_seeds(script)
    assert outputs == {"thị\\s+trấn|aa|bb|cc|dd|xã\n"}
