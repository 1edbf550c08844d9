"""Feed polling through real processes: a local HTTP server, redis-server, `celery worker`, `celery beat`.

Feeds are added with the command line while beat is already running (no restart), and every format
and failure a feed server can offer is served from 127.0.0.1: RSS 0.91/2.0, Atom, RDF, summaries
whose pages must be fetched, broken XML, lying encodings, ETag/304, 429 with Retry-After, a server
slower than the timeout, and a body over the size cap.
"""

from __future__ import annotations

import base64
import json
import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine

from tests.conftest import REPO
from tests.integration import stack
from worker.sources.poller import VERIFY_AFTER_NOT_MODIFIED
from worker.store.models import Article, Feed, FeedEntrySeen, IngestTask, Rejection, Sighting

pytestmark = pytest.mark.integration

WORDS = (
    "council river market school harbour bridge station budget winter summer festival museum railway "
    "hospital farmers weather election library garden village mayor teachers students workers tourists "
    "storm flood harvest factory airport ferry theatre orchestra painter novelist scientists engineers "
    "doctors nurses police court judge minister parliament senate treaty border island mountain valley "
    "forest desert coast lighthouse castle cathedral stadium club season league record medal champion "
    "opened closed announced approved rejected delayed expanded repaired celebrated visited reported "
    "warned promised praised criticised measured counted planned funded built restored moved"
).split()


def story(topic: str, sentences: int = 16) -> str:
    """A distinct article of about 200 words about `topic` (distinct texts: no duplicate or near-duplicate)."""
    rng = random.Random(topic)
    lines = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(9, 14))]
        lines.append(f"The {topic} {' '.join(words)}.")
    return " ".join(lines)


def page(title: str | None, text: str) -> bytes:
    """An article page with no author or date, so the feed entry's must be kept."""
    head = f"<title>{title}</title>" if title else ""
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in text.split(". "))
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{paragraphs}</article></body></html>".encode()


def rss2(title: str, items: list[str], encoding: str = "utf-8", declared: str | None = None) -> bytes:
    declaration = f'<?xml version="1.0" encoding="{declared or encoding}"?>'
    return (
        f'{declaration}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>{title}</title><link>http://example.test/</link>'
        f"{''.join(items)}</channel></rss>"
    ).encode(encoding)


def full_item(guid: str, title: str, link: str, text: str) -> str:
    return (
        f'<item><title>{title}</title><link>{link}</link><guid isPermaLink="false">{guid}</guid>'
        f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded></item>"
    )


def summary_item(guid: str, title: str, link: str, author: str | None = None, date: str | None = None) -> str:
    extra = (f"<dc:creator>{author}</dc:creator>" if author else "") + (f"<pubDate>{date}</pubDate>" if date else "")
    return (
        f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>{extra}"
        "<description>A short teaser; the story is on the page.</description></item>"
    )


# --- a feed server ---------------------------------------------------------------------------------------


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml"
    status: int = 200
    etag: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    rotating_etag: bool = False  # a new ETag on every answer, whatever the body: validators that lie
    fail_first: int = 0  # answer the first N requests with 503 (Retry-After: 1)


