"""Alembic: a database made by the code before Alembic upgrades in place and loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import threading
import zlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, insert, inspect, select, text

from app.audit.cache import AuditCache, CachedResult
from app.audit.cache import _metadata as audit_metadata
from app.audit.engine import pack
from app.store import Base, Database, Upload, Waiver
from app.store.migrate import current_revision, head_revision
from app.store.repository import authenticate, create_user, history, run_for, waivers_for
from tests.store_legacy import models_v0

PLAN = {"schema_version": "1", "source": {"name": "48-KH.txt"}, "text": "Kế hoạch số 48-KH/ĐU"}
RESULT = {
    "findings": [{"code": "C001", "fingerprint": "f" * 16, "waived": True, "waiver_reason": "x"}]
}
RAISED = {"findings": [{"code": "C001", "fingerprint": "f" * 16, "waived": False}]}
WHEN = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
# A batch's audit.json as revisions before 0006 stored it (text).
AUDIT_JSON = '{"plans": [{"path": "Kế hoạch 48-KH/ĐU.txt"}]}'


def make_legacy_database(url: str) -> None:
    """A database as the code before Alembic left it: create_all, then a row in every table."""
    engine = create_engine(url)
    models_v0.Base.metadata.create_all(engine)
    models_v0.audit_metadata.create_all(engine)
    legacy = models_v0.Base.metadata.tables
    with engine.begin() as connection:
        connection.execute(insert(legacy["office"]), [{"id": 1, "name": "Ban Dân vận"}])
        connection.execute(
            insert(legacy["user_account"]),
            [
                {
                    "id": 1,
                    "username": "an",
                    "full_name": "Nguyễn Văn An",
                    "password_hash": models_v0_hash(),
                    "role": "reviewer",
                    "office_id": 1,
                    "created": WHEN,
                }
            ],
        )
        connection.execute(
            insert(legacy["upload"]),
            [
                legacy_upload(1, "48-KH.txt", "Đảng ủy phường Trần Phú", "48-KH/ĐU"),
                # Another ward's plan, checked after the waiver was made on plan 1.
                legacy_upload(2, "51-KH.txt", "Đảng ủy phường Nguyễn Nghiêm", "51-KH/ĐU"),
                # A corrected version of plan 1 (same issuer and number).
                legacy_upload(3, "48-KH-sua.txt", "Đảng ủy phường Trần Phú", "48-KH/ĐU"),
            ],
        )
        connection.execute(
            insert(legacy["check_run"]),
            [
                legacy_run(1, 1, RAISED),
                legacy_run(2, 1, RESULT),  # the re-check the waiver form triggered
                legacy_run(3, 2, RESULT),  # the waiver leaked into plan 2
                legacy_run(4, 3, RESULT),
            ],
        )
        connection.execute(
            insert(legacy["waiver"]),
            [
                {
                    "id": 1,
                    "office_id": 1,
                    "fingerprint": "f" * 16,
                    "code": "C001",
                    "reason": "Phường không có tàu thuyền.",
                    "user_id": 1,
                    "created": WHEN + dt.timedelta(minutes=1),
                }
            ],
        )
        audit = models_v0.audit_metadata.tables
        connection.execute(
            insert(audit["audit_extractions_z"]), [{"key": "p1", "plan_json": pack('{"a": 1}')}]
        )
        connection.execute(
            insert(audit["audit_results_z"]),
            [
                {
                    "key": "r1",
                    "report_json": pack("{}"),
                    "report_html": pack("<html></html>"),
                    "summary_json": pack('{"s": 1}'),
                    "has_errors": True,
                }
            ],
        )
        connection.execute(
            insert(audit["audit_outputs"]),
            [{"key": "o1", "index_html": "<html/>", "audit_json": AUDIT_JSON, "workbook": b"PK"}],
        )
    engine.dispose()


def legacy_upload(upload_id: int, name: str, issuer: str, number: str) -> dict[str, object]:
    return {
        "id": upload_id,
        "storage_name": f"{upload_id:032d}.txt",
        "original_name": name,
        "extension": ".txt",
        "sha256": "b" * 64,
        "size": 16_000,
        "office_id": 1,
        "uploader_id": 1,
        "created": WHEN,
        "issuer": issuer,
        "number": number,
        "title": "thực hiện Đề án số 13-ĐA/TU",
    }


def legacy_run(run_id: int, upload_id: int, result: dict[str, object]) -> dict[str, object]:
    return {
        "id": run_id,
        "upload_id": upload_id,
        "parent_kind": "corpus",
        "parent_ref": "de-an-13.txt",
        "parent_label": "Đề án 13",
        "parent_detected": True,
        "previous_run_id": None,
        "plan_json": PLAN,
        "parent_plan_json": None,
        "result_json": result,
        "status": "failed",
        "errors": 2,
        "warnings": 1,
        "infos": 0,
        "waived": 1,
        "created": WHEN,
    }


def models_v0_hash() -> str:
    from app.store import hash_password

    return hash_password("mat-khau-cu-1")


class _Auditor:
    office_id = 1
    sees_all_offices = True


def test_a_database_made_before_alembic_upgrades_and_reads_back(store_url) -> None:
    url = store_url
    make_legacy_database(url)
    assert current_revision(create_engine(url)) is None
    database = Database(url)
    try:
        assert current_revision(database.engine) == head_revision()
        with database.reading() as session:
            user = authenticate(session, "an", "mat-khau-cu-1")
            assert user is not None and user.office.name == "Ban Dân vận"
            rows = history(session, _Auditor())
            assert [row.upload.number for row in rows] == ["48-KH/ĐU", "51-KH/ĐU", "48-KH/ĐU"]
            run = run_for(session, _Auditor(), 2)
            assert run is not None and run.plan_json == PLAN and run.result_json == RESULT
            assert (run.errors, run.warnings, run.waived, run.status) == (2, 1, 1, "failed")
            waiver = session.scalars(select(Waiver)).one()
            assert waiver.reason == "Phường không có tàu thuyền." and waiver.user.username == "an"
            # Scoped to the plan it was made on (upload 1) and its later version (3).
            assert (waiver.scope, waiver.upload_id) == ("plan-1", 1)
            raw = session.execute(text("SELECT result_json, plan_json FROM check_run")).all()
            # Stored compressed since revision 0004 (issue 22 item 10), read back as before.
            assert all(json.loads(zlib.decompress(packed)) in (RESULT, RAISED) for packed, _ in raw)
            assert all(json.loads(zlib.decompress(packed)) == PLAN for _, packed in raw)
            lineages = [session.get_one(Upload, number).lineage_id for number in (1, 2, 3)]
            assert lineages == [1, 2, 1]
            for upload_id, held in ((1, True), (2, False), (3, True)):
                upload = session.get_one(Upload, upload_id)
                assert ("f" * 16 in waivers_for(session, upload)) is held, upload_id
    finally:
        database.dispose()
    cache = AuditCache(url)
    try:
        assert cache.plans(["p1"]) == {"p1": '{"a": 1}'}
        assert cache.results(["r1"]) == {
            "r1": CachedResult("{}", "<html></html>", b"", '{"s": 1}', has_errors=True)
        }
        # Packed since revision 0006 (issue 18): the cached batch is restored as it was.
        files = cache.audit_files("o1")
        assert files is not None and (files.index_html, files.workbook) == ("<html/>", b"PK")
        assert zlib.decompress(files.audit_json_packed).decode("utf-8") == AUDIT_JSON
    finally:
        cache.close()


def test_a_fresh_database_matches_the_models_exactly(store_url) -> None:
    url = store_url
    Database(url).dispose()
    wanted = MetaData()
    for table in [*Base.metadata.tables.values(), *audit_metadata.tables.values()]:
        table.to_metadata(wanted)
    engine = create_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, wanted)
    engine.dispose()
    assert differences == []


def test_opening_twice_at_once_migrates_once(store_url) -> None:
    url = store_url
    failures: list[BaseException] = []

    def open_store() -> None:
        try:
            Database(url).dispose()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert set(inspect(create_engine(url)).get_table_names()) >= {"upload", "alembic_version"}


def test_a_connection_waits_while_another_switches_a_new_file_to_wal(monkeypatch) -> None:
    # Two connections switching a new file to WAL together each hold a shared lock and want
    # an exclusive one; SQLite refuses one at once, without the busy timeout (seen once in
    # test_opening_twice_at_once_migrates_once under load). The refused one tries again.
    import sqlite3

    from app.store import database

    monkeypatch.setattr(database, "WAL_SWITCH_PAUSE_SECONDS", 0)
    asked: list[str] = []

    class Cursor:
        def execute(self, statement: str) -> None:
            asked.append(statement)
            if statement == "PRAGMA journal_mode=WAL" and asked.count(statement) < 3:
                raise sqlite3.OperationalError("database is locked")

        def close(self) -> None:
            pass

    class Connection:
        def cursor(self) -> Cursor:
            return Cursor()

    database._configure_sqlite(Connection(), None)
    assert asked.count("PRAGMA journal_mode=WAL") == 3
    assert "PRAGMA synchronous=FULL" in asked

    class Broken(Cursor):
        def execute(self, statement: str) -> None:
            raise sqlite3.OperationalError("disk I/O error")

    class BrokenConnection:
        def cursor(self) -> Broken:
            return Broken()

    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        database._configure_sqlite(BrokenConnection(), None)


def test_the_sqlite_file_is_readable_by_its_owner_only(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'private.sqlite3'}"
    database = Database(url)
    with database.transaction() as session:
        create_user(session, "an", "mat-khau-dai", "Ban Dân vận")
    modes = {name: stat.S_IMODE((tmp_path / name).stat().st_mode) for name in os.listdir(tmp_path)}
    database.dispose()
    assert "private.sqlite3" in modes and "private.sqlite3-wal" in modes
    assert set(modes.values()) == {0o600}, modes


def test_a_database_file_left_readable_by_others_is_closed_on_opening(tmp_path) -> None:
    path = tmp_path / "old.sqlite3"
    make_legacy_database(f"sqlite:///{path}")
    path.chmod(0o644)
    Database(f"sqlite:///{path}").dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


_TAKE_WRITE_LOCK_AT_ONCE = (
    "import sqlite3, sys; "
    "sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None).execute('BEGIN IMMEDIATE')"
)


def test_the_migration_lock_keeps_the_locks_this_process_holds_on_the_database(tmp_path) -> None:
    # Closing any descriptor of a file drops every POSIX lock the process holds on it: the
    # migration lock must not open the database file, or a connection of this process that
    # holds a write lock loses it while another process goes on writing.
    import sqlite3
    import subprocess
    import sys

    from app.store.migrate import _migration_lock

    path = tmp_path / "held.sqlite3"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("CREATE TABLE t (x)")
    writer.execute("BEGIN IMMEDIATE")  # a RESERVED lock: a POSIX lock on the file
    try:
        with _migration_lock(create_engine(f"sqlite:///{path}")):
            pass
        other = subprocess.run(
            [sys.executable, "-c", _TAKE_WRITE_LOCK_AT_ONCE, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert other.returncode != 0 and "locked" in other.stderr, other.stderr


def test_the_packed_audit_json_goes_back_to_text_and_forth_again(store_url) -> None:
    # Revision 0006 converts each cached audit.json; its downgrade converts them back.
    from alembic import command

    from app.store.migrate import _config

    make_legacy_database(store_url)
    AuditCache(store_url).close()
    engine = create_engine(store_url)
    try:
        for target in ("0005", "head"):
            with engine.begin() as connection:
                config = _config()
                config.attributes["connection"] = connection
                (command.downgrade if target == "0005" else command.upgrade)(config, target)
            with engine.connect() as connection:
                stored = connection.execute(text("SELECT audit_json FROM audit_outputs")).scalar()
            expected = AUDIT_JSON if target == "0005" else zlib.compress(AUDIT_JSON.encode(), 1)
            assert stored == expected
    finally:
        engine.dispose()
