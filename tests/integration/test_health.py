"""`newsworker health` against real processes: everything alive under `newsworker up`; a watcher killed with
SIGKILL (its heartbeat ages out); a stopped Redis (the broker fails, and what needs it is unknown, fast)."""

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

from tests.conftest import REPO
from tests.integration import stack

pytestmark = pytest.mark.integration

FAST = {"NEWSWORKER_HEARTBEAT_SECONDS": "1", "NEWSWORKER_BEAT_INTERVAL": "1", "NEWSWORKER_STABLE_SECONDS": "0.2"}


def health(env: dict[str, str], *args: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "worker.cli", "health", "--json", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else {"stderr": done.stderr}


def healthy(env: dict[str, str]) -> dict[str, Any] | None:
    code, report = health(env)
    return report if code == 0 else None


def test_all_alive_under_up(settings_env: dict[str, str], tmp_path: Path) -> None:
    env = {k: v for k, v in settings_env.items() if not k.startswith("FLOWER_")}
    env.update(FAST, FLOWER_PORT=str(stack.free_port()), NEWSWORKER_METRICS_PORT=str(stack.free_port()))
    up = stack.newsworker_up(env, tmp_path / "logs", "--concurrency", "1").start()
    try:
        report = stack.wait_for(lambda: healthy(env), 120, interval=1, what="health to pass under up")
        checks = report["checks"]
        assert report["ok"] is True and set(checks) == {"database", "broker", "workers", "beat", "watcher"}
        assert all(check["ok"] for check in checks.values()), checks
        assert checks["beat"]["age_seconds"] <= 5 and checks["watcher"]["age_seconds"] <= 5
        assert checks["workers"]["workers"], checks["workers"]
        text = subprocess.run(
            [sys.executable, "-m", "worker.cli", "health"], env=env, cwd=REPO, capture_output=True, text=True
        )
        assert text.returncode == 0 and "FAILED" not in text.stdout
        assert [line.split()[1] for line in text.stdout.splitlines()] == [
            "database", "broker", "workers", "beat", "watcher",
        ]  # fmt: skip
    finally:
        up.stop(signal.SIGTERM, timeout=60)


@pytest.fixture
def stack_env(tmp_path: Path) -> Iterator[tuple[dict[str, str], stack.RedisServer]]:
    redis = stack.RedisServer(tmp_path / "redis")
    redis.start()
    base = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",) and not k.startswith("FLOWER_")}
    base.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'home' / 'newsworker.db'}",
        NEWSWORKER_HOME=str(tmp_path / "home"),
        NEWSWORKER_INBOX=str(tmp_path / "inbox"),
        **FAST,
    )
    yield stack.newsworker_env(base, redis.url), redis
    redis.stop()


@pytest.fixture
def processes(stack_env: tuple[dict[str, str], stack.RedisServer], tmp_path: Path) -> Iterator[dict[str, stack.Proc]]:
    env, _redis = stack_env
    logs = tmp_path / "logs"
    subprocess.run([sys.executable, "-m", "worker.cli", "status"], env=env, cwd=REPO, capture_output=True)  # migrate
    procs = {
        "worker": stack.celery_worker(env, logs, concurrency=1).start(),
        "beat": stack.celery_beat(env, logs, Path(env["NEWSWORKER_HOME"])).start(),
        "watcher": stack.watcher(env, logs).start(),
    }
    try:
        stack.wait_for(lambda: healthy(env), 90, interval=1, what="health to pass")
        yield procs
    finally:
        for proc in procs.values():
            proc.stop()


def test_a_killed_watcher_fails_health(
    stack_env: tuple[dict[str, str], stack.RedisServer], processes: dict[str, stack.Proc]
) -> None:
    env, _redis = stack_env
    processes["watcher"].stop(signal.SIGKILL)

    def watcher_reported_dead() -> dict[str, Any] | None:
        code, report = health(env)
        return report if code == 1 and not report["checks"]["watcher"]["ok"] else None

    report = stack.wait_for(watcher_reported_dead, 60, interval=1, what="health to notice the dead watcher")
    checks = report["checks"]
    assert report["ok"] is False
    assert "last heartbeat" in checks["watcher"]["detail"] and "expected within" in checks["watcher"]["detail"]
    assert all(checks[name]["ok"] for name in ("database", "broker", "workers", "beat")), checks
    # Only the watcher's own check, as its docker-compose health check runs it:
    assert health(env, "--check", "beat")[0] == 0
    assert health(env, "--check", "watcher")[0] == 1


def test_a_stopped_redis_fails_health(
    stack_env: tuple[dict[str, str], stack.RedisServer], processes: dict[str, stack.Proc]
) -> None:
    env, redis = stack_env
    redis.stop()
    code, report = health(env)
    assert code == 1 and report["ok"] is False
    checks = report["checks"]
    assert checks["database"]["ok"] is True
    assert checks["broker"]["ok"] is False and "does not answer" in checks["broker"]["detail"]
    for name in ("workers", "beat", "watcher"):
        assert checks[name] == {"ok": False, "detail": "unknown: the broker does not answer"}
