"""Parsed items of a plan: sections, targets and tasks, with their figures, deadlines, bodies."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from extract.model.base import Span, StrictModel
from extract.model.printed import ListMarker

QuantityOp = Literal["=", ">", ">=", "<", "<=", "~", "range"]
DeadlineKind = Literal["by", "within", "recurring", "continuous", "unknown"]
# The roles an item fills by opening a sentence with a body rather than a label.
SubjectRole = Literal["lead", "implementing"]
# Targets and tasks both carry the roles of the body that opens their sentence.
SUBJECT_ROLES_DESCRIPTION = (
    "Roles the item fills by opening a sentence (its title or a line under it) with a body "
    "instead of a label: the plan's own leadership ('Cấp ủy đảng, lãnh đạo cơ quan tổ "
    "chức...') leads and implements; a body the registry knows ('Ủy ban nhân dân phường "
    "chỉ đạo...') implements. Since 1.6."
)


class Quantity(StrictModel):
    """A figure a target sets: 'trên 65%' is op '>' value 65 unit '%'."""

    op: QuantityOp
    value: float
    high: float | None = Field(default=None, description="Upper bound of a range.")
    unit: str | None = Field(
        default=None,
        description="Canonical unit: '%', '‰', 'điểm phần trăm', 'm²', 'tấn', 'tuổi', a rate "
        "('con/phụ nữ', 'bác sĩ/10.000 dân') or the counted noun ('mô hình', 'trường').",
    )
    per: Literal["year"] | None = Field(
        default=None, description="'year' for 'hằng năm', '/năm', 'bình quân hằng năm'."
    )
    direction: Literal["up", "down"] | None = Field(
        default=None,
        description="'down' when the figure is a fall ('giảm 0,5%'), 'up' a rise ('tăng 6%'); "
        "None for a level ('đạt 65%', 'còn 7%').",
    )
    comparator: str | None = Field(
        default=None,
        description="The comparison words as written ('trên', 'không quá', 'trở lên'), so a "
        "rule can tell 'dưới' from 'không quá'; None when the figure has none.",
    )
    raw: str = Field(default="", description="The words the quantity was read from.")
    span: Span | None = None
    unit_canonical: str | None = Field(
        default=None,
        description="The unit as the unit vocabulary names it ('%0' -> '‰', 'bác sỹ/1 vạn dân' "
        "-> 'bác sĩ/10.000 dân'); None without a unit. Since 1.6.",
    )
    unit_kind: str | None = Field(
        default=None,
        description="What the unit measures per the unit vocabulary ('percent', 'per_mille', "
        "'area', 'mass', ...); None for a counted noun or no unit. Since 1.6.",
    )
    unit_printed: str | None = Field(
        default=None,
        description="The unit as the text prints it after the figure ('tỷ.đ', '%0', 'bác sỹ/1 "
        "vạn dân', 'triệu đồng/năm'), beside ``unit`` as the reader names it (provenance); "
        "None without a unit. Since 1.7.",
    )


class Deadline(StrictModel):
    """When something must be done, normalised to a date range or a recurrence."""

    raw: str
    kind: DeadlineKind
    start: dt.date | None = None
    end: dt.date | None = None
    every: Literal["year", "half-year", "quarter", "month"] | None = Field(
        default=None, description="Recurrence period for kind 'recurring'."
    )
    valid: bool = Field(default=True, description="False when the text names an impossible date.")
    span: Span | None = None


class Body(StrictModel):
    """A responsible body as written, with its registry name when the registry knows it.

    ``name`` is never empty: a body the registry does not know ("Công an xã, các
    thôn") keeps the name it is written with, and ``registered`` says which it is,
    so that an unknown body is never mistaken for a missing one.
    """

    raw: str
    name: str = Field(
        default="",
        description="Canonical name from the body registry, else the name as written.",
    )
    registered: bool = Field(
        default=False, description="True when ``name`` comes from the body registry."
    )
    role: str | None = Field(
        default=None,
        description="The role words the body was listed under, normalised: 'lãnh đạo', "
        "'chủ trì', 'tham mưu', 'thực hiện', 'phối hợp'; None when no label named them.",
    )
    span: Span | None = None
    carries_out: bool = Field(
        default=False,
        description="True for a lead body listed as chủ trì: it leads and carries out (a "
        "government plan's convention). Since 1.6.",
    )
    own_leadership: bool = Field(
        default=False,
        description="True when the name opens with the plan's own leadership ('Cấp ủy', "
        "'Lãnh đạo Ban', 'Ban Giám đốc'), not another body. Since 1.6.",
    )

    @field_validator("name", mode="before")
    @classmethod
    def _null_name(cls, value: object) -> object:
        # Plans stored under schema 1.0 (web history) wrote an unknown body's name as null.
        return "" if value is None else value

    @model_validator(mode="after")
    def _name_as_written(self) -> Body:
        if not self.name.strip():
            self.name = " ".join(self.raw.split())
        return self


class Bodies(StrictModel):
    """Responsible bodies by role, as the 'Cơ quan ...' lines give them.

    Two conventions meet here. Party plans (Hướng dẫn 36-HD/VPTW) name a leading
    body (lãnh đạo, chỉ đạo), an advising one (tham mưu) and implementing ones
    (thực hiện). Government plans name the body in charge (chủ trì), which leads
    and carries out, and coordinating bodies (phối hợp), which help and never lead.
    """

    lead: list[Body] = Field(
        default_factory=list,
        description="Cơ quan lãnh đạo / chỉ đạo (Party plans) or chủ trì (government plans).",
    )
    advisory: list[Body] = Field(
        default_factory=list, description="Cơ quan tham mưu / Phòng tham mưu."
    )
    implementing: list[Body] = Field(
        default_factory=list, description="Cơ quan thực hiện / Cơ quan, đơn vị thực hiện."
    )
    coordinating: list[Body] = Field(
        default_factory=list,
        description="Cơ quan phối hợp / đơn vị phối hợp thực hiện: they help, never lead.",
    )


class Section(StrictModel):
    """A heading and everything under it until the next heading of its level or above."""

    id: str = Field(description="Label path, e.g. 'II.2.1' (Roman part + label).")
    label: str = Field(description="The label as written, e.g. '2.1.', 'I-', '1. .'.")
    title: str
    level: int = Field(description="1 for Roman parts, then the depth of the numbering.")
    line_start: int
    line_end: int
    marker: ListMarker | None = Field(
        default=None,
        description="The label read as a number ('II.' is roman 2, '2.1.' arabic 1); None "
        "when a part is unreadable ('1. .') or it is a letter. Since 1.6.",
    )
    children: list[Section] = Field(default_factory=list)


class Target(StrictModel):
    """A numbered target '(5) Tỷ lệ lao động qua đào tạo trên 65%'."""

    id: str = Field(description="Innermost section label + number, e.g. '2.1(5)'.")
    section: str = Field(description="Label of the innermost section, e.g. '2.1'.")
    number: int
    text: str
    line: int
    span: Span | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    deadline: Deadline | None = None
    bodies: Bodies = Field(default_factory=Bodies)
    subject_roles: list[SubjectRole] = Field(
        default_factory=list, description=SUBJECT_ROLES_DESCRIPTION
    )


class Task(StrictModel):
    """A numbered task or solution under 'Nhiệm vụ và giải pháp'."""

    id: str = Field(description="Roman part + label, e.g. 'III.2.1.3'.")
    label: str
    title: str
    line: int
    span: Span | None = None
    deadline: Deadline | None = None
    bodies: Bodies = Field(default_factory=Bodies)
    subject_roles: list[SubjectRole] = Field(
        default_factory=list, description=SUBJECT_ROLES_DESCRIPTION
    )
