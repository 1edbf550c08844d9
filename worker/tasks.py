"""Thin Celery tasks around the pipeline. Each takes a path, URL or id and returns a small summary
(schemas/task-result.schema.json). Tasks are idempotent: a redelivered message is a recorded no-op.

Every input task shares one envelope, `InputTask`: the history row (started, then finished with the outcome
in the same transaction as the outcome itself), the redelivery no-op, retries with backoff and jitter for
transient failures only, and the bounds that stop a crash loop (retries exhausted, or the input killing
its worker process again and again) by recording the input as an `error`.
"""

from __future__ import annotations

import logging
import socket
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn
from uuid import uuid4

from celery import Task
from celery.exceptions import Retry
from celery.signals import worker_init, worker_process_init
from celery.utils.time import get_exponential_backoff_interval
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from worker.celery_app import app
from worker.errors import FetchError, InboxNotVisibleError, SendInterrupted, StoreUnavailableError
from worker.ingest import Finish, InputFailure, InputOutcome, display_path
from worker.metrics import count_feed_poll
from worker.outcome_text import describe_outcome
from worker.pipeline.entities import TaggerUnavailable
from worker.queues import inbox_queue
from worker.runtime import get_runtime, log_pool_process_start, prepare_before_fork
from worker.sources.inbox import aside_target, record_ledger, set_aside
from worker.sources.inbox_identity import file_task_visibility, find_inbox_id
from worker.states import FAILED_OUTCOMES, LEDGER_FINAL_STATES, LedgerState, Outcome, PollRequest
from worker.store import history
from worker.store.errors import store_errors
from worker.store.history import Delivery
from worker.store.models import InboxFile, IngestTask, InputError, Rejection
from worker.store.values import key_form

log = logging.getLogger(__name__)

MAX_RETRIES = 12
RETRY_BACKOFF_SECONDS = 2  # the first retry waits up to 2 s, then 4, 8... (full jitter)
RETRY_BACKOFF_MAX_SECONDS = 300
# Deliveries cut short by a dead worker process (acks_late redelivers them) before the input is an error:
# an input that kills its process (a C library's crash, out of memory, the hard time limit) must not loop.
MAX_CUT_SHORT = 3
# A file task sent back by a worker that cannot see its inbox: 1 s, 2 s, 4 s... at most a minute, 20 times (~15 min).
PUT_BACK_LIMIT = 20
PUT_BACK_MAX_SECONDS = 60.0


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


# --- the envelope --------------------------------------------------------------------------------------

# The work of one input task: given this delivery and the hook that records the task's outcome (to run in
# the transaction that records the input's own outcome), return the outcome.
Work = Callable[[Delivery, Finish], InputOutcome]
# Records an input as an internal error without running it (a crash loop), with the same hook.
GiveUp = Callable[[InputFailure, Finish], InputOutcome]


def task_summary(task_id: str, outcome: InputOutcome, *, redelivered: bool = False, **extra: Any) -> dict[str, Any]:
    """The small record every input task returns (schemas/task-result.schema.json)."""
    summary = {
        "task_id": task_id,
        "summary": describe_outcome(outcome),
        "redelivered": redelivered,
        **outcome.summary(),
        **extra,
    }
    if outcome.failure is not None:
        summary["stage"] = outcome.failure.stage
    return summary


