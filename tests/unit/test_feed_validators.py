"""Conditional GET bookkeeping: which validators are sent, and when a server's validators are caught lying."""

from __future__ import annotations

import pytest

from worker.errors import EmptyInputError
from worker.sources.http import FetchResult, FetchTimeoutError, HTTPStatusError, ResponseTooLargeError
from worker.sources.poller import (
    VERIFY_AFTER_NOT_MODIFIED,
    FeedSnapshot,
    conditional_validators,
    fetch_error_status,
    validators_lie,
)

OLD_HASH, NEW_HASH = "a" * 64, "b" * 64


def snapshot(**changes: object) -> FeedSnapshot:
    fields: dict[str, object] = {
        "id": 1,
        "url": "http://feed.example/rss",
        "every_seconds": 60.0,
        "error_count": 0,
        "etag": '"v1"',
        "last_modified": "Mon, 01 Jan 2024 00:00:00 GMT",
        "body_hash": OLD_HASH,
        "validators_unreliable": False,
        "not_modified_streak": 0,
    }
    fields.update(changes)
    return FeedSnapshot(**fields)  # type: ignore[arg-type]


def response(etag: str | None, last_modified: str | None = None) -> FetchResult:
    return FetchResult("http://feed.example/rss", 200, b"<rss/>", "application/rss+xml", etag, last_modified)


def test_validators_are_sent_until_they_prove_unreliable() -> None:
    assert conditional_validators(snapshot()) == ('"v1"', "Mon, 01 Jan 2024 00:00:00 GMT")
    assert conditional_validators(snapshot(validators_unreliable=True)) == (None, None)


def test_a_long_run_of_304s_is_checked_once_without_validators() -> None:
    assert conditional_validators(snapshot(not_modified_streak=VERIFY_AFTER_NOT_MODIFIED - 1))[0] == '"v1"'
    assert conditional_validators(snapshot(not_modified_streak=VERIFY_AFTER_NOT_MODIFIED)) == (None, None)


@pytest.mark.parametrize(
    ("etag", "last_modified", "body_hash", "lie"),
    [
        ('"v2"', None, NEW_HASH, None),  # new body, new ETag: honest
        ('"v1"', None, OLD_HASH, None),  # same body, same ETag (a server ignoring If-None-Match): honest
        ('"v2"', None, OLD_HASH, "new validators for an unchanged body"),
        (None, "Tue, 02 Jan 2024 00:00:00 GMT", OLD_HASH, "new validators for an unchanged body"),
        ('"v1"', None, NEW_HASH, "same ETag for a changed body"),
        (None, "Mon, 01 Jan 2024 00:00:00 GMT", NEW_HASH, "same Last-Modified for a changed body"),
        (None, None, NEW_HASH, None),  # no validators at all: nothing to judge
        # A new ETag wins over an unchanged Last-Modified (If-None-Match takes precedence).
        ('"v2"', "Mon, 01 Jan 2024 00:00:00 GMT", NEW_HASH, None),
    ],
)
def test_lying_validators_are_caught(
    etag: str | None, last_modified: str | None, body_hash: str, lie: str | None
) -> None:
    found = validators_lie(snapshot(), response(etag, last_modified), body_hash)
    assert (found is None) if lie is None else (found is not None and lie in found)


def test_the_first_fetch_judges_nothing() -> None:
    assert validators_lie(snapshot(body_hash=None, etag=None), response('"v9"'), NEW_HASH) is None


def test_fetch_errors_become_short_statuses_with_retry_after() -> None:
    assert fetch_error_status(HTTPStatusError(429, "http://x/", retry_after=30)) == ("http-429", 30)
    assert fetch_error_status(HTTPStatusError(503, "http://x/")) == ("http-503", None)
    assert fetch_error_status(FetchTimeoutError("slow")) == ("timeout", None)
    assert fetch_error_status(ResponseTooLargeError("big")) == ("too-large", None)
    assert fetch_error_status(EmptyInputError("nothing")) == ("error", None)
