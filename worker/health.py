"""Is the runtime alive? The broker, the workers listening on it, and heartbeats from beat and the watcher.

Heartbeats are Redis keys with a time to live, so that every host of a deployment (workers, the CLI,
docker-compose health checks) reads the same ones; a process that stops writing them ages out.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from worker.config import Settings, redact_url
from worker.queues import SHARED_QUEUE

if TYPE_CHECKING:
    from celery import Celery

log = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 1.0
WORKER_REPLY_SECONDS = 1.5  # how long `feeds poll` and `health` wait for workers to answer
TASK_QUEUE = SHARED_QUEUE  # the queue of feed polls, which every worker takes (worker/queues.py)


class BrokerUnavailable(Exception):
    """The broker does not answer; the message says where it was looked for and what went wrong."""


def redis_client(url: str, timeout: float = BROKER_TIMEOUT_SECONDS) -> Any:
    """A Redis client that gives up quickly: health checks must answer, not hang."""
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)


def check_broker(settings: Settings, timeout: float = BROKER_TIMEOUT_SECONDS) -> None:
    """Return when the broker answers PING; BrokerUnavailable otherwise (within about `timeout`)."""
    import redis

    client = redis_client(settings.broker_url, timeout)
    try:
        client.ping()
    except redis.RedisError as error:
        raise BrokerUnavailable(f"the broker at {redact_url(settings.broker_url)} does not answer: {error}") from error
    finally:
        client.close()


def workers_listening(app: Celery, queue: str = TASK_QUEUE, timeout: float = WORKER_REPLY_SECONDS) -> list[str]:
    """The names of the workers that answered within `timeout` and consume `queue`.

    Ask only once the broker answers (check_broker): Celery retries a broker connection without end.
    The reply comes from a worker's main process, which answers while its pool processes are busy.
    """
    replies = app.control.inspect(timeout=timeout).active_queues() or {}
    return sorted(name for name, queues in replies.items() if any(q.get("name") == queue for q in queues or []))


# --- heartbeats ------------------------------------------------------------------------------------

HEARTBEAT_PREFIX = "newsworker:heartbeat:"
# A heartbeat key outlives its writer by a day, so `health` can still say when a dead process was last seen.
HEARTBEAT_TTL_SECONDS = 24 * 3600
WARN_EVERY_SECONDS = 60.0
COMPONENTS = ("beat", "watcher")


class Heartbeat:
    """Writes `newsworker:heartbeat:COMPONENT:HOST:PID` (JSON, with the time) at most every `every` seconds.

    Call it from the loop that does the component's work, so a hung loop stops beating. A broker that
    does not answer is logged (once a minute at most), never raised: the work goes on without it.
    """

    def __init__(
        self, settings: Settings, component: str, *, every: float | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        self.settings = settings
        self.component = component
        self.every = every if every is not None else settings.heartbeat_seconds
        self.clock = clock
        self.host = socket.gethostname()
        self.key = f"{HEARTBEAT_PREFIX}{component}:{self.host}:{os.getpid()}"
        self._next_at = 0.0
        self._warned_at = float("-inf")
        self._client: Any = None

    def __call__(self, **details: Any) -> None:
        now = self.clock()
        if now < self._next_at:
            return
        self._next_at = now + self.every
        record = {"component": self.component, "host": self.host, "pid": os.getpid(), "at": now, **details}
        try:
            if self._client is None:
                self._client = redis_client(self.settings.broker_url)
            self._client.set(self.key, json.dumps(record), ex=HEARTBEAT_TTL_SECONDS)
        except Exception as error:  # noqa: BLE001 - a missed heartbeat shows in `health`; the work goes on
            if now - self._warned_at >= WARN_EVERY_SECONDS:
                self._warned_at = now
                log.warning("could not write the %s heartbeat: %s", self.component, error)


def read_heartbeats(settings: Settings) -> list[dict[str, Any]]:
    """Every heartbeat record still in Redis; raises redis.RedisError when the broker does not answer."""
    client = redis_client(settings.broker_url)
    try:
        keys = sorted(client.scan_iter(match=HEARTBEAT_PREFIX + "*", count=500))
        values = client.mget(keys) if keys else []
    finally:
        client.close()
    records = []
    for value in values:
        try:
            record = json.loads(value) if value else None
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("at"), int | float):
            records.append(record)
    return records


def stale_after(component: str, settings: Settings) -> float:
    """Seconds after which a component's newest heartbeat means it is not alive: three missed beats.

    Beat writes on each of its ticks, which come every NEWSWORKER_BEAT_INTERVAL at the latest.
    """
    every = settings.heartbeat_seconds
    if component == "beat":
        every = max(every, settings.beat_interval)
    return 3 * every + 2.0


# --- checks ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One line of `newsworker health`: what was checked, whether it is fine, and what was found."""

    name: str
    ok: bool
    detail: str
    facts: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "detail": self.detail, **self.facts}


