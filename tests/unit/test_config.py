"""Settings from the environment: defaults, durations, and finding `up`'s private Redis."""

from __future__ import annotations

from pathlib import Path

import pytest

from worker.config import ConfigError, load_settings, parse_duration, redact_url


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


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSWORKER_FEED_EVERY", "abc"),
        ("NEWSWORKER_BEAT_INTERVAL", "-1"),
        ("NEWSWORKER_MAX_FILE_BYTES", "-5"),
        ("NEWSWORKER_MAX_FILE_BYTES", "1.5"),
        ("NEWSWORKER_MAX_FILE_BYTES", "1e400"),
        ("NEWSWORKER_STABLE_SECONDS", "soon"),
        ("NEWSWORKER_NEARDUP_THRESHOLD", "2"),
        ("NEWSWORKER_NEARDUP_THRESHOLD", "nan"),
        ("NEWSWORKER_NEARDUP_WINDOW", "a week"),
        ("NEWSWORKER_NEARDUP_WINDOW", "-1d"),
        ("NEWSWORKER_NEARDUP_PER_KEY", "0"),
        ("NEWSWORKER_NEARDUP_PER_KEY", "2.5"),
        ("FLOWER_PORT", "99999"),
        ("NEWSWORKER_METRICS_PORT", "http"),
        ("NEWSWORKER_LOG_LEVEL", "LOUD"),
        ("NEWSWORKER_API_PORT", "65536"),
        ("NEWSWORKER_API_TOKEN", "short"),
        ("NEWSWORKER_API_TOKEN", "a token with spaces in it"),
    ],
)
def test_a_bad_value_is_refused_naming_its_variable(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_settings({"NEWSWORKER_HOME": str(tmp_path), name: value})


def test_good_values_are_read(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "NEWSWORKER_HOME": str(tmp_path),
            "NEWSWORKER_FEED_EVERY": "30m",
            "NEWSWORKER_MAX_FILE_BYTES": "1000",
            "NEWSWORKER_STABLE_SECONDS": "0",
            "NEWSWORKER_NEARDUP_THRESHOLD": "0.5",
            "FLOWER_PORT": "0",
            "NEWSWORKER_LOG_LEVEL": "warning",
        }
    )
    assert (settings.feed_default_every, settings.max_file_bytes, settings.stable_seconds) == (1800, 1000, 0)
    assert (settings.neardup_threshold, settings.flower_port, settings.log_level) == (0.5, 0, "WARNING")


def test_near_duplicate_bounds_default_to_the_pipeline_defaults_and_can_be_lifted(tmp_path: Path) -> None:
    from worker.pipeline.neardup import CandidateBounds

    default = load_settings({"NEWSWORKER_HOME": str(tmp_path)})
    assert (default.neardup_window, default.neardup_per_key) == (
        CandidateBounds().window_seconds,
        CandidateBounds().per_key,
    )
    for off in ("0", "off", "none"):
        assert (
            load_settings({"NEWSWORKER_HOME": str(tmp_path), "NEWSWORKER_NEARDUP_WINDOW": off}).neardup_window is None
        )
    chosen = load_settings(
        {"NEWSWORKER_HOME": str(tmp_path), "NEWSWORKER_NEARDUP_WINDOW": "2d", "NEWSWORKER_NEARDUP_PER_KEY": "100"}
    )
    assert (chosen.neardup_window, chosen.neardup_per_key) == (2 * 86400, 100)


def test_the_cli_reports_a_bad_value_without_a_traceback(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from worker.cli import cli

    env = {"NEWSWORKER_HOME": str(tmp_path), "NEWSWORKER_FEED_EVERY": "abc"}
    result = CliRunner().invoke(cli, ["articles"], obj={}, env=env)
    assert result.exit_code == 1
    assert "Error: NEWSWORKER_FEED_EVERY='abc' is not a duration" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, ConfigError)
