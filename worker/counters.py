"""Counts of events the database does not keep (beat ticks that failed, feed polls by status), in one Redis
hash that every host writes to and `worker/metrics.py` reads at scrape time."""

from __future__ import annotations

import logging

from worker.config import Settings

log = logging.getLogger(__name__)

COUNTS_KEY = "newsworker:counts"


def count_event(settings: Settings, name: str, amount: int = 1) -> None:
    """Add `amount` to the count called `name`; a broker that is down costs the count, never the caller."""
    from worker.health import redis_client

    client = redis_client(settings.broker_url)
    try:
        client.hincrby(COUNTS_KEY, name, amount)
    except Exception as error:  # noqa: BLE001 - a count is not worth failing the work it counts
        log.warning("could not count %s: %s", name, error)
    finally:
        client.close()


def read_counts(settings: Settings) -> dict[str, int]:
    """Every count by name (empty when none yet); raises redis.RedisError when the broker does not answer."""
    from worker.health import redis_client

    client = redis_client(settings.broker_url)
    try:
        raw = client.hgetall(COUNTS_KEY)
    finally:
        client.close()
    return {key.decode(): int(value) for key, value in raw.items()}
