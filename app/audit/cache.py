"""The audit cache: what an earlier audit already worked out, keyed by content.

Four tables, each keyed by a sha256 over everything the stored value depends on,
so a key that matches can be trusted without comparing dates (plan models and
reports are stored zlib-compressed: about a seventh of their size, which for a
thousand plans is 40 MB instead of 270):

* extractions: plan file bytes + code version -> the plan model (JSON);
* hierarchies: the set of plan files in a batch + code version -> each plan's parent;
  and, so that a changed batch does not redo it all, each plan's level and cited
  numbers, and each child's choice among a given list of candidates;
* results: child path and bytes + parent bytes + rules configuration + code
  version -> the rendered report;
* outputs: every result key and failure of a batch -> its index, audit JSON
  and workbook (rendering the workbook costs more than an unchanged re-audit).

The "code version" hashes the source and data files of extract/, rules/ and
reports/ and the bundled reference model, so upgrading plancheck or editing a
vocabulary file invalidates what it could change. The store is SQLAlchemy 2:
``PLANCHECK_DATABASE_URL`` may point at PostgreSQL; the default is the SQLite file
``plancheck.sqlite3`` in the data folder (``app.settings``: ``$PLANCHECK_DATA_DIR``,
else ``$XDG_DATA_HOME/plancheck``, else ``~/.local/share/plancheck``), shared with the
web page's history.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
)
from sqlalchemy.dialects import postgresql

from app.audit.engine import PackedResult
from app.settings import database_url
from app.store.cache_rows import code_version, make_key, pack, unpack

# The keys live in app.store.cache_rows (no SQLAlchemy there, for a cold check's look-up);
# the audit's modules import them from here with the cache.
__all__ = [
    "AuditCache",
    "AuditFiles",
    "CachedResult",
    "PackedResult",
    "code_version",
    "database_url",
    "make_key",
]

_metadata = MetaData()
# Compressed tables took new names ("_z"): a cache file written by an earlier
# version keeps its old tables, unread, and fills the new ones.
_extractions = Table(
    "audit_extractions_z",
    _metadata,
    Column("key", String(64), primary_key=True),
    Column("plan_json", LargeBinary, nullable=False),
)
_hierarchies = Table(
    "audit_hierarchies",
    _metadata,
    Column("key", String(64), primary_key=True),
    Column("parents_json", Text, nullable=False),
)
_results = Table(
    "audit_results_z",
    _metadata,
    Column("key", String(64), primary_key=True),
    Column("report_json", LargeBinary, nullable=False),
    Column("report_html", LargeBinary, nullable=False),
    # The DOCX review note (revision 0005); None in rows stored before it.
    Column("report_docx", LargeBinary, nullable=True),
    Column("summary_json", LargeBinary, nullable=False),
    Column("has_errors", Boolean, nullable=False),
)


_outputs = Table(
    "audit_outputs",
    _metadata,
    Column("key", String(64), primary_key=True),
    Column("index_html", Text, nullable=False),
    # audit.json's UTF-8 bytes, ``pack``ed (revision 0006: it was text, tens of megabytes
    # read back as one string at the end of a large audit).
    Column("audit_json", LargeBinary, nullable=False),
    Column("workbook", LargeBinary, nullable=False),
)


@dataclass(frozen=True)
class AuditFiles:
    """The batch-wide files of an audit, as written to the output folder.

    Attributes:
        index_html: index.html.
        audit_json_packed: audit.json's bytes compressed as ``pack`` does (zlib), made and
            written back in pieces by ``app.audit.output``: never held whole.
        workbook: audit.xlsx (a zip already).
    """

    index_html: str
    audit_json_packed: bytes
    workbook: bytes


@dataclass(frozen=True)
class CachedResult:
    """A stored report: the same fields ``audit_one`` produces."""

    report_json: str
    report_html: str
    report_docx: bytes
    summary_json: str
    has_errors: bool


class AuditCache:
    """Read and write the three cache tables; every write is one transaction."""

    def __init__(self, url: str | None = None) -> None:
        from app.store.migrate import prepare_sqlite_file, upgrade

        self.url = url or database_url()
        prepare_sqlite_file(self.url)
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        # The tables below are created and changed by the store's Alembic history.
        upgrade(self.engine)

    def plans(self, keys: list[str]) -> dict[str, str]:
        """Stored plan-model JSON for the keys that have one."""
        return {key: unpack(packed) for key, packed in self.packed_plans(keys).items()}

    def packed_plans(self, keys: list[str]) -> dict[str, bytes]:
        """Stored plan-model JSON, as ``engine.pack`` packs it, for the keys that have one."""
        return self._lookup(_extractions, _extractions.c.plan_json, keys)

    def store_plans(self, rows: dict[str, str]) -> None:
        """Store plan-model JSON by key."""
        self.store_packed_plans({key: pack(text) for key, text in rows.items()})

    def store_packed_plans(self, rows: dict[str, bytes]) -> None:
        """Store plan-model JSON packed by ``engine.pack``, by key."""
        self._store(_extractions, [{"key": key, "plan_json": data} for key, data in rows.items()])

    def parents(self, key: str) -> dict[str, str | None] | None:
        """The stored child sha256 -> parent sha256 map of a batch, if any."""
        found = self._lookup(_hierarchies, _hierarchies.c.parents_json, [key])
        return json.loads(found[key]) if key in found else None

    def store_parents(self, key: str, parents: dict[str, str | None]) -> None:
        """Store a batch's child sha256 -> parent sha256 map."""
        self._store(_hierarchies, [{"key": key, "parents_json": json.dumps(parents)}])

    def values(self, keys: list[str]) -> dict[str, Any]:
        """Stored JSON values (hierarchy facts and decisions) for the keys that have one."""
        found = self._lookup(_hierarchies, _hierarchies.c.parents_json, keys)
        return {key: json.loads(text) for key, text in found.items()}

    def store_values(self, values: dict[str, Any]) -> None:
        """Store JSON values by key in the hierarchy table."""
        rows: list[dict[str, object]] = [
            {"key": key, "parents_json": json.dumps(value)} for key, value in values.items()
        ]
        self._store(_hierarchies, rows)

    def results(self, keys: list[str]) -> dict[str, CachedResult]:
        """Stored reports for the keys that have one."""
        return {
            key: CachedResult(
                unpack(result.json_packed),
                unpack(result.html_packed),
                result.report_docx,
                unpack(result.summary_packed),
                result.has_errors,
            )
            for key, result in self.packed_results(keys).items()
        }

    def packed_results(self, keys: list[str]) -> dict[str, PackedResult]:
        """Stored reports, as kept (``pack``), for the keys that have one."""
        found: dict[str, PackedResult] = {}
        columns = _results.c
        with self.engine.connect() as connection:
            for chunk in _chunks(keys):
                query = select(
                    columns.key,
                    columns.report_json,
                    columns.report_html,
                    columns.report_docx,
                    columns.summary_json,
                    columns.has_errors,
                ).where(columns.key.in_(chunk))
                for row in connection.execute(query):
                    found[row.key] = PackedResult(
                        row.report_json,
                        row.report_html,
                        row.report_docx or b"",  # none: the audit renders it from the JSON
                        row.summary_json,
                        row.has_errors,
                    )
        return found

    def store_results(self, rows: dict[str, CachedResult]) -> None:
        """Store rendered reports by key."""
        self.store_packed_results(
            {
                key: PackedResult(
                    pack(result.report_json),
                    pack(result.report_html),
                    result.report_docx,
                    pack(result.summary_json),
                    result.has_errors,
                )
                for key, result in rows.items()
            }
        )

    def store_packed_results(self, rows: dict[str, PackedResult]) -> None:
        """Store rendered reports already packed (by the worker that rendered them), by key."""
        self._store(
            _results,
            [
                {
                    "key": key,
                    "report_json": result.json_packed,
                    "report_html": result.html_packed,
                    # A .docx is a zip already: compressing it again gains nothing.
                    "report_docx": result.report_docx or None,
                    "summary_json": result.summary_packed,
                    "has_errors": result.has_errors,
                }
                for key, result in rows.items()
            ],
        )

    def audit_files(self, key: str) -> AuditFiles | None:
        """The stored index, audit JSON and workbook of a batch, if any."""
        columns = _outputs.c
        query = select(columns.index_html, columns.audit_json, columns.workbook).where(
            columns.key == key
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return AuditFiles(row[0], row[1], row[2]) if row is not None else None

    def store_audit_files(self, key: str, files: AuditFiles) -> None:
        """Store a batch's index, audit JSON and workbook."""
        self._store(
            _outputs,
            [
                {
                    "key": key,
                    "index_html": files.index_html,
                    "audit_json": files.audit_json_packed,
                    "workbook": files.workbook,
                }
            ],
        )

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def _lookup(self, table: Table, column: Column[Any], keys: list[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        with self.engine.connect() as connection:
            for chunk in _chunks(keys):
                query = select(table.c.key, column).where(table.c.key.in_(chunk))
                found.update({row[0]: row[1] for row in connection.execute(query)})
        return found

    def _store(self, table: Table, rows: list[dict[str, object]]) -> None:
        if not rows:
            return
        if self.engine.dialect.name == "postgresql":
            self._upsert(table, rows)
            return
        keys = [str(row["key"]) for row in rows]
        # Delete then insert: portable across SQLite and PostgreSQL, one transaction.
        with self.engine.begin() as connection:
            for chunk in _chunks(keys):
                connection.execute(delete(table).where(table.c.key.in_(chunk)))
            connection.execute(insert(table), rows)

    def _upsert(self, table: Table, rows: list[dict[str, object]]) -> None:
        """Insert, or replace what a key holds, in one statement.

        Two web workers that both missed the cache store the same key at once (the
        parent of two uploads). Under PostgreSQL's read-committed isolation, delete then
        insert let the second writer's insert fail on the first one's new row, and that
        reviewer's check was lost; ``ON CONFLICT`` waits for the first and replaces.
        """
        statement = postgresql.insert(table)
        replaced = {name: statement.excluded[name] for name in rows[0] if name != "key"}
        upsert = statement.on_conflict_do_update(index_elements=[table.c.key], set_=replaced)
        with self.engine.begin() as connection:
            connection.execute(upsert, rows)


def _chunks(keys: list[str], size: int = 500) -> list[list[str]]:
    # SQLite limits the number of bound parameters in one statement.
    return [keys[start : start + size] for start in range(0, len(keys), size)]


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
