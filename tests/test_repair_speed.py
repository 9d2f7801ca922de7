"""Repair does no work a document does not need (issue 18): what is built, and when."""

from __future__ import annotations

import pytest

from extract.repair.drop_rates import DropRates
from extract.repair.model import SyllableInventory, default_model
from extract.repair.run_reader import DocumentRuns, RunReader
from extract.repair.syllables import parse

SYLLABLES = {"nghiêng": 3, "khuỷu": 1, "thuở": 2, "quyết": 5, "giặc": 2}


def test_an_inventory_tells_its_own_syllables_valid_without_parsing_any() -> None:
    parse.cache_clear()
    inventory = SyllableInventory(dict(SYLLABLES))
    assert inventory.is_valid("quyết")
    assert parse.cache_info().misses == 0


def test_the_rules_learn_the_rhymes_when_first_asked() -> None:
    inventory = SyllableInventory(dict(SYLLABLES))
    assert inventory.is_valid("nghiếng")  # not in the inventory; its rhyme "iêng" is
    assert not inventory.is_valid("nghiếp")  # "iêp": no syllable of the inventory has it
    assert inventory.rules.rhymes == frozenset({"iêng", "uyu", "uơ", "yêt", "ăc"})


def test_patterns_match_by_the_rank_set_after_the_inventory_was_built() -> None:
    inventory = SyllableInventory({"thuở": 2, "thuê": 1, "thua": 3})
    assert inventory.matching("thu_") == ("thua", "thuở", "thuê")
    inventory.rank = {"thuở": 0.9, "thuê": 0.5, "thua": 0.1}
    assert inventory.matching("thu_") == ("thuở", "thuê", "thua")
    assert inventory.letters == frozenset("thuởêa")


def test_a_run_nothing_fits_is_read_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    model = default_model()
    document = DocumentRuns(model, {})
    first = RunReader(model, model.language, DropRates.default(), document=document)
    first.prepare_line("Th q  x 1 nh", {})
    assert first.options("q  x") == []  # no syllable, no code
    assert first.options("nh") == first.options("nh")
    later = RunReader(model, model.language, DropRates.default(), document=document)
    later.prepare_line("Th q  x 1 nh", {"q": 0.5})

    def fail(*_: object) -> list[object]:
        raise AssertionError("read again")

    monkeypatch.setattr(later, "_fill_options", fail)
    assert later.options("q  x") == []
    assert later.options("nh") is first.options("nh")  # written whole: the same reading
