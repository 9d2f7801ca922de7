"""Targets and tasks of the corpus plans against hand-made gold records, field by field.

The gold files (tests/gold/<plan>/targets.json, tasks.json) were typed from
reading the documents. The town plan is garbled: its gold is the text as it
should read once repaired, so its free text (target text, task titles, bodies
as written) is compared by similarity; ids, figures, deadlines and canonical
body names are compared exactly everywhere.

Conventions the gold follows (the reading a reviewer would give):

* a target's text runs from after "(n)" to the next heading, target, bullet or
  label, joined with single spaces, markup, footnote markers and the footnotes
  of the page left out, "4m" + superscript "2" written "4m²";
* a task's title is its heading's text and the paragraph under it, up to its
  block of labels;
* a figure is yearly ("per": "year") when "/năm" follows it or a yearly word
  ("hằng năm") is in the same sentence;
* a deadline's raw is the label's value without its final full stop; "thường
  xuyên" anywhere in it makes it continuous;
* a body's name is the registry name with the locality as written ("Ủy ban
  nhân dân thị xã" for "UBND thị xã"); "A và B" is two bodies only when both
  are known bodies and the whole is not.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from extract import load_plan
from extract.model import Bodies, Deadline, Plan, Quantity
from tests.conftest import PLANS

GOLD = Path(__file__).resolve().parent / "gold"
GARBLED = {"thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong"}
# Gold that covers only part of the plan's items (the rest not yet typed by hand).
PARTIAL: set[tuple[str, str]] = set()
TEXT_SIMILARITY = 90.0


def _gold_files() -> list[tuple[str, str]]:
    return sorted(
        (folder.name, kind)
        for folder in GOLD.iterdir()
        for kind in ("targets", "tasks")
        if (folder / f"{kind}.json").exists()
    )


def _records() -> list[tuple[str, str, str]]:
    return [
        (stem, kind, record["id"]) for stem, kind in _gold_files() for record in _gold(stem, kind)
    ]


@cache
def _gold(stem: str, kind: str) -> list[dict[str, Any]]:
    return json.loads((GOLD / stem / f"{kind}.json").read_text(encoding="utf-8"))


@cache
def _plan(stem: str) -> Plan:
    return load_plan(PLANS / f"{stem}.txt")


def _extracted(stem: str, kind: str) -> dict[str, Any]:
    plan = _plan(stem)
    items = plan.targets if kind == "targets" else plan.tasks
    return {item.id: item for item in items}


@pytest.mark.parametrize(("stem", "kind"), _gold_files())
def test_every_gold_id_is_found_and_nothing_else(stem: str, kind: str) -> None:
    gold_ids = [record["id"] for record in _gold(stem, kind)]
    found_ids = list(_extracted(stem, kind))
    if (stem, kind) in PARTIAL:
        assert [item for item in found_ids if item in gold_ids] == gold_ids
    else:
        assert found_ids == gold_ids


@pytest.mark.parametrize(("stem", "kind", "item_id"), _records())
def test_item_matches_gold(stem: str, kind: str, item_id: str) -> None:
    gold = next(record for record in _gold(stem, kind) if record["id"] == item_id)
    item = _extracted(stem, kind).get(item_id)
    assert item is not None, f"{item_id} not extracted"
    assert item.line == gold["line"]
    text_field = "text" if kind == "targets" else "title"
    _assert_text(stem, getattr(item, text_field), gold[text_field])
    if kind == "targets":
        assert item.section == gold["section"]
        assert item.number == gold["number"]
        assert [_quantity(q) for q in item.quantities] == [
            _gold_quantity(q) for q in gold["quantities"]
        ]
    else:
        assert item.label == gold["label"]
    _assert_deadline(stem, item.deadline, gold["deadline"])
    _assert_bodies(stem, item.bodies, gold["bodies"])


def _assert_text(stem: str, found: str, expected: str) -> None:
    if stem in GARBLED:
        assert fuzz.ratio(found, expected) >= TEXT_SIMILARITY, (found, expected)
    else:
        assert found == expected


def _quantity(quantity: Quantity) -> tuple[object, ...]:
    return (quantity.op, quantity.value, quantity.high, quantity.unit, quantity.per)


def _gold_quantity(record: dict[str, Any]) -> tuple[object, ...]:
    return (record["op"], record["value"], record["high"], record["unit"], record["per"])


def _assert_deadline(stem: str, found: Deadline | None, expected: dict[str, Any] | None) -> None:
    if expected is None:
        assert found is None
        return
    assert found is not None
    _assert_text(stem, found.raw, expected["raw"])
    assert found.kind == expected["kind"]
    assert found.start == _date(expected["start"])
    assert found.end == _date(expected["end"])
    assert found.every == expected["every"]
    assert found.valid == expected["valid"]


def _assert_bodies(stem: str, found: Bodies, expected: dict[str, Any]) -> None:
    for role in ("lead", "advisory", "implementing"):
        bodies = getattr(found, role)
        assert [body.name for body in bodies] == [body["name"] for body in expected[role]], role
        for body, gold in zip(bodies, expected[role], strict=True):
            _assert_text(stem, body.raw, gold["raw"])


def _date(written: str | None) -> dt.date | None:
    return dt.date.fromisoformat(written) if written is not None else None
