"""``plancheck repair``: the repaired text of one document, or the list of its repairs.

The lines are repaired as the reader gives them (for .txt and .md: the file's
own lines, markup kept), so the text output has exactly one line per input
line and a JSON change points at the line and column a reviewer sees in an
editor. Extraction (``plancheck extract``, ``check``, ``audit``) runs the same
repair on the lines after markup stripping.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from extract.model import RepairNote

EXIT_OUTPUT_ERROR = 2


class RepairFormat(StrEnum):
    text = "text"
    json = "json"


@dataclass(frozen=True)
class RepairedDocument:
    """A document's lines after repair, what changed, and how its text ended."""

    lines: list[str]
    notes: list[RepairNote]
    final_newline: bool


def repair(
    file: Annotated[
        Path, typer.Argument(help="Tệp cần sửa (.txt, .md, .docx, .pdf, ảnh .png/.jpg/.tif).")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Tệp kết quả; bỏ trống: in ra màn hình.")
    ] = None,
    output_format: Annotated[
        RepairFormat,
        typer.Option(
            "--format", "-f", help="text: văn bản đã sửa; json: danh sách các đoạn đã sửa."
        ),
    ] = RepairFormat.text,
) -> None:
    """Sửa chữ tiếng Việt bị lỗi: mất ký tự, bảng mã cũ, dấu tách rời (repair damaged text).

    Đoạn sửa có độ tin cậy dưới ngưỡng được đánh dấu "chưa chắc chắn" (uncertain).
    Mã thoát / exit codes: 0 thành công, 2 lỗi đầu vào hoặc không ghi được tệp kết quả.
    """
    from app.cli import _or_exit

    document = _or_exit(lambda: repair_file(file))
    if output_format is RepairFormat.json:
        changes = changes_document(file, document.lines, document.notes)
        rendered = json.dumps(changes, ensure_ascii=False, indent=2) + "\n"
    else:
        rendered = "\n".join(document.lines) + ("\n" if document.final_newline else "")
    _write(rendered, output)
    uncertain = sum(note.uncertain for note in document.notes)
    typer.echo(f"Đã sửa {len(document.notes)} đoạn, {uncertain} đoạn chưa chắc chắn.", err=True)


def repair_file(path: Path) -> RepairedDocument:
    """Read a document with the reader for its format and repair every line.

    A text file that does not end with a line break keeps it that way; the
    lines of a .docx or .pdf each end with one.

    Raises:
        PlanInputError: When the file cannot be read.

    """
    from extract import read_bytes
    from extract.limits import Limits, check_lines
    from extract.loaders import read_document
    from extract.repair import repair_lines

    limits = Limits.from_env()
    data = read_bytes(path, limits)
    document = read_document(path, data, limits)
    # One line out per line in: no layout restoring here, the line limits as before.
    check_lines(path, document.lines, limits)
    raw = [line.raw for line in document.lines]
    lines, notes = repair_lines(raw, fonts=[line.fonts for line in document.lines])
    is_text = path.suffix.lower() in (".txt", ".md")
    final_newline = not is_text or data.rstrip(b"\x00")[-1:] in (b"\n", b"\r")
    return RepairedDocument(lines, notes, final_newline)


def changes_document(path: Path, lines: list[str], notes: list[RepairNote]) -> dict[str, object]:
    """The JSON form: the file, its line count and every changed span.

    ``line`` and ``column`` count from 1 (as editors do); ``column`` is a
    character position in the line before repair.
    """
    return {
        "file": str(path),
        "lines": len(lines),
        "changes": [
            {
                "line": note.line,
                "column": note.start + 1,
                "before": note.before,
                "after": note.after,
                "confidence": note.confidence,
                "method": note.method,
                "uncertain": note.uncertain,
            }
            for note in notes
        ],
    }


def _write(rendered: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(rendered)
        return
    try:
        output.write_text(rendered, encoding="utf-8")
    except OSError as error:
        typer.echo(f"Lỗi / Error: không ghi được {output}: {error.strerror or error}", err=True)
        raise typer.Exit(EXIT_OUTPUT_ERROR) from None
