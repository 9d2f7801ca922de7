"""The honest repair bench sorts each damaged word into the category it reports."""

from __future__ import annotations

import inspect

import pytest

from tests.benchmarks import repair_honest_bench
from tests.benchmarks.repair_honest_bench import (
    KNOWN_KINDS,
    category,
    place_names,
    place_words,
    word_results,
)


@pytest.mark.parametrize(
    ("word", "lost", "expected"),
    [
        ("QĐ-TTg", {"g"}, "code_known"),  # the "QĐ-TTg" -> "QĐ-TT"
        ("12/NQ-HĐND,", {"D"}, "code_known"),
        ("BNNPTNT", {"T"}, "code_known"),
        ("168/KH-UBND", {"K"}, "code_known"),
        ("COVID-19", {"O"}, "code_other"),  # a code, but of no kind of document or body
        ("ABC", {"B"}, "code_other"),
        ("168/KH-UBND", {"6"}, "number"),  # a lost digit is never filled
        ("24/02/2023", {"4"}, "number"),
        ("Kiên", {"ê"}, "name"),
        ("xã", {"x"}, "short"),
    ],
)
def test_a_damaged_word_falls_in_one_category(word: str, lost: set[str], expected: str) -> None:
    assert category(word, caps_line=False, opens_sentence=False, lost=lost) == expected


def test_a_code_in_a_line_of_capitals_counts_with_the_line() -> None:
    assert category("QĐ-TTg", caps_line=True, opens_sentence=False, lost={"g"}) == "all_caps_line"


def test_the_bench_keeps_its_own_list_of_known_kinds() -> None:
    # A benchmark must not share its assumptions with the code it measures.
    assert {"QĐ", "NQ", "KH", "UBND", "HĐND", "TTg", "BCĐ", "BDVTU"} <= KNOWN_KINDS
    source = inspect.getsource(repair_honest_bench)
    assert "extract.repair.code_model" not in source and "resources" not in source


def test_a_place_name_of_any_length_is_counted_apart_from_other_capitals() -> None:
    # Real sentences: a province of four syllables around a dash, a district and province
    # written with either vowel mark ("Đăk"/"Đắk") or old tone placement ("Hoà Bình").
    line = "UBND tỉnh Bà Rịa - Vũng Tàu phối hợp với Chính phủ và huyện Đăk Song, tỉnh Hoà Bình"
    places = {line[start:].split()[0] for start in place_words(line)}
    assert places == {"Bà", "Rịa", "Vũng", "Tàu", "Đăk", "Song,", "Hoà", "Bình"}
    # "Chính phủ" is a capitalised noun: it stays a "name".
    assert category("Chính", caps_line=False, opens_sentence=False, lost={"C"}) == "name"


def test_word_results_puts_a_damaged_place_word_in_the_place_category() -> None:
    gold = ["Ủy ban nhân dân tỉnh Kiên Giang và Chính phủ"]
    garbled = ["Ủy ban nhân dân tỉnh Kiên  iang và  hính phủ"]
    results = list(word_results(gold, garbled, gold))
    assert results == [("place", True), ("name", True)]


def test_the_bench_reads_its_own_gazetteer() -> None:
    # Not the repair's reading (extract.repair.name_slot reads the SQLite file).
    source = inspect.getsource(repair_honest_bench)
    assert "name_slot" not in source and "dataset.db" not in source
    assert {"kien giang", "ba ria vung tau", "dak nong", "hoa binh"} <= place_names()


def test_the_dev_split_never_opens_nor_repairs_a_held_out_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Tuning runs use --split dev; the held-out figure is taken once, by the lead.
    seen: list[str] = []

    def overlap(entries: list[repair_honest_bench.Entry]) -> dict[str, float]:
        seen.extend(entry.split for entry in entries)
        return {entry.id: 0.0 for entry in entries}

    def measure(entries: list[repair_honest_bench.Entry], _garblers: object) -> object:
        seen.extend(entry.split for entry in entries)
        return repair_honest_bench.Tally()

    monkeypatch.setattr(repair_honest_bench, "training_overlap", overlap)
    monkeypatch.setattr(repair_honest_bench, "measure", measure)
    figures = repair_honest_bench.run(split="dev")
    assert seen and set(seen) == {"dev"}
    assert "heldout" not in figures and "dev" in figures
