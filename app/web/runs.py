"""How a check of an upload is stored: the upload's lineage, the office's waivers, the run.

The office's waivers are applied here, when the run is stored: which of them hold
depends on the plan the upload is a version of, known only once its check has read
the header (``rules.waivers`` marks them, as it does for ``plancheck.toml``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session

from app.store import CheckRun, Upload
from app.store.repository import lineage_of, waivers_for
from app.web.pipeline import CORPUS, NONE, UPLOAD, CheckOutcome, with_waivers
from extract.errors import REASONS, PlanInputError


def add_with_lineage(session: Session, upload: Upload) -> None:
    """Add ``upload`` and settle which plan (lineage) it is a version of."""
    session.add(upload)
    session.flush()
    upload.lineage_id = lineage_of(session, upload)
    session.flush()


def office_waived(session: Session, upload: Upload, outcome: CheckOutcome) -> CheckOutcome:
    """The outcome with the waivers that hold for this upload's plan marked."""
    reasons = {key: waiver.reason for key, waiver in waivers_for(session, upload).items()}
    return replace(outcome, result=with_waivers(outcome.result, reasons))


def new_run(
    session: Session, upload: Upload, outcome: CheckOutcome, previous: CheckRun | None
) -> CheckRun:
    """Store a check of ``upload`` as its newest run (after ``previous``, if any)."""
    counts = outcome.result.counts()
    option = outcome.parent_option
    plan_json, parent_plan_json = outcome.stored_plans()
    run = CheckRun(
        upload_id=upload.id,
        parent_kind=option.kind if option is not None else NONE,
        parent_ref=option.ref if option is not None else None,
        parent_label=option.label if option is not None else None,
        parent_detected=outcome.detected,
        previous_run_id=previous.id if previous is not None else None,
        plan_json=plan_json,
        parent_plan_json=parent_plan_json,
        result_json=outcome.result.model_dump(mode="json"),
        status="failed" if counts["error"] > 0 else "ok",
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
        waived=sum(1 for finding in outcome.result.findings if finding.waived),
    )
    session.add(run)
    session.flush()
    return run


def choice_of(run: CheckRun) -> str:
    """The parent option key that reproduces this run's parent choice."""
    if run.parent_kind in (CORPUS, UPLOAD) and run.parent_ref:
        return f"{run.parent_kind}:{run.parent_ref}"
    return NONE


def reader_message(error: PlanInputError, path: Path, upload: Upload) -> str:
    """The reader's Vietnamese reason, naming the file as uploaded, never the server path."""
    cause = REASONS[error.reason][0]
    detail = error.detail.replace(str(path), upload.original_name) if error.detail else ""
    sentence = f"{upload.original_name}: {cause}" + (f" ({detail})" if detail else "")
    return sentence.replace(str(path.parent), "")
