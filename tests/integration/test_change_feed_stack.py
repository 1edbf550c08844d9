"""Issue 13's "done when" for the change feed, through the real stack: two `celery worker` processes, the watcher
on a real inbox, a real feed on 127.0.0.1 and a private redis-server. While the workers ingest 500 files and a
feed burst, one consumer calls `newsworker events --after SEQ --json` again and again with the last seq it got,
and another runs `newsworker events --follow --json`. Each must receive every stored article, by id, exactly once,
in seq order, with no event missed (compared with the articles and events tables at the end). SQLite and, with
TEST_DATABASE_URL, PostgreSQL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import select

from tests.bad_inputs import good_article
from tests.conftest import REPO
from tests.integration import stack
from tests.integration.test_feeds import Db, FeedServer, Route, cli, cli_here, full_item, rss2, story
from tests.integration.test_feeds import db as db  # noqa: F401 (fixture)
from tests.integration.test_feeds import feed_server as feed_server  # noqa: F401 (fixture)
from worker.store.models import Article, Event

pytestmark = pytest.mark.integration
EVENT_SCHEMA = json.loads((REPO / "schemas" / "event.schema.json").read_text())

FILES = 500
BURST = 100  # entries in one poll of one feed
PAGE = 50  # events per `events --after` call: many calls, each reading up to whatever has committed


@pytest.fixture
def stack_env(env: dict[str, str]) -> dict[str, str]:
    return dict(env, NEWSWORKER_ALLOW_PRIVATE_NETWORKS="1", NEWSWORKER_HOST_INTERVAL="0.01")


@pytest.fixture
def running(stack_env: dict[str, str], tmp_path: Path) -> Iterator[dict[str, stack.Proc]]:
    Path(stack_env["NEWSWORKER_HOME"]).mkdir(parents=True, exist_ok=True)
    cli_here(stack_env, "status")  # migrate once, before the processes race to
    logs = tmp_path / "logs"
    procs = {
        "w1": stack.celery_worker(stack_env, logs, concurrency=1, name="w1").start(),
        "w2": stack.celery_worker(stack_env, logs, concurrency=1, name="w2").start(),
        "watcher": stack.watcher(stack_env, logs).start(),
    }
    try:
        for name in ("w1", "w2"):
            stack.wait_for(lambda name=name: stack.worker_ready(procs[name]), 120, what=f"celery worker {name} ready")
        yield procs
    finally:
        for proc in procs.values():
            proc.stop()


class FollowingConsumer(threading.Thread):
    """Reads pages from cursor 0 on (`read_page`, in a subclass) until told to finish; then reads until a page comes
    back empty, so nothing committed before `finish` is left unread."""

    pause = 0.5  # seconds between reads while nothing new comes

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.received: list[dict[str, Any]] = []
        self.reads_while_ingesting = 0  # pages with records read before every article was in
        self.ingested = threading.Event()
        self.finish = threading.Event()
        self.error: BaseException | None = None

    def read_page(self, cursor: int) -> tuple[list[dict[str, Any]], int]:
        """The records after `cursor` and the cursor to read from next."""
        raise NotImplementedError

    def run(self) -> None:
        cursor = 0
        try:
            while True:
                finishing = self.finish.is_set()
                records, cursor = self.read_page(cursor)
                if records:
                    self.received.extend(records)
                    if not self.ingested.is_set():
                        self.reads_while_ingesting += 1
                elif finishing:
                    return
                else:
                    self.finish.wait(self.pause)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.error = error


class CursorConsumer(FollowingConsumer):
    """Calls `newsworker events --after SEQ --json --limit PAGE` with the last seq it got."""

    def __init__(self, env: dict[str, str]) -> None:
        super().__init__()
        self.env = env

    def call(self, after: int) -> list[dict[str, Any]]:
        done = subprocess.run(
            [sys.executable, "-m", "worker.cli", "events", "--after", str(after), "--json", "--limit", str(PAGE)],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        batch: list[dict[str, Any]] = json.loads(done.stdout)
        return batch

    def read_page(self, cursor: int) -> tuple[list[dict[str, Any]], int]:
        batch = self.call(cursor)
        return batch, batch[-1]["seq"] if batch else cursor


def burst_feed(server: FeedServer) -> str:
    items = [
        full_item(f"b{n}", f"Burst {n}", server.url(f"/burst/{n}.html"), story(f"burst {n}")) for n in range(BURST)
    ]
    server.routes["/burst.xml"] = Route(rss2("Burst", items))
    return server.url("/burst.xml")


def ingest_files_and_burst(env: dict[str, str], db: Db, feed_server: FeedServer, all_stored: threading.Event) -> None:
    """What the consumers follow: adds the burst feed, renames FILES stories into the inbox one by one with a poll
    of the burst half-way through, waits for every article to be stored (then sets `all_stored`) and for every
    file to be moved to processed/."""
    inbox = Path(env["NEWSWORKER_INBOX"])
    cli(env, "feeds", "add", burst_feed(feed_server), "--every", "1h")
    for number in range(FILES):
        if number == FILES // 2:  # the burst lands in the middle of the files
            assert "poll queued" in cli(env, "feeds", "poll")
        part = inbox / f"story-{number:03d}.txt.part"  # renamed whole: the watcher never takes half a file
        part.write_bytes(good_article(f"Story {number} of the day"))
        part.rename(inbox / f"story-{number:03d}.txt")
    expected = FILES + BURST
    stack.wait_for(lambda: db.count(Article) >= expected, 1200, interval=1, what=f"{expected} articles")
    all_stored.set()
    stack.wait_for(
        lambda: len(list((inbox / "processed").glob("*.txt"))) == FILES, 300, interval=1, what="every file done"
    )


def check_consumer(name: str, received: list[dict[str, Any]], events: list[tuple[int, str, int | None]]) -> None:
    seqs = [record["seq"] for record in received]
    assert len(seqs) == len(set(seqs)), f"{name}: an event twice"
    assert seqs == sorted(seqs), f"{name}: out of seq order"
    missed = sorted({seq for seq, _kind, _id in events} - set(seqs))
    assert missed == [], f"{name}: missed {missed[:20]}"
    assert [(r["seq"], r["kind"], r["article_id"]) for r in received] == events


def test_consumers_following_the_change_feed_get_every_stored_article_once(  # type: ignore[no-untyped-def]
    running, stack_env: dict[str, str], db: Db, feed_server: FeedServer, tmp_path: Path
) -> None:
    inbox = Path(stack_env["NEWSWORKER_INBOX"])
    stack.wait_for(inbox.exists, 60, what="the inbox to be created")
    followed = (tmp_path / "follow.jsonl").open("w")
    follower = subprocess.Popen(
        [sys.executable, "-m", "worker.cli", "events", "--follow", "--json", "--interval", "0.2"],
        env=stack_env,
        cwd=REPO,
        stdout=followed,
        stderr=subprocess.PIPE,
        text=True,
    )
    consumer = CursorConsumer(stack_env)
    consumer.start()
    try:
        ingest_files_and_burst(stack_env, db, feed_server, all_stored=consumer.ingested)
    finally:
        consumer.finish.set()
        consumer.join(600)
        follower.send_signal(signal.SIGINT)
        try:
            follower.wait(120)
        finally:
            if follower.poll() is None:
                follower.kill()
                follower.wait()
            followed.close()
    assert consumer.error is None, consumer.error
    assert follower.returncode == 0, follower.stderr.read() if follower.stderr else ""

    articles = {row[0] for row in db.rows(select(Article.id))}
    assert len(articles) == FILES + BURST
    events = [tuple(row) for row in db.rows(select(Event.seq, Event.kind, Event.article_id).order_by(Event.seq))]
    stored = [article_id for _seq, kind, article_id in events if kind == "article.stored"]
    assert sorted(stored) == sorted(articles), "every article has exactly one article.stored event"

    follow_received = [json.loads(line) for line in (tmp_path / "follow.jsonl").read_text().splitlines()]
    for name, received in (("events --after", consumer.received), ("events --follow", follow_received)):
        check_consumer(name, received, events)  # type: ignore[arg-type]
        got = [r["article_id"] for r in received if r["kind"] == "article.stored"]
        assert sorted(got) == sorted(articles), f"{name}: not every stored article"
    for record in consumer.received:
        jsonschema.validate(record, EVENT_SCHEMA)
    feed_articles = [r for r in consumer.received if r["kind"] == "article.stored" and r["feed_id"] is not None]
    assert len(feed_articles) == BURST and all(r["task_id"] for r in feed_articles)
    # It followed the ingest as it happened, not one read at the end.
    assert consumer.reads_while_ingesting >= 2, consumer.reads_while_ingesting
