"""`newsworker api`, the real server on a free port, on a database filled by the real command line: the seeds, real
corpus pages, a near-duplicate, a rejection, an internal error and a polled feed (SQLite, and PostgreSQL with
TEST_DATABASE_URL). Each endpoint must answer what the matching CLI command prints."""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from tests.bad_inputs import good_article
from tests.conftest import REPO, SEEDS
from tests.faulty_tagger import MARKER
from tests.integration import stack
from tests.integration.api_client import TOKEN, Api, check_shape, start_api
from tests.integration.test_feeds import one_story_feed
from tests.support.real_corpus import unpack_real_corpus
from worker.store.models import Article

pytestmark = pytest.mark.integration

REAL_PAGES = 40


def cli(env: dict[str, str], *args: str, ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "worker.cli", *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=600
    )
    assert done.returncode in ok, done.stderr[-3000:]
    return done.stdout


def fill_database(env: dict[str, str], folder: Path) -> None:
    """Ingest, through the command line: the seeds, real pages, a near-duplicate of a seed, an empty file (a
    rejection), a file the faulty tagger fails on (an internal error); then a feed with one story, polled here."""
    try:
        pages = unpack_real_corpus() / "pages"
    except FileNotFoundError as error:
        pytest.skip(str(error))
    folder.mkdir()
    for seed in SEEDS.iterdir():
        shutil.copy(seed, folder / seed.name)
    for page in sorted(pages.iterdir())[:REAL_PAGES]:
        shutil.copy(page, folder / page.name)
    original = (SEEDS / "004_46e91d2e242a848f.txt").read_text()
    title, _, body = original.partition("\n")
    paragraphs = body.strip().split("\n\n")
    variant = "Russia and Iran draw closer\n\n" + "\n\n".join(paragraphs[:-3]) + "\n\nReporting by Wire Desk."
    (folder / "zz-variant.txt").write_text(variant)
    (folder / "zz-empty.txt").write_text("")
    buggy = good_article("Buggy story").replace(b"reported on Monday.", f"reported with {MARKER} help.".encode())
    (folder / "zz-bug.txt").write_bytes(buggy)
    faulty = {**env, "NEWSWORKER_TAGGER": "tests.faulty_tagger:make_tagger"}
    summary = json.loads(cli(faulty, "ingest", str(folder), "--json", ok=(3,)))
    assert summary["near_duplicate"] == 1 and summary["errors"] == 1 and summary["rejected"] >= 1, summary
    with one_story_feed() as url:
        cli(env, "feeds", "add", url, "--name", "Harbour Daily")
        cli(env, "feeds", "poll", "--here")
    added = cli(env, "feeds", "add", f"http://127.0.0.1:{stack.free_port()}/gone.xml", "--name", "Nobody home")
    gone_id = added.split("#")[1].split()[0]
    cli(env, "feeds", "poll", gone_id, "--here")  # it fails: the connection is refused


def article_ids(database_url: str, *where: Any) -> set[int]:
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            return set(connection.scalars(select(Article.id).where(*where)))
    finally:
        engine.dispose()


@pytest.fixture
def api_env(env: dict[str, str]) -> dict[str, str]:
    return {**env, "NEWSWORKER_ALLOW_PRIVATE_NETWORKS": "1", "NEWSWORKER_HTTP_CONNECT_TIMEOUT": "2"}


@pytest.fixture
def filled_api(api_env: dict[str, str], tmp_path: Path) -> Iterator[Api]:
    fill_database(api_env, tmp_path / "inputs")
    api = start_api(api_env, tmp_path / "logs")
    yield api
    api.stop()


