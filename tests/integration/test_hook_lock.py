"""HookLock (worker/hooks.py) on a real redis-server: one delivery run per hook, whoever asks."""

from __future__ import annotations

import pytest
import redis

from worker.hooks import HookLock

pytestmark = pytest.mark.integration


def test_one_holder_at_a_time_and_only_the_holder_renews_or_releases(redis_server: str) -> None:
    client = redis.Redis.from_url(redis_server)
    first, second = HookLock(client, 7, 30), HookLock(client, 7, 30)
    other_hook = HookLock(client, 8, 30)
    assert first.acquire()
    assert not second.acquire()  # another run of the same hook, on any worker or host
    assert other_hook.acquire()  # hooks do not wait for each other
    assert first.extend() and not second.extend()
    second.release()  # not its lock: nothing happens
    assert client.get(first.key) == first.token.encode()
    first.release()
    assert client.get(first.key) is None
    assert not first.extend()  # lost: the run stops before its next POST
    assert second.acquire()


def test_a_lock_whose_holder_died_expires(redis_server: str) -> None:
    from tests.integration.stack import wait_for

    client = redis.Redis.from_url(redis_server)
    dead = HookLock(client, 9, 30)
    assert dead.acquire()
    assert 0 < client.pttl(dead.key) <= 30_000  # it lives one delivery's timeout and a margin, not for ever
    client.pexpire(dead.key, 1)  # as if its 30 s had passed
    wait_for(lambda: not client.exists(dead.key), 10, what="the lock to expire")
    assert HookLock(client, 9, 30).acquire()
