"""Where the database is, read straight from the environment when that is unambiguous.

``app.settings`` (pydantic-settings) is the one definition of the ``PLANCHECK_*``
variables. Importing it costs a cold ``plancheck check`` about a tenth of its CPU
(pydantic-settings brings asyncio, ssl and dotenv; issue 18), only to learn one URL. The
check asks :func:`quick_database_url` first: the same answer from ``os.environ`` alone, or
None whenever pydantic-settings could read the variables otherwise (a name written in
another case, an empty data folder), and then the check asks ``app.settings``.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_FILE_NAME = "plancheck.sqlite3"
_PREFIX = "PLANCHECK_"
_FIELDS = ("DATA_DIR", "DATABASE_URL")


def default_folder() -> Path:
    """``$XDG_DATA_HOME/plancheck``, else ``~/.local/share/plancheck`` (not created here)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "plancheck"


def quick_database_url(data_dir: Path | None = None) -> str | None:
    """What ``app.settings.database_url(data_dir)`` gives, or None when only it can say.

    pydantic-settings matches the names in any case and the last of several wins; it
    reads an empty ``PLANCHECK_DATA_DIR`` as the current folder. Those cases are left to
    it. Like it, the default folder is created, so SQLite can make the file.
    """
    values: dict[str, str] = {}
    for name, value in os.environ.items():
        field = name.upper().removeprefix(_PREFIX) if name.upper().startswith(_PREFIX) else ""
        if field in _FIELDS:
            if name != _PREFIX + field:
                return None  # written in another case: pydantic-settings' own reading
            values[field] = value
    url = values.get("DATABASE_URL", "")
    if url.strip():
        return url.strip()
    if data_dir is None:
        configured = values.get("DATA_DIR")
        if configured == "":
            return None
        data_dir = Path(configured) if configured is not None else default_folder()
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(data_dir / DATABASE_FILE_NAME).resolve()}"
