"""Reader for .txt and .md files: decode, split into lines, keep positions."""

from __future__ import annotations

import codecs
from pathlib import Path

from extract.errors import PlanInputError
from extract.loaders.base import LoadedDocument
from extract.model import Line

# Tried in this order after the BOM checks; Windows-1258 is the legacy
# Vietnamese Windows code page (tones stored as combining marks).
_FALLBACK_ENCODINGS = ("utf-8", "cp1258")


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
    return LoadedDocument(lines=lines, encoding=encoding)


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
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise PlanInputError(path, "encoding")
