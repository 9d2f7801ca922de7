"""The audit cache's rows: their keys (a digest of the code, sha256s over parts) and packing.

Apart from ``app.audit.cache`` (SQLAlchemy) so that a cached ``check``, which only needs a
key and the packing to look a plan up with the standard library's sqlite3
(``app.store.plan_cache``), imports no database layer (issue 18).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import zlib
from functools import cache
from pathlib import Path

from extract.resources import write_whole

_ROOT = Path(__file__).resolve().parents[2]
# What a stored result depends on besides the inputs themselves.
_VERSIONED_FOLDERS = ("extract", "rules", "reports", "corpus/reference")
_VERSIONED_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".j2", ".toml", ".txt", ".tsv"}
# Where the digest is kept between runs, with what it was computed from.
_KEPT_VERSION = Path(__file__).resolve().parent / "__pycache__" / "code_version.marshal"


@cache
def code_version() -> str:
    """A digest of every source and data file a stored result depends on.

    Hashing them (5 MB, most of it the repair model's n-gram tables) cost every cold check
    about 25 ms (issue 18). The digest is kept in ``__pycache__`` with each file's size,
    modification and change times and inode, and used again while none of those changed
    and no file came or went: the test Python makes of its own bytecode, made stricter by
    the change time, which no program can set back. Otherwise it is computed again.
    """
    stamp = _stamp()
    try:
        kept_stamp, digest = marshal.loads(_KEPT_VERSION.read_bytes())
        if kept_stamp == stamp and isinstance(digest, str):
            return digest
    except (OSError, EOFError, ValueError, TypeError):
        pass  # none yet, damaged, or another program's file
    digest = _digest()
    write_whole(_KEPT_VERSION, marshal.dumps((stamp, digest)))
    return digest


def _digest() -> str:
    """The sha256 over every versioned file's path and bytes."""
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


def _stamp() -> list[tuple[str, int, int, int, int]]:
    """Each versioned file's path, size, modification and change times and inode.

    Taken before the files are read, so a file changed while the digest is computed
    makes the next run compute it again.
    """
    stamp = []
    for folder in _VERSIONED_FOLDERS:
        for directory, folders, names in os.walk(_ROOT / folder, followlinks=True):
            folders[:] = [name for name in folders if name != "__pycache__"]
            for name in names:
                if os.path.splitext(name)[1] not in _VERSIONED_SUFFIXES:
                    continue
                path = os.path.join(directory, name)
                try:
                    status = os.stat(path)
                except OSError:
                    continue
                relative = os.path.relpath(path, _ROOT)
                times = (status.st_mtime_ns, status.st_ctime_ns)
                stamp.append((relative, status.st_size, *times, status.st_ino))
    return sorted(stamp)


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
