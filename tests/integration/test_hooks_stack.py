"""Webhooks through the real stack: redis-server, a `celery worker`, beat's tick, the watcher, and a real receiver
on 127.0.0.1 that verifies every signature with its own verifier (tests/support/webhook_receiver.py).

Files dropped into the inbox become events (worker/store/events.py); every event must reach each hook, in
sequence order, signed, also across a receiver outage; a hook that keeps failing is paused and resumed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import create_engine, select

from tests.bad_inputs import good_article
from tests.conftest import REPO
from tests.integration import stack
from tests.support.webhook_receiver import Delivery, WebhookReceiver
from worker.store.events import event_id
from worker.store.models import Event

pytestmark = pytest.mark.integration

# Fast enough for a test: beat's tick every second, a failed delivery retried after 1 s, 2 s at most.
FAST = {
    "NEWSWORKER_ALLOW_PRIVATE_NETWORKS": "1",
    "NEWSWORKER_BEAT_INTERVAL": "1",
    "NEWSWORKER_HOOK_FIRST_RETRY": "1",
    "NEWSWORKER_HOOK_MAX_BACKOFF": "2",
}


@pytest.fixture
def start_stack(env: dict[str, str], tmp_path: Path) -> Iterator[Callable[..., dict[str, str]]]:
    procs: list[stack.Proc] = []

    def start(workers: int = 1, **extra: str) -> dict[str, str]:
        stack_env = {**env, **FAST, **extra}
        Path(stack_env["NEWSWORKER_HOME"]).mkdir(parents=True, exist_ok=True)  # beat keeps its schedule there
        started = [
            stack.celery_worker(stack_env, tmp_path / "logs", concurrency=2, name=f"w{number}").start()
            for number in range(1, workers + 1)
        ]
        procs.extend(started)
        procs.append(stack.celery_beat(stack_env, tmp_path / "logs", Path(stack_env["NEWSWORKER_HOME"])).start())
        procs.append(stack.watcher(stack_env, tmp_path / "logs").start())
        for worker in started:
            stack.wait_for(lambda worker=worker: stack.worker_ready(worker), 90, what=f"celery worker {worker.name}")
        stack.wait_for(Path(stack_env["NEWSWORKER_INBOX"]).exists, 30, what="the inbox to be created")
        return stack_env

    yield start
    for proc in procs:
        proc.stop()


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worker.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


def cli_json(env: dict[str, str], *args: str) -> Any:
    done = cli(env, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def add_hook(env: dict[str, str], receiver: WebhookReceiver, path: str, *extra: str) -> int:
    """`hooks add` as a person types it; the generated secret (printed once) is what the receiver verifies with."""
    added = cli_json(env, "hooks", "add", receiver.url(path), *extra)
    receiver.secrets[path] = added["secret"]
    return int(added["id"])


def hook_row(env: dict[str, str], hook_id: int) -> dict[str, Any]:
    return next(row for row in cli_json(env, "hooks", "list") if row["id"] == hook_id)


def events(env: dict[str, str]) -> list[tuple[str, int, str]]:
    """(id, seq, kind) of every committed event, in seq order."""
    engine = create_engine(env["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(Event.seq, Event.kind).order_by(Event.seq)).all()
    except Exception:  # the table may not exist yet while the first process migrates
        return []
    finally:
        engine.dispose()
    return [(event_id(seq), seq, kind) for seq, kind in rows]


def drop_files(env: dict[str, str], prefix: str, count: int) -> list[Path]:
    """`count` distinct articles, one of them again under another name (seen again), and an empty file
    (rejected): every kind of input event."""
    inbox = Path(env["NEWSWORKER_INBOX"])
    paths = []
    for number in range(count):
        path = inbox / f"{prefix}-{number}.txt"
        path.write_bytes(good_article(f"{prefix.title()} Story {number}"))
        paths.append(path)
    again = inbox / f"{prefix}-again.txt"
    again.write_bytes(good_article(f"{prefix.title()} Story 0"))
    empty = inbox / f"{prefix}-empty.txt"
    empty.write_bytes(b"")
    return [*paths, again, empty]


def wait_until_handled(paths: list[Path]) -> None:
    # A file leaves the inbox after the transaction that wrote its outcome (and its event) committed.
    stack.wait_for(lambda: not any(path.exists() for path in paths), 180, interval=0.3, what="the files to be handled")


def first_arrivals(deliveries: list[Delivery]) -> list[str]:
    """Event ids in the order they first arrived (a repeat, allowed by at-least-once, is dropped by its id)."""
    seen: dict[str, None] = {}
    for delivery in deliveries:
        assert delivery.webhook_id is not None
        seen.setdefault(delivery.webhook_id, None)
    return list(seen)


EVENT_SCHEMA = json.loads((REPO / "schemas" / "event.schema.json").read_text())


def assert_every_event_in_order(deliveries: list[Delivery], expected: list[tuple[str, int, str]]) -> None:
    """Every expected event arrived, first in seq order; every delivery verified, and is its event's record."""
    assert deliveries and all(delivery.valid for delivery in deliveries), "a signature did not verify"
    assert first_arrivals(deliveries) == [event for event, _seq, _kind in expected]  # all of them, in seq order
    bodies: dict[str | None, bytes] = {}
    for delivery in deliveries:
        assert delivery.event is not None and delivery.event["id"] == delivery.webhook_id
        jsonschema.validate(delivery.event, EVENT_SCHEMA)
        # A repeat (at least once) carries the very same body: the receiver can drop it by its webhook-id.
        assert bodies.setdefault(delivery.webhook_id, delivery.body) == delivery.body


