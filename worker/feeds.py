"""The feeds newsworker polls: adding, listing, removing and importing them, and the schedule beat claims from.

Service functions over the database, no Celery. Schedules live in the `feeds` table, so adding, removing
or re-timing a feed takes effect at beat's next tick, with no restart.
"""

from __future__ import annotations

import json
import logging
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from worker.config import parse_duration
from worker.installed_data import installed_data_folder
from worker.states import EntryState, PollRequest
from worker.store.models import Feed, FeedEntrySeen, aware, iso_utc, utcnow
from worker.store.repository import insert_for
from worker.urls import url_problem

if TYPE_CHECKING:
    from worker.store.db import Database

MIN_EVERY_SECONDS = 1.0
DEFAULT_MAX_FEEDS_PER_LIST = 2000  # config.Settings.max_feeds_per_list, NEWSWORKER_MAX_FEEDS_PER_LIST
MAX_EVERY_SECONDS = 30 * 86400.0  # past this, `inf` or `1e300`: the schedule arithmetic would overflow
# A claimed feed whose poll never reported back (a lost message, a killed worker) is due again after this.
CLAIM_SECONDS = 600.0
MAX_BACKOFF_EXPONENT = 30  # 2**30 intervals is past any cap; keeps the arithmetic in range
DUE_BATCH = 500


class FeedListError(ValueError):
    """A feed URL, interval, feeds file or OPML list that cannot be used; the message says why."""


@dataclass(frozen=True)
class FeedSpec:
    """One feed to poll, as a feeds file, an OPML list or `feeds add` names it."""

    url: str
    name: str | None = None
    every_seconds: float | None = None  # None: the configured default


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # past the per-list cap: never added
    limit: int | None = None

    def summary(self) -> str:
        """A sentence for the command line and the task result: `2 feeds added, 1 already present`."""
        parts = [f"{len(self.added)} feed{'s' if len(self.added) != 1 else ''} added"]
        if self.updated:
            parts.append(f"{len(self.updated)} updated")
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} already present")
        if self.skipped:
            parts.append(
                f"{len(self.skipped)} skipped: a list may name at most {self.limit:,} feeds "
                "(NEWSWORKER_MAX_FEEDS_PER_LIST)"
            )
        return ", ".join(parts)


# --- checking what a person typed ------------------------------------------------------------------


def check_feed_url(url: str) -> str:
    """The URL a feed is stored under (scheme and host lower-cased, fragment dropped); FeedListError if not http(s)."""
    url = url.strip()
    problem = url_problem(url)  # also refuses credentials and ports over 65535
    if problem is not None:
        raise FeedListError(problem)
    parts = urlsplit(url)
    assert parts.hostname is not None  # url_problem checked
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    port = parts.port
    netloc = host + (f":{port}" if port is not None else "")
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def parse_every(value: str | float | int) -> float:
    """Seconds between polls from `15m`, `2s`, `1h`, `1d` or a number of seconds; FeedListError otherwise."""
    try:
        seconds = float(value) if isinstance(value, int | float) else parse_duration(str(value))
    except ValueError:
        seconds = float("nan")
    if not MIN_EVERY_SECONDS <= seconds <= MAX_EVERY_SECONDS:  # also refuses NaN and infinity
        raise FeedListError(
            f"not a duration from {MIN_EVERY_SECONDS:g}s to {format_duration(MAX_EVERY_SECONDS)}: {value!r} "
            "(use e.g. 30s, 15m, 2h, 1d)"
        )
    return seconds


