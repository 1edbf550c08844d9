"""Run `newsworker` commands in-process (click's CliRunner) against the settings in an environment dict."""

from __future__ import annotations

from click.testing import CliRunner, Result

from worker.cli import cli


def invoke(env: dict[str, str], *args: str) -> Result:
    """The command's result, whatever its exit code (exceptions propagate, so a crash reads as one)."""
    return CliRunner().invoke(cli, list(args), env=env, obj={}, catch_exceptions=False)


def run(env: dict[str, str], *args: str) -> str:
    """The command's output; fails the test when it exits non-zero."""
    result = invoke(env, *args)
    assert result.exit_code == 0, result.output
    return result.output
