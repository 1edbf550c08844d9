"""Thin Celery tasks around the pipeline. Each takes a path, URL or id and returns a small summary
(schemas/task-result.schema.json). Tasks are idempotent: a redelivered message is a recorded no-op."""

from __future__ import annotations

import logging
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from celery import Task
from celery.signals import worker_init, worker_process_init
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from worker.celery_app import app
from worker.errors import StoreUnavailableError
from worker.ingest import InputOutcome, display_path
from worker.metrics import count_feed_poll
from worker.outcome_text import describe_outcome
from worker.pipeline.entities import TaggerUnavailable
from worker.runtime import get_runtime, log_pool_process_start, prepare_before_fork
from worker.sources.inbox import record_ledger, set_aside
from worker.store import history
from worker.store.models import InboxFile, IngestTask, Rejection

if TYPE_CHECKING:
    from worker.sources.http import HttpClient

log = logging.getLogger(__name__)

MAX_RETRIES = 12
RETRY_BASE_SECONDS = 2.0
RETRY_CAP_SECONDS = 300.0


@worker_init.connect
def _warm_up_before_the_pool_forks(**_kwargs: Any) -> None:
    # Celery's logging is not set up yet and it swallows handler errors: say them on stderr ourselves.
    try:
        prepare_before_fork()
    except TaggerUnavailable as error:  # a misconfigured model would fail every task: refuse to start
        print(f"newsworker worker: cannot start: {error}", file=sys.stderr, flush=True)
        raise SystemExit(1) from error
    except Exception as error:  # noqa: BLE001 - children build the pipeline on their first task instead
        print(f"newsworker worker: warm-up failed ({error!r}); building the pipeline per process", file=sys.stderr)


@worker_process_init.connect
def _say_how_the_pool_process_started(**_kwargs: Any) -> None:
    log_pool_process_start()


def retry_delay(retries: int) -> float:
    """Exponential backoff with full jitter: spreads retries of many workers hitting one busy database."""
    return random.uniform(0, min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * 2**retries))


def _inbox_for(path: Path) -> Path | None:
    inbox = get_runtime().settings.inbox
    return inbox if Path(path).absolute().is_relative_to(inbox) else None


@app.task(bind=True, name="worker.tasks.ingest_file", max_retries=MAX_RETRIES)
def ingest_file(self: Task, path: str) -> dict[str, Any]:
    """Ingest one file. Inbox files are then moved to processed/ or failed/ (with the reason)."""
    runtime = get_runtime()
    ingestor = runtime.ingestor
    task_id = self.request.id or "eager"
    file_path = Path(path)
    shown = display_path(file_path)
    try:
        with ingestor.database.session() as session, session.begin():
            row = history.record_started(session, task_id, "ingest_file", shown)
            previous_state, previous_outcome, article_id = row.previous_state, row.outcome, row.article_id  # type: ignore[attr-defined]
        inbox = _inbox_for(file_path)
        if previous_state == "finished":
            log.info("redelivered task=%s source=%r already finished: no-op", task_id, shown)
            if inbox is not None:
                _finish_interrupted_move(file_path, inbox, task_id)
            return {
                "task_id": task_id,
                "source": shown,
                "status": previous_outcome,
                "article_id": article_id,
                "redelivered": True,
                "documents": [],
                "reason": None,
                "timings_ms": {},
                "content_hash": None,
                "near_duplicate_of": None,
            }
        stat_before = _stat(file_path)
        if inbox is not None and stat_before is None:
            handled = _already_handled(file_path, task_id)
            if handled is not None:
                return handled
        outcome = ingestor.ingest_file(file_path, inbox=inbox, task_id=task_id)
        with ingestor.database.session() as session, session.begin():
            if inbox is not None and stat_before is not None:
                record_ledger(
                    session,
                    shown,
                    stat_before[0],
                    stat_before[1],
                    "failed" if outcome.status == "rejected" else "done",
                    task_id=task_id,
                    content_hash=outcome.content_hash,
                )
            first = outcome.documents[0].article_id if outcome.documents else None
            history.record_finished(session, task_id, outcome.status, first, outcome.timings_ms)
        # Moved only after the ledger says done/failed: a task that then finds the file gone can tell
        # "handled by another delivery" from "deleted", and a delivery killed before the move is
        # finished by its redelivery (_finish_interrupted_move).
        moved = _set_aside(file_path, inbox, outcome) if inbox is not None else None
    except (StoreUnavailableError, OperationalError, DBAPIError) as error:
        reason = getattr(error, "reason", None) or str(error).splitlines()[0]
        will_retry = self.request.retries < MAX_RETRIES
        _try_record_failed(task_id, reason, will_retry)
        log.warning(
            "transient failure task=%s source=%r: %s (retry %s)", task_id, shown, reason, self.request.retries + 1
        )
        raise self.retry(exc=error, countdown=retry_delay(self.request.retries)) from error
    summary = {"task_id": task_id, "summary": describe_outcome(outcome), "redelivered": False, **outcome.summary()}
    if moved is not None:
        summary["moved_to"] = display_path(moved)
    return summary


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.lstat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _set_aside(path: Path, inbox: Path, outcome: InputOutcome) -> Path | None:
    if outcome.status == "rejected":
        moved = set_aside(path, inbox, "failed", reason=outcome.reason)
        if moved is not None:
            with get_runtime().ingestor.database.session() as session, session.begin():
                from sqlalchemy import update

                from worker.store.models import Rejection

                session.execute(
                    update(Rejection).where(Rejection.source == outcome.source).values(moved_to=display_path(moved))
                )
        return moved
    return set_aside(path, inbox, "processed")


