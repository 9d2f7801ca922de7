"""A lost capital of a noun inside a sentence, from the document's own writings of the phrase."""

from __future__ import annotations

from extract.repair.case_model import CaseModel
from extract.repair.name_case import PhraseCase
from tests.garbled_realdocs import garbled_and_repaired


def test_the_document_own_writing_of_a_phrase_decides_a_lost_capital() -> None:
    # A real decision garbled by the honest bench's s1p1 (loses "c" and "C"): " hính phủ"
    # after "của" was read "chính phủ" (the training text writes "của chính quyền", 3 of 3);
    # the decision writes "Chính phủ" intact elsewhere inside its sentences.
    lines = garbled_and_repaired("binh-dinh-ubnd-qd2873-binh-dang-gioi", "s1p1")
    restored = [
        after[line.index("Chính phủ") :][:9]
        for line, before, after in lines
        if "Chính phủ" in line and " hính phủ" in before
    ]
    assert len(restored) >= 3
    assert all(text == "Chính phủ" for text in restored), restored


def test_a_phrase_inside_a_longer_name_says_nothing_of_the_phrase_alone() -> None:
    # "Sở Xây dựng" twice, "xây dựng" once after an ordinary word: the name's writings
    # are left out, so "xây" before "dựng" is lower case by the document's evidence.
    own = CaseModel()
    own.observe_lines(
        [
            ["giao", "Sở", "Xây", "dựng", "chủ", "trì"],
            ["phối", "hợp", "Sở", "Xây", "dựng", "và", "Sở", "Tài", "chính"],
            ["đầu", "tư", "xây", "dựng", "nông", "thôn"],
        ]
    )
    phrases = PhraseCase(own, CaseModel())
    assert phrases.capital(0.5, "tiêu", "xây", "dựng") < 0.2
    # The phrase after an ordinary word elsewhere ("của Chính phủ"; "Thủ tướng Chính phủ").
    own.observe_lines([["của", "Chính", "phủ", "về"], ["tướng", "Chính", "phủ", "phê"]])
    assert PhraseCase(own, CaseModel()).capital(0.2, "theo", "chính", "phủ") > 0.6
    # Where the document wrote the word after this very word, that habit decided it already.
    assert PhraseCase(own, CaseModel()).capital(0.2, "tư", "xây", "dựng") == 0.2
