"""The audit cache's plan table through sqlite3 (app.store.plan_cache), beside AuditCache."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.audit.cache import AuditCache
from app.check_command import plan_store
from app.store.migrate import head_revision as alembic_head
from app.store.plan_cache import (
    SqlitePlanCache,
    head_revision,
    open_sqlite_plan_cache,
    sqlite_file,
)
from tests.conftest import PLANS

WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"


def _migrated(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cache.sqlite3'}"
    AuditCache(url).close()
    return url


def test_the_head_read_from_the_revision_files_is_alembics() -> None:
    assert head_revision() == alembic_head()
    assert head_revision() is not None


def test_rows_written_by_either_side_are_read_by_the_other(tmp_path: Path) -> None:
    url = _migrated(tmp_path)
    fast = open_sqlite_plan_cache(url)
    assert isinstance(fast, SqlitePlanCache)
    slow = AuditCache(url)
    try:
        fast.store_plans({"a": '{"kế hoạch": 1}', "b": "{}"})
        slow.store_plans({"c": '{"c": 3}'})
        assert slow.plans(["a", "b", "absent"]) == {"a": '{"kế hoạch": 1}', "b": "{}"}
        assert fast.plans(["c", "a", "absent"]) == {"c": '{"c": 3}', "a": '{"kế hoạch": 1}'}
        fast.store_plans({"c": '{"c": "again"}'})  # a stored key is replaced
        assert slow.plans(["c"]) == {"c": '{"c": "again"}'}
        # The same bytes in the table, whichever side packed them.
        assert slow.packed_plans(["a"]) == _raw(tmp_path, "a")
    finally:
        fast.close()
        slow.close()


def test_lookups_of_many_keys_are_chunked(tmp_path: Path) -> None:
    fast = open_sqlite_plan_cache(_migrated(tmp_path))
    assert fast is not None
    rows = {f"k{number}": str(number) for number in range(1200)}
    fast.store_plans(rows)
    assert fast.plans([*rows, "absent"]) == rows
    fast.close()


def _raw(tmp_path: Path, key: str) -> dict[str, bytes]:
    with sqlite3.connect(tmp_path / "cache.sqlite3") as connection:
        query = "SELECT key, plan_json FROM audit_extractions_z WHERE key = ?"
        return dict(connection.execute(query, (key,)).fetchall())


def test_a_file_alembic_has_not_brought_to_the_head_is_left_to_alembic(tmp_path: Path) -> None:
    missing = f"sqlite:///{tmp_path / 'none.sqlite3'}"
    assert open_sqlite_plan_cache(missing) is None
    assert not (tmp_path / "none.sqlite3").exists()
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    assert open_sqlite_plan_cache(f"sqlite:///{empty}") is None
    url = _migrated(tmp_path)
    with sqlite3.connect(tmp_path / "cache.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0004'")
    assert open_sqlite_plan_cache(url) is None


def test_a_readable_file_is_closed_to_other_users(tmp_path: Path) -> None:
    url = _migrated(tmp_path)
    (tmp_path / "cache.sqlite3").chmod(0o644)
    fast = open_sqlite_plan_cache(url)
    assert fast is not None
    fast.close()
    assert (tmp_path / "cache.sqlite3").stat().st_mode & 0o777 == 0o600


def test_only_plain_sqlite_file_urls_take_the_sqlite3_path() -> None:
    assert sqlite_file("sqlite:///relative/cache.sqlite3") == Path("relative/cache.sqlite3")
    assert sqlite_file("sqlite:////abs/cache.sqlite3") == Path("/abs/cache.sqlite3")
    assert sqlite_file("sqlite+pysqlite:////abs/c.db") == Path("/abs/c.db")
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("sqlite:////abs/c.db?mode=ro&uri=true") is None
    assert sqlite_file("postgresql+psycopg://u@127.0.0.1:5432/db") is None


def test_the_check_command_reads_each_plan_once_on_either_database(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On SQLite the first store makes the file from the schema template and reads it with
    # sqlite3 (app.store.schema_template); on PostgreSQL AuditCache migrates. The next
    # store finds the plan stored.
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", store_url)
    expected = SqlitePlanCache if store_url.startswith("sqlite") else AuditCache
    with plan_store() as first:
        plan = first.load(WARD)
        assert first.parsed == 1
        assert isinstance(first.persistent, expected)
    with plan_store() as second:
        assert second.load(WARD) == plan
        assert second.parsed == 0
        assert isinstance(second.persistent, expected)


def test_the_check_keeps_plans_in_memory_when_the_file_is_no_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "cache.sqlite3"
    broken.write_bytes(b"not a database at all, but long enough to have a header" * 4)
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{broken}")
    with plan_store() as store:
        assert store.persistent is None
        store.load(WARD)
        assert store.parsed == 1
