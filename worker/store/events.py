"""The change feed: events appended in the transaction that writes what they report, read back in seq order.

`record_event` only queues an event on the session; a `before_commit` listener inserts every queued event at the
very end of the transaction, so the events of one transaction get consecutive-ish seqs, assigned just before COMMIT.

A reader never skips an event. On PostgreSQL two transactions can take sequence values 10 and 11 and commit 11
first: a reader that saw 11 and moved its cursor past 10 would never see 10. So the insert takes a transaction-
scoped advisory lock first: from taking a seq to COMMIT, event writers go one at a time, and what is committed is
always a prefix of the seqs handed out (PostgreSQL makes a commit visible before it releases the transaction's
locks). The lock is held only for the insert and the commit, not for the ingest before it. A transaction rolled
back after taking a seq leaves a hole for ever; readers pass it, as nothing can commit into it later.
SQLite needs no lock: it has one writer at a time (worker/store/db.py takes the write lock at BEGIN).

The other design, readers that stop below the oldest transaction still running (pg_snapshot_xmin), needs no
lock but holds every reader back behind the longest ingest transaction, and exists only on PostgreSQL; the lock
costs a commit ceiling (docs/scaling.md) far above what the workers reach.

The lock cannot deadlock with row locks: the rows an event points at (its article, its feed) were already
locked for key share by the outcome's own writes (the sighting, the feed update) before the lock is taken, so
the insert under the lock waits on nobody.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator
from typing import Any

from sqlalchemy import Connection, event, func, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, SessionTransaction

from worker.states import EventKind
from worker.store.errors import first_line
from worker.store.models import Event, iso_utc, utcnow

QUEUE_KEY = "newsworker.queued_events"
# pg_advisory_xact_lock key of event writers (the migration lock in db.py is 727101).
EVENT_WRITERS_LOCK = 727102
PAYLOAD_TEXT_LIMIT = 500  # characters of a title, reason or URL in a payload: events stay small


def record_event(
    session: Session,
    kind: EventKind | str,
    *,
    article_id: int | None = None,
    feed_id: int | None = None,
    source: str | None = None,
    task_id: str | None = None,
    payload: dict[str, Any] | None = None,
) -> None:
    """Queue an event on the session; it is inserted when the session's transaction commits, and dropped with it
    when it rolls back. Strings in the payload are cut to PAYLOAD_TEXT_LIMIT characters."""
    small = {
        key: value[:PAYLOAD_TEXT_LIMIT] if isinstance(value, str) else value
        for key, value in (payload or {}).items()
        if value is not None
    }
    session.info.setdefault(QUEUE_KEY, []).append(
        {
            "kind": str(kind),
            "created_at": utcnow(),
            "article_id": article_id,
            "feed_id": feed_id,
            "source": source,
            "task_id": task_id,
            "payload": small,
        }
    )


def queued_events(session: Session) -> list[dict[str, Any]]:
    """The events queued on the session, not yet committed (for tests and logs)."""
    return list(session.info.get(QUEUE_KEY, []))


def serialise_event_writers(connection: Connection) -> None:
    """Hold the event writers' lock until this transaction ends (PostgreSQL); see the module's docstring."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENT_WRITERS_LOCK})


@event.listens_for(Session, "before_commit")
def _insert_queued_events(session: Session) -> None:
    if not session.info.get(QUEUE_KEY):
        return
    session.flush()  # the ORM's pending rows first, so the lock is held for as little as possible
    queued = session.info.pop(QUEUE_KEY)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        serialise_event_writers(connection)
    connection.execute(insert(Event), queued)


@event.listens_for(Session, "after_transaction_end")
def _forget_queued_events(session: Session, transaction: SessionTransaction) -> None:
    # Events belong to the outermost transaction: rolled back, they never happened.
    if transaction.parent is None:
        session.info.pop(QUEUE_KEY, None)


def events_after(
    session: Session, after: int, *, limit: int = 500, kinds: Collection[str] | None = None
) -> list[Event]:
    """Up to `limit` committed events with seq > after, in seq order (optionally only these kinds)."""
    query = select(Event).where(Event.seq > after)
    if kinds:
        query = query.where(Event.kind.in_([str(kind) for kind in kinds]))
    return list(session.scalars(query.order_by(Event.seq).limit(limit)))


def last_sequence(session: Session) -> int:
    """The highest committed seq, 0 when there is none."""
    return int(session.scalar(select(func.max(Event.seq))) or 0)


OUTAGE_WAIT_SECONDS = 5.0


def follow_events(
    sessions: Callable[[], Session],
    after: int,
    stop: threading.Event,
    *,
    limit: int = 500,
    kinds: Collection[str] | None = None,
    interval: float = 1.0,
    on_outage: Callable[[str], None] | None = None,
) -> Iterator[list[dict[str, Any]]]:
    """Batches of event records after `after`, in seq order, polling every `interval` seconds until `stop` is set.
    Each poll is a new session (a new snapshot); a full batch is followed at once by the next. With `on_outage`,
    a database that cannot be read (restarting, unreachable) is reported to it and tried again, from the same seq."""
    while not stop.is_set():
        try:
            with sessions() as session:
                batch = [event_record(row) for row in events_after(session, after, limit=limit, kinds=kinds)]
        except DBAPIError as error:
            if on_outage is None:
                raise
            on_outage(first_line(error))
            stop.wait(max(interval, OUTAGE_WAIT_SECONDS))
            continue
        if batch:
            after = batch[-1]["seq"]
            yield batch
        if len(batch) < limit:
            stop.wait(interval)


def event_id(seq: int) -> str:
    return f"evt_{seq}"


def event_record(row: Event) -> dict[str, Any]:
    """The JSON form of an event (schemas/event.schema.json)."""
    return {
        "id": event_id(row.seq),
        "seq": row.seq,
        "kind": row.kind,
        "created_at": iso_utc(row.created_at),
        "article_id": row.article_id,
        "feed_id": row.feed_id,
        "source": row.source,
        "task_id": row.task_id,
        "payload": dict(row.payload or {}),
    }
