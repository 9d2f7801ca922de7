"""Reader for .txt and .md files: decode, split into lines, keep positions."""

from __future__ import annotations

import codecs
from pathlib import Path

from extract.errors import PlanInputError
from extract.loaders.base import LoadedDocument
from extract.model import Line

# After the BOM checks: UTF-8, then UTF-8 and Windows-1258 mixed line by line,
# then Windows-1258 alone (the legacy Vietnamese Windows code page, tones stored
# as combining marks).
MIXED_ENCODING = "utf-8+cp1258"


def load_text(path: Path, data: bytes) -> LoadedDocument:
    """Decode a text file and return its lines.

    Args:
        path: The file, for messages.
        data: The file's bytes.

    Returns:
        The lines, numbered from 1, with the encoding that was used.

    Raises:
        PlanInputError: When no encoding fits or the file holds no text.

    """
    text, encoding = _decode(path, data)
    # Only CR LF and lone CR count as line breaks here: str.splitlines() would
    # also split on form feeds and Unicode separators, which would shift the
    # line numbers a reviewer sees in an editor.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [
        Line(number=index, raw=raw, text=raw, source_line=index)
        for index, raw in enumerate(text.split("\n"), start=1)
    ]
    if lines and lines[-1].raw == "" and len(lines) > 1:
        lines.pop()  # the newline that ends the last line does not start a new one
    if not any(line.raw.strip() for line in lines):
        raise PlanInputError(path, "no-content")
    notes = []
    if encoding == MIXED_ENCODING:
        notes.append("Tệp trộn hai bảng mã UTF-8 và Windows-1258; đã giải mã từng dòng.")
    return LoadedDocument(lines=lines, encoding=encoding, notes=notes)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise PlanInputError(path, "encoding", str(error)) from error
    if b"\x00" in data[:4096]:
        raise PlanInputError(path, "encoding", "binary data / dữ liệu nhị phân")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed, MIXED_ENCODING
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError as error:
        raise PlanInputError(path, "encoding", f"byte {error.start}") from error


def _decode_mixed(data: bytes) -> str | None:
    """Decode line by line when some lines are UTF-8 and others Windows-1258.

    Documents assembled by copy and paste mix both; decoding the whole file as
    Windows-1258 would garble every UTF-8 line. Returns None when the file is not
    such a mix (no non-ASCII UTF-8 line, or a line that fits neither encoding).
    """
    decoded: list[str] = []
    has_utf8 = False
    for chunk in data.split(b"\n"):
        try:
            line = chunk.decode("utf-8")
            has_utf8 = has_utf8 or not chunk.isascii()
        except UnicodeDecodeError:
            try:
                line = chunk.decode("cp1258")
            except UnicodeDecodeError:
                return None
        decoded.append(line)
    return "\n".join(decoded) if has_utf8 else None
