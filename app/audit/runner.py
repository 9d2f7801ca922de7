"""Audit a folder of plans: discover, read, work out the hierarchy, check, write.

Every step that costs time goes through the cache (app/audit/cache.py), so an
unchanged re-audit reads each file only to hash it, and a changed plan (or a
plan whose parent changed) is the only one checked again.
"""

from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path

from app.audit.batch import AuditRun, Batch, Pools, Progress
from app.audit.cache import AuditCache
from app.audit.summary import write_batch_files

__all__ = ["AuditRun", "Progress", "run_audit"]


class _Silent:
    def stage(self, label: str, total: int) -> None:
        pass

    def advance(self, path: str) -> None:
        pass


def run_audit(
    folder: Path,
    out: Path,
    *,
    jobs: int | None = None,
    config_path: Path | None = None,
    executor: Executor | None = None,
    cache: AuditCache | None = None,
    progress: Progress | None = None,
) -> AuditRun:
    """Audit every plan under ``folder`` and write the reports to ``out``.

    Args:
        folder: The folder to audit (or a single plan).
        out: The output folder (created if needed).
        jobs: Worker processes for the default executor; None: every core.
        config_path: A ``plancheck.toml`` for the rules, or None for the defaults.
        executor: Any ``concurrent.futures.Executor`` (e.g. Dask's); default a
            local process pool of ``jobs`` workers.
        cache: The cache store; default the one at ``PLANCHECK_DATABASE_URL``.
        progress: Told about each stage and file.

    Returns:
        What was checked, reused and failed, and where the index is.
    """
    store = cache or AuditCache()
    try:
        pools = Pools(executor, jobs)
        batch = Batch(folder, out, store, pools, progress or _Silent(), config_path)
        batch.run()
        return write_batch_files(out, batch)
    finally:
        if cache is None:
            store.close()
