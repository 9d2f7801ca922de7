"""Document-level and structure rules (D, M, B, S) on their YAML fixture cases."""

from __future__ import annotations

import re
from typing import Any

import pytest

from rules.registry import rule_by_code
from tests.rules_fixtures import FIXTURES, load_cases, mismatches, run_case

FAMILIES = ("D", "M", "B", "S")
CASES = [case for family in FAMILIES for case in load_cases(f"{family}*.yml")]


@pytest.mark.parametrize(
    ("code", "name", "case"), CASES, ids=[f"{code}-{name}" for code, name, _ in CASES]
)
def test_fixture_case(code: str, name: str, case: dict[str, Any]) -> None:
    findings = run_case(code, case)
    assert not mismatches(findings, case["expected"]), mismatches(findings, case["expected"])
    assert all(finding.code == code for finding in findings)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("[DMBS]*.yml")), ids=lambda path: path.stem)
def test_every_fixture_has_a_firing_case_and_a_near_miss(path: Any) -> None:
    cases = [name for code, name, _ in load_cases(path.name)]
    assert any(name.startswith("test_fail_") for name in cases)
    assert any(name.startswith("test_pass_") for name in cases)
    rule_by_code(path.stem)  # the file is named after a registered rule


def _docstring_block(doc: str, heading: str) -> str:
    found = re.search(rf"^{heading}:\n((?:    .*\n?)+)", doc, re.MULTILINE)
    assert found is not None, f"docstring lacks {heading}"
    return "\n".join(line[4:] for line in found.group(1).splitlines())


DOCUMENTED = ("D001", "D002", "D003", "M001", "S001", "S003")


@pytest.mark.parametrize("code", DOCUMENTED)
def test_docstring_examples_run(code: str) -> None:
    module = __import__(f"rules.{_family(code)}.{code}", fromlist=["RULE"])
    doc = module.__doc__ or ""
    anti_pattern = _docstring_block(doc, "Anti-pattern")
    best_practice = _docstring_block(doc, "Best practice")
    assert run_case(code, {"child": {"lines": anti_pattern}})
    assert not run_case(code, {"child": {"lines": best_practice}})
    assert module.RULE.example.strip()


def _family(code: str) -> str:
    return {"D": "dates", "M": "metadata", "B": "bodies", "S": "structure"}[code[0]]
