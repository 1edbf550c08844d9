"""Shared pieces of the performance benchmark: percentiles, statement timing, the private PostgreSQL schema, and a
running stack (redis-server, celery worker, watcher) from tests/integration. The bare trafilatura loops of
figures 1-3 are in bench/perf_real.py."""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
# Alembic keeps module-level state while it migrates: two threads of this process must not migrate at once.
MIGRATIONS = threading.Lock()


def open_database(url: str) -> Any:
    """`worker.store.db.Database(url)` (migrated), one thread at a time."""
    from worker.store.db import Database

    with MIGRATIONS:
        return Database(url)


def log(message: str) -> None:
    """Progress on stderr, so stdout keeps only the table."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- small statistics ------------------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which `share` of the values lie (linear interpolation between order statistics)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(values: Sequence[float]) -> dict[str, float]:
    """p50, p90, p99, mean, min and max of the values, rounded for the report."""
    if not values:
        return {}
    return {
        "p50": round(percentile(values, 0.50), 4),
        "p90": round(percentile(values, 0.90), 4),
        "p99": round(percentile(values, 0.99), 4),
        "mean": round(statistics.fmean(values), 4),
        "min": round(min(values), 4),
        "max": round(max(values), 4),
        "n": len(values),
    }


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import platform

    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(value, 2) for value in load],
    }


# --- timing SQL statements -------------------------------------------------------------------------------


STATEMENT_KINDS = (
    ("exact-hash lookup", "SELECT articles.id FROM articles WHERE articles.content_hash"),
    ("near-dup candidates", "FROM neardup_bands"),
    ("article insert", "INSERT INTO articles "),
    ("band insert", "INSERT INTO neardup_bands"),
    ("entity upsert", "INSERT INTO entities"),
    ("entity lookup", "FROM entities"),
    ("entity links", "INSERT INTO article_entities"),
    ("sighting upsert", "INSERT INTO sightings"),
    ("rejection cleanup", "DELETE FROM rejections"),
)


@dataclass
class StatementTimer:
    """Wall time per kind of SQL statement on an engine (listeners on cursor execution), plus commits."""

    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    enabled: bool = True
    _kinds: dict[str, str] = field(default_factory=dict)

    def attach(self, engine: Engine) -> StatementTimer:
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        dialect = engine.dialect
        do_commit = dialect.do_commit

        def timed_commit(dbapi_connection: Any) -> None:  # the COMMIT itself (WAL append, fsync, checkpoint)
            started = time.perf_counter()
            do_commit(dbapi_connection)
            if self.enabled:
                self.seconds["commit"] = self.seconds.get("commit", 0.0) + time.perf_counter() - started
                self.calls["commit"] = self.calls.get("commit", 0) + 1

        dialect.do_commit = timed_commit  # type: ignore[method-assign]
        return self

    def _before(self, conn: Any, _cursor: Any, _statement: str, *_args: Any) -> None:
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        started = conn.info.pop("bench_started", None)
        if started is None or not self.enabled:
            return
        kind = self._kinds.get(statement)
        if kind is None:
            flat = " ".join(statement.split())
            kind = self._kinds[statement] = next((name for name, marker in STATEMENT_KINDS if marker in flat), "other")
        self.seconds[kind] = self.seconds.get(kind, 0.0) + time.perf_counter() - started
        self.calls[kind] = self.calls.get(kind, 0) + 1

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()


# --- PostgreSQL ------------------------------------------------------------------------------------------


def postgres_base_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL") or DEFAULT_POSTGRES_URL
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def postgres_reachable(base_url: str) -> str | None:
    """None when PostgreSQL answers, else why not."""
    try:
        engine = create_engine(base_url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as error:  # any failure means: skip PostgreSQL, and say why
        return f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A URL whose connections use a fresh private schema (created here, dropped at exit), as tests/conftest.py."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


# --- a running stack -------------------------------------------------------------------------------------


@dataclass
class Stack:
    """redis-server, a celery worker with W pool processes and (optionally) the watcher, on a fresh home."""

    workdir: Path
    concurrency: int
    watch: bool = True
    stable_seconds: float | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    worker_args: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        from tests.integration import stack

        self._stack = stack
        self.home = self.workdir / "home"
        self.inbox = self.workdir / "inbox"
        self.logs = self.workdir / "logs"
        self.database_url = f"sqlite:///{self.home / 'newsworker.db'}"
        self.redis = stack.RedisServer(self.workdir / "redis")
        self.procs: dict[str, Any] = {}

    def env(self, **extra: str) -> dict[str, str]:
        base = dict(os.environ)
        base.update(
            {
                "NEWSWORKER_HOME": str(self.home),
                "NEWSWORKER_INBOX": str(self.inbox),
                "DATABASE_URL": self.database_url,
                "NEWSWORKER_LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(self._stack.REPO),
            }
        )
        if self.stable_seconds is not None:
            base["NEWSWORKER_STABLE_SECONDS"] = str(self.stable_seconds)
        base.update(self.extra_env)
        return self._stack.newsworker_env(base, self.redis.url, **extra)

    def start(self) -> Stack:
        self.home.mkdir(parents=True, exist_ok=True)
        open_database(self.database_url).dispose()  # migrate once, before the processes race to
        self.redis.start()
        worker = self._stack.celery_worker(self.env(), self.logs, concurrency=self.concurrency, name="bench")
        worker.args = [*worker.args, *self.worker_args]
        self.procs["worker"] = worker.start()
        if self.watch:
            self.start_watcher()
        self._stack.wait_for(lambda: self._stack.worker_ready(worker), 90, what="celery worker ready")
        return self

    def start_watcher(self, stable_seconds: float | None = None) -> None:
        if stable_seconds is not None:
            self.stable_seconds = stable_seconds
        watcher = self._stack.watcher(self.env(), self.logs)
        already = len(watcher.output())  # the log is appended to: only what this watcher writes counts
        self.procs["watcher"] = watcher.start()
        self._stack.wait_for(self.inbox.exists, 30, what="the inbox")
        self._stack.wait_for(lambda: "watching" in watcher.output()[already:], 30, what="the watcher")

    def stop_watcher(self) -> None:
        watcher = self.procs.pop("watcher", None)
        if watcher is not None:
            watcher.stop()

    def pool_pids(self) -> list[int]:
        """The worker's pool processes (children of the main celery process)."""
        import psutil

        main = psutil.Process(self.procs["worker"].pid)
        return [child.pid for child in main.children(recursive=True)]

    def stop(self) -> None:
        for proc in self.procs.values():
            proc.stop()
        self.procs.clear()
        self.redis.stop()

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def task_rows(engine: Engine, since_task_ids: set[str] | None = None) -> list[dict[str, Any]]:
    """Rows of ingest_tasks with times as datetimes (UTC), optionally excluding ids already seen."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT task_id, argument, state, outcome, queued_at, started_at, finished_at, timings FROM ingest_tasks"
            )
        ).mappings()
        found = [dict(row) for row in rows if not since_task_ids or row["task_id"] not in since_task_ids]
    for row in found:
        for name in ("queued_at", "started_at", "finished_at"):
            row[name] = _as_datetime(row[name])
    return found


def _as_datetime(value: Any) -> datetime | None:
    from datetime import UTC

    if value is None or isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if isinstance(value, datetime) and value.tzinfo is None else value
    parsed = datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
