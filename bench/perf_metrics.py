"""What a scrape of `newsworker metrics` costs as the ingest history grows: the database part of one scrape
(the read of the whole history the server does as it starts, and a scrape after it, which reads only the
rows since), against `newsworker status` on the same database as the baseline (its counts are the same kind of
GROUP BY over the history).

Run: python -m bench.perf_metrics [ROWS ...]   (default 10000 100000; a temporary SQLite database)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

KINDS = ("ingest_file", "ingest_feed_entry", "ingest_url")
OUTCOMES = ("stored", "duplicate", "near-duplicate", "rejected")
TIMINGS = {"read": 0.4, "extract": 12.5, "hash": 0.1, "neardup_fingerprint": 2.0, "tag": 8.0, "store": 6.0}


def fill(database: object, rows: int) -> None:
    from worker.store.models import InboxFile, IngestTask, utcnow

    start = utcnow() - timedelta(days=30)
    batch = 5000
    with database.session() as session, session.begin():  # type: ignore[attr-defined]
        for first in range(0, rows, batch):
            tasks, files = [], []
            for n in range(first, min(rows, first + batch)):
                at = start + timedelta(seconds=n)
                kind = KINDS[n % 3]
                tasks.append(
                    {"task_id": f"t{n}", "kind": kind, "argument": f"/inbox/{n}.txt", "state": "finished",
                     "outcome": OUTCOMES[n % 4], "attempts": 1, "deliveries": 1, "timings": TIMINGS,
                     "queued_at": at, "started_at": at, "finished_at": at + timedelta(seconds=1)}
                )  # fmt: skip
                if kind == "ingest_file":
                    files.append(
                        {"path": f"/inbox/{n}.txt", "size": 100, "mtime_ns": int((at.timestamp() - 0.5) * 1e9),
                         "state": "done", "task_id": f"t{n}", "updated_at": at}
                    )  # fmt: skip
            session.execute(insert(IngestTask), tasks)
            session.execute(insert(InboxFile), files)


def timed(call: object) -> float:
    started = time.perf_counter()
    call()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def measure(settings: Any, database: Any, collector: Any) -> tuple[float, float, float]:
    """(status, first read of the collector, best of three later scrapes), in milliseconds."""
    from worker.status import collect_status

    status_ms = min(timed(lambda: collect_status(settings, database)) for _ in range(3))
    first_ms = timed(lambda: list(collector._from_database()))
    next_ms = min(timed(lambda: list(collector._from_database())) for _ in range(3))
    return status_ms, first_ms, next_ms


def main(argv: list[str]) -> int:
    from worker.config import load_settings
    from worker.metrics import NewsworkerCollector
    from worker.store.db import Database

    parser = argparse.ArgumentParser(prog="python -m bench.perf_metrics", description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", nargs="*", type=int, help="history sizes to measure (default 10000 100000)")
    sizes = parser.parse_args(argv).rows or [10_000, 100_000]
    print(f"{'rows':>8}  {'status ms':>10}  {'start read ms':>13}  {'scrape ms':>9}  {'scrape/status':>13}")
    for rows in sizes:
        with tempfile.TemporaryDirectory() as folder:
            settings = load_settings(
                {
                    "NEWSWORKER_HOME": folder,
                    "REDIS_URL": "redis://127.0.0.1:1/0",
                    "DATABASE_URL": f"sqlite:///{Path(folder) / 'm.db'}",
                }
            )
            database = Database(settings.database_url)
            fill(database, rows)
            status_ms, first_ms, next_ms = measure(settings, database, NewsworkerCollector(settings, database))
            database.dispose()
        print(f"{rows:>8}  {status_ms:>10.1f}  {first_ms:>13.1f}  {next_ms:>9.1f}  {next_ms / status_ms:>13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
