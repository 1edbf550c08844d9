"""Webhooks: adding, listing, resuming and removing hooks, and delivering a hook's events from its cursor.

Service functions over the database and an HttpClient, no Celery (worker/tasks.py wraps them in tasks). A hook
receives the events table in sequence order, at least once: each event is POSTed, signed (worker/webhook_signing.py),
and the hook's cursor moves past it only after a 2xx. Events of kinds it does not take are skipped, the cursor
moving past them too. A failure backs off (next_attempt_at); after settings.hook_max_failures in a row the hook
is paused, never dropped: its events wait, and `newsworker hooks resume` goes on from the cursor.
"""

from __future__ import annotations

import json
import logging
import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import case, delete, or_, select, update
from sqlalchemy.orm import Session

from worker.errors import FetchError
from worker.states import DeliveryStatus, EventKind, HookState
from worker.store.events import event_record, events_after, last_sequence
from worker.store.models import Hook, aware, iso_utc, utcnow
from worker.urls import hide_credentials, url_problem
from worker.webhook_signing import generate_secret, normalize_secret, signed_headers

if TYPE_CHECKING:
    from worker.config import Settings
    from worker.sources.http import HttpClient, PostResult
    from worker.store.db import Database

log = logging.getLogger(__name__)

BATCH = 200  # events read per query while catching up
RUN_SECONDS = 30.0  # one delivery run stops after this and sends the next: a backlog never pins a worker
PING_KIND = "hook.test"  # the kind of the event `newsworker hooks test` sends


class HookError(ValueError):
    """A hook URL, event filter or secret that cannot be used; the message says why."""


# --- checking what a person typed ------------------------------------------------------------------


def short_name(kind: str) -> str:
    """The name `--events` takes for a kind: `article.stored` -> `stored`, `feed.failing` -> `feed-failing`."""
    family, _, name = kind.partition(".")
    return name if family in ("article", "input") else f"{family}-{name}"


def event_names() -> dict[str, str]:
    """Every name `--events` accepts (short names and full kinds), each to its kind."""
    names: dict[str, str] = {}
    for kind in EventKind:
        names[kind.value] = kind.value
        names[short_name(kind.value)] = kind.value
    return names


def parse_event_filter(text: str | None) -> list[str] | None:
    """The kinds named in `stored,near-duplicate,...` (short names or full kinds), in EventKind order; None for
    every kind (no text, or `all`). HookError names the unknown ones and lists the known ones."""
    if text is None or text.strip().lower() in ("", "all"):
        return None
    names = event_names()
    asked = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [part for part in asked if part not in names]
    if unknown or not asked:
        known = ", ".join(short_name(kind.value) for kind in EventKind)
        raise HookError(
            f"unknown event kind {', '.join(map(repr, unknown)) or repr(text)}: use all, or some of {known}"
        )
    chosen = {names[part] for part in asked}
    return [kind.value for kind in EventKind if kind.value in chosen]


def check_hook_url(url: str, allow_private_networks: bool) -> tuple[str, list[str]]:
    """The URL to store and any warnings; HookError when it can never be delivered to: not http(s), a password in
    it, or a host at a private, loopback or reserved address (unless NEWSWORKER_ALLOW_PRIVATE_NETWORKS=1).

    The guard is the HTTP client's, and it runs again at every delivery (a name may resolve elsewhere later);
    a name that does not resolve now is a warning, not an error.
    """
    import httpcore

    from worker.sources.http import is_blocked_address, resolve

    url = url.strip()
    problem = url_problem(url)
    if problem is not None:
        raise HookError(problem)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    warnings: list[str] = []
    try:
        addresses = resolve(host, port)
    except httpcore.ConnectError:
        return url, [f"{host} does not resolve now; deliveries will retry until it does"]
    blocked = [str(address) for address in addresses if is_blocked_address(address)]
    if blocked and not allow_private_networks:
        raise HookError(
            f"{hide_credentials(url)} resolves to {', '.join(blocked)}, a private, loopback or reserved address; "
            "hooks, like feeds, are not sent there (NEWSWORKER_ALLOW_PRIVATE_NETWORKS=1 allows it)"
        )
    if parts.scheme.lower() == "http" and not blocked:
        warnings.append("plain http: the events travel unencrypted (the signature still proves who sent them)")
    return url, warnings


