"""The pieces of `newsworker up` and `newsworker flower` that need no broker: seeds, backoff, stopping, config."""

from __future__ import annotations

import io
import logging
import re
import stat
import sys
import time
from pathlib import Path

import psutil
import pytest

from worker.config import load_settings
from worker.flower import FlowerAuthError, check_basic_auth, flower_environment
from worker.supervisor import (
    ChildSpec,
    PrivateRedis,
    Supervisor,
    copy_seeds_once,
    find_seeds_folder,
    flower_credentials,
)


@pytest.fixture
def up_settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    return load_settings({"NEWSWORKER_HOME": str(tmp_path / "home")})


def test_seeds_are_copied_once_on_an_empty_database(up_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("A")
    (seeds / ".hidden").write_text("skip me")
    up_settings.home.mkdir(parents=True)

    assert copy_seeds_once(up_settings, 5, seeds) == []  # a database with articles gets no seeds
    assert not (up_settings.home / "seeds-copied").exists()

    copied = copy_seeds_once(up_settings, 0, seeds)
    assert copied == [up_settings.inbox / "a.txt"]
    assert sorted(p.name for p in up_settings.inbox.iterdir()) == ["a.txt"]
    (up_settings.inbox / "a.txt").unlink()  # the user deletes it: it must not come back
    assert copy_seeds_once(up_settings, 0, seeds) == []
    assert not (up_settings.inbox / "a.txt").exists()


def test_the_repository_seeds_are_found() -> None:
    folder = find_seeds_folder()
    assert folder is not None and any(folder.glob("*.txt"))


def python_child(name: str, code: str) -> ChildSpec:
    return ChildSpec(name, [sys.executable, "-c", code], {"PATH": "/usr/bin:/bin"})


def test_a_dead_child_is_restarted_with_doubling_backoff(caplog: pytest.LogCaptureFixture) -> None:
    now = [1000.0]
    supervisor = Supervisor(
        [python_child("crasher", "raise SystemExit(3)")], output=io.StringIO(), clock=lambda: now[0]
    )
    supervisor.start_all()
    child = supervisor.child("crasher")
    delays = []
    with caplog.at_level(logging.INFO, logger="worker.supervisor"):
        for _ in range(7):
            assert child.process is not None
            child.process.wait(10)
            supervisor.check()
            assert child.restart_at is not None
            delays.append(child.restart_at - now[0])
            now[0] = child.restart_at
            supervisor.check()  # the backoff has passed: started again
            assert child.restart_at is None
    assert delays == [1, 2, 4, 8, 16, 30, 30]
    assert "crasher (pid" in caplog.text and "exited with code 3; restarting in 1s" in caplog.text
    assert len(child.pids_seen) == 8
    supervisor.stop_all()


def test_backoff_starts_over_after_a_long_run() -> None:
    now = [0.0]
    supervisor = Supervisor(
        [python_child("crasher", "raise SystemExit(1)")], output=io.StringIO(), clock=lambda: now[0]
    )
    supervisor.start_all()
    child = supervisor.child("crasher")
    child.failures = 5
    now[0] = 100.0  # it had been up 100 s before dying
    assert child.process is not None
    child.process.wait(10)
    supervisor.check()
    assert child.restart_at == 101.0
    supervisor.stop_all()


def test_stop_all_terminates_kills_stragglers_and_their_children(tmp_path: Path) -> None:
    output = io.StringIO()
    specs = [
        python_child("polite", "import time; time.sleep(60)"),
        python_child(
            "stubborn",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(60)",
        ),
        # A process that leaves a grandchild in its group when it exits (like a worker's pool).
        ChildSpec("parent", ["/bin/sh", "-c", "sleep 60 & echo grandchild $!; wait"], {"PATH": "/usr/bin:/bin"}),
    ]
    supervisor = Supervisor(specs, output=output, stop_timeout=1.0, pid_file=tmp_path / "pids.json")
    supervisor.start_all()
    deadline = time.monotonic() + 10
    while not ("grandchild" in output.getvalue() and "ready" in output.getvalue()) and time.monotonic() < deadline:
        time.sleep(0.05)
    match = re.search(r"parent  \| grandchild (\d+)", output.getvalue())
    assert match, output.getvalue()
    grandchild = int(match.group(1))
    pids = [child.pid for child in supervisor.children]
    assert (tmp_path / "pids.json").exists()

    started = time.monotonic()
    supervisor.stop_all()
    assert time.monotonic() - started < 8
    for pid in [*pids, grandchild]:
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE, pid
    assert not (tmp_path / "pids.json").exists()


def test_private_redis_config_is_private(tmp_path: Path) -> None:
    redis = PrivateRedis(tmp_path / "redis", 6399, "pw")
    config = redis.write_config()
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    text = config.read_text()
    assert "bind 127.0.0.1" in text and "appendonly yes" in text and 'requirepass "pw"' in text
    assert redis.url == "redis://:pw@127.0.0.1:6399/0"
    assert stat.S_IMODE((tmp_path / "redis" / "redis-url").stat().st_mode) == 0o600


def test_flower_credentials_are_generated_once_and_env_wins(tmp_path: Path) -> None:
    settings = load_settings({"NEWSWORKER_HOME": str(tmp_path)})
    generated, was_generated = flower_credentials(settings)
    assert was_generated and generated.startswith("admin:") and len(generated) > 20
    assert flower_credentials(settings) == (generated, True)  # kept in NEWSWORKER_HOME, reused
    assert stat.S_IMODE((tmp_path / "flower-credentials").stat().st_mode) == 0o600
    mine = load_settings({"NEWSWORKER_HOME": str(tmp_path), "FLOWER_BASIC_AUTH": "me:pw"})
    assert flower_credentials(mine) == ("me:pw", False)


def test_api_token_is_generated_once_kept_private_and_env_wins(tmp_path: Path) -> None:
    from worker.supervisor import api_token

    settings = load_settings({"NEWSWORKER_HOME": str(tmp_path)})
    assert settings.bearer_token is None
    generated, was_generated = api_token(settings)
    assert was_generated and len(generated) >= 40
    assert stat.S_IMODE((tmp_path / "api-token").stat().st_mode) == 0o600
    again = load_settings({"NEWSWORKER_HOME": str(tmp_path)})
    assert api_token(again) == (generated, True)  # kept in NEWSWORKER_HOME, reused
    assert again.bearer_token == generated  # what `newsworker api` on this machine uses
    mine = load_settings({"NEWSWORKER_HOME": str(tmp_path), "NEWSWORKER_API_TOKEN": "a-token-of-my-own-choosing"})
    assert api_token(mine) == ("a-token-of-my-own-choosing", False)
    assert mine.bearer_token == "a-token-of-my-own-choosing"


@pytest.mark.parametrize("value", [None, "", "  ", "admin", "admin:", ":pw", "a:b,c"])
def test_unusable_flower_credentials_are_refused(value: str | None) -> None:
    with pytest.raises(FlowerAuthError):
        check_basic_auth(value)


def test_usable_flower_credentials() -> None:
    assert check_basic_auth("a:b") == ["a:b"]
    assert check_basic_auth("a:b:c,d:e") == ["a:b:c", "d:e"]


def test_flower_environment_keeps_state_in_home_unless_told_otherwise(tmp_path: Path) -> None:
    settings = load_settings({"NEWSWORKER_HOME": str(tmp_path)})
    env = flower_environment(settings, {"FLOWER_BASIC_AUTH": "a:b"})
    assert env["FLOWER_PERSISTENT"] == "True" and env["FLOWER_DB"] == str(tmp_path / "flower.db")
    assert env["FLOWER_BASIC_AUTH"] == "a:b"
    assert flower_environment(settings, {"FLOWER_DB": "/elsewhere"})["FLOWER_DB"] == "/elsewhere"


def test_a_busy_flower_port_is_refused_before_anything_starts() -> None:
    import socket

    from worker.supervisor import StartupError, check_port_free

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(StartupError, match="set FLOWER_PORT"):
            check_port_free(busy.getsockname()[1], "127.0.0.1")


def test_a_second_up_on_the_same_home_is_refused(tmp_path: Path) -> None:
    from worker.supervisor import StartupError, single_instance

    with single_instance(tmp_path):
        with pytest.raises(StartupError, match="another `newsworker up`"):
            with single_instance(tmp_path):
                pass
    with single_instance(tmp_path):  # released at exit
        pass


def test_children_share_redis_database_home_and_inbox(tmp_path: Path) -> None:
    from worker.supervisor import build_specs

    settings = load_settings({"NEWSWORKER_HOME": str(tmp_path), "FLOWER_PORT": "5999"})
    specs = build_specs(
        settings,
        {"FLOWER_BASIC_AUTH": "leak:me", "NEWSWORKER_API_TOKEN": "leak-me-too", "PATH": "/bin"},
        "redis://:pw@127.0.0.1:1/0",
        "a:b",
        3,
        api_token="the-api-token-of-up",
    )
    assert [spec.name for spec in specs] == ["worker", "beat", "watcher", "flower", "metrics", "api"]
    for spec in specs:
        assert spec.env["REDIS_URL"] == "redis://:pw@127.0.0.1:1/0"
        assert spec.env["NEWSWORKER_HOME"] == str(tmp_path) and spec.env["NEWSWORKER_INBOX"] == str(tmp_path / "inbox")
        assert spec.env["DATABASE_URL"] == settings.database_url
        assert spec.env.get("FLOWER_BASIC_AUTH") == ("a:b" if spec.name == "flower" else None)
        assert spec.env.get("NEWSWORKER_API_TOKEN") == ("the-api-token-of-up" if spec.name == "api" else None)
    assert specs[0].argv[-4:-2] == ["--concurrency", "3"]
    flower = specs[3].env
    assert flower["FLOWER_PORT"] == "5999" and flower["FLOWER_ADDRESS"] == "127.0.0.1"
    metrics = specs[4].env  # served on this machine only under `up`
    assert metrics["NEWSWORKER_METRICS_PORT"] == "9808" and metrics["NEWSWORKER_METRICS_ADDRESS"] == "127.0.0.1"
    api = specs[5]
    assert api.argv[-1] == "api" and api.env["NEWSWORKER_API_HOST"] == "127.0.0.1"
    assert api.env["NEWSWORKER_API_PORT"] == "8808"
