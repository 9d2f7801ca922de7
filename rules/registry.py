"""Every rule, from an explicit list per family; codes are forever.

Each family package (``rules/dates``, ...) lists its rules in ``RULES``; this module
joins the lists. A code once given is never given again, even after its rule is
withdrawn: waivers and saved reports name findings by code. Withdrawn codes are
recorded in ``rules/data/retired_codes.yaml`` (tests/test_rules_registry.py checks
that no listed rule uses one, and that every rule module is listed).
"""

from __future__ import annotations

import datetime as dt
import importlib
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract.resources import data_file, load_yaml
from rules.base import Rule

# The families, each a package whose ``RULES`` holds its rules; a code's letter names
# its family (D001 is a dates rule).
FAMILIES = {
    "dates": "D",
    "metadata": "M",
    "coverage": "C",
    "targets": "T",
    "bodies": "B",
    "structure": "S",
}
RETIRED_PATH = data_file("rules", "retired_codes.yaml")


class RetiredCode(BaseModel):
    """A code whose rule was withdrawn: never given to another rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[A-Z]\d{3}$")
    name: str = Field(description="The withdrawn rule's dotted name.")
    retired: dt.date = Field(description="When it was withdrawn.")
    reason: str = Field(min_length=1, description="Why, and what replaces it if anything.")


class RetiredCodes(BaseModel):
    """``rules/data/retired_codes.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    retired: list[RetiredCode]


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code."""
    found: list[Rule] = []
    for family in FAMILIES:
        found.extend(importlib.import_module(f"rules.{family}").RULES)
    return tuple(sorted(found, key=lambda rule: rule.code))


def rule_by_code(code: str) -> Rule:
    """The rule with this code; KeyError names the unknown code."""
    for rule in all_rules():
        if rule.code == code:
            return rule
    raise KeyError(code)


@cache
def retired_codes() -> RetiredCodes:
    """The withdrawn codes, validated."""
    return RetiredCodes.model_validate(load_yaml(RETIRED_PATH))