# --- the hooks table ---------------------------------------------------------------------------------


def _given_or_new_secret(secret: str | None) -> tuple[str, str | None]:
    """The secret to store (normalized), and the same again when it was generated here, to show once."""
    from worker.webhook_signing import WebhookSecretError

    if secret is None:
        generated = generate_secret()
        return generated, generated
    try:
        return normalize_secret(secret), None
    except WebhookSecretError as error:
        raise HookError(str(error)) from None


@dataclass(frozen=True)
class NewHook:
    hook: Hook
    secret: str | None  # the generated secret, to show once; None when the caller gave one
    warnings: list[str] = field(default_factory=list)


def add_hook(
    session: Session,
    url: str,
    *,
    event_kinds: list[str] | None,
    secret: str | None,
    after: int | None,
    allow_private_networks: bool,
) -> NewHook:
    """Add a hook in the caller's transaction. It starts after `after`, or after the newest event when None (a new
    hook receives what happens from now on). HookError for an unusable URL or secret."""
    checked, warnings = check_hook_url(url, allow_private_networks)
    secret, generated = _given_or_new_secret(secret)
    if after is not None and after < 0:
        raise HookError(f"--after takes a sequence number from 0: {after}")
    hook = Hook(
        url=checked,
        event_kinds=event_kinds,
        secret=secret,
        cursor=last_sequence(session) if after is None else after,
        state=HookState.ACTIVE,
        failures=0,
        delivered=0,
        created_at=utcnow(),
    )
    session.add(hook)
    session.flush()
    return NewHook(hook, generated, warnings)


@dataclass(frozen=True)
class RotatedSecret:
    hook: Hook
    secret: str | None  # the generated secret, to show once; None when the caller gave one
    old_signs_until: datetime | None  # None: the old secret stopped signing at once


def rotate_secret(
    session: Session, hook_id: int, secret: str | None, overlap: timedelta, now: datetime | None = None
) -> RotatedSecret | None:
    """Give the hook a new secret in the caller's transaction; the old one also signs each delivery for `overlap`,
    so a receiver can change its secret any time in that window without refusing a delivery. None: no such hook."""
    hook = session.get(Hook, hook_id)
    if hook is None:
        return None
    secret, generated = _given_or_new_secret(secret)
    if secret == hook.secret:
        raise HookError("the new secret is the hook's current one")
    now = now or utcnow()
    if overlap > timedelta(0):
        hook.previous_secret, hook.previous_secret_until = hook.secret, now + overlap
    else:
        hook.previous_secret = hook.previous_secret_until = None
    hook.secret = secret
    session.flush()
    return RotatedSecret(hook, generated, hook.previous_secret_until)


def signing_secrets(hook: Hook, now: datetime | None = None) -> tuple[str, tuple[str, ...]]:
    """The secret that signs the hook's deliveries, and the rotated-out one while it still signs too."""
    until = hook.previous_secret_until
    if hook.previous_secret and until is not None and aware(until) > (now or utcnow()):
        return hook.secret, (hook.previous_secret,)
    return hook.secret, ()


def hook_rows(session: Session) -> list[dict[str, Any]]:
    """Every hook as a flat row for `hooks list` (never its secret); `behind`: events after its cursor, any kind."""
    newest = last_sequence(session)
    rows = []
    for hook in session.scalars(select(Hook).order_by(Hook.id)):
        rows.append(
            {
                "id": hook.id,
                "url": hook.url,
                "events": ",".join(short_name(kind) for kind in hook.event_kinds) if hook.event_kinds else "all",
                "state": hook.state,
                "cursor": hook.cursor,
                "behind": max(0, newest - hook.cursor),
                "delivered": hook.delivered,
                "failures": hook.failures,
                "last_status": hook.last_status,
                "last_error": hook.last_error,
                "last_attempt_at": iso_utc(hook.last_attempt_at),
                "last_success_at": iso_utc(hook.last_success_at),
                "next_attempt_at": iso_utc(hook.next_attempt_at),
                "paused_at": iso_utc(hook.paused_at),
                "created_at": iso_utc(hook.created_at),
                # Until then deliveries carry a second signature, by the secret `hooks rotate` replaced.
                "old_secret_signs_until": iso_utc(hook.previous_secret_until) if signing_secrets(hook)[1] else None,
            }
        )
    return rows


