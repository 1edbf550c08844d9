"""`newsworker hooks` and one hook's delivery runs (worker/hooks.py) on a real database, against a real receiver on
127.0.0.1 that verifies every signature itself (tests/support/webhook_receiver.py). No broker: the Celery tasks
around these functions run in tests/integration/test_hooks_stack.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from tests.support.cli import invoke, run
from tests.support.webhook_receiver import WebhookReceiver, free_port
from worker.cli import cli
from worker.config import Settings, load_settings
from worker.hooks import deliver_hook_events, event_body, hooks_due, parse_event_filter
from worker.sources.poller import make_http_client
from worker.states import DeliveryStatus, EventKind, HookState
from worker.store.db import Database
from worker.store.events import event_record, events_after, record_event
from worker.store.models import Hook, utcnow
from worker.webhook_signing import generate_secret

KINDS = [EventKind.ARTICLE_STORED, EventKind.INPUT_REJECTED, EventKind.ARTICLE_STORED, EventKind.FEED_FAILING]


@pytest.fixture
def hook_env(settings_env: dict[str, str]) -> dict[str, str]:
    return {**settings_env, "NEWSWORKER_ALLOW_PRIVATE_NETWORKS": "1", "NEWSWORKER_HOOK_MAX_FAILURES": "3"}


@pytest.fixture
def hook_settings(hook_env: dict[str, str]) -> Settings:
    return load_settings(hook_env)


@pytest.fixture
def db(hook_settings: Settings) -> Iterator[Database]:
    database = Database(hook_settings.database_url)
    yield database
    database.dispose()


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    made = WebhookReceiver().start()
    yield made
    made.stop()


def hook_list(env: dict[str, str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(run(env, "hooks", "list", "--json"))
    return rows


def add_events(db: Database, kinds: list[EventKind]) -> None:
    for number, kind in enumerate(kinds):
        with db.session() as session, session.begin():
            record_event(session, kind, source=f"inbox/{number}.txt", payload={"title": f"Story {number}"})


def all_records(db: Database) -> list[dict[str, Any]]:
    with db.session() as session:
        return [event_record(event) for event in events_after(session, 0, limit=10_000)]


def add_hook(env: dict[str, str], receiver: WebhookReceiver, path: str, *extra: str) -> int:
    secret = generate_secret()
    receiver.secrets[path] = secret
    added = json.loads(run(env, "hooks", "add", receiver.url(path), "--secret", secret, "--json", *extra))
    assert added["secret"] is None  # given, so not printed back
    return int(added["id"])


def deliver(db: Database, settings: Settings, hook_id: int) -> Any:
    with make_http_client(settings) as client:
        return deliver_hook_events(db, client, hook_id, settings)


def test_add_list_resume_remove(hook_env: dict[str, str], db: Database) -> None:
    add_events(db, KINDS)
    result = invoke(hook_env, "hooks", "add", "http://127.0.0.1:9/hook", "--events", "stored,feed-failing")
    assert result.exit_code == 0, result.output
    assert "added hook #1 http://127.0.0.1:9/hook: events stored,feed-failing, after event 4" in result.output
    [secret_line] = [line for line in result.output.splitlines() if line.startswith("secret: ")]
    secret = secret_line.removeprefix("secret: ")
    assert secret.startswith("whsec_") and "shown only now" in result.output

    from_start = json.loads(run(hook_env, "hooks", "add", "http://127.0.0.1:9/all", "--from-start", "--json"))
    assert from_start["cursor"] == 0 and from_start["events"] is None and from_start["secret"].startswith("whsec_")
    after = json.loads(run(hook_env, "hooks", "add", "http://127.0.0.1:9/b", "--after", "2", "--json"))
    assert after["cursor"] == 2

    rows = hook_list(hook_env)
    assert [(r["id"], r["state"], r["cursor"], r["behind"], r["events"]) for r in rows] == [
        (1, "active", 4, 0, "stored,feed-failing"),
        (2, "active", 0, 4, "all"),
        (3, "active", 2, 2, "all"),
    ]
    listing = run(hook_env, "hooks", "list") + run(hook_env, "hooks") + run(hook_env, "hooks", "list", "--csv")
    assert secret not in listing and from_start["secret"] not in listing and "whsec_" not in listing
    assert "http://127.0.0.1:9/all" in run(hook_env, "hooks")  # `hooks` alone lists them

    with db.session() as session, session.begin():
        session.execute(update(Hook).where(Hook.id == 2).values(state=HookState.PAUSED, failures=3))
    assert "resumed hook #2 http://127.0.0.1:9/all: delivering after event 0" in run(hook_env, "hooks", "resume", "2")
    assert [(r["state"], r["failures"]) for r in hook_list(hook_env)][1] == ("active", 0)

    assert "removed hook #1 http://127.0.0.1:9/hook" in run(hook_env, "hooks", "remove", "1")
    assert [r["id"] for r in hook_list(hook_env)] == [2, 3]
    for command in ("remove", "resume", "test"):
        missing = invoke(hook_env, "hooks", command, "1")
        assert missing.exit_code == 1 and "Error: no hook #1" in missing.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ftp://example.com/hook"], "is not an http(s) URL"),
        (["https://user:pw@example.com/hook"], "user name or password"),
        (["http://127.0.0.1:9/hook", "--events", "stored,bogus"], "unknown event kind 'bogus'"),
        (["http://127.0.0.1:9/hook", "--events", ","], "unknown event kind"),
        (["http://127.0.0.1:9/hook", "--secret", "hunter2"], "base64"),
        (["http://127.0.0.1:9/hook", "--secret", "whsec_c2hvcnQ="], "decodes to 5"),
        (["http://127.0.0.1:9/hook", "--from-start", "--after", "3"], "cannot be used together"),
        (["http://127.0.0.1:9/hook", "--after", "-1"], "-1"),
    ],
)
def test_bad_hooks_are_refused(hook_env: dict[str, str], args: list[str], message: str) -> None:
    result = invoke(hook_env, "hooks", "add", *args)
    assert result.exit_code != 0 and message in result.output, result.output
    assert "hunter2" not in result.output
    assert hook_list(hook_env) == []


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/hook", "http://[::1]/hook", "http://10.1.2.3/x", "http://localhost/x"]
)
def test_private_addresses_are_refused_unless_allowed(settings_env: dict[str, str], url: str) -> None:
    result = invoke(settings_env, "hooks", "add", url)
    assert result.exit_code == 1
    assert "Error:" in result.output and "NEWSWORKER_ALLOW_PRIVATE_NETWORKS=1" in result.output
    assert "private, loopback or reserved address" in result.output
    allowed = invoke({**settings_env, "NEWSWORKER_ALLOW_PRIVATE_NETWORKS": "1"}, "hooks", "add", url)
    assert allowed.exit_code == 0, allowed.output


def test_event_filter_names() -> None:
    assert parse_event_filter(None) is None and parse_event_filter("all") is None
    assert parse_event_filter("near-duplicate, stored ,article.stored") == ["article.stored", "article.near-duplicate"]
    assert parse_event_filter("seen-again,rejected,error,feed-failing,feed-recovered") == [
        "article.seen-again",
        "input.rejected",
        "input.error",
        "feed.failing",
        "feed.recovered",
    ]


def test_a_run_delivers_every_event_in_order_signed_and_skips_other_kinds(
    hook_env: dict[str, str], hook_settings: Settings, db: Database, receiver: WebhookReceiver
) -> None:
    all_hook = add_hook(hook_env, receiver, "/all", "--from-start")
    stored_hook = add_hook(hook_env, receiver, "/stored", "--from-start", "--events", "stored")
    add_events(db, KINDS)

    first = deliver(db, hook_settings, all_hook)
    assert first.status == DeliveryStatus.CAUGHT_UP and first.cursor == 4
    records = all_records(db)
    got = receiver.received("/all")
    assert [d.webhook_id for d in got] == [r["id"] for r in records] == ["evt_1", "evt_2", "evt_3", "evt_4"]
    assert all(d.valid for d in got)
    # The body is the event's JSON record, byte for byte what was signed.
    assert [d.event for d in got] == records
    assert got[0].body == event_body(records[0])

    second = deliver(db, hook_settings, stored_hook)
    assert second.status == DeliveryStatus.CAUGHT_UP and second.skipped == 2
    assert [d.webhook_id for d in receiver.received("/stored")] == ["evt_1", "evt_3"]
    # The cursor went past the skipped events too: nothing is left for it.
    assert [(r["cursor"], r["behind"], r["delivered"]) for r in hook_list(hook_env)] == [(4, 0, 4), (4, 0, 2)]
    with db.session() as session:
        assert hooks_due(session) == []

    add_events(db, [EventKind.INPUT_ERROR])
    with db.session() as session:
        assert hooks_due(session) == [all_hook, stored_hook]
    assert deliver(db, hook_settings, stored_hook).skipped == 1
    assert deliver(db, hook_settings, all_hook).delivered == ["evt_5"]
    assert len(receiver.received("/all")) == 5 and len(receiver.received("/stored")) == 2


def test_failures_back_off_then_pause_and_resume_goes_on_from_the_cursor(
    hook_env: dict[str, str], hook_settings: Settings, db: Database, receiver: WebhookReceiver
) -> None:
    hook_id = add_hook(hook_env, receiver, "/hook", "--from-start")
    add_events(db, KINDS[:2])
    assert deliver(db, hook_settings, hook_id).delivered == ["evt_1", "evt_2"]
    add_events(db, KINDS[2:])
    receiver.stop()  # connections refused from now on

    for failures in (1, 2):
        failed = deliver(db, hook_settings, hook_id)
        assert failed.status == DeliveryStatus.FAILED and "could not be reached" in (failed.error or "")
        [row] = hook_list(hook_env)
        assert (row["state"], row["failures"], row["cursor"], row["last_status"]) == (
            "active",
            failures,
            2,
            "unreachable",
        )
        assert row["next_attempt_at"] > row["last_attempt_at"]  # backed off
        assert deliver(db, hook_settings, hook_id).status == DeliveryStatus.WAITING  # not due yet
        with db.session() as session:
            assert hooks_due(session) == []
        with db.session() as session, session.begin():  # the backoff is over
            session.execute(update(Hook).values(next_attempt_at=utcnow() - timedelta(seconds=1)))

    assert (
        deliver(db, hook_settings, hook_id).status == DeliveryStatus.FAILED
    )  # the third: NEWSWORKER_HOOK_MAX_FAILURES
    [row] = hook_list(hook_env)
    assert (row["state"], row["failures"], row["cursor"], row["behind"]) == ("paused", 3, 2, 2)
    assert "could not be reached" in row["last_error"] and "paused: 3 failures in a row" in row["last_error"]
    assert "hooks resume 1" in row["last_error"] and row["paused_at"]
    assert deliver(db, hook_settings, hook_id).status == DeliveryStatus.PAUSED
    with db.session() as session:
        assert hooks_due(session) == []
    text = run(hook_env, "hooks", "list")
    assert "paused" in text and "error: " in text
    no_broker = {**hook_env, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}  # not the machine's own Redis
    status = json.loads(run(no_broker, "status", "--json"))
    assert status["hooks"] == {"active": 0, "paused": 1, "most_behind": 2} and status["last_event_seq"] == 4
    assert any(f"hook #{hook_id} is paused" in warning for warning in status["warnings"]), status["warnings"]

    receiver.start()
    run(hook_env, "hooks", "resume", str(hook_id))
    status = json.loads(run(no_broker, "status", "--json"))
    assert status["hooks"] == {"active": 1, "paused": 0, "most_behind": 2} and not any(
        "hook" in w for w in status["warnings"]
    )
    with db.session() as session:
        assert hooks_due(session) == [hook_id]
    assert deliver(db, hook_settings, hook_id).delivered == ["evt_3", "evt_4"]
    assert [d.webhook_id for d in receiver.received("/hook")] == ["evt_1", "evt_2", "evt_3", "evt_4"]
    [row] = hook_list(hook_env)
    assert (row["state"], row["failures"], row["cursor"], row["last_error"], row["last_status"]) == (
        "active",
        0,
        4,
        None,
        "ok",
    )


def test_error_statuses_count_as_failures_and_410_pauses_at_once(
    hook_env: dict[str, str], hook_settings: Settings, db: Database, receiver: WebhookReceiver
) -> None:
    hook_id = add_hook(hook_env, receiver, "/hook", "--from-start")
    add_events(db, KINDS[:1])
    receiver.status["/hook"] = 503
    assert deliver(db, hook_settings, hook_id).status == DeliveryStatus.FAILED
    [row] = hook_list(hook_env)
    assert (row["state"], row["failures"], row["last_status"], row["cursor"]) == ("active", 1, "http-503", 0)
    assert "HTTP 503" in row["last_error"]
    with db.session() as session, session.begin():
        session.execute(update(Hook).values(next_attempt_at=None))
    receiver.status["/hook"] = 410
    deliver(db, hook_settings, hook_id)
    [row] = hook_list(hook_env)
    assert (row["state"], row["failures"]) == ("paused", 2)
    assert "HTTP 410" in row["last_error"] and "cannot succeed" in row["last_error"]
    # The receiver saw the same event each time, with the same id: it can tell a repeat.
    assert [d.webhook_id for d in receiver.received("/hook")] == ["evt_1", "evt_1"]


def test_a_removed_hook_stops(hook_env: dict[str, str], hook_settings: Settings, db: Database) -> None:
    assert deliver(db, hook_settings, 7).status == DeliveryStatus.MISSING


def test_hooks_test_sends_a_signed_test_event(
    hook_env: dict[str, str], db: Database, receiver: WebhookReceiver
) -> None:
    hook_id = add_hook(hook_env, receiver, "/hook")
    text = run(hook_env, "hooks", "test", str(hook_id))
    assert f"hook #{hook_id}: {receiver.url('/hook')} answered HTTP 200 in" in text
    [delivery] = receiver.received("/hook")
    assert delivery.valid and delivery.event is not None
    assert delivery.event["kind"] == "hook.test" and delivery.webhook_id == delivery.event["id"]
    assert delivery.webhook_id and delivery.webhook_id.startswith("test_") and delivery.webhook_id in text
    report = json.loads(run(hook_env, "hooks", "test", str(hook_id), "--json"))
    assert (report["status"], report["answer"]) == (200, "ok")

    receiver.status["/hook"] = 500
    failed = invoke(hook_env, "hooks", "test", str(hook_id))
    assert failed.exit_code == 1 and "Error: hook #1:" in failed.output and "HTTP 500" in failed.output
    receiver.stop()
    refused = invoke(hook_env, "hooks", "test", str(hook_id))
    assert refused.exit_code == 1 and "could not be reached" in refused.output
    # A test delivery moves nothing: no cursor, no count, no failure.
    [row] = hook_list(hook_env)
    assert (row["cursor"], row["delivered"], row["failures"], row["state"]) == (0, 0, 0, "active")


def test_hooks_test_refuses_a_url_that_now_resolves_privately(settings_env: dict[str, str]) -> None:
    allowed = {**settings_env, "NEWSWORKER_ALLOW_PRIVATE_NETWORKS": "1"}
    run(allowed, "hooks", "add", f"http://127.0.0.1:{free_port()}/hook")
    refused = invoke(settings_env, "hooks", "test", "1")
    assert refused.exit_code == 1 and "NEWSWORKER_ALLOW_PRIVATE_NETWORKS=1" in refused.output


def test_a_name_that_does_not_resolve_is_a_warning(settings_env: dict[str, str]) -> None:
    result = CliRunner().invoke(cli, ["hooks", "add", "https://hooks.newsworker.invalid/in"], env=settings_env, obj={})
    assert result.exit_code == 0, result.output
    assert "added hook #1 https://hooks.newsworker.invalid/in" in result.stdout
    assert "warning: hooks.newsworker.invalid does not resolve now" in result.stderr


def test_metrics_show_paused_hooks_and_how_far_behind_each_is(
    hook_env: dict[str, str], hook_settings: Settings, db: Database
) -> None:
    from worker.metrics import NewsworkerCollector

    run(hook_env, "hooks", "add", "http://127.0.0.1:9/a", "--from-start")
    run(hook_env, "hooks", "add", "http://127.0.0.1:9/b", "--from-start")
    add_events(db, KINDS)
    with db.session() as session, session.begin():
        session.execute(update(Hook).where(Hook.id == 2).values(state=HookState.PAUSED, failures=3, cursor=1))
    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in NewsworkerCollector(hook_settings, db)._from_database()
        for sample in family.samples
        if sample.name.startswith("newsworker_hook")
    }
    assert samples == {
        ("newsworker_hooks", (("state", "active"),)): 1,
        ("newsworker_hooks", (("state", "paused"),)): 1,
        ("newsworker_hook_events_behind", (("hook_id", "1"),)): 4,
        ("newsworker_hook_events_behind", (("hook_id", "2"),)): 3,
        ("newsworker_hook_failures", (("hook_id", "1"),)): 0,
        ("newsworker_hook_failures", (("hook_id", "2"),)): 3,
    }


def test_migration_0007_goes_down_and_up_again(hook_env: dict[str, str], db: Database) -> None:
    from sqlalchemy import inspect

    from tests.support.migrations import migrate

    run(hook_env, "hooks", "add", "http://127.0.0.1:9/before")
    for target, present in (("0006", False), ("heads", True)):
        migrate(db.engine, target, down=target == "0006")
        tables = inspect(db.engine).get_table_names()
        assert ("hooks" in tables) is present and "events" in tables
    assert hook_list(hook_env) == []  # the hooks went with their table
    run(hook_env, "hooks", "add", "http://127.0.0.1:9/after")
    assert [row["url"] for row in hook_list(hook_env)] == ["http://127.0.0.1:9/after"]


def test_rotating_a_secret_signs_with_both_until_the_overlap_ends(
    hook_env: dict[str, str], hook_settings: Settings, db: Database, receiver: WebhookReceiver
) -> None:
    """The receiver switches its secret some time after `hooks rotate`: no delivery is refused on either side of
    the switch. With --overlap 0 the old secret stops signing at once."""
    hook_id = add_hook(hook_env, receiver, "/rotating")
    old_secret = receiver.secrets["/rotating"]
    add_events(db, KINDS[:1])
    rotated = json.loads(run(hook_env, "hooks", "rotate", str(hook_id), "--overlap", "1h", "--json"))
    new_secret = rotated["secret"]
    assert new_secret.startswith("whsec_") and new_secret != old_secret and rotated["old_secret_signs_until"]
    assert hook_list(hook_env)[0]["old_secret_signs_until"] == rotated["old_secret_signs_until"]
    assert deliver(db, hook_settings, hook_id).status == DeliveryStatus.CAUGHT_UP  # receiver still has the old one
    receiver.secrets["/rotating"] = new_secret  # the receiver switches
    add_events(db, KINDS[1:2])
    assert deliver(db, hook_settings, hook_id).status == DeliveryStatus.CAUGHT_UP
    assert [d.valid for d in receiver.deliveries] == [True, True]
    assert [d.headers["webhook-signature"].count("v1,") for d in receiver.deliveries] == [2, 2]

    third = generate_secret()
    text = run(hook_env, "hooks", "rotate", str(hook_id), "--secret", third, "--overlap", "0")
    assert f"rotated the secret of hook #{hook_id}" in text and "the old secret no longer signs" in text
    assert third not in text and hook_list(hook_env)[0]["old_secret_signs_until"] is None
    add_events(db, KINDS[2:3])
    deliver(db, hook_settings, hook_id)
    # This receiver answers 200 whatever it finds: it records that it could not verify the third delivery.
    assert receiver.deliveries[-1].valid is False
    receiver.secrets["/rotating"] = third
    add_events(db, KINDS[3:4])
    assert deliver(db, hook_settings, hook_id).status == DeliveryStatus.CAUGHT_UP
    assert [d.valid for d in receiver.deliveries] == [True, True, False, True]
    assert receiver.deliveries[-1].headers["webhook-signature"].count("v1,") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1", "--secret", "hunter2"], "base64"),
        (["1", "--overlap", "soon"], "not a duration"),
        (["7"], "no hook #7"),
    ],
)
def test_bad_rotations_are_refused_and_change_nothing(
    hook_env: dict[str, str], db: Database, args: list[str], message: str
) -> None:
    run(hook_env, "hooks", "add", "http://127.0.0.1:9/hook")
    with db.session() as session:
        before = session.get(Hook, 1).secret  # type: ignore[union-attr]
    result = invoke(hook_env, "hooks", "rotate", *args)
    assert result.exit_code != 0 and message in result.output, result.output
    assert "hunter2" not in result.output
    with db.session() as session:
        assert session.get(Hook, 1).secret == before  # type: ignore[union-attr]
