"""File tasks reach only workers that see the inbox (issue 17), on one host: real redis-server, `celery worker`
processes and the watcher. A worker "cannot see" the inbox when its NEWSWORKER_INBOX holds no identity, as on
a second machine without the shared mount (tests/integration/test_two_hosts.py builds that machine for real)."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.bad_inputs import good_article
from tests.conftest import REPO
from tests.integration import stack
from worker.queues import SHARED_QUEUE, inbox_queue
from worker.sources.inbox_identity import IDENTITY_FILE, ensure_inbox_id, read_inbox_id

pytestmark = pytest.mark.integration


@pytest.fixture
def procs() -> Iterator[list[stack.Proc]]:
    started: list[stack.Proc] = []
    yield started
    for proc in reversed(started):
        proc.stop()


def start_worker(procs: list[stack.Proc], env: dict[str, str], logs: Path, name: str, *extra: str) -> stack.Proc:
    proc = stack.celery_worker(env, logs, concurrency=1, name=name)
    proc.args += list(extra)
    procs.append(proc.start())
    stack.wait_for(lambda: stack.worker_ready(proc) or not proc.alive(), 90, what=f"worker {name} ready")
    assert proc.alive(), proc.output()[-3000:]
    return proc


def start_watcher(procs: list[stack.Proc], env: dict[str, str], logs: Path) -> stack.Proc:
    proc = stack.watcher(env, logs)
    procs.append(proc.start())
    stack.wait_for(lambda: "start scan" in proc.output(), 60, what="the watcher watching")
    return proc


def query(database_url: str, sql: str) -> list[Any]:
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql)).all())
    except Exception:  # the tables may not exist yet while the first process migrates
        return []
    finally:
        engine.dispose()


def stored_titles(database_url: str) -> set[str]:
    return {row[0] for row in query(database_url, "SELECT title FROM articles")}


def status_json(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "worker.cli", "status", "--json"], env=env, capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def file_tasks_run(proc: stack.Proc) -> int:
    return sum(1 for line in proc.output().splitlines() if "worker.tasks.ingest_file[" in line and "succeeded" in line)


def test_file_tasks_wait_for_a_worker_that_sees_the_inbox(env, database_url, procs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    logs = tmp_path / "logs"
    inbox = Path(env["NEWSWORKER_INBOX"])
    # Started before the watcher wrote the identity: it must pick the inbox queue up by itself, later.
    seeing = start_worker(procs, env, logs, "seeing")
    no_files = start_worker(procs, env, logs, "nofiles", "--no-files")
    seeing.stop()  # for now, only the --no-files worker runs
    procs.remove(seeing)
    start_watcher(procs, env, logs)
    identity = stack.wait_for(lambda: read_inbox_id(inbox), 10, what="the inbox identity")
    queue = inbox_queue(identity)
    for town in ("Ogdenville", "North Haverbrook", "Brockway"):
        (inbox / f"{town}.txt").write_bytes(good_article(town))

    import redis as redis_client

    client = redis_client.Redis.from_url(env["REDIS_URL"])
    stack.wait_for(lambda: client.llen(queue) == 3, 30, what="3 file tasks waiting in the inbox queue")
    # A worker has 1 s to answer `status`; on a loaded machine one may miss a round, so ask until it is there.
    status = stack.wait_for(lambda: (found := status_json(env))["workers"] and found, 20, what="the worker answering")
    assert status["broker"]["queues"] == {SHARED_QUEUE: 0, queue: 3}
    assert list(status["workers"].values()) == [[SHARED_QUEUE]]  # the --no-files worker, asked
    assert len(status["warnings"]) == 1 and queue in status["warnings"][0], status["warnings"]
    text_status = subprocess.run(
        [sys.executable, "-m", "worker.cli", "status"], env=env, capture_output=True, text=True, cwd=REPO
    ).stdout
    assert f"warning: 3 file tasks wait in {queue}" in text_status

    seeing = start_worker(procs, env, logs, "seeing2")
    stack.wait_for(
        lambda: stored_titles(database_url) >= {"Ogdenville", "North Haverbrook", "Brockway"}, 60, what="3 stored"
    )
    # The worker logs "succeeded" after the task has committed: wait for the log line, not only the rows.
    stack.wait_for(lambda: file_tasks_run(seeing) == 3, 30, what="the seeing worker's 3 file tasks in its log")
    assert file_tasks_run(no_files) == 0
    assert f"taking its file tasks from {queue}" in seeing.output()
    assert "--no-files: this worker takes no file tasks" in no_files.output()
    status = stack.wait_for(
        lambda: len((found := status_json(env))["workers"]) == 2 and found, 20, what="both workers answering"
    )
    assert status["warnings"] == [] and sorted(map(sorted, status["workers"].values())) == [
        [SHARED_QUEUE],
        sorted([SHARED_QUEUE, queue]),
    ], status
    client.close()

    # The worker that started before the identity existed picks the queue up once the watcher has written it.
    late_home = tmp_path / "late"
    late_env = dict(env, NEWSWORKER_INBOX=str(late_home / "inbox"), NEWSWORKER_HOME=str(late_home))
    early = start_worker(procs, late_env, logs, "early", "--files-only")
    assert "no inbox identity" in early.output()
    late_watcher = stack.Proc("late-watcher", [sys.executable, "-m", "worker.cli", "watch"], late_env, logs / "lw.log")
    procs.append(late_watcher.start())
    stack.wait_for(lambda: "Started consuming from inbox." in early.output(), 30, what="the early worker's inbox queue")
    (late_home / "inbox" / "late.txt").write_bytes(good_article("Springfield Heights"))
    stack.wait_for(lambda: "Springfield Heights" in stored_titles(database_url), 60, what="the late inbox's file")
    stack.wait_for(lambda: file_tasks_run(early) == 1, 30, what="the early worker's file task in its log")
    # The inbox goes away (an unmounted share): the worker stops taking its file tasks.
    late_watcher.stop()
    (late_home / "inbox" / IDENTITY_FILE).unlink()
    stack.wait_for(lambda: "no longer taking inbox." in early.output(), 30, what="the early worker to let go")


def test_a_file_task_on_a_worker_that_cannot_see_the_inbox_is_put_back(env, database_url, procs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from worker.celery_app import make_celery
    from worker.config import load_settings
    from worker.store import history
    from worker.store.db import Database

    logs = tmp_path / "logs"
    inbox = Path(env["NEWSWORKER_INBOX"])
    identity = ensure_inbox_id(inbox)  # as the watcher does
    queue = inbox_queue(identity)
    # Misconfigured on purpose: told to take the inbox queue, on a host where the inbox is not there.
    blind_env = dict(env, NEWSWORKER_INBOX=str(tmp_path / "not-mounted" / "inbox"))
    blind = start_worker(procs, blind_env, logs, "blind", "--queues", f"{SHARED_QUEUE},{queue}")

    (inbox / "routed.txt").write_bytes(good_article("Capital City"))
    app = make_celery(load_settings(env))
    task_id = uuid.uuid4().hex
    database = Database(database_url)
    with database.session() as session, session.begin():  # as enqueue_file does
        history.record_queued(session, task_id, "ingest_file", str(inbox / "routed.txt"))
    database.dispose()
    app.send_task(
        "worker.tasks.ingest_file", args=[str(inbox / "routed.txt")], kwargs={"inbox_id": identity}, queue=queue,
        task_id=task_id,
    )  # fmt: skip
    app.close()
    stack.wait_for(lambda: f"Canceling queue {queue}" in blind.output(), 60, what="the blind worker to let go")
    assert f"put back on queue {queue}" in blind.output() and "no inbox identity at" in blind.output()
    assert query(database_url, "SELECT source FROM rejections") == []
    assert (inbox / "routed.txt").exists()
    assert query(database_url, f"SELECT state FROM ingest_tasks WHERE task_id = '{task_id}'") == [("retrying",)]

    start_worker(procs, env, logs, "seeing")
    stack.wait_for(lambda: "Capital City" in stored_titles(database_url), 120, what="the file stored")
    stack.wait_for(lambda: (inbox / "processed" / "routed.txt").exists(), 30, what="the file set aside")
    assert query(database_url, "SELECT source FROM rejections") == []
    rows = query(database_url, f"SELECT state, outcome, error FROM ingest_tasks WHERE task_id = '{task_id}'")
    assert rows == [("finished", "stored", None)]
