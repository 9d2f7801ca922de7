"""What the page does, apart from HTTP: store an upload, check it, waive a finding.

Each change is one transaction: an upload and its first check are committed
together, so the history never holds an upload whose acknowledged check is lost.
"""

from __future__ import annotations

import hashlib
import logging
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.plan_store import PlanStore
from app.store import Database, Upload, Waiver
from app.store.models import OFFICE_WIDE, plan_scope
from app.store.repository import (
    Viewer,
    previous_version,
    run_for,
    upload_for,
    visible_uploads_query,
)
from app.web.pipeline import (
    UPLOAD,
    CheckOutcome,
    ParentOption,
    corpus_options,
    run_check,
)
from app.web.progress import Listener
from app.web.runs import (
    add_with_lineage,
    choice_of,
    new_run,
    office_waived,
    reader_message,
)
from app.web.settings import Settings
from app.web.uploads import (
    AcceptedFile,
    UploadRejected,
    accept_upload,
    store_file,
    stored_path,
)
from app.web.worker import Busy, CheckFailed, CheckJob, CheckPool
from extract.errors import PlanInputError
from rules.findings import CheckResult
from rules.identity import Identity, same_plan

LOGGER = logging.getLogger(__name__)
INTERNAL_ERROR = "internal"
INTERNAL_ERROR_MESSAGE = (
    "chương trình gặp lỗi khi rà soát tệp này; tệp đã được lưu, lỗi đã được ghi lại "
    "để quản trị viên xem xét"
)

# Earlier uploads offered as parents: the most recent ones the user can see.
MAX_UPLOAD_PARENTS = 50


class NotFound(Exception):
    """The upload or check does not exist or this user may not see it (never says which)."""


@dataclass(frozen=True)
class Ingested:
    upload_id: int
    run_id: int | None
    error: str | None


