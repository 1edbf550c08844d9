"""the change feed: an append-only events table ordered by seq

Articles stored before it get their `article.stored` event here, in id order, so that a consumer starting at
seq 0 (`newsworker events`, `newsworker export --since 0`) sees every article.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "events",
        # INTEGER PRIMARY KEY AUTOINCREMENT on SQLite: numbers are never reused, even after the last row is deleted.
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("feed_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("task_id", sa.String(length=64), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["feed_id"], ["feeds.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("seq"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_events_kind_seq", "events", ["kind", "seq"])
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_feed_id", "events", ["feed_id"])
    backfill_stored_events(op.get_bind())


BACKFILL_BATCH = 1000


def backfill_stored_events(connection: sa.Connection) -> None:
    """An article.stored event for every article already there, as worker/store/repository.py writes them."""
    events = sa.table(
        "events",
        sa.column("kind", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("article_id", sa.Integer()),
        sa.column("source", sa.Text()),
        sa.column("payload", sa.JSON()),
    )
    last_id = 0
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT id, title, url, near_duplicate_of, source, ingested_at FROM articles"
                " WHERE id > :last ORDER BY id LIMIT :batch"
            ),
            {"last": last_id, "batch": BACKFILL_BATCH},
        ).all()
        if not rows:
            return
        payloads = [{"title": row.title, "url": row.url, "near_duplicate_of": row.near_duplicate_of} for row in rows]
        connection.execute(
            events.insert(),
            [
                {
                    "kind": "article.stored",
                    "created_at": _utc(row.ingested_at),
                    "article_id": row.id,
                    "source": row.source,
                    "payload": {
                        key: value[:500] if isinstance(value, str) else value
                        for key, value in payload.items()
                        if value is not None
                    },
                }
                for row, payload in zip(rows, payloads, strict=True)
            ],
        )
        last_id = rows[-1].id


def _utc(value: object) -> datetime:
    """ingested_at as read by a plain SELECT: text on SQLite (stored as UTC), a datetime on PostgreSQL."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def downgrade() -> None:
    op.drop_index("ix_events_feed_id", table_name="events")
    op.drop_index("ix_events_article_id", table_name="events")
    op.drop_index("ix_events_kind_seq", table_name="events")
    op.drop_table("events")