def format_duration(seconds: float) -> str:
    """`15m`, `2s`, `90m`, `1d`: the largest unit that divides evenly, a form `parse_every` reads back."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:.12g}s"


# --- feeds files and OPML --------------------------------------------------------------------------


@cache
def feeds_schema() -> dict[str, Any]:
    """schemas/feeds.schema.json, read as package data (worker/data/schemas links to the root folder)."""
    folder = installed_data_folder("schemas")
    path = folder / "feeds.schema.json" if folder is not None else None
    if path is None or not path.is_file():
        raise FileNotFoundError("schemas/feeds.schema.json is not installed")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def specs_from_document(document: Any) -> list[FeedSpec]:
    """The feeds in a loaded feeds file (TOML or JSON), after checking it against the JSON Schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(feeds_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.absolute_path) or "the top level"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise FeedListError(f"{where}: {first.message}{more}")
    default = document.get("defaults", {}).get("every")
    specs: list[FeedSpec] = []
    for index, item in enumerate(document["feeds"]):
        try:
            every = item.get("every", default)
            specs.append(
                FeedSpec(
                    url=check_feed_url(item["url"]),
                    name=item.get("name"),
                    every_seconds=parse_every(every) if every is not None else None,
                )
            )
        except FeedListError as error:
            raise FeedListError(f"feeds/{index}: {error}") from error
    return specs


def specs_from_opml(raw: bytes) -> list[FeedSpec]:
    """The feeds of an OPML list (its outlines' xmlUrl); FeedListError when it holds none or is unsafe XML."""
    from worker.pipeline.feeds import UnsafeXMLError, parse_opml

    try:
        outlines = parse_opml(raw)
    except UnsafeXMLError as error:
        raise FeedListError(f"the OPML list was refused: {error}") from error
    except ValueError as error:
        raise FeedListError(f"the OPML list cannot be read: {error}") from error
    specs: dict[str, FeedSpec] = {}
    for url, title in outlines:
        try:
            checked = check_feed_url(url)
        except FeedListError as error:
            # Not a feed we can poll (not http(s), a password in it, a bad port): skipped, with the reason
            # logged (check_feed_url's reasons never repeat a password).
            logging.getLogger(__name__).warning("OPML outline skipped: %s", error)
            continue
        specs.setdefault(checked, FeedSpec(url=checked, name=title or None))
    if not specs:
        raise FeedListError("the OPML list holds no feed (no outline with an http(s) xmlUrl)")
    return list(specs.values())