def remove_hook(session: Session, hook_id: int) -> str | None:
    """Delete the hook; its URL, or None when there is no such hook. A delivery under way stops at its next event."""
    url = session.scalar(select(Hook.url).where(Hook.id == hook_id))
    if url is not None:
        session.execute(delete(Hook).where(Hook.id == hook_id))
    return url


def resume_hook(session: Session, hook_id: int) -> Hook | None:
    """Make a paused (or backing-off) hook deliver again at once, from its cursor; None when there is no such hook."""
    hook = session.get(Hook, hook_id)
    if hook is None:
        return None
    hook.state = HookState.ACTIVE
    hook.failures = 0
    hook.next_attempt_at = None
    hook.paused_at = None
    return hook


def hooks_due(session: Session, now: datetime | None = None) -> list[int]:
    """Active hooks with events after their cursor and no backoff pending: what beat's tick sends deliveries for."""
    now = now or utcnow()
    newest = last_sequence(session)
    return list(
        session.scalars(
            select(Hook.id)
            .where(
                Hook.state == HookState.ACTIVE,
                Hook.cursor < newest,
                or_(Hook.next_attempt_at.is_(None), Hook.next_attempt_at <= now),
            )
            .order_by(Hook.id)
        )
    )


def ready_hooks(session: Session) -> list[tuple[int, datetime | None]]:
    """(id, next attempt) of every active hook: what a prompt dispatch after a commit may send runs for."""
    rows = session.execute(
        select(Hook.id, Hook.next_attempt_at).where(Hook.state == HookState.ACTIVE).order_by(Hook.id)
    ).all()
    return [(hook_id, aware(next_attempt)) for hook_id, next_attempt in rows]


# --- delivering ----------------------------------------------------------------------------------------


def event_body(record: Mapping[str, Any]) -> bytes:
    """The bytes POSTed for one event: compact JSON, keys in a fixed order, UTF-8. They are what is signed."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str).encode("utf-8")


def backoff_seconds(failures: int, settings: Settings, retry_after: float | None = None) -> float:
    """How long a hook waits after its `failures`-th failure in a row: between half and all of
    first_retry x 2^(failures-1), at most max_backoff; at least the receiver's Retry-After (within the same cap)."""
    exponent = min(max(failures - 1, 0), 40)
    ceiling = min(settings.hook_max_backoff, settings.hook_first_retry * 2.0**exponent)
    delay = ceiling * (0.5 + random.random() / 2)
    if retry_after is not None:
        delay = max(delay, min(retry_after, settings.hook_max_backoff))
    return delay


def is_permanent(error: FetchError) -> bool:
    """Failures no retry can fix: the hook is paused at once. A 410 Gone (Standard Webhooks: the receiver wants no
    more), and a URL the guard or the URL rules refuse."""
    from worker.sources.http import (
        BlockedAddressError,
        HTTPStatusError,
        InvalidURLError,
        UnsupportedSchemeError,
    )

    if isinstance(error, HTTPStatusError):
        return error.status == 410
    return isinstance(error, BlockedAddressError | InvalidURLError | UnsupportedSchemeError)


@dataclass
class DeliveryRun:
    """What one run of a hook's delivery did (the task's summary)."""

    hook_id: int
    status: DeliveryStatus = DeliveryStatus.CAUGHT_UP
    delivered: list[str] = field(default_factory=list)  # event ids delivered, in order
    skipped: int = 0  # events of kinds the hook does not take
    cursor: int | None = None
    error: str | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "hook_id": self.hook_id,
            "status": self.status,
            "delivered": len(self.delivered),
            "first_id": self.delivered[0] if self.delivered else None,
            "last_id": self.delivered[-1] if self.delivered else None,
            "skipped": self.skipped,
            "cursor": self.cursor,
            "error": self.error,
        }


@dataclass(frozen=True)
class _Target:
    url: str
    secret: str
    kinds: frozenset[str] | None
    cursor: int
    also_signed_by: tuple[str, ...] = ()  # a rotated-out secret, while it still signs


