"""`newsworker status` warnings: a queue with tasks waiting that no answering worker takes."""

from __future__ import annotations

from worker.status import queue_warnings


def test_waiting_file_tasks_without_a_worker_that_takes_them_warn() -> None:
    queues = {"celery": 0, "inbox.abc": 3}
    warnings = queue_warnings(queues, {"b@host-b": ["celery"]})
    assert len(warnings) == 1 and warnings[0].startswith("3 file tasks wait in inbox.abc")
    assert queue_warnings(queues, {"a@host-a": ["celery", "inbox.abc"], "b@host-b": ["celery"]}) == []


def test_no_warning_for_empty_queues_or_when_workers_were_not_asked() -> None:
    assert queue_warnings({"celery": 0, "inbox.abc": 0}, {}) == []
    assert queue_warnings({"celery": 5}, None) == []  # the broker was unreachable: nothing to compare with
    assert queue_warnings({"celery": 5}, {})[0] == "5 tasks wait in celery and no worker takes them: start a worker"
