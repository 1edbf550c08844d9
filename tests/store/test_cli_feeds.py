"""`newsworker feeds` commands and OPML lists dropped into the inbox, on a real database (no broker, no network)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests.conftest import REPO
from tests.support.cli import invoke, run
from tests.unit.test_feeds_file import OPML

RESULT_SCHEMA = json.loads((REPO / "schemas" / "task-result.schema.json").read_text())


def feeds(env: dict[str, str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(run(env, "feeds", "list", "--json"))
    return rows


def test_add_retime_list_remove(settings_env: dict[str, str]) -> None:
    assert "added feed #1 http://127.0.0.1:9/rss.xml every 2s" in run(
        settings_env, "feeds", "add", "http://127.0.0.1:9/rss.xml", "--every", "2s"
    )
    run(settings_env, "feeds", "add", "https://news.example/atom", "--name", "Example News")
    rows = feeds(settings_env)
    assert [(r["id"], r["every"], r["name"], r["error_count"], r["items_found"]) for r in rows] == [
        (1, "2s", None, 0, 0),
        (2, "15m", "Example News", 0, 0),  # NEWSWORKER_FEED_EVERY's default
    ]
    assert rows[0]["next_poll_at"] and rows[0]["last_polled_at"] is None  # due at once, never polled

    # The same URL again re-times it rather than adding a second feed.
    assert "updated feed #1" in run(settings_env, "feeds", "add", "HTTP://127.0.0.1:9/rss.xml", "--every", "5m")
    assert [r["every"] for r in feeds(settings_env)] == ["5m", "15m"]
    assert "unchanged feed #1" in run(settings_env, "feeds", "add", "http://127.0.0.1:9/rss.xml")

    text = run(settings_env, "feeds", "list")
    assert "ID" in text and "https://news.example/atom" in text and "never" in text

    assert "removed feed #1" in run(settings_env, "feeds", "remove", "1")
    assert [r["id"] for r in feeds(settings_env)] == [2]
    missing = invoke(settings_env, "feeds", "remove", "1")
    assert missing.exit_code != 0 and "no feed #1" in missing.output


def test_bad_urls_and_intervals_are_refused(settings_env: dict[str, str]) -> None:
    for args, message in [
        (("ftp://example.com/feed",), "not an http(s) URL"),
        (("http://[::1",), "not a valid URL"),  # urllib's "Invalid IPv6 URL" once escaped as a traceback
        (("http://example.com:99999/feed",), "not a valid URL"),
        (("https://example.com/feed", "--every", "0s"), "not a duration"),
        (("https://example.com/feed", "--every", "often"), "not a duration"),
    ]:
        result = invoke(settings_env, "feeds", "add", *args)
        assert result.exit_code != 0 and message in result.output
    assert feeds(settings_env) == []


def test_import_the_repository_feeds_file(settings_env: dict[str, str]) -> None:
    output = run(settings_env, "feeds", "import", str(REPO / "feeds.toml"))
    added = len(feeds(settings_env))
    assert added >= 3 and f"{added} feeds added" in output
    assert "already present" in run(settings_env, "feeds", "import", str(REPO / "feeds.toml"))
    assert len(feeds(settings_env)) == added


def test_a_feeds_file_updates_intervals_and_a_bad_one_changes_nothing(
    settings_env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "feeds.json"
    path.write_text(json.dumps({"feeds": [{"url": "https://a.example/rss", "every": "1h"}]}))
    run(settings_env, "feeds", "import", str(path))
    path.write_text(json.dumps({"feeds": [{"url": "https://a.example/rss", "every": "10m", "name": "A"}]}))
    assert "1 updated" in run(settings_env, "feeds", "import", str(path))
    assert [(r["every"], r["name"]) for r in feeds(settings_env)] == [("10m", "A")]

    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[feeds]]\nurl = "https://b.example/rss"\n\n[[feeds]]\nurl = "https://c.example/rss"\nevry = "1m"\n'
    )
    result = invoke(settings_env, "feeds", "import", str(bad))
    assert result.exit_code != 0 and "feeds/1" in result.output and "'evry' was unexpected" in result.output
    assert len(feeds(settings_env)) == 1  # all or nothing


def test_import_opml(settings_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "subscriptions.opml"
    path.write_bytes(OPML)
    assert "2 feeds added" in run(settings_env, "feeds", "import", str(path))
    assert {(r["url"], r["name"]) for r in feeds(settings_env)} == {
        ("https://world.example/rss.xml", "World news"),
        ("http://local.example/feed", "Local"),
    }


def test_opml_in_the_inbox_imports_its_feeds(ingestor, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An OPML file taken by the watcher's task (ingest_file -> Ingestor.ingest_bytes) adds its feeds."""
    from worker.feeds import feed_rows

    settings.inbox.mkdir(parents=True)
    path = settings.inbox / "subscriptions.opml"
    path.write_bytes(OPML)
    outcome = ingestor.ingest_file(path, inbox=settings.inbox)
    assert outcome.status == "imported" and "2 feeds added" in (outcome.reason or "")
    jsonschema.validate({"task_id": "t", "redelivered": False, **outcome.summary()}, RESULT_SCHEMA)
    with ingestor.database.session() as session:
        assert len(feed_rows(session)) == 2

    # The same list again adds nothing; a list without feeds is rejected with its reason.
    assert "2 already present" in (ingestor.ingest_file(path, inbox=settings.inbox).reason or "")
    empty = settings.inbox / "empty.opml"
    empty.write_bytes(b'<?xml version="1.0"?><opml version="2.0"><body><outline text="x"/></body></opml>')
    rejected = ingestor.ingest_file(empty, inbox=settings.inbox)
    assert rejected.status == "rejected" and "holds no feed" in (rejected.reason or "")


def test_ingest_command_reports_feed_lists(settings_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "subs.xml"  # the content, not the name, says it is OPML
    path.write_bytes(OPML)
    summary = json.loads(run(settings_env, "ingest", str(path), "--json").splitlines()[-1])
    assert summary["feed_lists"] == 1 and summary["rejected"] == 0
    assert len(feeds(settings_env)) == 2
