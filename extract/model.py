"""The plan model: one pydantic tree that every later stage reads.

Every item carries provenance: the 1-based line number in ``Plan.lines`` plus a
character span in that line's ``text``. A line in turn knows where it came from
in the source file (page for PDF, paragraph or table cell for DOCX, line for
text), so a finding can always point a reviewer at the exact place.

Field names are part of the JSON contract of ``plancheck extract --format json``;
bump ``SCHEMA_VERSION`` (and CHANGELOG.md) whenever one changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1.5"

SourceFormat = Literal["txt", "md", "docx", "pdf", "png", "jpg", "jpeg", "tif", "tiff"]
QuantityOp = Literal["=", ">", ">=", "<", "<=", "~", "range"]
DeadlineKind = Literal["by", "within", "recurring", "continuous", "unknown"]


class StrictModel(BaseModel):
    """Base for every model here: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- source


class Source(StrictModel):
    """The file a plan was read from."""

    path: str = Field(description="Path as given by the user.")
    name: str = Field(description="File name without folders, for display.")
    format: SourceFormat
    sha256: str = Field(description="Hex digest of the file's bytes; the cache key.")
    size: int = Field(description="Size of the file in bytes.")
    pages: int | None = Field(default=None, description="Page count (PDF only).")
    encoding: str | None = Field(
        default=None, description="Text encoding detected for .txt/.md inputs."
    )


class FontRun(StrictModel):
    """A run of characters in one font, as the source format reported it."""

    start: int = Field(description="Offset of the run's first character in Line.raw.")
    end: int = Field(description="Offset just past the run's last character in Line.raw.")
    font: str = Field(description="Font name, e.g. '.VnTime', 'VNI-Times', 'ABCDEF+Arial'.")


class OcrWord(StrictModel):
    """One word Tesseract read, located in ``Line.raw``."""

    start: int = Field(description="Offset of the word's first character in Line.raw.")
    end: int = Field(description="Offset just past the word in Line.raw.")
    confidence: float = Field(ge=0.0, le=1.0, description="Tesseract's word confidence, 0-1.")


class OcrLine(StrictModel):
    """Where a line read by OCR sits on its page image, and how sure the reading is."""

    bbox: tuple[int, int, int, int] = Field(
        description="left, top, right, bottom in pixels of the upright page image."
    )
    dpi: int = Field(description="Resolution of the page image the box refers to.")
    rotation: int = Field(
        default=0, description="Degrees (counter-clockwise) the page was turned to stand upright."
    )
    confidence: float = Field(ge=0.0, le=1.0, description="Mean word confidence of the line.")
    words: list[OcrWord] = Field(default_factory=list)


class Line(StrictModel):
    """One line of the document, the unit of provenance.

    ``raw`` is exactly what the loader got; ``text`` is what the parsers read:
    markup stripped (markdown emphasis and headings), encoding converted and
    lost glyphs repaired. Both are kept so the report can show the original.
    """

    number: int = Field(description="1-based line number in the plan; stable id of the line.")
    raw: str = Field(description="The line as extracted, markup included.")
    text: str = Field(description="The line after markup stripping and repair.")
    page: int | None = Field(default=None, description="1-based page number (PDF).")
    paragraph: int | None = Field(
        default=None, description="0-based body paragraph index (DOCX), tables excluded."
    )
    cell: str | None = Field(
        default=None,
        description="Table cell (DOCX) as 'table.row.column', 0-based, e.g. '0.0.1'.",
    )
    source_line: int | None = Field(
        default=None, description="1-based line number in the source file (text inputs)."
    )
    fonts: list[FontRun] = Field(default_factory=list, description="Font runs (DOCX, PDF).")
    ocr: OcrLine | None = Field(
        default=None, description="Box and confidences when the line was read from a scan."
    )


class Span(StrictModel):
    """Where an item sits: a line and a character range in that line's ``text``."""

    line: int = Field(description="1-based line number of the first line.")
    start: int = Field(default=0, description="Start offset in the first line's text.")
    end_line: int | None = Field(
        default=None, description="Last line when the item runs over several lines."
    )
    end: int | None = Field(
        default=None, description="End offset in the last line's text (exclusive)."
    )


class RepairNote(StrictModel):
    """One change made by a repair step, with how sure it is."""

    line: int = Field(description="1-based line number.")
    start: int = Field(description="Offset of the changed span in the line before repair.")
    end: int = Field(description="End offset (exclusive) before repair.")
    before: str
    after: str
    method: str = Field(
        description="Which repair did it: 'dropped-glyph', 'legacy-tcvn3', 'legacy-vni', "
        "'nfc', 'cid-map', ..."
    )
    confidence: float = Field(ge=0.0, le=1.0)
    uncertain: bool = Field(
        default=False, description="True when confidence is under the threshold: flag, not trust."
    )


class FontReading(StrictModel):
    """How well the glyphs of one PDF font without a Unicode map were read back."""

    font: str = Field(description="The font's name in the PDF.")
    glyphs: int = Field(description="Glyph occurrences of the font that were solved.")
    valid_share: float = Field(
        ge=0.0, le=1.0,
        description="Share of the decoded words (by count) that are valid Vietnamese syllables.",
    )
    margin: float = Field(
        ge=0.0, le=1.0,
        description="The solver's confidence per glyph, averaged over the glyph occurrences.",
    )
    reliable: bool = Field(
        description="False when the text of this font could not be read reliably: every "
        "figure, date or name read from it may be wrong and the plan is not checked."
    )


# --------------------------------------------------------------------------- parsed items


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


class Section(StrictModel):
    """A heading and everything under it until the next heading of its level or above."""

    id: str = Field(description="Label path, e.g. 'II.2.1' (Roman part + label).")
    label: str = Field(description="The label as written, e.g. '2.1.', 'I-', '1. .'.")
    title: str
    level: int = Field(description="1 for Roman parts, then the depth of the numbering.")
    line_start: int
    line_end: int
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


class Task(StrictModel):
    """A numbered task or solution under 'Nhiệm vụ và giải pháp'."""

    id: str = Field(description="Roman part + label, e.g. 'III.2.1.3'.")
    label: str
    title: str
    line: int
    span: Span | None = None
    deadline: Deadline | None = None
    bodies: Bodies = Field(default_factory=Bodies)


class DateMention(StrictModel):
    """A calendar date found in the text."""

    raw: str
    iso: dt.date | None = Field(default=None, description="None when the date is impossible.")
    valid: bool
    line: int
    span: Span | None = None


class Plan(StrictModel):
    """A whole plan document, as extracted."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    lines: list[Line]
    repairs: list[RepairNote] = Field(default_factory=list)
    font_readings: list[FontReading] = Field(
        default_factory=list,
        description="PDF fonts without a Unicode map whose glyphs were solved, and how well. "
        "Since 1.5.",
    )
    meta: Meta = Field(default_factory=Meta)
    sections: list[Section] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list, description="What extraction could not do, in Vietnamese."
    )

    def line(self, number: int) -> Line:
        """Return the line with this 1-based number."""
        return self.lines[number - 1]

    @property
    def unreadable_fonts(self) -> list[FontReading]:
        """The fonts whose text could not be read reliably (the plan cannot be checked)."""
        return [reading for reading in self.font_readings if not reading.reliable]

    @property
    def text(self) -> str:
        """The repaired text, one line per line."""
        return "\n".join(line.text for line in self.lines)
