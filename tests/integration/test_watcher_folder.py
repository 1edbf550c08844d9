"""The watcher's decisions on a real folder with real inotify events: when a file counts as finished.

The broker is out of the picture here (`send` records the path); the full stack is in test_watch_stack.py.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.sources.watcher import InboxWatcher
from worker.store import history
from worker.store.db import Database
from worker.store.models import IngestTask

pytestmark = pytest.mark.integration

LONG = 30.0  # a stability delay no test waits out: a file sent sooner was taken on its close event


class RunningWatcher:
    def __init__(
        self,
        inbox: Path,
        database: Database,
        *,
        stable_seconds: float,
        settle_seconds: float,
        resend_after: float = 600.0,
        rescan_seconds: float = 3600.0,
    ) -> None:
        self.sent: list[Path] = []
        self.database = database
        self.watcher = InboxWatcher(
            inbox,
            database,
            self._send,
            stable_seconds=stable_seconds,
            settle_seconds=settle_seconds,
            resend_after=resend_after,
            rescan_seconds=rescan_seconds,
        )
        self.thread = threading.Thread(target=self.watcher.run, daemon=True)

    def _send(self, files: list[tuple[Path, Callable[[Session, str], None]]]) -> list[str]:
        task_ids = []
        with self.database.session() as session, session.begin():  # as enqueue_files writes them
            for path, record in files:
                self.sent.append(path)
                task_id = f"task-{len(self.sent)}"
                history.record_queued(session, task_id, "ingest_file", str(path))
                record(session, task_id)
                task_ids.append(task_id)
        return task_ids

    def names(self) -> list[str]:
        return [path.name for path in self.sent]

    def wait_for(self, name: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if name in self.names():
                return True
            time.sleep(0.02)
        return False


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'watcher.db'}")
    yield database
    database.dispose()


@contextmanager
def watching(
    tmp_path: Path,
    database: Database,
    *,
    stable_seconds: float = LONG,
    settle_seconds: float = 0.1,
    files: dict[str, str] | None = None,
    **timing: float,
) -> Iterator[tuple[Path, RunningWatcher]]:
    """A watcher running on a fresh inbox (holding `files` before it starts); stopped on the way out."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, text in (files or {}).items():
        (inbox / name).write_text(text)
    running = RunningWatcher(inbox, database, stable_seconds=stable_seconds, settle_seconds=settle_seconds, **timing)
    running.thread.start()
    time.sleep(0.3)  # the observer is scheduled before the start scan; let it begin
    try:
        yield inbox, running
    finally:
        running.watcher.stop()
        running.thread.join(10)


def test_a_closed_file_is_taken_after_the_settle_not_the_full_delay(tmp_path: Path, database: Database) -> None:
    with watching(tmp_path, database) as (inbox, running):
        (inbox / "story.txt").write_text("A story\n\nIts body.\n")
        assert running.wait_for("story.txt", 10), running.names()
    assert running.names() == ["story.txt"]


def test_a_file_still_open_for_writing_waits(tmp_path: Path, database: Database) -> None:
    with watching(tmp_path, database) as (inbox, running):
        with open(inbox / "slow.html", "w") as handle:
            handle.write("<html><body><p>first half")
            handle.flush()
            assert not running.wait_for("slow.html", 1.5)  # open, unchanged for 15 settles: not taken
            handle.write(" second half</p></body></html>")
        assert running.wait_for("slow.html", 10)


def test_a_part_file_renamed_into_place_is_taken(tmp_path: Path, database: Database) -> None:
    with watching(tmp_path, database) as (inbox, running):
        (inbox / "download.html.part").write_text("<html><body><p>A page.</p></body></html>")
        time.sleep(0.5)
        assert running.names() == []  # junk names are never taken
        (inbox / "download.html.part").rename(inbox / "download.html")
        assert running.wait_for("download.html", 10), running.names()


def test_reading_a_file_is_not_writing_it(tmp_path: Path, database: Database) -> None:
    """The workers' own reads (open, close-no-write) must not make the watcher look at a file again."""
    with watching(tmp_path, database) as (inbox, running):
        (inbox / "read-me.txt").write_text("A story\n\nIts body.\n")
        assert running.wait_for("read-me.txt", 10)
        for _ in range(20):
            (inbox / "read-me.txt").read_bytes()
        time.sleep(0.3)
        assert not running.watcher._candidates  # nothing left to look at
    assert running.names() == ["read-me.txt"]


def test_files_present_at_start_wait_the_full_delay(tmp_path: Path, database: Database) -> None:
    old = {"old.txt": "An old story\n\nIts body.\n"}
    with watching(tmp_path, database, stable_seconds=1.5, settle_seconds=0.05, files=old) as (_inbox, running):
        assert not running.wait_for("old.txt", 0.7)  # no close event seen for it: the settle does not apply
        assert running.wait_for("old.txt", 10)


def test_a_file_with_no_outcome_is_sent_again_and_its_first_task_closed(tmp_path: Path, database: Database) -> None:
    """No worker ever reports on task-1 (its message was lost): the rescan after resend_after sends the file
    again, and the history says what became of task-1 instead of leaving it queued forever."""
    with watching(tmp_path, database, stable_seconds=0.2, resend_after=0.5, rescan_seconds=0.5) as (inbox, running):
        (inbox / "lost.txt").write_text("A story\n\nIts body.\n")
        assert running.wait_for("lost.txt", 10)
        deadline = time.monotonic() + 10
        while len(running.sent) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert running.names()[:2] == ["lost.txt", "lost.txt"]
    with database.session() as session:
        tasks = {row.task_id: row for row in session.scalars(select(IngestTask))}
    assert tasks["task-1"].state == "resent"
    assert tasks["task-1"].error == "no outcome in time: sent again as task task-2"
    assert tasks["task-1"].finished_at is not None
    assert tasks["task-2"].state in ("queued", "resent")  # task-3 may have followed it before the stop


def test_a_backslash_name_and_a_byte_name_are_two_files(tmp_path: Path, database: Database) -> None:
    """Issue 15 §8: `caf\\xe9.txt` typed with a backslash displayed like the Latin-1 bytes b"caf\\xe9.txt"; with
    the same size and mtime the second shared the first's ledger entry and was never sent."""
    import os

    typed = "caf\\xe9.txt"
    latin1 = os.fsdecode(b"caf\xe9.txt")
    with watching(tmp_path, database, stable_seconds=0.3, settle_seconds=0.05) as (inbox, running):
        staging = tmp_path / "staging"
        staging.mkdir()
        for name in (typed, latin1):  # same size and mtime, both set before the watcher can see either
            (staging / name).write_text("A story\n\nIts body.\n")
            os.utime(staging / name, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
        for name in (typed, latin1):
            os.rename(staging / name, inbox / name)
        assert running.wait_for(typed, 10) and running.wait_for(latin1, 10), running.names()
    assert sorted(running.names()) == sorted([typed, latin1])
