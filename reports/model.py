"""The canonical report: one versioned pydantic object that every renderer reads.

``build_report`` turns a rules ``CheckResult`` plus the plan models into a
``Report``; HTML, DOCX, XLSX, text and JSON are views of it, so no renderer
re-runs rules or re-reads documents. Field names are part of the JSON contract
documented in ``reports/SCHEMA.md``: bump ``REPORT_SCHEMA_VERSION`` and record
the change in CHANGELOG.md whenever one changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extract.errors import REASONS, PlanInputError, explain
from rules.findings import Severity

REPORT_SCHEMA_VERSION = "1.7"

CoverageStatus = Literal["fine", "weaker", "mentioned", "missing", "not_applicable", "unchecked"]
ReportStatus = Literal["ok", "failed", "reference", "unchecked"]
Basis = Literal["parent", "chain", "reference", "none"]


class StrictModel(BaseModel):
    """Base for every report model: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")


class PlanInfo(StrictModel):
    """What a report says about one plan: its file and its header."""

    path: str = Field(description="Path of the source file as given to the checker.")
    name: str = Field(description="File name, for display.")
    sha256: str = Field(description="Hex digest of the source file's bytes.")
    format: str | None = Field(default=None, description="'txt', 'md', 'docx' or 'pdf'.")
    level: str | None = Field(default=None, description="'tinh', 'huyen', 'xa', 'agency' ...")
    coastal: bool | None = None
    doc_type: str | None = Field(default=None, description="'Kế hoạch', 'Đề án', ...")
    number: str | None = Field(default=None, description="Number and symbol, '48-KH/ĐU'.")
    issuer: str | None = None
    issuer_parent: str | None = None
    place: str | None = None
    issue_date: dt.date | None = None
    issue_date_raw: str | None = None
    title: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    unread_fields: list[str] = Field(
        default_factory=list,
        description="Header fields extraction could not read ('number', 'issue_date', ...); "
        "a number or date left blank in the document is read, not unread. Since 1.2.",
    )
    header_lines: list[int] = Field(
        default_factory=list, description="The lines the header reader looked at. Since 1.2."
    )


class ReportFinding(StrictModel):
    """A rules finding plus the context a reader needs: section and the words compared."""

    code: str
    name: str
    severity: Severity
    confidence: float = Field(ge=0.0, le=1.0)
    message: str
    hint: str | None = None
    target: str | None = Field(default=None, description="Child item id, e.g. '2.1(5)'.")
    parent_target: str | None = Field(default=None, description="Matched parent item id.")
    line: int | None = Field(default=None, description="1-based line in the child plan.")
    parent_line: int | None = Field(default=None, description="1-based line in the parent.")
    child_text: str | None = Field(
        default=None, description="The child's words: the evidence, else the child's line."
    )
    parent_text: str | None = Field(
        default=None, description="The parent's words: the evidence, else the parent's line."
    )
    child_scan: str | None = Field(
        default=None,
        description="The child's line as scanned (PNG data URI), when the child was read by OCR. "
        "Since 1.3.",
    )
    section_id: str | None = Field(
        default=None, description="Id of the child section holding the line; None: whole plan."
    )
    section_label: str | None = Field(
        default=None, description="The section's label as written, e.g. '2.1.'."
    )
    section_title: str | None = None
    fingerprint: str
    waived: bool = False
    waiver_reason: str | None = None


class ReportMatch(StrictModel):
    """A pairing of a child item with a parent item, as the rules engine decided it."""

    child_id: str | None
    parent_id: str | None
    kind: Literal["target", "task"]
    canonical_id: str | None = None
    method: str
    score: float
    explanation: str = ""


class CoverageEntry(StrictModel):
    """How the child carries one parent indicator (a target of the parent plan)."""

    key: str = Field(description="canonical_id when known, else the parent target id.")
    canonical_id: str | None = None
    parent_id: str | None = None
    child_id: str | None = None
    label: str = Field(description="The indicator in words: the parent target's text.")
    parent_value: str | None = Field(default=None, description="The parent's figure(s).")
    child_value: str | None = Field(default=None, description="The child's figure(s).")
    status: CoverageStatus
    codes: list[str] = Field(
        default_factory=list, description="Codes of the findings that decided the status."
    )
    finding_codes: list[str] = Field(
        default_factory=list,
        description="Codes of every active finding on the indicator (the child's item or the "
        "parent's), deciding or not, so a cell never looks clean beside a finding. Since 1.4.",
    )
    note: str | None = Field(default=None, description="Why not applicable, in Vietnamese.")


class RepairMark(StrictModel):
    """A repaired span located in the repaired line's text."""

    start: int | None = Field(
        default=None, description="Offset in TextLine.text; None when it could not be located."
    )
    end: int | None = None
    before: str
    after: str
    method: str
    confidence: float
    uncertain: bool


class TextLine(StrictModel):
    """One line of the child plan after repair, with what repair changed in it."""

    number: int
    text: str
    repairs: list[RepairMark] = Field(default_factory=list)