def judge_heartbeats(component: str, records: list[dict[str, Any]], now: float, limit: float) -> Check:
    """Alive when the newest heartbeat of `component` is at most `limit` seconds old."""
    mine = sorted((r for r in records if r.get("component") == component), key=lambda r: r["at"], reverse=True)
    if not mine:
        return Check(component, False, "no heartbeat: it has not run against this broker in the last day")
    newest = mine[0]
    age = max(0.0, now - float(newest["at"]))
    where = f"{newest.get('host')} pid {newest.get('pid')}"
    facts = {"age_seconds": round(age, 1), "host": newest.get("host"), "pid": newest.get("pid")}
    if age > limit:
        return Check(component, False, f"last heartbeat {age:.0f}s ago ({where}), expected within {limit:.0f}s", facts)
    return Check(component, True, f"heartbeat {age:.0f}s ago ({where})", facts)


def check_database(settings: Settings) -> Check:
    """The database answers a query (PostgreSQL within a few seconds)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from worker.store.db import make_engine

    shown = redact_url(settings.database_url)
    url = make_url(settings.database_url)
    if url.get_backend_name() == "postgresql":
        engine = create_engine(url.set(drivername="postgresql+psycopg"), connect_args={"connect_timeout": 3})
    else:
        engine = make_engine(settings.database_url, deferred_begin=True)  # SELECT 1 needs no write lock
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure is the answer
        return Check("database", False, f"{shown}: {str(error).strip().splitlines()[0][:300]}")
    finally:
        engine.dispose()
    return Check("database", True, shown)


def check_broker_alive(settings: Settings) -> Check:
    try:
        check_broker(settings)
    except BrokerUnavailable as error:
        return Check("broker", False, str(error))
    return Check("broker", True, redact_url(settings.broker_url))


def check_workers(app: Celery, required: str | None = None) -> Check:
    """At least one worker (or the one named `required`) answers and consumes the task queue."""
    names = workers_listening(app)
    if required is not None:
        if required in names:
            return Check("workers", True, f"{required} is listening", {"workers": names})
        return Check(
            "workers", False, f"{required} did not answer within {WORKER_REPLY_SECONDS:g}s", {"workers": names}
        )
    if not names:
        return Check("workers", False, f"no worker answered within {WORKER_REPLY_SECONDS:g}s", {"workers": names})
    return Check("workers", True, f"{len(names)} listening: {', '.join(names)}", {"workers": names})


CHECKS = ("database", "broker", "workers", "beat", "watcher")


def run_checks(settings: Settings, names: tuple[str, ...] = CHECKS, *, worker: str | None = None) -> list[Check]:
    """The checks asked for, in CHECKS order; those that need the broker fail (not hang) when it is down."""
    checks: list[Check] = []
    if "database" in names:
        checks.append(check_database(settings))
    broker = check_broker_alive(settings)
    if "broker" in names:
        checks.append(broker)
    needs_broker = [name for name in ("workers", "beat", "watcher") if name in names]
    if needs_broker and not broker.ok:
        return checks + [Check(name, False, "unknown: the broker does not answer") for name in needs_broker]
    if "workers" in names:
        from worker.celery_app import app

        checks.append(check_workers(app, worker))
    components = [name for name in COMPONENTS if name in names]
    if components:
        try:
            records = read_heartbeats(settings)
        except Exception as error:  # noqa: BLE001 - the broker went away between the checks
            return checks + [Check(name, False, f"heartbeats unreadable: {error}") for name in components]
        now = time.time()
        checks += [judge_heartbeats(name, records, now, stale_after(name, settings)) for name in components]
    return checks