class InputTask(Task):
    """The envelope of a task that handles one input (a file, a feed entry, a URL).

    Transient failures (StoreUnavailableError) are retried by Celery's autoretry with exponential backoff and
    full jitter; the last attempt, instead of failing, records the input as an error.
    """

    autoretry_for = (StoreUnavailableError,)
    max_retries = MAX_RETRIES
    retry_backoff = RETRY_BACKOFF_SECONDS
    retry_backoff_max = RETRY_BACKOFF_MAX_SECONDS
    retry_jitter = True

    def run_input(
        self,
        argument: str,
        work: Work,
        give_up: GiveUp,
        after_redelivery: Callable[[Delivery], None] | None = None,
    ) -> dict[str, Any]:
        """Run one input through the envelope; returns the task's summary. `after_redelivery` finishes what a
        delivery that already recorded its outcome may have left undone (moving its file)."""
        from worker.sources.poller import RetryLater

        database = get_runtime().ingestor.database
        task_id = self.request.id or uuid4().hex
        finish = _Once(self._finisher(task_id))
        try:
            with store_errors("the task's start could not be recorded"), database.session() as session:
                with session.begin():
                    delivery = history.record_started(session, task_id, self.name.rsplit(".", 1)[-1], argument)
            if delivery.already_finished:
                log.info("redelivered task=%s source=%r already finished: no-op", task_id, argument)
                if after_redelivery is not None:
                    after_redelivery(delivery)
                outcome = InputOutcome(source=argument, status=delivery.previous_outcome or Outcome.DUPLICATE)
                outcome.article_id = delivery.article_id
                return task_summary(task_id, outcome, redelivered=True)
            if delivery.cut_short >= MAX_CUT_SHORT:
                failure = InputFailure(
                    stage="worker",
                    error_type="WorkerLost",
                    message=f"the worker process died {delivery.cut_short} times while handling this input",
                    version=_version(),
                )
                outcome = give_up(failure, finish)
            else:
                outcome = work(delivery, finish)
            finish.settle(database, outcome)
            self._prompt_hooks()
        except StoreUnavailableError as error:
            if self.request.retries < self.max_retries:
                _try_record_failed(task_id, error.reason, will_retry=True)
                log.warning("transient failure task=%s source=%r: %s (will retry)", task_id, argument, error.reason)
                raise  # autoretry_for retries it with backoff and jitter
            return self._give_up_after_retries(task_id, argument, error, give_up)
        except RetryLater as later:
            countdown = max(
                get_exponential_backoff_interval(
                    RETRY_BACKOFF_SECONDS, self.request.retries, RETRY_BACKOFF_MAX_SECONDS, full_jitter=True
                ),
                later.retry_after or 0.0,
            )
            _try_record_failed(task_id, later.error.reason, will_retry=True)
            log.warning("transient failure task=%s source=%r: %s (retry in %.0fs)", task_id, argument, later, countdown)
            raise self.retry(exc=FetchError(later.error.reason), countdown=countdown) from later
        except Retry:
            raise
        except Exception as error:  # noqa: BLE001 - a bug in the envelope's own steps: still this input's error
            if finish.done:  # the outcome is recorded; what failed after it (a move) is only logged
                log.exception("task=%s source=%r failed after its outcome was recorded", task_id, argument)
                raise
            log.exception("task=%s source=%r failed outside the pipeline", task_id, argument)
            outcome = give_up(InputFailure.of(error, "task"), finish)
            finish.settle(database, outcome)
            self._prompt_hooks()
        return task_summary(task_id, outcome)

    def _prompt_hooks(self) -> None:
        # Run in-process (`newsworker retry` without --queue) there may be no broker: beat's tick delivers those.
        if not self.request.is_eager:
            prompt_hook_deliveries()

    def _finisher(self, task_id: str) -> Finish:
        def finish(session: Session, outcome: InputOutcome) -> None:
            history.record_finished(session, task_id, outcome.status, outcome.first_article_id, outcome.timings_ms)

        return finish

    def _give_up_after_retries(
        self, task_id: str, argument: str, error: StoreUnavailableError, give_up: GiveUp
    ) -> dict[str, Any]:
        """Retries are exhausted: record the input as an error if the database takes it, else fail the task."""
        failure = InputFailure(
            stage="store",
            error_type=type(error).__name__,
            message=f"still failing after {self.max_retries} retries: {error.reason}",
            version=_version(),
        )
        log.error("giving up task=%s source=%r: %s", task_id, argument, failure.message)
        finish = _Once(self._finisher(task_id))
        try:
            outcome = give_up(failure, finish)
            finish.settle(get_runtime().ingestor.database, outcome)
        except StoreUnavailableError:
            _try_record_failed(task_id, error.reason, will_retry=False)
            raise error from None
        return task_summary(task_id, outcome)


