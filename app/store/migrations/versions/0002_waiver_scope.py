"""Waivers belong to one plan and its later versions, or explicitly to the whole office.

Before this revision a waiver was keyed by office and fingerprint only, so accepting a
finding on one plan accepted it on every other plan of the office (issue 15, item 1).
Each upload gets ``lineage_id`` (the first upload of the same plan: same office and
number, and same issuer, or no issuer on either and the same file name) and
``version_of_id`` (a version the reviewer declared). Each existing waiver
is scoped to the plan it was made on: the upload of the first check run (by id) that
shows its finding as accepted, which is the re-check the waiver form triggers; failing
that, the first upload whose check raised the finding. A waiver whose finding no stored
check shows keeps the office-wide reach it had, now shown as such.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OFFICE_WIDE = "office"


def upgrade() -> None:
    with op.batch_alter_table("upload") as batch:
        batch.add_column(sa.Column("lineage_id", sa.Integer, nullable=True))
        batch.add_column(sa.Column("version_of_id", sa.Integer, nullable=True))
        batch.create_foreign_key("fk_upload_lineage_id", "upload", ["lineage_id"], ["id"])
        batch.create_foreign_key("fk_upload_version_of_id", "upload", ["version_of_id"], ["id"])
        batch.create_index("ix_upload_lineage_id", ["lineage_id"])
    bind = op.get_bind()
    lineages = _fill_lineages(bind)
    old_waivers = _read_waivers(bind)
    op.drop_index("ix_waiver_office_id", table_name="waiver")
    op.drop_table("waiver")
    waiver = op.create_table(
        "waiver",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("office_id", sa.Integer, sa.ForeignKey("office.id"), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("user_account.id"), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scope", sa.String(24), nullable=False),
        sa.Column("upload_id", sa.Integer, sa.ForeignKey("upload.id"), nullable=True),
        sa.UniqueConstraint("office_id", "fingerprint", "scope", name="uq_waiver_scope"),
    )
    op.create_index("ix_waiver_office_id", "waiver", ["office_id"])
    made_on = _uploads_made_on(bind, {row["fingerprint"] for row in old_waivers})
    rows = []
    for row in old_waivers:
        upload_id = made_on.get((row["office_id"], row["fingerprint"]))
        scope = f"plan-{lineages[upload_id]}" if upload_id is not None else OFFICE_WIDE
        rows.append({**row, "scope": scope, "upload_id": upload_id})
    if rows:
        op.bulk_insert(waiver, rows)


_upload = sa.table(
    "upload",
    sa.column("id", sa.Integer),
    sa.column("office_id", sa.Integer),
    sa.column("issuer", sa.String),
    sa.column("number", sa.String),
    sa.column("original_name", sa.String),
    sa.column("lineage_id", sa.Integer),
)
_run = sa.table(
    "check_run",
    sa.column("id", sa.Integer),
    sa.column("upload_id", sa.Integer),
    sa.column("result_json", sa.JSON),
)


def _fill_lineages(bind: sa.Connection) -> dict[int, int]:
    """Give every upload the id of the first upload of its plan; return upload -> lineage."""
    first_of_plan: dict[tuple[object, ...], int] = {}
    lineages: dict[int, int] = {}
    columns = _upload.c
    query = sa.select(
        columns.id, columns.office_id, columns.issuer, columns.number, columns.original_name
    )
    for upload_id, office_id, issuer, number, name in bind.execute(query.order_by(columns.id)):
        lineage = upload_id
        if number:
            # The same rule as app.store.repository.lineage_of, frozen here.
            same = ("issuer", issuer) if issuer else ("file", name)
            key = (office_id, number, *same)
            lineage = first_of_plan.setdefault(key, upload_id)
        lineages[upload_id] = lineage
    for upload_id, lineage in lineages.items():
        bind.execute(
            sa.update(_upload).where(_upload.c.id == upload_id).values(lineage_id=lineage)
        )
    return lineages


def _read_waivers(bind: sa.Connection) -> list[dict[str, Any]]:
    old = sa.table(
        "waiver",
        *(
            sa.column(name)
            for name in ("id", "office_id", "fingerprint", "code", "reason", "user_id")
        ),
        sa.column("created", sa.DateTime(timezone=True)),
    )
    return [dict(row._mapping) for row in bind.execute(sa.select(old).order_by(old.c.id))]


def _uploads_made_on(bind: sa.Connection, fingerprints: set[str]) -> dict[tuple[int, str], int]:
    """(office, fingerprint) -> the upload a waiver of that finding was made on."""
    if not fingerprints:
        return {}
    accepted: dict[tuple[int, str], int] = {}
    raised: dict[tuple[int, str], int] = {}
    query = (
        sa.select(_upload.c.office_id, _run.c.upload_id, _run.c.result_json)
        .join(_upload, _upload.c.id == _run.c.upload_id)
        .order_by(_run.c.id)
    )
    for office_id, upload_id, result in bind.execute(query):
        for finding in (result or {}).get("findings", []):
            fingerprint = finding.get("fingerprint")
            if fingerprint not in fingerprints:
                continue
            raised.setdefault((office_id, fingerprint), upload_id)
            if finding.get("waived"):
                accepted.setdefault((office_id, fingerprint), upload_id)
    return {**raised, **accepted}
