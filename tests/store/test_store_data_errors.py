"""Values a database refuses (issue 10 §1b, PostgreSQL): each is stored cleaned or rejected with a reason,
never retried as if the database were down. Run on SQLite and, with TEST_DATABASE_URL, PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from tests.bad_inputs import good_article
from tests.integration.test_feeds import FeedServer, Route, full_item, rss2, story
from tests.integration.test_feeds import feed_server as feed_server  # noqa: F401 (fixture)
from worker.errors import StoreDataError, StoreUnavailableError
from worker.pipeline.document import SourceInfo
from worker.store.errors import store_errors
from worker.store.models import Article, FeedEntrySeen, Rejection
from worker.store.values import KEY_MAX_BYTES, clean_text, fit, key_form

LONG_SITE = "The Very Long Site Name " * 15  # 360 characters, over String(255)
LONG_URL = "https://example.org/" + "é" * 1500  # 3,020 UTF-8 bytes: over PostgreSQL's 2,704-byte index rows


def test_values_are_cleaned_for_the_database() -> None:
    assert clean_text("a\x00b\ud800c") == "abc"
    assert fit(LONG_SITE, 255) == LONG_SITE[:255]
    key = key_form(LONG_URL)
    assert len(key.encode()) <= KEY_MAX_BYTES and key == key_form(LONG_URL) and key != key_form(LONG_URL + "x")
    assert key.startswith("https://example.org/é") and key_form("https://short/") == "https://short/"


def test_store_errors_tell_a_refused_value_from_an_outage(database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreDataError, match="refused a value"):
        with store_errors("the row could not be written"), database.session() as session, session.begin():
            session.add(Rejection(source="x", source_kind="file", reason=None, error_type="E"))  # NOT NULL
    if database.engine.dialect.name == "postgresql":
        for value in ["a\x00b", "abcd"]:  # a NUL (refused by the driver), over varchar(3) (SQLSTATE 22001)
            with pytest.raises(StoreDataError):
                with store_errors("a value"), database.session() as session:
                    session.execute(text("CREATE TEMP TABLE short_values (v varchar(3))"))
                    session.execute(text("INSERT INTO short_values VALUES (:v)"), {"v": value})
        with pytest.raises(StoreDataError, match="index row"):  # SQLSTATE 54000, an OperationalError to SQLAlchemy
            with store_errors("a key"), database.session() as session, session.begin():
                session.execute(
                    text("INSERT INTO rejections (source, source_kind, reason, times, error_type, rejected_at)"
                         " VALUES (:s, 'file', 'r', 1, 'E', now())"),
                    {"s": "".join(chr(0x4E00 + i) for i in range(3000))},
                )  # fmt: skip
        unreachable = make_url(str(database.engine.url)).set(port=9, host="127.0.0.1")
    else:
        unreachable = make_url(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'x.db'}")
    engine = create_engine(unreachable)
    with pytest.raises(StoreUnavailableError), store_errors("the database"), engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def html_page(title: str, site: str, body: str) -> bytes:
    return (
        f'<html><head><title>{title}</title><meta property="og:site_name" content="{site}">'
        f'<link rel="canonical" href="{LONG_URL}"></head>'
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    ).encode()


def test_values_over_the_limits_in_files_are_stored_cleaned(ingestor) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    body = good_article("Nul story").decode()
    late_nul = (body + " padding" * 700 + "\x00 after the first four kilobytes.\n").encode()
    assert late_nul.index(b"\x00") > 4096
    url_header = f"Url story\nURL: {LONG_URL}\n\n{story('url header')}\n".encode()
    page = html_page("Site story", LONG_SITE, story("long site name"))
    outcomes = {
        name: ingestor.ingest_bytes(raw, SourceInfo(source=name, kind="file", modified_at=now))
        for name, raw in [("nul.txt", late_nul), ("url.txt", url_header), ("site.html", page)]
    }
    assert {name: o.status for name, o in outcomes.items()} == dict.fromkeys(outcomes, "stored"), outcomes
    with ingestor.database.session() as session:
        articles = {a.source: a for a in session.scalars(select(Article))}
    assert "\x00" not in articles["nul.txt"].text and "after the first four kilobytes" in articles["nul.txt"].text
    assert articles["url.txt"].url == key_form(LONG_URL)
    assert len(articles["site.html"].site or "") == 255  # cut to its column, not refused
    # A source name over the index limit too (a URL as the sighting's source): stored, then seen again.
    long_source = SourceInfo(source=LONG_URL, kind="url", modified_at=now)
    assert ingestor.ingest_bytes(good_article("Long source"), long_source).status == "stored"
    assert ingestor.ingest_bytes(good_article("Long source"), long_source).status == "duplicate"


def test_a_poll_with_unstorable_values_stores_its_other_entries(  # type: ignore[no-untyped-def]
    settings_env: dict[str, str],
    feed_server: FeedServer,  # noqa: F811
) -> None:
    env = dict(settings_env, NEWSWORKER_ALLOW_PRIVATE_NETWORKS="1", REDIS_URL="redis://127.0.0.1:9/0")
    u = feed_server.url
    items = [
        full_item("plain-1", "Plain entry", u("/plain.html"), story("plain")),
        full_item("nul-2", "Nul &#0; entry", u("/nul.html"), story("nul entry") + " with a &#0; inside"),
        full_item("é" * 1500, "Long guid entry", u("/guid.html"), story("long guid")),
        full_item("long-link-4", "Long link entry", LONG_URL, story("long link")),
    ]
    feed_server.routes["/feed.xml"] = Route(rss2("A feed title " * 30, items))

    def cli(*args: str) -> str:
        result = CliRunner().invoke(__import__("worker.cli").cli.cli, list(args), env=env, obj={})
        assert result.exit_code == 0, result.output
        return result.stdout

    cli("feeds", "add", u("/feed.xml"))
    (polled,) = json.loads(cli("feeds", "poll", "--here", "--json"))
    assert (polled["status"], polled["new_entries"], polled["ingested"]) == ("ok", 4, {"stored": 4}), polled
    (listed,) = json.loads(cli("feeds", "list", "--json"))
    assert listed["last_status"] == "ok" and listed["last_polled_at"] and not listed["last_error"]
    from worker.config import load_settings
    from worker.store.db import Database

    database = Database(load_settings(env).database_url)
    with database.session() as session:
        states = list(session.scalars(select(FeedEntrySeen.state)))
        sites = list(session.scalars(select(Article.site)))
    database.dispose()
    assert states == ["stored"] * 4 and sorted(len(site or "") for site in sites) == [255] * 4
