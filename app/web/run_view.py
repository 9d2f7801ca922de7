"""Everything the result page shows about one check, gathered once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.store import CheckRun, Upload
from app.store.repository import Viewer, run_for, run_visible, waivers_for
from app.web.changes import Changes, compare
from app.web.pipeline import NONE, ParentOption
from app.web.runs import choice_of
from app.web.services import Services
from app.web.uploads import stored_path
from extract.model import Plan
from reports import Report, build_report
from rules.findings import SEVERITY_LABELS_VI, CheckResult, Finding, finding_order


@dataclass(frozen=True)
class WaiverNote:
    reason: str
    by: str
    at: dt.datetime
    office_wide: bool


@dataclass(frozen=True)
class RunView:
    """The result page's data: the upload, this check, its findings and what changed."""

    upload: Upload
    run: CheckRun
    result: CheckResult
    report: Report
    findings: list[Finding]
    waivers: dict[str, WaiverNote]
    changes: Changes | None
    previous_upload: Upload | None
    runs: list[CheckRun]
    parent_options: list[ParentOption]
    parent_choice: str
    severity_labels: dict[str, str]

    @property
    def scans(self) -> dict[str, str]:
        """The scanned line (PNG data URI) of each finding on a scanned plan, by fingerprint."""
        return {
            finding.fingerprint: finding.child_scan
            for finding in self.report.findings
            if finding.child_scan is not None
        }


def run_view(services: Services, user: Viewer, run_id: int) -> RunView | None:
    """The view of a run this user may see, else None."""
    with services.db.reading() as session:
        run = run_for(session, user, run_id)
        if run is None:
            return None
        upload = run.upload
        result = CheckResult.model_validate(run.result_json)
        child = Plan.model_validate(run.plan_json)
        parent = Plan.model_validate(run.parent_plan_json) if run.parent_plan_json else None
        previous = session.get(CheckRun, run.previous_run_id) if run.previous_run_id else None
        if previous is not None and not run_visible(session, user, previous):
            previous = None
        waivers = {
            fingerprint: WaiverNote(
                waiver.reason, waiver.user.full_name, waiver.created, waiver.office_wide
            )
            for fingerprint, waiver in waivers_for(session, upload).items()
        }
        previous_upload = previous.upload if previous is not None else None
        runs = [other for other in upload.runs if run_visible(session, user, other)]
        changes = (
            compare(CheckResult.model_validate(previous.result_json), result)
            if previous is not None
            else None
        )
    return RunView(
        upload=upload,
        run=run,
        result=result,
        report=build_report(
            result,
            child,
            parent,
            scan_source=stored_path(services.settings.uploads_dir, upload.storage_name),
        ),
        findings=sorted(result.findings, key=finding_order),
        waivers=waivers,
        changes=changes,
        previous_upload=previous_upload if previous_upload is not upload else None,
        runs=runs,
        parent_options=services.parent_options(
            user, exclude_upload=upload.id, office_id=upload.office_id
        ),
        parent_choice=choice_of(run) if run.parent_kind != NONE else NONE,
        severity_labels=SEVERITY_LABELS_VI,
    )
