"""The watched folder through the real stack: redis-server, `celery worker` processes and the watcher."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import create_engine, func, select, text

from tests.bad_inputs import good_article
from tests.conftest import REPO, SEEDS
from tests.integration import stack
from worker.store.models import Article, InboxFile, IngestTask, Rejection

pytestmark = pytest.mark.integration
RESULT_SCHEMA = json.loads((REPO / "schemas" / "task-result.schema.json").read_text())


@pytest.fixture
def running(env: dict[str, str], tmp_path: Path) -> Iterator[dict[str, stack.Proc]]:
    procs = {
        "worker": stack.celery_worker(env, tmp_path / "logs", concurrency=2).start(),
        "watcher": stack.watcher(env, tmp_path / "logs").start(),
    }
    stack.wait_for(lambda: stack.worker_ready(procs["worker"]), 60, what="celery worker ready")
    yield procs
    for proc in procs.values():
        proc.stop()


def count(database_url: str, model) -> int:  # type: ignore[no-untyped-def]
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(model)).scalar_one())
    except Exception:  # the tables may not exist yet while the first process migrates
        return -1
    finally:
        engine.dispose()


def test_dropped_files_are_stored_and_set_aside(running, env, database_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inbox = Path(env["NEWSWORKER_INBOX"])
    stack.wait_for(inbox.exists, 20, what="the inbox to be created")
    for seed in SEEDS.iterdir():
        shutil.copy(seed, inbox / seed.name)
    (inbox / "nested" / "deeper").mkdir(parents=True)
    (inbox / "nested" / "deeper" / "local.txt").write_bytes(good_article("Shelbyville"))
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "download.html.part").write_bytes(b"<html>half")
    (inbox / ".hidden.txt").write_bytes(good_article("Hidden"))

    stack.wait_for(lambda: count(database_url, Article) == 3, 60, what="3 articles")
    stack.wait_for(lambda: (inbox / "failed" / "empty.txt").exists(), 30, what="empty.txt set aside")
    assert "empty" in (inbox / "failed" / "empty.txt.reason.txt").read_text()
    stack.wait_for(
        lambda: (inbox / "processed" / "nested" / "deeper" / "local.txt").exists(), 30, what="processed move"
    )
    assert (inbox / "download.html.part").exists() and (inbox / ".hidden.txt").exists()  # junk is left alone
    assert count(database_url, Rejection) == 1

    # A .part renamed to its final name is taken.
    part = inbox / "late.txt.part"
    part.write_bytes(good_article("Capital City"))
    part.rename(inbox / "late.txt")
    stack.wait_for(lambda: count(database_url, Article) == 4, 30, what="the renamed .part file")

    status = json.loads(
        subprocess.run(
            [sys.executable, "-m", "worker.cli", "status", "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        ).stdout
    )
    assert status["articles"] == 4 and status["rejections"] == 1
    assert status["tasks"]["finished"] == 5 and status["broker"]["reachable"] is True


def test_task_results_match_the_schema(running, env, database_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import redis as redis_client

    inbox = Path(env["NEWSWORKER_INBOX"])
    stack.wait_for(inbox.exists, 20, what="the inbox")
    (inbox / "one.txt").write_bytes(good_article("Ogdenville"))
    (inbox / "bad.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    stack.wait_for(
        lambda: count(database_url, IngestTask) == 2 and _all_finished(database_url), 60, what="2 finished tasks"
    )
    client = redis_client.Redis.from_url(env["REDIS_URL"])
    # The history row is finished inside the task; Celery stores the result in Redis just after it returns.
    keys = stack.wait_for(lambda: len(found := client.keys("celery-task-meta-*")) == 2 and found, 20, what="2 results")
    results = [json.loads(client.get(key))["result"] for key in keys]
    assert sorted(r["status"] for r in results) == ["rejected", "stored"]
    for result in results:
        jsonschema.validate(result, RESULT_SCHEMA)


WARM_CHILD = "started with the pipeline warmed in the main process"


def test_pool_children_start_warm_also_after_one_is_killed(running, env, database_url) -> None:  # type: ignore[no-untyped-def]
    """Children inherit the pipeline warmed before the fork, so a replacement reports up at once. Warming up in
    each child took long enough on a loaded machine for Celery to kill it as hung, fork another, and so on."""
    import psutil

    worker = running["worker"]
    stack.wait_for(lambda: worker.output().count(WARM_CHILD) == 2, 30, what="both children to start warm")
    os.kill(psutil.Process(worker.pid).children()[0].pid, signal.SIGKILL)
    stack.wait_for(lambda: worker.output().count(WARM_CHILD) == 3, 30, what="the replacement child to start warm")
    assert "Timed out waiting for UP message" not in worker.output()

    inbox = Path(env["NEWSWORKER_INBOX"])
    stack.wait_for(inbox.exists, 20, what="the inbox")
    for number in range(6):  # enough that both children, the replacement included, take tasks
        (inbox / f"after-{number}.txt").write_bytes(good_article(f"Springfield {number}"))
    stack.wait_for(lambda: count(database_url, Article) == 6, 60, what="6 articles after the kill")
    assert "built on its first task" not in worker.output()


def test_worker_with_a_missing_spacy_model_refuses_to_start(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    worker = stack.celery_worker({**env, "NEWSWORKER_SPACY_MODEL": "no_such_pipeline_xyz"}, tmp_path / "logs").start()
    try:
        assert worker.process is not None
        assert worker.process.wait(60) == 1
        assert "cannot start: spaCy model 'no_such_pipeline_xyz' cannot be loaded" in worker.output()
    finally:
        worker.stop()


def _all_finished(database_url: str) -> bool:
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        states = [row[0] for row in conn.execute(text("SELECT state FROM ingest_tasks"))]
    engine.dispose()
    return bool(states) and all(s == "finished" for s in states)


def test_watcher_restart_sends_only_new_files(env, database_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    logs = tmp_path / "logs"
    inbox = Path(env["NEWSWORKER_INBOX"])
    inbox.mkdir(parents=True)
    worker = stack.celery_worker(env, logs, concurrency=1).start()
    watcher = stack.watcher(env, logs).start()
    try:
        stack.wait_for(lambda: stack.worker_ready(worker), 60, what="worker ready")
        (inbox / "a.txt").write_bytes(good_article("Alpha"))
        stack.wait_for(lambda: count(database_url, Article) == 1, 60, what="first article")
        watcher.stop()
        # Dropped while the watcher is down: found by the start scan.
        (inbox / "b.txt").write_bytes(good_article("Bravo"))
        (inbox / "c.txt").write_bytes(good_article("Charlie"))
        watcher = stack.watcher(env, logs).start()
        stack.wait_for(lambda: count(database_url, Article) == 3, 60, what="files dropped while down")
        stack.wait_for(lambda: count(database_url, IngestTask) == 3, 10, what="3 tasks")
        assert count(database_url, IngestTask) == 3  # a.txt was not sent again
        assert count(database_url, InboxFile) == 3
    finally:
        watcher.stop()
        worker.stop()


def test_symlink_outside_inbox_is_refused(running, env, database_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inbox = Path(env["NEWSWORKER_INBOX"])
    stack.wait_for(inbox.exists, 20, what="the inbox")
    secret = tmp_path / "outside-secret.txt"
    secret.write_bytes(good_article("Secret"))
    os.symlink(secret, inbox / "link.txt")
    stack.wait_for(lambda: count(database_url, Rejection) == 1, 30, what="the refusal")
    assert count(database_url, Article) == 0
    assert secret.exists()
