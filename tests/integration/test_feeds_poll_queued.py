"""`newsworker feeds poll` (queued) with no broker, with a broker but no worker, and with a worker: it must
say when nobody would take the poll, suggest `--here`, and leave the feed unclaimed so `--here` can poll it.
A claim whose poll never ran (a lost message) expires, and `--here` then polls the feed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from sqlalchemy import select, update

from tests.conftest import REPO
from tests.integration import stack
from tests.integration.test_feeds import Db, one_story_feed
from worker.feeds import CLAIM_SECONDS, claim_feed
from worker.store.db import Database
from worker.store.models import Feed, utcnow

pytestmark = pytest.mark.integration


@pytest.fixture
def feed_url() -> Iterator[str]:
    with one_story_feed() as url:
        yield url


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worker.cli", *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=120
    )


def base_env(settings_env: dict[str, str], redis_url: str) -> dict[str, str]:
    return stack.newsworker_env(settings_env, redis_url, NEWSWORKER_ALLOW_PRIVATE_NETWORKS="1")


def add_feed(env: dict[str, str], url: str) -> None:
    added = run(env, "feeds", "add", url)
    assert added.returncode == 0, added.stderr


def claimed_until(database_url: str) -> object:
    db = Db(database_url)
    try:
        return db.scalar(select(Feed.claimed_until))
    finally:
        db.engine.dispose()


def assert_refused_then_here_polls(env: dict[str, str], database_url: str, expected: str) -> None:
    queued = run(env, "feeds", "poll")
    assert queued.returncode != 0, queued.stdout
    assert expected in queued.stderr and "newsworker feeds poll --here" in queued.stderr, queued.stderr
    assert "poll queued" not in queued.stdout
    assert claimed_until(database_url) is None  # nothing claimed: beat and --here may poll it
    here = run(env, "feeds", "poll", "--here")
    assert here.returncode == 0, here.stderr
    assert "feed #1: ok, 1 entries, 1 new; 1 stored" in here.stdout, here.stdout


def test_no_broker_says_so_and_leaves_the_feed_unclaimed(
    settings_env: dict[str, str], database_url: str, feed_url: str
) -> None:
    env = base_env(settings_env, f"redis://127.0.0.1:{stack.free_port()}/0")  # nothing listens there
    add_feed(env, feed_url)
    assert_refused_then_here_polls(env, database_url, "does not answer")


def test_broker_without_workers_says_no_worker_listens(
    settings_env: dict[str, str], database_url: str, feed_url: str, redis_server: str
) -> None:
    env = base_env(settings_env, redis_server)
    add_feed(env, feed_url)
    assert_refused_then_here_polls(env, database_url, "no worker is listening on redis://127.0.0.1")
    # Asked to, it queues for workers yet to start: the message waits in the broker, the feed stays claimed.
    anyway = run(env, "feeds", "poll", "--queue-anyway")
    assert anyway.returncode == 0 and anyway.stdout.strip() == "feed #1: poll queued", anyway.stderr
    client = redis.Redis.from_url(redis_server)
    try:
        assert client.llen("celery") == 1
    finally:
        client.close()
    assert claimed_until(database_url) is not None


def test_with_a_worker_the_poll_is_queued_and_done(
    settings_env: dict[str, str], database_url: str, feed_url: str, redis_server: str, tmp_path: Path
) -> None:
    env = base_env(settings_env, redis_server)
    add_feed(env, feed_url)
    worker = stack.celery_worker(env, tmp_path / "logs", concurrency=1).start()
    try:
        stack.wait_for(lambda: stack.worker_ready(worker), 60, what="celery worker ready")
        queued = run(env, "feeds", "poll")
        assert queued.returncode == 0, queued.stderr
        assert queued.stdout.strip() == "feed #1: poll queued"
        db = Db(database_url)
        try:
            stack.wait_for(lambda: db.scalar(select(Feed.last_status)) == "ok", 60, what="the queued poll to run")
        finally:
            db.engine.dispose()
    finally:
        worker.stop()


def test_a_claim_nobody_took_up_expires(settings_env: dict[str, str], database_url: str, feed_url: str) -> None:
    env = base_env(settings_env, f"redis://127.0.0.1:{stack.free_port()}/0")
    add_feed(env, feed_url)
    database = Database(database_url)
    try:
        with database.session() as session, session.begin():
            assert claim_feed(session, 1)  # a poll queued just now: --here stays away
        busy = run(env, "feeds", "poll", "--here")
        assert "already being polled" in busy.stdout, busy.stdout
        # A poll queued longer ago than a claim lasts, that no worker ever ran: the claim has expired.
        with database.session() as session, session.begin():
            session.execute(update(Feed).values(claimed_until=None))
            assert claim_feed(session, 1, now=utcnow() - timedelta(seconds=CLAIM_SECONDS + 1))
    finally:
        database.dispose()
    here = run(env, "feeds", "poll", "--here")
    assert here.returncode == 0 and "1 stored" in here.stdout, here.stdout + here.stderr
