"""`newsworker status`: counts from the database and the broker, cheap enough to run every second."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from worker.config import Settings, redact_url
from worker.store.db import Database
from worker.store.models import Article, Feed, IngestTask, InputError, Rejection, Sighting

QUEUE_NAMES = ("celery",)


def collect_status(settings: Settings, database: Database) -> dict[str, Any]:
    """Articles, duplicates, rejections, task states and broker queue depth, as plain values."""
    with database.session() as session:
        articles = session.scalar(select(func.count()).select_from(Article)) or 0
        near = session.scalar(select(func.count()).where(Article.near_duplicate_of.is_not(None))) or 0
        sightings = session.scalar(select(func.count()).select_from(Sighting)) or 0
        rejections = session.scalar(select(func.count()).select_from(Rejection)) or 0
        errors = session.scalar(select(func.count()).select_from(InputError)) or 0
        feeds = session.scalar(select(func.count()).select_from(Feed)) or 0
        states = dict(session.execute(select(IngestTask.state, func.count()).group_by(IngestTask.state)).all())
        outcomes = dict(
            session.execute(
                select(IngestTask.outcome, func.count())
                .where(IngestTask.outcome.is_not(None))
                .group_by(IngestTask.outcome)
            ).all()
        )
    return {
        "articles": articles,
        "near_duplicates": near,
        # Every sighting beyond an article's first is a duplicate that was not stored again.
        "duplicates": max(sightings - articles, 0),
        "rejections": rejections,
        "errors": errors,  # inputs that hit an internal error, kept for `newsworker retry`
        "feeds": feeds,
        "tasks": {
            "queued": states.get("queued", 0),
            "running": states.get("started", 0) + states.get("retrying", 0),
            "finished": states.get("finished", 0),
            "failed": states.get("failed", 0),
            "resent": states.get("resent", 0),
        },
        "task_outcomes": outcomes,
        "broker": broker_status(settings),
        "database": redact_url(settings.database_url),
    }


def broker_status(settings: Settings) -> dict[str, Any]:
    """Queue depth from Redis, or why it could not be read."""
    import redis

    url = settings.broker_url
    client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        depth = sum(int(client.llen(name)) for name in QUEUE_NAMES)  # type: ignore[arg-type]
    except redis.RedisError as error:
        return {
            "url": redact_url(url),
            "reachable": False,
            "queue_depth": None,
            "error": str(error)[:200],
        }
    finally:
        client.close()
    return {"url": redact_url(url), "reachable": True, "queue_depth": depth}