def deliver_hook_events(
    database: Database,
    client: HttpClient,
    hook_id: int,
    settings: Settings,
    *,
    still_ours: Callable[[], bool] = lambda: True,
    run_seconds: float = RUN_SECONDS,
    batch: int = BATCH,
) -> DeliveryRun:
    """Deliver the hook's events after its cursor, in order, until caught up, a failure, or `run_seconds`.

    The caller makes sure no other run for this hook is under way (a lock in Redis, worker/tasks.py);
    `still_ours` is asked before each POST and ends the run when the lock was lost.
    """
    run = DeliveryRun(hook_id)
    with database.session() as session:
        target = _load_target(session, hook_id, run)
    if target is None:
        return run
    cursor = run.cursor = target.cursor
    started = time.monotonic()
    while True:
        with database.session() as session:
            records = [
                (event.seq, event.kind, event_record(event)) for event in events_after(session, cursor, limit=batch)
            ]
        if not records:
            run.status = DeliveryStatus.CAUGHT_UP
            return run
        for seq, kind, record in records:
            if target.kinds is not None and kind not in target.kinds:
                run.skipped += 1
                cursor = seq
                continue
            if not still_ours():
                run.status, run.error = DeliveryStatus.BUSY, "the hook's lock was lost; another run goes on"
                return _save_skipped(database, run, cursor)
            body = event_body(record)
            try:
                client.post(
                    target.url,
                    body,
                    signed_headers(target.secret, str(record["id"]), int(time.time()), body, target.also_signed_by),
                    timeout=settings.hook_timeout,
                )
            except FetchError as error:
                _record_failure(database, hook_id, error, settings, cursor, run)
                return run
            cursor = seq
            if not _record_success(database, hook_id, cursor):
                run.status = DeliveryStatus.MISSING
                return run
            run.delivered.append(str(record["id"]))
            run.cursor = cursor
        _save_skipped(database, run, cursor)
        # Read again until nothing is left (events committed meanwhile go in this run), within the run's time.
        if time.monotonic() - started > run_seconds:
            run.status = DeliveryStatus.MORE
            return run


def _load_target(session: Session, hook_id: int, run: DeliveryRun) -> _Target | None:
    hook = session.get(Hook, hook_id)
    if hook is None:
        run.status = DeliveryStatus.MISSING
        return None
    run.cursor = hook.cursor
    if hook.state != HookState.ACTIVE:
        run.status = DeliveryStatus.PAUSED
        return None
    if hook.next_attempt_at is not None and aware(hook.next_attempt_at) > utcnow():
        run.status = DeliveryStatus.WAITING
        return None
    kinds = frozenset(hook.event_kinds) if hook.event_kinds else None
    secret, also_signed_by = signing_secrets(hook)
    return _Target(hook.url, secret, kinds, hook.cursor, also_signed_by)


def _advance(cursor: int) -> Any:
    """The cursor moved forward only: a stale run can never take it back."""
    return case((Hook.cursor < cursor, cursor), else_=Hook.cursor)


def _record_success(database: Database, hook_id: int, cursor: int) -> bool:
    """The event up to `cursor` was delivered; False when the hook was removed meanwhile."""
    now = utcnow()
    with database.session() as session, session.begin():
        result = session.execute(
            update(Hook)
            .where(Hook.id == hook_id)
            .values(
                cursor=_advance(cursor),
                delivered=Hook.delivered + 1,
                failures=0,
                last_error=None,
                last_status="ok",
                last_attempt_at=now,
                last_success_at=now,
                next_attempt_at=None,
            )
        )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _save_skipped(database: Database, run: DeliveryRun, cursor: int) -> DeliveryRun:
    """Move the cursor past events the hook skipped (its filter), after the last one it delivered."""
    if run.cursor is None or cursor > run.cursor:
        with database.session() as session, session.begin():
            session.execute(update(Hook).where(Hook.id == run.hook_id).values(cursor=_advance(cursor)))
        run.cursor = cursor
    return run


