"""Every setting plancheck reads from the environment, in one object (pydantic-settings).

The variables keep the names they always had (``PLANCHECK_*``). One data folder and
one database serve the command line, the audit and the web page: the folder is
``$PLANCHECK_DATA_DIR``, else ``$XDG_DATA_HOME/plancheck``, else
``~/.local/share/plancheck``; the database is ``$PLANCHECK_DATABASE_URL``, else the
SQLite file ``plancheck.sqlite3`` in that folder (the web's history and the cache of
parsed plans and reports side by side, so a plan one front end parsed the others reuse).

The reader limits (``PLANCHECK_MAX_*``) and ``PLANCHECK_CORPUS`` are read by
``extract`` itself (``extract.limits``, ``extract.resources``): extract imports nothing
of ours and stays usable alone. The command line's ``PLANCHECK_LANG`` is read by
``app.cli_language`` without this module, so that ``plancheck --help`` does not pay for
importing pydantic-settings.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.data_location import DATABASE_FILE_NAME, default_folder

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class DataSettings(BaseSettings):
    """Where data lives: what the command line, the audit and the web page all read."""

    model_config = SettingsConfigDict(env_prefix="PLANCHECK_", extra="ignore", frozen=True)

    data_dir: Path | None = Field(
        default=None, description="Data folder; None: $XDG_DATA_HOME/plancheck or ~/.local/share."
    )
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; None: plancheck.sqlite3 in the data folder."
    )

    def folder(self) -> Path:
        """The data folder (not created here)."""
        if self.data_dir is not None:
            return self.data_dir
        return default_folder()

    def database(self, data_dir: Path | None = None) -> str:
        """The database URL: the configured one, else the SQLite file in ``data_dir``."""
        if self.database_url and self.database_url.strip():
            return self.database_url.strip()
        folder = data_dir if data_dir is not None else self.folder()
        return f"sqlite:///{(folder / DATABASE_FILE_NAME).resolve()}"


class EnvironmentSettings(DataSettings):
    """Every ``PLANCHECK_*`` variable of the web page, validated; unset ones take defaults.

    A check or an audit reads ``DataSettings`` only, so that a mistyped web setting
    never stops them.
    """

    secret_key: SecretStr | None = Field(
        default=None, description="Signs web sessions; None: a key kept in the data folder."
    )
    max_upload_bytes: int = Field(default=DEFAULT_MAX_UPLOAD_BYTES, gt=0)
    secure_cookies: bool = Field(default=False, description="Cookies marked Secure (TLS).")
    check_workers: int = Field(default=2, ge=0, description="Web check worker processes.")
    check_queue: int = Field(default=8, ge=0, description="Web checks that may wait.")
    check_seconds: float = Field(default=60.0, gt=0, description="Time one web check may take.")
    check_memory_mb: int = Field(default=1024, gt=0, description="Memory of one check worker.")
    check_wait_seconds: float = Field(default=120.0, ge=0)
    check_recycle_checks: int = Field(default=200, gt=0, description="Checks per worker.")


def invalid_setting(error: ValidationError) -> str:
    """Which variables hold a value of the wrong kind, for a one-line message."""
    names = [
        f"PLANCHECK_{str(problem['loc'][0]).upper()}: {problem['msg']}"
        for problem in error.errors()
        if problem.get("loc")
    ]
    return "; ".join(names) or str(error)


def database_url(data_dir: Path | None = None) -> str:
    """``PLANCHECK_DATABASE_URL``, else ``plancheck.sqlite3`` in ``data_dir`` or the data folder.

    The folder is created when the default is used, so SQLite can make the file.
    """
    settings = DataSettings()
    if not (settings.database_url and settings.database_url.strip()):
        (data_dir if data_dir is not None else settings.folder()).mkdir(
            parents=True, exist_ok=True
        )
    return settings.database(data_dir)


# Before 2026-12-07 the web page kept its history in ./data (relative to where `serve`
# ran). A reviewer upgrading and starting `serve` in the same folder would otherwise
# meet an empty site: their accounts, uploads and waivers are still on disk, just not
# where the new default looks. So that folder is kept, and `serve` says so.
LEGACY_WEB_FOLDER = Path("data")


def legacy_web_folder(data_dir: Path | None, working_dir: Path | None = None) -> Path | None:
    """The old ``./data`` folder when it holds a web database and nothing chose another.

    None when ``--data-dir``, ``PLANCHECK_DATA_DIR`` or ``PLANCHECK_DATABASE_URL`` is
    set, or when the new default folder already has its own database.
    """
    settings = DataSettings()
    if data_dir is not None or settings.data_dir is not None:
        return None
    if settings.database_url and settings.database_url.strip():
        return None
    folder = (working_dir or Path.cwd()) / LEGACY_WEB_FOLDER
    if not (folder / DATABASE_FILE_NAME).is_file():
        return None
    if (settings.folder() / DATABASE_FILE_NAME).exists():
        return None
    return folder
