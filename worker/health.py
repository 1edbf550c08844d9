"""Is the runtime alive? The broker, the workers listening on it, and heartbeats from beat and the watcher.

Heartbeats are Redis keys with a time to live, so that every host of a deployment (workers, the CLI,
docker-compose health checks) reads the same ones; a process that stops writing them ages out.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from worker.config import Settings, redact_url

if TYPE_CHECKING:
    from celery import Celery

log = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 1.0
WORKER_REPLY_SECONDS = 1.5  # how long `feeds poll` and `health` wait for workers to answer
TASK_QUEUE = "celery"  # the queue every newsworker task goes to (Celery's default)


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
