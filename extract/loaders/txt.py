"""Reader for .txt and .md files: decode, split into lines, keep positions."""

from __future__ import annotations

import codecs
from pathlib import Path

from extract.errors import PlanInputError
from extract.limits import Limits, TextBudget
from extract.loaders.base import LoadedDocument
from extract.model import Line

# After the BOM checks: UTF-8, then UTF-8 and Windows-1258 mixed line by line,
# then Windows-1258 alone (the legacy Vietnamese Windows code page, tones stored
# as combining marks).
MIXED_ENCODING = "utf-8+cp1258"


# No encoding we read spends more than four bytes on a character.
MAX_BYTES_PER_CHAR = 4


def load_text(path: Path, data: bytes, limits: Limits | None = None) -> LoadedDocument:
    """Decode a text file and return its lines.

    Args:
        path: The file, for messages.
        data: The file's bytes.
        limits: Bounds on lines and characters; defaults come from the environment.

    Returns:
        The lines, numbered from 1, with the encoding that was used.

    Raises:
        PlanInputError: When no encoding fits, the file holds no text, or more
            text than the limits allow.

    """
    limits = limits or Limits.from_env()
    _check_volume(path, data, limits)
    text, encoding = _decode(path, data)
    # Only CR LF and lone CR count as line breaks here: str.splitlines() would
    # also split on form feeds and Unicode separators, which would shift the
    # line numbers a reviewer sees in an editor.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.count("\n") > limits.max_lines:
        raise limits.refuse(path, "số dòng / lines", text.count("\n") + 1, "max_lines")
    texts = text.split("\n")
    TextBudget(path, limits).add_all(texts)
    lines = [
        Line(number=index, raw=raw, text=raw, source_line=index)
        for index, raw in enumerate(texts, start=1)
    ]
    if lines and lines[-1].raw == "" and len(lines) > 1:
        lines.pop()  # the newline that ends the last line does not start a new one
    if not any(line.raw.strip() for line in lines):
        raise PlanInputError(path, "no-content")
    notes = []
    if encoding == MIXED_ENCODING:
        notes.append("Tệp trộn hai bảng mã UTF-8 và Windows-1258; đã giải mã từng dòng.")
    return LoadedDocument(lines=lines, encoding=encoding, notes=notes)


def _check_volume(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse, before decoding, a file that must hold more text than the limits allow."""
    if len(data) > MAX_BYTES_PER_CHAR * limits.max_chars:
        limit = MAX_BYTES_PER_CHAR * limits.max_chars
        detail = f"{len(data)} byte > {limit} ({MAX_BYTES_PER_CHAR} × PLANCHECK_MAX_CHARS)"
        raise PlanInputError(path, "over-limit", detail)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise PlanInputError(path, "encoding", str(error)) from error
            if "\x00" in text:
                raise PlanInputError(path, "encoding", _nul_detail(text.index("\x00")))
            return text, encoding
    # A NUL anywhere, not only near the start: text never holds one, and one that
    # got through would travel into the JSON and the reports.
    nul = data.find(b"\x00")
    if nul >= 0:
        raise PlanInputError(path, "encoding", _nul_detail(nul))
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


def _nul_detail(offset: int) -> str:
    return f"NUL ở vị trí {offset}, dữ liệu nhị phân / NUL at offset {offset}, binary data"


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
