"""A new SQLite database made from the schema template is the one Alembic's migrations make."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine

from app.audit.cache import AuditCache
from app.audit.cache import _metadata as audit_metadata
from app.check_command import plan_store
from app.store import Base, Database, schema_template
from app.store.migrate import current_revision
from app.store.migrate import head_revision as alembic_head
from app.store.plan_cache import SqlitePlanCache
from app.store.schema_template import (
    TEMPLATE,
    create_at_head,
    read_template,
    schema_of,
    write_template,
)
from tests.conftest import PLANS

WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"


def _migrated(folder: Path) -> Path:
    path = folder / "migrated.sqlite3"
    Database(f"sqlite:///{path}").dispose()
    return path


def _templated(folder: Path) -> Path:
    path = folder / "templated.sqlite3"
    assert create_at_head(path) is True
    return path


def _same_schema(first: Path, second: Path) -> bool:
    """Whether two files hold the same tables, columns, keys, constraints and indexes."""
    return _statements(first) == _statements(second) and _facts(first) == _facts(second)


def _statements(path: Path) -> list[tuple[str, str, str, list[str] | None]]:
    """Each table's and index's statement as its sorted lines (a trailing comma dropped).

    Alembic's batch mode writes a copied table's constraints in an order that changes
    from run to run (two migrated files differ so), which SQLite does not mind.
    """
    return [
        (
            kind,
            name,
            table,
            None
            if sql is None
            else sorted(line.strip().removesuffix(",") for line in sql.splitlines()),
        )
        for kind, name, table, sql in schema_of(path)
    ]


def _facts(path: Path) -> dict[str, object]:
    """Everything the schema of ``path`` is made of, table by table, and what it is stamped."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        facts: dict[str, object] = {
            "revision": connection.execute("SELECT version_num FROM alembic_version").fetchall(),
            "journal_mode": connection.execute("PRAGMA journal_mode").fetchall(),
            "user_version": connection.execute("PRAGMA user_version").fetchall(),
            "auto_vacuum": connection.execute("PRAGMA auto_vacuum").fetchall(),
            "encoding": connection.execute("PRAGMA encoding").fetchall(),
        }
        for table in tables:
            facts[f"{table} columns"] = connection.execute(
                f"PRAGMA table_xinfo({table})"
            ).fetchall()
            keys = connection.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            facts[f"{table} keys"] = sorted(key[2:] for key in keys)  # not their numbers
            indexes = sorted(  # not their sequence numbers
                index[1:] for index in connection.execute(f"PRAGMA index_list({table})")
            )
            facts[f"{table} indexes"] = indexes
            for index in indexes:
                facts[f"{index[0]} columns"] = connection.execute(
                    f"PRAGMA index_xinfo({index[0]})"
                ).fetchall()
        return facts
    finally:
        connection.close()


def test_the_template_is_at_the_newest_revision() -> None:
    revision, statements = read_template()
    assert revision == alembic_head(), (
        "schema_head.sql is behind app/store/migrations: "
        "run `python -m app.store.schema_template` and commit it"
    )
    assert len(statements) > 10


def test_a_file_made_from_the_template_is_the_one_the_migrations_make(tmp_path: Path) -> None:
    migrated = _migrated(tmp_path)
    templated = _templated(tmp_path)
    # Every table and index, with the statement SQLite keeps for it.
    assert _same_schema(templated, migrated)
    assert _facts(templated)["journal_mode"] == [("wal",)]
    assert templated.stat().st_mode & 0o777 == 0o600
    # And the template holds what the migrations give today.
    written = tmp_path / "schema_head.sql"
    written.write_text(write_template(migrated, alembic_head() or ""), encoding="utf-8")
    assert read_template()[0] == alembic_head()
    assert _sorted_lines(TEMPLATE) == _sorted_lines(written)


def _sorted_lines(template: Path) -> list[str]:
    return sorted(
        line.strip().removesuffix(",") for line in template.read_text("utf-8").splitlines()
    )


def test_a_file_made_from_the_template_matches_the_models_and_needs_no_migration(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{_templated(tmp_path)}"
    engine = create_engine(url)
    assert current_revision(engine) == alembic_head()
    wanted = MetaData()
    for table in [*Base.metadata.tables.values(), *audit_metadata.tables.values()]:
        table.to_metadata(wanted)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, wanted) == []
    engine.dispose()
    cache = AuditCache(url)  # opens without migrating, and reads what it writes
    try:
        cache.store_plans({"a": '{"kế hoạch": 1}'})
        assert cache.plans(["a", "b"]) == {"a": '{"kế hoạch": 1}'}
    finally:
        cache.close()


def test_an_existing_file_a_missing_folder_or_an_old_template_are_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "existing.sqlite3"
    existing.write_bytes(b"")
    assert create_at_head(existing) is False
    assert existing.read_bytes() == b""
    assert create_at_head(tmp_path / "missing" / "new.sqlite3") is False
    assert not (tmp_path / "missing").exists()
    # A new revision without a new template: Alembic makes every new file, as before.
    monkeypatch.setattr(schema_template, "head_revision", lambda: "9999")
    assert create_at_head(tmp_path / "new.sqlite3") is False
    assert not (tmp_path / "new.sqlite3").exists()


def test_a_file_made_by_several_processes_at_once_is_made_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    made: list[bool] = []
    failures: list[BaseException] = []
    start = threading.Barrier(4)

    def make() -> None:
        start.wait()
        try:
            made.append(create_at_head(path))
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=make) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(made) == [False, False, False, True]
    assert _same_schema(path, _migrated(tmp_path))


def test_a_failed_fill_leaves_an_empty_file_that_alembic_migrates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.sqlite3"
    revision, statements = read_template()
    broken = [*statements[:3], "CREATE TABLE broken (", *statements[3:]]
    monkeypatch.setattr(schema_template, "read_template", lambda: (revision, broken))
    with pytest.raises(sqlite3.Error):
        create_at_head(path)
    assert schema_of(path) == []  # one transaction: nothing of it was kept
    AuditCache(f"sqlite:///{path}").close()
    assert _same_schema(path, _migrated(tmp_path))


def test_the_first_check_makes_the_database_and_reads_it_with_sqlite3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.sqlite3"
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{path}")
    with plan_store() as first:
        plan = first.load(WARD)
        assert isinstance(first.persistent, SqlitePlanCache)
    with plan_store() as second:
        assert second.load(WARD) == plan
        assert second.parsed == 0
    assert _same_schema(path, _migrated(tmp_path))