def load_feed_list(path: Path) -> list[FeedSpec]:
    """The feeds in a file: OPML (`.opml`, or XML with an <opml> root), `feeds.toml` or `feeds.json`."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FeedListError(f"{path} cannot be read: {error.strerror}") from error
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            try:
                document: Any = tomllib.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
                raise FeedListError(f"{path.name} is not valid TOML: {error}") from error
            return specs_from_document(document)
        if suffix == ".json":
            try:
                document = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise FeedListError(f"{path.name} is not valid JSON: {error}") from error
            return specs_from_document(document)
    except RecursionError:  # the parsers and the schema check recurse once per level of nesting
        raise FeedListError(f"{path.name} is nested too deeply to be a feeds list") from None
    if suffix in {".opml", ".xml"} or is_opml(raw):
        return specs_from_opml(raw)
    raise FeedListError(f"{path.name}: expected an .opml, .toml or .json file")


def is_opml(raw: bytes) -> bool:
    """True when the bytes sniff as an OPML list."""
    from worker.errors import IngestError
    from worker.pipeline.sniff import sniff_kind

    try:
        return sniff_kind(raw) == "opml"
    except IngestError:
        return False


# --- the feeds table ---------------------------------------------------------------------------------


def add_feed(
    session: Session,
    spec: FeedSpec,
    default_every: float,
    *,
    now: datetime | None = None,
    update_existing: bool = True,
) -> tuple[Feed, str]:
    """Add the feed (first poll due now), or update the one with its URL; returns (feed, added|updated|unchanged).

    Runs in the caller's transaction. A changed interval takes effect at once: no restart.
    """
    now = now or utcnow()
    url = check_feed_url(spec.url)
    inserted_id = session.scalar(
        insert_for(session, Feed)
        .values(
            url=url,
            name=spec.name,
            every_seconds=spec.every_seconds or default_every,
            next_poll_at=now,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["url"])
        .returning(Feed.id)
    )
    if inserted_id is not None:
        feed = session.get(Feed, inserted_id)
        assert feed is not None
        return feed, "added"
    feed = session.scalars(select(Feed).where(Feed.url == url).with_for_update()).one()
    if not update_existing:
        return feed, "unchanged"
    changed = False
    if spec.name is not None and spec.name != feed.name:
        feed.name = spec.name
        changed = True
    if spec.every_seconds is not None and spec.every_seconds != feed.every_seconds:
        feed.every_seconds = spec.every_seconds
        if feed.error_count == 0:
            # Re-timed: the next poll is one new interval after the last one (now, if that has passed).
            base = aware(feed.last_polled_at) or now
            feed.next_poll_at = min(
                aware(feed.next_poll_at) or now, max(base + timedelta(seconds=spec.every_seconds), now)
            )
        changed = True
    return feed, "updated" if changed else "unchanged"


def import_feeds(
    session: Session,
    specs: list[FeedSpec],
    default_every: float,
    *,
    update_existing: bool = True,
    max_feeds: int = DEFAULT_MAX_FEEDS_PER_LIST,
) -> ImportReport:
    """Add the feeds of a list, at most `max_feeds` of them (the rest are reported as skipped: anyone who
    can drop a list in the inbox must not make the worker poll any number of URLs); feeds already
    present are updated (or left alone) and reported as such."""
    report = ImportReport(skipped=[spec.url for spec in specs[max_feeds:]], limit=max_feeds)
    now = utcnow()
    for spec in specs[:max_feeds]:
        feed, what = add_feed(session, spec, default_every, now=now, update_existing=update_existing)
        getattr(report, what).append(feed.url)
    return report


def remove_feed(session: Session, feed_id: int) -> str | None:
    """Delete the feed and its seen-entry rows (articles and their sightings stay); returns its URL, or None."""
    # The database cascades to feed_entries and unlinks sightings (ON DELETE CASCADE / SET NULL).
    url: str | None = session.scalar(
        delete(Feed).where(Feed.id == feed_id).returning(Feed.url).execution_options(synchronize_session=False)
    )
    return url


def feed_rows(session: Session) -> list[dict[str, Any]]:
    """Every feed with its schedule and health, as plain values (what `feeds list --json` prints)."""
    rejected = dict(
        session.execute(
            select(FeedEntrySeen.feed_id, func.count())
            .where(FeedEntrySeen.state == EntryState.REJECTED)
            .group_by(FeedEntrySeen.feed_id)
        ).all()
    )
    rows = []
    for feed in session.scalars(select(Feed).order_by(Feed.id)):
        rows.append(
            {
                "id": feed.id,
                "url": feed.url,
                "name": feed.name or feed.title,
                "every": format_duration(feed.every_seconds),
                "every_seconds": feed.every_seconds,
                "last_polled_at": iso_utc(feed.last_polled_at),
                "last_success_at": iso_utc(feed.last_success_at),
                "next_poll_at": iso_utc(feed.next_poll_at),
                "last_status": feed.last_status,
                "last_error": feed.last_error,
                "parse_problem": feed.parse_problem,
                "error_count": feed.error_count,
                "items_found": feed.items_found,
                "entries_rejected": rejected.get(feed.id, 0),
                "validators_unreliable": feed.validators_unreliable,
            }
        )
    return rows


# --- the schedule ------------------------------------------------------------------------------------


def next_poll_delay(
    every_seconds: float, error_count: int, max_backoff: float, retry_after: float | None = None
) -> float:
    """Seconds until the next poll: the interval, doubled per consecutive error up to the cap.

    `retry_after` (a server's Retry-After) pushes the poll back further, up to the same cap: a feed is
    never left unpolled for longer than max(max_backoff, every_seconds), whatever a server says.
    """
    # A row written before intervals were bounded (`--every inf`) must not overflow the datetime arithmetic.
    every_seconds = min(every_seconds, MAX_EVERY_SECONDS) if every_seconds == every_seconds else MAX_EVERY_SECONDS
    cap = max(max_backoff, every_seconds)
    if error_count <= 0:
        delay = every_seconds
    else:
        delay = min(every_seconds * 2 ** min(error_count, MAX_BACKOFF_EXPONENT), cap)
    if retry_after is not None and retry_after > delay:
        delay = min(retry_after, cap)
    return delay


def _claimable(now: datetime) -> Any:
    return (Feed.claimed_until.is_(None)) | (Feed.claimed_until < now)


def claim_due_feeds(
    session: Session, *, now: datetime | None = None, limit: int = DUE_BATCH, claim_seconds: float = CLAIM_SECONDS
) -> list[int]:
    """Claim every feed whose poll is due and return their ids; commit before enqueueing their polls.

    One UPDATE ... WHERE due AND unclaimed ... RETURNING: a row is claimed by exactly one caller. On
    PostgreSQL the candidate rows are locked with SKIP LOCKED so concurrent callers split the work
    instead of queueing on each other's locks; on SQLite the write lock taken at BEGIN serialises them.
    """
    now = now or utcnow()
    due = (Feed.next_poll_at <= now) & _claimable(now)
    candidates = select(Feed.id).where(due).order_by(Feed.next_poll_at, Feed.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    claimed = session.scalars(
        update(Feed)
        .where(Feed.id.in_(candidates.scalar_subquery()), due)
        .values(claimed_until=now + timedelta(seconds=claim_seconds))
        .returning(Feed.id)
        .execution_options(synchronize_session=False)
    ).all()
    return sorted(claimed)


def claim_feed(
    session: Session, feed_id: int, *, now: datetime | None = None, claim_seconds: float = CLAIM_SECONDS
) -> bool:
    """Claim one feed for a poll now, due or not (`feeds poll`); False if it is missing or already claimed."""
    now = now or utcnow()
    claimed = session.scalar(
        update(Feed)
        .where(Feed.id == feed_id, _claimable(now))
        .values(claimed_until=now + timedelta(seconds=claim_seconds))
        .returning(Feed.id)
        .execution_options(synchronize_session=False)
    )
    return claimed is not None


# One summary per feed: {"feed_id", "status", "message", ...}.
FeedSummary = dict[str, Any]
BUSY_MESSAGE = "already being polled (claimed by a worker or another command)"


def poll_each_claimed_feed(
    database: Database, feed_id: int | None, poll: Callable[[int], FeedSummary]
) -> list[FeedSummary]:
    """Claim one feed or every feed in turn, due or not, and `poll` each one claimed (send its poll, or run it
    here); one summary per feed, a feed claimed by a poll under way reported as busy (`newsworker feeds poll`).
    """
    with database.session() as session:
        query = select(Feed.id).order_by(Feed.id)
        feed_ids = list(session.scalars(query.where(Feed.id == feed_id) if feed_id is not None else query))
    summaries = []
    for one_id in feed_ids:
        with database.session() as session, session.begin():
            claimed = claim_feed(session, one_id)
        if claimed:
            summaries.append(poll(one_id))
        else:
            summaries.append({"feed_id": one_id, "status": PollRequest.BUSY, "message": BUSY_MESSAGE})
    return summaries


def release_claim(session: Session, feed_id: int) -> None:
    """Give a claim back (its poll could not be enqueued): the feed is due again at the next tick."""
    session.execute(
        update(Feed).where(Feed.id == feed_id).values(claimed_until=None).execution_options(synchronize_session=False)
    )


# --- OPML dropped into the inbox (read by worker.ingest) ------------------------------------------------


def import_opml_specs(
    database: Database, specs: list[FeedSpec], default_every: float, max_feeds: int = DEFAULT_MAX_FEEDS_PER_LIST
) -> ImportReport:
    """Add the feeds of a list in one transaction, leaving feeds already present untouched."""
    from worker.store.errors import store_errors

    with store_errors("the feeds could not be added"), database.session() as session, session.begin():
        return import_feeds(session, specs, default_every, update_existing=False, max_feeds=max_feeds)


# --- small helpers -------------------------------------------------------------------------------------
