"""Queries with access control built in: every read of an upload goes through the user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from app.store.models import OFFICE_WIDE, ROLES, CheckRun, Office, Upload, User, Waiver, plan_scope
from app.store.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password

MAX_ROW_ID = 2**63 - 1
# CheckRun.parent_kind of a run checked against an earlier upload (app/web/pipeline.py).
UPLOAD_PARENT = "upload"

# Verifying against this hash when the user name is unknown costs the same time as a
# wrong password, so response time does not reveal which accounts exist.
_DUMMY_HASH = hash_password("plancheck-dummy-password")


class Viewer(Protocol):
    """Whoever reads: only their office, unless they see all offices (auditors)."""

    @property
    def office_id(self) -> int: ...

    @property
    def sees_all_offices(self) -> bool: ...


@dataclass(frozen=True)
class HistoryRow:
    """An upload with its latest check, for the history table."""

    upload: Upload
    run: CheckRun | None


def create_user(
    session: Session,
    username: str,
    password: str,
    office_name: str,
    role: str = "reviewer",
    full_name: str = "",
) -> User:
    """Add an account (and its office, if new).

    Raises:
        ValueError: For an unknown role, a short password or a taken user name.
    """
    if role not in ROLES:
        raise ValueError(f"vai trò không hợp lệ: {role}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise ValueError(f"tên đăng nhập đã tồn tại: {username}")
    office = session.scalar(select(Office).where(Office.name == office_name))
    if office is None:
        office = Office(name=office_name)
        session.add(office)
    user = User(
        username=username,
        full_name=full_name or username,
        password_hash=hash_password(password),
        role=role,
        office=office,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user whose name and password match, else None (in comparable time)."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        verify_password(password, _DUMMY_HASH)
        return None
    return user if verify_password(password, user.password_hash) else None


def visible_uploads_query(user: Viewer) -> Select[Upload]:
    """Uploads this user may see: their office's, or all for auditors."""
    query = select(Upload)
    if not user.sees_all_offices:
        query = query.where(Upload.office_id == user.office_id)
    return query


def upload_for(session: Session, user: Viewer, upload_id: int) -> Upload | None:
    """The upload if it exists and the user may see it (None otherwise, never a hint which)."""
    if not valid_id(upload_id):
        return None
    query = visible_uploads_query(user).where(Upload.id == upload_id)
    return session.scalar(query)


def run_for(session: Session, user: Viewer, run_id: int) -> CheckRun | None:
    """The check run if the user may see its upload and its parent."""
    if not valid_id(run_id):
        return None
    run = session.get(CheckRun, run_id)
    if run is None or upload_for(session, user, run.upload_id) is None:
        return None
    return run if run_visible(session, user, run) else None


def valid_id(value: int) -> bool:
    """Whether ``value`` can be a row id.

    A URL may carry any integer; a database column holds 64 bits (beyond them SQLite
    raises OverflowError and PostgreSQL an error, which would be a 500).
    """
    return 0 < value <= MAX_ROW_ID


def run_visible(session: Session, user: Viewer, run: CheckRun) -> bool:
    """Whether the user may see the run's parent, which its report quotes throughout.

    New runs only ever take a parent from the checked upload's own office; a run made
    before that rule, by an auditor against another office's upload, stays hidden from
    that office's reviewers (README, security).
    """
    if user.sees_all_offices or run.parent_kind != UPLOAD_PARENT:
        return True
    reference = run.parent_ref or ""
    parent_id = int(reference) if reference.isdigit() else None
    parent = session.get(Upload, parent_id) if parent_id is not None else None
    return parent is not None and parent.office_id == user.office_id