class _Once:
    """The finish hook, run at most once: in the outcome's own transaction, else in one of its own."""

    def __init__(self, finish: Finish) -> None:
        self._finish = finish
        self.done = False

    def __call__(self, session: Session, outcome: InputOutcome) -> None:
        if not self.done:
            self._finish(session, outcome)
            self.done = True

    def settle(self, database: Any, outcome: InputOutcome) -> None:
        """Run the hook now if the work recorded its outcome without it (a no-op, an OPML list...)."""
        if not self.done:
            with store_errors("the task's outcome could not be recorded"), database.session() as session:
                with session.begin():
                    self(session, outcome)


def _version() -> str:
    from worker.ingest import package_version

    return package_version()


def _try_record_failed(task_id: str, reason: str, will_retry: bool) -> None:
    try:
        with store_errors("the failure could not be recorded"), get_runtime().ingestor.database.session() as session:
            with session.begin():
                history.record_failed(session, task_id, reason, will_retry=will_retry)
    except StoreUnavailableError as error:
        log.warning("could not record the failure of task=%s: %s", task_id, error.reason)


# --- inbox files ---------------------------------------------------------------------------------------


def _inbox_for(path: Path) -> Path | None:
    inbox = get_runtime().settings.inbox
    return inbox if Path(path).absolute().is_relative_to(inbox) else None


@app.task(bind=True, base=InputTask, name="worker.tasks.ingest_file")
def ingest_file(self: InputTask, path: str, inbox_id: str | None = None) -> dict[str, Any]:
    """Ingest one file. Inbox files are then moved to processed/, or to failed/ (with the reason) when they
    were rejected or hit an internal error.

    `inbox_id` is the identity of the inbox the watcher sent it from (None in messages from before inbox
    queues): a worker that does not see that inbox puts the task back instead of calling the file gone.
    """
    visibility = file_task_visibility(get_runtime().settings.inbox, Path(path), inbox_id)
    if not visibility.visible:
        _put_back_file_task(self, path, inbox_id, visibility.reason)
    file_path = Path(path)
    inbox = _inbox_for(file_path)
    if inbox is None:
        ingestor = get_runtime().ingestor

        def work_anywhere(delivery: Delivery, finish: Finish) -> InputOutcome:
            return ingestor.ingest_file(file_path, task_id=delivery.task_id, finish=finish)

        def give_up_anywhere(failure: InputFailure, finish: Finish) -> InputOutcome:
            return ingestor.record_error(display_path(file_path), "file", failure, finish=finish)

        return self.run_input(display_path(file_path), work_anywhere, give_up_anywhere)
    inbox_file = _InboxFile(file_path, inbox)
    summary = self.run_input(inbox_file.shown, inbox_file.work, inbox_file.give_up, inbox_file.after_redelivery)
    if inbox_file.moved is not None:
        summary["moved_to"] = display_path(inbox_file.moved)
    return summary


