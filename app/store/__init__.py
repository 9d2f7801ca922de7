"""store: the web page's history in a relational database (SQLite by default).

Offices, users, uploads, check runs and waivers, through SQLAlchemy 2 so that
``PLANCHECK_DATABASE_URL`` can point at PostgreSQL instead of the embedded file.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.store.database import Database, database_url
    from app.store.models import Base, CheckRun, Office, Upload, User, Waiver
    from app.store.passwords import hash_password, verify_password

__all__ = [
    "Base",
    "CheckRun",
    "Database",
    "Office",
    "Upload",
    "User",
    "Waiver",
    "database_url",
    "hash_password",
    "verify_password",
]

# Loaded on first use: a check opens only the cache (app.store.migrate), and importing
# the ORM models here would cost every cold check sqlalchemy.orm (issue 18).
_HOMES = {
    "Database": "app.store.database",
    "database_url": "app.store.database",
    "hash_password": "app.store.passwords",
    "verify_password": "app.store.passwords",
    **dict.fromkeys(("Base", "CheckRun", "Office", "Upload", "User", "Waiver"), "app.store.models"),
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'app.store' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
