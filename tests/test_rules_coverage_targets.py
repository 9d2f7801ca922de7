import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.model import Quantity
from extract.parse.rule_facts import quantity_facts
from rules import check_plan
from rules.compare import compare, place_quantities, unit_kind
from rules.reference import load_reference
from rules.registry import rule_by_code
from tests.rules_fixtures import FIXTURES, build_plan, load_cases, mismatches, run_case

FAMILIES = ("C", "T")
CASES = [case for family in FAMILIES for case in load_cases(f"{family}*.yml")]


@pytest.mark.parametrize(
    ("code", "name", "case"), CASES, ids=[f"{code}-{name}" for code, name, _ in CASES]
)
def test_fixture_case(code: str, name: str, case: dict[str, Any]) -> None:
    findings = run_case(code, case)
    assert not mismatches(findings, case["expected"]), mismatches(findings, case["expected"])
    for finding in findings:
        assert finding.code == code
        assert finding.severity == rule_by_code(code).severity


@pytest.mark.parametrize("code", ["C001", "C002", "C003", "T001", "T002", "T003", "T004"])
def test_every_rule_has_a_firing_case_and_a_near_miss(code: str) -> None:
    assert (FIXTURES / f"{code}.yml").is_file()
    cases = {name: case for found, name, case in load_cases(f"{code}.yml") if found == code}
    firing = [name for name, case in cases.items() if case["expected"]]
    near_misses = [name for name, case in cases.items() if not case["expected"]]
    assert any(name.startswith("test_fail_") for name in firing)
    assert any(name.startswith("test_pass_") for name in near_misses)


@pytest.mark.parametrize("code", ["C001", "C002", "C003", "T001", "T002", "T003", "T004"])
def test_rule_metadata(code: str) -> None:
    rule = rule_by_code(code)
    assert rule.scope == ("document" if code == "T003" else "cross")
    assert rule.title and rule.rationale and rule.example
    module_doc = __import__(rule.check.__module__, fromlist=["_"]).__doc__ or ""
    assert "Basis:" in module_doc and "Anti-pattern:" in module_doc
    assert "Best practice:" in module_doc


def _quantity(op: str, value: float, unit: str | None = "%", **extra: Any) -> Quantity:
    # Named and kinded as extraction does (extract.parse.rule_facts).
    return quantity_facts(
        Quantity(op=op, value=value, unit=unit, raw=extra.pop("raw", ""), **extra)  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("child", "parent", "direction", "verdict"),
    [
        (_quantity("=", 55), _quantity(">", 65), "higher", "weaker"),
        (_quantity("=", 65), _quantity(">", 65), "higher", "fine"),
        (_quantity("range", 60, high=70), _quantity(">=", 65), "higher", "weaker"),
        (_quantity("=", 3), _quantity("<", 2), "lower", "weaker"),
        (_quantity("<=", 2), _quantity("<", 2), "lower", "fine"),
        (_quantity(">", 2), _quantity("<", 3), "lower", "unknown"),
        (_quantity("=", 12, unit="mô hình"), _quantity(">", 84), "higher", "incomparable"),
        (_quantity("=", 12, unit="m²"), _quantity(">", 84), "higher", "incomparable"),
        (_quantity("=", 12, unit=None), _quantity(">", 84), "higher", "unknown"),
        (_quantity("=", 0.5, per="year"), _quantity("=", 0.5), "higher", "unknown"),
    ],
)
def test_compare(child: Quantity, parent: Quantity, direction: str, verdict: str) -> None:
    assert compare(child, parent, direction) == verdict  # type: ignore[arg-type]


def test_unit_kinds() -> None:
    def kind(unit: str | None) -> str | None:
        return unit_kind(_quantity("=", 1, unit=unit))

    assert kind("%") == "percent"
    assert kind("m2") == kind("m²") == "area"
    assert kind("Mô hình") == "count:mo hinh"
    assert kind(None) is None
    # Kinds come from extract/parse/data/units.yaml: a share, a per-mille rate and a
    # change in points never compare; two spellings of one unit are one kind.
    assert len({kind("%"), kind("‰"), kind("điểm phần trăm")}) == 3
    assert kind("%0") == "per_mille"
    assert kind("tấn") == kind("kg") == "mass"
    assert kind("bác sỹ") == kind("bác sĩ")


def test_a_unit_extraction_did_not_name_claims_nothing() -> None:
    # A figure built without the unit facts extraction records is not guessed at.
    bare = Quantity(op="=", value=55, unit="%")
    assert unit_kind(bare) is None
    assert compare(bare, _quantity(">", 65), "higher") == "unknown"


def test_a_share_and_per_mille_are_incomparable() -> None:
    child = _quantity("=", 0.9, unit="‰")
    parent = _quantity("=", 1.0, unit="%")
    assert compare(child, parent, "higher") == "incomparable"


