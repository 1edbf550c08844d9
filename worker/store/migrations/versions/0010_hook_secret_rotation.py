"""hooks: the secret a rotation replaced, still signing beside the new one until a given time

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("hooks") as batch:
        batch.add_column(sa.Column("previous_secret", sa.String(128), nullable=True))
        batch.add_column(sa.Column("previous_secret_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hooks") as batch:
        batch.drop_column("previous_secret_until")
        batch.drop_column("previous_secret")
