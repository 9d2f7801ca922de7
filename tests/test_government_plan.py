"""A commune plan in the government convention (chủ trì / phối hợp) against the town's plan.

tests/fixtures/plans/ubnd-xa-chu-tri-phoi-hop.txt was written for these tests
(no corpus plan names its bodies this way): five targets and two tasks name a
"Cơ quan chủ trì", one target names only a "Cơ quan phối hợp".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from extract import load_plan
from extract.model import Plan
from extract.resources import corpus_dir
from rules import check_plan
from rules.findings import CheckResult

COMMUNE = Path(__file__).resolve().parent / "fixtures" / "plans" / "ubnd-xa-chu-tri-phoi-hop.txt"


@cache
def commune() -> Plan:
    return load_plan(COMMUNE)


@cache
def result() -> CheckResult:
    town = load_plan(corpus_dir() / "plans" / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")
    return check_plan(commune(), town)


def test_chu_tri_is_the_lead_and_phoi_hop_coordinates() -> None:
    first = commune().targets[0]
    assert [(body.name, body.role) for body in first.bodies.lead] == [
        ("Ủy ban nhân dân xã", "chủ trì")
    ]
    assert first.bodies.implementing == []
    assert [body.raw for body in first.bodies.coordinating] == ["Công an xã", "các thôn"]


def test_a_body_the_registry_does_not_know_keeps_its_written_name() -> None:
    places = commune().targets[0].bodies.coordinating[1]
    assert (places.name, places.registered) == ("các thôn", False)
    police = commune().targets[0].bodies.coordinating[0]
    assert (police.name, police.registered) == ("Công an xã", True)


def test_b001_never_fires_on_an_item_naming_its_chu_tri() -> None:
    items = {item.id: item for item in [*commune().targets, *commune().tasks]}
    flagged = {finding.target for finding in result().findings if finding.code == "B001"}
    with_chu_tri = {item_id for item_id, item in items.items() if item.bodies.lead}
    assert with_chu_tri >= {"1(1)", "1(2)", "1(3)", "1(4)", "1(5)"}
    assert not flagged & with_chu_tri


def test_b001_still_fires_when_only_coordinating_bodies_are_named() -> None:
    b001 = [finding for finding in result().findings if finding.code == "B001"]
    assert [finding.target for finding in b001] == ["1(6)"]
    assert "không nêu cơ quan lãnh đạo, chủ trì, trong khi" in b001[0].message


def test_a_plan_stored_under_schema_1_0_still_reads() -> None:
    from extract.model import Body

    old = Body.model_validate({"raw": "Công an xã, các thôn", "name": None, "span": None})
    assert (old.name, old.registered) == ("Công an xã, các thôn", False)
