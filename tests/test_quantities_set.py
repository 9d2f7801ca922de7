"""The quantity-phrase set (tests/quantities) is whole, hashed, gold-complete and split by rule.

Nothing here runs the reader: the figures are ``python -m tests.benchmarks quantities``'s.
"""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from tests.benchmarks.quantities_bench import error_kinds, score_item
from tests.quantities.phrases import (
    REALDOCS_MANIFEST,
    GoldQuantity,
    load_items,
    load_manifest,
    sha256_of,
    split_violations,
)

MANIFEST = load_manifest()


def test_every_text_is_the_one_hashed_and_every_line_has_its_gold() -> None:
    for entry in MANIFEST.documents:
        assert sha256_of(entry.text_path) == entry.sha256, entry.id
        assert load_items(entry), entry.id  # gold covers lines 1..n, every quantity parses


def test_the_set_is_large_enough_and_about_a_third_is_held_out() -> None:
    sizes = Counter()
    for entry in MANIFEST.documents:
        sizes[entry.split] += len(load_items(entry))
    assert sum(sizes.values()) >= 250
    assert 0.25 <= sizes["heldout"] / sum(sizes.values()) <= 0.4


def test_no_heldout_topic_or_issuer_is_in_dev() -> None:
    assert split_violations(list(MANIFEST.documents)) == []


def test_the_split_rule_catches_a_shared_issuer() -> None:
    documents = list(MANIFEST.documents)
    dev = next(entry for entry in documents if entry.split == "dev")
    heldout = next(entry for entry in documents if entry.split == "heldout")
    leaked = heldout.model_copy(update={"issuer": dev.issuer})
    assert split_violations([dev, leaked]) == [f"{leaked.id}: issuer {dev.issuer} is also in dev"]


def test_no_page_of_the_real_documents_is_reused() -> None:
    realdocs = yaml.safe_load(REALDOCS_MANIFEST.read_text(encoding="utf-8"))["documents"]
    used = {document["url"] for document in realdocs}
    assert [entry.id for entry in MANIFEST.documents if entry.url in used] == []


def test_ids_and_files_match() -> None:
    ids = [entry.id for entry in MANIFEST.documents]
    assert len(ids) == len(set(ids))
    texts = {path.stem for path in MANIFEST.documents[0].text_path.parent.glob("*.txt")}
    golds = {path.stem for path in MANIFEST.documents[0].gold_path.parent.glob("*.yaml")}
    assert texts == golds == set(ids)


@pytest.mark.parametrize(
    ("written", "op", "value", "high", "unit"),
    [
        ("> 65 %", ">", 65.0, None, "%"),
        ("range 35..40 triệu đồng/người/năm", "range", 35.0, 40.0, "triệu đồng/người/năm"),
        ("= 4 thôn", "=", 4.0, None, "thôn"),
        ("~ 107", "~", 107.0, None, None),
        ("<= 113 /100", "<=", 113.0, None, "/100"),
    ],
)
def test_gold_quantities_are_read_from_one_line(
    written: str, op: str, value: float, high: float | None, unit: str | None
) -> None:
    quantity = GoldQuantity.parse(written)
    assert (quantity.op, quantity.value, quantity.high, quantity.unit) == (op, value, high, unit)


@pytest.mark.parametrize("written", ["65 %", "range 35 %", "= 4..5 thôn", ">> 3 xã"])
def test_a_malformed_gold_quantity_is_an_error(written: str) -> None:
    with pytest.raises(ValueError):
        GoldQuantity.parse(written)


def test_each_wrong_quantity_has_one_kind() -> None:
    expected = [
        ("=", 8.0, "%", None),
        (">", 65.0, "%", None),
        ("=", 4.0, "thôn", None),
        ("=", 2.0, "làng", None),
    ]
    found = [
        ("=", 8.0, "%", None),
        (">=", 65.0, "%", None),
        ("=", 4.0, "thôntrở", None),
        ("=", 3.0, "làng", None),
        ("=", 2025.0, None, None),
    ]
    assert error_kinds(expected, found) == Counter(op=1, unit=1, value=1, invented=1)
    assert error_kinds(expected, found[:1]) == Counter(missed=3)


def test_an_item_is_exact_only_with_the_gold_multiset() -> None:
    gold = [GoldQuantity.parse("= 100 %"), GoldQuantity.parse("= 100 %")]
    once = score_item(gold, [("=", 100.0, "%", None)])
    assert (once["exact"], once["right"], once["missed"]) == (0, 1, 1)
    twice = score_item(gold, [("=", 100.0, "%", None)] * 2)
    assert (twice["exact"], twice["right"]) == (1, 2)
