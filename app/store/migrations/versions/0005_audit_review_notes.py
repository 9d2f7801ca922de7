"""The audit cache keeps each plan's DOCX review note beside its HTML and JSON (issue 15.9).

``audit_results_z.report_docx`` is nullable: a row stored before this revision has no
note, and the audit renders it from the stored report JSON when it reuses that row.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_results_z") as batch:
        batch.add_column(sa.Column("report_docx", sa.LargeBinary, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_results_z") as batch:
        batch.drop_column("report_docx")
