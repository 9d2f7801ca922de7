"""The rule registry: explicit lists per family, every rule module listed, codes forever."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from rules.base import Rule
from rules.registry import FAMILIES, RetiredCodes, all_rules, retired_codes

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
CODE = re.compile(r"^[A-Z]\d{3}$")


def _rule_modules(family: str) -> set[str]:
    return {path.stem for path in (RULES_DIR / family).glob("*.py") if CODE.match(path.stem)}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_rule_module_of_a_family_is_listed(family: str) -> None:
    listed = importlib.import_module(f"rules.{family}").RULES
    assert all(isinstance(rule, Rule) for rule in listed)
    assert {rule.code for rule in listed} == _rule_modules(family)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_rule_sits_in_the_module_named_after_its_code(family: str) -> None:
    for rule in importlib.import_module(f"rules.{family}").RULES:
        module = importlib.import_module(f"rules.{family}.{rule.code}")
        assert module.RULE is rule
        assert rule.code[0] == FAMILIES[family], f"{rule.code} is not a {family} code"


def test_no_folder_of_rule_modules_is_missing_from_the_families() -> None:
    folders = {path.parent.name for path in RULES_DIR.glob("*/*.py") if CODE.match(path.stem)}
    assert folders == set(FAMILIES)


def test_codes_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in all_rules()]
    assert len(codes) == len(set(codes))
    assert all(CODE.match(code) for code in codes)
    names = [rule.name for rule in all_rules()]
    assert len(names) == len(set(names))


def test_a_retired_code_is_never_reused() -> None:
    retired = {entry.code for entry in retired_codes().retired}
    assert not retired & {rule.code for rule in all_rules()}
    assert len(retired) == len(retired_codes().retired)


def test_the_retired_list_is_validated() -> None:
    entry = {"code": "D999", "name": "dates.old", "retired": "2026-12-07", "reason": "gộp vào D001"}
    assert RetiredCodes.model_validate({"version": 1, "retired": [entry]}).retired[0].code == "D999"
    with pytest.raises(ValueError):
        RetiredCodes.model_validate({"version": 1, "retired": [{**entry, "code": "D99"}]})
    with pytest.raises(ValueError):
        RetiredCodes.model_validate({"version": 1, "retired": [{**entry, "reason": ""}]})
