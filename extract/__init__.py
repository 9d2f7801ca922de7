"""extract: documents in, one plan model out.

``load_plan(path)`` is the single door: read the file with the reader for its
format, restore the lines of a plan pasted onto one line, strip markup, repair
damaged text, then parse structure.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extract.errors import PlanInputError
from extract.layout import layout_note, restore_layout
from extract.limits import Limits, check_lines
from extract.loaders import SUPPORTED_SUFFIXES, read_document
from extract.markup import INVISIBLE_NOTE, strip_invisible, strip_markup
from extract.model import SCHEMA_VERSION, FontReading, Line, Plan, RepairNote, Source
from extract.parse import parse_plan
from extract.repair import repair_lines


def load_plan(path: str | Path, limits: Limits | None = None) -> Plan:
    """Read, repair and parse one plan document.

    Args:
        path: A .txt, .md, .docx or .pdf file.
        limits: Size and page limits; defaults come from the environment.

    Returns:
        The plan model with provenance on every item.

    Raises:
        PlanInputError: When the file cannot be read as a plan.
    """
    path = Path(path)
    limits = limits or Limits.from_env()
    data = read_bytes(path, limits)
    document = read_document(path, data, limits)
    # A plan pasted onto one line is cut back into its lines before the limits that
    # protect later stages are applied to them (issues 14 and 19).
    lines = restore_layout(document.lines)
    check_lines(path, lines, limits)
    source = Source(
        path=str(path),
        name=path.name,
        format=_format_of(path),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        pages=document.pages,
        encoding=document.encoding,
    )
    note = layout_note(document.lines, lines)
    notes = document.notes if note is None else [*document.notes, note]
    return build_plan(source, lines, notes=notes)


def build_plan(source: Source, lines: list[Line], notes: list[str] | None = None) -> Plan:
    """Strip markup and invisible marks, repair and parse lines that a reader produced."""
    stripped = [strip_markup(line.raw) for line in lines]
    invisible = sum(len(text) - len(strip_invisible(text)) for text in stripped)
    if invisible:
        stripped = [strip_invisible(text) for text in stripped]
        notes = [*(notes or []), INVISIBLE_NOTE.format(count=invisible)]
    ocr_notes: list[RepairNote] = []
    if any(line.ocr is not None for line in lines):
        # Scanned lines: Tesseract's misread marks and letters first, then the
        # common repair (which finds nothing to do on well-read text).
        from extract.repair.ocr_correct import correct_ocr_lines

        stripped, ocr_notes = correct_ocr_lines(stripped, [line.ocr for line in lines])
    readings: list[FontReading] = []
    repaired, repairs = repair_lines(
        stripped, fonts=[line.fonts for line in lines], readings=readings
    )
    repairs = ocr_notes + repairs
    # A line whose text nothing changed is kept as it is: every reader sets ``text``, so a
    # copy would be an equal model, and copying most lines of a clean plan costs (issue 18).
    lines = [
        line if line.text == text else line.model_copy(update={"text": text})
        for line, text in zip(lines, repaired, strict=True)
    ]
    plan = Plan(
        source=source,
        lines=lines,
        repairs=repairs,
        font_readings=readings,
        notes=list(notes or []),
    )
    return parse_plan(plan)


def read_bytes(path: Path, limits: Limits) -> bytes:
    """Read a file after the checks that need no parsing: exists, kind, size."""
    if not path.exists():
        raise PlanInputError(path, "missing")
    if not path.is_file():
        raise PlanInputError(path, "not-a-file")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise PlanInputError(path, "unsupported", path.suffix or "không có phần mở rộng")
    size = path.stat().st_size
    if size == 0:
        raise PlanInputError(path, "empty")
    if size > limits.max_bytes:
        raise PlanInputError(path, "too-large", f"{size} > {limits.max_bytes} bytes")
    try:
        return path.read_bytes()
    except OSError as error:
        raise PlanInputError(path, "unreadable", error.strerror or str(error)) from error


def _format_of(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


__all__ = ["SCHEMA_VERSION", "Limits", "Plan", "PlanInputError", "build_plan", "load_plan"]
