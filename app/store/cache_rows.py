"""The audit cache's rows: their keys (a digest of the code, sha256s over parts) and packing.

Apart from ``app.audit.cache`` (SQLAlchemy) so that a cached ``check``, which only needs a
key and the packing to look a plan up with the standard library's sqlite3
(``app.store.plan_cache``), imports no database layer (issue 18).
"""

from __future__ import annotations

import hashlib
import zlib
from functools import cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
# What a stored result depends on besides the inputs themselves.
_VERSIONED_FOLDERS = ("extract", "rules", "reports", "corpus/reference")
_VERSIONED_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".j2", ".toml", ".txt", ".tsv"}


@cache
def code_version() -> str:
    """A digest of every source and data file a stored result depends on."""
    digest = hashlib.sha256()
    for folder in _VERSIONED_FOLDERS:
        for path in sorted((_ROOT / folder).rglob("*")):
            if path.suffix not in _VERSIONED_SUFFIXES or "__pycache__" in path.parts:
                continue
            try:
                content = path.read_bytes()
            except OSError:  # removed while we walked (an editor's temporary file)
                continue
            digest.update(str(path.relative_to(_ROOT)).encode("utf-8") + b"\0")
            digest.update(content + b"\0")
    return digest.hexdigest()


def make_key(*parts: str) -> str:
    """A sha256 over ``parts`` (unambiguous: each part is length-prefixed)."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8")
        digest.update(f"{len(encoded)}:".encode() + encoded)
    return digest.hexdigest()


def pack(text: str) -> bytes:
    """``text`` as zlib-compressed UTF-8: how a batch keeps JSON it holds for long."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(packed: bytes) -> str:
    """The text ``pack`` was given."""
    return zlib.decompress(packed).decode("utf-8")
