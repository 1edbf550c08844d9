"""Flower, the web monitor of Celery tasks: basic auth required, task history kept across restarts.

Flower is configured through its own environment variables (`FLOWER_BASIC_AUTH=user:password`,
`FLOWER_PORT`, any other `FLOWER_<OPTION>`), so the CLI, the Procfile and docker-compose behave alike.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from worker.config import Settings


class FlowerAuthError(Exception):
    """Flower was asked to start without usable credentials; the message says what to set."""


def check_basic_auth(value: str | None) -> list[str]:
    """The `user:password` pairs in FLOWER_BASIC_AUTH (comma-separated); FlowerAuthError when unusable."""
    if not value or not value.strip():
        raise FlowerAuthError(
            "Flower needs credentials: set FLOWER_BASIC_AUTH=user:password "
            "(or pass --insecure-no-auth to expose task arguments and results to anyone who can reach the port)."
        )
    pairs = [pair.strip() for pair in value.split(",")]
    for pair in pairs:
        user, colon, password = pair.partition(":")
        if not colon or not user or not password:
            raise FlowerAuthError("FLOWER_BASIC_AUTH must be user:password (several pairs separated by commas).")
    return pairs


def flower_state_path(settings: Settings) -> Path:
    """Where Flower keeps its task history (a shelve file) between restarts."""
    return settings.home / "flower.db"


def flower_environment(settings: Settings, base: Mapping[str, str]) -> dict[str, str]:
    """`base` plus Flower's persistence options, unless the caller set them already (FLOWER_* wins)."""
    env = dict(base)
    env.setdefault("FLOWER_PERSISTENT", "True")
    env.setdefault("FLOWER_DB", str(flower_state_path(settings)))
    # Flower saves its state at exit; save every minute too so a crash loses at most a minute of history.
    env.setdefault("FLOWER_STATE_SAVE_INTERVAL", "60000")
    return env


def flower_argv(extra: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The command that runs Flower against the newsworker Celery app (same broker as the workers)."""
    return [sys.executable, "-m", "celery", "-A", "worker.flower_app", "flower", *extra]


def exec_flower(settings: Settings, *, require_auth: bool = True, extra: tuple[str, ...] = ()) -> None:
    """Replace this process with Flower, so signals reach Flower itself. Never returns.

    Raises FlowerAuthError (before anything starts) when auth is required and FLOWER_BASIC_AUTH is unusable.
    """
    if require_auth:
        check_basic_auth(settings.flower_basic_auth)
    settings.home.mkdir(parents=True, exist_ok=True)
    argv = flower_argv(extra)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(argv[0], argv, flower_environment(settings, os.environ))
