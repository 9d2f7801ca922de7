"""Baseline: the schema as ``Base.metadata.create_all`` made it before Alembic.

A database created by that code has some or all of these tables and no
``alembic_version``; the baseline creates only the tables that are missing, so
such a database (web history, audit cache, or both in one PostgreSQL database)
joins the history here without losing a row. Indexes and constraints carry the
names ``create_all`` gave them, so later revisions can refer to them.

Revision ID: 0001
Revises:
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, create in _TABLES:
        if name not in existing:
            create()


def _office() -> None:
    op.create_table(
        "office",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.UniqueConstraint("name"),
    )


def _user_account() -> None:
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("office_id", sa.Integer, sa.ForeignKey("office.id"), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("username"),
    )


def _upload() -> None:
    op.create_table(
        "upload",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("storage_name", sa.String(80), nullable=False),
        sa.Column("original_name", sa.String(255), nullable=False),
        sa.Column("extension", sa.String(8), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("office_id", sa.Integer, sa.ForeignKey("office.id"), nullable=False),
        sa.Column("uploader_id", sa.Integer, sa.ForeignKey("user_account.id"), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issuer", sa.String(300), nullable=True),
        sa.Column("number", sa.String(100), nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("error_reason", sa.String(40), nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        sa.UniqueConstraint("storage_name"),
    )
    op.create_index("ix_upload_sha256", "upload", ["sha256"])
    op.create_index("ix_upload_office_id", "upload", ["office_id"])
    op.create_index("ix_upload_issuer", "upload", ["issuer"])


def _check_run() -> None:
    op.create_table(
        "check_run",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("upload_id", sa.Integer, sa.ForeignKey("upload.id"), nullable=False),
        sa.Column("parent_kind", sa.String(10), nullable=False),
        sa.Column("parent_ref", sa.String(255), nullable=True),
        sa.Column("parent_label", sa.Text, nullable=True),
        sa.Column("parent_detected", sa.Boolean, nullable=False),
        sa.Column(
            "previous_run_id", sa.Integer, sa.ForeignKey("check_run.id"), nullable=True
        ),
        sa.Column("plan_json", sa.JSON, nullable=False),
        sa.Column("parent_plan_json", sa.JSON, nullable=True),
        sa.Column("result_json", sa.JSON, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("infos", sa.Integer, nullable=False),
        sa.Column("waived", sa.Integer, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_check_run_upload_id", "check_run", ["upload_id"])
    op.create_index("ix_check_run_status", "check_run", ["status"])


def _waiver() -> None:
    op.create_table(
        "waiver",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("office_id", sa.Integer, sa.ForeignKey("office.id"), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("user_account.id"), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("office_id", "fingerprint"),
    )
    op.create_index("ix_waiver_office_id", "waiver", ["office_id"])


def _audit_extractions() -> None:
    # The audit cache (app/audit/cache.py): plan models and reports, zlib-compressed.
    op.create_table(
        "audit_extractions_z",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("plan_json", sa.LargeBinary, nullable=False),
    )


def _audit_hierarchies() -> None:
    op.create_table(
        "audit_hierarchies",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("parents_json", sa.Text, nullable=False),
    )


def _audit_results() -> None:
    op.create_table(
        "audit_results_z",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("report_json", sa.LargeBinary, nullable=False),
        sa.Column("report_html", sa.LargeBinary, nullable=False),
        sa.Column("summary_json", sa.LargeBinary, nullable=False),
        sa.Column("has_errors", sa.Boolean, nullable=False),
    )


def _audit_outputs() -> None:
    op.create_table(
        "audit_outputs",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("index_html", sa.Text, nullable=False),
        sa.Column("audit_json", sa.Text, nullable=False),
        sa.Column("workbook", sa.LargeBinary, nullable=False),
    )


_TABLES = [
    ("office", _office),
    ("user_account", _user_account),
    ("upload", _upload),
    ("check_run", _check_run),
    ("waiver", _waiver),
    ("audit_extractions_z", _audit_extractions),
    ("audit_hierarchies", _audit_hierarchies),
    ("audit_results_z", _audit_results),
    ("audit_outputs", _audit_outputs),
]