def _ledger_row(path: Path) -> InboxFile | None:
    with get_runtime().ingestor.database.session() as session:
        return session.scalar(select(InboxFile).where(InboxFile.path == display_path(path)))


def _already_handled(path: Path, task_id: str) -> dict[str, Any] | None:
    """When an inbox file is gone because another task for it (the watcher re-sent it, or the same file was
    sent twice) already stored or set it aside, the summary of a no-op; None when it was deleted instead."""
    ledger = _ledger_row(path)
    if ledger is None or ledger.state not in ("done", "failed") or ledger.task_id in (None, task_id):
        return None
    status = "duplicate" if ledger.state == "done" else "rejected"
    with get_runtime().ingestor.database.session() as session, session.begin():
        earlier = session.get(IngestTask, ledger.task_id)
        article_id = earlier.article_id if earlier is not None else None
        history.record_finished(session, task_id, status, article_id, {})
    log.info("task=%s source=%r already handled by task=%s: no-op", task_id, display_path(path), ledger.task_id)
    return {
        "task_id": task_id,
        "source": display_path(path),
        "status": status,
        "article_id": article_id,
        "redelivered": False,
        "documents": [],
        "reason": f"the file was already handled by task {ledger.task_id}",
        "timings_ms": {},
        "content_hash": None,
        "near_duplicate_of": None,
    }


def _finish_interrupted_move(path: Path, inbox: Path, task_id: str) -> None:
    """A delivery that died between its final commit and the move left the file in the inbox: move it now."""
    info = _stat(path)
    ledger = _ledger_row(path) if info is not None else None
    if ledger is None or ledger.task_id != task_id or (ledger.size, ledger.mtime_ns) != info:
        return
    if ledger.state == "done":
        set_aside(path, inbox, "processed")
    elif ledger.state == "failed":
        with get_runtime().ingestor.database.session() as session:
            reason = session.scalar(select(Rejection.reason).where(Rejection.source == display_path(path)))
        _set_aside(path, inbox, InputOutcome(source=display_path(path), status="rejected", reason=reason))


def _try_record_failed(task_id: str, reason: str, will_retry: bool) -> None:
    try:
        with get_runtime().ingestor.database.session() as session, session.begin():
            history.record_failed(session, task_id, reason, will_retry=will_retry)
    except (OperationalError, DBAPIError) as error:
        log.warning("could not record the failure of task=%s: %s", task_id, error)


def enqueue_file(path: Path, record: Callable[[Session, str], None] | None = None) -> str:
    """Send the task, then record it as queued in the history (and, through `record`, in the caller's own
    rows) in one transaction; returns the task id.

    Sent first: a broker that refuses leaves nothing to undo. A worker that starts the task before this
    transaction commits writes the history row itself, and the "queued" insert then leaves it alone.
    """
    from uuid import uuid4

    task_id = uuid4().hex
    ingest_file.apply_async(args=[str(path)], task_id=task_id)
    with get_runtime().ingestor.database.session() as session, session.begin():
        history.record_queued(session, task_id, "ingest_file", display_path(path))
        if record is not None:
            record(session, task_id)
    return task_id


# --- feeds and URLs (service code in worker/feeds.py and worker/sources/poller.py) ---------------------

_http_clients: dict[int, HttpClient] = {}


def _http_client() -> HttpClient:
    """This process's HttpClient; requests to one host are spaced through Redis (NEWSWORKER_HOST_INTERVAL)."""
    pid = os.getpid()
    if pid not in _http_clients:  # made after the fork: a pool's sockets must not be shared between processes
        import redis

        from worker.sources.politeness import HostRateLimiter
        from worker.sources.poller import make_http_client

        settings = get_runtime().settings
        limiter = HostRateLimiter(redis.Redis.from_url(settings.broker_url), settings.host_min_interval)
        _http_clients.clear()
        _http_clients[pid] = make_http_client(settings, limiter)
    return _http_clients[pid]


