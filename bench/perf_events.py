"""What the change feed's ordering lock costs on PostgreSQL: W threads, each committing T small transactions as
fast as it can, every one with an event (worker/store/events.py), with the writers' advisory lock and without it
(where a reader could skip events), and with no event at all. A transaction here holds nothing but its event, so
this is the ceiling the lock puts on event-writing commits, not an ingest rate (a real store step is 5-20 ms).

Run: python -m bench.perf_events [--writers W] [--transactions T]   (TEST_DATABASE_URL or the local PostgreSQL)
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from bench.perf_common import postgres_base_url, postgres_reachable, postgres_schema


def commits_per_second(database: object, writers: int, transactions: int, work: Callable[[Session], None]) -> float:
    """Transactions committed per second by `writers` threads doing `transactions` each."""

    def write() -> None:
        for _ in range(transactions):
            with database.session() as session, session.begin():  # type: ignore[attr-defined]
                work(session)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return writers * transactions / (time.perf_counter() - started)


def main(argv: list[str]) -> int:
    from worker.states import EventKind
    from worker.store import events
    from worker.store.db import Database

    parser = argparse.ArgumentParser(prog="python -m bench.perf_events", description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--transactions", type=int, default=300, help="per writer")
    args = parser.parse_args(argv)
    base = postgres_base_url()
    problem = postgres_reachable(base)
    if problem:
        print(f"PostgreSQL is not reachable: {problem}", file=sys.stderr)
        return 1

    def with_event(session: Session) -> None:
        events.record_event(session, EventKind.INPUT_REJECTED, source="/bench/input.txt", payload={"reason": "x"})

    def without_event(session: Session) -> None:
        # A row of about the event's size: a transaction that wrote nothing would commit without a WAL flush.
        session.execute(text("INSERT INTO bench_rows (reason) VALUES ('x')"))

    locked = events.serialise_event_writers
    rows = []
    with postgres_schema(base) as url:
        database = Database(url)
        with database.session() as session, session.begin():
            session.execute(text("CREATE TABLE bench_rows (id bigserial primary key, reason text)"))
        cases: list[tuple[str, Callable[[Session], None], Callable[[Connection], None]]] = [
            ("a row, no event", without_event, locked),
            ("an event, with the lock", with_event, locked),
            ("an event, without the lock", with_event, lambda connection: None),
        ]
        for name, work, lock in cases * 2:  # twice, interleaved: the machine's load moves
            events.serialise_event_writers = lock  # type: ignore[assignment]
            rows.append((name, commits_per_second(database, args.writers, args.transactions, work)))
        events.serialise_event_writers = locked  # type: ignore[assignment]
        database.dispose()
    print(f"{args.writers} writers x {args.transactions} transactions each")
    for name, _work, _lock in cases:
        rates = [rate for row_name, rate in rows if row_name == name]
        print(f"{name:<30} {' '.join(f'{rate:8.0f}' for rate in rates)} commits/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
