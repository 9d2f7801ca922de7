"""The reports' words and colours, loaded from ``data/vocabulary.yaml`` and validated."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extract.resources import data_file, load_yaml
from reports.model import CoverageStatus, ReportStatus
from rules.findings import SEVERITY_LABELS_VI, Severity

VOCABULARY_PATH = data_file("reports", "vocabulary.yaml")


class StrictModel(BaseModel):
    """Unknown keys in the YAML are a mistake, not an extension."""

    model_config = ConfigDict(extra="forbid")


class StatusStyle(StrictModel):
    """How a coverage status is named and painted."""

    label: str
    colour: str = Field(pattern=r"^[0-9A-F]{6}$", description="Fill, hex RGB without '#'.")
    text_colour: str = Field(pattern=r"^[0-9A-F]{6}$")
    bar_colour: str = Field(pattern=r"^[0-9A-F]{6}$", description="Fill in charts.")
    symbol: str


class SeverityStyle(StrictModel):
    """How a severity is painted (its label comes from rules.findings)."""

    colour: str = Field(pattern=r"^[0-9A-F]{6}$")
    text_colour: str = Field(pattern=r"^[0-9A-F]{6}$")


class ReviewNote(StrictModel):
    """Fixed words of the DOCX review note's heading and signature block."""

    national_title: list[str]
    body_placeholder: str
    place_date: str
    dated: str = Field(description="The place-and-date line of a known date ({day}, {month}).")
    signer: str
    signer_hint: str


PlanOutcome = Literal["errors", "warnings", "notes", "clean"]


class FigureWords(StrictModel):
    """How a figure without its own words is written: 'trên 90%', '3 mô hình/năm'."""

    operators: dict[str, str] = Field(description="Word before the number, by Quantity.op.")
    per_year: str = Field(description="Suffix of a yearly figure.")
    none: str = Field(description="A target stated without a figure (a qualitative one).")


class OutcomeStyle(StrictModel):
    """How a plan's outcome is named, and which coverage status lends it colours."""

    label: str
    status: CoverageStatus


class Vocabulary(StrictModel):
    """Everything in vocabulary.yaml."""

    version: int
    figure_words: FigureWords
    coverage_status: dict[CoverageStatus, StatusStyle]
    report_status: dict[ReportStatus, str]
    plan_outcome: dict[PlanOutcome, OutcomeStyle]
    severity_colour: dict[Severity, SeverityStyle]
    repair_methods: dict[str, str]
    review_note: ReviewNote
    unread_field: str = Field(description="What an unread header field shows.")
    header_fields: dict[str, str] = Field(
        description="Header fields a report must show, by Meta field name, with their labels."
    )

    def outcome(self, counts: dict[str, int]) -> PlanOutcome:
        """The outcome of a plan from its active findings by severity."""
        if counts.get("error", 0):
            return "errors"
        if counts.get("warning", 0):
            return "warnings"
        return "notes" if counts.get("info", 0) else "clean"

    def outcome_label(self, counts: dict[str, int]) -> str:
        """'Có lỗi cần sửa', 'Không có lỗi, có cảnh báo cần xem', ... 'Không có phát hiện'."""
        return self.plan_outcome[self.outcome(counts)].label

    def outcome_status(self, counts: dict[str, int]) -> str:
        """The coverage status whose colours paint the outcome (CSS class st-<status>)."""
        return self.plan_outcome[self.outcome(counts)].status

    def severity_label(self, severity: str) -> str:
        """Vietnamese name of a severity ('Lỗi', 'Cảnh báo', 'Lưu ý')."""
        return SEVERITY_LABELS_VI.get(severity, severity)

    def repair_method_label(self, method: str) -> str:
        """Vietnamese name of a repair method; the key itself when unknown."""
        return self.repair_methods.get(method, method)


@cache
def vocabulary() -> Vocabulary:
    """Load and validate the reports' vocabulary once per process."""
    return Vocabulary.model_validate(load_yaml(VOCABULARY_PATH))
