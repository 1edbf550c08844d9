"""The watcher sends a turn's stable files in batches: one ledger query and one send per batch, and a broker that
fails part-way keeps the unsent files for after the backoff without sending the sent ones again."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.errors import SendInterrupted
from worker.sources.watcher import SEND_BATCH, InboxWatcher
from worker.store import history
from worker.store.db import Database
from worker.store.models import InboxFile

pytestmark = pytest.mark.integration

Files = list[tuple[Path, Callable[[Session, str], None]]]


class Broker:
    """A `send` that records its batches; `fail_after` files into the next batch, it stops as a broker would."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.batches: list[list[str]] = []
        self.fail_after: int | None = None
        self.count = 0

    def send(self, files: Files) -> list[str]:
        self.batches.append([path.name for path, _record in files])
        sent = files if self.fail_after is None else files[: self.fail_after]
        task_ids = []
        with self.database.session() as session, session.begin():  # as enqueue_files writes them
            for path, record in sent:
                self.count += 1
                task_id = f"task-{self.count}"
                history.record_queued(session, task_id, "ingest_file", str(path))
                record(session, task_id)
                task_ids.append(task_id)
        if self.fail_after is not None:
            self.fail_after = None
            error = ConnectionError("the broker went away")
            if not task_ids:
                raise error
            raise SendInterrupted(task_ids, error)
        return task_ids


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'watcher.db'}")
    yield database
    database.dispose()


def inbox_with(tmp_path: Path, count: int) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(count):
        (inbox / f"story-{number:03}.txt").write_text(f"Story {number}\n\nIts body.\n")
    return inbox


def watcher_on(inbox: Path, database: Database, broker: Broker) -> InboxWatcher:
    watcher = InboxWatcher(inbox, database, broker.send, stable_seconds=0.0, settle_seconds=0.0)
    watcher.scan()
    return watcher


def queued_names(database: Database) -> list[str]:
    with database.session() as session:
        return sorted(Path(row.path).name for row in session.scalars(select(InboxFile)) if row.state == "queued")


def test_a_turns_files_go_in_batches_and_each_once(tmp_path: Path, database: Database) -> None:
    count = SEND_BATCH + 6
    inbox = inbox_with(tmp_path, count)
    broker = Broker(database)
    watcher = watcher_on(inbox, database, broker)
    watcher.process_candidates(time.monotonic())
    assert [len(batch) for batch in broker.batches] == [SEND_BATCH, 6]
    assert sorted(name for batch in broker.batches for name in batch) == sorted(os.listdir(inbox))
    assert watcher.sent == count and not watcher._candidates
    assert len(queued_names(database)) == count
    watcher.scan()  # a rescan: the ledger says every file is queued
    watcher.process_candidates(time.monotonic())
    assert len(broker.batches) == 2 and watcher.sent == count


@pytest.mark.parametrize("sent_before_failure", [0, 3])
def test_a_broker_failing_part_way_keeps_only_the_unsent_files(
    tmp_path: Path, database: Database, sent_before_failure: int
) -> None:
    inbox = inbox_with(tmp_path, 10)
    broker = Broker(database)
    broker.fail_after = sent_before_failure
    watcher = watcher_on(inbox, database, broker)
    now = time.monotonic()
    watcher.process_candidates(now)
    first = broker.batches[0][:sent_before_failure]
    assert watcher.sent == sent_before_failure
    assert queued_names(database) == sorted(first)
    waiting = sorted(path.name for path in watcher._candidates)
    assert waiting == sorted(set(os.listdir(inbox)) - set(first))
    assert all(when > now for when in watcher._candidates.values())  # the backoff, not at once
    watcher.process_candidates(now)  # still within the backoff: nothing is sent
    assert len(broker.batches) == 1
    watcher.process_candidates(max(watcher._candidates.values()))
    assert sorted(broker.batches[1]) == waiting  # the sent ones are not sent again
    assert watcher.sent == 10 and len(queued_names(database)) == 10