def _record_failure(
    database: Database, hook_id: int, error: FetchError, settings: Settings, cursor: int, run: DeliveryRun
) -> None:
    """Count the failure, back off, pause past settings.hook_max_failures (or at once for a permanent one)."""
    now = utcnow()
    with database.session() as session, session.begin():
        hook = session.get(Hook, hook_id, with_for_update=True)
        if hook is None:
            run.status = DeliveryStatus.MISSING
            return
        hook.cursor = max(hook.cursor, cursor)  # past the events it skipped before this one
        hook.failures += 1
        hook.last_error = error.reason
        hook.last_status = getattr(error, "status_label", None) or "error"
        hook.last_attempt_at = now
        permanent = is_permanent(error)
        if permanent or hook.failures >= settings.hook_max_failures:
            hook.state = HookState.PAUSED
            hook.paused_at = now
            hook.next_attempt_at = None
            why = "it cannot succeed as it is" if permanent else f"{hook.failures} failures in a row"
            hook.last_error = f"{error.reason} (paused: {why}; `newsworker hooks resume {hook_id}` goes on)"
        else:
            retry_after = getattr(error, "retry_after", None)
            hook.next_attempt_at = now + timedelta(seconds=backoff_seconds(hook.failures, settings, retry_after))
        run.cursor = hook.cursor
        run.status = DeliveryStatus.FAILED
        run.error = hook.last_error
        log.warning(
            "hook=%s delivery failed (%d in a row)%s: %s",
            hook_id,
            hook.failures,
            " - paused" if hook.state == HookState.PAUSED else f", next attempt {iso_utc(hook.next_attempt_at)}",
            error.reason,
        )


# --- `hooks test`: one delivery now -----------------------------------------------------------------------------------


def ping_record(hook_id: int) -> dict[str, Any]:
    """The event `newsworker hooks test` sends: shaped like a real one, of kind `hook.test`, with an id of its own."""
    return {
        "id": f"test_{uuid.uuid4().hex}",
        "seq": None,
        "kind": PING_KIND,
        "created_at": iso_utc(utcnow()),
        "article_id": None,
        "feed_id": None,
        "source": None,
        "task_id": None,
        "payload": {"hook_id": hook_id, "message": "a test delivery from `newsworker hooks test`"},
    }


def send_ping(session: Session, client: HttpClient, hook_id: int, settings: Settings) -> tuple[str, PostResult]:
    """POST a signed test event to the hook now, whatever its state; its cursor and counts stay as they are.
    Returns (the event id, the answer); FetchError when the receiver did not answer 2xx; LookupError for no hook."""
    hook = session.get(Hook, hook_id)
    if hook is None:
        raise LookupError(f"no hook #{hook_id}")
    record = ping_record(hook_id)
    body = event_body(record)
    secret, also_signed_by = signing_secrets(hook)
    headers = signed_headers(secret, record["id"], int(time.time()), body, also_signed_by)
    return record["id"], client.post(hook.url, body, headers, timeout=settings.hook_timeout)


# --- one run per hook at a time, across hosts --------------------------------------------------------

# KEYS[1]: the lock's key, ARGV[1]: the owner's token, ARGV[2]: ms to live. Extended or deleted only by its owner.
EXTEND_SCRIPT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
RELEASE_SCRIPT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class HookLock:
    """A short lock in Redis so that one delivery run per hook goes on anywhere, whatever the number of workers
    and hosts: two runs would send the same events twice and could reorder them.

    It lives `seconds` (one delivery's timeout and a margin) and is extended before every POST; a run that finds
    it lost (its worker stalled past it) stops, and the cursor in the database says where the next one starts.
    """

    def __init__(self, client: Any, hook_id: int, seconds: float) -> None:
        self.client = client
        self.key = f"newsworker:hook:{hook_id}:delivering"
        self.token = uuid.uuid4().hex
        self.ms = max(1000, int(seconds * 1000))

    def acquire(self) -> bool:
        return bool(self.client.set(self.key, self.token, nx=True, px=self.ms))

    def extend(self) -> bool:
        """True while the lock is still this run's (and it was renewed)."""
        return bool(self.client.eval(EXTEND_SCRIPT, 1, self.key, self.token, self.ms))

    def release(self) -> None:
        self.client.eval(RELEASE_SCRIPT, 1, self.key, self.token)


def queued_marker(hook_id: int) -> str:
    """The Redis key saying a delivery run of this hook waits in the queue: at most one is sent at a time."""
    return f"newsworker:hook:{hook_id}:queued"


def rerun_marker(hook_id: int) -> str:
    """The Redis key a run sets before trying the lock: the holder then sends one more run when it ends."""
    return f"newsworker:hook:{hook_id}:again"