class _InboxFile:
    """One inbox file through the envelope: its ledger row is written with its outcome, then it is moved."""

    def __init__(self, path: Path, inbox: Path) -> None:
        self.path = path
        self.inbox = inbox
        self.shown = display_path(path)
        self.moved: Path | None = None

    def work(self, delivery: Delivery, finish: Finish) -> InputOutcome:
        ingestor = get_runtime().ingestor
        stat_before = _stat(self.path)
        if stat_before is None:
            handled = _already_handled(self.path, delivery.task_id)
            if handled is not None:
                return handled
        # Chosen now and recorded with the outcome, so a rejection or error says where its file is.
        failed_target = aside_target(self.path, self.inbox, "failed")
        outcome = ingestor.ingest_file(
            self.path,
            inbox=self.inbox,
            task_id=delivery.task_id,
            moved_to=display_path(failed_target) if failed_target is not None else None,
            finish=self._with_ledger(finish, stat_before, delivery.task_id),
            # Another task for the file may have stored it and moved it away between the stat above and the read.
            when_gone=lambda: _already_handled(self.path, delivery.task_id),
        )
        # Moved only after the ledger says done/failed/error: a task that then finds the file gone can tell
        # "handled by another delivery" from "deleted", and a delivery killed before the move is finished
        # by its redelivery (_finish_interrupted_move).
        self.moved = _set_aside(self.path, self.inbox, outcome, failed_target)
        return outcome

    def after_redelivery(self, delivery: Delivery) -> None:
        _finish_interrupted_move(self.path, self.inbox, delivery.task_id)

    def give_up(self, failure: InputFailure, finish: Finish) -> InputOutcome:
        ingestor = get_runtime().ingestor
        stat_before = _stat(self.path)
        failed_target = aside_target(self.path, self.inbox, "failed")
        outcome = ingestor.record_error(
            self.shown,
            "file",
            failure,
            moved_to=display_path(failed_target) if failed_target is not None else None,
            finish=self._with_ledger(finish, stat_before, None),
        )
        self.moved = _set_aside(self.path, self.inbox, outcome, failed_target)
        return outcome

    def _with_ledger(self, finish: Finish, stat_before: tuple[int, int] | None, task_id: str | None) -> Finish:
        def finish_with_ledger(session: Session, outcome: InputOutcome) -> None:
            if stat_before is not None:
                record_ledger(
                    session,
                    self.shown,
                    stat_before[0],
                    stat_before[1],
                    LedgerState.of_outcome(outcome.status),
                    task_id=task_id,
                    content_hash=outcome.content_hash,
                )
            finish(session, outcome)

        return finish_with_ledger


def _put_back_file_task(task: Task, path: str, inbox_id: str | None, reason: str) -> NoReturn:
    """Send a file task this worker cannot see back to its inbox's queue, later; after PUT_BACK_LIMIT tries, fail
    it as transient: the watcher's ledger still says "queued", so it sends the file again after NEWSWORKER_RESEND_AFTER.
    """
    task_id = task.request.id or "eager"
    worker_name = task.request.hostname or socket.gethostname()
    put_backs = task.request.retries
    queue = inbox_queue(inbox_id) if inbox_id else None  # None: the queue it came from (an old message)
    if put_backs >= PUT_BACK_LIMIT:
        message = (
            f"not visible on worker {worker_name}: {reason}; put back {put_backs} times, no worker that sees it took it"
        )
        log.error("file task=%s path=%r %s: failed as transient, the watcher sends it again", task_id, path, message)
        _try_record_failed(task_id, message, will_retry=False)
        raise InboxNotVisibleError(message)
    countdown = min(PUT_BACK_MAX_SECONDS, 2.0**put_backs)
    log.warning(
        "file task=%s path=%r not visible on worker %s (%s): put back on queue %s in %.0fs, not rejected",
        task_id, path, worker_name, reason, queue or "it came from", countdown,
    )  # fmt: skip
    _try_record_failed(task_id, f"not visible on worker {worker_name}: {reason}; put back", will_retry=True)
    if queue is not None and task.request.hostname:
        # This worker was told to take a queue whose inbox it cannot see (`--queues inbox.<id>`): it stops, or it
        # would take the task back the moment it is put back, however many workers that see the inbox wait.
        try:
            task.app.control.cancel_consumer(queue, destination=[task.request.hostname], reply=False)
        except Exception as error:  # noqa: BLE001 - the put-back below matters more; the log says why
            log.warning("could not stop worker %s taking %s: %s", worker_name, queue, error)
    options: dict[str, Any] = {"queue": queue} if queue else {}
    raise task.retry(countdown=countdown, max_retries=PUT_BACK_LIMIT, **options)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.lstat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _set_aside(path: Path, inbox: Path, outcome: InputOutcome, failed_target: Path | None = None) -> Path | None:
    """Move the file to failed/ (with its reason) or processed/; a failed/ name other than the one recorded
    with the outcome (taken meanwhile) is written to the rejection or error row."""
    if outcome.status not in FAILED_OUTCOMES:
        return set_aside(path, inbox, "processed")
    reason = outcome.failure.report() if outcome.failure is not None else outcome.reason
    moved = set_aside(path, inbox, "failed", reason=reason, target=failed_target)
    if moved is not None and moved != failed_target:
        table = InputError if outcome.status == Outcome.ERROR else Rejection
        with store_errors("the file's new place could not be recorded"), _session() as session, session.begin():
            session.execute(
                update(table).where(table.source == key_form(outcome.source)).values(moved_to=display_path(moved))
            )
    return moved


