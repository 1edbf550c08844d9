"""an index on ingest_tasks (state, finished_at): each metrics scrape reads the tasks finished since the last one

Without it the scrape's `state = 'finished' AND finished_at > :since` walks every finished task (SQLite and
PostgreSQL both pick the index on state, which matches nearly all of them), so a scrape grows with the history.

Revision ID: 0009
Revises: 0007
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_ingest_tasks_state_finished_at", "ingest_tasks", ["state", "finished_at"])


def downgrade() -> None:
    op.drop_index("ix_ingest_tasks_state_finished_at", table_name="ingest_tasks")
