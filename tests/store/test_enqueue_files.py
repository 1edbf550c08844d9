"""enqueue_files: one task per file, their history and ledger rows in one transaction, and a broker that stops
part-way leaves the sent files recorded and says how many were sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import worker.runtime
from worker import tasks
from worker.errors import SendInterrupted
from worker.sources.inbox import record_ledger
from worker.sources.inbox_identity import ensure_inbox_id
from worker.states import LedgerState
from worker.store.models import InboxFile, IngestTask


@pytest.fixture
def task_env(settings_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    for name, value in settings_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")  # publishing is faked: no broker is ever reached
    monkeypatch.setattr(worker.runtime, "_runtime", None)
    yield settings_env
    if worker.runtime._runtime is not None:
        worker.runtime._runtime.ingestor.database.dispose()


class FakeBroker:
    def __init__(self, fail_at: int | None = None) -> None:
        self.messages: list[dict[str, Any]] = []
        self.fail_at = fail_at

    def apply_async(self, **options: Any) -> None:
        if self.fail_at is not None and len(self.messages) == self.fail_at:
            raise ConnectionError("the broker went away")
        self.messages.append(options)


def files_in_inbox(inbox: Path, count: int) -> list[Path]:
    inbox.mkdir(parents=True, exist_ok=True)
    ensure_inbox_id(inbox)
    paths = []
    for number in range(count):
        path = inbox / f"story-{number}.txt"
        path.write_text(f"Story {number}\n\nIts body.\n")
        paths.append(path)
    return paths


def ledger_recorder(path: Path):  # type: ignore[no-untyped-def]
    def record(session: Session, task_id: str) -> None:
        record_ledger(session, str(path), 1, 1, LedgerState.QUEUED, task_id=task_id)

    return record


def recorded(task_ids: list[str]) -> tuple[set[str], set[str | None]]:
    with tasks._session() as session:
        history = set(session.scalars(select(IngestTask.task_id)))
        ledger = set(session.scalars(select(InboxFile.task_id)))
    return history, ledger


@pytest.mark.parametrize("fail_at", [None, 0, 2])
def test_the_files_sent_are_recorded_in_one_batch(
    task_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, fail_at: int | None
) -> None:
    inbox = Path(task_env["NEWSWORKER_INBOX"])
    paths = files_in_inbox(inbox, 5)
    broker = FakeBroker(fail_at)
    monkeypatch.setattr(tasks.ingest_file, "apply_async", broker.apply_async)
    batch = [(path, ledger_recorder(path)) for path in paths]
    if fail_at is None:
        task_ids = tasks.enqueue_files(batch)
    else:
        with pytest.raises(SendInterrupted) as interrupted:
            tasks.enqueue_files(batch)
        task_ids = interrupted.value.task_ids
        assert isinstance(interrupted.value.cause, ConnectionError)
    assert len(task_ids) == (5 if fail_at is None else fail_at) == len(broker.messages)
    assert [message["task_id"] for message in broker.messages] == task_ids
    assert {message["queue"] for message in broker.messages} <= {tasks.inbox_queue(ensure_inbox_id(inbox))}
    history, ledger = recorded(task_ids)
    assert history == set(task_ids) and ledger == set(task_ids)


def test_enqueue_file_raises_the_brokers_own_error(task_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    [path] = files_in_inbox(Path(task_env["NEWSWORKER_INBOX"]), 1)
    monkeypatch.setattr(tasks.ingest_file, "apply_async", FakeBroker(fail_at=0).apply_async)
    with pytest.raises(ConnectionError):
        tasks.enqueue_file(path)
    assert recorded([]) == (set(), set())
