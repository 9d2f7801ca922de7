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
from functools import cached_property
from typing import Literal

from extract.model import Plan
from rules.findings import Finding, Match, Severity
from rules.linking.links import Links
from rules.repaired import RepairedLines

Scope = Literal["document", "cross"]
CoverageVerdict = Literal["missing", "weaker"]


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may look at for one check.

    Attributes:
        child: The plan under review.
        parent: The plan it implements, when its items are compared.
        links: What linking found (``rules.linking.link_plans``): levels, basis, the
            matching table and every parent item's coverage. Rules read it and never
            link again.
        reference: The Đề án 13 reference model (``rules.reference``), typed
            loosely here so that this module stays import-light.
        options: Per-rule options from ``plancheck.toml`` (``[rules.options.CODE]``).
    """

    child: Plan
    parent: Plan | None = None
    links: Links = field(default_factory=Links)
    reference: object | None = None
    options: dict[str, dict[str, object]] = field(default_factory=dict)

    @property
    def matches(self) -> list[Match]:
        """Child/parent item pairs made by linking (unmatched included)."""
        return self.links.matches

    @property
    def implements_de_an_13(self) -> bool:
        """Whether the child says it carries out Đề án 13."""
        return self.links.implements_de_an_13

    @property
    def against_reference(self) -> bool:
        """Whether the plan is checked against the Đề án 13 catalogue itself.

        True when no parent document is at hand: matches then name catalogue entries
        (``parent_id`` is the entry id) and figures are not compared.
        """
        return self.links.against_reference

    @cached_property
    def child_repairs(self) -> RepairedLines:
        """The child's lines that repair changed, gathered once per check."""
        return RepairedLines.of(self.child)

    @cached_property
    def parent_repairs(self) -> RepairedLines:
        """The parent's lines that repair changed (none without a parent), gathered once."""
        if self.parent is None:
            return RepairedLines(frozenset(), frozenset())
        return RepairedLines.of(self.parent)


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
        coverage: What an active finding says of the coverage of the parent item it
            names: 'missing' or 'weaker' (``rules.engine.grade_coverage``); None when
            the rule does not grade coverage.
    """

    code: str
    name: str
    severity: Severity
    scope: Scope
    title: str
    rationale: str
    example: str
    check: Callable[[RuleContext], Iterable[Finding]]
    coverage: CoverageVerdict | None = None