def history(
    session: Session, user: Viewer, issuer: str | None = None, status: str | None = None
) -> list[HistoryRow]:
    """Visible uploads newest first, each with its latest run, filtered by issuer and status.

    Args:
        session: An open session.
        user: Whose view (office or all offices).
        issuer: Keep uploads whose issuer contains this text (case-insensitive).
        status: 'ok', 'failed' (latest run's verdict) or 'error' (file could not be read).
    """
    query = (
        visible_uploads_query(user)
        .options(selectinload(Upload.runs), selectinload(Upload.office))
        .order_by(Upload.created.desc(), Upload.id.desc())
    )
    if issuer:
        # Folded in Python: SQLite's LIKE folds only ASCII, and issuers are Vietnamese.
        wanted = issuer.casefold()
        query = query.where(Upload.issuer.is_not(None))
    rows = []
    for upload in session.scalars(query):
        runs = [run for run in upload.runs if run_visible(session, user, run)]
        rows.append(HistoryRow(upload, runs[-1] if runs else None))
    if issuer:
        rows = [row for row in rows if wanted in (row.upload.issuer or "").casefold()]
    if status == "error":
        return [row for row in rows if row.upload.error_reason is not None]
    if status in ("ok", "failed"):
        return [row for row in rows if row.run is not None and row.run.status == status]
    return rows


def issuers(session: Session, user: Viewer) -> list[str]:
    """Distinct issuers among visible uploads, for the filter list."""
    query = visible_uploads_query(user).where(Upload.issuer.is_not(None))
    return sorted({upload.issuer for upload in session.scalars(query) if upload.issuer})


def previous_version(session: Session, upload: Upload) -> Upload | None:
    """The latest earlier upload of the same plan in the same office, if any was checked.

    The version the reviewer declared, if any; else "same plan" means the same issuer
    and number, or, when the header could not be read, the same file name: what a
    reviewer re-uploads after a correction.
    """
    if upload.version_of_id is not None:
        declared = session.get(Upload, upload.version_of_id)
        if declared is not None and declared.runs:
            return declared
    same_plan = [Upload.original_name == upload.original_name]
    if upload.issuer and upload.number:
        same_plan.append((Upload.issuer == upload.issuer) & (Upload.number == upload.number))
    query = (
        select(Upload)
        .where(Upload.office_id == upload.office_id, Upload.id < upload.id, or_(*same_plan))
        .order_by(Upload.id.desc())
    )
    for candidate in session.scalars(query):
        if candidate.runs:
            return candidate
    return None


def lineage_of(session: Session, upload: Upload) -> int:
    """The id of the first upload of this upload's plan (its own id for a new plan).

    Waivers follow the lineage. A plan is the same only when the reviewer declared this
    upload a new version of an earlier one, or, in the same office, when the number and
    the issuer are equal; when neither header names its issuer, the number and the file
    name must both be equal (a district office receives many communes' "01-KH/ĐU").
    """
    if upload.version_of_id is not None:
        declared = session.get(Upload, upload.version_of_id)
        if declared is not None and declared.office_id == upload.office_id:
            return declared.lineage_id or declared.id
    if not upload.number:
        return upload.id
    same_issuer = (
        Upload.issuer == upload.issuer
        if upload.issuer
        else Upload.issuer.is_(None) & (Upload.original_name == upload.original_name)
    )
    query = (
        select(Upload.lineage_id)
        .where(
            Upload.office_id == upload.office_id,
            Upload.id < upload.id,
            Upload.number == upload.number,
            same_issuer,
            Upload.lineage_id.is_not(None),
        )
        .order_by(Upload.id)
        .limit(1)
    )
    first = session.scalar(query)
    return first if first is not None else upload.id


def waivers_of_office(session: Session, office_id: int) -> dict[str, Waiver]:
    """The office-wide waivers of an office by finding fingerprint."""
    query = select(Waiver).where(Waiver.office_id == office_id, Waiver.scope == OFFICE_WIDE)
    return {waiver.fingerprint: waiver for waiver in session.scalars(query)}


def waivers_for(session: Session, upload: Upload) -> dict[str, Waiver]:
    """The waivers that hold for this upload: its plan's, then the office-wide ones.

    A waiver made on another plan of the office never holds here (issue 15, item 1).
    """
    scopes = [OFFICE_WIDE]
    if upload.lineage_id is not None:
        scopes.append(plan_scope(upload.lineage_id))
    query = select(Waiver).where(Waiver.office_id == upload.office_id, Waiver.scope.in_(scopes))
    found: dict[str, Waiver] = {}
    for waiver in session.scalars(query.order_by(Waiver.id)):
        # The plan's own decision wins over an office-wide one for the same finding.
        if waiver.fingerprint not in found or not waiver.office_wide:
            found[waiver.fingerprint] = waiver
    return found