def feed_deliveries(receiver: WebhookReceiver, path: str) -> list[Delivery]:
    """What arrived at the path, without `hooks test`'s event (not part of the change feed)."""
    return [d for d in receiver.received(path) if not (d.event and d.event["kind"] == "hook.test")]


def test_every_event_arrives_signed_in_order_across_a_receiver_outage(
    start_stack: Callable[..., dict[str, str]],
) -> None:
    # Two workers of two processes each: four places a delivery could run, one at a time per hook. Never paused
    # here, however slow the machine.
    env = start_stack(workers=2, NEWSWORKER_HOOK_MAX_FAILURES="1000")
    receiver = WebhookReceiver().start()
    try:
        everything = add_hook(env, receiver, "/all", "--from-start")
        stored_only = add_hook(env, receiver, "/stored", "--from-start", "--events", "stored")
        test_report = cli_json(env, "hooks", "test", str(everything))
        assert test_report["status"] == 200 and receiver.received("/all")[0].valid

        wait_until_handled(drop_files(env, "first", 12))
        kinds = {kind for _id, _seq, kind in events(env)}
        assert {"article.stored", "article.seen-again", "input.rejected"} <= kinds, kinds

        def caught_up() -> bool:
            expected = events(env)
            ids = {delivery.webhook_id for delivery in receiver.received("/all")}
            stored = {delivery.webhook_id for delivery in receiver.received("/stored")}
            return {e for e, _s, _k in expected} <= ids and {
                e for e, _s, k in expected if k == "article.stored"
            } <= stored

        stack.wait_for(caught_up, 120, interval=0.3, what="every event at both hooks")
        expected = events(env)
        assert_every_event_in_order(feed_deliveries(receiver, "/all"), expected)
        stored = [event for event in expected if event[2] == "article.stored"]
        assert_every_event_in_order(receiver.received("/stored"), stored)

        # The receiver goes away: deliveries fail and back off, events wait.
        receiver.stop()
        wait_until_handled(drop_files(env, "second", 10))
        stack.wait_for(lambda: hook_row(env, everything)["failures"] >= 1, 120, what="a failed delivery")
        row = hook_row(env, everything)
        assert row["state"] == "active" and row["behind"] > 0 and "could not be reached" in row["last_error"]

        # Back on the same port: every event arrives, nothing lost.
        receiver.start()
        stack.wait_for(caught_up, 120, interval=0.3, what="every event after the outage")
        expected = events(env)
        assert_every_event_in_order(feed_deliveries(receiver, "/all"), expected)
        assert_every_event_in_order(receiver.received("/stored"), [e for e in expected if e[2] == "article.stored"])
        stack.wait_for(lambda: hook_row(env, everything)["failures"] == 0, 60, what="the hook's failures cleared")
        for hook_id in (everything, stored_only):
            row = hook_row(env, hook_id)
            assert (row["state"], row["cursor"], row["behind"]) == ("active", expected[-1][1], 0), row
    finally:
        receiver.stop()


def test_a_hook_that_keeps_failing_is_paused_and_resume_delivers_what_waited(
    start_stack: Callable[..., dict[str, str]],
) -> None:
    env = start_stack(NEWSWORKER_HOOK_MAX_FAILURES="2")
    receiver = WebhookReceiver()  # not listening yet: every delivery is refused
    hook_id = add_hook(env, receiver, "/hook", "--events", "stored,rejected")
    wait_until_handled(drop_files(env, "early", 3))

    stack.wait_for(lambda: hook_row(env, hook_id)["state"] == "paused", 120, what="the hook to be paused")
    row = hook_row(env, hook_id)
    assert row["failures"] == 2 and row["cursor"] == 0 and row["behind"] > 0
    assert "could not be reached" in row["last_error"] and "paused: 2 failures in a row" in row["last_error"]
    text = cli(env, "hooks", "list").stdout
    assert "paused" in text and "error: " in text and "could not be reached" in text

    receiver.start()
    try:
        # Paused, it stays quiet while more events wait (beat's tick skips it).
        wait_until_handled(drop_files(env, "paused", 3))
        assert hook_row(env, hook_id)["state"] == "paused" and receiver.received("/hook") == []
        resumed = cli(env, "hooks", "resume", str(hook_id))
        assert resumed.returncode == 0 and f"resumed hook #{hook_id}" in resumed.stdout

        wanted = [event for event in events(env) if event[2] in ("article.stored", "input.rejected")]
        stack.wait_for(
            lambda: {d.webhook_id for d in receiver.received("/hook")} >= {e for e, _s, _k in wanted},
            120,
            interval=0.3,
            what="the waiting events after resume",
        )
        assert_every_event_in_order(receiver.received("/hook"), wanted)
        assert {d.event["kind"] for d in receiver.received("/hook") if d.event} == {"article.stored", "input.rejected"}
        row = hook_row(env, hook_id)
        assert (row["state"], row["failures"], row["last_error"]) == ("active", 0, None)
    finally:
        receiver.stop()
