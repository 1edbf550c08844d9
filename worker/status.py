"""`newsworker status`: counts from the database and the broker, the workers and the queues they take, and a
warning when tasks wait on a queue no worker takes (file tasks whose inbox no worker can see)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from worker.config import Settings, redact_url
from worker.queues import INBOX_QUEUE_PREFIX, SHARED_QUEUE, is_inbox_queue
from worker.states import HookState, TaskState
from worker.store.db import Database
from worker.store.events import last_sequence
from worker.store.models import Article, Feed, Hook, IngestTask, InputError, Rejection, Sighting

# Workers answer a broadcast within milliseconds when idle; one busy in a long task still answers (the
# consumer's loop is not the pool). Beyond this they are reported as not answering.
WORKER_REPLY_SECONDS = 1.0


def collect_status(
    settings: Settings, database: Database, worker_timeout: float = WORKER_REPLY_SECONDS
) -> dict[str, Any]:
    """Articles, duplicates, rejections, task states, queue depths, workers and warnings, as plain values."""
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
        hooks = session.execute(select(Hook.id, Hook.state, Hook.cursor).order_by(Hook.id)).all()
        last_seq = last_sequence(session)
    queues = queue_status(settings, worker_timeout)
    paused = [hook_id for hook_id, state, _cursor in hooks if state == HookState.PAUSED]
    # A paused hook loses nothing, but nothing reaches its receiver either until someone resumes it.
    queues["warnings"] += [
        f"hook #{hook_id} is paused after failing (newsworker hooks list says why); its events wait for "
        f"`newsworker hooks resume {hook_id}`"
        for hook_id in paused
    ]
    return {
        "articles": articles,
        "near_duplicates": near,
        # Every sighting beyond an article's first is a duplicate that was not stored again.
        "duplicates": max(sightings - articles, 0),
        "rejections": rejections,
        "errors": errors,  # inputs that hit an internal error, kept for `newsworker retry`
        "feeds": feeds,
        "tasks": {
            "queued": states.get(TaskState.QUEUED, 0),
            "running": states.get(TaskState.STARTED, 0) + states.get(TaskState.RETRYING, 0),
            "finished": states.get(TaskState.FINISHED, 0),
            "failed": states.get(TaskState.FAILED, 0),
            "resent": states.get(TaskState.RESENT, 0),
        },
        "task_outcomes": outcomes,
        # Where a change-feed consumer is (`events --after SEQ`) can be compared with this.
        "last_event_seq": last_seq,
        # The slowest hook's distance from the feed's end, in events (filtered-out ones included).
        "hooks": {
            "active": len(hooks) - len(paused),
            "paused": len(paused),
            "most_behind": max((max(0, last_seq - cursor) for _id, _state, cursor in hooks), default=0),
        },
        **queues,
        "database": redact_url(settings.database_url),
    }


def queue_status(settings: Settings, worker_timeout: float) -> dict[str, Any]:
    """The broker's queues, the workers with the queues each takes, and warnings for queues nobody takes."""
    broker = broker_status(settings)
    workers = worker_queues(settings, worker_timeout) if broker["reachable"] else None
    return {"broker": broker, "workers": workers, "warnings": queue_warnings(broker.get("queues") or {}, workers)}


def broker_status(settings: Settings) -> dict[str, Any]:
    """Depth of the shared queue and of every inbox queue in Redis (each a list), or why it could not be read."""
    import redis

    url = settings.broker_url
    client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        names = [SHARED_QUEUE] + sorted(
            key.decode() for key in client.scan_iter(match=f"{INBOX_QUEUE_PREFIX}*", count=1000, _type="list")
        )
        queues = {name: int(client.llen(name)) for name in names}  # type: ignore[arg-type]
    except redis.RedisError as error:
        return {
            "url": redact_url(url),
            "reachable": False,
            "queue_depth": None,
            "queues": None,
            "error": str(error)[:200],
        }
    finally:
        client.close()
    return {"url": redact_url(url), "reachable": True, "queue_depth": sum(queues.values()), "queues": queues}


def worker_queues(settings: Settings, timeout: float) -> dict[str, list[str]]:
    """{worker name: the queues it takes}, from the workers that answer within `timeout` seconds."""
    from worker.celery_app import make_celery

    app = make_celery(settings)
    try:
        replies = app.control.inspect(timeout=timeout).active_queues() or {}
    except Exception:  # noqa: BLE001 - the broker went away between the two looks: no worker answered
        replies = {}
    finally:
        app.close()
    return {name: sorted(queue["name"] for queue in queues) for name, queues in sorted(replies.items())}


def queue_warnings(queues: dict[str, int], workers: dict[str, list[str]] | None) -> list[str]:
    """A sentence for each queue with tasks waiting that no answering worker takes."""
    if workers is None:
        return []
    taken = {queue for names in workers.values() for queue in names}
    warnings = []
    for name, depth in queues.items():
        if depth == 0 or name in taken:
            continue
        if is_inbox_queue(name):
            warnings.append(
                f"{depth} file tasks wait in {name} and no worker takes them: run a worker where the watcher's "
                "inbox is visible (on its host, or with the inbox mounted at NEWSWORKER_INBOX)"
            )
        else:
            warnings.append(f"{depth} tasks wait in {name} and no worker takes them: start a worker")
    return warnings