def test_auth_openapi_and_healthz(filled_api: Api) -> None:
    api = filled_api
    for path in (
        "/articles",
        "/articles/1",
        "/entities",
        "/feeds",
        "/rejections",
        "/errors",
        "/events",
        "/openapi.json",
    ):
        assert api.get(path, token=None).status_code == 401, path
        wrong = api.get(path, token=TOKEN[:-1] + "X")
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer", path
        check_shape(wrong.json(), "problem")
    assert api.get("/articles", token=None, headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert api.request("POST", "/ingest", token=None, json={"url": "https://example.com/"}).status_code == 401

    health = api.get("/healthz", token=None)  # no token needed
    assert health.status_code == 200, health.text
    check_shape(health.json(), "health")
    assert health.json()["ok"] is True and set(health.json()["checks"]) == {"database", "broker"}

    document = api.json("/openapi.json")
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    assert {"/articles", "/articles/{article_id}", "/entities", "/entities/{name}/articles", "/feeds"} <= paths
    assert {"/rejections", "/errors", "/events", "/ingest", "/healthz"} <= paths
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    articles = document["paths"]["/articles"]["get"]["responses"]
    assert "400" in articles and "401" in articles and "422" not in articles
    # No docs UI: FastAPI's loads its scripts from a CDN, which an offline deployment cannot reach.
    assert api.get("/docs").status_code == 404 and api.get("/redoc").status_code == 404


def test_article_endpoints_on_real_data(filled_api: Api, api_env: dict[str, str]) -> None:
    api = filled_api
    database_url = api_env["DATABASE_URL"]
    everything = article_ids(database_url)
    assert len(everything) >= REAL_PAGES // 2

    # Following the cursor visits every stored article exactly once, whatever the page size.
    for limit in (1, 7, 500):
        items, cursor = api.follow_articles(limit=limit)
        ids = [item["id"] for item in items]
        assert len(ids) == len(set(ids)) and set(ids) == everything, limit
        for item in items:
            check_shape(item, "article")
        assert api.json("/articles", after=cursor)["items"] == []  # caught up
    assert api.json("/articles", limit=3)["items"] == items[:3]  # the order is the order they were stored

    # Filters, each checked against the database.
    german, _ = api.follow_articles(language="de")
    assert {item["id"] for item in german} == article_ids(database_url, Article.language == "de")
    assert german and all(item["language"] == "de" for item in german)
    mentions = json.loads(cli(api_env, "entities", "US", "--json", "--limit", "1000"))
    us, _ = api.follow_articles(entity="US")  # an alias, resolved as `newsworker entities US` does
    assert {item["id"] for item in us} == {row["id"] for row in mentions} and us
    by_feed = api.json("/feeds")
    harbour = next(feed for feed in by_feed if feed["name"] == "Harbour Daily")
    from_feed, _ = api.follow_articles(feed=harbour["id"])
    assert [item["title"] for item in from_feed] == ["Harbour opens"]
    assert from_feed[0]["sightings"][0]["feed_id"] == harbour["id"]
    middle = sorted(items, key=lambda item: item["ingested_at"])[len(items) // 2]["ingested_at"]
    recent, _ = api.follow_articles(since=middle)
    expected = {item["id"] for item in items if item["ingested_at"] >= middle}
    assert {item["id"] for item in recent} == expected and 0 < len(expected) < len(items)
    assert api.follow_articles(since=middle.replace("+00:00", "Z"))[0] == recent
    assert api.follow_articles(language="de", entity="US")[0] == [item for item in german if item in us]
    dated = sorted(item["published_at"] for item in items if item["published_at"])
    assert len(dated) > 10 and dated[0] < dated[-1]
    cut = dated[len(dated) // 2]
    later, _ = api.follow_articles(published_after=cut)
    earlier, _ = api.follow_articles(published_before=cut.replace("+00:00", "Z"))
    assert {item["id"] for item in later} == {item["id"] for item in items if (item["published_at"] or "") >= cut}
    assert {item["id"] for item in earlier} == {item["id"] for item in items if "" < (item["published_at"] or "") < cut}
    assert later and earlier and len(later) + len(earlier) == len(dated)  # an undated article meets neither bound
    newest_later = json.loads(cli(api_env, "articles", "--published-after", cut, "--json", "--limit", "1000"))
    assert [row["id"] for row in newest_later] == sorted((item["id"] for item in later), reverse=True)

    # One article: its record, sightings, entities and near-duplicate cluster, as `articles show --json`.
    variant = next(item for item in items if item["source"].endswith("zz-variant.txt"))
    root = variant["near_duplicate_of"]
    assert root is not None
    for article_id in (variant["id"], root):
        detail = api.json(f"/articles/{article_id}")
        assert detail == json.loads(cli(api_env, "articles", "show", str(article_id), "--json"))
        extras = {
            key: detail.pop(key) for key in ("near_duplicates", "near_duplicate_similarity", "near_duplicate_cluster")
        }
        check_shape(detail, "article")
        check_shape(extras, "article_detail_extras")
        assert extras["near_duplicate_cluster"] == sorted({root, variant["id"]})
        assert detail["entities"] and detail["sightings"]
    assert api.json(f"/articles/{root}")["near_duplicates"] == [variant["id"]]

    # Unknown ids, bad cursors and parameters: JSON errors that say what was wrong.
    missing = api.get(f"/articles/{max(everything) + 1000}")
    assert missing.status_code == 404 and missing.json() == {"detail": f"no article #{max(everything) + 1000}"}
    for params, words in [
        ({"after": "abc"}, "after"),
        ({"after": -1}, "after"),
        ({"after": 10**30}, "after"),
        ({"after": cursor + 1000}, "past the last event"),
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"since": "yesterday"}, "since"),
        ({"published_after": "last week"}, "published_after"),
        ({"published_before": "2026-13-01"}, "published_before"),
        ({"feed": "x"}, "feed"),
    ]:
        response = api.get("/articles", params=params)
        assert response.status_code == 400, (params, response.text)
        check_shape(response.json(), "problem")
        assert words in response.json()["detail"], (params, response.json())
    assert api.get("/articles/0").status_code == 400
    assert api.get("/articles/abc").status_code == 400
    assert api.get(f"/articles/{10**20}").status_code == 400


def test_entities_feeds_rejections_errors_and_events_match_the_cli(filled_api: Api, api_env: dict[str, str]) -> None:
    api = filled_api
    top = api.json("/entities", limit=10)
    assert top == json.loads(cli(api_env, "entities", "--json", "--limit", "10")) and len(top) == 10
    for row in top:
        check_shape(row, "top_entity")
    people = api.json("/entities", type="PERSON", limit=5)
    assert people == json.loads(cli(api_env, "entities", "--type", "PERSON", "--json", "--limit", "5"))
    assert people and all(row["type"] == "PERSON" for row in people)
    assert api.get("/entities", params={"type": "ANIMAL"}).status_code == 400

    mentions = api.json("/entities/US/articles", limit=50)
    assert mentions == json.loads(cli(api_env, "entities", "US", "--json", "--limit", "50"))
    assert mentions and {row["entity"] for row in mentions} == {"United States"}
    for row in mentions:
        check_shape(row, "entity_mention")
    assert api.json("/entities/Nobody%20At%20All/articles") == []

    feeds = api.json("/feeds")
    assert feeds == json.loads(cli(api_env, "feeds", "list", "--json"))
    for row in feeds:
        check_shape(row, "feed")
    failing = next(feed for feed in feeds if feed["name"] == "Nobody home")
    assert failing["error_count"] == 1 and failing["last_error"] and failing["next_poll_at"]
    healthy = next(feed for feed in feeds if feed["name"] == "Harbour Daily")
    assert healthy["error_count"] == 0 and healthy["last_error"] is None and healthy["items_found"] == 1

    rejections = api.json("/rejections")
    assert rejections == json.loads(cli(api_env, "rejects", "--json"))
    assert any(row["source"].endswith("zz-empty.txt") for row in rejections)
    for row in rejections:
        check_shape(row, "rejection")
    assert len(api.json("/rejections", limit=1)) == 1

    errors = api.json("/errors")
    assert errors == json.loads(cli(api_env, "errors", "--json"))
    assert [Path(row["source"]).name for row in errors] == ["zz-bug.txt"] and errors[0]["stage"] == "tag"
    check_shape(errors[0], "input_error")
    assert api.json("/errors", stage="extract") == [] and api.json("/errors", kind="entry") == []
    assert api.get("/errors", params={"kind": "disk"}).status_code == 400

    # The change feed: every event once, in seq order, whatever the page size; the article.stored events name
    # exactly the stored articles.
    seen: list[dict[str, Any]] = []
    after = 0
    while page := api.json("/events", after=after, limit=9):
        check_shape(page, "event_page")
        if not page["items"]:
            break
        seen += page["items"]
        after = page["next_cursor"]
    seqs = [event["seq"] for event in seen]
    assert seqs == sorted(set(seqs)) and seen
    stored = {event["article_id"] for event in seen if event["kind"] == "article.stored"}
    assert stored == article_ids(api_env["DATABASE_URL"])
    only = api.json("/events", kind=["input.rejected", "input.error"], limit=1000)["items"]
    assert only and {event["kind"] for event in only} == {"input.rejected", "input.error"}
    assert only == [event for event in seen if event["kind"] in ("input.rejected", "input.error")]
    assert api.get("/events", params={"kind": "article.deleted"}).status_code == 400
    assert api.get("/events", params={"after": after + 1}).status_code == 400


class PageServer:
    """An HTTP server on 127.0.0.1 serving one article page at /story.html."""

    def __init__(self, body: bytes) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                found = self.path == "/story.html"
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body) if found else 0))
                self.end_headers()
                if found:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/story.html"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