class FeedServer:
    """A ThreadingHTTPServer on 127.0.0.1 serving `routes`, remembering every request's path and headers."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str], float]] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                with server.lock:
                    server.requests.append(
                        (self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                    )
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                time.sleep(route.delay)
                etag = f'"r{len(server.hits(self.path))}"' if route.rotating_etag else route.etag
                if len(server.hits(self.path)) <= route.fail_first:
                    self.send_response(503)
                    self.send_header("Retry-After", "1")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                try:
                    if etag and self.headers.get("If-None-Match") == etag:
                        self.send_response(304)
                        self.send_header("ETag", etag)
                        self.end_headers()
                        return
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    if etag:
                        self.send_header("ETag", etag)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [headers for seen, headers, _at in self.requests if seen == path]

    def times(self, path: str) -> list[float]:
        with self.lock:
            return [at for seen, _headers, at in self.requests if seen == path]


@contextmanager
def one_story_feed() -> Iterator[str]:
    """A FeedServer serving one RSS feed with one full story; yields the feed's URL."""
    server = FeedServer()
    server.routes["/news.xml"] = Route(
        rss2("Harbour Daily", [full_item("n1", "Harbour opens", "http://x.test/1", story("harbour"))])
    )
    server.thread.start()
    yield server.url("/news.xml")
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def env(settings_env: dict[str, str], redis_server: str) -> dict[str, str]:
    return stack.newsworker_env(
        settings_env,
        redis_server,
        NEWSWORKER_ALLOW_PRIVATE_NETWORKS="1",
        NEWSWORKER_BEAT_INTERVAL="1",
        NEWSWORKER_HOST_INTERVAL="0.01",  # every test server is 127.0.0.1: one host
        NEWSWORKER_HTTP_CONNECT_TIMEOUT="2",
        NEWSWORKER_HTTP_READ_TIMEOUT="1",
        NEWSWORKER_HTTP_MAX_BYTES="150000",
        NEWSWORKER_FEED_MAX_BACKOFF="60",
    )


def cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "worker.cli", *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def cli_here(env: dict[str, str], *args: str) -> str:
    """The command line in this process (faster than a new interpreter); for commands that need no broker."""
    from click.testing import CliRunner

    from worker.cli import cli as newsworker

    result = CliRunner().invoke(newsworker, list(args), env=env, obj={}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


class Db:
    """Read-only looks at the test database from the test process."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))

    def scalar(self, statement: Any) -> Any:
        try:
            with self.engine.connect() as conn:
                return conn.execute(statement).scalar()
        except Exception:  # tables not there yet while the first process migrates
            return None

    def rows(self, statement: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(statement).all())

    def count(self, model: Any, *where: Any) -> int:
        return int(self.scalar(select(func.count()).select_from(model).where(*where)) or 0)


@pytest.fixture
def db(database_url: str) -> Iterator[Db]:
    database = Db(database_url)
    yield database
    database.engine.dispose()


# --- the whole stack ---------------------------------------------------------------------------------------

HUGE = rss2("Huge", [full_item(f"h{n}", f"Huge {n}", f"http://example.test/h{n}", "x" * 4000) for n in range(100)])
# An undefined entity, tags left open, no closing tags; and an entry with nothing but a title.
BROKEN_TAIL = '<item><title>Two &nbsp; <b>bold</title><guid isPermaLink="false">bad</guid></item>'


def serve_everything(server: FeedServer) -> dict[str, str]:
    """Routes for every kind of feed; returns name -> feed URL."""
    r = server.routes
    u = server.url
    shared_link = u("/pages/shared.html")
    r["/rss2.xml"] = Route(
        rss2("Harbour Daily", [full_item("r1", "Harbour expands", u("/pages/harbour.html"), story("harbour")),
                               full_item("shared", "Shared story", shared_link, story("shared"))])
    )  # fmt: skip
    r["/atom.xml"] = Route(
        (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Glacier Watch</title>'
            f'<link href="{u("/")}"/><entry><id>tag:glacier,1</id><title>Glacier retreats</title>'
            f'<link href="{u("/pages/glacier.html")}"/><updated>2024-07-01T12:00:00Z</updated>'
            f'<author><name>Gail Ice</name></author><content type="html">&lt;p&gt;{story("glacier")}&lt;/p&gt;</content></entry>'
            f'<entry><id>tag:glacier,shared</id><title>Shared story</title><link href="{shared_link}"/>'
            f'<updated>2024-07-02T12:00:00Z</updated><content type="html">&lt;p&gt;{story("shared")}&lt;/p&gt;</content></entry>'
            "</feed>"
        ).encode(),
        content_type="application/atom+xml",
    )
    r["/rdf.xml"] = Route(
        (
            '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<channel rdf:about="{u("/")}"><title>RDF Valley</title><link>{u("/")}</link><description>d</description>'
            f'<items><rdf:Seq><rdf:li resource="{u("/pages/valley.html")}"/></rdf:Seq></items></channel>'
            f'<item rdf:about="{u("/pages/valley.html")}"><title>Valley floods</title><link>{u("/pages/valley.html")}</link>'
            "<dc:date>2024-03-04T05:06:07Z</dc:date><dc:creator>Carla Rain</dc:creator><description>Teaser.</description></item>"
            "</rdf:RDF>"
        ).encode(),
        content_type="application/rdf+xml",
    )
    r["/rss091.xml"] = Route(
        (
            '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="0.91"><channel><title>Old Lighthouse</title>'
            f"<link>{u('/')}</link><description>d</description><language>en</language>"
            f"<item><title>Lighthouse restored</title><link>{u('/pages/lighthouse.html')}</link>"
            "<description>Teaser.</description></item></channel></rss>"
        ).encode("latin-1")
    )
    r["/summaries.xml"] = Route(
        rss2("Teasers", [
            summary_item("s1", "Museum opens", u("/pages/museum.html"), "Mia Curator", "Tue, 02 Jan 2024 10:00:00 GMT"),
            summary_item("s2", "Ferry returns", u("/pages/ferry.html"), "Fred Sailor", "Wed, 03 Jan 2024 10:00:00 GMT"),
            summary_item("s3", "Gone story", u("/pages/missing.html")),
            summary_item("s4", "Flaky story", u("/pages/flaky.html")),
        ])
    )  # fmt: skip
    r["/broken.xml"] = Route(
        rss2("Broken", [summary_item("b1", "Orchard harvest", u("/pages/orchard.html"))]).replace(
            b"</channel></rss>", BROKEN_TAIL.encode()
        )
    )
    r["/latin1-lie.xml"] = Route(  # says ISO-8859-1, is UTF-8
        rss2("Zürich Café News", [full_item("z1", "Zürich café reopens", u("/pages/zurich.html"), story("zurich"))],
             encoding="utf-8", declared="iso-8859-1")
    )  # fmt: skip
    r["/cp1251-lie.xml"] = Route(  # says UTF-8, is windows-1251
        rss2("Новости дня", [full_item("c1", "Президент подписал закон о бюджете", u("/pages/budget.html"),
                                       story("budget"))], encoding="cp1251", declared="utf-8")
    )  # fmt: skip
    r["/etag.xml"] = Route(
        rss2("Conditional", [full_item("e1", "Stadium record", u("/pages/stadium.html"), story("stadium"))]),
        etag='"v1"',
    )
    r["/ratelimited.xml"] = Route(b"slow down", content_type="text/plain", status=429, headers={"Retry-After": "30"})
    r["/slow.xml"] = Route(rss2("Slow", []), delay=3.0)
    r["/huge.xml"] = Route(HUGE)
    for name in ("museum", "ferry", "valley", "lighthouse", "orchard", "flaky"):
        r[f"/pages/{name}.html"] = Route(page(None, story(name + " page")), content_type="text/html; charset=utf-8")
    r["/pages/flaky.html"].fail_first = 1
    names = ["rss2", "atom", "rdf", "rss091", "summaries", "broken", "latin1-lie", "cp1251-lie", "etag"]
    names += ["ratelimited", "slow", "huge"]
    return {name: u(f"/{name}.xml") for name in names}


def test_feeds_polled_by_beat_and_workers(env, db: Db, feed_server: FeedServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    urls = serve_everything(feed_server)
    logs = tmp_path / "logs"
    Path(env["NEWSWORKER_HOME"]).mkdir(parents=True, exist_ok=True)
    cli_here(env, "status")  # migrate once, before two processes race to
    worker = stack.celery_worker(env, logs, concurrency=2).start()
    beat = stack.celery_beat(env, logs, Path(env["NEWSWORKER_HOME"])).start()
    try:
        stack.wait_for(lambda: stack.worker_ready(worker), 60, what="celery worker ready")
        stack.wait_for(lambda: "beat: Starting" in beat.output(), 30, what="beat started")
        # Added while beat runs: schedules are read from the database at every tick.
        assert "added feed" in cli(env, "feeds", "add", urls["etag"], "--every", "2s")
        assert "added feed" in cli(env, "feeds", "add", urls["summaries"], "--every", "2s", "--name", "Teasers")
        feeds_file = tmp_path / "feeds.json"
        feeds_file.write_text(
            json.dumps({"defaults": {"every": "2s"}, "feeds": [{"url": url} for url in urls.values()]})
        )
        assert f"{len(urls) - 2} feeds added, 2 already present" in cli(env, "feeds", "import", str(feeds_file))

        feed_ids = {name: db.scalar(select(Feed.id).where(Feed.url == url)) for name, url in urls.items()}
        # rss2 2, atom 1 (+ the shared story again), rdf, 0.91, teasers 3, broken 1, 2 encodings, etag
        expected_articles = 12
        stack.wait_for(lambda: db.count(Article) >= expected_articles, 90, what=f"{expected_articles} articles")
        stack.wait_for(lambda: len(feed_server.hits("/etag.xml")) >= 3, 30, what="three polls of the ETag feed")
        stack.wait_for(
            lambda: db.count(Rejection, Rejection.source == feed_server.url("/pages/missing.html")) == 1,
            30,
            what="the missing page's rejection",
        )
        stack.wait_for(
            lambda: all(db.scalar(select(Feed.error_count).where(Feed.id == feed_ids[n])) for n in ("slow", "huge")),
            30,
            what="errors recorded on the slow and huge feeds",
        )
        stack.wait_for(lambda: _all_entries_settled(db), 30, what="every entry stored or rejected")

        # However often each feed was polled, each entry became exactly one task.
        entry_tasks, entries = db.count(IngestTask, IngestTask.kind == "ingest_feed_entry"), db.count(FeedEntrySeen)

        # Feeds removed while running are no longer polled: no restart.
        cli(env, "feeds", "remove", str(feed_ids["rss2"]))
        time.sleep(1.5)
        polls_after_removal = len(feed_server.hits("/rss2.xml"))
        time.sleep(3)
        assert len(feed_server.hits("/rss2.xml")) == polls_after_removal
        rows = {row["url"]: row for row in json.loads(cli_here(env, "feeds", "list", "--json"))}
        listing = cli_here(env, "feeds", "list")
    finally:
        beat.stop()
        worker.stop()

    assert db.count(Article) == expected_articles, worker.output()[-3000:]
    articles = {a.title: a for a in db.rows(select(Article))}

    # Formats: RSS 2.0, Atom, RDF and RSS 0.91 entries are all stored.
    assert {"Harbour expands", "Glacier retreats", "Valley floods", "Lighthouse restored"} <= set(articles)
    # The same story in two feeds: one article, two sightings, each carrying its feed.
    shared = articles["Shared story"]
    sightings = db.rows(select(Sighting).where(Sighting.article_id == shared.id))
    assert sorted(s.via for s in sightings) == sorted([urls["rss2"], urls["atom"]])
    assert {s.source for s in sightings} == {feed_server.url("/pages/shared.html")}
    assert all(s.source_kind == "feed" for s in sightings)

    # Summaries only: the page was fetched and its text stored, with the entry's author and date kept.
    museum = articles["Museum opens"]
    assert story("museum page").split(". ")[3] in museum.text and "teaser" not in museum.text.lower()
    assert museum.authors == ["Mia Curator"]
    assert _utc(museum.published_at) == datetime(2024, 1, 2, 10, 0, tzinfo=UTC)
    assert len(feed_server.hits("/pages/museum.html")) == 1  # fetched once, however often the feed was polled
    valley = articles["Valley floods"]
    assert valley.authors == ["Carla Rain"] and valley.extractor == "trafilatura"
    assert articles["Harbour expands"].extractor == "feed-entry"  # full content: no page fetch
    assert feed_server.hits("/pages/harbour.html") == []
    # A page that failed once (503) was fetched again by the task's retry; its interim rejection is gone.
    assert "Flaky story" in articles and len(feed_server.hits("/pages/flaky.html")) == 2
    assert db.count(Rejection, Rejection.source == feed_server.url("/pages/flaky.html")) == 0
    (flaky_task,) = db.rows(select(IngestTask).where(IngestTask.argument == feed_server.url("/pages/flaky.html")))
    assert (flaky_task.state, flaky_task.attempts) == ("finished", 2)
    # A page that cannot be fetched is a recorded rejection, not a lost entry.
    (missing,) = db.rows(select(Rejection).where(Rejection.source == feed_server.url("/pages/missing.html")))
    assert "404" in missing.reason
    assert rows[urls["summaries"]]["entries_rejected"] == 1

    # Broken XML: the problem is on the feed, the entry that parsed is stored.
    assert "not well-formed" in (rows[urls["broken"]]["parse_problem"] or "")
    assert "Orchard harvest" in articles and rows[urls["broken"]]["error_count"] == 0
    assert rows[urls["broken"]]["entries_rejected"] == 1  # the entry with only a title: too little text
    # Lying encoding declarations.
    assert "Zürich café reopens" in articles and "Президент подписал закон о бюджете" in articles
    assert rows[urls["cp1251-lie"]]["name"] == "Новости дня"

    # ETag: later polls sent If-None-Match, got 304, and enqueued nothing more.
    sent_etags = [h.get("if-none-match") for h in feed_server.hits("/etag.xml")]
    assert sent_etags[0] is None and sent_etags[1] == '"v1"'
    # Only every VERIFY_AFTER_NOT_MODIFIED-th poll goes out without it, to check the server's honesty.
    assert sent_etags.count(None) <= 1 + len(sent_etags) // (VERIFY_AFTER_NOT_MODIFIED + 1)
    assert rows[urls["etag"]]["last_status"] in {"not-modified", "unchanged"}
    assert rows[urls["etag"]]["items_found"] == 1 and not rows[urls["etag"]]["validators_unreliable"]
    assert db.count(FeedEntrySeen, FeedEntrySeen.feed_id == feed_ids["etag"]) == 1
    assert db.count(IngestTask, IngestTask.argument == feed_server.url("/pages/stadium.html")) == 1

    # 429 with Retry-After: 30: the next poll waits 30 s (not the 4 s backoff), the error shows.
    limited = rows[urls["ratelimited"]]
    assert limited["last_status"] == "http-429" and limited["error_count"] >= 1 and "429" in limited["last_error"]
    wait = datetime.fromisoformat(limited["next_poll_at"]) - datetime.fromisoformat(limited["last_polled_at"])
    assert 29 <= wait.total_seconds() <= 31
    asked = feed_server.times("/ratelimited.xml")
    assert all(later - earlier >= 29 for earlier, later in zip(asked, asked[1:], strict=False))
    # Slower than the read timeout, and bigger than the size cap: errors, backed off, still scheduled.
    assert rows[urls["slow"]]["last_status"] == "timeout" and "timed out" in rows[urls["slow"]]["last_error"]
    assert rows[urls["huge"]]["last_status"] == "too-large" and "limit" in rows[urls["huge"]]["last_error"]
    assert all(row["next_poll_at"] for row in rows.values())
    assert "error: " in listing and "http-429" in listing and "parse problem:" in listing

    assert entry_tasks == entries == 15
    assert db.count(FeedEntrySeen) == 13  # the removed feed's rows went with it


def _all_entries_settled(db: Db) -> bool:
    return db.count(FeedEntrySeen) > 0 and db.count(FeedEntrySeen, FeedEntrySeen.state.in_(("pending", "queued"))) == 0


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


# --- two beats at once -------------------------------------------------------------------------------------

CONCURRENT_TICKS = """
import sys, time
from pathlib import Path
from worker.tasks import poll_due_feeds
from worker.runtime import get_runtime
get_runtime().ingestor.database  # connected, so the race is on the claim, not on start-up
folder = Path(sys.argv[1])
(folder / f"ready-{sys.argv[2]}").touch()
while not (folder / "go").exists():
    time.sleep(0.005)
for _ in range(3):
    poll_due_feeds()
"""


def test_concurrent_poll_due_feeds_send_each_feed_once(env, db: Db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two processes run beat's task at the same instant, three times each: every due feed is sent once."""
    import redis

    cli_here(env, "status")  # migrate before the racers start
    feeds_file = tmp_path / "feeds.json"
    feeds_file.write_text(
        json.dumps({"feeds": [{"url": f"http://127.0.0.1:9/{n}.xml", "every": "1h"} for n in range(60)]})
    )
    cli_here(env, "feeds", "import", str(feeds_file))
    racers = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT_TICKS, str(tmp_path), str(n)], env=env, cwd=REPO)
        for n in range(2)
    ]
    stack.wait_for(lambda: len(list(tmp_path.glob("ready-*"))) == 2, 60, what="both racers ready")
    (tmp_path / "go").touch()
    assert [racer.wait(60) for racer in racers] == [0, 0]

    client = redis.Redis.from_url(env["REDIS_URL"])
    sent: list[int] = []
    for raw in client.lrange("celery", 0, -1):
        message = json.loads(raw)
        assert message["headers"]["task"] == "worker.tasks.poll_feed"
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        sent.append(args[0])
    client.close()
    assert len(sent) == 60
    assert sorted(sent) == sorted(row[0] for row in db.rows(select(Feed.id)))

    # `feeds poll ID` queues a poll now, unless one is under way (the claims above hold for 10 minutes).
    cli_here(env, "feeds", "add", "http://127.0.0.1:9/late.xml", "--every", "1h")
    # No worker runs here: --queue-anyway leaves the polls in the queue for this test to read.
    polls = {
        summary["feed_id"]: summary["status"]
        for summary in json.loads(cli(env, "feeds", "poll", "--json", "--queue-anyway"))
    }
    assert polls == {**{feed_id: "busy" for feed_id in sent}, 61: "queued"}
    client = redis.Redis.from_url(env["REDIS_URL"])
    assert client.llen("celery") == 61
    client.close()


