"""Bring a database to the current schema with Alembic, on every start.

The web history (app/store/models.py) and the audit cache (app/audit/cache.py)
share one migration history in ``app/store/migrations``, because with
``PLANCHECK_DATABASE_URL`` set they live in the same database. Each process that
opens the store calls ``upgrade``: a database at the head costs one query; an
older one (including one made before Alembic, which has no ``alembic_version``)
is upgraded under a lock, so two processes starting at once migrate it once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from app.store.plan_cache import close_permissions
from app.store.schema_template import migration_lock

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any fixed number: PostgreSQL's advisory lock that serialises migrations of one database.
_PG_MIGRATION_LOCK = 720_151_013


class MigrationError(SQLAlchemyError):
    """The database could not be brought to the current schema.

    A SQLAlchemyError, so that every front end's "cannot open the database" message covers it.
    """


def upgrade(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to the newest revision.

    Raises:
        MigrationError: When Alembic fails (the message names the revision it reached).
    """
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    with _migration_lock(engine), engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            # Batch mode copies a table and drops the original; with foreign keys on,
            # SQLite would refuse to drop a table that other rows refer to. Outside any
            # transaction, as SQLite requires; set back before the connection is pooled.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    connection.execute(text(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})"))
                config = _config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except SQLAlchemyError:
            raise
        except Exception as error:  # Alembic's own: e.g. a revision newer than this code
            raise MigrationError(
                f"không nâng cấp được cơ sở dữ liệu / cannot upgrade the database: {error}"
            ) from error
        finally:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty or pre-Alembic database."""
    with engine.connect() as connection:
        return _current(connection)


@cache
def head_revision() -> str | None:
    """The newest revision shipped with this code."""
    # Read from the folder directly: alembic.config (argparse, alembic.command) is only
    # needed when there is something to upgrade, not on every check's cache opening.
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def prepare_sqlite_file(url: str) -> None:
    """Create the SQLite file of ``url`` readable by its owner only, before SQLite does.

    It holds password hashes and every office's plans; SQLite gives its WAL and
    shared-memory files the permissions of the database file.
    """
    path = sqlite_path(url)
    if path is None or not path.parent.is_dir():
        return  # SQLite reports the missing folder itself, as a database error
    if path.exists():
        close_permissions(path)
        return
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _config() -> Config:
    from alembic.config import Config  # only to upgrade: see head_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    # SQLite has no advisory lock: an flock on a lock file beside the database, the one a
    # new file made from the schema template is made under too (app.store.schema_template).
    path = sqlite_path(str(engine.url))
    if path is None:
        yield
        return
    prepare_sqlite_file(str(engine.url))
    with migration_lock(path):
        yield