class Report(StrictModel):
    """The canonical result of checking one plan, ready for any renderer."""

    schema_version: str = REPORT_SCHEMA_VERSION
    check_schema_version: str = Field(description="schema_version of the rules CheckResult.")
    child: PlanInfo
    parent: PlanInfo | None = None
    implements_de_an_13: bool
    scope_note: str | None = None
    parent_note: str | None = None
    status: ReportStatus = Field(
        description="'unchecked' when the child's text could not be read reliably (since "
        "1.6: no finding or absence of one can be trusted); else 'failed' when an active "
        "error finding exists; else 'reference' when the plan was compared with the Đề án 13 "
        "catalogue only (parent document missing; since 1.5); else 'ok'."
    )
    unreadable_note: str | None = Field(
        default=None,
        description="With status 'unchecked': why, in Vietnamese (which fonts). Since 1.6.",
    )
    basis: Basis = Field(
        default="none",
        description="What the plan was compared with: 'parent', 'reference' (the Đề án 13 "
        "catalogue, parent missing) or 'none' (document rules only). Since 1.5.",
    )
    missing_parent: str | None = Field(
        default=None,
        description="With basis 'reference': the document to add, in Vietnamese. Since 1.5.",
    )
    counts: dict[str, int] = Field(description="Active (not waived) findings by severity.")
    waived_count: int = 0
    findings: list[ReportFinding] = Field(default_factory=list)
    matches: list[ReportMatch] = Field(default_factory=list)
    coverage: list[CoverageEntry] = Field(default_factory=list)
    text: list[TextLine] = Field(default_factory=list)
    extraction_notes: list[str] = Field(default_factory=list)

    @property
    def key(self) -> str:
        """The key an audit uses for this report (links, matrix columns): the child's path."""
        return self.child.path


class AuditFailure(StrictModel):
    """A file an audit could not check, and why; the batch goes on without it."""

    path: str
    reason: str = Field(description="Reason key from extract.errors.REASONS, or 'internal'.")
    message: str = Field(description="What went wrong, in Vietnamese.")

    @classmethod
    def from_error(cls, path: str, error: Exception) -> AuditFailure:
        """Describe an exception raised while checking ``path``.

        A ``PlanInputError`` keeps its reason key and Vietnamese message; any
        other exception is a defect of ours, reported as 'internal' so that the
        batch can go on and the user still sees which file it was.
        """
        if isinstance(error, PlanInputError):
            return cls(path=path, reason=error.reason, message=error.message_vi)
        detail = explain(error)
        return cls(path=path, reason="internal", message=f"Lỗi nội bộ khi rà soát ({detail})")

    @property
    def reason_label(self) -> str:
        """The reason in Vietnamese words, for tables."""
        if self.reason in REASONS:
            return REASONS[self.reason][0]
        return _OWN_REASONS.get(self.reason, self.reason)


# Reasons of ours, beside the input reasons of extract.errors.
_OWN_REASONS = {"internal": "lỗi nội bộ", "report": "không lập được báo cáo"}


class AuditPlanRow(StrictModel):
    """One plan in the audit summary."""

    key: str
    name: str = Field(description="File name: a detail, never the plan's name.")
    title: str = Field(
        default="", description="The plan's name as a reviewer says it. Since 1.4."
    )
    issuer: str | None = None
    number: str | None = None
    issue_date: dt.date | None = None
    parent_name: str | None = Field(default=None, description="The parent's file name.")
    parent_number: str | None = None
    parent_title: str | None = Field(
        default=None, description="The parent's name; None: not compared with a parent. Since 1.4."
    )
    counts: dict[str, int]
    status: ReportStatus
    basis: Basis = Field(default="none", description="As the report's basis. Since 1.5.")
    unread_fields: list[str] = Field(
        default_factory=list, description="The child's header fields not read. Since 1.2."
    )
    header_lines: list[int] = Field(
        default_factory=list,
        description="The child's lines the header reader looked at, shown beside an unread "
        "field. Since 1.7.",
    )


class AuditCell(StrictModel):
    """One plan's standing on one indicator."""

    status: CoverageStatus
    value: str | None = None
    codes: list[str] = Field(default_factory=list)
    finding_codes: list[str] = Field(
        default_factory=list,
        description="Codes of every active finding of the plan on this indicator. Since 1.4.",
    )


class AuditIndicator(StrictModel):
    """One row of the coverage matrix: an indicator and every plan's cell."""

    key: str
    label: str
    parent_value: str | None = None
    cells: dict[str, AuditCell] = Field(
        default_factory=dict, description="Plan key -> cell; a plan without the row is absent."
    )


class AuditFindingRow(StrictModel):
    """A finding of one plan, listed in the audit."""

    plan_key: str
    plan_name: str = Field(description="The plan's file name.")
    plan_title: str = Field(default="", description="The plan's name. Since 1.4.")
    finding: ReportFinding


class AuditReport(StrictModel):
    """Every plan of an audit at once: summary, coverage matrix, findings, failures."""

    schema_version: str = REPORT_SCHEMA_VERSION
    plans: list[AuditPlanRow] = Field(default_factory=list)
    indicators: list[AuditIndicator] = Field(default_factory=list)
    findings: list[AuditFindingRow] = Field(default_factory=list)
    failures: list[AuditFailure] = Field(default_factory=list)
    counts: dict[str, int] = Field(description="Active findings by severity, all plans.")
