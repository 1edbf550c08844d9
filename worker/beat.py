"""Beat's scheduler: Celery's persistent one, kept out of Flower's task list.

Beat sends only two ticks, `poll_due_feeds` and `send_due_hook_deliveries`, every NEWSWORKER_BEAT_INTERVAL
(10 s): 720 an hour would bury the ingest tasks a person opens Flower to see. So beat sends no task-sent events,
and the tick tasks send no events from the worker either (`send_events=False` in worker/tasks.py); their
failures are logged and counted (`newsworker_beat_tick_errors_total`) instead.

Beat also writes its heartbeat here, on each turn of its loop, for `newsworker health`.
"""

from __future__ import annotations

from typing import Any

from celery.beat import PersistentScheduler

from worker.config import load_settings
from worker.health import Heartbeat


class QuietScheduler(PersistentScheduler):
    """PersistentScheduler whose messages announce nothing to monitors, and which beats a heartbeat."""

    def __init__(self, app: Any, *args: Any, **kwargs: Any) -> None:
        # This process sends nothing but ticks: no task-sent event for any of them.
        app.conf.task_send_sent_event = False
        self.heartbeat = Heartbeat(load_settings(), "beat")
        super().__init__(app, *args, **kwargs)

    def tick(self, *args: Any, **kwargs: Any) -> float:
        """Send what is due (Celery's own tick), beat the heartbeat, and come back before it is due again."""
        self.heartbeat()
        interval: float = super().tick(*args, **kwargs)
        return min(interval, self.heartbeat.every)
