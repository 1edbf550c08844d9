"""Migration 0002 (feed polling) on a database holding rows from before it, SQLite and PostgreSQL: up, down, up."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from tests.support.migrations import migrate
from worker.store.db import make_engine
from worker.store.models import Base

OLD_ROWS = [
    "INSERT INTO feeds (id, url, every_seconds, next_poll_at, error_count, items_found, validators_unreliable,"
    " created_at) VALUES (1, 'https://old.example/rss', 900, '2024-01-01 00:00:00', 0, 1, false, '2024-01-01 00:00:00')",
    "INSERT INTO feed_entries (id, feed_id, entry_key, link, first_seen_at)"
    " VALUES (1, 1, 'g1', 'https://old.example/1', '2024-01-01 00:00:00')",
    "INSERT INTO articles (id, content_hash, authors, text, word_count, source, source_kind, extractor, tagger_backend,"
    " neardup_signature, ingested_at) VALUES (1, 'h1', '[]', 'words words words', 3, 'https://old.example/1', 'feed',"
    " 'feed-entry', 'builtin', :signature, '2024-01-01 00:00:00')",
    "INSERT INTO sightings (id, article_id, source, source_kind, feed_id, first_seen_at, last_seen_at)"
    " VALUES (1, 1, 'https://old.example/1', 'feed', 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00')",
]


def test_0002_keeps_old_rows_and_matches_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine, "0100")
        with engine.begin() as conn:
            for statement in OLD_ROWS:
                conn.execute(text(statement), {"signature": b"\x00" * 8})
        migrate(engine, "head")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT state, has_full_content FROM feed_entries")).one() == ("queued", False)
            assert conn.execute(text("SELECT via FROM sightings")).scalar_one() == ""
            assert conn.execute(text("SELECT not_modified_streak FROM feeds")).scalar_one() == 0
            # The same link through a second feed is a second sighting now.
            conn.execute(
                text(
                    "INSERT INTO sightings (id, article_id, source, source_kind, via, first_seen_at, last_seen_at) VALUES"
                    " (2, 1, 'https://old.example/1', 'feed', 'https://other.example/rss', '2024-01-02 00:00:00',"
                    " '2024-01-02 00:00:00')"
                )
            )
            conn.commit()
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        # Only the full-text objects of 0100 are outside the models.
        assert [d for d in differences if "fts" not in str(d) and "fulltext" not in str(d)] == []

        migrate(engine, "0100", down=True)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM sightings")).scalar_one() == 1
        migrate(engine, "head")
    finally:
        engine.dispose()
