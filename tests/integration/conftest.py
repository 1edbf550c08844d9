"""Integration fixtures shared across test modules: a private redis-server on a free port, and the stack's environment."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.integration import stack

REDIS_SERVER = "/usr/bin/redis-server"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _redis_server_binary() -> str:
    if Path(REDIS_SERVER).exists():
        return REDIS_SERVER
    found = shutil.which("redis-server")
    if found is None:
        pytest.skip("redis-server is not installed")
    return found


@pytest.fixture
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, empty redis-server on 127.0.0.1 (no persistence); yields its URL `redis://127.0.0.1:PORT/0`."""
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            _redis_server_binary(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                pass
            if process.poll() is not None:
                raise RuntimeError(f"redis-server exited with code {process.returncode} before answering PING")
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not answer PING within 10 s")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture(name="redis")
def stack_redis(tmp_path: Path) -> Iterator[stack.RedisServer]:
    """A private redis-server (tests/integration/stack.py) for one test's stack."""
    server = stack.RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def env(settings_env: dict[str, str], redis: stack.RedisServer) -> dict[str, str]:
    """The environment of the stack's processes: the test's database and home, its Redis, a short settle time."""
    return stack.newsworker_env(settings_env, redis.url, NEWSWORKER_STABLE_SECONDS="0.3")
