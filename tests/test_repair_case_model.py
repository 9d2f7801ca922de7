"""Capitals of words that lost their first letter: where a line opens matters."""

from __future__ import annotations

from extract.repair.case_model import CaseModel, at_line_start
from tests.garbled_realdocs import garbled_and_repaired


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
    opening = [
        (before, after)
        for line, before, after in garbled_and_repaired(
            "binh-dinh-ubnd-qd1528-cong-tac-xa-hoi", "s1p1"
        )
        if line.startswith("Căn cứ Luật") and before.startswith(" ăn")
    ]
    assert opening
    assert all(after.startswith("Căn cứ") for _, after in opening)


def test_the_document_own_line_openings_decide_a_lost_capital() -> None:
    # A real resolution garbled by the honest bench's s1p1 (loses "c" and "C"): its intact
    # line openings write "Căn cứ" after a line ending ";"; the training text has 21 such
    # openings and reads " ăn cứ Luật Ban hành" as "căn cứ".
    lines = garbled_and_repaired("tra-vinh-hdnd-nq15-2020-ktxh-2021", "s1p1")
    opened = [
        after
        for line, before, after in lines
        if line.startswith("Căn cứ Luật") and before.startswith(" ăn")
    ]
    assert len(opened) >= 2
    assert all(after.startswith("Căn cứ") for after in opened)


def test_after_a_line_mark_the_document_own_habit_decides_a_lost_capital() -> None:
    # "(1) Cơ cấu kinh tế ...": after the marks its lines open with, this real list writes
    # a capital; inside a line "(" and ")" say nothing of it.
    lines = garbled_and_repaired("gia-lai-xa-son-lang-chi-tieu-nhiem-ky", "s1p1")
    marked = [
        after
        for line, before, after in lines
        if line.startswith("(1) Cơ cấu") and "(1)  ơ" in before
    ]
    assert marked
    assert all(after.startswith("(1) Cơ cấu") for after in marked)


def test_the_document_own_counts_refine_only_where_it_has_written_the_word() -> None:
    own = CaseModel()
    own.observe_lines([["-", "Về", "kinh", "tế"], ["-", "Về", "xã", "hội"]])
    probability = 0.2
    assert own.refined(probability, "-", "văn", "hóa") == probability  # nothing of "văn" after "-"
    assert own.refined(probability, "-", "về", "văn") > 0.5
