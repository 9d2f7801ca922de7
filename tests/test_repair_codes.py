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


def test_the_quick_test_of_a_code_never_turns_away_a_core_a_code_fills() -> None:
    # DocumentRuns.may_be_code spares most damaged runs the match against every code
    # (issue 18): it may say yes wrongly, never no. Cores cut from the garbled town plan's
    # runs (capitals, digits, marks, blanks), beside its own codes with letters lost.
    from extract.repair.model import default_model
    from extract.repair.run_reader import DocumentRuns
    from extract.repair.tokens import BLANK

    lines = (
        (PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    model = default_model()
    document = DocumentRuns(model, document_codes(lines, model.inventory.is_valid))
    rng = random.Random(3)
    cores = [
        line[start : start + rng.randint(2, 12)].replace(" ", BLANK)
        for line in lines
        if line
        for start in rng.sample(range(len(line)), min(len(line), 5))
    ]
    for same_length in document.codes.values():
        for code, _ in same_length:
            cores += [
                "".join(BLANK if rng.random() < 0.3 else char for char in code) for _ in range(3)
            ]
            # Every capital lost: only the document's own codes can fill it ("13-__/__").
            cores.append("".join(BLANK if char.isupper() else char for char in code))
    turned_away = [core for core in cores if not document.may_be_code(core)]
    assert len(turned_away) > len(cores) // 2  # the test spares work
    assert any(document.code_fills(core) for core in cores)
    assert [core for core in turned_away if document.code_fills(core)] == []
