"""Tables of the web history: who uploaded which plan, what the check found, what was waived."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from typing import Any, Literal

from sqlalchemy import (
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

Role = Literal["reviewer", "auditor", "admin"]
ROLES: tuple[str, ...] = ("reviewer", "auditor", "admin")


def utc_now() -> dt.datetime:
    """The current time, timezone-aware, for every created/at column."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class PackedJSON(TypeDecorator[Any]):
    """JSON stored zlib-compressed: a run's plan model and result shrink about tenfold.

    The column is binary; Python code reads and writes plain dicts as with ``JSON``.
    """

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        return None if value is None else pack_json(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else json.loads(zlib.decompress(value))


def pack_json(value: Any) -> bytes:
    """``value`` as compact UTF-8 JSON, zlib-compressed (migration 0004 packs the same way)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 6)


class Office(Base):
    """A body whose reviewers share their uploads (a Ban Dân vận, a district committee)."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    users: Mapped[list[User]] = relationship(back_populates="office")


class User(Base):
    """A person who signs in; ``role`` 'auditor' and 'admin' see every office's uploads."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20), default="reviewer")
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    session_generation: Mapped[int] = mapped_column(
        Integer,
        default=0,
        server_default="0",
        doc="Carried in each session cookie; raised on sign-out and password change, "
        "which ends every session issued before.",
    )
    office: Mapped[Office] = relationship(back_populates="users")

    @property
    def sees_all_offices(self) -> bool:
        """Auditors and administrators read every office's uploads."""
        return self.role in ("auditor", "admin")


class Upload(Base):
    """One file as received; stored under ``storage_name``, never under the client's name."""

    __tablename__ = "upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    storage_name: Mapped[str] = mapped_column(String(80), unique=True)
    original_name: Mapped[str] = mapped_column(String(255), doc="For display only.")
    extension: Mapped[str] = mapped_column(String(8))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    uploader_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    issuer: Mapped[str | None] = mapped_column(String(300), default=None, index=True)
    number: Mapped[str | None] = mapped_column(String(100), default=None)
    title: Mapped[str | None] = mapped_column(Text, default=None)
    error_reason: Mapped[str | None] = mapped_column(String(40), default=None)
    error_message: Mapped[str | None] = mapped_column(Text, default=None)
    lineage_id: Mapped[int | None] = mapped_column(
        ForeignKey("upload.id"),
        default=None,
        index=True,
        doc="The first upload of the same plan (this upload's own id for a first version).",
    )
    version_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("upload.id"),
        default=None,
        doc="The earlier upload the reviewer declared this one a new version of.",
    )
    office: Mapped[Office] = relationship()
    uploader: Mapped[User] = relationship()
    runs: Mapped[list[CheckRun]] = relationship(
        back_populates="upload", order_by="CheckRun.id", foreign_keys="CheckRun.upload_id"
    )


class CheckRun(Base):
    """One check of an upload against a chosen parent, with the plan model and result as JSON."""

    __tablename__ = "check_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("upload.id"), index=True)
    parent_kind: Mapped[str] = mapped_column(
        String(10), doc="'corpus', 'upload' or 'none' (document-level rules only)."
    )
    parent_ref: Mapped[str | None] = mapped_column(
        String(255), default=None, doc="Corpus file name or upload id as text."
    )
    parent_label: Mapped[str | None] = mapped_column(Text, default=None)
    parent_detected: Mapped[bool] = mapped_column(default=False)
    previous_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("check_run.id"), default=None, doc="Last check of an earlier version."
    )
    # The JSON columns are large (a whole plan model); loaded only when a page needs them.
    plan_json: Mapped[dict[str, object]] = mapped_column(PackedJSON, deferred=True)
    parent_plan_json: Mapped[dict[str, object] | None] = mapped_column(
        PackedJSON, default=None, deferred=True
    )
    result_json: Mapped[dict[str, object]] = mapped_column(PackedJSON, deferred=True)
    status: Mapped[str] = mapped_column(String(10), index=True, doc="'ok' or 'failed'.")
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    waived: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    upload: Mapped[Upload] = relationship(back_populates="runs", foreign_keys=[upload_id])


OFFICE_WIDE = "office"


def plan_scope(lineage_id: int) -> str:
    """The waiver scope of one plan and its later versions."""
    return f"plan-{lineage_id}"


class Waiver(Base):
    """A reviewer's decision to accept a finding, keyed by its stable fingerprint.

    A waiver holds for one plan and its later versions (``scope`` 'plan-<lineage id>'),
    or, when a reviewer says so, for every plan of the office (``scope`` 'office').
    """

    __tablename__ = "waiver"
    __table_args__ = (
        UniqueConstraint("office_id", "fingerprint", "scope", name="uq_waiver_scope"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    scope: Mapped[str] = mapped_column(String(24), doc="'office' or 'plan-<lineage id>'.")
    upload_id: Mapped[int | None] = mapped_column(
        ForeignKey("upload.id"), default=None, doc="The upload the waiver was made on."
    )
    user: Mapped[User] = relationship()

    @property
    def office_wide(self) -> bool:
        return self.scope == OFFICE_WIDE


class SignInAttempt(Base):
    """Sign-in attempts per user name in the current window, counted in the database.

    Each attempt takes a slot with one conditional UPDATE before the password is
    checked, so parallel requests, and several server processes, cannot check more
    passwords than the limit (issue 22, item 7).
    """

    __tablename__ = "sign_in_attempt"

    username_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[float] = mapped_column(Float, index=True, doc="Unix time.")