def test_figures_are_placed_by_the_nearest_keyword_even_after_the_figure() -> None:
    entry = load_reference().indicator("trained_labour")
    text = (
        "Tỷ lệ lao động qua đào tạo trên 65%. Phấn đấu có ít nhất 30% học sinh tốt nghiệp "
        "THCS học nghề; có ít nhất 40% học sinh tốt nghiệp THPT học cao đẳng."
    )
    quantities = [
        _quantity(">", 65, raw="trên 65%"),
        _quantity(">=", 30, raw="ít nhất 30%"),
        _quantity(">=", 40, raw="ít nhất 40%"),
    ]
    placed = place_quantities(text, quantities, entry)
    assert [figure.part for figure in placed] == ["rate", "lower_secondary", "upper_secondary"]
    assert placed[1].clause.startswith("Phấn đấu có ít nhất 30%")


SKELETON_HEAD = [
    "KẾ HOẠCH",
    "thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy",
    "II- NỘI DUNG THỰC HIỆN",
    "2. Thực hiện các mục tiêu cụ thể của Đề án đến năm 2026",
    "2.1. Chỉ tiêu chung",
]
SKELETON_TASKS = ["III- NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "1. Nhiệm vụ và giải pháp chung"]
SIDES = {"Cấp trên:": "parent", "Cấp dưới:": "child"}


def _example_items(doc: str, heading: str) -> dict[str, list[str]]:
    found = re.search(rf"^{heading}:\n((?:    .*\n?)+)", doc, re.MULTILINE)
    assert found is not None, f"docstring lacks {heading}"
    items: dict[str, list[str]] = {"parent": [], "child": []}
    side = "child"
    for raw in found.group(1).splitlines():
        line = raw.strip()
        label = next((label for label in SIDES if line.startswith(label)), None)
        if label is not None:
            side = SIDES[label]
            items[side].append(line[len(label) :].strip())
        else:
            items[side][-1] += " " + line
    return items


def _example_plan(items: list[str], issuer: str, name: str) -> Any:
    targets = [item for item in items if item.startswith("(")]
    tasks = [item for item in items if not item.startswith("(")]
    lines = [*SKELETON_HEAD, *targets, *SKELETON_TASKS, *tasks]
    return build_plan(
        {"lines": "\n".join(lines), "parse": True, "meta": {"issuer": issuer}}, name=name
    )


def _example_codes(doc: str, heading: str) -> set[str]:
    items = _example_items(doc, heading)
    child = _example_plan(items["child"], "Đảng ủy phường An Phú", "child.txt")
    parent = None
    if items["parent"]:
        parent = _example_plan(items["parent"], "Ban Thường vụ Thị ủy", "parent.txt")
    return {finding.code for finding in check_plan(child, parent).findings}


@pytest.mark.parametrize("code", ["C001", "C002", "C003", "T001", "T002", "T003", "T004"])
def test_docstring_examples_run(code: str) -> None:
    rule = rule_by_code(code)
    doc = __import__(rule.check.__module__, fromlist=["_"]).__doc__ or ""
    assert code in _example_codes(doc, "Anti-pattern")
    assert code not in _example_codes(doc, "Best practice")


def test_a_wrapped_line_does_not_end_a_clause() -> None:
    entry = load_reference().indicator("trained_labour")
    text = "Lao động qua đào tạo trên 65%. Có ít nhất 30% học sinh tốt\nnghiệp THCS học nghề."
    quantities = [_quantity(">", 65, raw="trên 65%"), _quantity(">=", 30, raw="ít nhất 30%")]
    placed = place_quantities(text, quantities, entry)
    assert [figure.part for figure in placed] == ["rate", "lower_secondary"]


_OPS = st.sampled_from(["=", ">", ">=", "<", "<=", "~", "range"])
_VALUES = st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def _quantities(draw: Any) -> Quantity:
    op = draw(_OPS)
    value = draw(_VALUES)
    high = value + draw(st.floats(min_value=0, max_value=10)) if op == "range" else None
    return _quantity(op, value, high=high)


@given(_quantities(), st.sampled_from(["higher", "lower"]))
def test_a_figure_is_never_weaker_than_itself(quantity: Quantity, direction: str) -> None:
    assert compare(quantity, quantity, direction) in ("fine", "unknown")  # type: ignore[arg-type]


@given(_quantities(), _quantities(), st.floats(min_value=0, max_value=50))
def test_raising_the_parent_keeps_a_weaker_child_weaker(
    child: Quantity, parent: Quantity, raise_by: float
) -> None:
    if compare(child, parent, "higher") != "weaker":
        return
    high = parent.high + raise_by if parent.high is not None else None
    raised = parent.model_copy(update={"value": parent.value + raise_by, "high": high})
    assert compare(child, raised, "higher") == "weaker"
