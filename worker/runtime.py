"""Per-process resources for Celery workers: made once per worker process, never per task.

The pipeline (tagger, language model, date parser, HTML extractor) holds no connections, so the main worker
process builds and warms it before the pool forks and every child inherits it ready. The database engine
does not survive a fork: each child makes its own on first use.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from worker.config import Settings, load_settings
from worker.ingest import Ingestor, build_pipeline
from worker.pipeline.process import Pipeline

if TYPE_CHECKING:
    from redis import Redis

    from worker.sources.http import HttpClient

log = logging.getLogger(__name__)


def warm_up(pipeline: Pipeline) -> None:
    """Run each stage once on tiny inputs: loaded lazily, they cost a process's first task about a second
    (dateparser alone most of it)."""
    from datetime import UTC, datetime

    from worker.pipeline.document import SourceInfo
    from worker.pipeline.extract import extract_documents
    from worker.pipeline.language import detect_language

    pipeline.tagger.tag("Warm-up text about Paris and the United Nations.")
    detect_language("This sentence warms up the language identifier.")
    source = SourceInfo(source="warm-up", kind="file", modified_at=datetime.now(UTC))
    body = "The council met in Paris on Monday to discuss the budget for the coming year. " * 4
    extract_documents(f"Warm-up\n\nJane Doe\nOctober 25, 2022\n\n{body}\n".encode(), source)
    page = f"<html><head><title>Warm-up</title></head><body><article><p>{body}</p></article></body></html>"
    extract_documents(page.encode(), source)


@dataclass
class WorkerRuntime:
    settings: Settings
    pid: int
    pipeline: Pipeline | None = None

    @cached_property
    def ingestor(self) -> Ingestor:
        return Ingestor(self.settings, pipeline=self.pipeline)

    @cached_property
    def http_client(self) -> HttpClient:
        """This process's HttpClient; requests to one host are spaced through Redis (NEWSWORKER_HOST_INTERVAL).

        Made on first use, after the fork: a connection pool's sockets must not be shared between processes
        (a forked child gets a runtime of its own, see get_runtime)."""
        from worker.sources.politeness import HostRateLimiter
        from worker.sources.poller import make_http_client

        limiter = HostRateLimiter(self.redis, self.settings.host_min_interval)
        return make_http_client(self.settings, limiter)

    @cached_property
    def redis(self) -> Redis:
        """This process's client of the broker's Redis (per-host politeness, hook locks); made after the fork."""
        import redis

        return redis.Redis.from_url(self.settings.broker_url)


_runtime: WorkerRuntime | None = None
_inherited_pipeline: Pipeline | None = None
_warm_up_ms = 0.0


def prepare_before_fork() -> None:
    """Build and warm the pipeline (and import the database's modules) in the main worker process, so pool
    children start with it ready.

    A child must report itself up within worker_proc_alive_timeout or Celery kills it and forks another;
    warming up inside each child (about a second, several on a loaded machine) risked exactly that loop.
    """
    global _inherited_pipeline, _warm_up_ms
    from worker.store.db import preload_modules

    started = time.perf_counter()
    settings = load_settings()
    pipeline = build_pipeline(settings)
    warm_up(pipeline)
    preload_modules(settings.database_url)
    _inherited_pipeline = pipeline
    _warm_up_ms = (time.perf_counter() - started) * 1000


def log_pool_process_start() -> None:
    """Said by each pool child as it starts (logging is not set up yet when the main process warms up)."""
    if _inherited_pipeline is not None:
        log.info(
            "pool process %d started with the pipeline warmed in the main process (%.0f ms)", os.getpid(), _warm_up_ms
        )
    else:
        log.info("pool process %d started; the pipeline is built on its first task", os.getpid())


def use_runtime(settings: Settings, ingestor: Ingestor | None = None) -> WorkerRuntime:
    """Make this process's runtime from these settings (a command that runs tasks in-process, `retry`)."""
    global _runtime
    _runtime = WorkerRuntime(settings=settings, pid=os.getpid(), pipeline=_inherited_pipeline)
    if ingestor is not None:
        _runtime.__dict__["ingestor"] = ingestor  # fills the cached_property
    return _runtime


def get_runtime() -> WorkerRuntime:
    """This process's runtime; a forked child gets its own (engines must not cross a fork)."""
    global _runtime
    if _runtime is None or _runtime.pid != os.getpid():
        _runtime = WorkerRuntime(settings=load_settings(), pid=os.getpid(), pipeline=_inherited_pipeline)
    return _runtime
