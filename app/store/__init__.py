"""store: the web page's history in a relational database (SQLite by default).

Offices, users, uploads, check runs and waivers, through SQLAlchemy 2 so that
``PLANCHECK_DATABASE_URL`` can point at PostgreSQL instead of the embedded file.
"""

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
