"""A Database with deferred_begin (the HTTP API's) reads a SQLite snapshot while a worker holds the write lock,
instead of queueing behind it for up to the busy timeout."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from tests.bad_inputs import good_article
from worker.config import load_settings
from worker.ingest import Ingestor
from worker.store.db import Database
from worker.store.models import Article, Feed


def test_a_deferred_reader_reads_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    settings = load_settings({"NEWSWORKER_HOME": str(tmp_path)})
    writer = Database(settings.database_url)
    (tmp_path / "one.txt").write_bytes(good_article("Harbour bridge reopens"))
    Ingestor(settings, writer).ingest_file(tmp_path / "one.txt")
    reader = Database(settings.database_url, deferred_begin=True)
    try:
        with writer.session() as writing, writing.begin():
            writing.add(Feed(url="http://example.com/feed.xml", every_seconds=60))
            writing.flush()  # BEGIN IMMEDIATE: the write lock is held until this block ends
            with reader.session() as reading:
                # Answered from the last committed snapshot; an IMMEDIATE reader would wait 30 s, then fail.
                assert reading.scalar(select(func.count()).select_from(Article)) == 1
                assert reading.scalar(select(func.count()).select_from(Feed)) == 0
        with reader.session() as reading:
            assert reading.scalar(select(func.count()).select_from(Feed)) == 1
    finally:
        reader.dispose()
        writer.dispose()
