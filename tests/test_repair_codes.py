"""Damaged codes and acronyms filled from the ones a document writes whole."""

from __future__ import annotations

import random
import re

from extract.repair.codes import code_fills, document_codes
from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.model import default_inventory
from tests.conftest import PLANS


def test_codes_are_words_with_capitals_that_are_no_syllable() -> None:
    is_valid = default_inventory().is_valid
    codes = document_codes(
        ["UBND thị xã, HĐND; Kế hoạch số 13-ĐA/TU.", "UBND phường, Th  ng trực (MTTQ)"], is_valid
    )
    assert codes[4] == [("HĐND", 1), ("MTTQ", 1), ("UBND", 2)]
    assert codes[8] == [("13-ĐA/TU", 1)]
    assert "Kế" not in {code for found in codes.values() for code, _ in found}
    assert "Th" not in {code for found in codes.values() for code, _ in found}  # a fragment


def test_a_blank_takes_only_letters_and_matches_by_share() -> None:
    codes = {4: [("UBND", 3), ("UBMT", 1)], 10: [("24/02/2023", 1)]}
    assert code_fills("U_ND", codes) == [("UBND", "B", 1.0)]
    assert sorted(code_fills("UB__", codes)) == [("UBMT", "MT", 0.25), ("UBND", "ND", 0.75)]
    assert code_fills("2_/02/2023", codes) == []  # a lost digit is not guessed from a date
    assert code_fills("UBND", codes) == []  # nothing lost, nothing to fill


def test_a_damaged_acronym_is_read_as_the_one_the_document_writes_whole() -> None:
    # A font that loses most "B" (and "ư", "ơ"): "UBND" survives in a few lines only.
    clean = (PLANS / "ubnd-hong-linh-dan-van-chinh-quyen-2023.txt").read_text(encoding="utf-8")
    rng = random.Random(1)
    garbled = [
        "".join(
            " "
            if (char in "ươ" and rng.random() < 0.9) or (char == "B" and rng.random() < 0.6)
            else char
            for char in line
        )
        for line in clean.split("\n")
    ]
    repaired, _ = repair_dropped_glyphs(garbled)
    lines = zip(clean.split("\n"), garbled, repaired, strict=True)
    readings = [
        repaired_line[match.start() : match.end()]
        for line, garbled_line, repaired_line in lines
        for match in re.finditer("UBND", line)
        if garbled_line[match.start() : match.end()] == "U ND"
    ]
    assert len(readings) >= 5
    assert readings.count("UBND") >= len(readings) - 2  # not a syllable: never filled before
