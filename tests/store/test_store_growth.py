"""What keeps the store's per-article cost flat as the archive grows (docs/performance.md, growth): the bounded
near-duplicate lookup reads exactly the candidates `neardup.bounded_candidates` says, on SQLite and PostgreSQL,
and its window keeps old articles out; the metrics scrape reads new tasks through an index; SQLite's WAL is
checkpointed in the background."""

from __future__ import annotations

import math
import random
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, update

from worker.pipeline.neardup import CandidateBounds, bounded_candidates
from worker.store.models import Article, NearDupBand, utcnow
from worker.store.repository import near_duplicate_candidates

KEYS = list(range(-3, 9))  # a few band keys, so that postings pile up on them


def fill_archive(database, rng: random.Random, articles: int) -> dict[int, list[int]]:  # type: ignore[no-untyped-def]
    """`articles` articles ingested an hour apart up to now, each with a few of KEYS; returns each key's ids."""
    now = utcnow()
    postings: dict[int, list[int]] = {key: [] for key in KEYS}
    article_rows, band_rows = [], []
    for article_id in range(1, articles + 1):
        article_rows.append(
            {
                "id": article_id,
                "content_hash": f"{article_id:064d}",
                "text": "x",
                "source": f"/in/{article_id}",
                "source_kind": "file",
                "extractor": "text-headers",
                "tagger_backend": "test",
                "neardup_signature": article_id.to_bytes(4, "little") * 128,
                "ingested_at": now - timedelta(hours=articles - article_id),
                "authors": [],
                "word_count": 1,
            }
        )
        for key in rng.sample(KEYS, rng.randint(1, 4)):
            postings[key].append(article_id)
            band_rows.append({"band_key": key, "article_id": article_id})
    with database.session() as session, session.begin():
        session.execute(insert(Article), article_rows)
        session.execute(insert(NearDupBand), band_rows)
    return postings


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_store_reads_the_candidates_bounded_candidates_says(database, seed: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    articles = 60
    postings = fill_archive(database, rng, articles)
    for _case in range(12):
        keys = rng.sample(KEYS, rng.randint(1, len(KEYS)))
        window_hours = rng.choice([None, 0.5, 5, 20, 45, 1000])
        bounds = CandidateBounds(
            window_seconds=None if window_hours is None else window_hours * 3600,
            per_key=rng.randint(1, 12),
            limit=rng.randint(1, 40),
        )
        # Article i was ingested (articles - i) hours before the lookup's start: the window's first article is
        # the first one less than window_hours old.
        floor = 0 if window_hours is None else max(1, math.floor(articles - window_hours) + 1)
        expected = bounded_candidates((postings[key] for key in keys), floor, bounds.per_key, bounds.limit)
        with database.session() as session:
            found = [row.id for row in near_duplicate_candidates(session, keys, bounds)]
        assert found == expected, (keys, bounds)


def story_files(tmp_path: Path) -> tuple[Path, Path]:
    """A wire story and its republication (new headline, boilerplate, edits) as plain-text inbox files."""
    from tests.support.neardup_corpus import generate_stories

    (story,) = generate_stories(1, seed=7)
    paths = []
    for index in (0, 1):
        path = tmp_path / f"variant{index}.txt"
        path.write_text(f"Variant {index} of the story\nBy Wire Desk\n\n{story.variants[index]}\n", encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def ingestor_with(settings, database, **changes):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from worker.ingest import Ingestor

    return Ingestor(replace(settings, **changes), database)


def test_a_republication_within_the_window_is_a_near_duplicate_and_one_older_is_not(  # type: ignore[no-untyped-def]
    settings, database, tmp_path: Path
) -> None:
    original, republished = story_files(tmp_path)
    ingestor = ingestor_with(settings, database)
    first = ingestor.ingest_file(original)
    assert first.status == "stored"
    article_id = first.documents[0].article_id
    with database.session() as session, session.begin():
        ingested = session.get(Article, article_id).ingested_at
    again = ingestor.ingest_file(republished)
    assert (again.status, again.documents[0].near_duplicate_of) == ("near-duplicate", article_id)

    # The same story seen 31 days ago is outside the default 30-day window: the republication is a new article.
    with database.session() as session, session.begin():
        session.execute(
            update(Article).where(Article.id == article_id).values(ingested_at=ingested - timedelta(days=31))
        )
        session.execute(delete(Article).where(Article.id == again.documents[0].article_id))
    late = ingestor.ingest_file(republished)
    assert (late.status, late.documents[0].near_duplicate_of) == ("stored", None)

    # Without a window the whole archive is searched, as before the window existed.
    with database.session() as session, session.begin():
        session.execute(delete(Article).where(Article.id == late.documents[0].article_id))
    unbounded = ingestor_with(settings, database, neardup_window=None).ingest_file(republished)
    assert (unbounded.status, unbounded.documents[0].near_duplicate_of) == ("near-duplicate", article_id)


def test_the_metrics_scrape_reads_newly_finished_tasks_through_an_index(database) -> None:  # type: ignore[no-untyped-def]
    """Each scrape asks for the tasks finished since the last one: an index range, not every finished task."""
    from sqlalchemy import select, text

    from worker.states import TaskState
    from worker.store.models import IngestTask

    query = select(IngestTask.task_id).where(IngestTask.state == TaskState.FINISHED, IngestTask.finished_at > utcnow())
    with database.engine.connect() as conn:
        sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        if conn.dialect.name == "sqlite":
            plan = " ".join(str(row[-1]) for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
        else:  # an empty table: the planner must be told that a scan is dear, as it is in a long history
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            plan = " ".join(str(row[0]) for row in conn.execute(text("EXPLAIN " + sql)))
    assert "ix_ingest_tasks_state_finished_at" in plan, plan


def test_a_background_thread_checkpoints_the_sqlite_wal_so_commits_need_not(tmp_path: Path) -> None:
    """SQLite: the WAL is copied back by the Database's checkpointer thread; a commit does it itself only past
    SQLITE_WAL_AUTOCHECKPOINT_PAGES. The thread ends with its Database."""
    from sqlalchemy import text

    from tests.integration.stack import wait_for
    from worker.store.db import SQLITE_WAL_AUTOCHECKPOINT_PAGES, Database

    database = Database(f"sqlite:///{tmp_path / 'wal.db'}")
    checkpointer = database.checkpointer
    assert checkpointer is not None
    with database.session() as session, session.begin():
        assert session.scalar(text("PRAGMA wal_autocheckpoint")) == SQLITE_WAL_AUTOCHECKPOINT_PAGES
        session.execute(text("CREATE TABLE filler (body TEXT)"))
        session.execute(text("INSERT INTO filler VALUES (:body)"), [{"body": "x" * 3000}] * 200)
    wait_for(lambda: checkpointer.last is not None and checkpointer.last[1] > 0, timeout=60)
    busy, pages, copied = checkpointer.last  # type: ignore[misc]
    assert (busy, copied) == (0, pages)
    assert checkpointer.thread is not None and checkpointer.thread.is_alive()
    database.dispose()
    wait_for(lambda: not checkpointer.thread.is_alive(), timeout=60)  # type: ignore[union-attr]


def test_sqlite_commits_are_synced_before_a_file_leaves_the_inbox(tmp_path: Path) -> None:
    """synchronous=FULL (2): with NORMAL a power loss can roll back commits whose files were already moved to
    inbox/processed/, where nothing looks for them again."""
    from sqlalchemy import text

    from worker.store.db import Database

    database = Database(f"sqlite:///{tmp_path / 'sync.db'}")
    try:
        with database.session() as session, session.begin():
            assert session.scalar(text("PRAGMA synchronous")) == 2
            assert session.scalar(text("PRAGMA journal_mode")) == "wal"
    finally:
        database.dispose()
