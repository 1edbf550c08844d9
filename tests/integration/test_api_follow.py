"""Issue 13's "done when" for the HTTP API: while two `celery worker` processes ingest 500 files from the watched
inbox and a feed burst from a server on 127.0.0.1 (the stack of test_change_feed_stack.py, reused), a consumer
follows `GET /articles?after=CURSOR` of a real `newsworker api`. It must receive every stored article, by id,
exactly once, in the order of their `article.stored` events. SQLite and, with TEST_DATABASE_URL, PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.integration import stack
from tests.integration.api_client import check_shape, start_api
from tests.integration.test_change_feed_stack import BURST, FILES, FollowingConsumer, ingest_files_and_burst
from tests.integration.test_change_feed_stack import running as running  # noqa: F401 (fixture)
from tests.integration.test_change_feed_stack import stack_env as stack_env  # noqa: F401 (fixture)
from tests.integration.test_feeds import Db, FeedServer
from tests.integration.test_feeds import db as db  # noqa: F401 (fixture)
from tests.integration.test_feeds import feed_server as feed_server  # noqa: F401 (fixture)
from worker.store.models import Article, Event

pytestmark = pytest.mark.integration

PAGE = 40  # articles per request: many requests, each reading up to whatever has committed


class ApiConsumer(FollowingConsumer):
    """Follows GET /articles with the cursor it was last given."""

    pause = 0.3

    def __init__(self, api: Any) -> None:
        super().__init__()
        self.api = api
        self.cursors: list[int] = []

    def read_page(self, cursor: int) -> tuple[list[dict[str, Any]], int]:
        page = self.api.json("/articles", after=cursor, limit=PAGE)
        check_shape(page, "article_page")
        assert page["next_cursor"] >= cursor, (cursor, page["next_cursor"])
        self.cursors.append(page["next_cursor"])
        items: list[dict[str, Any]] = page["items"]
        return items, page["next_cursor"]


def test_a_consumer_following_the_api_cursor_gets_every_stored_article_once(  # type: ignore[no-untyped-def]
    running, stack_env: dict[str, str], db: Db, feed_server: FeedServer, tmp_path: Path
) -> None:
    inbox = Path(stack_env["NEWSWORKER_INBOX"])
    stack.wait_for(inbox.exists, 60, what="the inbox to be created")
    api = start_api(stack_env, tmp_path / "logs")
    consumer = ApiConsumer(api)
    consumer.start()
    try:
        ingest_files_and_burst(stack_env, db, feed_server, all_stored=consumer.ingested)
    finally:
        consumer.finish.set()
        consumer.join(600)
        api.stop()
    assert consumer.error is None, consumer.error

    articles = {row[0] for row in db.rows(select(Article.id))}
    assert len(articles) == FILES + BURST
    stored_order = [
        row[0] for row in db.rows(select(Event.article_id).where(Event.kind == "article.stored").order_by(Event.seq))
    ]
    got = [item["id"] for item in consumer.received]
    assert len(got) == len(set(got)), "an article twice"
    missed = sorted(articles - set(got))
    assert missed == [], f"missed {len(missed)} articles: {missed[:20]}"
    assert got == stored_order  # in the order they were stored, with no gap
    from_feed = [item for item in consumer.received if any(s.get("feed_id") for s in item["sightings"])]
    assert len(from_feed) == BURST
    # It followed the ingest as it happened, not one read at the end.
    assert consumer.reads_while_ingesting >= 2, consumer.reads_while_ingesting
