"""The Celery application: Redis broker and result backend, JSON only, at-least-once delivery.

Run a worker with `celery -A worker.celery_app worker` (or `newsworker worker`).
"""

from __future__ import annotations

from celery import Celery

from worker.config import Settings, load_settings


def make_celery(settings: Settings) -> Celery:
    app = Celery("newsworker", include=["worker.tasks"])
    app.conf.update(
        broker_url=settings.broker_url,
        result_backend=settings.broker_url,
        # JSON only: a reachable broker must never mean code execution (no pickle).
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_accept_content=["json"],
        # At-least-once: a message is acknowledged after the task ran, and redelivered if the
        # worker process dies; storage is idempotent, so a redelivery is a recorded no-op.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        # No input may pin a worker: past the soft limit the task's input ends as an error (SoftTimeLimitExceeded
        # is raised inside it); past the hard limit its pool process is killed, and the redelivery is counted.
        task_soft_time_limit=settings.task_soft_time_limit,
        task_time_limit=max(settings.task_time_limit, settings.task_soft_time_limit + 1),
        # A pool child that has not reported itself up by then is SIGKILLed and replaced. Children start with
        # the pipeline already warm (worker/runtime.py), but the 4 s default is short on a loaded machine.
        worker_proc_alive_timeout=30.0,
        broker_transport_options={"visibility_timeout": settings.visibility_timeout},
        result_backend_transport_options={"visibility_timeout": settings.visibility_timeout},
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        # Flower sees every task, its arguments and its result.
        worker_send_task_events=True,
        task_send_sent_event=True,
        # No task_track_started: Flower learns of starts from the task-started event, and the ingest history
        # records them; the extra result-backend write cost every task a Redis round trip.
        result_extended=True,
        result_expires=7 * 24 * 3600,
        worker_hijack_root_logger=False,
        # Beat's tick stays out of Flower (worker/beat.py); it still runs every beat_interval.
        beat_scheduler="worker.beat:QuietScheduler",
        beat_schedule={
            "poll-due-feeds": {"task": "worker.tasks.poll_due_feeds", "schedule": settings.beat_interval},
            "send-due-hook-deliveries": {
                "task": "worker.tasks.send_due_hook_deliveries",
                "schedule": settings.beat_interval,
            },
        },
    )
    from worker.inbox_consumer import install

    install(app)
    return app


def _reconnect_instead_of_exiting_on_broker_loss() -> None:
    """Work around a kombu race: when Redis goes away while tasks run, the Redis channel can be closed a
    second time after its connection was torn down; kombu then reads the detached connection and raises
    `AttributeError: 'NoneType' object has no attribute 'hostname'`, which Celery treats as unrecoverable:
    the worker exits instead of reconnecting. Raising the connection error it really is lets Celery
    reconnect (seen in tests/integration/test_faults.py, about one Redis restart in ten)."""
    from kombu.transport import redis as kombu_redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    original = kombu_redis.Channel._connparams
    if getattr(original, "newsworker_guard", False):
        return

    def _connparams(self, asynchronous=False):  # type: ignore[no-untyped-def]
        if self.connection is None or self.connection.client is None:
            raise RedisConnectionError("the broker connection is already closed")
        return original(self, asynchronous=asynchronous)

    _connparams.newsworker_guard = True  # type: ignore[attr-defined]
    kombu_redis.Channel._connparams = _connparams  # type: ignore[method-assign]


_reconnect_instead_of_exiting_on_broker_loss()
app = make_celery(load_settings())
