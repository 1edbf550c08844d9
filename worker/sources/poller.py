"""Feed polls and feed entries: service code over the database and the shared HttpClient, no Celery.

`poll_feed` makes one conditional GET, records the entries it has not seen before and reschedules the
feed (backing off on errors); `ingest_entry` turns one recorded entry into an article, fetching its
page when the feed carries only a summary; `ingest_url` does the same for a bare URL. `worker.tasks`
wraps them for workers; `newsworker feeds poll --here` runs them in this process (`poll_feeds_here`).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, or_, select, update
from sqlalchemy.orm import Session

from worker.config import Settings
from worker.errors import FetchError, IngestError, StoreDataError, StoreUnavailableError, UnsupportedInputError
from worker.feeds import next_poll_delay, poll_each_claimed_feed
from worker.ingest import Finish, Ingestor, InputFailure, InputOutcome
from worker.pipeline.document import ExtractedDocument, SourceInfo
from worker.pipeline.feeds import FeedEntry, ParsedFeed, UnsafeXMLError, parse_feed
from worker.sources.http import FetchResult, HttpClient, HttpSettings, HTTPStatusError
from worker.sources.politeness import NullRateLimiter, RateLimiter
from worker.states import ENTRY_DONE_STATES, FAILED_OUTCOMES, EntryState, EventKind, Outcome, PollStatus
from worker.store.db import Database
from worker.store.errors import store_errors
from worker.store.events import record_event
from worker.store.models import Feed, FeedEntrySeen, aware, utcnow
from worker.store.repository import insert_for
from worker.store.values import clean_text, key_form

log = logging.getLogger(__name__)

# After this many 304s in a row one poll goes out without validators, to catch a server whose ETag
# stays the same while the feed changes (its 304s would hide new entries for ever).
VERIFY_AFTER_NOT_MODIFIED = 10
# An entry recorded but not sent this long ago (the broker refused it, the process died) is sent by the next poll.
PENDING_GRACE_SECONDS = 60.0
RESEND_BATCH = 200
ERROR_TEXT_LIMIT = 1000


def http_settings(settings: Settings) -> HttpSettings:
    """The HttpClient's settings from newsworker's."""
    return HttpSettings(
        connect_timeout=settings.http_connect_timeout,
        read_timeout=settings.http_read_timeout,
        max_bytes=settings.http_max_bytes,
        allow_private_networks=settings.allow_private_networks,
    )


def make_http_client(settings: Settings, rate_limiter: RateLimiter | None = None) -> HttpClient:
    """The one HttpClient a process uses; without a rate limiter, hosts are not spaced (in-process use)."""
    return HttpClient(http_settings(settings), rate_limiter or NullRateLimiter())


# --- polling a feed ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedSnapshot:
    """What a poll needs from the feed row, read before the (slow) fetch so no transaction stays open."""

    id: int
    url: str
    every_seconds: float
    error_count: int
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    validators_unreliable: bool
    not_modified_streak: int

    @classmethod
    def of(cls, feed: Feed) -> FeedSnapshot:
        return cls(
            feed.id,
            feed.url,
            feed.every_seconds,
            feed.error_count,
            feed.etag,
            feed.last_modified,
            feed.body_hash,
            feed.validators_unreliable,
            feed.not_modified_streak,
        )


@dataclass
class PollResult:
    """What one poll did; `to_send` are the entries (id, link) to ingest now."""

    feed_id: int
    url: str
    status: str  # ok | not-modified | unchanged | missing | http-NNN | timeout | too-large | blocked | unsafe-xml | ...
    http_status: int | None = None
    entries: int = 0  # entries in the fetched document
    new_entries: int = 0
    to_send: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None
    parse_problem: str | None = None
    validators_unreliable: bool = False
    next_poll_at: datetime | None = None

    def summary(self) -> dict[str, Any]:
        """The small record a poll task returns."""
        return {
            "feed_id": self.feed_id,
            "url": self.url,
            "status": self.status,
            "http_status": self.http_status,
            "entries": self.entries,
            "new_entries": self.new_entries,
            "sent": len(self.to_send),
            "error": self.error,
            "parse_problem": self.parse_problem,
            "validators_unreliable": self.validators_unreliable,
            "next_poll_at": self.next_poll_at.isoformat() if self.next_poll_at else None,
        }

    def message(self) -> str:
        """One line for the command line."""
        if self.error:
            return f"{self.status}: {self.error}"
        text = f"{self.status}, {self.entries} entries, {self.new_entries} new"
        if self.parse_problem:
            text += f" (parse problem: {self.parse_problem})"
        return text


def conditional_validators(feed: FeedSnapshot) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) to send, or (None, None) when they cannot be trusted or are due a check."""
    if feed.validators_unreliable or feed.not_modified_streak >= VERIFY_AFTER_NOT_MODIFIED:
        return None, None
    return feed.etag, feed.last_modified


