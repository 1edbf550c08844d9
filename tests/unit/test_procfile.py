"""The Procfile runs the six processes of the runtime with commands that exist here."""

from __future__ import annotations

import shlex
import shutil

from tests.conftest import REPO


def procfile_entries() -> dict[str, str]:
    entries: dict[str, str] = {}
    for line in (REPO / "Procfile").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, command = line.partition(":")
            entries[name.strip()] = command.strip()
    return entries


def test_procfile_has_the_six_processes() -> None:
    assert set(procfile_entries()) == {"worker", "beat", "watcher", "flower", "metrics", "api"}


def test_each_command_resolves() -> None:
    for name, command in procfile_entries().items():
        program = shlex.split(command)[0]
        assert program in ("newsworker", "celery"), f"{name}: {command}"
        assert shutil.which(program), f"{name}: {program} is not on PATH (pip install -e .)"


def test_each_command_is_a_newsworker_command() -> None:
    from click.testing import CliRunner

    from worker.cli import cli

    for name, command in procfile_entries().items():
        words = shlex.split(command)
        if words[0] != "newsworker":
            continue
        # `--help` of the named subcommand proves it exists without starting anything.
        result = CliRunner().invoke(cli, [words[1], "--help"], obj={})
        assert result.exit_code == 0, f"{name}: {result.output}"
