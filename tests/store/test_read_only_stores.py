"""The command line on a read-only home, an immutable database and a full disk: one `Error:` line, never a
traceback, and reading still works where it can (issue 10 §1b). SQLite only; needs root to mount."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.bad_inputs import good_article
from tests.conftest import SEEDS
from worker.cli import cli


def invoke(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, obj={})


def assert_one_line_error(result: Result, words: str) -> None:
    assert result.exit_code == 1, (result.output, result.exception)
    assert result.output.startswith("Error: ") and words in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


@contextmanager
def mounted(target: Path, *arguments: str) -> Iterator[Path]:
    target.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None or shutil.which("umount") is None:
        pytest.skip("no mount command here")
    done = subprocess.run(["mount", *arguments, str(target)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.decode().strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "--lazy", str(target)], check=True)  # lazy: the CLI's engines may hold files


def sqlite_env(tmp_path: Path, home: Path) -> dict[str, str]:
    import os

    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    env.update({"NEWSWORKER_HOME": str(home), "NEWSWORKER_INBOX": str(tmp_path / "inbox")})
    return env


def test_read_commands_work_on_a_read_only_home(tmp_path: Path) -> None:
    """`articles` and `rejects` opened the migration lock for writing and raised on a read-only filesystem."""
    import sys

    home = tmp_path / "home"
    # In a process of its own, so that its database is closed (checkpointed) before the home turns read-only.
    subprocess.run(
        [sys.executable, "-m", "worker.cli", "ingest", str(SEEDS)], env=sqlite_env(tmp_path, home), check=True
    )
    with mounted(tmp_path / "read-only", "--bind", str(home)) as view:
        remount = subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], capture_output=True)
        assert remount.returncode == 0, remount.stderr
        env = sqlite_env(tmp_path, view)
        listing = invoke(env, "articles")
        assert listing.exit_code == 0, (listing.output, listing.exception)
        assert "The Moscow-Tehran Axis of Evil" in listing.output
        assert invoke(env, "rejects").exit_code == 0
        assert_one_line_error(invoke(env, "ingest", str(SEEDS)), "readonly database")


def test_ingest_into_an_immutable_database_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = sqlite_env(tmp_path, home)
    assert invoke(env, "articles").exit_code == 0  # creates and migrates the database
    database = home / "newsworker.db"
    if (
        shutil.which("chattr") is None
        or subprocess.run(["chattr", "+i", str(database)], capture_output=True).returncode
    ):
        pytest.skip("chattr +i is not permitted here")
    try:
        assert_one_line_error(invoke(env, "ingest", str(SEEDS)), "readonly database")
        assert invoke(env, "articles").exit_code == 0
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)


def test_ingest_onto_a_full_disk_is_one_line(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    for n in range(60):
        (drop / f"story-{n:02}.txt").write_bytes(good_article(f"Story {n}") * 8)
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=400k", "tmpfs") as home:
        result = invoke(sqlite_env(tmp_path, home), "ingest", str(drop))
        assert result.exit_code == 1, result.output
        assert result.output.startswith("Error: ") and "full" in result.output, result.output
        assert "Traceback" not in result.output
