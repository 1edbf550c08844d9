"""Feed lists: URLs and intervals as typed, feeds.toml / feeds.json against the JSON Schema, OPML lists."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import REPO
from worker.feeds import (
    FeedListError,
    FeedSpec,
    check_feed_url,
    format_duration,
    load_feed_list,
    parse_every,
    specs_from_document,
    specs_from_opml,
)

SCHEMA = json.loads((REPO / "schemas" / "feeds.schema.json").read_text())


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("HTTPS://News.Example.COM/rss.xml#top", "https://news.example.com/rss.xml"),
        ("  http://127.0.0.1:8080/feed?cat=world  ", "http://127.0.0.1:8080/feed?cat=world"),
        ("http://example.com", "http://example.com/"),
        ("http://[::1]:8080/a.xml", "http://[::1]:8080/a.xml"),
    ],
)
def test_feed_urls_are_stored_in_one_form(typed: str, stored: str) -> None:
    assert check_feed_url(typed) == stored


@pytest.mark.parametrize("bad", ["ftp://example.com/feed", "example.com/feed", "file:///etc/passwd", "http://x:99999/"])
def test_non_http_urls_are_refused(bad: str) -> None:
    with pytest.raises(FeedListError):
        check_feed_url(bad)


@pytest.mark.parametrize(
    ("typed", "seconds"), [("2s", 2), ("15m", 900), ("2h", 7200), ("1d", 86400), ("90", 90), (30, 30), (1.5, 1.5)]
)
def test_intervals(typed: str | int | float, seconds: float) -> None:
    assert parse_every(typed) == seconds


@pytest.mark.parametrize("bad", ["0s", "0.5", "-1m", "soon", "", "nan", 0])
def test_intervals_under_a_second_or_unreadable_are_refused(bad: str | int) -> None:
    with pytest.raises(FeedListError, match="duration"):
        parse_every(bad)


def test_intervals_print_as_they_are_typed() -> None:
    assert [format_duration(s) for s in (2, 900, 5400, 86400, 1.5)] == ["2s", "15m", "90m", "1d", "1.5s"]
    assert all(parse_every(format_duration(s)) == s for s in (2, 900, 5400, 86400, 1.5, 90061))


def test_the_repository_feeds_file_is_valid() -> None:
    specs = load_feed_list(REPO / "feeds.toml")
    assert specs and all(spec.url.startswith("https://") for spec in specs)
    assert len({spec.url for spec in specs}) == len(specs)


def test_feeds_json_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "feeds.json"
    path.write_text(
        json.dumps(
            {
                "defaults": {"every": "30m"},
                "feeds": [
                    {"url": "https://a.example/rss", "name": "A"},
                    {"url": "https://b.example/atom", "every": 60},
                ],
            }
        )
    )
    assert load_feed_list(path) == [
        FeedSpec("https://a.example/rss", "A", 1800.0),
        FeedSpec("https://b.example/atom", None, 60.0),
    ]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({}, "'feeds' is a required property"),
        ({"feeds": [{"name": "no url"}]}, "'url' is a required property"),
        ({"feeds": [{"url": "ftp://x.example/"}]}, "feeds/0/url"),
        ({"feeds": [{"url": "https://x.example/", "evry": "1m"}]}, "'evry' was unexpected"),
        ({"feeds": [{"url": "https://x.example/", "every": "soon"}]}, "feeds/0/every"),
        ({"feeds": [{"url": "https://x.example/", "every": 0.5}]}, "feeds/0/every"),
        ({"feeds": [{"url": "https://x.example/", "every": "0s"}]}, "feeds/0: not a duration"),
        ({"feeds": "https://x.example/"}, "feeds"),
    ],
)
def test_invalid_feeds_files_say_where(document: dict[str, object], message: str) -> None:
    with pytest.raises(FeedListError, match=message.replace("(", r"\(")):
        specs_from_document(document)


def test_schema_is_itself_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_invalid_toml_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('[[feeds]]\nurl = "https://x.example/\n')
    with pytest.raises(FeedListError, match="not valid TOML"):
        load_feed_list(path)


OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="News">
      <outline type="rss" text="World" title="World news" xmlUrl="https://World.example/rss.xml"/>
      <outline type="rss" text="Local" xmlUrl="http://local.example/feed"/>
    </outline>
    <outline type="rss" text="Twice" xmlUrl="https://world.example/rss.xml"/>
    <outline type="link" text="Not a feed" url="https://example.com/"/>
    <outline type="rss" text="Gopher" xmlUrl="gopher://old.example/feed"/>
  </body>
</opml>"""


def test_opml_outlines_become_feeds_once_each() -> None:
    assert specs_from_opml(OPML) == [
        FeedSpec("https://world.example/rss.xml", "World news"),
        FeedSpec("http://local.example/feed", "Local"),
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'<opml version="2.0"><body><outline text="x"/></body></opml>', "holds no feed"),
        (b"<opml><body><outline", "cannot be read"),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x "boom">]><opml><body>'
            b'<outline xmlUrl="https://a.example/&x;"/></body></opml>',
            "refused",
        ),
    ],
)
def test_unusable_opml_is_refused_with_a_reason(raw: bytes, message: str) -> None:
    with pytest.raises(FeedListError, match=message):
        specs_from_opml(raw)


def test_opml_files_load_by_suffix_or_content(tmp_path: Path) -> None:
    (tmp_path / "subs.opml").write_bytes(OPML)
    (tmp_path / "subs.xml").write_bytes(OPML)
    assert load_feed_list(tmp_path / "subs.opml") == load_feed_list(tmp_path / "subs.xml")
    (tmp_path / "subs.txt").write_bytes(b"https://example.com/rss")
    with pytest.raises(FeedListError, match="expected an .opml, .toml or .json"):
        load_feed_list(tmp_path / "subs.txt")
