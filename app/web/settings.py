"""Settings of the web page, from arguments or the environment."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from app.store.database import database_url
from app.web.worker import PoolLimits
from extract.resources import corpus_dir

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
SECRET_FILE_NAME = "secret.key"


@dataclass(frozen=True)
class Settings:
    """Where data lives and the limits the page enforces.

    Attributes:
        data_dir: Holds the SQLite file, the uploads folder and the signing key.
        database_url: SQLAlchemy URL; a SQLite file in ``data_dir`` unless configured.
        secret_key: Signs session cookies and CSRF tokens.
        max_upload_bytes: Larger uploads are refused before they are stored.
        parent_plans_dir: Plans offered as parents (the bundled corpus by default).
        secure_cookies: Mark cookies Secure (set when TLS is in front).
        session_hours: A signed-in session lasts this long.
        check_limits: Worker processes, queue, time and memory of one check.
    """

    data_dir: Path
    database_url: str
    secret_key: bytes = field(repr=False)
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    parent_plans_dir: Path = field(default_factory=lambda: corpus_dir() / "plans")
    secure_cookies: bool = False
    session_hours: int = 12
    check_limits: PoolLimits = field(default_factory=PoolLimits)

    @property
    def uploads_dir(self) -> Path:
        """Uploaded files, each under a generated name."""
        return self.data_dir / "uploads"

    @classmethod
    def from_env(cls, data_dir: Path | None = None) -> Settings:
        """Settings from the environment.

        Reads PLANCHECK_DATA_DIR (default ./data), PLANCHECK_DATABASE_URL,
        PLANCHECK_SECRET_KEY, PLANCHECK_MAX_UPLOAD_BYTES, PLANCHECK_SECURE_COOKIES and
        the check limits PLANCHECK_CHECK_WORKERS, _QUEUE, _SECONDS, _MEMORY_MB, _WAIT_SECONDS.
        """
        data_dir = data_dir or Path(os.environ.get("PLANCHECK_DATA_DIR", "data"))
        data_dir.mkdir(parents=True, exist_ok=True)
        limit = os.environ.get("PLANCHECK_MAX_UPLOAD_BYTES", "")
        return cls(
            data_dir=data_dir,
            database_url=database_url(data_dir),
            secret_key=_secret_key(data_dir),
            max_upload_bytes=int(limit) if limit.isdigit() else DEFAULT_MAX_UPLOAD_BYTES,
            secure_cookies=os.environ.get("PLANCHECK_SECURE_COOKIES", "") == "1",
            check_limits=_check_limits(),
        )


def _check_limits() -> PoolLimits:
    defaults = PoolLimits()
    return PoolLimits(
        workers=_env_number("PLANCHECK_CHECK_WORKERS", defaults.workers),
        queue=_env_number("PLANCHECK_CHECK_QUEUE", defaults.queue),
        seconds=_env_number("PLANCHECK_CHECK_SECONDS", int(defaults.seconds)),
        memory_mb=_env_number("PLANCHECK_CHECK_MEMORY_MB", defaults.memory_mb),
        wait_seconds=_env_number("PLANCHECK_CHECK_WAIT_SECONDS", int(defaults.wait_seconds)),
    )


def _env_number(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() else default


def _secret_key(data_dir: Path) -> bytes:
    configured = os.environ.get("PLANCHECK_SECRET_KEY", "")
    if configured:
        return configured.encode("utf-8")
    # Kept in the data directory so that sessions survive a restart; readable by owner only.
    path = data_dir / SECRET_FILE_NAME
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode("ascii")
