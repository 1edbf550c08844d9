"""The change feed's store (worker/store/events.py) on SQLite and, with TEST_DATABASE_URL, PostgreSQL: events are
written at commit and only then, in seq order, never reused; and on PostgreSQL a reader following concurrent
writers never skips an event that commits into a gap it has already read past."""

from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, delete, event, text
from sqlalchemy.orm import Session

from worker.states import EventKind
from worker.store import events as events_module
from worker.store.db import Database
from worker.store.events import event_record, events_after, last_sequence, queued_events, record_event
from worker.store.models import Event


def test_an_event_is_written_only_when_its_transaction_commits(database: Database) -> None:
    with database.session() as session, session.begin():
        record_event(session, EventKind.INPUT_REJECTED, source="/in/a.txt", task_id="t-1", payload={"reason": "x"})
        assert len(queued_events(session)) == 1
        # Not inserted yet: it goes in at the very end of the transaction.
        assert session.scalar(text("SELECT count(*) FROM events")) == 0
    with database.session() as session:
        rows = events_after(session, 0)
        assert [(row.kind, row.source, row.task_id, row.payload) for row in rows] == [
            ("input.rejected", "/in/a.txt", "t-1", {"reason": "x"})
        ]
        assert last_sequence(session) == rows[0].seq


def test_a_rolled_back_transaction_leaves_no_event_and_queues_nothing_for_the_next(database: Database) -> None:
    with database.session() as session:
        with pytest.raises(RuntimeError), session.begin():
            record_event(session, EventKind.INPUT_ERROR, source="lost")
            raise RuntimeError("the store failed")
        assert queued_events(session) == []
        with session.begin():
            record_event(session, EventKind.INPUT_ERROR, source="kept")
    with database.session() as session:
        assert [row.source for row in events_after(session, 0)] == ["kept"]


def test_events_come_back_in_seq_order_after_a_cursor_with_limit_and_kinds(database: Database) -> None:
    kinds = [EventKind.INPUT_REJECTED, EventKind.INPUT_ERROR] * 5
    for number, kind in enumerate(kinds):
        with database.session() as session, session.begin():
            record_event(session, kind, source=f"s{number}")
    with database.session() as session:
        every = events_after(session, 0)
        seqs = [row.seq for row in every]
        assert seqs == sorted(seqs) and len(set(seqs)) == 10
        assert [row.source for row in events_after(session, seqs[3], limit=2)] == ["s4", "s5"]
        errors = events_after(session, seqs[0], kinds=["input.error"])
        assert [row.source for row in errors] == ["s1", "s3", "s5", "s7", "s9"]
        assert events_after(session, seqs[-1]) == []


def test_seq_numbers_are_never_reused_after_the_newest_rows_are_deleted(database: Database) -> None:
    for number in range(3):
        with database.session() as session, session.begin():
            record_event(session, EventKind.INPUT_REJECTED, source=f"s{number}")
    with database.session() as session, session.begin():
        highest = last_sequence(session)
        session.execute(delete(Event))
    with database.session() as session, session.begin():
        record_event(session, EventKind.INPUT_REJECTED, source="after")
    with database.session() as session:
        assert last_sequence(session) > highest


def test_event_record_has_a_string_id_and_the_seq(database: Database) -> None:
    with database.session() as session, session.begin():
        record_event(session, EventKind.FEED_FAILING, payload={"url": "http://x/feed", "title": None})
    with database.session() as session:
        row = events_after(session, 0)[0]
        record = event_record(row)
    assert record["id"] == f"evt_{row.seq}" and record["seq"] == row.seq
    assert record["kind"] == "feed.failing"
    assert record["payload"] == {"url": "http://x/feed"}  # None values are left out
    assert record["created_at"].endswith("+00:00")


