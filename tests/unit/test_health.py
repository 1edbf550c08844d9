"""Judging heartbeats: the newest one per component counts, and it must be recent."""

from __future__ import annotations

from worker.config import load_settings
from worker.health import Heartbeat, judge_heartbeats, stale_after


def test_the_newest_heartbeat_decides() -> None:
    records = [
        {"component": "watcher", "host": "a", "pid": 1, "at": 100.0},
        {"component": "watcher", "host": "b", "pid": 2, "at": 190.0},
        {"component": "beat", "host": "a", "pid": 3, "at": 10.0},
    ]
    alive = judge_heartbeats("watcher", records, now=200.0, limit=17.0)
    assert alive.ok and alive.facts == {"age_seconds": 10.0, "host": "b", "pid": 2}
    dead = judge_heartbeats("beat", records, now=200.0, limit=17.0)
    assert not dead.ok and dead.detail == "last heartbeat 190s ago (a pid 3), expected within 17s"
    assert not judge_heartbeats("watcher", [], now=1.0, limit=17.0).ok


def test_beat_is_allowed_its_tick_interval() -> None:
    settings = load_settings({"NEWSWORKER_HEARTBEAT_SECONDS": "5", "NEWSWORKER_BEAT_INTERVAL": "30"})
    assert stale_after("watcher", settings) == 17.0
    assert stale_after("beat", settings) == 92.0


def test_a_heartbeat_without_a_broker_does_not_raise() -> None:
    settings = load_settings({"REDIS_URL": "redis://127.0.0.1:1/0", "NEWSWORKER_HEARTBEAT_SECONDS": "5"})
    now = [1000.0]
    beat = Heartbeat(settings, "watcher", clock=lambda: now[0])
    beat()  # port 1: refused at once; logged, not raised
    assert beat._next_at == 1005.0
    now[0] = 1001.0
    beat()  # not due: nothing tried
    assert beat._next_at == 1005.0
