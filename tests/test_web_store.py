"""The web history store: accounts, passwords, offices, history filters, previous versions."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
from sqlalchemy import text

from app.store import CheckRun, Database, Upload, hash_password, verify_password
from app.store.repository import (
    authenticate,
    create_user,
    history,
    issuers,
    previous_version,
    upload_for,
)


@pytest.fixture
def database(store_url):
    database = Database(store_url)
    yield database
    database.dispose()


def test_sqlite_runs_in_wal_mode_with_full_sync(database):
    if database.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with database.reading() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2


def test_passwords_are_salted_scrypt_hashes():
    first, second = hash_password("mat-khau-1"), hash_password("mat-khau-1")
    assert first != second and first.startswith("scrypt$")
    assert "mat-khau-1" not in first
    assert verify_password("mat-khau-1", first)
    assert not verify_password("mat-khau-2", first)
    assert not verify_password("mat-khau-1", "md5$abc")
    assert not verify_password("mat-khau-1", "scrypt$x$8$1$AAAA$AAAA")


def test_accounts(database):
    with database.transaction() as session:
        create_user(session, "an", "mat-khau-dai", "Ban Dân vận")
        with pytest.raises(ValueError, match="đã tồn tại"):
            create_user(session, "an", "mat-khau-dai", "Ban Dân vận")
        with pytest.raises(ValueError, match="ít nhất"):
            create_user(session, "binh", "ngan", "Ban Dân vận")
        with pytest.raises(ValueError, match="vai trò"):
            create_user(session, "binh", "mat-khau-dai", "Ban Dân vận", role="root")
    with database.reading() as session:
        user = authenticate(session, "an", "mat-khau-dai")
        assert user is not None and user.office.name == "Ban Dân vận"
        assert authenticate(session, "an", "sai") is None
        assert authenticate(session, "khong-co", "mat-khau-dai") is None


def add_upload(session, user, name, issuer=None, number=None, status=None, minutes=0):
    upload = Upload(
        storage_name=f"{secrets.token_hex(16)}.txt",
        original_name=name,
        extension=".txt",
        sha256="0" * 64,
        size=1,
        office_id=user.office_id,
        uploader_id=user.id,
        issuer=issuer,
        number=number,
        created=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes),
        error_reason="empty" if status == "error" else None,
    )
    session.add(upload)
    session.flush()
    if status in ("ok", "failed"):
        session.add(
            CheckRun(
                upload_id=upload.id,
                parent_kind="none",
                plan_json={},
                result_json={},
                status=status,
                errors=int(status == "failed"),
            )
        )
        session.flush()
    return upload


@pytest.fixture
def offices(database):
    with database.transaction() as session:
        an = create_user(session, "an", "mat-khau-dai", "Ban Dân vận Thị ủy")
        binh = create_user(session, "binh", "mat-khau-dai", "Đảng ủy phường")
        chi = create_user(session, "chi", "mat-khau-dai", "UBKT Tỉnh ủy", role="auditor")
        add_upload(session, an, "a1.txt", "ĐẢNG ỦY PHƯỜNG NGHĨA LỘ", "48-KH/ĐU", "failed", 1)
        add_upload(session, an, "a2.txt", "BAN CHỈ ĐẠO DÂN VẬN 100%", "12-KH/BCĐ", "ok", 2)
        add_upload(session, an, "a3.pdf", None, None, "error", 3)
        add_upload(session, binh, "b1.txt", "ĐẢNG ỦY PHƯỜNG NGHĨA LỘ", "48-KH/ĐU", "ok", 4)
    return an, binh, chi


def names(rows):
    return [row.upload.original_name for row in rows]


def test_history_by_office_newest_first_with_filters(database, offices):
    an, binh, chi = offices
    with database.reading() as session:
        assert names(history(session, an)) == ["a3.pdf", "a2.txt", "a1.txt"]
        assert names(history(session, binh)) == ["b1.txt"]
        assert names(history(session, chi)) == ["b1.txt", "a3.pdf", "a2.txt", "a1.txt"]
        assert names(history(session, an, issuer="nghĩa lộ")) == ["a1.txt"]
        assert names(history(session, an, issuer="100%")) == ["a2.txt"]
        assert names(history(session, an, issuer="_")) == []
        assert names(history(session, an, status="failed")) == ["a1.txt"]
        assert names(history(session, an, status="ok")) == ["a2.txt"]
        assert names(history(session, an, status="error")) == ["a3.pdf"]
        assert issuers(session, binh) == ["ĐẢNG ỦY PHƯỜNG NGHĨA LỘ"]


def test_upload_for_hides_other_offices(database, offices):
    an, binh, chi = offices
    with database.reading() as session:
        own = history(session, binh)[0].upload
        assert upload_for(session, binh, own.id) is not None
        assert upload_for(session, an, own.id) is None
        assert upload_for(session, chi, own.id) is not None


def test_previous_version_is_same_plan_in_same_office(database, offices):
    an, binh, _ = offices
    with database.transaction() as session:
        renamed = add_upload(session, an, "ban-sua.txt", "ĐẢNG ỦY PHƯỜNG NGHĨA LỘ", "48-KH/ĐU")
        earlier = previous_version(session, renamed)
        assert earlier is not None and earlier.original_name == "a1.txt"
        same_name = add_upload(session, an, "a2.txt", None, None)
        assert previous_version(session, same_name).original_name == "a2.txt"
        unreadable_again = add_upload(session, an, "a3.pdf", None, None)
        assert previous_version(session, unreadable_again) is None  # never checked
        other = add_upload(session, binh, "khac.txt", "ĐẢNG ỦY KHÁC", "48-KH/ĐU")
        assert previous_version(session, other) is None


def test_database_url_from_environment_or_data_dir(tmp_path, monkeypatch):
    from app.store import database_url

    monkeypatch.delenv("PLANCHECK_DATABASE_URL", raising=False)
    assert database_url(tmp_path) == f"sqlite:///{(tmp_path / 'plancheck.sqlite3').resolve()}"
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", "postgresql+psycopg://plancheck@db/plancheck")
    assert database_url(tmp_path) == "postgresql+psycopg://plancheck@db/plancheck"


def test_a_failed_transaction_leaves_nothing(database):
    with pytest.raises(RuntimeError), database.transaction() as session:
        create_user(session, "an", "mat-khau-dai", "Ban Dân vận")
        raise RuntimeError("interrupted")
    with database.reading() as session:
        assert authenticate(session, "an", "mat-khau-dai") is None
