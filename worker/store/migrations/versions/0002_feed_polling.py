"""feed polling: entry rows a task can read, feed titles and validator checks, sightings per feed

Revision ID: 0002
Revises: 0100

Written by hand. It follows 0100 (full-text search), the head when it was written: revision ids are
names, not an order, and a second child of 0001 would leave two heads that `upgrade head` refuses.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0100"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("feeds") as batch_op:
        batch_op.add_column(sa.Column("title", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("site_url", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("not_modified_streak", sa.Integer(), nullable=False, server_default="0"))

    with op.batch_alter_table("feed_entries") as batch_op:
        batch_op.add_column(sa.Column("title", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("authors", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("content_html", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("summary_html", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("has_full_content", sa.Boolean(), nullable=False, server_default=sa.false()))
        # Rows from before states were kept were enqueued when they were seen.
        batch_op.add_column(sa.Column("state", sa.String(length=16), nullable=False, server_default="queued"))
        batch_op.add_column(sa.Column("queued_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("article_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            "fk_feed_entries_article_id", "articles", ["article_id"], ["id"], ondelete="SET NULL"
        )

    # The same link seen through two feeds is two sightings: the feed's URL joins the identity.
    with op.batch_alter_table("sightings") as batch_op:
        batch_op.add_column(sa.Column("via", sa.Text(), nullable=False, server_default=""))
        batch_op.drop_constraint("uq_sighting_article_source", type_="unique")
        batch_op.create_unique_constraint("uq_sighting_article_source_via", ["article_id", "source", "via"])


def downgrade() -> None:
    # Sightings that differ only by feed collapse to the earliest before the old constraint returns.
    op.execute(
        """DELETE FROM sightings WHERE id NOT IN (
            SELECT MIN(id) FROM sightings GROUP BY article_id, source)"""
    )
    with op.batch_alter_table("sightings") as batch_op:
        batch_op.drop_constraint("uq_sighting_article_source_via", type_="unique")
        batch_op.create_unique_constraint("uq_sighting_article_source", ["article_id", "source"])
        batch_op.drop_column("via")

    with op.batch_alter_table("feed_entries") as batch_op:
        batch_op.drop_constraint("fk_feed_entries_article_id", type_="foreignkey")
        for column in (
            "reason",
            "article_id",
            "queued_at",
            "state",
            "has_full_content",
            "summary_html",
            "content_html",
            "published_at",
            "authors",
            "title",
        ):
            batch_op.drop_column(column)

    with op.batch_alter_table("feeds") as batch_op:
        for column in ("not_modified_streak", "last_success_at", "site_url", "title"):
            batch_op.drop_column(column)
