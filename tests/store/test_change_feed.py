"""The change feed written by real ingests and polls (SQLite, and PostgreSQL when configured): each outcome is an
event in the same transaction, carrying ids and a small payload, and every event validates against
schemas/event.schema.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
from click.testing import CliRunner

from tests.conftest import REPO, SEEDS
from tests.faulty_tagger import MARKER
from tests.integration.test_feeds import Route, full_item, rss2, story
from tests.integration.test_feeds import feed_server as feed_server  # noqa: F401 (fixture)
from worker.cli import cli
from worker.config import load_settings
from worker.store.db import Database
from worker.store.events import event_record, events_after

EVENT_SCHEMA = json.loads((REPO / "schemas" / "event.schema.json").read_text())
SEED = SEEDS / "004_46e91d2e242a848f.txt"


def run(env: dict[str, str], *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, list(args), env=env, obj={}, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def events(env: dict[str, str]) -> list[dict[str, Any]]:
    """Every event, as JSON records, each checked against the schema."""
    database = Database(load_settings(env).database_url)
    try:
        with database.session() as session:
            records = [event_record(row) for row in events_after(session, 0, limit=10_000)]
    finally:
        database.dispose()
    for record in records:
        jsonschema.validate(record, EVENT_SCHEMA, format_checker=jsonschema.FormatChecker())
    return records


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(EVENT_SCHEMA)


def test_stored_seen_again_near_duplicate_and_rejected_inputs_are_events(
    settings_env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    original = SEED.read_text()
    title, _, body = original.partition("\n")
    paragraphs = body.strip().split("\n\n")
    variant = "Russia and Iran draw closer, says Rezaian\n\n" + "\n\n".join(paragraphs[:-3]) + "\n\nReporting by Desk."
    shutil.copy(SEED, folder / "a.txt")
    run(settings_env, "ingest", str(folder / "a.txt"))
    shutil.copy(SEED, folder / "copy.txt")
    run(settings_env, "ingest", str(folder / "copy.txt"))  # the same article from a new source
    run(settings_env, "ingest", str(folder / "a.txt"))  # the same source again: no new sighting, no event
    (folder / "b.txt").write_text(variant)
    run(settings_env, "ingest", str(folder / "b.txt"))
    (folder / "empty.txt").write_text("   \n")
    run(settings_env, "ingest", str(folder / "empty.txt"))

    records = events(settings_env)
    assert [(r["kind"], r["article_id"], Path(r["source"]).name) for r in records] == [
        ("article.stored", 1, "a.txt"),
        ("article.seen-again", 1, "copy.txt"),
        ("article.stored", 2, "b.txt"),
        ("article.near-duplicate", 2, "b.txt"),
        ("input.rejected", None, "empty.txt"),
    ]
    seqs = [r["seq"] for r in records]
    assert seqs == sorted(seqs) and [r["id"] for r in records] == [f"evt_{seq}" for seq in seqs]
    stored, seen_again, variant_stored, linked, rejected = records
    assert stored["payload"] == {"title": title.strip()}
    assert seen_again["payload"]["title"] == title.strip()
    assert variant_stored["payload"]["near_duplicate_of"] == 1
    assert linked["payload"]["duplicate_of"] == 1 and 0 < linked["payload"]["similarity"] <= 1
    assert rejected["payload"]["kind"] == "file" and "empty" in rejected["payload"]["reason"]
    assert rejected["payload"]["error_type"]


def test_an_internal_error_is_an_event_and_its_retry_a_stored_one(settings_env: dict[str, str], tmp_path: Path) -> None:
    from tests.bad_inputs import good_article

    env = dict(
        settings_env,
        NEWSWORKER_TAGGER="tests.faulty_tagger:make_tagger",
        NEWSWORKER_FAULTY_TAGGER_FIXED=str(tmp_path / "fixed"),
    )
    buggy = tmp_path / "buggy.txt"
    buggy.write_bytes(good_article("Bravo").replace(b"reported on Monday.", f"with {MARKER} help.".encode()))
    run(env, "ingest", str(buggy), code=3)
    (tmp_path / "fixed").touch()
    run(env, "retry", "--json")
    error, stored = events(env)
    assert (error["kind"], error["article_id"], error["source"]) == ("input.error", None, str(buggy))
    assert error["payload"]["stage"] == "tag" and error["payload"]["error_type"] == "KeyError"
    assert (stored["kind"], stored["source"]) == ("article.stored", str(buggy))
    assert stored["article_id"] is not None


def test_a_feed_failing_and_recovering_and_its_entries_are_events(
    settings_env: dict[str, str],
    feed_server,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    env = dict(settings_env, NEWSWORKER_ALLOW_PRIVATE_NETWORKS="1", REDIS_URL="redis://127.0.0.1:9/0")
    url = feed_server.url("/feed.xml")
    items = [full_item(f"e{n}", f"Entry {n}", feed_server.url(f"/{n}.html"), story(f"entry {n}")) for n in range(2)]
    feed_server.routes["/feed.xml"] = Route(rss2("Entries", items), fail_first=2)
    run(env, "feeds", "add", url, "--every", "1s")
    for _ in range(3):  # 503, 503 (still failing: one event), then ok
        run(env, "feeds", "poll", "--here", "--json")

    records = events(env)
    assert [r["kind"] for r in records] == ["feed.failing", "feed.recovered", "article.stored", "article.stored"]
    failing, recovered, *stored = records
    assert failing["feed_id"] == recovered["feed_id"] == 1 and failing["source"] == url
    assert failing["payload"] == {"url": url, "status": "http-503", "reason": failing["payload"]["reason"]}
    assert recovered["payload"] == {"url": url, "status": "ok", "errors": 2}
    assert {r["source"] for r in stored} == {feed_server.url("/0.html"), feed_server.url("/1.html")}
    assert all(r["feed_id"] == 1 and r["task_id"] is None for r in stored)


def test_migration_0006_gives_articles_already_stored_their_event(settings_env: dict[str, str]) -> None:
    from tests.support.migrations import migrate

    run(settings_env, "ingest", str(SEEDS))
    database = Database(load_settings(settings_env).database_url)
    try:
        migrate(database.engine, "0005", down=True)
        migrate(database.engine, "heads")
    finally:
        database.dispose()
    records = events(settings_env)  # validated against the schema
    assert [(r["kind"], r["article_id"]) for r in records] == [("article.stored", 1), ("article.stored", 2)]
    assert all(r["payload"]["title"] and r["created_at"].endswith("+00:00") for r in records)
    exported = run(settings_env, "export", "--since", "0")
    assert [json.loads(line)["id"] for line in exported.splitlines() if line.startswith("{")] == [1, 2]
