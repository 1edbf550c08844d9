"""Migration 0005 (entity aliases) on a database holding duplicate entity rows, SQLite and PostgreSQL: the rows
that name one thing are merged with their counts and article links, then down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, text

from tests.support.migrations import migrate
from worker.store.db import make_engine
from worker.store.models import Base

ARTICLE = (
    "INSERT INTO articles (id, content_hash, authors, text, word_count, source, source_kind, extractor,"
    " tagger_backend, neardup_signature, ingested_at) VALUES (:id, :hash, '[]', 'words words words', 3, :source,"
    " 'file', 'text-headers', 'builtin-1', :signature, '2024-01-01 00:00:00')"
)
# Three spellings of the United States as three rows (what releases before 0005 stored), a person, and a
# "Georgia" typed PERSON that must not join the country of that name.
ENTITIES = [
    (1, "U.S.", "u.s.", "GPE"),
    (2, "US", "us", "GPE"),
    (3, "United States", "united states", "GPE"),
    (4, "Ali Khamenei", "ali khamenei", "PERSON"),
    (5, "Georgia", "georgia", "PERSON"),
]
LINKS = [(1, 1, 4), (1, 2, 1), (2, 2, 2), (3, 3, 5), (3, 4, 2), (3, 5, 1)]  # (article, entity, count)


def _links(engine: Engine) -> set[tuple[int, str, str, int]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT a.article_id, e.name, e.type, a.count FROM article_entities a JOIN entities e"
                " ON e.id = a.entity_id"
            )
        )
        return {tuple(row) for row in rows}  # type: ignore[misc]


def test_0005_merges_duplicate_entities_keeping_counts_and_links(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine, "0003")
        with engine.begin() as conn:
            for article_id in (1, 2, 3):
                conn.execute(
                    text(ARTICLE),
                    {"id": article_id, "hash": f"h{article_id}", "source": f"/in/{article_id}.txt", "signature": b"0"},
                )
            for entity_id, name, key, kind in ENTITIES:
                conn.execute(
                    text("INSERT INTO entities (id, name, key, type) VALUES (:id, :name, :key, :type)"),
                    {"id": entity_id, "name": name, "key": key, "type": kind},
                )
            for article_id, entity_id, count in LINKS:
                conn.execute(
                    text("INSERT INTO article_entities (article_id, entity_id, count) VALUES (:a, :e, :c)"),
                    {"a": article_id, "e": entity_id, "c": count},
                )
        migrate(engine, "head")

        assert _links(engine) == {
            (1, "United States", "GPE", 5),  # "U.S." x4 and "US" x1 in one article: one link, both counts
            (2, "United States", "GPE", 2),
            (3, "United States", "GPE", 5),
            (3, "Ali Khamenei", "PERSON", 2),
            (3, "Georgia", "PERSON", 1),
        }
        with engine.connect() as conn:
            united_states = conn.execute(text("SELECT id, key FROM entities WHERE name = 'United States'")).one()
            assert united_states.key == "country:us"
            aliases = set(
                conn.execute(
                    text("SELECT alias_key FROM entity_aliases WHERE entity_id = :id"), {"id": united_states.id}
                ).scalars()
            )
            assert {"u.s.", "us", "usa", "united states", "america"} <= aliases
            assert conn.execute(text("SELECT key FROM entities WHERE name = 'Georgia'")).scalar_one() == "georgia"
            assert conn.execute(text("SELECT count(*) FROM entities")).scalar_one() == 3
            assert conn.execute(text("SELECT untagged_reason FROM articles WHERE id = 1")).scalar_one() is None
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert [d for d in differences if "fts" not in str(d) and "fulltext" not in str(d)] == []

        migrate(engine, "0004", down=True)
        with engine.connect() as conn:
            assert conn.execute(
                text("SELECT key FROM entities WHERE id = :id"), {"id": united_states.id}
            ).scalar_one() == ("united states")
        migrate(engine, "head")
    finally:
        engine.dispose()
