"""Move a test database's schema to an Alembic revision, as the tests of one migration need (the worker itself
only ever upgrades, in worker/store/db.py)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from worker.store.db import MIGRATIONS_DIR


def migrate(engine: Engine, target: str, *, down: bool = False) -> None:
    """Upgrade (or with down=True downgrade) the database to `target`, in one committed connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, target)
        connection.commit()
