"""At start-up, remove stored upload files that no database row names.

An upload is written to ``uploads/`` before its check, and its row is committed
after it; a server killed in between (SIGKILL, power cut) leaves a file that no
page shows and no one can delete (issue 22, item 9). The next server start
removes such files, but only while no other server process uses the same data
directory: another server's upload in flight has a file and, for a moment, no
row. Each server holds a shared lock on ``data_dir/server.lock`` for its
lifetime; the clean-up runs only when an exclusive lock can be had first.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
from pathlib import Path
from typing import IO

from sqlalchemy import select

from app.store import Database, Upload

LOGGER = logging.getLogger(__name__)
LOCK_FILE_NAME = "server.lock"
# Only names this program could have made (app.web.uploads.store_file) are touched.
_STORAGE_NAME = re.compile(r"[0-9a-f]{32}\.[a-z]{2,5}")


def claim_data_dir(data_dir: Path, uploads_dir: Path, database: Database) -> IO[bytes]:
    """Remove orphaned upload files if this is the only server, then hold a shared lock.

    Returns:
        The open lock file; keep it open for the server's lifetime.
    """
    handle = (data_dir / LOCK_FILE_NAME).open("ab")
    os.chmod(handle.name, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        LOGGER.info("another server uses %s: orphaned uploads are left to it", data_dir)
    else:
        removed = remove_orphans(uploads_dir, database)
        if removed:
            LOGGER.warning("removed %d upload file(s) with no database row", removed)
    fcntl.flock(handle, fcntl.LOCK_SH)  # from exclusive (or nothing) down to shared
    return handle


def remove_orphans(uploads_dir: Path, database: Database) -> int:
    """Delete files in ``uploads_dir`` that no upload row names; return how many."""
    if not uploads_dir.is_dir():
        return 0
    with database.reading() as session:
        known = set(session.scalars(select(Upload.storage_name)))
    removed = 0
    for path in uploads_dir.iterdir():
        if path.is_file() and _STORAGE_NAME.fullmatch(path.name) and path.name not in known:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