@dataclass
class Services:
    settings: Settings
    db: Database
    store: PlanStore
    # Worker processes with limits and the queue before them (app.web.worker); None runs
    # the check in this thread with no limits (scripts, and tests of the pipeline alone).
    pool: CheckPool | None = None

    def parent_options(
        self, user: Viewer, exclude_upload: int | None = None, office_id: int | None = None
    ) -> list[ParentOption]:
        """Bundled plans, then earlier uploads of the checked plan's office, read successfully.

        A run's parent must be visible to everyone who can see the run (README, security):
        a run of an office-A upload is seen by A's reviewers, so its parent is a bundled
        plan or an A upload, even when an auditor (who sees every office) runs the check.

        Args:
            user: Who checks.
            exclude_upload: The upload shown: neither it nor any copy or version of it
                (rules.identity.same_plan, or the same lineage) is offered.
            office_id: The office of the upload checked; the user's office by default.
        """
        options = corpus_options(self.settings.parent_plans_dir)
        owner = office_id if office_id is not None else user.office_id
        query = (
            visible_uploads_query(user)
            .where(Upload.office_id == owner, Upload.error_reason.is_(None))
            .order_by(Upload.id.desc())
            .limit(MAX_UPLOAD_PARENTS)
        )
        with self.db.reading() as session:
            excluded = session.get(Upload, exclude_upload) if exclude_upload else None
            itself = _identity(excluded) if excluded is not None else None
            if itself is not None:
                options = [option for option in options if not self._is(option, itself)]
            for upload in session.scalars(query):
                if upload.id == exclude_upload:
                    continue
                if excluded is not None and _same_lineage(upload, excluded):
                    continue  # declared a version of it, or it of this one
                if itself is not None and same_plan(_identity(upload), itself) is not None:
                    continue
                label = " ".join(part for part in (upload.issuer, upload.number) if part)
                options.append(
                    ParentOption(
                        UPLOAD,
                        str(upload.id),
                        f"Đã tải lên #{upload.id}: {label or upload.original_name}",
                        stored_path(self.settings.uploads_dir, upload.storage_name),
                        upload.original_name,
                    )
                )
        return options

    def version_options(self, user: Viewer) -> list[tuple[int, str]]:
        """Earlier uploads of the user's own office a new upload may be declared a version of."""
        query = (
            select(Upload)
            .where(Upload.office_id == user.office_id, Upload.error_reason.is_(None))
            .order_by(Upload.id.desc())
            .limit(MAX_UPLOAD_PARENTS)
        )
        with self.db.reading() as session:
            return [
                (
                    upload.id,
                    f"#{upload.id}: "
                    + (" ".join(p for p in (upload.number, upload.issuer) if p) or "")
                    + f" ({upload.original_name})",
                )
                for upload in session.scalars(query)
            ]

    def _is(self, option: ParentOption, itself: Identity) -> bool:
        """Whether a bundled plan is the upload itself (an unreadable one is not)."""
        try:
            return same_plan(self.store.load(option.path), itself) is not None
        except PlanInputError:
            return False

    def ingest(
        self,
        user: Viewer,
        uploader_id: int,
        client_name: str,
        data: bytes,
        chosen: str | None,
        version_of: int | None = None,
        progress_key: str | None = None,
    ) -> Ingested:
        """Validate, store and check one upload.

        Args:
            user: Who uploads (the upload belongs to their office).
            uploader_id: Their account.
            client_name: The file name as the browser sent it.
            data: The file.
            chosen: The parent option picked, or None to detect it.
            version_of: An earlier upload of the office this one is a new version of.
            progress_key: The form's key under which the scanned pages read are shown.

        Raises:
            UploadRejected: When the file is refused before storage.
        """
        accepted = accept_upload(client_name, data, self.settings.max_upload_bytes)
        if version_of is not None and not self._own_office_upload(user, version_of):
            raise UploadRejected(
                "Không tìm thấy hồ sơ được chọn làm bản trước của kế hoạch này.", 400
            )
        with self._queued():  # Busy now, before the file is stored
            return self._store_and_check(
                user, uploader_id, accepted, chosen, version_of, progress_key
            )

    def _store_and_check(
        self,
        user: Viewer,
        uploader_id: int,
        accepted: AcceptedFile,
        chosen: str | None,
        version_of: int | None,
        progress_key: str | None = None,
    ) -> Ingested:
        storage_name = store_file(self.settings.uploads_dir, accepted.extension, accepted.data)
        path = stored_path(self.settings.uploads_dir, storage_name)
        upload = Upload(
            storage_name=storage_name,
            original_name=accepted.display_name,
            extension=accepted.extension,
            sha256=_sha256(accepted.data),
            size=len(accepted.data),
            office_id=user.office_id,
            uploader_id=uploader_id,
            version_of_id=version_of,
        )
        try:
            with self._tracking(uploader_id, progress_key) as listener:
                outcome = self._check(
                    path, accepted.display_name, user, chosen, user.office_id, listener
                )
        except PlanInputError as error:
            return self._keep_failed(upload, error.reason, reader_message(error, path, upload))
        except Busy:
            path.unlink(missing_ok=True)  # no worker came free in time: nothing is kept
            raise
        except CheckFailed as failed:
            message = f"{upload.original_name}: {failed.message_vi}"
            return self._keep_failed(upload, failed.reason, message)
        except Exception:
            # A defect in our own pipeline must not lose the reviewer's file: keep the
            # upload with the reason, and the traceback in the server log.
            LOGGER.exception("check of upload %s failed", storage_name)
            return self._keep_failed(upload, INTERNAL_ERROR, INTERNAL_ERROR_MESSAGE)
        meta = outcome.child.meta
        # Column widths hold real headers; a runaway parse must not fail the insert on
        # a database that enforces VARCHAR lengths (PostgreSQL).
        upload.issuer = _clip(meta.issuer, 300)
        upload.number = _clip(meta.number, 100)
        upload.title = meta.title
        with self.db.transaction() as session:
            add_with_lineage(session, upload)
            earlier = previous_version(session, upload)
            previous_run = earlier.runs[-1] if earlier is not None else None
            run = new_run(session, upload, office_waived(session, upload, outcome), previous_run)
            return Ingested(upload.id, run.id, None)

    def _own_office_upload(self, user: Viewer, upload_id: int) -> bool:
        with self.db.reading() as session:
            found = upload_for(session, user, upload_id)
            return found is not None and found.office_id == user.office_id

    def _keep_failed(self, upload: Upload, reason: str, message: str) -> Ingested:
        upload.error_reason, upload.error_message = reason, message
        with self.db.transaction() as session:
            add_with_lineage(session, upload)
            return Ingested(upload.id, None, message)

    def recheck(self, user: Viewer, upload_id: int, chosen: str | None) -> int:
        """Check an upload again (another parent, new waivers); return the new run's id."""
        with self.db.reading() as session:
            upload = upload_for(session, user, upload_id)
            if upload is None or upload.error_reason is not None:
                raise NotFound
            storage_name, display_name = upload.storage_name, upload.original_name
            office_id = upload.office_id
        path = stored_path(self.settings.uploads_dir, storage_name)
        with self._queued():
            outcome = self._check(path, display_name, user, chosen, office_id=office_id)
        with self.db.transaction() as session:
            upload = session.get_one(Upload, upload_id)
            previous_run = upload.runs[-1] if upload.runs else None
            waived = office_waived(session, upload, outcome)
            return new_run(session, upload, waived, previous_run).id

    def waive(
        self,
        user: Viewer,
        user_id: int,
        run_id: int,
        fingerprint: str,
        reason: str,
        office_wide: bool = False,
    ) -> int:
        """Record a waiver for a finding of this run, then re-check with it; return the new run.

        The waiver holds for this plan and its later versions; with ``office_wide``, for
        every plan of the office (shown as such, with who set it).

        Raises:
            NotFound: When the run is not visible or has no finding with this fingerprint.
        """
        try:
            upload_id, chosen = self._record_waiver(
                user, user_id, run_id, fingerprint, reason, office_wide
            )
        except IntegrityError:
            # Another reviewer recorded the same waiver at the same moment (the unique
            # constraint held): this time it exists, and is updated.
            upload_id, chosen = self._record_waiver(
                user, user_id, run_id, fingerprint, reason, office_wide
            )
        return self.recheck(user, upload_id, chosen)

    def _record_waiver(
        self,
        user: Viewer,
        user_id: int,
        run_id: int,
        fingerprint: str,
        reason: str,
        office_wide: bool,
    ) -> tuple[int, str]:
        with self.db.transaction() as session:
            run = run_for(session, user, run_id)
            if run is None:
                raise NotFound
            result = CheckResult.model_validate(run.result_json)
            finding = next(
                (found for found in result.findings if found.fingerprint == fingerprint), None
            )
            if finding is None or not fingerprint:
                raise NotFound
            office_id = run.upload.office_id
            scope = (
                OFFICE_WIDE
                if office_wide
                else plan_scope(run.upload.lineage_id or run.upload_id)
            )
            existing = session.scalar(
                select(Waiver).where(
                    Waiver.office_id == office_id,
                    Waiver.fingerprint == fingerprint,
                    Waiver.scope == scope,
                )
            )
            if existing is None:
                session.add(
                    Waiver(
                        office_id=office_id,
                        fingerprint=fingerprint,
                        code=finding.code,
                        reason=reason,
                        user_id=user_id,
                        scope=scope,
                        upload_id=run.upload_id,
                    )
                )
            else:
                existing.reason, existing.user_id = reason, user_id
            return run.upload_id, choice_of(run)

    def _check(
        self,
        path: Path,
        display_name: str,
        user: Viewer,
        chosen: str | None,
        office_id: int,
        listener: Listener | None = None,
    ) -> CheckOutcome:
        # Waivers are applied when the run is stored, once the upload's plan (lineage)
        # is known: a new upload's issuer and number come out of this very check.
        # Every option, the plan's own included: choosing it is refused (rules.identity),
        # not silently replaced; detection never proposes it.
        options = self.parent_options(user, office_id=office_id)
        if self.pool is None:
            return run_check(path, display_name, options, chosen, self.store)
        job = CheckJob(path, display_name, tuple(options), chosen, self.settings.database_url)
        return self.pool.run(job, listener)

    def _tracking(
        self, user_id: int, key: str | None
    ) -> AbstractContextManager[Listener | None]:
        """Where scanned pages are recorded for the waiting page (nothing without a pool)."""
        return self.pool.progress.tracking(user_id, key) if self.pool is not None else nullcontext()

    def _queued(self) -> AbstractContextManager[object]:
        """A place in the check queue (``Busy`` when full); nothing without a pool."""
        return self.pool.reserve() if self.pool is not None else nullcontext()


def _same_lineage(upload: Upload, other: Upload) -> bool:
    return upload.lineage_id is not None and upload.lineage_id == other.lineage_id


def _identity(upload: Upload) -> Identity:
    return Identity(upload.sha256, upload.issuer, upload.number, upload.title)


def _clip(text: str | None, length: int) -> str | None:
    return text[:length] if text is not None else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