# A tick no worker took within a minute is dropped (the next tick does its job), and ticks keep no
# result in Redis: at one every NEWSWORKER_BEAT_INTERVAL, they would pile up for result_expires.
# No task events (send_events=False): Flower's task list is for ingest tasks (worker/beat.py says why);
# a failed tick is logged and counted instead.
@app.task(name="worker.tasks.poll_due_feeds", expires=60, ignore_result=True, send_events=False)
def poll_due_feeds() -> dict[str, Any]:
    """Beat's tick: claim every feed whose poll is due and send one `poll_feed` each.

    The claim is atomic in the database, so two beats or two overlapping ticks never send a feed twice.
    """
    from worker.feeds import claim_due_feeds

    try:
        database = get_runtime().ingestor.database
        with database.session() as session, session.begin():
            feed_ids = claim_due_feeds(session)
    except Exception:
        from worker.counters import count_event

        log.exception("the due-feeds tick failed: no feed was claimed")
        count_event(get_runtime().settings, "beat_tick_errors")
        raise
    sent = [feed_id for feed_id in feed_ids if _send_poll(database, feed_id)]
    if feed_ids:
        log.info("due feeds claimed=%d sent=%d", len(feed_ids), len(sent))
    return {"claimed": feed_ids, "sent": sent}


def _send_poll(database: Any, feed_id: int) -> bool:
    from worker.feeds import release_claim

    try:
        poll_feed.apply_async(args=[feed_id])
    except Exception as error:  # the broker refused: give the claim back so the next tick tries again
        log.warning("could not send the poll of feed=%s: %s", feed_id, error)
        with database.session() as session, session.begin():
            release_claim(session, feed_id)
        return False
    return True


def queue_feed_polls(database: Any, feed_id: int | None = None) -> list[dict[str, Any]]:
    """Send a poll now for one feed or every feed, due or not (`newsworker feeds poll`); one summary per feed."""
    from sqlalchemy import select

    from worker.feeds import claim_feed
    from worker.store.models import Feed

    with database.session() as session:
        query = select(Feed.id).order_by(Feed.id)
        feed_ids = list(session.scalars(query.where(Feed.id == feed_id) if feed_id is not None else query))
    summaries = []
    for one_id in feed_ids:
        with database.session() as session, session.begin():
            claimed = claim_feed(session, one_id)
        if not claimed:
            summaries.append({"feed_id": one_id, "status": "busy", "message": "a poll is already under way"})
        elif _send_poll(database, one_id):
            summaries.append({"feed_id": one_id, "status": "queued", "message": "poll queued"})
        else:
            summaries.append({"feed_id": one_id, "status": "error", "message": "the broker refused the poll"})
    return summaries


@app.task(bind=True, name="worker.tasks.poll_feed", max_retries=MAX_RETRIES)
def poll_feed(self: Task, feed_id: int) -> dict[str, Any]:
    """Poll one feed and send an `ingest_feed_entry` per new entry.

    The feed's own failures (HTTP errors, timeouts, bad XML) are recorded on it and back off through
    its schedule; only a database that cannot be written retries the task.
    """
    from worker.sources import poller

    runtime = get_runtime()
    database = runtime.ingestor.database
    try:
        result = poller.poll_feed(database, _http_client(), feed_id, runtime.settings)
        count_feed_poll(runtime.settings, result.status)
        sent = send_feed_entries(database, result.to_send)
    except (StoreUnavailableError, OperationalError, DBAPIError) as error:
        reason = getattr(error, "reason", None) or str(error).splitlines()[0]
        log.warning("transient failure polling feed=%s: %s (retry %s)", feed_id, reason, self.request.retries + 1)
        raise self.retry(exc=error, countdown=retry_delay(self.request.retries)) from error
    return {**result.summary(), "sent": len(sent)}


