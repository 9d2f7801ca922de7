"""Document-level facts: the header (number, date, issuer), citations and the unit."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from extract.model.base import Span, StrictModel
from extract.model.printed import PrintedDate, PrintedNumber


class Reference(StrictModel):
    """A cited document: 'Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của Ban Dân vận Tỉnh ủy'."""

    kind: str | None = Field(default=None, description="'Kế hoạch', 'Đề án', 'Chỉ thị', ...")
    number: str | None = Field(default=None, description="Number and symbol, no inner spaces.")
    date: dt.date | None = None
    date_raw: str | None = None
    issuer: str | None = None
    raw: str
    line: int
    span: Span | None = None


class Implements(StrictModel):
    """The document this plan says it carries out."""

    reference: Reference | None = None
    is_de_an_13: bool = False
    raw: str | None = Field(default=None, description="The sentence that says so.")
    line: int | None = None


class Signer(StrictModel):
    name: str | None = None
    title: str | None = None


class Period(StrictModel):
    start: int
    end: int


UnitLevel = Literal["tinh", "huyen", "xa", "phuong"]


class AdminUnit(StrictModel):
    """An administrative unit as the plan names it, from the units of its time."""

    level: UnitLevel = Field(
        description="'tinh', 'huyen' (huyện, quận, thị xã, thành phố), "
        "'xa' (xã, thị trấn, đặc khu), 'phuong'."
    )
    name: str = Field(description="Short name: 'Dân Lực', 'Quảng Ngãi'.")
    province: str | None = Field(default=None, description="Short name of its province.")
    era: Literal["legacy", "2025"] = Field(
        description="'legacy': a unit before the 1 July 2025 reorganisation; '2025': after it."
    )


class Meta(StrictModel):
    """Document-level facts, mostly from the header (Nghị định 30/2020/NĐ-CP, HD 36-HD/VPTW)."""

    doc_type: str | None = None
    number: str | None = Field(default=None, description="'48-KH/ĐU'; None when blank.")
    number_raw: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = Field(
        default=None, description="The superior body line above the issuer ('UBND TỈNH ...')."
    )
    place: str | None = None
    issue_date: dt.date | None = None
    issue_date_raw: str | None = None
    title: str | None = None
    period: Period | None = None
    signer: Signer | None = None
    recipients: list[str] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    implements: Implements | None = None
    spans: dict[str, Span] = Field(
        default_factory=dict,
        description="Where each header field was read, by field name ('number', "
        "'issue_date', 'place', 'issuer', 'doc_type', 'title'); absent when not read.",
    )
    unit: AdminUnit | None = Field(
        default=None,
        description="The administrative unit the issuer (or, alone, the place) names; "
        "None when unknown or ambiguous.",
    )
    header_lines: list[int] = Field(
        default_factory=list,
        description="The lines the header reader looked at (shown when a field is unreadable).",
    )
    number_line: PrintedNumber | None = Field(
        default=None,
        description="The 'Số: ...' line among the header lines (up to the first Roman part), "
        "as printed, blank number included; None when there is none. Since 1.6.",
    )
    date_line: PrintedDate | None = Field(
        default=None,
        description="The place-and-date line among the header lines (up to the first Roman "
        "part), as printed, blank parts included; None when there is none. Since 1.6.",
    )
    issue_date_parts: PrintedDate | None = Field(
        default=None,
        description="``issue_date_raw`` read like a place-and-date line (parts possibly "
        "blank), on the line it was found on. Since 1.6.",
    )
    header_has_full_date: bool = Field(
        default=False,
        description="True when ``header_lines`` hold a full worded date ('ngày 16 tháng 01 "
        "năm 2025', possibly broken over lines), read or not. Since 1.6.",
    )
