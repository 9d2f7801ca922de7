"""The audit cache's plan table read and written with the standard library's sqlite3.

A reviewer's ``check`` opens the cache for one or two look-ups and perhaps one store;
importing SQLAlchemy and Alembic for them cost a cold check about 0.25 s CPU of its
0.9 (issue 18). Alembic still owns the schema: this path is taken only for a plain SQLite
file whose ``alembic_version`` already names the newest revision shipped in
``app/store/migrations``. A new file, an older schema, a URL with options and every other
database go through ``app.audit.cache.AuditCache``, which migrates first.

The rows are the ones ``AuditCache`` reads and writes (same table, key and packing), so
a plan stored by a check is found by an audit or a web worker and the other way round.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path

from app.store.cache_rows import pack, unpack

MIGRATIONS_VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
# The table app.audit.cache calls _extractions (created by revision 0001).
_TABLE = "audit_extractions_z"
# As AuditCache's connections: a writer waits for another rather than failing.
_BUSY_TIMEOUT_SECONDS = 30
# SQLite limits the number of bound parameters in one statement.
_CHUNK = 500
# Only the plain forms; anything with options (``?mode=ro``...) is left to SQLAlchemy.
_PLAIN_SQLITE_URL = re.compile(r"sqlite(?:\+pysqlite)?:///(?P<path>[^?#]+)")
# A revision file's own assignments, as Alembic's template writes them.
_REVISION_LINE = re.compile(
    r"""^(?P<name>revision|down_revision)(?:\s*:[^=]+)?\s*=\s*(?P<value>None|["'][^"']+["'])""",
    re.MULTILINE,
)


class SqlitePlanCache:
    """Plan-model JSON by key in the audit cache's extraction table (the PlanStore's tier)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Autocommit off by hand: each store below is one explicit transaction.
        self._connection = sqlite3.connect(
            path, timeout=_BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
        self._connection.execute("PRAGMA journal_mode=WAL")

    def plans(self, keys: list[str]) -> dict[str, str]:
        """Stored plan-model JSON for the keys that have one."""
        found: dict[str, str] = {}
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, plan_json FROM {_TABLE} WHERE key IN ({marks})"
            for key, packed in self._connection.execute(query, chunk):
                found[key] = unpack(packed)
        return found

    def store_plans(self, rows: dict[str, str]) -> None:
        """Store plan-model JSON by key, replacing what a key held (one transaction)."""
        if not rows:
            return
        keys = list(rows)
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            for chunk in _chunks(keys):
                marks = ",".join("?" * len(chunk))
                connection.execute(f"DELETE FROM {_TABLE} WHERE key IN ({marks})", chunk)
            connection.executemany(
                f"INSERT INTO {_TABLE} (key, plan_json) VALUES (?, ?)",
                [(key, pack(text)) for key, text in rows.items()],
            )
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def revisions(self) -> list[str]:
        """What ``alembic_version`` holds: [] when there is no such table (before Alembic)."""
        try:
            rows = self._connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.OperationalError:  # no such table: an empty file, or pre-Alembic
            return []
        return [row[0] for row in rows]

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()


def open_sqlite_plan_cache(url: str) -> SqlitePlanCache | None:
    """The plan table of the SQLite file at ``url`` when it is at the newest schema, else None.

    None means "open it with ``AuditCache``": not a plain SQLite file URL, no file yet, or a
    schema Alembic has still to bring up to date.

    Raises:
        sqlite3.Error: When the file exists but cannot be read as a database.
        OSError: When its permissions cannot be set.
    """
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    close_permissions(path)
    head = head_revision()
    cache = SqlitePlanCache(path)
    if head is None or cache.revisions() != [head]:
        cache.close()
        return None
    return cache


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL; None for any other URL or in-memory SQLite."""
    matched = _PLAIN_SQLITE_URL.fullmatch(url)
    if matched is None or matched["path"] == ":memory:":
        return None
    return Path(matched["path"])


def close_permissions(path: Path) -> None:
    """Make the database file and its WAL and shared-memory files readable by their owner only.

    It holds password hashes and every office's plans. A file made by an earlier version
    (0644 under the usual umask) is closed too.
    """
    for existing in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if existing.exists() and existing.stat().st_mode & 0o077:
            existing.chmod(0o600)


@cache
def head_revision() -> str | None:
    """The newest revision in ``app/store/migrations``, the one no other follows; None if unclear.

    Read from the revision files' own ``revision``/``down_revision`` lines: Alembic's
    ``ScriptDirectory`` gives the same answer (a test compares them) but imports SQLAlchemy.
    """
    revisions: set[str] = set()
    followed: set[str] = set()
    for script in MIGRATIONS_VERSIONS.glob("*.py"):
        assignments = {
            found["name"]: found["value"].strip("\"'")
            for found in _REVISION_LINE.finditer(script.read_text(encoding="utf-8"))
        }
        if "revision" not in assignments:
            continue  # __init__.py
        revisions.add(assignments["revision"])
        if assignments.get("down_revision", "None") != "None":
            followed.add(assignments["down_revision"])
    heads = revisions - followed
    # Several heads (or a merge written another way): let Alembic decide and say what is wrong.
    return heads.pop() if len(heads) == 1 else None


def _chunks(keys: list[str]) -> list[list[str]]:
    return [keys[start : start + _CHUNK] for start in range(0, len(keys), _CHUNK)]
