"""newsworker's Prometheus metrics (`newsworker metrics`, and a child of `newsworker up`), all `newsworker_*`.

Everything is read at scrape time from what every host already shares: the database (inputs and their
outcomes, stage times, the queue's oldest input, watcher lag, feeds, resends), Redis (queue depth, and
the counts in worker/counters.py the database does not keep). So one metrics process sees every worker
on every host, counts always match the database, and workers keep no metrics state of their own (no
prometheus_client multiprocess directory, which would only cover the processes of one host).

Histograms are built incrementally: the server reads the whole history once as it starts, and each scrape
then reads only the rows finished (or sent) since the last (bench/perf_metrics.py measures both).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from worker.config import Settings
from worker.states import HookState, Outcome, TaskState
from worker.store.db import Database
from worker.store.events import last_sequence
from worker.store.models import Article, Feed, Hook, InboxFile, IngestTask, InputError, aware, utcnow

log = logging.getLogger(__name__)

# Task names in the ingest history, as the kind of input they ingest.
INPUT_KINDS = {"ingest_file": "file", "ingest_feed_entry": "feed", "ingest_url": "url"}
STAGE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
LAG_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0)
# A row is read again for this long after its timestamp, in case it committed after a scrape that
# already looked past that time; rows seen in the window are remembered so none is counted twice.
OVERLAP = timedelta(seconds=120)


@dataclass
class Histogram:
    """Cumulative bucket counts and a sum, in seconds, for the samples of one label value."""

    bounds: tuple[float, ...]
    counts: list[int] = field(default_factory=list)
    total: float = 0.0
    samples: int = 0

    def __post_init__(self) -> None:
        self.counts = [0] * len(self.bounds)

    def observe(self, value: float) -> None:
        self.samples += 1
        self.total += value
        for index, bound in enumerate(self.bounds):
            if value <= bound:
                self.counts[index] += 1

    def buckets(self) -> list[tuple[str, float]]:
        return [*((repr(bound), float(count)) for bound, count in zip(self.bounds, self.counts, strict=True)),
                ("+Inf", float(self.samples))]  # fmt: skip


@dataclass
class IncrementalRows:
    """Which rows of a growing table were already counted: a time watermark plus the ids seen near it."""

    watermark: datetime | None = None
    recent: dict[str, datetime] = field(default_factory=dict)

    def since(self) -> datetime | None:
        return None if self.watermark is None else self.watermark - OVERLAP

    def take(self, rows: Iterable[tuple[str, datetime | None, Any]]) -> Iterator[Any]:
        """The payloads of the rows not counted before; advances the watermark."""
        for key, at, payload in rows:
            if at is None or key in self.recent:
                continue
            at = aware(at)
            self.recent[key] = at
            if self.watermark is None or at > self.watermark:
                self.watermark = at
            yield payload
        if self.watermark is not None:
            floor = self.watermark - OVERLAP
            self.recent = {key: at for key, at in self.recent.items() if at >= floor}


class NewsworkerCollector(Collector):
    """Reads the metrics at each scrape. One instance per process: it keeps the histograms' running totals."""

    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self.stage_seconds: dict[str, Histogram] = {}
        self.finished_rows = IncrementalRows()
        self.watcher_lag = Histogram(LAG_BUCKETS)
        self.sent_files = IncrementalRows()

    def collect(self) -> Iterator[Any]:
        database_up = GaugeMetricFamily(
            "newsworker_metrics_source_up", "Whether the metrics' sources answered this scrape.", labels=["source"]
        )
        try:
            yield from self._from_database()
            database_up.add_metric(["database"], 1)
        except Exception as error:  # noqa: BLE001 - a scrape must say the database is down, not fail
            log.warning("metrics: the database did not answer: %s", error)
            database_up.add_metric(["database"], 0)
        try:
            yield from self._from_broker()
            database_up.add_metric(["broker"], 1)
        except Exception as error:  # noqa: BLE001
            log.warning("metrics: the broker did not answer: %s", error)
            database_up.add_metric(["broker"], 0)
        yield database_up

    # --- the database ------------------------------------------------------------------------------

    def _from_database(self) -> Iterator[Any]:
        now = utcnow()
        with self.database.session() as session:
            by_state = session.execute(
                select(IngestTask.kind, IngestTask.state, IngestTask.outcome, func.count()).group_by(
                    IngestTask.kind, IngestTask.state, IngestTask.outcome
                )
            ).all()
            oldest_queued = session.scalar(
                select(func.min(IngestTask.queued_at)).where(IngestTask.state == TaskState.QUEUED)
            )
            finished = session.execute(
                select(IngestTask.task_id, IngestTask.finished_at, IngestTask.timings).where(
                    IngestTask.state == TaskState.FINISHED, *_after(IngestTask.finished_at, self.finished_rows.since())
                )
            ).all()
            sent = session.execute(
                select(IngestTask.task_id, IngestTask.queued_at, InboxFile.mtime_ns)
                .join(InboxFile, InboxFile.task_id == IngestTask.task_id)
                .where(*_after(IngestTask.queued_at, self.sent_files.since()))
            ).all()
            feeds = session.execute(
                select(Feed.id, Feed.last_status, Feed.error_count, Feed.last_success_at, Feed.created_at)
            ).all()
            articles = session.scalar(select(func.count()).select_from(Article)) or 0
            errors_by_stage = session.execute(select(InputError.stage, func.count()).group_by(InputError.stage)).all()
            hooks = session.execute(select(Hook.id, Hook.state, Hook.cursor, Hook.failures)).all()
            newest_event = last_sequence(session) if hooks else 0

        inputs = CounterMetricFamily(
            "newsworker_inputs",
            "Inputs ingested by the workers, by kind (file, feed, url) and outcome "
            "(stored, duplicate, near-duplicate, rejected, imported, error).",
            labels=["kind", "outcome"],
        )
        resends = CounterMetricFamily(
            "newsworker_resends",
            "Tasks the resend net gave up waiting for and sent again (their message was lost), by kind of input.",
            labels=["kind"],
        )
        in_flight = GaugeMetricFamily(
            "newsworker_tasks", "Ingest tasks not finished yet, by state (queued, started, retrying).", labels=["state"]
        )
        totals: dict[tuple[str, str], int] = {}
        resent: dict[str, int] = {}
        waiting: dict[str, int] = {TaskState.QUEUED: 0, TaskState.STARTED: 0, TaskState.RETRYING: 0}
        for task_kind, state, outcome, count in by_state:
            kind = INPUT_KINDS.get(task_kind, task_kind)
            if state == TaskState.FINISHED:
                key = (kind, outcome or "unknown")
            elif state == TaskState.FAILED:
                key = (kind, Outcome.ERROR)
            elif state == TaskState.RESENT:
                resent[kind] = resent.get(kind, 0) + count
                continue
            else:
                waiting[state] = waiting.get(state, 0) + count
                continue
            totals[key] = totals.get(key, 0) + count
        for (kind, outcome), count in sorted(totals.items()):
            inputs.add_metric([kind, outcome], count)
        for kind, count in sorted(resent.items()):
            resends.add_metric([kind], count)
        for state, count in sorted(waiting.items()):
            in_flight.add_metric([state], count)
        yield inputs
        yield resends
        yield in_flight

        oldest = GaugeMetricFamily(
            "newsworker_oldest_queued_seconds",
            "Age of the oldest input sent to the workers and not started yet (0 when none waits).",
        )
        oldest.add_metric([], max(0.0, (now - aware(oldest_queued)).total_seconds()) if oldest_queued else 0.0)
        yield oldest

        for timings in self.finished_rows.take(finished):
            for stage, ms in (timings or {}).items():
                if isinstance(ms, int | float):
                    self.stage_seconds.setdefault(stage, Histogram(STAGE_BUCKETS)).observe(ms / 1000.0)
        stages = HistogramMetricFamily(
            "newsworker_stage_seconds",
            "Time an input spent in each stage of the pipeline (extract, hash, neardup_fingerprint, tag, store), "
            "over every task in the ingest history.",
            labels=["stage"],
        )
        for stage, histogram in sorted(self.stage_seconds.items()):
            stages.add_metric([stage], histogram.buckets(), histogram.total)
        yield stages

        for queued_at, mtime_ns in self.sent_files.take((row[0], row[1], (row[1], row[2])) for row in sent):
            closed_at = mtime_ns / 1e9
            self.watcher_lag.observe(max(0.0, aware(queued_at).timestamp() - closed_at))
        lag = HistogramMetricFamily(
            "newsworker_watcher_lag_seconds",
            "From a file's last write (its mtime) to the watcher sending it, over every file in the ingest history. "
            "A file copied in with an old mtime counts from that mtime.",
        )
        lag.add_metric([], self.watcher_lag.buckets(), self.watcher_lag.total)
        yield lag

        by_status: dict[str, int] = {}
        failing = GaugeMetricFamily(
            "newsworker_feed_failing_seconds",
            "For each feed whose last poll failed: seconds since its last successful poll (or since it was added).",
            labels=["feed_id"],
        )
        failing_count = 0
        for feed_id, status, error_count, last_success_at, created_at in feeds:
            by_status[status or "never-polled"] = by_status.get(status or "never-polled", 0) + 1
            if error_count > 0:
                failing_count += 1
                since = aware(last_success_at or created_at)
                failing.add_metric([str(feed_id)], max(0.0, (now - since).total_seconds()))
        feeds_by_status = GaugeMetricFamily(
            "newsworker_feeds", "Feeds by the status of their last poll.", labels=["last_status"]
        )
        for status, count in sorted(by_status.items()):
            feeds_by_status.add_metric([status], count)
        yield feeds_by_status
        failing_total = GaugeMetricFamily("newsworker_feeds_failing", "Feeds whose last poll failed.")
        failing_total.add_metric([], failing_count)
        yield failing_total
        yield failing

        stored = GaugeMetricFamily("newsworker_articles", "Articles in the database.")
        stored.add_metric([], articles)
        yield stored
        kept = GaugeMetricFamily(
            "newsworker_input_errors",
            "Inputs kept after an internal error, waiting for `newsworker retry` (`newsworker errors` lists them), "
            "by the stage that failed.",
            labels=["stage"],
        )
        for stage, count in sorted(errors_by_stage):
            kept.add_metric([stage], count)
        yield kept
        yield from _hook_metrics(hooks, newest_event)

    # --- the broker --------------------------------------------------------------------------------

    def _from_broker(self) -> Iterator[Any]:
        from worker.counters import read_counts
        from worker.status import broker_status

        broker = broker_status(self.settings)
        if not broker["reachable"]:
            raise ConnectionError(broker.get("error") or "the broker does not answer")
        counts = read_counts(self.settings)
        queue = GaugeMetricFamily(
            "newsworker_queue_depth",
            "Messages waiting in a broker queue: `celery` (feeds, URLs, polls) and each inbox's `inbox.<id>` (files).",
            labels=["queue"],
        )
        for name, depth in sorted(broker["queues"].items()):
            queue.add_metric([name], depth)
        yield queue
        polls = CounterMetricFamily(
            "newsworker_feed_polls", "Feed polls by status (ok, not-modified, unchanged, http-NNN, timeout, ...).",
            labels=["status"],
        )  # fmt: skip
        for name, count in sorted(counts.items()):
            if name.startswith(FEED_POLL_PREFIX):
                polls.add_metric([name.removeprefix(FEED_POLL_PREFIX)], count)
        yield polls
        tick_errors = CounterMetricFamily(
            "newsworker_beat_tick_errors",
            "Beat ticks (poll_due_feeds, send_due_hook_deliveries) that failed; each is in the worker's log.",
        )
        tick_errors.add_metric([], counts.get("beat_tick_errors", 0))
        yield tick_errors