# --- cron: no broker ----------------------------------------------------------------------------------------


def test_poll_here_needs_no_broker(settings_env: dict[str, str], db: Db, feed_server: FeedServer) -> None:
    """`feeds poll --here` polls and ingests in-process; a second run gets a 304 and stores nothing.

    The command runs in the test's process (click's runner), as cron would run it: no broker, no worker.
    """
    env = dict(settings_env, NEWSWORKER_ALLOW_PRIVATE_NETWORKS="1", REDIS_URL="redis://127.0.0.1:9/0")  # nothing there
    u = feed_server.url
    feed_server.routes["/teasers.xml"] = Route(
        rss2("Cron Teasers", [summary_item("t1", "Castle reopens", u("/pages/castle.html"), "Cas Tell")]), etag='"c1"'
    )
    feed_server.routes["/pages/castle.html"] = Route(page("Castle", story("castle page")), content_type="text/html")
    feed_server.routes["/lying.xml"] = Route(
        rss2("Lying", [full_item("l1", "Forest fire", u("/pages/forest.html"), story("forest"))]), rotating_etag=True
    )
    cli_here(env, "feeds", "add", u("/teasers.xml"), "--every", "2s")
    cli_here(env, "feeds", "add", u("/lying.xml"), "--every", "2s")

    first, lying = json.loads(cli_here(env, "feeds", "poll", "--here", "--json"))
    assert (first["status"], first["new_entries"], first["ingested"]) == ("ok", 1, {"stored": 1})
    assert (lying["status"], lying["ingested"], lying["validators_unreliable"]) == ("ok", {"stored": 1}, False)
    (article,) = db.rows(select(Article).where(Article.title == "Castle"))
    assert article.title == "Castle" and article.authors == ["Cas Tell"]
    assert story("castle page").split(". ")[2] in article.text
    exported = [json.loads(line) for line in cli_here(env, "export").splitlines()]
    (record,) = [r for r in exported if r["id"] == article.id]
    jsonschema.validate(record, json.loads((REPO / "schemas" / "article.schema.json").read_text()))
    assert [(s["source"], s["kind"], s["via"]) for s in record["sightings"]] == [
        (u("/pages/castle.html"), "feed", u("/teasers.xml"))
    ]

    second, lying = json.loads(cli_here(env, "feeds", "poll", "--here", "--json"))
    assert (second["status"], second["new_entries"], second["ingested"]) == ("not-modified", 0, {})
    assert feed_server.hits("/teasers.xml")[-1].get("if-none-match") == '"c1"'
    # A new ETag for the same body: skipped by its hash, and the validators are no longer trusted.
    assert (lying["status"], lying["new_entries"], lying["validators_unreliable"]) == ("unchanged", 0, True)
    assert db.count(Article) == 2 and db.count(FeedEntrySeen) == 2

    (lying,) = json.loads(cli_here(env, "feeds", "poll", "2", "--here", "--json"))
    assert lying["status"] == "unchanged" and "if-none-match" not in feed_server.hits("/lying.xml")[-1]
    assert "validators unreliable" in cli_here(env, "feeds", "list")


