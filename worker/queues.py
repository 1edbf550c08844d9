"""The broker queues and what goes on each.

Feed, URL and poll tasks go to the shared queue that every worker takes. A file task carries a path that
only hosts seeing the watcher's inbox can read, so it goes to that inbox's own queue, `inbox.<id>`, which
a worker takes only while it reads the same inbox identity (worker/inbox_consumer.py).
"""

from __future__ import annotations

SHARED_QUEUE = "celery"  # Celery's default queue: what a worker takes with no configuration
INBOX_QUEUE_PREFIX = "inbox."


def inbox_queue(inbox_id: str) -> str:
    """The queue of the file tasks of the inbox whose identity is `inbox_id`."""
    return f"{INBOX_QUEUE_PREFIX}{inbox_id}"


def is_inbox_queue(name: str) -> bool:
    return name.startswith(INBOX_QUEUE_PREFIX)