def _postgres_url(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("concurrent writers commit out of seq order only on PostgreSQL")


WRITERS = 4
TRANSACTIONS_PER_WRITER = 40


class RollBack(Exception):
    pass


def test_a_reader_following_concurrent_writers_gets_every_event_once_in_seq_order(
    database_url: str, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writers hold their transaction open a random while after inserting their events; a reader follows with
    events_after from its last seq the whole time. Without the writers' lock, a seq committed late into a gap the
    reader has passed is lost (run with NEWSWORKER_TEST_NO_EVENT_LOCK=1 to see this test fail)."""
    _postgres_url(database_url)
    if os.environ.get("NEWSWORKER_TEST_NO_EVENT_LOCK"):
        monkeypatch.setattr(events_module, "serialise_event_writers", lambda connection: None)
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1), pool_size=WRITERS + 2)
    writers_done = threading.Event()
    failures: list[BaseException] = []

    def pause_before_commit(session: Session) -> None:
        time.sleep(random.uniform(0, 0.02))  # after the events' insert (listeners run in order), before COMMIT

    def write(writer: int) -> None:
        try:
            for number in range(TRANSACTIONS_PER_WRITER):
                with Session(engine) as session:
                    event.listen(session, "before_commit", pause_before_commit)
                    if number % 10 == 9:  # some roll back after taking a seq: a permanent hole to pass
                        with pytest.raises(RollBack), session.begin():
                            session.execute(text("SELECT nextval(pg_get_serial_sequence('events', 'seq'))"))
                            raise RollBack
                    with session.begin():
                        for part in range(random.randint(1, 3)):
                            record_event(session, EventKind.INPUT_REJECTED, source=f"w{writer}-{number}-{part}")
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)

    received: list[dict[str, Any]] = []

    def read() -> None:
        cursor = 0
        try:
            while True:
                finished = writers_done.is_set()  # read once more after the writers are done
                with Session(engine) as session:
                    batch = [event_record(row) for row in events_after(session, cursor, limit=7)]
                if batch:
                    received.extend(batch)
                    cursor = batch[-1]["seq"]
                elif finished:
                    return
        except BaseException as error:  # noqa: BLE001
            failures.append(error)

    reader = threading.Thread(target=read)
    writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    writers_done.set()
    reader.join()
    engine.dispose()
    assert failures == []
    with database.session() as session:
        committed = [row.seq for row in events_after(session, 0, limit=100_000)]
    seqs = [record["seq"] for record in received]
    assert len(committed) >= WRITERS * TRANSACTIONS_PER_WRITER
    assert seqs == sorted(set(seqs)), "out of order or twice"
    assert seqs == committed, f"missed {sorted(set(committed) - set(seqs))[:20]}"


def test_migration_0006_goes_down_and_up_again(database_url: str, database: Database) -> None:
    from sqlalchemy import inspect

    from tests.support.migrations import migrate

    for target, present in (("0005", False), ("heads", True)):
        migrate(database.engine, target, down=target == "0005")
        assert ("events" in inspect(database.engine).get_table_names()) is present
    with database.session() as session, session.begin():
        record_event(session, EventKind.INPUT_REJECTED, source="after the round trip")


def test_a_follower_reports_an_unreadable_database_and_reads_on_from_the_same_seq(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from worker.store.events import follow_events

    monkeypatch.setattr(events_module, "OUTAGE_WAIT_SECONDS", 0.01)
    for number in range(3):
        with database.session() as session, session.begin():
            record_event(session, EventKind.INPUT_REJECTED, source=f"s{number}")
    # A real driver error: SQLite cannot open a file in a folder that does not exist.
    unreadable = create_engine(f"sqlite:///{tmp_path / 'gone' / 'newsworker.db'}")
    opened = iter([Session(unreadable), database.session(), Session(unreadable)])

    def sessions() -> Session:
        return next(opened, None) or database.session()

    problems: list[str] = []
    stop = threading.Event()
    batches = follow_events(sessions, 0, stop, limit=2, interval=0.01, on_outage=problems.append)
    first, second = next(batches), next(batches)
    stop.set()
    assert [[row["source"] for row in batch] for batch in (first, second)] == [["s0", "s1"], ["s2"]]
    assert len(problems) == 2 and all("unable to open database file" in problem for problem in problems)
    with pytest.raises(OperationalError):  # without on_outage the error is the caller's
        next(follow_events(lambda: Session(unreadable), 0, threading.Event()))
    unreadable.dispose()
