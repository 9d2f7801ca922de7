"""Linking as a step of its own: computed once, read by the rules and carried to the reports."""

from __future__ import annotations

from typing import Any

import pytest

import rules.linking.links as links_module
from rules import check_plan
from rules.findings import CheckResult
from rules.linking import Links, find_parent, link_plans
from rules.linking.catalogue import classify_item, plan_items
from rules.reference import load_reference
from tests.conftest import PLANS
from tests.test_rules_engine import _child, _parent


def test_each_plan_level_is_worked_out_once_per_check(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = links_module.plan_level

    def counting(plan: Any) -> Any:
        asked.append(plan.source.name)
        return real(plan)

    monkeypatch.setattr(links_module, "plan_level", counting)
    result = check_plan(_child(), _parent())
    assert sorted(asked) == ["town.txt", "ward.txt"]
    assert result.child.level == "phuong" and result.parent is not None


def test_rules_read_the_links_they_are_given() -> None:
    child, parent = _child(), _parent()
    linked = link_plans(child, parent)
    assert linked.basis == "chain" and linked.child_level == "phuong"
    # Told that the plans are not to be compared, no rule compares them.
    alone = linked.model_copy(update={"basis": "none", "matches": [], "coverage": []})
    result = check_plan(child, parent, links=alone)
    assert not {finding.code for finding in result.findings} & {"C001", "C002", "T001"}
    assert result.matches == [] and result.coverage == []
    assert "T001" in {finding.code for finding in check_plan(child, parent).findings}


def test_every_parent_item_has_a_coverage_status_and_a_reason() -> None:
    child, parent = _child(), _parent()
    result = check_plan(child, parent)
    covered = {(item.kind, item.parent_id): item for item in result.coverage}
    for target in parent.targets:
        assert ("target", target.id) in covered
    for task in parent.tasks:
        assert ("task", task.id) in covered
    assert all(item.reason for item in result.coverage)
    statuses = {item.parent_id: item.status for item in result.coverage}
    # Paired but lower than the parent: a rule (T001) graded it, linking paired it.
    assert statuses["2.1(5)"] == "weaker"
    assert covered[("target", "2.1(5)")].codes == ["T001"]


def test_a_parent_that_is_not_compared_leaves_its_items_unchecked() -> None:
    child = _child()
    unrelated = _parent().model_copy(
        update={"lines": [], "meta": _parent().meta.model_copy(update={"implements": None})}
    )
    linked = link_plans(child, unrelated)
    if linked.basis != "none":
        pytest.skip("the parent still reads as carrying out Đề án 13")
    assert linked.matches == []
    assert {item.status for item in linked.coverage} == {"unchecked"}
    assert len(linked.coverage) == len(unrelated.targets) + len(unrelated.tasks)


def test_a_result_stored_before_1_4_gets_the_coverage_it_implied() -> None:
    result = check_plan(_child(), _parent())
    stored = result.model_dump(mode="json")
    stored["schema_version"] = "1.3"
    del stored["coverage"]
    upgraded = CheckResult.model_validate(stored)
    compared = [item for item in result.coverage if item.status != "unchecked"]
    assert upgraded.coverage == compared


def test_links_default_to_a_plan_linked_to_nothing() -> None:
    links = Links()
    assert links.basis == "none" and not links.compares_parent and not links.against_reference
    assert links.matches == [] and links.coverage == []


def test_classifications_are_kept_by_the_reference_that_made_them() -> None:
    reference = load_reference()
    [item] = [item for item in plan_items(_child(), "target") if item.id == "2.1(5)"]
    hit = classify_item(item, reference)
    assert hit is not None and classify_item(item, reference) is hit
    # Another catalogue (here: without that indicator) decides on its own.
    other = reference.model_copy(
        update={"indicators": [e for e in reference.indicators if e.id != hit.entry.id]}
    )
    other_hit = classify_item(item, other)
    assert other_hit is None or other_hit.entry.id != hit.entry.id


def test_find_parent_takes_the_levels_a_batch_already_knows() -> None:
    child, town = _child(), _parent()
    assert find_parent(child, [town]) is town
    asked: list[str] = []

    def same_level(plan: Any) -> Any:
        asked.append(plan.source.name)
        return "phuong"

    # Told both sit at the same level, the town is no parent of the ward (it is not cited).
    assert find_parent(child, [town], level_of=same_level) is None
    assert sorted(asked) == ["town.txt", "ward.txt"]


def test_a_parent_asked_again_whether_it_is_coastal_is_not_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An audit checks hundreds of children against one parent: its text is folded and
    # searched for the sea's words once (issue 18), with the same answer each time.
    from extract import load_plan
    from rules.linking import levels

    folded: list[int] = []
    real = levels.fold_text

    def counted(text: str) -> str:
        folded.append(len(text))
        return real(text)

    plan = load_plan(PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")
    levels._coastal_text.cache_clear()
    monkeypatch.setattr(levels, "fold_text", counted)
    first = levels.is_coastal(plan)
    assert [levels.is_coastal(plan) for _ in range(3)] == [first] * 3
    assert len(folded) == 1