def validators_lie(feed: FeedSnapshot, response: FetchResult, body_hash: str) -> str | None:
    """Why the server's validators cannot be trusted, judged from a 200 against the last one; None if they can.

    Two lies are caught: new validators for the very same body (so a conditional GET never saves
    anything), and the same validators for a changed body (so a 304 may hide new entries).
    """
    if feed.body_hash is None:
        return None
    if body_hash == feed.body_hash:
        if (response.etag and feed.etag and response.etag != feed.etag) or (
            response.last_modified and feed.last_modified and response.last_modified != feed.last_modified
        ):
            return "the server sent new validators for an unchanged body"
        return None
    if response.etag:
        if response.etag == feed.etag:
            return "the server sent the same ETag for a changed body"
        return None
    if response.last_modified and response.last_modified == feed.last_modified:
        return "the server sent the same Last-Modified for a changed body"
    return None


def fetch_error_status(error: IngestError) -> tuple[str, float | None]:
    """A short status for `feeds list` (http-429, timeout, too-large...) and the server's Retry-After, if any."""
    return error.status_label, getattr(error, "retry_after", None)


def poll_feed(
    database: Database, client: HttpClient, feed_id: int, settings: Settings, *, now: datetime | None = None
) -> PollResult:
    """Poll one feed: fetch (conditionally), record the entries not seen before, reschedule; never raises for
    a feed's own failures (they are recorded on the feed and backed off). Raises StoreUnavailableError when
    the database cannot be written.
    """
    with store_errors("the feed's poll could not be recorded"):
        with database.session() as session:
            feed = session.get(Feed, feed_id)
            snapshot = FeedSnapshot.of(feed) if feed is not None else None
        if snapshot is None:
            return PollResult(feed_id, "", PollStatus.MISSING, error="the feed was removed")
    try:
        with store_errors("the feed's poll could not be recorded"):
            return _fetch_and_record(database, client, snapshot, settings, now)
    except StoreUnavailableError:
        raise
    except StoreDataError as error:  # a value of the feed the database refused: shown in `feeds list`
        log.warning("feed poll refused by the database feed=%s url=%r: %s", snapshot.id, snapshot.url, error.reason)
        failed: IngestError = error
    except Exception as error:  # noqa: BLE001 - a bug must not leave the feed silently unpolled: it shows in `feeds list`
        log.exception("feed poll crashed feed=%s url=%r", snapshot.id, snapshot.url)
        failed = IngestError(f"the poll failed unexpectedly: {type(error).__name__}: {error}")
    with store_errors("the feed's poll could not be recorded"):
        return _record_error(database, snapshot, settings, failed, now)


