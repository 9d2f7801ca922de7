"""The batch-wide files of an audit: index.html, audit.json and audit.xlsx.

They are restored from the cache when the batch's reports and failures are the
ones they were written from; else built from each plan's summary (its report
without the plan's text), read one at a time: once for the audit's plans, matrix
and counts, which are held, and again by each file that lists the findings, which
are written as they are read and never held all at once (issue 18: at 3,000 plans
they are some 45,000 rows, and the audit's peak memory grew with the batch).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from app.audit.engine import Failure, unpack
from app.audit.output import read_audit_files, restore_audit_files, write_audit_files

# From how many plans the workbook is written in a process of its own (``_workbook_aside``).
_ASIDE_FROM = 50

if TYPE_CHECKING:
    from app.audit.batch import AuditRun, Batch, Written
    from reports import AuditReport, Report
    from reports.model import AuditFindingRow


def write_batch_files(out: Path, batch: Batch) -> AuditRun:
    """Write index.html, audit.json and audit.xlsx (from the cache when the batch is unchanged)."""
    run_info = batch.run_info
    key = batch.outputs_key(sorted(batch.written), batch.root)
    stored = batch.cache.audit_files(key)
    if stored is not None:
        try:
            run_info.index = restore_audit_files(out, stored)
            return run_info
        except zlib.error:
            pass  # a damaged cache row: the files are written anew, and stored again
    del stored
    links = {path: written.link for path, written in batch.written.items()}
    audit = _build_summary(batch.written, run_info.failures)
    aside = None
    if _workbook_aside(batch):
        aside = [batch.written[path].summary_packed for path in sorted(batch.written)]
    run_info.index, problems = write_audit_files(
        out, audit, links, lambda: _findings(batch.written), aside
    )
    # Let go of every matrix cell before the files are read back for the cache.
    del audit
    run_info.failures.update(problems)
    if not problems:  # a batch with a lost file is written again next time, not restored
        batch.cache.store_audit_files(key, read_audit_files(out))
    return run_info


def _workbook_aside(batch: Batch) -> bool:
    """Whether the workbook is written in a process of its own, beside audit.json.

    Only with a local pool of more than one worker (the user gave no ``--jobs 1`` and
    no executor of their own) and a batch large enough for the few milliseconds a
    forked process costs to matter less than the workbook's time (4 ms a plan).
    """
    import os

    pools = batch.pools
    workers = pools.jobs if pools.jobs is not None else len(os.sched_getaffinity(0))
    return pools.executor is None and workers > 1 and len(batch.written) >= _ASIDE_FROM


def _build_summary(written: dict[str, Written], failures: dict[str, Failure]) -> AuditReport:
    from reports import AuditFailure
    from reports.audit import build_audit_summary

    failed = [
        AuditFailure(path=path, reason=failure.reason, message=failure.message_vi)
        for path, failure in sorted(failures.items())
    ]
    return build_audit_summary(_summaries(written), failed)


def _findings(written: dict[str, Written]) -> Iterator[AuditFindingRow]:
    from reports.audit import audit_findings

    return audit_findings(_summaries(written))


def _summaries(written: dict[str, Written]) -> Iterator[Report]:
    """Each plan's summary report, in the order of their paths, one model at a time."""
    from reports import Report

    for path in sorted(written):
        yield Report.model_validate_json(unpack(written[path].summary_packed))
