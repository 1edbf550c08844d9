"""Politeness: at most one request per host every `min_interval_s`, across every worker process, kept in Redis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import redis

from worker.errors import FetchError

if TYPE_CHECKING:
    from redis.commands.core import Script

# KEYS[1]: the host's key. ARGV[1]: the minimum interval in ms.
# Returns the ms the caller must wait. Runs atomically in Redis, so two workers never get the same slot;
# Redis's own clock (TIME) is the only clock, so skew between worker machines does not matter.
# The key expires when its slot is past: an idle host costs no memory, and a missing key means "free now".
RESERVE_SLOT_SCRIPT = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local interval = tonumber(ARGV[1])
local next_free = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(now, next_free)
redis.call('SET', KEYS[1], start + interval, 'PX', start + interval - now)
return start - now
"""


class RateLimiterUnavailableError(FetchError):
    """Redis could not be asked for a slot; the fetch should be retried later."""

    transient = True


class RateLimiter(Protocol):
    """What HttpClient asks before every request."""

    def wait_time(self, host: str) -> float:
        """Reserve the next slot for host; return the seconds the caller must sleep first (0.0 if free now)."""
        ...


class HostRateLimiter:
    """A minimum interval between requests to the same host, shared by all processes through Redis.

    Usage: `time.sleep(limiter.wait_time("example.com"))`, then make the request. HttpClient does this
    itself when given a limiter.
    """

    def __init__(self, redis_client: redis.Redis, min_interval_s: float, key_prefix: str = "newsworker:host:") -> None:
        self.min_interval_s = min_interval_s
        self.key_prefix = key_prefix
        self._redis = redis_client
        self._reserve: Script = redis_client.register_script(RESERVE_SLOT_SCRIPT)

    def wait_time(self, host: str) -> float:
        """Atomically reserve the next slot for host; return seconds the caller must sleep first (0.0 if free now).

        Raises RateLimiterUnavailableError (transient) when Redis cannot be reached.
        """
        interval_ms = round(self.min_interval_s * 1000)
        if interval_ms <= 0:
            return 0.0
        try:
            wait_ms = self._reserve(keys=[self.key_prefix + host.lower()], args=[interval_ms])
        except redis.RedisError as error:
            raise RateLimiterUnavailableError(f"the per-host rate limiter in Redis is unavailable: {error}") from error
        return max(0, int(wait_ms)) / 1000.0


class NullRateLimiter:
    """No limit: for in-process use without Redis (`newsworker ingest`, tests)."""

    def wait_time(self, host: str) -> float:
        """Return 0.0: every host is always free."""
        return 0.0