@dataclass(frozen=True)
class PollUpdate:
    """What a successful poll changes on its feed, computed from the response before anything is written."""

    status: PollStatus  # ok, not-modified or unchanged
    response: FetchResult  # its validators (ETag, Last-Modified) replace the feed's
    body_hash: str | None = None  # None for a 304: the body is the one hashed last time
    unreliable: bool | None = None  # whether the validators lie; None leaves the feed's flag as it is
    parsed: ParsedFeed | None = None  # a changed body's entries and metadata

    def feed_values(self, feed: FeedSnapshot, now: datetime, next_poll_at: datetime) -> dict[str, Any]:
        """The feed row's new values (entries are counted in by the caller, who inserts them)."""
        values: dict[str, Any] = {
            "last_polled_at": now,
            "last_success_at": now,
            "last_status": self.status,
            "last_error": None,
            "error_count": 0,
            "next_poll_at": next_poll_at,
            "claimed_until": None,
            "not_modified_streak": feed.not_modified_streak + 1 if self.status == PollStatus.NOT_MODIFIED else 0,
            "etag": self.response.etag,
            "last_modified": self.response.last_modified,
        }
        if self.body_hash is not None:
            values["body_hash"] = self.body_hash
        if self.unreliable is not None:
            values["validators_unreliable"] = self.unreliable
        if self.parsed is not None:
            values.update(
                title=clean_text(self.parsed.title),
                site_url=clean_text(self.parsed.site_url),
                parse_problem=clean_text(self.parsed.problem),
            )
        return values


def _fetch_and_record(
    database: Database, client: HttpClient, snapshot: FeedSnapshot, settings: Settings, now: datetime | None
) -> PollResult:
    etag, last_modified = conditional_validators(snapshot)
    try:
        response = client.get(snapshot.url, etag=etag, last_modified=last_modified)
    except FetchError as error:
        return _record_error(database, snapshot, settings, error, now)
    if response.not_modified:
        return _record_success(database, snapshot, settings, PollUpdate(PollStatus.NOT_MODIFIED, response), now)
    body_hash = hashlib.sha256(response.body).hexdigest()
    lie = validators_lie(snapshot, response, body_hash)
    if lie:
        log.warning("validators unreliable feed=%s url=%r: %s", snapshot.id, snapshot.url, lie)
    unreliable = snapshot.validators_unreliable or lie is not None
    if body_hash == snapshot.body_hash:
        poll_update = PollUpdate(PollStatus.UNCHANGED, response, body_hash, unreliable)
        return _record_success(database, snapshot, settings, poll_update, now)
    try:
        parsed = parse_feed(response.body, url=response.url, content_type=response.content_type)
    except UnsafeXMLError as error:
        return _record_error(database, snapshot, settings, error, now)
    if not parsed.entries and parsed.problem:
        failure = UnsupportedInputError(parsed.problem)
        return _record_error(database, snapshot, settings, failure, now, PollStatus.NOT_A_FEED)
    poll_update = PollUpdate(PollStatus.OK, response, body_hash, unreliable, parsed)
    return _record_success(database, snapshot, settings, poll_update, now)


def _record_error(
    database: Database,
    feed: FeedSnapshot,
    settings: Settings,
    error: IngestError,
    now: datetime | None,
    status: str | None = None,
) -> PollResult:
    """Count the error on the feed and push its next poll back (Retry-After honoured); the feed stays scheduled."""
    now = now or utcnow()
    label, retry_after = fetch_error_status(error)
    status = status or label
    errors = feed.error_count + 1
    next_poll_at = now + timedelta(
        seconds=next_poll_delay(feed.every_seconds, errors, settings.feed_max_backoff, retry_after)
    )
    reason = clean_text(error.reason)[:ERROR_TEXT_LIMIT]
    with database.session() as session, session.begin():
        counted = session.scalar(
            update(Feed)
            .where(Feed.id == feed.id)
            .values(
                last_polled_at=now,
                last_status=status,
                last_error=reason,
                error_count=Feed.error_count + 1,
                next_poll_at=next_poll_at,
                claimed_until=None,
            )
            .returning(Feed.error_count)
            .execution_options(synchronize_session=False)
        )
        if counted == 1:  # the count as the database has it: its first error since the last success
            record_event(
                session,
                EventKind.FEED_FAILING,
                feed_id=feed.id,
                source=feed.url,
                payload={"url": feed.url, "status": status, "reason": reason},
            )
        to_send = _entries_to_resend(session, feed.id, now, settings.resend_after)
    log.warning("feed poll failed feed=%s url=%r status=%s: %s (errors=%d)", feed.id, feed.url, status, reason, errors)
    http_status = error.status if isinstance(error, HTTPStatusError) else None
    return PollResult(
        feed.id,
        feed.url,
        status,
        http_status=http_status,
        error=reason,
        to_send=to_send,
        validators_unreliable=feed.validators_unreliable,
        next_poll_at=next_poll_at,
    )