FEED_POLL_PREFIX = "feed_polls:"


def _hook_metrics(hooks: Iterable[Any], newest_event: int) -> Iterator[Any]:
    """Webhooks, from the hooks table: how many in each state, and per hook how far behind and failing it is."""
    by_state = {state.value: 0 for state in HookState}
    behind = GaugeMetricFamily(
        "newsworker_hook_events_behind",
        "For each webhook: events recorded after its cursor (any kind; those of other kinds are skipped quickly).",
        labels=["hook_id"],
    )
    failures = GaugeMetricFamily(
        "newsworker_hook_failures",
        "For each webhook: failed deliveries in a row (0 once one succeeds).",
        labels=["hook_id"],
    )
    for hook_id, state, cursor, failed in hooks:
        by_state[state] = by_state.get(state, 0) + 1
        behind.add_metric([str(hook_id)], max(0, newest_event - cursor))
        failures.add_metric([str(hook_id)], failed)
    states = GaugeMetricFamily(
        "newsworker_hooks", "Webhooks by state (paused: after too many failures).", labels=["state"]
    )
    for state, count in sorted(by_state.items()):
        states.add_metric([state], count)
    yield states
    yield behind
    yield failures


def count_feed_poll(settings: Settings, status: str) -> None:
    """Count one feed poll by its status (the database keeps only each feed's last one)."""
    from worker.counters import count_event

    count_event(settings, FEED_POLL_PREFIX + status)


