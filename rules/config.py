"""User settings for a check: disabled rules, severity overrides, rule options, waivers.

Read from a ``plancheck.toml``::

    [rules]
    disable = ["S003"]

    [rules.severity]
    C002 = "warning"

    [rules.options.T001]
    approx_tolerance = 2.0

    [[waivers]]
    fingerprint = "b5c8df79d3fc97e7"
    plan = "48-KH/ĐU"          # the number of the plan it is for
    reason = "Phường đã được Thị ủy đồng ý giữ mức 55%."

    [[waivers]]
    code = "C001"
    target = "2.1(8)"          # the parent item for a missing indicator
    all_plans = true           # every plan checked with this file
    reason = "Không địa phương nào trong huyện có tàu thuyền."

A waiver in the file names the plan it is for (``plan``, its number; ``issuer`` narrows it
when two issuers use the same number) or says ``all_plans = true``: a waiver accepted for
one plan must not silently hold for the others of a batch (issue 15, item 1).
A waiver never hides a finding: the finding stays in the result, marked waived, with the
reason, so a later reviewer sees what was accepted and why.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from extract.errors import PlanInputError
from extract.model import Plan
from rules.findings import Finding, Severity
from rules.registry import all_rules


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Waiver(_Strict):
    """An accepted deviation: one finding by fingerprint, or by code and item id."""

    fingerprint: str | None = None
    code: str | None = None
    target: str | None = Field(
        default=None, description="Child item id, or the parent item id for a missing item."
    )
    reason: str = Field(min_length=1, description="Why it is accepted, in Vietnamese.")
    plan: str | None = Field(
        default=None, description="Number of the plan it is for, e.g. '48-KH/ĐU'."
    )
    issuer: str | None = Field(
        default=None, description="Part of that plan's issuer, when numbers repeat."
    )
    all_plans: bool = Field(default=False, description="Holds for every plan checked.")

    @model_validator(mode="after")
    def _identifies_something(self) -> Waiver:
        if self.fingerprint is None and self.code is None:
            raise ValueError("a waiver needs a fingerprint or a code")
        if self.all_plans and (self.plan is not None or self.issuer is not None):
            raise ValueError("a waiver names a plan or says all_plans, not both")
        return self

    @property
    def scoped(self) -> bool:
        """Whether the waiver says which plans it holds for (required in plancheck.toml)."""
        return self.all_plans or self.plan is not None

    def holds_for(self, plan: Plan) -> bool:
        """Whether the waiver is for this plan (one without a scope was scoped by its caller)."""
        if self.all_plans or not self.scoped:
            return True
        if plan.meta.number is None or _folded(plan.meta.number) != _folded(self.plan or ""):
            return False
        if self.issuer is None:
            return True
        return _folded(self.issuer) in _folded(plan.meta.issuer or "")

    def applies_to(self, finding: Finding) -> bool:
        """Whether this waiver covers the finding."""
        if self.fingerprint is not None:
            return finding.fingerprint == self.fingerprint
        if finding.code != self.code:
            return False
        return self.target is None or self.target in (finding.target, finding.parent_target)


class RuleConfig(_Strict):
    """Everything ``plancheck.toml`` can change about a check."""

    disable: set[str] = Field(default_factory=set, description="Rule codes not to run.")
    severity: dict[str, Severity] = Field(default_factory=dict)
    options: dict[str, dict[str, object]] = Field(default_factory=dict)
    waivers: list[Waiver] = Field(default_factory=list)


def load_config(path: str | Path) -> RuleConfig:
    """Read a ``plancheck.toml``.

    Args:
        path: The TOML file.

    Returns:
        The validated configuration.

    Raises:
        PlanInputError: 'missing' when the file is absent, 'bad-config' when it is not
            valid TOML or does not follow the schema above.
    """
    import tomllib  # only when a configuration is given: most checks have none (issue 18)

    path = Path(path)
    if not path.is_file():
        raise PlanInputError(path, "missing")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise PlanInputError(path, "bad-config", str(error)) from error
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise PlanInputError(path, "bad-config", "[rules] must be a table")
    try:
        config = RuleConfig(
            disable=set(rules.get("disable", [])),
            severity=rules.get("severity", {}),
            options=rules.get("options", {}),
            waivers=data.get("waivers", []),
        )
    except (ValidationError, TypeError) as error:
        raise PlanInputError(path, "bad-config", _short(error)) from error
    unscoped = [index for index, waiver in enumerate(config.waivers, 1) if not waiver.scoped]
    if unscoped:
        raise PlanInputError(
            path,
            "bad-config",
            f"miễn trừ thứ {unscoped[0]} không nêu kế hoạch nào: thêm plan = \"số ký hiệu\" "
            "hoặc all_plans = true / waiver names no plan: add plan or all_plans = true",
        )
    unknown = sorted(_named_codes(config) - {rule.code for rule in all_rules()})
    if unknown:
        # A misspelt code would otherwise silently leave a rule on.
        raise PlanInputError(path, "bad-config", f"mã quy tắc không tồn tại: {', '.join(unknown)}")
    return config


def _named_codes(config: RuleConfig) -> set[str]:
    codes = set(config.disable) | set(config.severity) | set(config.options)
    return codes | {waiver.code for waiver in config.waivers if waiver.code is not None}


def _folded(text: str) -> str:
    """Compared loosely: NFC, case-folded, without spaces ("48 -KH/ĐU" is "48-KH/ĐU")."""
    return "".join(unicodedata.normalize("NFC", text).casefold().split())


def _short(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}"
    return str(error)
