"""newsworker_* metrics scraped from a running `newsworker up` while files and feeds are ingested: every count
matches the database, and the banner prints where they are served."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from tests.bad_inputs import good_article
from tests.integration import stack
from tests.integration.test_feeds import Db, FeedServer, Route, full_item, rss2, story
from tests.integration.test_flower_quiet import run_cli
from worker.metrics import INPUT_KINDS
from worker.store.models import Article, IngestTask

pytestmark = pytest.mark.integration

FEED_ENTRIES = 3


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    items = [full_item(f"e{n}", f"Harbour story {n}", f"http://x.test/{n}", story(f"harbour {n}")) for n in range(3)]
    server.routes["/news.xml"] = Route(rss2("Harbour Daily", items))
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of the page: (name, sorted labels) -> value; the page passes Prometheus's lint if promtool is here."""
    status, body = stack.http_get(url, timeout=30)
    assert status == 200, body[:300]
    promtool = shutil.which("promtool")
    if promtool:
        lint = subprocess.run([promtool, "check", "metrics"], input=body, capture_output=True, timeout=30)
        assert lint.returncode == 0, lint.stdout + lint.stderr
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def values(samples: dict[Any, float], name: str) -> dict[tuple[tuple[str, str], ...], float]:
    return {labels: value for (sample, labels), value in samples.items() if sample == name}


def test_metrics_from_up_match_the_database(
    settings_env: dict[str, str], database_url: str, feed_server: FeedServer, tmp_path: Path
) -> None:
    env = {k: v for k, v in settings_env.items() if not k.startswith("FLOWER_")}
    port = stack.free_port()
    env.update(
        FLOWER_PORT=str(stack.free_port()),
        NEWSWORKER_METRICS_PORT=str(port),
        NEWSWORKER_ALLOW_PRIVATE_NETWORKS="1",
        NEWSWORKER_BEAT_INTERVAL="1",
        NEWSWORKER_HOST_INTERVAL="0.01",
        NEWSWORKER_STABLE_SECONDS="0.2",
    )
    assert run_cli(["feeds", "add", feed_server.url("/news.xml")], env).returncode == 0
    assert run_cli(["feeds", "add", feed_server.url("/gone.xml")], env).returncode == 0  # answers 404
    up = stack.newsworker_up(env, tmp_path / "logs", "--concurrency", "1").start()
    url = f"http://127.0.0.1:{port}/metrics"
    db = Db(database_url)
    try:
        stack.wait_for(lambda: f"metrics   {url}" in up.output(), 60, what="the banner's metrics line")
        stack.wait_for(lambda: stack.http_get(url)[0] == 200, 30, what="the metrics server to answer")
        inbox = Path(env["NEWSWORKER_INBOX"])
        stack.wait_for(inbox.exists, 30, what="the inbox")
        for name in ("springfield", "shelbyville", "ogdenville"):
            (inbox / f"{name}.txt").write_bytes(good_article(name.title()))
        (inbox / "springfield-again.txt").write_bytes(good_article("Springfield"))
        (inbox / "empty.txt").write_bytes(b"")
        # A scrape while the work goes on answers too.
        assert values(scrape(url), "newsworker_metrics_source_up") == {
            (("source", "broker"),): 1.0,
            (("source", "database"),): 1.0,
        }

        sent_files = 2 + 5  # the two seeds of a fresh home, and the five files dropped

        def all_done() -> bool:
            finished = db.count(IngestTask, IngestTask.state == "finished")
            busy = db.count(IngestTask, IngestTask.state.in_(("queued", "started", "retrying")))
            return finished == sent_files + FEED_ENTRIES and busy == 0

        stack.wait_for(all_done, 180, interval=0.5, what="every file and feed entry to be ingested")
        stack.wait_for(
            lambda: values(scrape(url), "newsworker_feed_polls_total").get((("status", "http-404"),), 0) >= 1,
            60,
            what="the failing feed polled",
        )
        samples = scrape(url)

        rows = db.rows(
            select(IngestTask.kind, IngestTask.outcome, func.count())
            .where(IngestTask.state == "finished")
            .group_by(IngestTask.kind, IngestTask.outcome)
        )
        expected = {(("kind", INPUT_KINDS[kind]), ("outcome", outcome)): float(n) for kind, outcome, n in rows}
        assert values(samples, "newsworker_inputs_total") == expected
        assert expected[(("kind", "file"), ("outcome", "duplicate"))] == 1
        assert expected[(("kind", "file"), ("outcome", "rejected"))] == 1
        assert expected[(("kind", "feed"), ("outcome", "stored"))] == FEED_ENTRIES

        articles = db.count(Article)
        assert values(samples, "newsworker_articles") == {(): float(articles)}
        depths = values(samples, "newsworker_queue_depth")
        assert (("queue", "celery"),) in depths and set(depths.values()) == {0.0}
        assert values(samples, "newsworker_oldest_queued_seconds") == {(): 0.0}
        timed = [t for (t,) in db.rows(select(IngestTask.timings).where(IngestTask.state == "finished"))]
        for stage in ("extract", "tag", "store"):
            counted = values(samples, "newsworker_stage_seconds_count")[(("stage", stage),)]
            assert counted == sum(1 for t in timed if t and stage in t), stage
        assert values(samples, "newsworker_watcher_lag_seconds_count") == {(): float(sent_files)}
        assert values(samples, "newsworker_feeds_failing") == {(): 1.0}
        assert list(values(samples, "newsworker_feed_failing_seconds")) == [(("feed_id", "2"),)]
        assert values(samples, "newsworker_feeds") == {
            (("last_status", "http-404"),): 1.0,
            (("last_status", "ok"),): 1.0,
        }
        polls = values(samples, "newsworker_feed_polls_total")
        assert polls[(("status", "ok"),)] >= 1
        assert values(samples, "newsworker_beat_tick_errors_total") == {(): 0.0}
        assert values(samples, "newsworker_resends_total") == {}
        assert values(samples, "newsworker_input_errors") == {}  # no internal error: nothing kept for retry
        assert all(name.startswith("newsworker_") for name, _labels in samples)
        assert re.search(rf"metrics\s+http://127\.0\.0\.1:{port}/metrics", up.output())
    finally:
        db.engine.dispose()
        up.stop(signal.SIGTERM, timeout=60)
