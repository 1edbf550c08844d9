"""Flower through the real stack: redis-server (with a password), a celery worker, the watcher and
`newsworker flower`, queried over HTTP like a person's browser would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bad_inputs import good_article
from tests.conftest import REPO
from tests.integration import stack

pytestmark = pytest.mark.integration

BROKER_PASSWORD = "broker-s3cret-Pw"
FLOWER_USER, FLOWER_PASSWORD = "admin", "flower-Pw-4711"
AUTH = (FLOWER_USER, FLOWER_PASSWORD)


def base_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWER_") and k != "REDIS_URL"}
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{root / 'home' / 'newsworker.db'}",
            "NEWSWORKER_HOME": str(root / "home"),
            "NEWSWORKER_INBOX": str(root / "inbox"),
        }
    )
    return env


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("flower")


@pytest.fixture(scope="module")
def env(root: Path) -> Iterator[dict[str, str]]:
    redis = stack.RedisServer(root / "redis", password=BROKER_PASSWORD)
    redis.start()
    yield stack.newsworker_env(base_env(root), redis.url, NEWSWORKER_STABLE_SECONDS="0.2")
    redis.stop()


def flower_url(proc: stack.Proc, path: str) -> str:
    return f"http://127.0.0.1:{proc.env['FLOWER_PORT']}{path}"


def start_flower(env: dict[str, str], logs: Path, port: int, name: str = "flower") -> stack.Proc:
    proc = stack.flower(env, logs, port, basic_auth=f"{FLOWER_USER}:{FLOWER_PASSWORD}", name=name).start()
    stack.wait_for(
        lambda: stack.http_get(flower_url(proc, "/api/tasks"))[0] == 401 or not proc.alive(),
        30,
        what="Flower to listen",
    )
    assert proc.alive(), proc.output()
    return proc


def workers_seen_online(proc: stack.Proc) -> bool:
    status, body = stack.http_get(flower_url(proc, "/api/workers?status=true"), AUTH)
    return status == 200 and any(json.loads(body).values())


@pytest.fixture(scope="module")
def running(env: dict[str, str], root: Path) -> Iterator[dict[str, stack.Proc]]:
    logs = root / "logs"
    procs = {"worker": stack.celery_worker(env, logs, concurrency=1).start()}
    try:
        procs["flower"] = start_flower(env, logs, stack.free_port())
        procs["watcher"] = stack.watcher(env, logs).start()
        stack.wait_for(lambda: stack.worker_ready(procs["worker"]), 60, what="celery worker ready")
        # Flower knows only what it hears: wait until it receives the worker's events.
        stack.wait_for(lambda: workers_seen_online(procs["flower"]), 30, what="Flower to see the worker online")
        yield procs
    finally:
        for proc in procs.values():
            proc.stop()


def flower_tasks(proc: stack.Proc) -> dict[str, Any]:
    status, body = stack.http_get(flower_url(proc, "/api/tasks"), AUTH)
    assert status == 200, body[:200]
    tasks: dict[str, Any] = json.loads(body)
    return tasks


@pytest.fixture(scope="module")
def ingested(running: dict[str, stack.Proc], env: dict[str, str]) -> tuple[str, Path]:
    """A file dropped into the watched inbox, and the id of its task once Flower shows it finished."""
    inbox = Path(env["NEWSWORKER_INBOX"]).resolve()
    stack.wait_for(inbox.exists, 20, what="the inbox")
    path = inbox / "flower-report.txt"
    path.write_bytes(good_article("Springfield"))

    def finished_task() -> str | None:
        for task_id, task in flower_tasks(running["flower"]).items():
            if str(path) in (task.get("args") or "") and task.get("state") in ("SUCCESS", "FAILURE"):
                return task_id
        return None

    task_id = stack.wait_for(finished_task, 60, interval=0.3, what="the task in Flower")
    return task_id, path


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worker.cli", *args], env=env, capture_output=True, text=True, cwd=REPO, timeout=60
    )


def test_flower_refuses_to_start_without_credentials(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    result = run_cli(["flower"], env)
    assert result.returncode != 0
    assert "FLOWER_BASIC_AUTH=user:password" in result.stderr and "--insecure-no-auth" in result.stderr
    malformed = run_cli(["flower"], {**env, "FLOWER_BASIC_AUTH": "admin-without-password"})
    assert malformed.returncode != 0 and "user:password" in malformed.stderr


def test_the_task_shows_as_success_with_its_path(running: dict[str, stack.Proc], ingested: tuple[str, Path]) -> None:
    task_id, path = ingested
    task = flower_tasks(running["flower"])[task_id]
    assert task["name"] == "worker.tasks.ingest_file"
    assert task["state"] == "SUCCESS", task
    assert task["args"] == repr([str(path)])
    assert "'status': 'stored'" in task["result"]


def test_api_and_pages_require_auth(running: dict[str, stack.Proc]) -> None:
    flower = running["flower"]
    for path in ("/api/tasks", "/api/workers", "/", "/tasks"):
        assert stack.http_get(flower_url(flower, path))[0] == 401, path
        assert stack.http_get(flower_url(flower, path), (FLOWER_USER, "wrong"))[0] == 401, path
    assert stack.http_get(flower_url(flower, "/api/tasks"), AUTH)[0] == 200


def test_no_password_is_shown_or_logged(running: dict[str, stack.Proc], ingested: tuple[str, Path]) -> None:
    flower = running["flower"]
    log = flower.output()
    assert "Broker: redis://:**@127.0.0.1" in log  # the line where Flower names its broker, masked
    for page in ("/broker", "/workers", "/api/workers?refresh=1", "/api/tasks"):
        status, body = stack.http_get(flower_url(flower, page), AUTH, timeout=15)
        assert status == 200, page
        assert BROKER_PASSWORD.encode() not in body, page
    for proc in running.values():
        assert BROKER_PASSWORD not in proc.output(), proc.name
        assert FLOWER_PASSWORD not in proc.output(), proc.name


def test_insecure_no_auth_starts_without_credentials(env: dict[str, str], root: Path) -> None:
    proc = stack.flower(env, root / "logs", stack.free_port(), basic_auth=None, name="flower-insecure")
    proc.args.append("--insecure-no-auth")
    proc.env["FLOWER_DB"] = str(root / "insecure-flower.db")
    proc.start()
    try:
        stack.wait_for(
            lambda: stack.http_get(flower_url(proc, "/"))[0] == 200 or not proc.alive(),
            30,
            what="the open Flower",
        )
        assert proc.alive(), proc.output()
        assert "WITHOUT authentication" in proc.output()
    finally:
        proc.stop()


def test_history_survives_a_flower_restart(
    running: dict[str, stack.Proc], ingested: tuple[str, Path], env: dict[str, str], root: Path
) -> None:
    task_id, path = ingested
    flower = running["flower"]
    flower.stop(signal.SIGTERM)
    assert flower.process is not None and flower.process.returncode == 0, flower.output()[-2000:]
    assert list((Path(env["NEWSWORKER_HOME"])).glob("flower.db*")), "no state file in NEWSWORKER_HOME"

    # A new Flower on another port, same NEWSWORKER_HOME: no event about the old task will come again.
    running["flower"] = start_flower(env, root / "logs", stack.free_port(), name="flower-restarted")
    task = flower_tasks(running["flower"]).get(task_id)
    assert task is not None, "the task was forgotten by the restarted Flower"
    assert task["state"] == "SUCCESS" and task["args"] == repr([str(path)])
