"""One URL rule for fetching and for feeds (issue 15 §6, §7), and bounded feed intervals and lists (issue 10)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worker.feeds import FeedListError, check_feed_url, load_feed_list, parse_every
from worker.pipeline.feeds import clean_http_url, parse_feed
from worker.sources.http import InvalidURLError, parse_fetch_url
from worker.urls import hide_credentials, url_problem


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://user:hunter2@news.example/rss", "user name or password"),
        ("https://hunter2@news.example/rss", "user name or password"),
        ("http://news.example:84301/rss", "not a valid URL"),  # urlsplit: "Port out of range"
        ("http://news.example:0/rss", "outside 1-65535"),
        ("http://[::1/rss", "not a valid URL"),
        ("ftp://news.example/rss", "not an http(s) URL"),
        ("http:///rss", "no host"),
    ],
)
def test_refused_urls_say_why_without_the_password(url: str, words: str) -> None:
    problem = url_problem(url)
    assert problem is not None and words in problem
    assert "hunter2" not in problem
    with pytest.raises(FeedListError) as caught:
        check_feed_url(url)
    assert "hunter2" not in str(caught.value)
    with pytest.raises(InvalidURLError if "ftp" not in url else Exception) as fetched:
        parse_fetch_url(url)
    assert "hunter2" not in str(fetched.value)


@pytest.mark.parametrize(
    "url", ["http://news.example/rss", "https://news.example:8443/a?b=c", "http://[2001:db8::1]:80/"]
)
def test_ordinary_urls_pass(url: str) -> None:
    assert url_problem(url) is None
    assert parse_fetch_url(url)


def test_hide_credentials() -> None:
    assert hide_credentials("http://a:b@h/x?u=v@w") == "http://***@h/x?u=v@w"
    assert hide_credentials("http://[::1") == "http://[::1"


def test_entry_links_with_credentials_or_wrapping_ports_are_dropped() -> None:
    assert clean_http_url("http://u:p@news.example/story") is None
    assert clean_http_url("http://news.example:70000/story") is None
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>One</title><link>http://news.example:84301/one</link><guid>1</guid></item>"
        b"<item><title>Two</title><link>http://u:secret@news.example/two</link><guid>2</guid></item>"
        b"</channel></rss>"
    )
    assert [entry.link for entry in parse_feed(feed).entries] == [None, None]


@pytest.mark.parametrize("every", ["inf", "1e300", "31d", float("inf"), 1e300, float("nan"), "0"])
def test_feed_intervals_have_a_maximum(every: str | float) -> None:
    """Issue 10 §1b: `--every inf` was accepted, then every poll raised OverflowError."""
    with pytest.raises(FeedListError, match="from 1s to 30d"):
        parse_every(every)


def test_thirty_days_is_the_longest_interval() -> None:
    assert parse_every("30d") == 30 * 86400


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("feeds.json", "[" * 100_000 + "]" * 100_000),
        ("feeds.toml", "x = " + "[" * 100_000 + "]" * 100_000),
        ("inf.toml", 'feeds = [{url = "https://news.example/rss", every = inf}]'),
        ("huge.json", json.dumps({"feeds": [{"url": "https://news.example/rss", "every": 1e300}]})),
    ],
)
def test_hostile_feeds_files_are_one_line_errors(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(FeedListError):
        load_feed_list(path)


def test_an_unbounded_interval_already_stored_is_read_as_the_maximum() -> None:
    from datetime import UTC, datetime, timedelta

    from worker.feeds import next_poll_delay

    for every in (float("inf"), 1e300, float("nan")):
        for errors in (0, 3):
            delay = next_poll_delay(every, errors, 6 * 3600.0, retry_after=1e308)
            assert delay == 30 * 86400.0
            assert datetime.now(UTC) + timedelta(seconds=delay)  # no OverflowError


def test_opml_outlines_with_credentials_are_skipped_with_a_reason(caplog: pytest.LogCaptureFixture) -> None:
    from worker.feeds import specs_from_opml

    opml = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline type="rss" xmlUrl="https://reader:hunter2@private.example/rss"/>'
        b'<outline type="rss" xmlUrl="https://public.example/rss"/></body></opml>'
    )
    with caplog.at_level("WARNING"):
        assert [spec.url for spec in specs_from_opml(opml)] == ["https://public.example/rss"]
    assert "user name or password" in caplog.text and "hunter2" not in caplog.text