def _session() -> Session:
    return get_runtime().ingestor.database.session()


def _ledger_row(path: Path) -> InboxFile | None:
    with _session() as session:
        return session.scalar(select(InboxFile).where(InboxFile.path == key_form(display_path(path))))


def _already_handled(path: Path, task_id: str) -> InputOutcome | None:
    """When an inbox file is gone because another task for it (the watcher re-sent it, or the same file was
    sent twice) already stored or set it aside, the outcome of a no-op; None when it was deleted instead."""
    ledger = _ledger_row(path)
    if ledger is None or ledger.state not in LEDGER_FINAL_STATES or ledger.task_id in (None, task_id):
        return None
    status = {LedgerState.DONE: Outcome.DUPLICATE, LedgerState.FAILED: Outcome.REJECTED}.get(
        LedgerState(ledger.state), Outcome.ERROR
    )
    with _session() as session:
        earlier = session.get(IngestTask, ledger.task_id)
        article_id = earlier.article_id if earlier is not None else None
    log.info("task=%s source=%r already handled by task=%s: no-op", task_id, display_path(path), ledger.task_id)
    outcome = InputOutcome(
        source=display_path(path), status=status, reason=f"the file was already handled by task {ledger.task_id}"
    )
    outcome.article_id = article_id
    return outcome


def _finish_interrupted_move(path: Path, inbox: Path, task_id: str) -> None:
    """A delivery that died between its final commit and the move left the file in the inbox: move it now."""
    info = _stat(path)
    ledger = _ledger_row(path) if info is not None else None
    if ledger is None or ledger.task_id != task_id or (ledger.size, ledger.mtime_ns) != info:
        return
    if ledger.state == LedgerState.DONE:
        set_aside(path, inbox, "processed")
        return
    source = key_form(display_path(path))
    with _session() as session:
        if ledger.state == LedgerState.FAILED:
            reason = session.scalar(select(Rejection.reason).where(Rejection.source == source))
        else:
            row = session.scalar(select(InputError).where(InputError.source == source))
            reason = None if row is None else f"internal error in {row.stage}: {row.error_type}: {row.message}"
    status = Outcome.REJECTED if ledger.state == LedgerState.FAILED else Outcome.ERROR
    _set_aside(path, inbox, InputOutcome(source=display_path(path), status=status, reason=reason))


RecordSent = Callable[[Session, str], None]


def enqueue_file(path: Path, record: RecordSent | None = None) -> str:
    """Send the task, then record it as queued in the history (and, through `record`, in the caller's own
    rows) in one transaction; returns the task id. One file of `enqueue_files`."""
    try:
        return enqueue_files([(path, record)])[0]
    except SendInterrupted as interrupted:
        raise interrupted.cause from interrupted