def _after(column: Any, since: datetime | None) -> list[Any]:
    return [] if since is None else [column > since]


# --- serving -----------------------------------------------------------------------------------------


def make_registry(collector: NewsworkerCollector) -> Any:
    from prometheus_client import CollectorRegistry

    registry = CollectorRegistry(auto_describe=False)
    registry.register(collector)
    return registry


def serve_metrics(settings: Settings, address: str, port: int) -> None:
    """Serve /metrics on address:port until SIGTERM or Ctrl-C (one request at a time: scrapes are rare)."""
    import signal
    import threading
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from prometheus_client import make_wsgi_app

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            log.debug("metrics request: " + format, *args)

    database = Database(settings.database_url)
    collector = NewsworkerCollector(settings, database)
    started = time.monotonic()
    try:  # the whole history into the histograms now, so that no scrape has to (2 s per 100,000 tasks)
        for _family in collector._from_database():
            pass
        log.info("metrics: read the ingest history in %.1fs", time.monotonic() - started)
    except Exception as error:  # noqa: BLE001 - the first scrape tries again
        log.warning("metrics: the database did not answer at start: %s", error)
    server = make_server(address, port, make_wsgi_app(make_registry(collector)), handler_class=QuietHandler)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown, daemon=True).start())
    log.info("serving metrics on http://%s:%d/metrics", address or "0.0.0.0", port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        database.dispose()
        log.info("metrics server stopped after %.0fs", time.monotonic() - started)
