"""`newsworker up` as a person runs it: no REDIS_URL, a fresh NEWSWORKER_HOME, then Ctrl-C (SIGTERM)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import psutil
import pytest

from tests.bad_inputs import good_article
from tests.conftest import REPO
from tests.integration import stack
from worker.sources.inbox_identity import IDENTITY_FILE

pytestmark = pytest.mark.integration

CHILDREN = {"redis", "worker", "beat", "watcher", "flower", "metrics", "api"}


def status(env: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-m", "worker.cli", "status", "--json"],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    return json.loads(result.stdout) if result.returncode == 0 else {}


def articles(home: Path) -> int:
    """Articles in up's default SQLite database, read directly: cheaper to poll than `newsworker status`."""
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(f"file:{home / 'newsworker.db'}?mode=ro", uri=True)) as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created or not migrated yet
        return -1


def recorded_pids(home: Path) -> dict[str, object]:
    try:
        return json.loads((home / "up.pids.json").read_text())  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return {}


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_up_runs_the_stack_supervises_it_and_stops_everything(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("REDIS_URL", "DATABASE_URL", "NEWSWORKER_INBOX") and not k.startswith("FLOWER_")
    }
    env.update(
        {
            "NEWSWORKER_HOME": str(home),
            "NEWSWORKER_STABLE_SECONDS": "0.2",
            "FLOWER_PORT": str(stack.free_port()),
            "PYTHONUNBUFFERED": "1",
        }
    )
    inbox = home / "inbox"
    up = stack.newsworker_up(env, tmp_path / "logs").start()
    seen: set[int] = set()
    try:
        pids = stack.wait_for(
            lambda: set(recorded_pids(home).get("children", {})) == CHILDREN and recorded_pids(home),  # type: ignore[arg-type]
            30,
            what="up to start its six children",
        )
        assert pids["up"] == up.pid

        # The seeds are the first batch on a fresh database, sent by the watcher like any dropped file.
        stack.wait_for(lambda: articles(home) == 2, 90, interval=0.3, what="the 2 seeds stored")
        up_status = status(env)
        assert up_status["articles"] == 2
        # With no REDIS_URL, other commands find up's private Redis through NEWSWORKER_HOME.
        assert up_status["broker"]["reachable"] is True, up_status  # type: ignore[index]
        (inbox / "dropped.txt").write_bytes(good_article("Ogdenville"))
        stack.wait_for(lambda: articles(home) == 3, 60, interval=0.3, what="the dropped file stored")
        stack.wait_for(lambda: (inbox / "processed" / "dropped.txt").exists(), 20, what="dropped.txt set aside")
        assert (home / "seeds-copied").exists()

        # What `up` printed: the inbox, the database, and Flower's URL with working credentials.
        output = up.output()
        assert str(inbox) in output and f"sqlite:///{home / 'newsworker.db'}" in output
        match = re.search(r"flower\s+(http://\S+)\s+user (\S+)\s+password (\S+)", output)
        assert match, output[-3000:]
        url, user, password = match.groups()
        assert stack.http_get(url + "api/tasks")[0] == 401
        stack.wait_for(lambda: stack.http_get(url + "api/tasks", (user, password))[0] == 200, 20, what="Flower")
        # ...and the HTTP API's URL with the token it generated, kept beside Flower's credentials (0600).
        match = re.search(r"api\s+(http://\S+)\s+token (\S+)", output)
        assert match, output[-3000:]
        api_url, token = match.groups()
        assert (home / "api-token").read_text().strip() == token and len(token) >= 40
        assert (home / "api-token").stat().st_mode & 0o777 == 0o600
        assert (home / "flower-credentials").parent == (home / "api-token").parent
        assert stack.http_get(api_url + "articles")[0] == 401
        stack.wait_for(lambda: stack.http_get(api_url + "healthz")[0] == 200, 30, what="the API's /healthz")
        listed = httpx.get(api_url + "articles", headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert listed.status_code == 200 and len(listed.json()["items"]) == 3, listed.text
        assert token not in (home / "up.pids.json").read_text()
        assert re.search(r"redis\s+redis://:\*\*\*@127\.0\.0\.1:\d+/0", output)
        assert password not in (home / "redis" / "redis.conf").read_text()
        redis_password = (home / "redis" / "redis-url").read_text().split("@")[0].rsplit(":", 1)[1]
        assert len(redis_password) > 20 and redis_password not in output  # printed and logged redacted only

        # A child that dies is restarted, and the event is logged.
        watcher_pid = pids["children"]["watcher"]  # type: ignore[index]
        os.kill(watcher_pid, signal.SIGKILL)
        new_pid = stack.wait_for(
            lambda: (p := recorded_pids(home).get("children", {}).get("watcher")) != watcher_pid and p,  # type: ignore[attr-defined]
            20,
            what="the watcher restarted",
        )
        assert alive(new_pid)
        assert f"watcher (pid {watcher_pid}) exited with code -9; restarting in 1s" in up.output()
        (inbox / "after-restart.txt").write_bytes(good_article("Capital City"))
        stack.wait_for(lambda: articles(home) == 4, 60, interval=0.3, what="a file sent by the restarted watcher")

        # Every process of the stack, pool processes included, recorded before stopping.
        for history in recorded_pids(home)["history"].values():  # type: ignore[attr-defined]
            seen.update(history)
        seen.update(child.pid for child in psutil.Process(up.pid).children(recursive=True))
        assert len(seen) >= len(CHILDREN) + 2  # at least the worker's pool processes too

        os.kill(up.pid, signal.SIGTERM)
        assert up.process is not None
        assert up.process.wait(60) == 0, up.output()[-3000:]
        assert "stopped." in up.output()
        leftovers = [pid for pid in seen if alive(pid)] + [p.pid for p in stack.processes_mentioning(str(tmp_path))]
        leftovers += [p.pid for p in stack.processes_with_env("NEWSWORKER_HOME", str(home))]
        assert not leftovers, [psutil.Process(pid).cmdline() for pid in leftovers if alive(pid)]
        assert not (home / "up.pids.json").exists()
        assert not (home / "redis" / "redis-url").exists()
        # Nothing lost: every file was stored and set aside; the queue lives in Redis' append-only file.
        assert not [path for path in inbox.iterdir() if path.is_file() and path.name != IDENTITY_FILE]
        assert list((home / "redis").glob("appendonly*"))
    finally:
        up.stop()
        for pid in seen:  # never leave a stray process on the machine, whatever failed above
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