def enqueue_files(files: Sequence[tuple[Path, RecordSent | None]]) -> list[str]:
    """Send one task per file, then record them all as queued in the history (and, through each file's
    `record`, in the caller's own rows) in one transaction; returns the task ids, in order.

    A file in an inbox (a folder with an identity, written by the watcher) goes to that inbox's queue, which
    only workers that see the inbox take; any other path goes to the shared queue.

    Sent first: a broker that refuses leaves nothing to undo. A worker that starts a task before this
    transaction commits writes the history row itself, and the "queued" insert then leaves it alone. When the
    broker fails part-way, the files sent so far are recorded all the same and `SendInterrupted` says how many.
    One transaction for a batch (the watcher sends a tick's files together): per file, the commit and its
    share of the WAL cost the watcher more CPU than the publishing (docs/performance.md).
    """
    task_ids: list[str] = []
    inbox_ids: dict[Path, str | None] = {}  # per folder: the identity file is read once per batch, not per file
    failure: Exception | None = None
    with app.producer_or_acquire() as producer:  # one producer (and connection) for the batch
        for path, _record in files:
            task_id = uuid4().hex
            folder = Path(path).absolute().parent
            if folder not in inbox_ids:
                inbox_ids[folder] = find_inbox_id(path)
            inbox_id = inbox_ids[folder]
            try:
                if inbox_id is None:
                    ingest_file.apply_async(args=[str(path)], task_id=task_id, producer=producer)
                else:
                    ingest_file.apply_async(
                        args=[str(path)],
                        kwargs={"inbox_id": inbox_id},
                        task_id=task_id,
                        queue=inbox_queue(inbox_id),
                        producer=producer,
                    )
            except Exception as error:  # noqa: BLE001 - the broker: what was sent is recorded, then this is raised
                failure = error
                break
            task_ids.append(task_id)
    if task_ids:
        with _session() as session, session.begin():
            for (path, record), task_id in zip(files, task_ids, strict=False):
                history.record_queued(session, task_id, "ingest_file", display_path(path))
                if record is not None:
                    record(session, task_id)
    if failure is not None:
        raise SendInterrupted(task_ids, failure) from failure
    return task_ids


# --- feeds and URLs (service code in worker/feeds.py and worker/sources/poller.py) ---------------------


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
    from worker.feeds import poll_each_claimed_feed

    def send(one_id: int) -> dict[str, Any]:
        if _send_poll(database, one_id):
            return {"feed_id": one_id, "status": PollRequest.QUEUED, "message": "poll queued"}
        return {"feed_id": one_id, "status": PollRequest.ERROR, "message": "the broker refused the poll"}

    return poll_each_claimed_feed(database, feed_id, send)


@app.task(
    bind=True,
    name="worker.tasks.poll_feed",
    autoretry_for=(StoreUnavailableError,),
    max_retries=MAX_RETRIES,
    retry_backoff=RETRY_BACKOFF_SECONDS,
    retry_backoff_max=RETRY_BACKOFF_MAX_SECONDS,
    retry_jitter=True,
)
def poll_feed(self: Task, feed_id: int) -> dict[str, Any]:
    """Poll one feed and send an `ingest_feed_entry` per new entry.

    The feed's own failures (HTTP errors, timeouts, bad XML, values the database refuses) are recorded on it
    and back off through its schedule; only a database that cannot be written retries the task.
    """
    from worker.sources import poller

    runtime = get_runtime()
    database = runtime.ingestor.database
    result = poller.poll_feed(database, runtime.http_client, feed_id, runtime.settings)
    count_feed_poll(runtime.settings, result.status)
    prompt_hook_deliveries()  # a feed that turned failing or recovered is an event
    sent = send_feed_entries(database, result.to_send)
    return {**result.summary(), "sent": len(sent)}


def send_feed_entries(database: Any, entries: list[tuple[int, str]]) -> list[int]:
    """Send one `ingest_feed_entry` per (entry id, link) and mark them queued; returns the ids sent.

    An entry the broker refused stays "pending", and the feed's next poll sends it.
    """
    from worker.sources.poller import mark_entries_queued, task_ids_sent_for

    if not entries:
        return []
    planned = [(entry_id, link, uuid4().hex) for entry_id, link in entries]
    with store_errors("the feed's entries could not be queued"), database.session() as session, session.begin():
        # Read before sending: a fast worker may finish the new task before the entries are marked below.
        previous = task_ids_sent_for(session, [entry_id for entry_id, _link in entries])
        for _entry_id, link, task_id in planned:
            history.record_queued(session, task_id, "ingest_feed_entry", key_form(link))
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
    with store_errors("the feed's entries could not be queued"), database.session() as session, session.begin():
        mark_entries_queued(session, sent)
        for entry_id, task_id in sent.items():
            if entry_id in previous:  # sent before and never settled: that task's message was lost
                history.record_resent(session, previous[entry_id], task_id)
        for task_id in unsent:
            history.forget(session, task_id)
    return list(sent)


