"""Find every rule: each module under ``rules/<family>/`` that defines ``RULE``."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path

from rules.base import Rule

FAMILIES = ("dates", "metadata", "coverage", "targets", "bodies", "structure")


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code."""
    found: list[Rule] = []
    for family in FAMILIES:
        folder = Path(__file__).parent / family
        if not folder.is_dir():
            continue
        for module in pkgutil.iter_modules([str(folder)]):
            loaded = importlib.import_module(f"rules.{family}.{module.name}")
            rule = getattr(loaded, "RULE", None)
            if isinstance(rule, Rule):
                found.append(rule)
    return tuple(sorted(found, key=lambda rule: rule.code))


def rule_by_code(code: str) -> Rule:
    """The rule with this code; KeyError names the unknown code."""
    for rule in all_rules():
        if rule.code == code:
            return rule
    raise KeyError(code)