# --- the service code in this process ----------------------------------------------------------------------


def test_urls_unsafe_feeds_and_transient_failures_in_process(settings, ingestor, feed_server: FeedServer) -> None:  # type: ignore[no-untyped-def]
    """`ingest_url`, a feed declaring entities, and a 503 that is retried rather than lost (no processes)."""
    import dataclasses

    from worker.feeds import FeedSpec, add_feed
    from worker.sources.poller import RetryLater, ingest_url, make_http_client, poll_feed
    from worker.store.models import Rejection as RejectionRow

    settings = dataclasses.replace(settings, allow_private_networks=True)
    u = feed_server.url
    feed_server.routes["/page.html"] = Route(page("A page", story("bridge page")), content_type="text/html")
    feed_server.routes["/later.html"] = Route(
        page("Later", story("later page")), content_type="text/html", fail_first=1
    )
    feed_server.routes["/unsafe.xml"] = Route(
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY boom "boom">]><rss version="2.0"><channel><title>&boom;'
        b"</title><item><title>x</title><guid>1</guid></item></channel></rss>"
    )
    with make_http_client(settings) as client:
        assert ingest_url(ingestor, client, u("/page.html")).status == "stored"
        gone = ingest_url(ingestor, client, u("/nothing.html"))
        assert gone.status == "rejected" and "404" in (gone.reason or "")

        with pytest.raises(RetryLater) as later:
            ingest_url(ingestor, client, u("/later.html"), last_attempt=False)
        assert later.value.retry_after == 1
        with ingestor.database.session() as session:
            reason = session.scalar(select(RejectionRow.reason).where(RejectionRow.source == u("/later.html")))
        assert reason is not None and "503" in reason and "will retry" in reason
        assert ingest_url(ingestor, client, u("/later.html")).status == "stored"
        with ingestor.database.session() as session:
            assert session.scalar(select(RejectionRow.id).where(RejectionRow.source == u("/later.html"))) is None

        with ingestor.database.session() as session, session.begin():
            feed, _ = add_feed(session, FeedSpec(u("/unsafe.xml"), every_seconds=60), 60)
        result = poll_feed(ingestor.database, client, feed.id, settings)
    assert result.status == "unsafe-xml" and "entit" in (result.error or "") and result.to_send == []
    with ingestor.database.session() as session:
        row = session.get(Feed, feed.id)
        assert row is not None and row.error_count == 1 and row.last_error == result.error
        assert session.scalar(select(func.count()).select_from(FeedEntrySeen)) == 0


