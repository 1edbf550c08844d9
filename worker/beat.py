"""Beat's scheduler: Celery's persistent one, kept out of Flower's task list.

Beat sends only the `poll_due_feeds` tick, every NEWSWORKER_BEAT_INTERVAL (10 s): 360 an hour would bury
the ingest tasks a person opens Flower to see. So beat sends no task-sent events, and the tick task sends
no events from the worker either (`send_events=False` in worker/tasks.py); its failures are logged and
counted (`newsworker_beat_tick_errors_total`) instead.
"""

from __future__ import annotations

from typing import Any

from celery.beat import PersistentScheduler


class QuietScheduler(PersistentScheduler):
    """PersistentScheduler whose messages announce nothing to monitors."""

    def __init__(self, app: Any, *args: Any, **kwargs: Any) -> None:
        # This process sends nothing but ticks: no task-sent event for any of them.
        app.conf.task_send_sent_event = False
        super().__init__(app, *args, **kwargs)