@app.task(bind=True, base=InputTask, name="worker.tasks.ingest_feed_entry")
def ingest_feed_entry(self: InputTask, entry_id: int) -> dict[str, Any]:
    """Store one feed entry as an article: its content, or its page's text when the feed has only a summary."""
    from worker.sources import poller

    runtime = get_runtime()
    feed_ids: list[int | None] = []

    def work(delivery: Delivery, finish: Finish) -> InputOutcome:
        outcome, feed_id = poller.ingest_entry(
            runtime.ingestor,
            runtime.http_client,
            entry_id,
            task_id=delivery.task_id,
            last_attempt=self.request.retries >= self.max_retries,
            finish=finish,
        )
        feed_ids.append(feed_id)
        return outcome

    def give_up(failure: InputFailure, finish: Finish) -> InputOutcome:
        return poller.record_entry_error(runtime.ingestor, entry_id, failure, finish=finish)

    summary = self.run_input(f"feed entry #{entry_id}", work, give_up)
    return {**summary, "feed_id": feed_ids[0] if feed_ids else None}


@app.task(bind=True, base=InputTask, name="worker.tasks.ingest_url")
def ingest_url(self: InputTask, url: str) -> dict[str, Any]:
    """Fetch one URL (a page, a feed or an OPML list) and store what it holds."""
    from worker.sources import poller

    runtime = get_runtime()

    def work(delivery: Delivery, finish: Finish) -> InputOutcome:
        return poller.ingest_url(
            runtime.ingestor,
            runtime.http_client,
            url,
            task_id=delivery.task_id,
            last_attempt=self.request.retries >= self.max_retries,
            finish=finish,
        )

    def give_up(failure: InputFailure, finish: Finish) -> InputOutcome:
        return runtime.ingestor.record_error(url, "url", failure, finish=finish)

    return self.run_input(url, work, give_up)


def enqueue_url(database: Any, url: str) -> str:
    """Send an `ingest_url` task for the URL, then record it as queued in the history; returns the task id.

    Sent first, like `enqueue_file`: a broker that refuses leaves no "queued" row behind. `POST /ingest` of the
    HTTP API calls this once the URL has passed `worker.urls.url_problem` and the private-network check.
    """
    task_id = uuid4().hex
    ingest_url.apply_async(args=[url], task_id=task_id)
    with store_errors("the URL's task could not be recorded"), database.session() as session, session.begin():
        history.record_queued(session, task_id, "ingest_url", key_form(url))
    return task_id


# --- webhooks (service code in worker/hooks.py) --------------------------------------------------------

# A queued delivery run is not sent again while this marker lives; the run deletes it as it starts. If the
# message was lost, beat's tick sends another once it expires.
HOOK_QUEUED_SECONDS = 60
# A delivery run's message older than this is dropped: beat's tick (or the next event) sends a fresh one.
HOOK_RUN_EXPIRES = 300
ACTIVE_HOOKS_CACHE_SECONDS = 5.0
_active_hooks: tuple[float, list[tuple[int, datetime | None]]] = (float("-inf"), [])


