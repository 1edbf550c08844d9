"""Shared fixtures: a fresh database per test, on SQLite and (with TEST_DATABASE_URL) PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def _backends() -> list[str]:
    backends = ["sqlite"]
    if os.environ.get("TEST_DATABASE_URL"):
        backends.append("postgresql")
    return backends


def postgres_schema_url(base_url: str, schema: str) -> str:
    """The URL with every connection's search_path set to the schema (a private namespace per test)."""
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=_backends())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file in tmp_path, or a fresh schema in TEST_DATABASE_URL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    base = os.environ["TEST_DATABASE_URL"]
    if base.startswith("postgresql://"):
        base = "postgresql+psycopg://" + base[len("postgresql://") :]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield postgres_schema_url(base, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def settings_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    """Environment for a newsworker process on the test database, with its own home and inbox."""
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "NEWSWORKER_HOME": str(tmp_path / "home"),
            "NEWSWORKER_INBOX": str(tmp_path / "inbox"),
        }
    )
    env.pop("REDIS_URL", None)
    return env


@pytest.fixture
def settings(settings_env: dict[str, str]):  # type: ignore[no-untyped-def]
    from worker.config import load_settings

    return load_settings(settings_env)


@pytest.fixture
def database(settings):  # type: ignore[no-untyped-def]
    from worker.store.db import Database

    db = Database(settings.database_url)
    yield db
    db.dispose()


@pytest.fixture
def ingestor(settings, database):  # type: ignore[no-untyped-def]
    from worker.ingest import Ingestor

    return Ingestor(settings, database)
