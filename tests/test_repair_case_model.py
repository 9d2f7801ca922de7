"""Capitals of words that lost their first letter: where a line opens matters."""

from __future__ import annotations

import random

from extract.repair.case_model import CaseModel, at_line_start
from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.model import default_model
from tests.benchmarks.repair_honest_bench import _profile_garblers
from tests.realdocs.gold import load_manifest


def test_a_line_opening_after_punctuation_is_its_own_context() -> None:
    case = CaseModel()
    # "; căn cứ" inside a line, "Căn cứ" opening the line after one ending in ";".
    lines = [
        ["Căn", "cứ", "Luật", "Tổ", "chức", ";"],
        ["Căn", "cứ", "Nghị", "quyết", ";", "căn", "cứ", "vào", "đó"],
        ["của", "tỉnh", ";"],
        ["Căn", "cứ", "Quyết", "định", "số", "<num>", ";"],
    ] * 5
    case.observe_lines(lines)
    assert at_line_start(";") != ";" and at_line_start("tỉnh") == "tỉnh"
    assert case.capital_probability(at_line_start(";"), "căn", "cứ") > 0.8
    assert case.capital_probability(";", "căn", "cứ") < 0.5


def test_a_list_letter_says_nothing_of_case() -> None:
    case = CaseModel()
    case.observe_lines([["Các", "việc", "sau", ":"], ["a", ")", "Mọi", "người", ";"]] * 5)
    assert at_line_start(":") not in case.previous  # "a)" is a marker, not a word
    assert case.previous[")"][0] > 0


def test_a_lost_capital_opening_a_line_after_a_semicolon_is_restored() -> None:
    # A real decision garbled by a font that loses "c" and "C" (the honest bench's s1p1):
    # the line after "...ngày 19/6/2015;" opens "Căn cứ", as the document writes elsewhere.
    entry = next(
        e for e in load_manifest().documents if e.id == "binh-dinh-ubnd-qd1528-cong-tac-xa-hoi"
    )
    clean = entry.text_path.read_text(encoding="utf-8").split("\n")
    garble, seed = _profile_garblers((1,), 2)["s1p1"]
    garbled = garble(clean, random.Random(f"{seed}-{entry.id}"))
    repaired, _ = repair_dropped_glyphs(garbled, model=default_model())
    opening = [
        (before, after)
        for line, before, after in zip(clean, garbled, repaired, strict=True)
        if line.startswith("Căn cứ Luật") and before.startswith(" ăn")
    ]
    assert opening
    assert all(after.startswith("Căn cứ") for _, after in opening)