@app.task(name="worker.tasks.send_due_hook_deliveries", expires=60, ignore_result=True, send_events=False)
def send_due_hook_deliveries() -> dict[str, Any]:
    """Beat's tick for webhooks: send a delivery run for each active hook with events after its cursor whose
    backoff is over. Quiet in Flower like the feeds' tick (worker/beat.py)."""
    from worker.hooks import hooks_due

    try:
        with _session() as session:
            due = hooks_due(session)
    except Exception:
        from worker.counters import count_event

        log.exception("the due-hooks tick failed: no delivery was sent")
        count_event(get_runtime().settings, "beat_tick_errors")
        raise
    sent = [hook_id for hook_id in due if send_hook_delivery(hook_id)]
    if sent:
        log.info("hook deliveries due=%d sent=%d", len(due), len(sent))
    return {"due": due, "sent": sent}


def send_hook_delivery(hook_id: int) -> bool:
    """Queue a delivery run for the hook unless one already waits; True when one was sent."""
    from worker.hooks import queued_marker

    redis_client = get_runtime().redis
    marker = queued_marker(hook_id)
    try:
        if not redis_client.set(marker, "1", nx=True, ex=HOOK_QUEUED_SECONDS):
            return False
        deliver_hook.apply_async(args=[hook_id], expires=HOOK_RUN_EXPIRES)
    except Exception as error:  # noqa: BLE001 - the tick sends it later; say why now
        log.warning("could not send the delivery run of hook=%s: %s", hook_id, error)
        try:
            redis_client.delete(marker)
        except Exception:  # noqa: BLE001 - the marker expires by itself
            pass
        return False
    return True


def prompt_hook_deliveries() -> None:
    """After an outcome was committed (its events with it): send each active hook's delivery run now instead of
    at beat's next tick. Cheap: active hooks are read at most every 5 s per process, and a hook whose run
    already waits costs one Redis SET. Never fails the caller: beat's tick is the safety net."""
    global _active_hooks
    from worker.hooks import ready_hooks
    from worker.store.models import utcnow

    try:
        read_at, hooks = _active_hooks
        if time.monotonic() - read_at > ACTIVE_HOOKS_CACHE_SECONDS:
            with _session() as session:
                hooks = ready_hooks(session)
            _active_hooks = (time.monotonic(), hooks)
        now = utcnow()
        for hook_id, next_attempt in hooks:
            if next_attempt is None or next_attempt <= now:  # a hook backing off waits for beat's tick
                send_hook_delivery(hook_id)
    except Exception as error:  # noqa: BLE001 - the tick delivers anyway
        log.warning("could not prompt the hooks' deliveries: %s", error)


@app.task(name="worker.tasks.deliver_hook", ignore_result=True)  # Flower still shows its summary
def deliver_hook(hook_id: int) -> dict[str, Any]:
    """Deliver one hook's events after its cursor, in order, while holding the hook's lock (one run per hook
    anywhere). A failure is recorded on the hook (backoff, or paused); a run out of time sends the next."""
    from worker.hooks import HookLock, deliver_hook_events, queued_marker, rerun_marker
    from worker.states import DeliveryStatus

    runtime = get_runtime()
    runtime.redis.delete(queued_marker(hook_id))
    # Asked for before the lock is tried: a run that finds the lock taken leaves this for its holder, which sends
    # one more run when it ends, so events committed while it finished are not left for beat's next tick.
    again = rerun_marker(hook_id)
    runtime.redis.set(again, "1", ex=HOOK_QUEUED_SECONDS)
    lock = HookLock(runtime.redis, hook_id, runtime.settings.hook_timeout + 30)
    if not lock.acquire():
        return {"hook_id": hook_id, "status": DeliveryStatus.BUSY}
    runtime.redis.delete(again)
    try:
        run = deliver_hook_events(
            runtime.ingestor.database, runtime.http_client, hook_id, runtime.settings, still_ours=lock.extend
        )
    finally:
        lock.release()
    asked_again = bool(runtime.redis.delete(again))
    if run.status == DeliveryStatus.MORE or (asked_again and run.status == DeliveryStatus.CAUGHT_UP):
        send_hook_delivery(hook_id)
    if run.delivered or run.error:
        log.info("hook=%s delivered=%d status=%s", hook_id, len(run.delivered), run.status)
    return run.summary()
