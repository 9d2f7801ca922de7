"""Targets of real plans from other provinces against hand-made gold (tests/fixtures/real_targets).

Each document is the stored opening of a public page (its address is in the
manifest), with the mess the page has: unnumbered and lower-case target headings,
lists typed on one line, units no closed list foresees. The gold lists every target
with its figures; a target with none is qualitative. Every target must be found,
nothing else, and each with exactly its figures.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from extract import load_plan
from extract.model import Quantity, Target

HERE = Path(__file__).resolve().parent / "fixtures" / "real_targets"
_FIGURE = re.compile(
    r"^(?P<op>=|>=|<=|>|<|~|range) (?P<value>-?[\d.]+)(?:\.\.(?P<high>[\d.]+))? "
    r"(?P<unit>.+?)(?P<yearly> /năm)?(?: (?P<direction>up|down))?$"
)


@cache
def _manifest() -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = yaml.safe_load(
        (HERE / "manifest.yaml").read_text(encoding="utf-8")
    )["documents"]
    return documents


@cache
def _targets(name: str) -> dict[str, Target]:
    return {target.id: target for target in load_plan(HERE / name).targets}


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _written(quantity: Quantity) -> str:
    value = _number(quantity.value)
    if quantity.op == "range" and quantity.high is not None:
        value = f"{value}..{_number(quantity.high)}"
    yearly = " /năm" if quantity.per == "year" else ""
    direction = f" {quantity.direction}" if quantity.direction else ""
    return f"{quantity.op} {value} {quantity.unit}{yearly}{direction}"


def _cases() -> list[tuple[str, str]]:
    return [
        (document["file"], target) for document in _manifest() for target in document["targets"]
    ]


def test_every_document_has_its_source_and_gold() -> None:
    for document in _manifest():
        assert document["url"].startswith("http") and (HERE / document["file"]).exists()
        for figures in document["targets"].values():
            assert all(_FIGURE.match(figure) for figure in figures), figures


@pytest.mark.parametrize("name", sorted({document["file"] for document in _manifest()}))
def test_every_target_is_found_and_nothing_else(name: str) -> None:
    gold = next(document for document in _manifest() if document["file"] == name)["targets"]
    assert list(_targets(name)) == list(gold)


@pytest.mark.parametrize(("name", "target_id"), _cases())
def test_target_has_exactly_its_figures(name: str, target_id: str) -> None:
    gold = next(document for document in _manifest() if document["file"] == name)["targets"]
    found = _targets(name).get(target_id)
    assert found is not None, f"{target_id} not found"
    assert [_written(quantity) for quantity in found.quantities] == gold[target_id]
