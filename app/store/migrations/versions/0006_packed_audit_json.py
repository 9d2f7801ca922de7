"""The audit cache keeps a batch's audit.json zlib-compressed, as bytes (issue 18).

``audit_outputs.audit_json`` was text: at 3,000 plans the 56 MB audit.json was read back
as one Python string to be stored, and encoded again by the database driver, the largest
thing the audit held at its end. It is now the file's UTF-8 bytes compressed
(``app.store.cache_rows.pack``), read and written in pieces by ``app.audit.output``.
Every existing row is converted, so a batch cached before this revision is restored as
before; the downgrade converts them back.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

import zlib
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _convert(sa.Text, sa.LargeBinary, lambda text: zlib.compress(text.encode("utf-8"), 1))


def downgrade() -> None:
    _convert(sa.LargeBinary, sa.Text, lambda packed: zlib.decompress(packed).decode("utf-8"))


def _convert(old_type: Any, new_type: Any, change: Callable[[Any], Any]) -> None:
    """Give ``audit_json`` the new type, each row's value changed by ``change``, one at a time."""
    with op.batch_alter_table("audit_outputs") as batch:
        batch.add_column(sa.Column("audit_json_new", new_type, nullable=True))
    bind = op.get_bind()
    table = sa.table(
        "audit_outputs",
        sa.column("key", sa.String),
        sa.column("audit_json", old_type),
        sa.column("audit_json_new", new_type),
    )
    keys = [row[0] for row in bind.execute(sa.select(table.c.key).order_by(table.c.key))]
    for key in keys:  # one batch at a time: an audit.json can be tens of megabytes
        row = table.c.key == key
        value = bind.execute(sa.select(table.c.audit_json).where(row)).scalar_one()
        bind.execute(sa.update(table).where(row).values(audit_json_new=change(value)))
    with op.batch_alter_table("audit_outputs") as batch:
        batch.drop_column("audit_json")
    with op.batch_alter_table("audit_outputs") as batch:
        batch.alter_column(
            "audit_json_new", new_column_name="audit_json", existing_type=new_type, nullable=False
        )
