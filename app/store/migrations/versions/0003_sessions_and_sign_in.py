"""Revocable sessions and a sign-in limit kept in the database (issue 22, items 6 and 7).

``user_account.session_generation`` is carried in each session cookie and raised on
sign-out and password change; ``sign_in_attempt`` counts attempts per user name, shared
by every server process.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(
            sa.Column("session_generation", sa.Integer, nullable=False, server_default="0")
        )
    op.create_table(
        "sign_in_attempt",
        sa.Column("username_key", sa.String(80), primary_key=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("window_start", sa.Float, nullable=False),
    )
    op.create_index("ix_sign_in_attempt_window_start", "sign_in_attempt", ["window_start"])
