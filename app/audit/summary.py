"""The batch-wide files of an audit: index.html, audit.json and audit.xlsx.

They are restored from the cache when the batch's reports and failures are the
ones they were written from; else built from each plan's summary (its report
without the plan's text), read one at a time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.audit.engine import Failure, unpack
from app.audit.output import read_audit_files, restore_audit_files, write_audit_files

if TYPE_CHECKING:
    from app.audit.batch import AuditRun, Batch, Written
    from reports import AuditReport


def write_batch_files(out: Path, batch: Batch) -> AuditRun:
    """Write index.html, audit.json and audit.xlsx (from the cache when the batch is unchanged)."""
    run_info = batch.run_info
    key = batch.outputs_key(sorted(batch.written), batch.root)
    stored = batch.cache.audit_files(key)
    if stored is not None:
        run_info.index = restore_audit_files(out, stored)
        return run_info
    links = {path: written.link for path, written in batch.written.items()}
    audit = _build_audit(batch.written, run_info.failures)
    run_info.index, problems = write_audit_files(out, audit, links)
    # Let go of every finding and matrix cell before the files are read back for the
    # cache: a 3,000-plan audit held both at once (issue 18, peak memory).
    del audit
    run_info.failures.update(problems)
    if not problems:  # a batch with a lost file is written again next time, not restored
        batch.cache.store_audit_files(key, read_audit_files(out))
    return run_info


def _build_audit(written: dict[str, Written], failures: dict[str, Failure]) -> AuditReport:
    from reports import AuditFailure, Report, build_audit

    # One report model at a time: a thousand of them at once would take gigabytes.
    reports = (
        Report.model_validate_json(unpack(written[path].summary_packed)) for path in sorted(written)
    )
    failed = [
        AuditFailure(path=path, reason=failure.reason, message=failure.message_vi)
        for path, failure in sorted(failures.items())
    ]
    return build_audit(reports, failed)
