"""Settings from the environment: defaults, durations, and finding `up`'s private Redis."""

from __future__ import annotations

from pathlib import Path

import pytest

from worker.config import load_settings, parse_duration, redact_url


def test_defaults_live_under_the_home(tmp_path: Path) -> None:
    settings = load_settings({"NEWSWORKER_HOME": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'newsworker.db'}"
    assert settings.inbox == tmp_path / "inbox"
    assert settings.broker_url == "redis://127.0.0.1:6379/0"


def test_the_private_redis_of_up_is_found_through_the_home(tmp_path: Path) -> None:
    (tmp_path / "redis").mkdir()
    (tmp_path / "redis" / "redis-url").write_text("redis://:secret@127.0.0.1:41234/0\n")
    settings = load_settings({"NEWSWORKER_HOME": str(tmp_path)})
    assert settings.redis_url is None  # so `up` still starts its own
    assert settings.broker_url == "redis://:secret@127.0.0.1:41234/0"
    explicit = load_settings({"NEWSWORKER_HOME": str(tmp_path), "REDIS_URL": "redis://elsewhere:6379/1"})
    assert explicit.broker_url == "redis://elsewhere:6379/1"


@pytest.mark.parametrize(("text", "seconds"), [("30", 30), ("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400)])
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["0", "-5m", "soon", ""])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_passwords_are_redacted() -> None:
    assert redact_url("redis://:hunter2@host:6379/0") == "redis://:***@host:6379/0"
    assert redact_url("postgresql://user:pw@db/news") == "postgresql://user:***@db/news"
    assert redact_url("redis://host:6379/0") == "redis://host:6379/0"
