"""The one claim loop behind `newsworker feeds poll` (queued to workers, or `--here`): each feed is claimed
before it is polled, and a feed claimed by a poll under way is reported busy, the same way on both paths."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from worker.feeds import BUSY_MESSAGE, FeedSpec, claim_feed, import_feeds, poll_each_claimed_feed
from worker.states import PollRequest
from worker.store.db import Database
from worker.store.models import Feed


def add_two_feeds(database: Database) -> list[int]:
    specs = [FeedSpec(url="https://one.example/feed.xml"), FeedSpec(url="https://two.example/feed.xml")]
    with database.session() as session, session.begin():
        import_feeds(session, specs, 900.0)
    with database.session() as session:
        return list(session.scalars(select(Feed.id).order_by(Feed.id)))


def test_a_feed_claimed_elsewhere_is_busy_and_the_others_are_polled_once(database: Database) -> None:
    first, second = add_two_feeds(database)
    with database.session() as session, session.begin():
        assert claim_feed(session, first)  # a worker's poll under way
    polled: list[int] = []

    def poll(feed_id: int) -> dict[str, Any]:
        polled.append(feed_id)
        return {"feed_id": feed_id, "status": PollRequest.QUEUED, "message": "poll queued"}

    summaries = poll_each_claimed_feed(database, None, poll)
    assert polled == [second]
    assert summaries == [
        {"feed_id": first, "status": "busy", "message": BUSY_MESSAGE},
        {"feed_id": second, "status": "queued", "message": "poll queued"},
    ]
    # The claims stay until the polls record their outcome: asking again polls nothing.
    assert [s["status"] for s in poll_each_claimed_feed(database, None, poll)] == ["busy", "busy"]
    assert polled == [second]


def test_one_feed_by_id_and_an_unknown_id(database: Database) -> None:
    _first, second = add_two_feeds(database)
    summaries = poll_each_claimed_feed(database, second, lambda feed_id: {"feed_id": feed_id, "status": "ok"})
    assert summaries == [{"feed_id": second, "status": "ok"}]
    assert poll_each_claimed_feed(database, 999_999, lambda feed_id: {"feed_id": feed_id}) == []
