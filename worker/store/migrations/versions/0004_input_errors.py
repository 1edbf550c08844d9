"""internal errors are kept per input (input_errors), and tasks count deliveries cut short by a dead process

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "input_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("error_type", sa.String(length=128), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("traceback", sa.Text(), nullable=True),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("moved_to", sa.Text(), nullable=True),
        sa.Column("task_id", sa.String(length=64), nullable=True),
        sa.Column("times", sa.Integer(), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source"),
    )
    op.create_index("ix_input_errors_kind", "input_errors", ["kind"])
    op.create_index("ix_input_errors_stage", "input_errors", ["stage"])
    op.create_index("ix_input_errors_failed_at", "input_errors", ["failed_at"])
    with op.batch_alter_table("ingest_tasks") as batch_op:
        batch_op.add_column(sa.Column("cut_short", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("ingest_tasks") as batch_op:
        batch_op.drop_column("cut_short")
    op.drop_index("ix_input_errors_failed_at", table_name="input_errors")
    op.drop_index("ix_input_errors_stage", table_name="input_errors")
    op.drop_index("ix_input_errors_kind", table_name="input_errors")
    op.drop_table("input_errors")