def _record_success(
    database: Database, feed: FeedSnapshot, settings: Settings, poll_update: PollUpdate, now: datetime | None
) -> PollResult:
    """Record the entries not seen before and apply the poll's update to the feed, in one transaction."""
    now = now or utcnow()
    next_poll_at = now + timedelta(seconds=feed.every_seconds)
    values = poll_update.feed_values(feed, now, next_poll_at)
    result = PollResult(
        feed.id,
        feed.url,
        poll_update.status,
        http_status=poll_update.response.status,
        next_poll_at=next_poll_at,
        validators_unreliable=feed.validators_unreliable if poll_update.unreliable is None else poll_update.unreliable,
    )
    with database.session() as session, session.begin():
        # Locked so that a feed removed meanwhile gets no orphan entries (and stays removed).
        errors_before = session.scalar(select(Feed.error_count).where(Feed.id == feed.id).with_for_update())
        if errors_before is None:
            return PollResult(feed.id, feed.url, PollStatus.MISSING, error="the feed was removed during its poll")
        if errors_before > 0:
            record_event(
                session,
                EventKind.FEED_RECOVERED,
                feed_id=feed.id,
                source=feed.url,
                payload={"url": feed.url, "status": str(poll_update.status), "errors": errors_before},
            )
        if poll_update.parsed is not None:
            new = record_entries(session, feed.id, poll_update.parsed.entries, now)
            values["items_found"] = Feed.items_found + len(new)
            result.entries, result.new_entries = len(poll_update.parsed.entries), len(new)
            result.parse_problem = poll_update.parsed.problem
            result.to_send.extend(new)
        session.execute(
            update(Feed).where(Feed.id == feed.id).values(**values).execution_options(synchronize_session=False)
        )
        result.to_send.extend(_entries_to_resend(session, feed.id, now, settings.resend_after))
    log.info(
        "feed polled feed=%s url=%r status=%s entries=%d new=%d",
        feed.id,
        feed.url,
        poll_update.status,
        result.entries,
        result.new_entries,
    )
    return result


def record_entries(session: Session, feed_id: int, entries: list[FeedEntry], now: datetime) -> list[tuple[int, str]]:
    """Insert-or-ignore a seen row per entry; returns (id, link) of the rows actually inserted: the new entries.

    The unique (feed_id, entry_key) settles it in the database: an entry seen before, by this poll or
    any other, on this machine or another, before a restart or after, is never returned twice.
    """
    new: list[tuple[int, str]] = []
    for entry in entries:
        inserted = session.scalar(
            insert_for(session, FeedEntrySeen)
            .values(
                feed_id=feed_id,
                entry_key=key_form(entry.entry_key),
                link=clean_text(entry.link),
                title=clean_text(entry.title),
                authors=[clean_text(author) for author in entry.authors],
                published_at=entry.published_at,
                content_html=clean_text(entry.content_html),
                summary_html=clean_text(entry.summary_html),
                has_full_content=entry.has_full_content,
                state=EntryState.PENDING,
                first_seen_at=now,
            )
            .on_conflict_do_nothing(index_elements=["feed_id", "entry_key"])
            .returning(FeedEntrySeen.id)
        )
        if inserted is not None:
            new.append((inserted, entry.link or entry.entry_key))
    return new