# --- entries whose messages were lost ----------------------------------------------------------------------

POLL_ONCE = """
import json, sys
from worker.tasks import poll_feed
print(json.dumps(poll_feed(int(sys.argv[1]))))
"""


def test_entries_whose_messages_were_lost_are_sent_again(env, db: Db, feed_server: FeedServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Redis loses the queued ingest messages (a restart without persistence): the next poll after
    NEWSWORKER_RESEND_AFTER sends those entries again, and the history closes the lost tasks as resent."""
    import redis

    resend_after = 10.0  # far longer than two polls take, so that the second one is surely too early
    env = {**env, "NEWSWORKER_RESEND_AFTER": str(resend_after)}
    u = feed_server.url
    feed_server.routes["/wire.xml"] = Route(
        rss2("Wire", [full_item(f"w{n}", f"Wire story {n}", u(f"/w{n}.html"), story(f"wire {n}")) for n in range(3)]),
        etag='"w1"',
    )
    cli_here(env, "feeds", "add", u("/wire.xml"), "--every", "1h")
    (feed_id,) = [row[0] for row in db.rows(select(Feed.id))]

    def poll_in_a_process() -> dict[str, Any]:  # the task's own code, run outside a worker: it only sends
        done = subprocess.run(
            [sys.executable, "-c", POLL_ONCE, str(feed_id)], env=env, cwd=REPO, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.splitlines()[-1])

    before_first_poll = time.monotonic()
    first = poll_in_a_process()
    assert (first["new_entries"], first["sent"]) == (3, 3)
    client = redis.Redis.from_url(env["REDIS_URL"])
    assert client.delete("celery") == 1  # the three ingest messages are gone
    lost = {row[0] for row in db.rows(select(IngestTask.task_id).where(IngestTask.kind == "ingest_feed_entry"))}
    assert len(lost) == 3

    early = poll_in_a_process()  # too soon to call them lost
    assert time.monotonic() - before_first_poll < resend_after, "the machine is too slow for this test's timing"
    assert (early["status"], early["sent"]) == ("not-modified", 0)
    queued_at = _utc(db.scalar(select(func.max(FeedEntrySeen.queued_at))))
    assert queued_at is not None
    time.sleep(max(0.0, (queued_at - datetime.now(UTC)).total_seconds() + resend_after + 0.5))
    again = poll_in_a_process()
    assert (again["status"], again["new_entries"], again["sent"]) == ("not-modified", 0, 3)
    assert client.llen("celery") == 3
    client.close()

    worker = stack.celery_worker(env, tmp_path / "logs").start()
    try:
        stack.wait_for(lambda: _all_entries_settled(db), 60, what="the re-sent entries stored")
    finally:
        worker.stop()
    assert db.count(Article) == 3
    states = dict(db.rows(select(IngestTask.task_id, IngestTask.state).where(IngestTask.kind == "ingest_feed_entry")))
    assert {states[task_id] for task_id in lost} == {"resent"}
    assert sorted(state for task_id, state in states.items() if task_id not in lost) == ["finished"] * 3
    status = json.loads(cli_here(env, "status", "--json"))
    assert status["tasks"]["resent"] == 3 and status["tasks"]["queued"] == 0
