"""Findings and the result of a check: the data contract between rules and reports.

A finding is data, never an exception. Field names are part of the JSON contract
of ``plancheck check --format json``; record any change in CHANGELOG.md and bump
``CHECK_SCHEMA_VERSION``.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator

from extract.model import Meta

CHECK_SCHEMA_VERSION = "1.4"

_LINE_REFERENCE = re.compile(r"\bdòng\s+\d+", re.IGNORECASE)

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABELS_VI: dict[str, str] = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Lưu ý"}


class Ordered(Protocol):
    """What ``finding_order`` reads: a rules ``Finding`` or a report's copy of one."""

    @property
    def severity(self) -> str: ...
    @property
    def line(self) -> int | None: ...
    @property
    def parent_line(self) -> int | None: ...
    @property
    def code(self) -> str: ...
    @property
    def fingerprint(self) -> str: ...


def finding_order(finding: Ordered) -> tuple[int, int, int, int, str, str]:
    """The one order of findings in every output (terminal, HTML, DOCX, XLSX, JSON, web).

    Severity first (errors, then warnings, then notes), so that what must be
    fixed is read first; then the child's position in the document; then the
    code. A finding with no line in the child (a parent indicator the child
    lacks, a whole-document note) comes after the located ones of its severity,
    by the parent's line; the fingerprint settles any tie, so the order is the
    same on every run.
    """
    unplaced = finding.line is None
    return (
        SEVERITY_ORDER.get(finding.severity, len(SEVERITY_ORDER)),
        int(unplaced),
        finding.line if finding.line is not None else 0,
        finding.parent_line if finding.parent_line is not None else 0,
        finding.code,
        finding.fingerprint,
    )


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(StrictModel):
    """The words a reviewer compares: the child's and the parent's."""

    child: str | None = Field(default=None, description="Excerpt of the plan under review.")
    parent: str | None = Field(default=None, description="Excerpt of the parent plan.")


class Finding(StrictModel):
    """One place where the plan under review diverges or is defective."""

    code: str = Field(description="Rule code, e.g. 'D001'; codes are never reused.")
    name: str = Field(description="Dotted rule name, e.g. 'dates.invalid'.")
    severity: Severity
    confidence: float = Field(
        ge=0.0,
        le=1.0,
        description="How sure: lower when the text was repaired or the match was fuzzy.",
    )
    message: str = Field(description="What is wrong, in Vietnamese.")
    hint: str | None = Field(default=None, description="What to do about it, in Vietnamese.")
    target: str | None = Field(default=None, description="Child item id, e.g. '2.1(5)'.")
    parent_target: str | None = Field(default=None, description="Matched parent item id.")
    line: int | None = Field(default=None, description="Line in the child plan.")
    parent_line: int | None = Field(default=None, description="Line in the parent plan.")
    evidence: Evidence = Field(default_factory=Evidence)
    fingerprint: str = Field(
        default="",
        description="Stable hash of code, item ids, evidence and message; keys waivers and "
        "'fixed since last check'. Independent of line numbers.",
    )
    waived: bool = False
    waiver_reason: str | None = None

    def with_fingerprint(self) -> Finding:
        """Return a copy whose fingerprint is computed from its stable parts."""
        parts = [
            self.code,
            self.target or "",
            self.parent_target or "",
            " ".join((self.evidence.child or "").split()),
            # Two findings on one item and one sentence (two sub-targets dropped
            # from the same target) differ only in what they say is missing.
            _without_line_numbers(self.message),
        ]
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
        return self.model_copy(update={"fingerprint": digest})


def _without_line_numbers(message: str) -> str:
    """The message with "dòng 12" references removed, so moved text keeps its fingerprint."""
    return " ".join(_LINE_REFERENCE.sub("dòng", message).split())


class Match(StrictModel):
    """A pairing of a child item with a parent item, and why."""

    child_id: str | None = Field(description="Child target or task id; None if unmatched.")
    parent_id: str | None = Field(description="Parent target or task id; None if unmatched.")
    kind: Literal["target", "task"]
    canonical_id: str | None = Field(
        default=None, description="Reference catalogue entry both sides were mapped to."
    )
    method: str = Field(description="'catalogue', 'fuzzy', 'label', 'unmatched', ...")
    score: float = Field(ge=0.0, le=100.0, description="Similarity 0-100.")
    explanation: str = Field(default="", description="Why this decision, in Vietnamese.")
    not_applicable_reason: str | None = Field(
        default=None,
        description="Set by the engine when the parent item does not apply to this child "
        "(e.g. a coastal target for an inland ward): why, in Vietnamese. Reports show "
        "the indicator as 'Không áp dụng'.",
    )