def send_feed_entries(database: Any, entries: list[tuple[int, str]]) -> list[int]:
    """Send one `ingest_feed_entry` per (entry id, link) and mark them queued; returns the ids sent.

    An entry the broker refused stays "pending", and the feed's next poll sends it.
    """
    from uuid import uuid4

    from worker.sources.poller import mark_entries_queued, task_ids_sent_for

    if not entries:
        return []
    planned = [(entry_id, link, uuid4().hex) for entry_id, link in entries]
    with database.session() as session, session.begin():
        # Read before sending: a fast worker may finish the new task before the entries are marked below.
        previous = task_ids_sent_for(session, [entry_id for entry_id, _link in entries])
        for _entry_id, link, task_id in planned:
            history.record_queued(session, task_id, "ingest_feed_entry", link)
    sent: dict[int, str] = {}
    unsent: list[str] = []
    for entry_id, _link, task_id in planned:
        try:
            ingest_feed_entry.apply_async(args=[entry_id], task_id=task_id)
        except Exception as error:  # left pending: the next poll sends it
            log.warning("could not send feed entry=%s: %s", entry_id, error)
            unsent.append(task_id)
            continue
        sent[entry_id] = task_id
    with database.session() as session, session.begin():
        mark_entries_queued(session, sent)
        for entry_id, task_id in sent.items():
            if entry_id in previous:  # sent before and never settled: that task's message was lost
                history.record_resent(session, previous[entry_id], task_id)
        for task_id in unsent:
            history.forget(session, task_id)
    return list(sent)


@app.task(bind=True, name="worker.tasks.ingest_feed_entry", max_retries=MAX_RETRIES)
def ingest_feed_entry(self: Task, entry_id: int) -> dict[str, Any]:
    """Store one feed entry as an article: its content, or its page's text when the feed has only a summary."""
    from worker.sources import poller

    feed_ids: list[int | None] = []

    def run(task_id: str, last_attempt: bool) -> InputOutcome:
        outcome, feed_id = poller.ingest_entry(
            get_runtime().ingestor, _http_client(), entry_id, task_id=task_id, last_attempt=last_attempt
        )
        feed_ids.append(feed_id)
        return outcome

    summary = _run_fetching_task(self, "ingest_feed_entry", f"feed entry #{entry_id}", run)
    return {**summary, "feed_id": feed_ids[0] if feed_ids else None}


@app.task(bind=True, name="worker.tasks.ingest_url", max_retries=MAX_RETRIES)
def ingest_url(self: Task, url: str) -> dict[str, Any]:
    """Fetch one URL (a page, a feed or an OPML list) and store what it holds."""
    from worker.sources import poller

    def run(task_id: str, last_attempt: bool) -> InputOutcome:
        return poller.ingest_url(
            get_runtime().ingestor, _http_client(), url, task_id=task_id, last_attempt=last_attempt
        )

    return _run_fetching_task(self, "ingest_url", url, run)


def _run_fetching_task(
    task: Task, kind: str, argument: str, run: Callable[[str, bool], InputOutcome]
) -> dict[str, Any]:
    """History rows, the work, and retries with jittered backoff for transient failures (fetch or database)."""
    from worker.errors import FetchError
    from worker.sources.poller import RetryLater

    database = get_runtime().ingestor.database
    task_id = task.request.id or "eager"
    try:
        with database.session() as session, session.begin():
            row = history.record_started(session, task_id, kind, argument)
            previous_state, previous_outcome, article_id = row.previous_state, row.outcome, row.article_id  # type: ignore[attr-defined]
        if previous_state == "finished":
            log.info("redelivered task=%s source=%r already finished: no-op", task_id, argument)
            return {
                "task_id": task_id,
                "source": argument,
                "status": previous_outcome,
                "article_id": article_id,
                "redelivered": True,
                "documents": [],
                "reason": None,
                "timings_ms": {},
                "content_hash": None,
                "near_duplicate_of": None,
            }
        outcome = run(task_id, task.request.retries >= MAX_RETRIES)
        with database.session() as session, session.begin():
            first = outcome.documents[0].article_id if outcome.documents else None
            history.record_finished(session, task_id, outcome.status, first, outcome.timings_ms)
    except RetryLater as later:
        _try_record_failed(task_id, later.error.reason, will_retry=True)
        countdown = max(retry_delay(task.request.retries), later.retry_after or 0.0)
        log.warning("transient failure task=%s source=%r: %s (retry in %.0fs)", task_id, argument, later, countdown)
        raise task.retry(exc=FetchError(later.error.reason), countdown=countdown) from later
    except (StoreUnavailableError, OperationalError, DBAPIError) as error:
        reason = getattr(error, "reason", None) or str(error).splitlines()[0]
        _try_record_failed(task_id, reason, task.request.retries < MAX_RETRIES)
        log.warning(
            "transient failure task=%s source=%r: %s (retry %s)", task_id, argument, reason, task.request.retries + 1
        )
        raise task.retry(exc=error, countdown=retry_delay(task.request.retries)) from error
    return {"task_id": task_id, "summary": describe_outcome(outcome), "redelivered": False, **outcome.summary()}
