"""Settings of the web page, from arguments or the environment (``app.settings``)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import SecretStr

from app.settings import DEFAULT_MAX_UPLOAD_BYTES, EnvironmentSettings
from app.web.worker import PoolLimits
from extract.resources import corpus_dir

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
        """Settings from the ``PLANCHECK_*`` variables (``app.settings``).

        The data folder is ``data_dir``, else $PLANCHECK_DATA_DIR, else
        $XDG_DATA_HOME/plancheck (~/.local/share/plancheck); the database is
        PLANCHECK_DATABASE_URL, else plancheck.sqlite3 there.

        Raises:
            pydantic.ValidationError: When a variable holds a value of the wrong kind.
        """
        environment = EnvironmentSettings()
        data_dir = data_dir or environment.folder()
        data_dir.mkdir(parents=True, exist_ok=True)
        return cls(
            data_dir=data_dir,
            database_url=environment.database(data_dir),
            secret_key=_secret_key(data_dir, environment.secret_key),
            max_upload_bytes=environment.max_upload_bytes,
            secure_cookies=environment.secure_cookies,
            check_limits=PoolLimits(
                workers=environment.check_workers,
                queue=environment.check_queue,
                seconds=environment.check_seconds,
                memory_mb=environment.check_memory_mb,
                wait_seconds=environment.check_wait_seconds,
                recycle_checks=environment.check_recycle_checks,
            ),
        )


def _secret_key(data_dir: Path, configured: SecretStr | None) -> bytes:
    if configured is not None and configured.get_secret_value():
        return configured.get_secret_value().encode("utf-8")
    # Kept in the data directory so that sessions survive a restart; readable by owner only.
    path = data_dir / SECRET_FILE_NAME
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode("ascii")
