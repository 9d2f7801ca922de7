"""The engine and transactions: SQLite in WAL mode by default, any SQLAlchemy URL if configured."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.settings import DATABASE_FILE_NAME, database_url
from app.store.migrate import prepare_sqlite_file, upgrade

__all__ = ["DATABASE_FILE_NAME", "Database", "database_url"]

# A writer waits this long for another writer before SQLite reports "database is locked";
# 50 reviewers uploading at once must queue, not fail.
SQLITE_BUSY_TIMEOUT_SECONDS = 60
# How often, and how far apart, a new file's switch to WAL is tried again (see below).
WAL_SWITCH_TRIES = 50
WAL_SWITCH_PAUSE_SECONDS = 0.1


class Database:
    """One engine and its session factory; the schema is migrated to the newest on opening."""

    def __init__(self, url: str) -> None:
        self.url = url
        prepare_sqlite_file(url)
        self.engine = _make_engine(url)
        upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together on success and rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only."""
        with self._sessions() as session:
            yield session

    def dispose(self) -> None:
        """Close every pooled connection (tests, shutdown)."""
        self.engine.dispose()


def _make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
    )
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(connection: Any, _record: Any) -> None:
    # WAL lets readers go on while one writer commits; synchronous=FULL makes every
    # acknowledged commit survive a killed process (and a power cut), at some cost in speed.
    cursor = connection.cursor()
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """Ask for WAL, trying again while another connection is switching the same new file.

    Two connections switching a new file at the same moment each hold a shared lock and
    want an exclusive one; SQLite answers one of them "database is locked" at once, without
    the busy timeout (waiting could never end). Seen once when four threads opened a new
    store together under load. Once the file is in WAL mode, asking again takes no lock.
    (The switch is not made beforehand on a file descriptor of our own: closing any
    descriptor of the file drops every POSIX lock this process's SQLite holds on it.)
    """
    for attempt in range(WAL_SWITCH_TRIES):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == WAL_SWITCH_TRIES - 1:
                raise
            time.sleep(WAL_SWITCH_PAUSE_SECONDS)
