"""A new SQLite database made at the newest schema in one step, without SQLAlchemy or Alembic.

A reviewer's first ``check`` (an empty data folder) used to create the database through
Alembic: importing SQLAlchemy and Alembic and running every revision one by one cost
about half a second of CPU, as much as the rest of the check (issue 18). The schema those
revisions leave in SQLite is kept in ``schema_head.sql``: each table's and index's
``CREATE`` statement as SQLite stores it in ``sqlite_master`` after the migrations, and
the revision they reach. A new file is made from it in one transaction and stamped with
that revision, as ``alembic stamp`` would; ``tests/test_schema_template.py`` compares such
a file with one the migrations made, table by table and index by index.

Alembic stays the owner of the schema: the template is used only for a plain SQLite file
that does not exist yet, and only while its revision is the newest one in
``app/store/migrations``. A new revision without a new template (``python -m
app.store.schema_template`` writes it) leaves every new file to Alembic, as before, and
the test fails until the template is written again.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.store.plan_cache import head_revision

TEMPLATE = Path(__file__).resolve().with_name("schema_head.sql")
# The line of the template that names the revision its statements reach.
_REVISION_MARK = "-- revision: "
_HEADER = """\
-- The schema of a plancheck database at the newest Alembic revision, as SQLite stores it
-- (sqlite_master) after app/store/migrations have run on a new file. A new SQLite file is
-- made from it in one step (app/store/schema_template.py). Written by
-- `python -m app.store.schema_template`; do not edit by hand.
"""


def create_at_head(path: Path) -> bool:
    """Make the SQLite database ``path`` at the newest schema, if it does not exist yet.

    Returns True when this call made the file; False when it was left alone: it already
    exists (made by another process meanwhile, or earlier), its folder is missing, or the
    template is not at the newest revision. The caller then opens the file as before
    (Alembic migrates what needs it and reports what is wrong).

    Raises:
        sqlite3.Error: When SQLite cannot write the new file (it is then left empty:
            everything is one transaction, and Alembic migrates an empty file).
        OSError: When the file or its lock file cannot be made.
    """
    if path.exists() or not path.parent.is_dir():
        return False
    revision, statements = read_template()
    if revision is None or revision != head_revision():
        return False
    with migration_lock(path):
        try:
            # Only a file this call makes: one made meanwhile by another process (from the
            # template, or empty before Alembic migrates it) is left to the usual opening.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            return False
        _fill(path, statements, revision)
    return True


def read_template() -> tuple[str | None, list[str]]:
    """The template's revision (None when it names none) and its statements in order."""
    revision: str | None = None
    statements: list[str] = []
    pending = ""
    for line in TEMPLATE.read_text(encoding="utf-8").splitlines(keepends=True):
        if not pending and line.startswith("--"):
            if line.startswith(_REVISION_MARK):
                revision = line.removeprefix(_REVISION_MARK).strip()
            continue
        if not pending and not line.strip():
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.rstrip().removesuffix(";"))
            pending = ""
    if pending.strip():
        raise ValueError(f"{TEMPLATE}: câu lệnh không trọn / unfinished statement: {pending!r}")
    return revision, statements


@contextmanager
def migration_lock(path: Path) -> Iterator[None]:
    """Hold the lock that serialises making and migrating the SQLite database ``path``.

    An flock on a lock file beside the database, shared with Alembic's upgrades
    (``app.store.migrate``). Not on the database file itself: closing any descriptor of
    that file drops every POSIX lock SQLite holds on it in this process, so a connection
    already open here would lose its locks (seen as "disk I/O error" in another
    connection's next write).
    """
    lock_path = path.with_name(f"{path.name}-migrate.lock")
    with os.fdopen(os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600), "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fill(path: Path, statements: list[str], revision: str) -> None:
    """Run the template's statements and stamp the revision, all in one transaction."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # As every connection of the store asks (app.store.database, app.audit.cache):
        # WAL is kept in the file, so it is set once here, outside the transaction.
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                connection.execute(statement)
            connection.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (revision,))
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.close()


def schema_of(path: Path) -> list[tuple[str, str, str, str | None]]:
    """What ``sqlite_master`` holds for the file ``path``: type, name, table and statement.

    Table by table (by name), each table before its indexes (by name): the order in
    which Alembic's batch mode makes a copied table's indexes changes from run to run.
    The indexes SQLite makes itself for primary keys and unique constraints are listed
    too (with no statement).
    """
    connection = sqlite3.connect(path)
    try:
        query = "SELECT type, name, tbl_name, sql FROM sqlite_master"
        rows = [
            (str(kind), str(name), str(table), sql)
            for kind, name, table, sql in connection.execute(query)
        ]
    finally:
        connection.close()
    return sorted(rows, key=lambda row: (row[2], row[0] != "table", row[1]))


def write_template(migrated: Path, revision: str) -> str:
    """The template's text for ``migrated``, a file the migrations brought to ``revision``."""
    statements = [sql for _, _, _, sql in schema_of(migrated) if sql is not None]
    body = "".join(f"{statement};\n\n" for statement in statements)
    return f"{_HEADER}{_REVISION_MARK}{revision}\n\n{body}"


def main() -> None:
    """Write ``schema_head.sql`` from a new file migrated by Alembic (after a new revision)."""
    import tempfile

    from app.store.database import Database
    from app.store.migrate import head_revision as alembic_head

    with tempfile.TemporaryDirectory() as folder:
        migrated = Path(folder) / "migrated.sqlite3"
        Database(f"sqlite:///{migrated}").dispose()
        revision = alembic_head()
        if revision is None:
            raise SystemExit("Không xác định được revision mới nhất / no single head revision")
        TEMPLATE.write_text(write_template(migrated, revision), encoding="utf-8")
    print(f"{TEMPLATE}: revision {revision}")


if __name__ == "__main__":
    main()
