"""Two hosts (issue 17): host A runs Redis, PostgreSQL, the watcher, beat, a feed site and a worker; host B runs
a second worker with the same settings but cannot see A's inbox (tests/integration/hosts.py builds both with
network and mount namespaces). Files must all be stored by the host that sees them, none rejected as vanished;
feed work must be shared by both hosts, each item stored once."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.integration import stack
from tests.integration.hosts import (
    TwoHosts,
    make_postgres_cluster,
    postgres_bin_dir,
    postgres_command,
    why_two_hosts_cannot_be_built,
)
from tests.support.corpus import generate_html_page
from worker.sources.inbox_identity import IDENTITY_FILE, read_inbox_id

pytestmark = pytest.mark.integration

REAL_CORPUS = REPO.parent / "shared" / "corpus" / "trafilatura-eval.tar.xz"
GENERATED_FILES = 12
REAL_FILES = 12
FEED_ITEMS = 30


@pytest.fixture
def hosts(tmp_path: Path) -> Iterator[TwoHosts]:
    reason = why_two_hosts_cannot_be_built()
    if reason is not None:
        pytest.skip(f"two hosts cannot be built here: {reason}")
    built = TwoHosts(hidden_on_b=tmp_path / "host-a-private")
    built.hidden_on_b.mkdir()
    try:
        built.create()
        yield built
    finally:
        built.destroy()


@pytest.fixture
def procs(hosts: TwoHosts) -> Iterator[list[stack.Proc]]:
    """Every process of the test; stopped (whole process groups) before the namespaces go."""
    started: list[stack.Proc] = []
    yield started
    for proc in reversed(started):
        proc.stop(timeout=15)


@pytest.fixture
def postgres_folder() -> Iterator[Path]:
    # Outside pytest's tmp_path: that is root's alone, and the server runs as the postgres user.
    folder = Path(tempfile.mkdtemp(prefix="newsworker-pg-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def start(procs: list[stack.Proc], name: str, argv: list[str], env: dict[str, str], logs: Path) -> stack.Proc:
    proc = stack.Proc(name, argv, env, logs / f"{name}.log").start()
    procs.append(proc)
    return proc


def alive_and_said(proc: stack.Proc, words: str) -> bool:
    if not proc.alive():
        raise AssertionError(f"{proc.name} exited:\n{proc.output()[-3000:]}")
    return words in proc.output()


def real_pages(count: int, into: Path) -> list[Path]:
    """The first `count` pages of the real corpus, unpacked here (none when ../shared is not beside the repo)."""
    if not REAL_CORPUS.exists():
        return []
    found: list[Path] = []
    with tarfile.open(REAL_CORPUS, "r:xz") as archive:
        for member in archive:
            if len(found) == count:
                break
            if member.isfile() and "/pages/" in member.name and member.name.endswith(".html"):
                source = archive.extractfile(member)
                assert source is not None
                target = into / f"real-{Path(member.name).name}"
                target.write_bytes(source.read())
                found.append(target)
    return found


def feed_site(folder: Path, address: str) -> str:
    """A feed of FEED_ITEMS summary-only items whose pages (generated articles) are on the same site."""
    items = []
    for number in range(FEED_ITEMS):
        page = generate_html_page(1000 + number, seed=17)
        (folder / "pages").mkdir(parents=True, exist_ok=True)
        (folder / "pages" / f"{number}.html").write_text(page.html, encoding="utf-8")
        link = f"http://{address}:8080/pages/{number}.html"
        items.append(
            f"<item><title>{html.escape(page.title)}</title><link>{link}</link><guid>{link}</guid>"
            f"<description>{html.escape(page.body_paragraphs[0][:150])}</description></item>"
        )
    (folder / "feed.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Host A wire</title>'
        f"<link>http://{address}:8080/</link><description>test</description>{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )
    return f"http://{address}:8080/feed.xml"


def sql(socket_dir: Path, query: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(host=str(socket_dir), port=5432, user="postgres", dbname="postgres") as conn:
        return [tuple(row) for row in conn.execute(query).fetchall()]  # type: ignore[arg-type]


def waiting_in_inbox(inbox: Path) -> list[Path]:
    return [
        path
        for path in inbox.rglob("*")
        if path.is_file() and path.relative_to(inbox).parts[0] not in ("processed", "failed")
        and path.name != IDENTITY_FILE
    ]  # fmt: skip


def results_by_task(redis_socket: Path) -> dict[str, Counter[str]]:
    """{task name: Counter(worker name)} from the results Celery keeps in Redis (result_extended)."""
    import redis

    client = redis.Redis(unix_socket_path=str(redis_socket))
    counts: dict[str, Counter[str]] = {}
    try:
        for key in client.scan_iter(match="celery-task-meta-*", count=1000):
            meta = json.loads(client.get(key) or b"{}")
            if meta.get("status") == "SUCCESS":
                counts.setdefault(meta.get("name") or "?", Counter())[str(meta.get("worker")).split("@")[0]] += 1
    finally:
        client.close()
    return counts


def result_bytes(redis_socket: Path) -> dict[str, int]:
    """{task name: mean MEMORY USAGE of its result keys}."""
    import redis

    client = redis.Redis(unix_socket_path=str(redis_socket))
    sizes: dict[str, list[int]] = {}
    try:
        for key in client.scan_iter(match="celery-task-meta-*", count=1000):
            name = json.loads(client.get(key) or b"{}").get("name") or "?"
            sizes.setdefault(name.rsplit(".", 1)[-1], []).append(int(client.memory_usage(key) or 0))
    finally:
        client.close()
    return {name: sum(values) // len(values) for name, values in sorted(sizes.items())}


def test_files_stay_on_the_host_that_sees_them_and_feeds_scale_out(  # type: ignore[no-untyped-def]
    hosts: TwoHosts, procs: list[stack.Proc], postgres_folder: Path, tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    private = hosts.hidden_on_b
    inbox = private / "inbox"
    bin_dir = postgres_bin_dir()
    assert bin_dir is not None

    # --- host A's servers: PostgreSQL and Redis on A's address (and sockets only this test process uses).
    data = make_postgres_cluster(postgres_folder, bin_dir, f"10.231.{hosts.subnet}.0/24")
    socket_dir = postgres_folder / "socket"
    postgres = start(
        procs,
        "postgres",
        hosts.on_a(postgres_command(bin_dir, data, hosts.address_a, socket_dir)),
        dict(os.environ),
        logs,
    )
    stack.wait_for(lambda: alive_and_said(postgres, "ready to accept connections"), 60, what="PostgreSQL on A")
    redis_dir = tmp_path / "redis"
    redis_dir.mkdir()
    redis_socket = redis_dir / "redis.sock"
    redis_argv = [stack.redis_server_binary(), "--bind", hosts.address_a, "--port", "6379", "--save", ""]
    redis_argv += ["--appendonly", "no", "--dir", str(redis_dir), "--unixsocket", str(redis_socket)]
    redis_server = start(procs, "redis", hosts.on_a(redis_argv), dict(os.environ), logs)
    stack.wait_for(lambda: redis_socket.exists() and redis_server.alive(), 20, what="Redis on A")
    site = tmp_path / "site"
    site.mkdir()
    feed_url = feed_site(site, hosts.address_a)
    web_argv = [sys.executable, "-m", "http.server", "--bind", hosts.address_a, "--directory", str(site), "8080"]
    web = start(procs, "site", hosts.on_a(web_argv), dict(os.environ), logs)

    # --- the same settings on both hosts; A's home and inbox are in the folder B cannot see.
    env = stack.newsworker_env(
        {k: v for k, v in os.environ.items() if not k.startswith(("NEWSWORKER_", "DATABASE_URL"))},
        f"redis://{hosts.address_a}:6379/0",
        DATABASE_URL=f"postgresql://postgres@{hosts.address_a}:5432/postgres",
        NEWSWORKER_HOME=str(private / "home"),
        NEWSWORKER_INBOX=str(inbox),
        NEWSWORKER_ALLOW_PRIVATE_NETWORKS="1",
        NEWSWORKER_HOST_INTERVAL="0.05",
        NEWSWORKER_BEAT_INTERVAL="1",
        NEWSWORKER_STABLE_SECONDS="0.3",
    )
    cli = [sys.executable, "-m", "worker.cli"]
    added = subprocess.run(hosts.on_a([*cli, "feeds", "add", feed_url, "--every", "1h"]), env=env, cwd=REPO,
                           capture_output=True, text=True)  # fmt: skip
    assert added.returncode == 0, added.stderr

    def worker_argv(name: str) -> list[str]:
        argv = stack.celery_worker(env, logs, concurrency=2, name=name).args
        return [
            *argv[: argv.index("--hostname")],
            "--hostname",
            f"{name}@host-{name}",
            *argv[argv.index("--hostname") + 2 :],
        ]

    worker_a = start(procs, "a", hosts.on_a(worker_argv("a")), env, logs)
    worker_b = start(procs, "b", hosts.on_b(worker_argv("b")), env, logs)
    watcher = start(procs, "watcher", hosts.on_a([*cli, "watch"]), env, logs)
    for proc in (worker_a, worker_b):
        stack.wait_for(lambda proc=proc: alive_and_said(proc, " ready."), 120, what=f"worker {proc.name} ready")
    stack.wait_for(lambda: alive_and_said(worker_a, "Started consuming from inbox."), 30, what="A taking its inbox")
    assert read_inbox_id(inbox) is not None and watcher.alive() and web.alive()
    assert "no inbox identity" in worker_b.output()

    # --- files into A's inbox (renamed into place, as a careful writer does), then the feed.
    staging = tmp_path / "staging"
    staging.mkdir()
    generated = []
    for number in range(GENERATED_FILES):
        page = generate_html_page(number, seed=23)
        (staging / page.name).write_text(page.html, encoding="utf-8")
        generated.append(page.name)
    real = [path.name for path in real_pages(REAL_FILES, staging)]
    for path in staging.iterdir():
        shutil.move(str(path), inbox / path.name)
    start(procs, "beat", hosts.on_a([*cli, "beat"]), env, logs)

    dropped = len(generated) + len(real)
    stack.wait_for(
        lambda: not waiting_in_inbox(inbox)
        and sql(socket_dir, "SELECT count(*) FROM inbox_files WHERE state IN ('done', 'failed')")[0][0] == dropped,
        240, interval=0.5, what=f"all {dropped} files handled",
    )  # fmt: skip
    stack.wait_for(
        lambda: sql(socket_dir, f"SELECT count(*) FROM sightings WHERE via = '{feed_url}'")[0][0] == FEED_ITEMS,
        240, interval=0.5, what=f"all {FEED_ITEMS} feed items stored",
    )  # fmt: skip

    # Files: every generated page stored, nothing rejected as vanished, nothing left, all done on host A.
    ledger = dict(sql(socket_dir, "SELECT path, state FROM inbox_files"))
    assert {ledger[str(inbox / name)] for name in generated} == {"done"}, ledger
    rejections = sql(socket_dir, "SELECT source, reason FROM rejections")
    assert not [row for row in rejections if "no longer exists" in row[1]], rejections
    assert {Path(source).name for source, _reason in rejections} <= set(real), rejections  # content reasons only
    assert sorted(path.name for path in (inbox / "processed").iterdir() if path.is_file()) == sorted(
        name for name in generated + real if ledger[str(inbox / name)] == "done"
    )
    file_states = sql(socket_dir, "SELECT state, count(*) FROM ingest_tasks WHERE kind = 'ingest_file' GROUP BY 1")
    assert dict(file_states) == {"finished": dropped}, file_states

    # Feeds: each item stored once, and host B did part of the work.
    assert sql(socket_dir, f"SELECT count(DISTINCT article_id) FROM sightings WHERE via = '{feed_url}'") == [
        (FEED_ITEMS,)
    ]
    by_task = stack.wait_for(
        lambda: (found := results_by_task(redis_socket))
        and sum(found.get("worker.tasks.ingest_feed_entry", Counter()).values()) == FEED_ITEMS
        and found,
        30, what="the results of every feed entry task",
    )  # fmt: skip
    entries_by_host = by_task["worker.tasks.ingest_feed_entry"]
    files_by_host = by_task.get("worker.tasks.ingest_file", Counter())
    print(f"feed entries per host: {dict(entries_by_host)}; files per host: {dict(files_by_host)}")
    assert entries_by_host["b"] > 0 and entries_by_host["a"] > 0, entries_by_host
    assert files_by_host == Counter(a=dropped), files_by_host
    assert "not visible on worker" not in worker_b.output()  # B was never even given a file task

    # `newsworker status` on A: both workers, B without the inbox queue, nothing waiting unserved.
    done = subprocess.run(hosts.on_a([*cli, "status", "--json"]), env=env, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    queues = {name.split("@")[0]: names for name, names in status["workers"].items()}
    assert queues["b"] == ["celery"] and len(queues["a"]) == 2 and "celery" in queues["a"], queues
    assert status["warnings"] == []

    # Figures for docs/scaling.md: connections each host holds open, and what a finished task keeps in Redis.
    connections = sql(
        socket_dir,
        "SELECT coalesce(host(client_addr), 'socket'), count(*) FROM pg_stat_activity"
        " WHERE backend_type = 'client backend' GROUP BY 1 ORDER BY 1",
    )
    print(f"PostgreSQL connections by client address (A {hosts.address_a}, B {hosts.address_b}): {connections}")
    print(f"Redis bytes per stored result (MEMORY USAGE, mean): {result_bytes(redis_socket)}")
