"""The font descriptors of a PDF file, read from its bytes.

pdfium strips the subset tag ("BAAAAA+") from simple fonts' names and invents a
descent where a descriptor gives /Descent 0; pdfplumber gave both as the file has
them. The file's own descriptors put them back (see :mod:`~extract.loaders.pdf_pdfium`).
"""

from __future__ import annotations

import re
import zlib

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
_FONT_NAME = re.compile(rb"/FontName\s*/([^\s/<>\[\]()]+)")
_DESCENT = re.compile(rb"/Descent\s*([-+]?(?:\d+\.?\d*|\.\d+))")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_STREAM = re.compile(rb"stream\r?\n")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def font_descriptors(data: bytes) -> dict[str, dict[str, set[float]]]:
    """Every font descriptor of the file (object streams inflated): name -> descents.

    Keyed by the name without its subset tag. The descent is pdfminer's: the
    /Descent per unit of font size, 0 when absent, made negative when positive.
    """
    chunks = [data]
    for header in _OBJECT_STREAM.finditer(data):
        start = _STREAM.search(data, header.end())
        end = data.find(b"endstream", start.end()) if start else -1
        if start is None or end < 0:
            continue
        try:
            chunks.append(zlib.decompressobj().decompress(data[start.end() : end]))
        except zlib.error:
            continue
    found: dict[str, dict[str, set[float]]] = {}
    for chunk in chunks:
        for match in _FONT_NAME.finditer(chunk):
            decoded = _ESCAPE.sub(lambda escape: bytes([int(escape.group(1), 16)]), match[1])
            try:
                name = decoded.decode("utf-8")
            except UnicodeDecodeError:
                continue
            # The descriptor's dictionary around the name (a descriptor nests none).
            opens = chunk.rfind(b"<<", 0, match.start())
            closes = chunk.find(b">>", match.end())
            descent = _DESCENT.search(chunk, max(opens, 0), closes if closes >= 0 else len(chunk))
            value = -abs(float(descent[1])) / 1000 if descent else 0.0
            found.setdefault(without_subset_tag(name), {}).setdefault(name, set()).add(value)
    return found


def without_subset_tag(name: str) -> str:
    """A font name without its subset tag ("BAAAAA+Arial" -> "Arial")."""
    return name.split("+", 1)[1] if _SUBSET_TAG.match(name) else name