def _entries_to_resend(session: Session, feed_id: int, now: datetime, resend_after: float) -> list[tuple[int, str]]:
    """Entries recorded but never sent (the broker refused, the process died), or sent long ago with no outcome."""
    rows = session.execute(
        select(FeedEntrySeen.id, FeedEntrySeen.link, FeedEntrySeen.entry_key)
        .where(
            FeedEntrySeen.feed_id == feed_id,
            or_(
                (FeedEntrySeen.state == EntryState.PENDING)
                & (FeedEntrySeen.first_seen_at < now - timedelta(seconds=PENDING_GRACE_SECONDS)),
                (FeedEntrySeen.state == EntryState.QUEUED)
                & (FeedEntrySeen.queued_at < now - timedelta(seconds=resend_after)),
            ),
        )
        .order_by(FeedEntrySeen.id)
        .limit(RESEND_BATCH)
    ).all()
    return [(row.id, row.link or row.entry_key) for row in rows]


def task_ids_sent_for(session: Session, entry_ids: list[int]) -> dict[int, str]:
    """The task last sent for each entry that has one."""
    rows = session.execute(
        select(FeedEntrySeen.id, FeedEntrySeen.task_id).where(
            FeedEntrySeen.id.in_(entry_ids), FeedEntrySeen.task_id.is_not(None)
        )
    ).all()
    return {row.id: row.task_id for row in rows}


def mark_entries_queued(session: Session, task_ids: dict[int, str], now: datetime | None = None) -> None:
    """Note that each entry's task was sent (so the resend sweep leaves it alone for a while), and which."""
    if not task_ids:
        return
    entries = cast(Table, FeedEntrySeen.__table__)  # Core: an executemany with one task id per row
    session.execute(
        update(entries)
        # No IN (...) here: expanding parameters cannot be used with executemany.
        .where(
            entries.c.id == bindparam("entry_id"),
            or_(entries.c.state == EntryState.PENDING, entries.c.state == EntryState.QUEUED),
        )
        .values(state=EntryState.QUEUED, queued_at=now or utcnow(), task_id=bindparam("sent_task_id")),
        [{"entry_id": entry_id, "sent_task_id": task_id} for entry_id, task_id in task_ids.items()],
    )


# --- ingesting an entry --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredEntry:
    """A recorded entry and the feed it came from, read back by its task."""

    entry: FeedEntry
    state: str
    article_id: int | None
    reason: str | None
    feed_id: int
    feed_url: str
    feed_title: str | None

    @property
    def source(self) -> SourceInfo:
        """The sighting: the entry's link (or feed URL and entry key), through this feed."""
        name = self.entry.link or f"{self.feed_url}#{self.entry.entry_key}"
        return SourceInfo(source=name, kind="feed", feed_id=self.feed_id, via=self.feed_url)


def load_entry(session: Session, entry_id: int) -> StoredEntry | None:
    row = session.execute(
        select(FeedEntrySeen, Feed.url, Feed.title, Feed.name)
        .join(Feed, Feed.id == FeedEntrySeen.feed_id)
        .where(FeedEntrySeen.id == entry_id)
    ).first()
    if row is None:
        return None
    seen: FeedEntrySeen = row[0]
    entry = FeedEntry(
        entry_key=seen.entry_key,
        title=seen.title,
        link=seen.link,
        authors=list(seen.authors or []),
        published_at=aware(seen.published_at),
        content_html=seen.content_html,
        summary_html=seen.summary_html,
        has_full_content=seen.has_full_content,
    )
    return StoredEntry(entry, seen.state, seen.article_id, seen.reason, seen.feed_id, row.url, row.title or row.name)


