"""What a rule is: metadata a reviewer can read, and a pure check over a context.

Each rule lives in its own module ``rules/<family>/<code>.py`` and defines one
module-level ``RULE``; the family's ``RULES`` lists it, and ``rules.registry`` joins
the families. A rule never raises on a
plan and never mutates it: it yields findings (data), the engine sorts,
fingerprints, re-grades and waives them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from extract.model import Plan
from rules.findings import Finding, Match, Severity

Scope = Literal["document", "cross"]


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may look at for one check.

    Attributes:
        child: The plan under review.
        parent: The plan it implements, when known.
        matches: Child/parent item pairs made by the matcher (unmatched included).
        implements_de_an_13: Whether cross-plan rules apply at all.
        reference: The Đề án 13 reference model (``rules.reference``), typed
            loosely here so that this module stays import-light.
        options: Per-rule options from ``plancheck.toml`` (``[rules.options.CODE]``).
        against_reference: True when no parent document is at hand and the plan is
            checked against the Đề án 13 catalogue itself: matches then name
            catalogue entries (``parent_id`` is the entry id) and figures are not
            compared.
    """

    child: Plan
    parent: Plan | None = None
    matches: list[Match] = field(default_factory=list)
    implements_de_an_13: bool = False
    reference: object | None = None
    options: dict[str, dict[str, object]] = field(default_factory=dict)
    against_reference: bool = False


@dataclass(frozen=True)
class Rule:
    """One coded check.

    Attributes:
        code: Stable code, e.g. 'D001'; never reused for another meaning.
        name: Dotted English name, e.g. 'dates.invalid'.
        severity: Default severity; ``plancheck.toml`` may change it.
        scope: 'document' rules run on every plan; 'cross' rules need a parent
            and a plan that implements Đề án 13.
        title: One-line Vietnamese title shown by ``plancheck rules``.
        rationale: One Vietnamese paragraph: why a reviewer cares.
        example: A short Vietnamese example of text that fires the rule.
        check: The pure function from context to findings.
    """

    code: str
    name: str
    severity: Severity
    scope: Scope
    title: str
    rationale: str
    example: str
    check: Callable[[RuleContext], Iterable[Finding]]
