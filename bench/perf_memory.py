"""Memory: the RSS of a worker's pool process after many articles against after a few.

A real `celery worker --concurrency 1` on its own redis-server and SQLite database; the tasks are sent directly
with `app.send_task("worker.tasks.ingest_file", [path])`, one per plain-text article (distinct short articles
composed from the paragraph pool, so every one is stored, with its bands and entity links). RSS is read with
psutil once the queue is drained after the first batch and again after the last, and sampled along the way.
It runs in a thread, so that the benchmark can write the growth archives meanwhile (RSS does not care).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench.perf_archive import ParagraphPool, write_article_files
from bench.perf_common import Stack, log


class MemoryRun:
    """Start with `start()`; `result()` waits for the end and returns the figures."""

    def __init__(self, workdir: Path, pool: ParagraphPool, first: int, total: int, seed: int) -> None:
        self.workdir = workdir
        self.pool = pool
        self.first = first
        self.total = total
        self.seed = seed
        self.figures: dict[str, Any] = {}
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="memory-benchmark", daemon=True)

    def start(self) -> MemoryRun:
        self.thread.start()
        return self

    def result(self, timeout: float) -> dict[str, Any]:
        self.thread.join(timeout)
        if self.thread.is_alive():
            raise TimeoutError(f"the memory benchmark did not finish within {timeout:.0f} s")
        if self.error is not None:
            raise self.error
        return self.figures

    def _run(self) -> None:
        try:
            self._measure()
        except BaseException as error:  # reported from result(), in the main thread
            self.error = error

    def _measure(self) -> None:
        import psutil

        from worker.celery_app import make_celery
        from worker.config import load_settings

        paths = write_article_files(self.pool, self.workdir / "articles", self.total, self.seed)
        started = time.perf_counter()
        with Stack(self.workdir / "stack", concurrency=1, watch=False) as stack:
            app = make_celery(load_settings(stack.env()))
            engine = create_engine(stack.database_url)
            (pid,) = stack.pool_pids()
            child = psutil.Process(pid)
            samples: list[tuple[int, float]] = [(0, child.memory_info().rss / 2**20)]

            def finished() -> int:
                with engine.connect() as conn:
                    return int(
                        conn.execute(text("SELECT count(*) FROM ingest_tasks WHERE state = 'finished'")).scalar()
                    )

            def drain(expected: int) -> None:
                deadline = time.monotonic() + 60 + expected * 1.0
                next_sample = 0.0
                while (done := finished()) < expected:
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"{done} of {expected} tasks finished")
                    if time.monotonic() >= next_sample:
                        samples.append((done, child.memory_info().rss / 2**20))
                        next_sample = time.monotonic() + 5
                    time.sleep(0.5)
                time.sleep(0.5)  # the last task's result is written after its history row

            for path in paths[: self.first]:
                app.send_task("worker.tasks.ingest_file", [str(path)])
            drain(self.first)
            rss_first = child.memory_info().rss / 2**20
            samples.append((self.first, rss_first))
            log(f"memory: pool process RSS {rss_first:.0f} MiB after {self.first:,} articles")
            for path in paths[self.first :]:
                app.send_task("worker.tasks.ingest_file", [str(path)])
            drain(self.total)
            rss_total = child.memory_info().rss / 2**20
            samples.append((self.total, rss_total))
            main_rss = psutil.Process(stack.procs["worker"].pid).memory_info().rss / 2**20
            # One engine per process, one connection at a time: the database file is open once (plus -wal).
            database_handles = sorted(
                Path(f.path).name for f in child.open_files() if Path(f.path).name.startswith("newsworker.db")
            )
            threads = child.num_threads()
            same_process = stack.pool_pids() == [pid]
            with engine.connect() as conn:
                outcomes = dict(conn.execute(text("SELECT outcome, count(*) FROM ingest_tasks GROUP BY outcome")).all())
            engine.dispose()
        log(f"memory: pool process RSS {rss_total:.0f} MiB after {self.total:,} articles")
        self.figures = {
            "articles_first": self.first,
            "articles_total": self.total,
            "rss_mib_first": round(rss_first, 1),
            "rss_mib_total": round(rss_total, 1),
            "ratio": round(rss_total / rss_first, 3),
            "same_pool_process": same_process,
            "main_process_rss_mib": round(main_rss, 1),
            "pool_process_database_handles": database_handles,
            "pool_process_threads": threads,
            "outcomes": {str(k): int(v) for k, v in outcomes.items()},
            "samples_articles_rss_mib": [(n, round(rss, 1)) for n, rss in samples],
            "seconds": round(time.perf_counter() - started, 1),
        }