def entry_document(client: HttpClient, entry: FeedEntry, feed_title: str | None) -> ExtractedDocument:
    """The article of an entry: its own content, or, when it carries only a summary, its page's text.

    The entry's metadata fills in what the page lacks. Raises IngestError (FetchError subclasses for
    the page's fetch; `transient` ones may succeed later).
    """
    from worker.pipeline.extract import document_from_entry, finish_document

    if entry.has_full_content or not entry.link:
        return finish_document(document_from_entry(entry, feed_title))
    page = fetch_page(client, entry.link)
    return finish_document(document_from_entry(entry, feed_title, page))


def fetch_page(client: HttpClient, url: str) -> ExtractedDocument:
    """The article on a web page (trafilatura), fetched through the shared client."""
    from worker.pipeline.extract import extract_documents
    from worker.pipeline.sniff import sniff_kind

    response = client.get(url)
    kind = sniff_kind(response.body, response.url)
    if kind not in {"html", "text"}:
        raise UnsupportedInputError(f"{response.url} is a {kind} document, not an article page")
    return extract_documents(
        response.body, SourceInfo(source=response.url, kind="url", content_type=response.content_type)
    )[0]


class RetryLater(Exception):
    """A transient failure for the task to retry; the entry (or URL) keeps a rejection saying so meanwhile."""

    def __init__(self, error: IngestError) -> None:
        super().__init__(error.reason)
        self.error = error
        self.retry_after: float | None = getattr(error, "retry_after", None)


def ingest_entry(
    ingestor: Ingestor,
    client: HttpClient,
    entry_id: int,
    *,
    task_id: str | None = None,
    last_attempt: bool = True,
    finish: Finish | None = None,
) -> tuple[InputOutcome, int | None]:
    """Store one recorded entry as an article (one more sighting if its text is known), or record why not.

    Returns the outcome and the entry's feed id (None when the feed is gone). The entry's state is written
    in the transaction that records the outcome, with `finish`.

    A transient failure (timeout, 5xx, 429) raises RetryLater unless this is the last attempt; it is
    recorded as a rejection meanwhile, which a later success removes. A finished entry is a no-op; an
    entry that hit an internal error runs again only when retried (`newsworker retry`), never by a poll.
    """
    database = ingestor.database
    with store_errors("the feed entry could not be read"), database.session() as session:
        stored = load_entry(session, entry_id)
    if stored is None:
        gone = InputOutcome(
            source=f"feed entry #{entry_id}", status=Outcome.REJECTED, reason="the entry's feed was removed"
        )
        return gone, None
    source = stored.source
    if stored.state in ENTRY_DONE_STATES:
        log.info("feed entry=%s already %s: no-op", entry_id, stored.state)
        return InputOutcome(source=source.source, status=Outcome(stored.state), reason=stored.reason), stored.feed_id

    mark_and_finish = _entry_finisher(entry_id, finish)
    try:
        document = entry_document(client, stored.entry, stored.feed_title)
    except IngestError as error:
        if error.transient and not last_attempt:
            ingestor.reject(source.source, source.kind, FetchError(f"{error.reason} (will retry)"), task_id=task_id)
            _mark_entry(database, entry_id, EntryState.QUEUED, reason=error.reason)
            raise RetryLater(error) from error
        outcome = ingestor.reject(source.source, source.kind, error, task_id=task_id, finish=mark_and_finish)
        return outcome, stored.feed_id
    except (StoreUnavailableError, RetryLater):
        raise
    except Exception as error:  # noqa: BLE001 - contained: one entry's bug must not stop the poll or the worker
        failure = InputFailure.of(error, "extract")
        outcome = ingestor.record_error(
            source.source, source.kind, failure, task_id=task_id, entry_id=entry_id, finish=mark_and_finish
        )
        return outcome, stored.feed_id
    outcome = ingestor.store_documents([document], source, task_id=task_id, entry_id=entry_id, finish=mark_and_finish)
    return outcome, stored.feed_id