CoverageStatus = Literal["fine", "weaker", "mentioned", "missing", "not_applicable", "unchecked"]


class Coverage(StrictModel):
    """How the child covers one parent item (or, without a parent document, a Đề án 13 entry).

    Linking (``rules.linking``) sets the status from the pairing: 'fine' (paired),
    'mentioned' (named in the child's text without an item), 'missing', 'not_applicable'
    or 'unchecked' (a parent item that was not compared). The engine then lets the
    rules that grade coverage (``Rule.coverage``) say 'missing' or 'weaker' through an
    active finding on the item. Reports read the status here, never from rule codes.
    """

    kind: Literal["target", "task"]
    parent_id: str = Field(description="Parent item id, or the catalogue entry id.")
    child_id: str | None = Field(default=None, description="The child item paired with it.")
    canonical_id: str | None = Field(
        default=None, description="Reference catalogue entry of the pairing."
    )
    status: CoverageStatus
    reason: str = Field(default="", description="Why linking decided so, in Vietnamese.")
    not_applicable_reason: str | None = Field(
        default=None, description="Why the item does not apply to the child, in Vietnamese."
    )
    codes: list[str] = Field(
        default_factory=list,
        description="Codes of the findings (waived included) of rules that grade coverage "
        "on this item.",
    )


class PlanSummary(StrictModel):
    """Enough about a plan to name it in a report."""

    path: str
    name: str
    sha256: str
    meta: Meta
    level: str | None = Field(
        default=None, description="'tinh', 'huyen', 'xa', 'agency' ... as worked out."
    )
    coastal: bool | None = None


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


Basis = Literal["parent", "chain", "reference", "none"]


class CheckResult(StrictModel):
    """Everything a report needs about one check of one plan."""

    schema_version: str = CHECK_SCHEMA_VERSION
    child: PlanSummary
    parent: PlanSummary | None = None
    implements_de_an_13: bool
    scope_note: str | None = Field(
        default=None,
        description="Vietnamese note when only document-level rules ran, and why.",
    )
    parent_note: str | None = Field(
        default=None,
        description="Vietnamese caution: the child does not cite the parent it is checked with.",
    )
    basis: Basis = Field(
        default="none",
        description="What the plan was compared with: a parent document it carries out by "
        "number, without a catalogue ('parent'); its parent plan and, through it, the Đề án "
        "13 catalogue ('chain'); the Đề án 13 catalogue alone because the parent is missing "
        "('reference'); or nothing ('none': document rules only).",
    )
    missing_parent: str | None = Field(
        default=None,
        description="With basis 'reference': the document to add for a full comparison, as "
        "the plan cites it (its direct basis), in Vietnamese.",
    )
    unreadable_note: str | None = Field(
        default=None,
        description="Vietnamese: the child's text could not be read reliably (a PDF font "
        "without a Unicode map the solver could not read), so the plan is not checked: no "
        "finding or its absence can be trusted. Since 1.3.",
    )
    findings: list[Finding] = Field(default_factory=list)
    matches: list[Match] = Field(default_factory=list)
    coverage: list[Coverage] = Field(
        default_factory=list,
        description="Coverage of every parent item (or Đề án 13 entry) by the child, in "
        "linking order: paired rows first, then parent items not compared. Since 1.4.",
    )

    @model_validator(mode="before")
    @classmethod
    def _coverage_of_older_results(cls, data: Any) -> Any:
        """A result stored before 1.4 (the web's history) gets the coverage it implied."""
        if not isinstance(data, dict) or "coverage" in data:
            return data
        version = str(data.get("schema_version", CHECK_SCHEMA_VERSION))
        if _version(version) >= _version("1.4"):
            return data
        # Imported here: linking builds on this module.
        from rules.linking.coverage import coverage_before_1_4

        return {**data, "coverage": coverage_before_1_4(data)}

    @property
    def checked(self) -> bool:
        """False when the text could not be read reliably ("chưa kiểm tra được")."""
        return self.unreadable_note is None

    def counts(self) -> dict[str, int]:
        """Number of active (not waived) findings by severity."""
        counts = {severity: 0 for severity in SEVERITY_ORDER}
        for finding in self.findings:
            if not finding.waived:
                counts[finding.severity] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        """True when an active error-severity finding is present (exit code 1)."""
        return self.counts()["error"] > 0
