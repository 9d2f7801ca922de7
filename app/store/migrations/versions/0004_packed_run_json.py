"""Each run's plan models and result stored zlib-compressed (issue 22, item 10).

A 16 KB plan stored about 1.45 MB of JSON per run; compressed, a tenth of that. Every
existing row is converted, so old runs read as before (``PackedJSON`` in models.py).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

import json
import zlib
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_COLUMNS = ("plan_json", "parent_plan_json", "result_json")


def upgrade() -> None:
    with op.batch_alter_table("check_run") as batch:
        for name in _COLUMNS:
            batch.add_column(sa.Column(f"{name}_z", sa.LargeBinary, nullable=True))
    bind = op.get_bind()
    old = sa.table(
        "check_run",
        sa.column("id", sa.Integer),
        *(sa.column(name, sa.JSON) for name in _COLUMNS),
        *(sa.column(f"{name}_z", sa.LargeBinary) for name in _COLUMNS),
    )
    ids = [row[0] for row in bind.execute(sa.select(old.c.id).order_by(old.c.id))]
    for run_id in ids:  # one run at a time: a run's JSON can be megabytes
        row = bind.execute(
            sa.select(*(old.c[name] for name in _COLUMNS)).where(old.c.id == run_id)
        ).one()
        packed = {f"{name}_z": _pack(value) for name, value in zip(_COLUMNS, row, strict=True)}
        bind.execute(sa.update(old).where(old.c.id == run_id).values(**packed))
    with op.batch_alter_table("check_run") as batch:
        for name in _COLUMNS:
            batch.drop_column(name)
    with op.batch_alter_table("check_run") as batch:
        for name in _COLUMNS:
            batch.alter_column(
                f"{name}_z",
                new_column_name=name,
                existing_type=sa.LargeBinary,
                nullable=name == "parent_plan_json",
            )


def _pack(value: Any) -> bytes | None:
    if value is None:
        return None
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 6)
