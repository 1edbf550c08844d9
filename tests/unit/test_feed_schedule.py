"""The feed schedule: backoff arithmetic, and claims that let exactly one caller poll a due feed.

Claims run on a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set).
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from worker.feeds import (
    CLAIM_SECONDS,
    FeedSpec,
    add_feed,
    claim_due_feeds,
    claim_feed,
    feed_rows,
    next_poll_delay,
    release_claim,
    remove_feed,
)
from worker.store.db import Database
from worker.store.models import Feed, FeedEntrySeen, utcnow

EVERY = 900.0
CAP = 6 * 3600.0


@pytest.mark.parametrize(
    ("errors", "expected"),
    [(0, EVERY), (1, 2 * EVERY), (2, 4 * EVERY), (4, 16 * EVERY), (5, CAP), (50, CAP), (10**6, CAP)],
)
def test_backoff_doubles_per_error_up_to_the_cap(errors: int, expected: float) -> None:
    assert next_poll_delay(EVERY, errors, CAP) == expected


def test_retry_after_pushes_back_but_never_past_the_cap() -> None:
    assert next_poll_delay(EVERY, 1, CAP, retry_after=3600) == 3600  # longer than the backoff: honoured
    assert next_poll_delay(EVERY, 1, CAP, retry_after=10) == 2 * EVERY  # shorter: the backoff stands
    assert next_poll_delay(EVERY, 1, CAP, retry_after=10**9) == CAP  # absurd: capped, the feed stays alive


def test_an_error_never_delays_a_slow_feed_past_its_own_interval_doubled_or_the_cap() -> None:
    daily = 86400.0
    assert next_poll_delay(daily, 0, CAP) == daily
    assert next_poll_delay(daily, 3, CAP) == daily  # the cap is max(max_backoff, every): never sooner than usual


@pytest.fixture
def db(database_url: str):  # type: ignore[no-untyped-def]
    database = Database(database_url)
    yield database
    database.dispose()


def _add(database: Database, url: str, every: float = EVERY) -> int:
    with database.session() as session, session.begin():
        feed, what = add_feed(session, FeedSpec(url=url, every_seconds=every), EVERY)
        assert what == "added"
        return feed.id


def test_due_feeds_are_claimed_once(db: Database) -> None:
    due = [_add(db, f"http://example.test/{n}.xml") for n in range(3)]
    later = _add(db, "http://example.test/later.xml")
    now = utcnow()
    with db.session() as session, session.begin():
        feed = session.get(Feed, later)
        assert feed is not None
        feed.next_poll_at = now + timedelta(days=1)

    with db.session() as session, session.begin():
        assert claim_due_feeds(session, now=now) == due
    with db.session() as session, session.begin():
        assert claim_due_feeds(session, now=now) == []  # claimed: not handed out again
        assert claim_feed(session, due[0], now=now) is False

    # A claim whose poll never reported back lapses, and the feed is due again.
    lapsed = now + timedelta(seconds=CLAIM_SECONDS + 1)
    with db.session() as session, session.begin():
        assert claim_due_feeds(session, now=lapsed) == due
    with db.session() as session, session.begin():
        release_claim(session, due[1])
    with db.session() as session, session.begin():
        assert claim_due_feeds(session, now=lapsed) == [due[1]]
        # `feeds poll ID` claims a feed that is not due yet.
        assert claim_feed(session, later, now=now) is True


def test_concurrent_claims_split_the_due_feeds(db: Database, database_url: str) -> None:
    """Four callers at once (separate engines, as separate beats would be): every due feed claimed exactly once."""
    ids = [_add(db, f"http://example.test/c{n}.xml") for n in range(40)]
    now = utcnow()
    barrier = threading.Barrier(4)
    results: list[list[int]] = []
    errors: list[BaseException] = []

    def claim_in_batches() -> None:
        database = Database(database_url, migrate=False)
        mine: list[int] = []
        try:
            barrier.wait()
            while True:
                with database.session() as session, session.begin():
                    batch = claim_due_feeds(session, now=now, limit=3)
                if not batch:
                    break
                mine.extend(batch)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            results.append(mine)
            database.dispose()

    threads = [threading.Thread(target=claim_in_batches) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    claimed = [feed_id for mine in results for feed_id in mine]
    assert sorted(claimed) == ids  # all of them, none twice


def test_retiming_and_removing_take_effect_without_a_restart(db: Database) -> None:
    feed_id = _add(db, "http://example.test/retime.xml", every=3600)
    now = utcnow()
    with db.session() as session, session.begin():
        feed = session.get(Feed, feed_id)
        assert feed is not None
        feed.last_polled_at = now
        feed.next_poll_at = now + timedelta(hours=1)
    with db.session() as session, session.begin():
        feed, what = add_feed(session, FeedSpec(url="HTTP://EXAMPLE.test/retime.xml", every_seconds=2), EVERY, now=now)
        assert (feed.id, what) == (feed_id, "updated")  # same URL once normalised: no second row
    with db.session() as session, session.begin():
        # The next poll moved from an hour away to two seconds after the last one.
        assert claim_due_feeds(session, now=now + timedelta(seconds=3)) == [feed_id]
        session.add(FeedEntrySeen(feed_id=feed_id, entry_key="k1", link="http://example.test/a", state="stored"))
    with db.session() as session, session.begin():
        assert remove_feed(session, feed_id) == "http://example.test/retime.xml"
        assert remove_feed(session, feed_id) is None
    with db.session() as session:
        assert session.scalars(select(FeedEntrySeen)).all() == []  # its seen rows went with it
        assert feed_rows(session) == []
