"""audit.json written as a stream: the audit's findings are never held all at once.

The file is ``AuditReport.model_dump_json(indent=2)`` and a line end, byte for byte.
Most of a large audit is its findings (3,000 plans: some 45,000 rows, about seventy
megabytes of JSON), and the serializer makes the whole text in memory before a byte
is written; so the rest of the audit is serialized with no findings, and each finding
row is serialized on its own and put into that empty list, indented as the serializer
indents the list's items (two spaces a level: the items of a list that is the value of
a top-level key are two levels deep). JSON text holds no raw line end inside a string,
so every line of an item's text is one line of the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from reports.model import AuditFindingRow, AuditReport

# The audit's findings list as the serializer writes it empty, at the top level.
_EMPTY_FINDINGS = b'\n  "findings": [],\n'
# Two levels of two spaces: the items of the findings list.
_ITEM_INDENT = b"    "


def write_audit_json(
    audit: AuditReport, findings: Iterable[AuditFindingRow], stream: IO[bytes]
) -> None:
    """Write ``audit`` with ``findings`` as its findings to ``stream``, as audit.json.

    Args:
        audit: The audit without findings (``reports.audit.build_audit_summary``).
        findings: Its findings, in order, read as they are written.
        stream: A binary stream (the file audit.json).

    Raises:
        ValueError: When ``audit`` already holds findings (they would be written twice).
    """
    if audit.findings:
        raise ValueError("audit.json: the audit's findings are given apart from it")
    text = audit.__pydantic_serializer__.to_json(audit, indent=2) + b"\n"
    split = text.index(_EMPTY_FINDINGS) + len(_EMPTY_FINDINGS) - len(b"],\n")
    stream.write(text[:split])
    written = False
    for row in findings:
        item = row.__pydantic_serializer__.to_json(row, indent=2)
        stream.write(b",\n" if written else b"\n")
        stream.write(_ITEM_INDENT + item.replace(b"\n", b"\n" + _ITEM_INDENT))
        written = True
    if written:
        stream.write(b"\n  ")
    stream.write(text[split:])
