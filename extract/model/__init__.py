"""The plan model: one pydantic tree that every later stage reads.

Every item carries provenance: the 1-based line number in ``Plan.lines`` plus a
character span in that line's ``text``. A line in turn knows where it came from
in the source file (page for PDF, paragraph or table cell for DOCX, line for
text), so a finding can always point a reviewer at the exact place.

The model is split by what it describes (``source``: the file and its lines;
``meta``: the header and citations; ``items``: sections, targets, tasks;
``printed``: what the document prints, blanks included; ``plan``: the whole);
every name is importable from here, as ``from extract.model import Plan``.

Field names are part of the JSON contract of ``plancheck extract --format json``;
bump ``SCHEMA_VERSION`` (extract/model/base.py) and CHANGELOG.md whenever one changes.
"""

from __future__ import annotations

from extract.model.base import SCHEMA_VERSION, Span, StrictModel
from extract.model.items import (
    Bodies,
    Body,
    Deadline,
    DeadlineKind,
    Quantity,
    QuantityOp,
    Section,
    SubjectRole,
    Target,
    Task,
)
from extract.model.meta import (
    AdminUnit,
    Implements,
    Meta,
    Period,
    Reference,
    Signer,
    UnitLevel,
)
from extract.model.plan import Plan
from extract.model.printed import (
    DateMention,
    DatePart,
    ListMarker,
    MarkerKind,
    PrintedDate,
    PrintedNumber,
)
from extract.model.source import (
    FontReading,
    FontRun,
    Line,
    OcrLine,
    OcrWord,
    RepairNote,
    Source,
    SourceFormat,
)

__all__ = [
    "SCHEMA_VERSION",
    "AdminUnit",
    "Bodies",
    "Body",
    "DateMention",
    "DatePart",
    "Deadline",
    "DeadlineKind",
    "FontReading",
    "FontRun",
    "Implements",
    "Line",
    "ListMarker",
    "MarkerKind",
    "Meta",
    "OcrLine",
    "OcrWord",
    "Period",
    "Plan",
    "PrintedDate",
    "PrintedNumber",
    "Quantity",
    "QuantityOp",
    "Reference",
    "RepairNote",
    "Section",
    "Signer",
    "Source",
    "SourceFormat",
    "Span",
    "StrictModel",
    "SubjectRole",
    "Target",
    "Task",
    "UnitLevel",
]
