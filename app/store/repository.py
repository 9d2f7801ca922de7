"""Queries with access control built in: every read of an upload goes through the user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from app.store.models import ROLES, CheckRun, Office, Upload, User, Waiver
from app.store.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password

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
    query = visible_uploads_query(user).where(Upload.id == upload_id)
    return session.scalar(query)


def run_for(session: Session, user: Viewer, run_id: int) -> CheckRun | None:
    """The check run if the user may see its upload."""
    run = session.get(CheckRun, run_id)
    if run is None or upload_for(session, user, run.upload_id) is None:
        return None
    return run


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
    rows = [
        HistoryRow(upload, upload.runs[-1] if upload.runs else None)
        for upload in session.scalars(query)
    ]
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

    "Same plan" means the same issuer and number, or, when the header could not be
    read, the same file name: what a reviewer re-uploads after a correction.
    """
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


def waivers_of_office(session: Session, office_id: int) -> dict[str, Waiver]:
    """The office's waivers by finding fingerprint."""
    query = select(Waiver).where(Waiver.office_id == office_id)
    return {waiver.fingerprint: waiver for waiver in session.scalars(query)}
