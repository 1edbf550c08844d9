"""What a person sees in Flower under the real stack (redis-server, a worker, beat ticking every second, the
watcher, `newsworker flower` with basic auth): no beat ticks in the task list, a task result that says
the title and outcome in words, and a `/metrics` page that asks for credentials like every other page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.bad_inputs import good_article
from tests.integration import stack
from tests.integration.test_feeds import Db, one_story_feed
from tests.integration.test_flower import (
    AUTH,
    BROKER_PASSWORD,
    FLOWER_USER,
    base_env,
    flower_url,
    run_cli,
    start_flower,
)
from worker.store.models import Article, Feed

pytestmark = pytest.mark.integration

TICKS = 5


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("flower-quiet")


@pytest.fixture(scope="module")
def feed_url() -> Iterator[str]:
    with one_story_feed() as url:
        yield url


@pytest.fixture(scope="module")
def running(root: Path, feed_url: str) -> Iterator[dict[str, Any]]:
    redis = stack.RedisServer(root / "redis", password=BROKER_PASSWORD)
    redis.start()
    env = stack.newsworker_env(
        base_env(root), redis.url, NEWSWORKER_STABLE_SECONDS="0.2", NEWSWORKER_BEAT_INTERVAL="1",
        NEWSWORKER_ALLOW_PRIVATE_NETWORKS="1",
    )  # fmt: skip
    logs = root / "logs"
    procs: dict[str, stack.Proc] = {}
    try:
        procs["worker"] = stack.celery_worker(env, logs, concurrency=1).start()
        procs["flower"] = start_flower(env, logs, stack.free_port())
        stack.wait_for(lambda: stack.worker_ready(procs["worker"]), 60, what="celery worker ready")
        assert run_cli(["feeds", "add", feed_url], env).returncode == 0
        procs["beat"] = stack.celery_beat(env, logs, Path(env["NEWSWORKER_HOME"])).start()
        procs["watcher"] = stack.watcher(env, logs).start()
        yield {"env": env, "procs": procs}
    finally:
        for proc in procs.values():
            proc.stop()
        redis.stop()


def flower_tasks(flower: stack.Proc) -> dict[str, Any]:
    status, body = stack.http_get(flower_url(flower, "/api/tasks"), AUTH)
    assert status == 200, body[:200]
    tasks: dict[str, Any] = json.loads(body)
    return tasks


def finished_in_flower(flower: stack.Proc, path: Path) -> dict[str, Any] | None:
    for task in flower_tasks(flower).values():
        if str(path) in (task.get("args") or "") and task.get("state") in ("SUCCESS", "FAILURE"):
            return dict(task)
    return None


def drop(env: dict[str, str], name: str, content: bytes) -> Path:
    inbox = Path(env["NEWSWORKER_INBOX"]).resolve()
    stack.wait_for(inbox.exists, 20, what="the inbox")
    path = inbox / name
    path.write_bytes(content)
    return path


def test_beat_ticks_stay_out_of_the_task_list_and_still_poll(running: dict[str, Any]) -> None:
    env, procs = running["env"], running["procs"]
    path = drop(env, "harbour-report.txt", good_article("Harbour"))
    stack.wait_for(
        lambda: finished_in_flower(procs["flower"], path), 60, interval=0.3, what="the ingest task in Flower"
    )
    beat = procs["beat"]
    stack.wait_for(
        lambda: beat.output().count("Sending due task poll-due-feeds") >= TICKS, 60, what=f"{TICKS} beat ticks"
    )
    db = Db(env["DATABASE_URL"])
    try:  # the tick did its job: the feed was claimed, polled and its entry stored
        stack.wait_for(lambda: db.scalar(select(Feed.last_status)) == "ok", 60, what="beat's tick to poll the feed")
        stack.wait_for(lambda: db.count(Article, Article.source_kind == "feed") == 1, 60, what="the feed entry stored")
    finally:
        db.engine.dispose()
    names = [task.get("name") for task in flower_tasks(procs["flower"]).values()]
    assert "worker.tasks.ingest_file" in names
    assert "worker.tasks.poll_feed" in names  # the polls the tick sent are shown: they are real work
    assert "worker.tasks.poll_due_feeds" not in names, names
    assert "worker.tasks.send_due_hook_deliveries" not in names, names  # the webhooks' tick, as quiet
    assert not [task for task in flower_tasks(procs["flower"]).values() if not task.get("name")], "nameless tasks"


def test_the_task_result_says_title_and_outcome(running: dict[str, Any]) -> None:
    env, procs = running["env"], running["procs"]
    stored = drop(env, "springfield.txt", good_article("Springfield Votes"))
    empty = drop(env, "empty.txt", b"")
    stored_task = stack.wait_for(lambda: finished_in_flower(procs["flower"], stored), 60, interval=0.3, what="stored")
    empty_task = stack.wait_for(lambda: finished_in_flower(procs["flower"], empty), 60, interval=0.3, what="empty")
    db = Db(env["DATABASE_URL"])
    try:
        article_id = db.scalar(select(Article.id).where(Article.title == "Springfield Votes"))
    finally:
        db.engine.dispose()
    assert article_id is not None
    assert f"'summary': 'stored #{article_id} \"Springfield Votes\"'" in stored_task["result"], stored_task["result"]
    assert "'summary': 'rejected: the file is empty" in empty_task["result"], empty_task["result"]


def test_flower_metrics_page_needs_credentials(running: dict[str, Any]) -> None:
    flower = running["procs"]["flower"]
    assert stack.http_get(flower_url(flower, "/metrics"))[0] == 401
    assert stack.http_get(flower_url(flower, "/metrics"), (FLOWER_USER, "wrong"))[0] == 401
    status, body = stack.http_get(flower_url(flower, "/metrics"), AUTH)
    assert status == 200 and b"flower_events_total" in body


TICK_WITHOUT_DATABASE = """
from worker.tasks import poll_due_feeds
try:
    poll_due_feeds()
except Exception as error:
    print("raised", type(error).__name__)
"""


def test_a_failed_tick_is_logged_and_counted(redis_server: str, tmp_path: Path) -> None:
    """With no event in Flower, a tick's failure must show elsewhere: in the log and in a count."""
    import subprocess
    import sys

    from tests.conftest import REPO
    from worker.config import load_settings
    from worker.counters import read_counts

    env = stack.newsworker_env(
        base_env(tmp_path), redis_server, DATABASE_URL=f"postgresql://nobody@127.0.0.1:{stack.free_port()}/none"
    )
    for expected in (1, 2):
        done = subprocess.run(
            [sys.executable, "-c", TICK_WITHOUT_DATABASE], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
        )
        assert "raised OperationalError" in done.stdout, done.stdout + done.stderr
        assert "the due-feeds tick failed" in done.stderr
        assert read_counts(load_settings(env))["beat_tick_errors"] == expected
