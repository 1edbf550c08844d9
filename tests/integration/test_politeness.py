"""The per-host minimum interval in a real redis-server: slots, expiry, atomicity across processes, HttpClient use."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from worker.sources.http import HttpClient, HttpSettings
from worker.sources.politeness import HostRateLimiter, NullRateLimiter, RateLimiterUnavailableError

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_client(redis_server: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_server)
    yield client
    client.close()


def test_first_request_is_free_and_the_next_ones_queue(redis_client: redis.Redis) -> None:
    limiter = HostRateLimiter(redis_client, min_interval_s=10.0)
    waits = [limiter.wait_time("example.com") for _ in range(3)]
    assert waits[0] == 0.0
    # Each call reserves the next slot: ~10 s after the previous one (less the few ms spent calling).
    assert 9.9 <= waits[1] <= 10.0
    assert 19.9 <= waits[2] <= 20.0


def test_hosts_are_independent_and_case_insensitive(redis_client: redis.Redis) -> None:
    limiter = HostRateLimiter(redis_client, min_interval_s=10.0)
    assert limiter.wait_time("a.example") == 0.0
    assert limiter.wait_time("b.example") == 0.0
    assert limiter.wait_time("A.EXAMPLE") > 9.0


def test_slot_is_free_again_after_the_interval_and_the_key_expires(redis_client: redis.Redis) -> None:
    limiter = HostRateLimiter(redis_client, min_interval_s=0.2, key_prefix="test:host:")
    assert limiter.wait_time("example.com") == 0.0
    ttl_ms = redis_client.pttl("test:host:example.com")
    assert 0 < ttl_ms <= 200  # the key lives only until its slot is past
    time.sleep(0.25)
    assert redis_client.exists("test:host:example.com") == 0
    assert limiter.wait_time("example.com") == 0.0


def test_zero_interval_never_waits_and_null_limiter_never_waits(redis_client: redis.Redis) -> None:
    limiter = HostRateLimiter(redis_client, min_interval_s=0)
    assert [limiter.wait_time("example.com") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert redis_client.dbsize() == 0
    assert NullRateLimiter().wait_time("example.com") == 0.0


# Run in separate Python processes: reserve 10 slots for one host, print each slot's absolute start time.
RESERVE_SLOTS = """
import os, sys, time
import redis
from worker.sources.politeness import HostRateLimiter
limiter = HostRateLimiter(redis.Redis.from_url(sys.argv[1]), min_interval_s=1.0)
limiter.wait_time(f"warm-up-{os.getpid()}")  # connect and load the script before the clock matters
for _ in range(10):
    called_at = time.time()
    print(called_at + limiter.wait_time("shared.example"))
"""


def test_slots_are_atomic_across_processes(redis_server: str) -> None:
    """Four processes race for one host: every slot is distinct and one interval apart, none shared."""
    workers = [
        subprocess.Popen([sys.executable, "-c", RESERVE_SLOTS, redis_server], stdout=subprocess.PIPE, cwd=REPO)
        for _ in range(4)
    ]
    starts: list[float] = []
    for worker in workers:
        output, _ = worker.communicate(timeout=30)
        assert worker.returncode == 0
        starts.extend(float(line) for line in output.split())
    assert len(starts) == 40
    starts.sort()
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    # One interval apart, give or take the time between a child reading its clock and Redis running the
    # script (a loaded 2-core machine can preempt a child there); a slot given twice would show a gap near 0.
    assert all(0.75 < gap < 1.25 for gap in gaps), gaps
    assert 38.5 < starts[-1] - starts[0] < 39.5


def test_redis_down_is_a_transient_error() -> None:
    unreachable = redis.Redis(port=1, socket_connect_timeout=0.5, retry=Retry(NoBackoff(), 0))
    limiter = HostRateLimiter(unreachable, min_interval_s=1.0)
    with pytest.raises(RateLimiterUnavailableError) as caught:
        limiter.wait_time("example.com")
    assert caught.value.transient is True


class Hello(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        self.send_response(200)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def test_http_client_waits_for_its_slot(redis_client: redis.Redis) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    limiter = HostRateLimiter(redis_client, min_interval_s=0.3)
    try:
        with HttpClient(HttpSettings(allow_private_networks=True), rate_limiter=limiter) as client:
            started = time.monotonic()
            for _ in range(3):
                assert client.get(url).body == b"hello"
            elapsed = time.monotonic() - started
    finally:
        server.shutdown()
        server.server_close()
    assert 0.55 <= elapsed < 2.0  # three requests to one host: two intervals of 0.3 s