STORY = (
    "<html><head><title>Harbour bridge reopens after repairs</title></head><body><article>"
    "<h1>Harbour bridge reopens after repairs</h1>"
    + "".join(
        f"<p>The harbour bridge reopened on Monday after {n} months of repairs, the council said, and traffic "
        f"returned to the old road along the river by the evening of day {n}.</p>"
        for n in range(1, 9)
    )
    + "</article></body></html>"
).encode()


def test_post_ingest_queues_ingest_url_for_a_real_worker(
    api_env: dict[str, str], redis: stack.RedisServer, tmp_path: Path
) -> None:
    page = PageServer(STORY)
    api = start_api(api_env, tmp_path / "logs")
    worker = stack.celery_worker(api_env, tmp_path / "logs", concurrency=1)
    try:
        # Bad URLs are refused at once, with the reason, and nothing is queued.
        for body, words in [
            ({"url": "ftp://example.com/x"}, "not an http(s) url"),
            ({"url": "https://user:secret@example.com/"}, "user name or password"),
            ({"url": "http://example.com:99999/"}, "port"),
            ({"url": "not a url"}, "not an http(s) url"),
            ({"url": "http://no-such-host.invalid/"}, "could not be resolved"),
            ({}, "url"),
            ("url=https://example.com/", "the body must be a json object"),
            ({"url": "x" * 9000}, "url"),
        ]:
            sent = {"json": body} if isinstance(body, dict) else {"content": body}
            refused = api.request("POST", "/ingest", **sent)
            assert refused.status_code == 400, (body, refused.text)
            detail = refused.json()["detail"]
            assert words in detail.lower() and "secret" not in refused.text, (body, detail)
        import redis as redis_client

        queue = redis_client.Redis.from_url(redis.url)
        assert queue.llen("celery") == 0

        accepted = api.request("POST", "/ingest", json={"url": page.url})
        assert accepted.status_code == 202, accepted.text
        check_shape(accepted.json(), "ingest_accepted")
        task_id = accepted.json()["task_id"]
        message = json.loads(queue.lindex("celery", 0))  # the message sits in Redis until a worker takes it
        assert message["headers"]["task"] == "worker.tasks.ingest_url" and message["headers"]["id"] == task_id

        worker.start()
        stored = stack.wait_for(
            lambda: api.json("/articles")["items"], 120, interval=0.5, what="the worker to store the page"
        )
        assert [item["url"] for item in stored] == [page.url]
        assert stored[0]["title"] == "Harbour bridge reopens after repairs"

        # With the broker down, nothing can be queued: 503, and /healthz says why.
        worker.stop()
        redis.stop()
        down = api.request("POST", "/ingest", json={"url": page.url})
        assert down.status_code == 503 and "broker" in down.json()["detail"], down.text
        health = api.get("/healthz", token=None)
        assert health.status_code == 503
        assert health.json()["checks"]["broker"]["ok"] is False and health.json()["checks"]["database"]["ok"] is True
        assert api.json("/articles")["items"] == stored  # reading needs no broker

        # Without NEWSWORKER_ALLOW_PRIVATE_NETWORKS, a URL on this machine is refused by the same guard as feeds.
        api.stop()
        api = start_api({**api_env, "NEWSWORKER_ALLOW_PRIVATE_NETWORKS": "0"}, tmp_path / "logs")
        refused = api.request("POST", "/ingest", json={"url": page.url})
        assert refused.status_code == 400 and "private" in refused.json()["detail"]
    finally:
        worker.stop()
        api.stop()
        page.close()


def test_api_refuses_to_start_without_a_token(env: dict[str, str], tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "worker.cli", "api", "--port", str(stack.free_port())],
        env={k: v for k, v in env.items() if k != "NEWSWORKER_API_TOKEN"},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "NEWSWORKER_API_TOKEN" in done.stderr


def test_healthz_reports_a_database_that_does_not_answer(env: dict[str, str], tmp_path: Path) -> None:
    unreachable = f"postgresql://nobody@127.0.0.1:{stack.free_port()}/none"
    api = start_api({**env, "DATABASE_URL": unreachable}, tmp_path / "logs")
    try:
        health = api.get("/healthz", token=None)
        assert health.status_code == 503 and health.json()["checks"]["database"]["ok"] is False
        assert health.json()["checks"]["broker"]["ok"] is True
        articles = api.get("/articles")
        assert articles.status_code == 503 and "database" in articles.json()["detail"]
    finally:
        api.stop()
