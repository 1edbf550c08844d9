"""feed entries remember the task last sent for them, so a re-sent entry closes its lost task as resent

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("feed_entries") as batch_op:
        batch_op.add_column(sa.Column("task_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feed_entries") as batch_op:
        batch_op.drop_column("task_id")
