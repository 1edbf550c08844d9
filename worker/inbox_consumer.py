"""A worker takes an inbox's file tasks only while it sees that inbox.

A consumer bootstep reads the inbox identity at the worker's NEWSWORKER_INBOX (on the watcher's host, or over
a shared mount) at start and every INBOX_CHECK_SECONDS, and consumes `inbox.<id>` while it reads one: a worker
started before the watcher wrote the identity picks the queue up seconds later, and one whose mount went away
stops taking file tasks. `--no-files` never takes file tasks; `--files-only` takes nothing else.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import click
from celery import Celery, bootsteps

from worker.config import load_settings
from worker.queues import SHARED_QUEUE, inbox_queue
from worker.sources.inbox_identity import read_inbox_id

log = logging.getLogger(__name__)

INBOX_CHECK_SECONDS = 2.0


class IdentityReader:
    """Reads the identity in a thread: a hung network mount must stall this thread, never the worker's loop."""

    def __init__(self, inbox: Path, interval: float = INBOX_CHECK_SECONDS) -> None:
        self.inbox = inbox
        self.interval = interval
        self.current: str | None = None
        self.first_read = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="inbox-identity", daemon=True)

    def start(self) -> None:
        if not self._thread.is_alive():
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.current = read_inbox_id(self.inbox)
            self.first_read.set()
            self._stop.wait(self.interval)


class InboxQueueStep(bootsteps.StartStopStep):
    """Adds and cancels the inbox queue from the consumer's own loop (kombu consumers are not thread-safe)."""

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def __init__(self, parent: Any, no_files: bool = False, files_only: bool = False, **options: Any) -> None:
        super().__init__(parent, **options)
        if no_files and files_only:
            raise click.UsageError("--no-files and --files-only exclude each other")
        self.no_files = no_files
        self.files_only = files_only
        self.inbox = load_settings().inbox
        self.reader = IdentityReader(self.inbox)
        self.consuming: str | None = None
        self._timer_entry: Any = None
        queues = parent.app.amqp.queues
        # An explicit selection: a queue this worker only sends to (a put-back file task) must not join the
        # queues it consumes, which Celery's "consume every known queue" default would do at the next reconnect.
        queues.select(list(queues.consume_from))
        if files_only:
            queues.deselect(SHARED_QUEUE)

    def start(self, consumer: Any) -> None:
        if self.no_files:
            log.info("--no-files: this worker takes no file tasks")
            return
        self.reader.start()
        self.reader.first_read.wait(INBOX_CHECK_SECONDS)
        if self.reader.current is None and self.consuming is None:
            log.info("no inbox identity at %s yet: no file tasks until the watcher's inbox is visible here", self.inbox)
        self._apply(consumer)
        self._timer_entry = consumer.timer.call_repeatedly(INBOX_CHECK_SECONDS, self._apply, (consumer,))

    def stop(self, consumer: Any) -> None:
        if self._timer_entry is not None:
            self._timer_entry.cancel()
            self._timer_entry = None

    def shutdown(self, consumer: Any) -> None:
        self.stop(consumer)
        self.reader.stop()

    def _apply(self, consumer: Any) -> None:
        found = self.reader.current
        wanted = inbox_queue(found) if found else None
        if wanted == self.consuming:
            return
        if self.consuming is not None:
            log.warning(
                "the inbox identity at %s changed or went away: no longer taking %s", self.inbox, self.consuming
            )
            consumer.cancel_task_queue(self.consuming)
        if wanted is not None:
            log.info("inbox %s is visible here (identity %s): taking its file tasks from %s", self.inbox, found, wanted)
            consumer.add_task_queue(wanted)
        elif self.consuming is None:
            log.info(
                "no inbox identity at %s yet: taking no file tasks until the watcher's inbox is visible", self.inbox
            )
        self.consuming = wanted


def install(app: Celery) -> None:
    """Register the step and its `celery worker` options (`newsworker worker` passes them through)."""
    app.user_options["worker"].add(
        click.Option(["--no-files"], is_flag=True, default=False, help="Never take file tasks (no inbox on this host).")
    )
    app.user_options["worker"].add(
        click.Option(
            ["--files-only"], is_flag=True, default=False, help="Take only the file tasks of the inbox visible here."
        )
    )
    app.steps["consumer"].add(InboxQueueStep)
