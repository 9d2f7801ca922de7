"""Where a plan came from: the file, its lines with provenance, and what repair did."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from extract.model.base import StrictModel

SourceFormat = Literal["txt", "md", "docx", "pdf", "png", "jpg", "jpeg", "tif", "tiff"]


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
    source_column: int | None = Field(
        default=None,
        description="0-based offset in the source line (text inputs) or paragraph (DOCX) where "
        "``raw`` begins, when layout restoring cut a run-together line into several; None for "
        "a line as the file gave it. Since 1.8.",
    )
    fonts: list[FontRun] = Field(default_factory=list, description="Font runs (DOCX, PDF).")
    ocr: OcrLine | None = Field(
        default=None, description="Box and confidences when the line was read from a scan."
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
