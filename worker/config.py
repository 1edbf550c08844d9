"""The one place that reads the environment. Everything else receives a `Settings`.

Every variable is documented in the README with its default.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOME = Path("~/.newsworker")


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


class ConfigError(ValueError):
    """An environment variable holds a value newsworker cannot use; the message names the variable."""


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """The duration in `name` (`90`, `1.5`, `15m`, `2h`, `1d`) in seconds, else `default` when unset."""
    value = env.get(name)
    if value is None or not value.strip():
        return default
    try:
        return parse_duration(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a duration (30, 30s, 15m, 2h or 1d; above 0)") from None


def _number(env: Mapping[str, str], name: str, default: float, minimum: float, maximum: float | None = None) -> float:
    """The number in `name` within [minimum, maximum], else `default` when unset."""
    value = env.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a number") from None
    if not minimum <= number <= (maximum if maximum is not None else float("inf")):
        upper = f" and at most {maximum:g}" if maximum is not None else ""
        raise ConfigError(f"{name}={value!r} is out of range: it must be at least {minimum:g}{upper}")
    return number


def _whole(env: Mapping[str, str], name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    """The whole number in `name` within [minimum, maximum], else `default` when unset."""
    number = _number(env, name, default, minimum, maximum)
    if not math.isfinite(number) or number != int(number):
        raise ConfigError(f"{name}={env.get(name)!r} is not a whole number")
    return int(number)


def parse_duration(text: str) -> float:
    """Seconds in a duration such as `30`, `30s`, `15m`, `2h` or `1d`; ValueError otherwise."""
    text = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if text and text[-1] in units:
        number, unit = text[:-1], units[text[-1]]
    else:
        number, unit = text, 1
    seconds = float(number) * unit
    if seconds <= 0:
        raise ValueError(f"duration must be positive: {text!r}")
    return seconds


# Near-duplicate candidates (docs/performance.md, growth): the same values as neardup.CandidateBounds' defaults.
DEFAULT_NEARDUP_WINDOW = 30 * 86400.0
DEFAULT_NEARDUP_PER_KEY = 16


def _window(env: Mapping[str, str], name: str, default: float) -> float | None:
    """A duration in `name`, or None for `0`/`off`/`none` (no window), else `default` when unset."""
    value = (env.get(name) or "").strip().lower()
    if value in {"0", "off", "none"}:
        return None
    return _seconds(env, name, default)


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    inbox: Path
    redis_url: str | None
    # The private Redis of a `newsworker up` under the same home, so other commands find its broker.
    up_redis_url: str | None = None
    spacy_model: str | None = None
    allow_private_networks: bool = False
    max_file_bytes: int = 32 * 1024 * 1024
    http_max_bytes: int = 32 * 1024 * 1024
    http_connect_timeout: float = 5.0
    http_read_timeout: float = 20.0
    host_min_interval: float = 1.0
    stable_seconds: float = 1.0
    settle_seconds: float = 0.1
    watch_polling: bool = False
    neardup_threshold: float | None = None
    neardup_window: float | None = DEFAULT_NEARDUP_WINDOW  # seconds; None: every archived article is a candidate
    neardup_per_key: int = DEFAULT_NEARDUP_PER_KEY
    feed_default_every: float = 900.0
    feed_max_backoff: float = 6 * 3600.0
    max_feeds_per_list: int = 2000  # feeds one OPML/TOML/JSON list may add; the rest are reported as skipped
    beat_interval: float = 10.0
    visibility_timeout: float = 3600.0
    resend_after: float = 600.0
    rescan_seconds: float = 30.0
    log_format: str = "text"
    log_level: str = "INFO"
    flower_port: int = 5555
    flower_basic_auth: str | None = None
    flower_address: str | None = None  # FLOWER_ADDRESS; unset: Flower's default (all interfaces), `up` uses 127.0.0.1
    # Per task: past the soft limit the input ends as an error; past the hard limit its process is killed.
    task_soft_time_limit: float = 300.0
    task_time_limit: float = 360.0
    # `module:factory` returning an entity tagger, instead of the built-in one or spaCy (tests inject faults).
    tagger_factory: str | None = None
    heartbeat_seconds: float = 5.0  # how often beat and the watcher say they are alive (worker/health.py)
    metrics_port: int = 9808
    metrics_address: str | None = None  # NEWSWORKER_METRICS_ADDRESS; unset: all interfaces, `up` uses 127.0.0.1
    # The HTTP API (worker/api.py): every endpoint but /healthz asks for `Authorization: Bearer <token>`.
    api_token: str | None = None
    # The token `newsworker up` generated and keeps in HOME/api-token (mode 0600), so `newsworker api` and
    # scripts on this machine find it.
    up_api_token: str | None = None
    api_host: str = "127.0.0.1"
    api_port: int = 8808
    # Webhooks (worker/hooks.py): a failed delivery waits first_retry x 2^(failures-1), at most max_backoff;
    # after max_failures failures in a row the hook is paused. timeout bounds one delivery's whole exchange.
    hook_first_retry: float = 10.0
    hook_max_backoff: float = 3600.0
    hook_max_failures: int = 15
    hook_timeout: float = 15.0

    @property
    def broker_url(self) -> str:
        """The Redis URL Celery uses: REDIS_URL, else `up`'s private Redis, else a local default."""
        return self.redis_url or self.up_redis_url or "redis://127.0.0.1:6379/0"

    @property
    def bearer_token(self) -> str | None:
        """The token the HTTP API asks for: NEWSWORKER_API_TOKEN, else the one `newsworker up` generated."""
        return self.api_token or self.up_api_token

    @property
    def processed_dir(self) -> Path:
        return self.inbox / "processed"

    @property
    def failed_dir(self) -> Path:
        return self.inbox / "failed"


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _log_level(env: Mapping[str, str]) -> str:
    level = (env.get("NEWSWORKER_LOG_LEVEL") or "INFO").strip().upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"NEWSWORKER_LOG_LEVEL={level!r} is not one of {', '.join(LOG_LEVELS)}")
    return level


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment (os.environ unless given)."""
    env = os.environ if environ is None else environ
    home = Path(env.get("NEWSWORKER_HOME") or DEFAULT_HOME).expanduser().resolve()
    database_url = env.get("DATABASE_URL") or f"sqlite:///{home / 'newsworker.db'}"
    inbox = Path(env.get("NEWSWORKER_INBOX") or home / "inbox").expanduser().resolve()
    threshold = env.get("NEWSWORKER_NEARDUP_THRESHOLD")
    return Settings(
        home=home,
        database_url=database_url,
        inbox=inbox,
        redis_url=env.get("REDIS_URL") or None,
        up_redis_url=_read_up_redis_url(home),
        spacy_model=env.get("NEWSWORKER_SPACY_MODEL") or None,
        allow_private_networks=_flag(env.get("NEWSWORKER_ALLOW_PRIVATE_NETWORKS")),
        max_file_bytes=_whole(env, "NEWSWORKER_MAX_FILE_BYTES", 32 * 1024 * 1024, 1),
        http_max_bytes=_whole(env, "NEWSWORKER_HTTP_MAX_BYTES", 32 * 1024 * 1024, 1),
        http_connect_timeout=_seconds(env, "NEWSWORKER_HTTP_CONNECT_TIMEOUT", 5.0),
        http_read_timeout=_seconds(env, "NEWSWORKER_HTTP_READ_TIMEOUT", 20.0),
        host_min_interval=_number(env, "NEWSWORKER_HOST_INTERVAL", 1.0, 0),
        stable_seconds=_number(env, "NEWSWORKER_STABLE_SECONDS", 1.0, 0),
        settle_seconds=_number(env, "NEWSWORKER_SETTLE_SECONDS", 0.1, 0),
        watch_polling=_flag(env.get("NEWSWORKER_WATCH_POLLING")),
        neardup_threshold=_number(env, "NEWSWORKER_NEARDUP_THRESHOLD", 0, 0, 1) if threshold else None,
        neardup_window=_window(env, "NEWSWORKER_NEARDUP_WINDOW", DEFAULT_NEARDUP_WINDOW),
        neardup_per_key=_whole(env, "NEWSWORKER_NEARDUP_PER_KEY", DEFAULT_NEARDUP_PER_KEY, 1),
        feed_default_every=_seconds(env, "NEWSWORKER_FEED_EVERY", 900.0),
        feed_max_backoff=_seconds(env, "NEWSWORKER_FEED_MAX_BACKOFF", 6 * 3600.0),
        max_feeds_per_list=_whole(env, "NEWSWORKER_MAX_FEEDS_PER_LIST", 2000, 0),
        beat_interval=_seconds(env, "NEWSWORKER_BEAT_INTERVAL", 10.0),
        visibility_timeout=_seconds(env, "NEWSWORKER_VISIBILITY_TIMEOUT", 3600.0),
        resend_after=_seconds(env, "NEWSWORKER_RESEND_AFTER", 600.0),
        rescan_seconds=_seconds(env, "NEWSWORKER_RESCAN_SECONDS", 30.0),
        log_format=(env.get("NEWSWORKER_LOG_FORMAT") or "text").lower(),
        log_level=_log_level(env),
        flower_port=_whole(env, "FLOWER_PORT", 5555, 0, 65535),
        flower_basic_auth=env.get("FLOWER_BASIC_AUTH") or None,
        flower_address=env.get("FLOWER_ADDRESS") or None,
        task_soft_time_limit=_seconds(env, "NEWSWORKER_TASK_SOFT_TIME_LIMIT", 300.0),
        task_time_limit=_seconds(env, "NEWSWORKER_TASK_TIME_LIMIT", 360.0),
        tagger_factory=env.get("NEWSWORKER_TAGGER") or None,
        heartbeat_seconds=_seconds(env, "NEWSWORKER_HEARTBEAT_SECONDS", 5.0),
        metrics_port=_whole(env, "NEWSWORKER_METRICS_PORT", 9808, 0, 65535),
        metrics_address=env.get("NEWSWORKER_METRICS_ADDRESS") or None,
        api_token=_api_token(env),
        up_api_token=_read_private_line(home / UP_API_TOKEN_FILE),
        api_host=(env.get("NEWSWORKER_API_HOST") or "127.0.0.1").strip(),
        api_port=_whole(env, "NEWSWORKER_API_PORT", 8808, 0, 65535),
        hook_first_retry=_seconds(env, "NEWSWORKER_HOOK_FIRST_RETRY", 10.0),
        hook_max_backoff=_seconds(env, "NEWSWORKER_HOOK_MAX_BACKOFF", 3600.0),
        hook_max_failures=_whole(env, "NEWSWORKER_HOOK_MAX_FAILURES", 15, 1),
        hook_timeout=_seconds(env, "NEWSWORKER_HOOK_TIMEOUT", 15.0),
    )


API_TOKEN_MIN_LENGTH = 16


def _api_token(env: Mapping[str, str]) -> str | None:
    """NEWSWORKER_API_TOKEN, refused when short enough to guess."""
    token = (env.get("NEWSWORKER_API_TOKEN") or "").strip()
    if not token:
        return None
    if len(token) < API_TOKEN_MIN_LENGTH or not token.isprintable() or " " in token:
        raise ConfigError(
            f"NEWSWORKER_API_TOKEN must be at least {API_TOKEN_MIN_LENGTH} printable characters with no spaces "
            "(`python -c 'import secrets; print(secrets.token_urlsafe(32))'` makes one)"
        )
    return token


UP_REDIS_URL_FILE = Path("redis") / "redis-url"
UP_API_TOKEN_FILE = Path("api-token")


def _read_up_redis_url(home: Path) -> str | None:
    """The URL `newsworker up` wrote for its private Redis (mode 0600: it holds the password), if any."""
    return _read_private_line(home / UP_REDIS_URL_FILE)


def _read_private_line(path: Path) -> str | None:
    """The first line of a file `newsworker up` keeps under HOME, if it exists and can be read."""
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def redact_url(url: str) -> str:
    """The URL with any password replaced by `***`, for logs and status output."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    netloc = f"{user}:***@{host}{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
