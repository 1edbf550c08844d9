"""articles.credit: the agency a byline credits ("Associated Press"), kept apart from the people who wrote it

Bylines are parsed into people only (worker/pipeline/bylines.py); the agency they name would otherwise be lost.
Rows stored before this revision have no credit (their bylines were not kept as given).

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("credit", sa.String(128), nullable=True))


def downgrade() -> None:
    # Plain ALTER (SQLite 3.35+ has DROP COLUMN): a batch rebuild of `articles` would cascade-delete its rows'
    # sightings on SQLite.
    op.execute("ALTER TABLE articles DROP COLUMN credit")