def _entry_finisher(entry_id: int, finish: Finish | None) -> Finish:
    """A hook that writes the entry's state with its outcome (then runs `finish`), in the outcome's transaction."""

    def mark_and_finish(session: Session, outcome: InputOutcome) -> None:
        values: dict[str, Any] = {"state": outcome.status, "reason": outcome.reason}
        if outcome.status not in FAILED_OUTCOMES:
            # The article holds the text now; the entry row keeps its identity and metadata only.
            values.update(article_id=outcome.first_article_id, content_html=None, summary_html=None)
        session.execute(
            update(FeedEntrySeen)
            .where(FeedEntrySeen.id == entry_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if finish is not None:
            finish(session, outcome)

    return mark_and_finish


def record_entry_error(
    ingestor: Ingestor, entry_id: int, failure: InputFailure, *, finish: Finish | None = None
) -> InputOutcome:
    """Record an entry as an internal error without running it (its task kept dying); polls never send it again."""
    with store_errors("the feed entry could not be read"), ingestor.database.session() as session:
        stored = load_entry(session, entry_id)
    name = stored.source.source if stored is not None else f"feed entry #{entry_id}"
    return ingestor.record_error(name, "feed", failure, entry_id=entry_id, finish=_entry_finisher(entry_id, finish))


def _mark_entry(database: Database, entry_id: int, state: EntryState, *, reason: str | None = None) -> None:
    with store_errors("the feed entry could not be updated"), database.session() as session, session.begin():
        session.execute(
            update(FeedEntrySeen)
            .where(FeedEntrySeen.id == entry_id)
            .values(state=state, reason=reason)
            .execution_options(synchronize_session=False)
        )


# --- a bare URL ----------------------------------------------------------------------------------------


def ingest_url(
    ingestor: Ingestor,
    client: HttpClient,
    url: str,
    *,
    task_id: str | None = None,
    last_attempt: bool = True,
    finish: Finish | None = None,
) -> InputOutcome:
    """Fetch a page (or a feed, or an OPML list) and store what it holds, or record why not.

    Transient failures raise RetryLater unless this is the last attempt, like `ingest_entry`.
    """
    try:
        response = client.get(url)
    except FetchError as error:
        if error.transient and not last_attempt:
            ingestor.reject(url, "url", FetchError(f"{error.reason} (will retry)"), task_id=task_id)
            raise RetryLater(error) from error
        return ingestor.reject(url, "url", error, task_id=task_id, finish=finish)
    except (StoreUnavailableError, RetryLater):
        raise
    except Exception as error:  # noqa: BLE001 - contained: one URL's bug must not stop the worker
        return ingestor.record_error(url, "url", InputFailure.of(error, "fetch"), task_id=task_id, finish=finish)
    source = SourceInfo(source=url, kind="url", content_type=response.content_type)
    return ingestor.ingest_bytes(response.body, source, task_id=task_id, finish=finish)


# --- in this process, with no broker -------------------------------------------------------------------


def poll_feeds_here(settings: Settings, database: Database, feed_id: int | None = None) -> list[dict[str, Any]]:
    """Poll one feed or every feed now and ingest their new entries in this process (`feeds poll --here`).

    Each feed is claimed first, so a worker polling it at the same moment is not doubled.
    """
    ingestor = Ingestor(settings, database)
    with make_http_client(settings) as client:

        def poll_and_ingest(one_id: int) -> dict[str, Any]:
            result = poll_feed(database, client, one_id, settings)
            counts: dict[str, int] = {}
            for entry_id, _link in result.to_send:
                outcome, _feed_id = ingest_entry(ingestor, client, entry_id, last_attempt=True)
                counts[outcome.status] = counts.get(outcome.status, 0) + 1
            stored = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
            return {
                **result.summary(),
                "ingested": counts,
                "message": result.message() + (f"; {stored}" if stored else ""),
            }

        return poll_each_claimed_feed(database, feed_id, poll_and_ingest)
