"""Typed SQLAlchemy 2.0 models: what newsworker stores.

Identity is enforced by the database (unique content hash, unique sightings, unique feed entries),
so concurrent workers on many machines cannot store a document twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, overload

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from worker.states import EntryState, HookState


def utcnow() -> datetime:
    return datetime.now(UTC)


@overload
def aware(value: datetime) -> datetime: ...
@overload
def aware(value: None) -> None: ...
def aware(value: datetime | None) -> datetime | None:
    """A datetime from the database as UTC-aware (SQLite hands back naive ones; they were stored as UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def iso_utc(value: datetime | None) -> str | None:
    """A datetime from the database as ISO 8601 text with its UTC offset; None stays None."""
    return aware(value).isoformat() if value is not None else None


class Base(DeclarativeBase):
    type_annotation_map = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    credit: Mapped[str | None] = mapped_column(String(128))  # the agency the byline credits: "Associated Press"
    published_at: Mapped[datetime | None]
    site: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str | None] = mapped_column(Text, index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(Text)  # the file path or URL that first brought it
    source_kind: Mapped[str] = mapped_column(String(16))  # file | url | feed
    extractor: Mapped[str] = mapped_column(String(32))  # text-headers | trafilatura | feed-entry
    tagger_backend: Mapped[str] = mapped_column(String(128))
    untagged_reason: Mapped[str | None] = mapped_column(Text)  # why it has no entities: "no tagger for language ja"
    near_duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    near_duplicate_similarity: Mapped[float | None] = mapped_column(Float)
    neardup_signature: Mapped[bytes] = mapped_column(LargeBinary)
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    sightings: Mapped[list[Sighting]] = relationship(back_populates="article", order_by="Sighting.first_seen_at")
    entity_links: Mapped[list[ArticleEntity]] = relationship(back_populates="article")


class Sighting(Base):
    """One place an article was seen: the file or URL, the feed, and when."""

    __tablename__ = "sightings"
    # `via` is part of the identity: the same link carried by two feeds is two sightings.
    __table_args__ = (UniqueConstraint("article_id", "source", "via", name="uq_sighting_article_source_via"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(Text)
    source_kind: Mapped[str] = mapped_column(String(16))
    via: Mapped[str] = mapped_column(Text, default="", server_default="")  # the feed's URL; "" for files and URLs
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"))
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="sightings")


class NearDupBand(Base):
    """LSH band keys: articles sharing a key are near-duplicate candidates (indexed lookup)."""

    __tablename__ = "neardup_bands"

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True)


class Entity(Base):
    """One real-world thing shared by every article that names it, under one canonical name."""

    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("key", "type", name="uq_entity_key_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))  # canonical: "United States", "Ali Khamenei"
    # The identity: the gazetteer's key for names it knows ("country:us", whatever the spelling), else the
    # case-folded name.
    key: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(16), index=True)


class EntityAlias(Base):
    """Another name for an entity: a gazetteer spelling ("u.s.") or a short form an article used with the full
    name ("khamenei" for "Ali Khamenei"). An alias may name several entities (two people called Smith)."""

    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("alias_key", "entity_id", name="uq_entity_alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alias_key: Mapped[str] = mapped_column(String(255))  # case-folded
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(16))  # gazetteer | article


class ArticleEntity(Base):
    __tablename__ = "article_entities"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True)
    count: Mapped[int] = mapped_column(Integer)

    article: Mapped[Article] = relationship(back_populates="entity_links")
    entity: Mapped[Entity] = relationship()


class Rejection(Base):
    """An input that could not be ingested, and why. Nothing is dropped silently."""

    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text, unique=True)  # one row per input, updated on retries
    source_kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    times: Mapped[int] = mapped_column(Integer, default=1)
    error_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)
    task_id: Mapped[str | None] = mapped_column(String(64))
    moved_to: Mapped[str | None] = mapped_column(Text)
    rejected_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class InputError(Base):
    """An input that hit an internal error (our bug, not bad input): kept, listed by `newsworker errors`, and
    run again by `newsworker retry` once a fixed release is installed."""

    __tablename__ = "input_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text, unique=True)  # the file path, entry link or URL; one row per input
    kind: Mapped[str] = mapped_column(String(16), index=True)  # file | entry | url
    stage: Mapped[str] = mapped_column(String(32), index=True)  # read | sniff | decode | extract | tag | store ...
    error_type: Mapped[str] = mapped_column(String(128))
    message: Mapped[str] = mapped_column(Text)
    version: Mapped[str] = mapped_column(String(64))  # the newsworker version that failed
    traceback: Mapped[str | None] = mapped_column(Text)
    entry_id: Mapped[int | None] = mapped_column(Integer)  # a feed entry's id, to retry it
    moved_to: Mapped[str | None] = mapped_column(Text)  # an inbox file's place in failed/
    task_id: Mapped[str | None] = mapped_column(String(64))
    times: Mapped[int] = mapped_column(Integer, default=1)
    failed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class IngestTask(Base):
    """The story of one task (queued -> started -> finished | failed), surviving broker restarts."""

    __tablename__ = "ingest_tasks"

    task_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    argument: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), index=True)  # a TaskState
    outcome: Mapped[str | None] = mapped_column(String(16))  # stored|duplicate|near-duplicate|rejected|...
    article_id: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    deliveries: Mapped[int] = mapped_column(Integer, default=0)
    # Deliveries that found the task still "started": the process running it died (killed, out of memory,
    # the hard time limit). Past a bound the input ends as an error instead of killing workers for ever.
    cut_short: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)
    timings: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class InboxFile(Base):
    """The watcher's ledger: which inbox files were sent, so restarts never re-send finished files."""

    __tablename__ = "inbox_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text, unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))  # a LedgerState (final ones are never re-sent)
    task_id: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Feed(Base):
    """A polled feed and its schedule: beat enqueues a poll when `next_poll_at` is due (no restart needed)."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str | None] = mapped_column(Text)
    every_seconds: Mapped[float] = mapped_column(Float)
    next_poll_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    claimed_until: Mapped[datetime | None]
    last_polled_at: Mapped[datetime | None]
    last_status: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    parse_problem: Mapped[str | None] = mapped_column(Text)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    items_found: Mapped[int] = mapped_column(Integer, default=0)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    body_hash: Mapped[str | None] = mapped_column(String(64))
    validators_unreliable: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    title: Mapped[str | None] = mapped_column(Text)  # the feed's own title, as last parsed
    site_url: Mapped[str | None] = mapped_column(Text)
    last_success_at: Mapped[datetime | None]
    # Consecutive 304s: every so often a poll goes out unconditionally, to catch validators that lie.
    not_modified_streak: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class FeedEntrySeen(Base):
    """Entries already taken from a feed: never enqueued twice, also across restarts."""

    __tablename__ = "feed_entries"
    __table_args__ = (UniqueConstraint("feed_id", "entry_key", name="uq_feed_entry"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    entry_key: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The entry as the feed gave it, so its task can take an id instead of a blob.
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str] | None] = mapped_column(JSON)
    published_at: Mapped[datetime | None]
    content_html: Mapped[str | None] = mapped_column(Text)
    summary_html: Mapped[str | None] = mapped_column(Text)
    has_full_content: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # pending (seen, not yet sent) -> queued -> stored | duplicate | near-duplicate | rejected.
    # Rows from before states were kept were sent when they were seen: "queued".
    state: Mapped[str] = mapped_column(String(16), default=EntryState.PENDING, server_default=EntryState.QUEUED.value)
    queued_at: Mapped[datetime | None]
    task_id: Mapped[str | None] = mapped_column(String(64))  # the last task sent for it
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL", name="fk_feed_entries_article_id")
    )
    reason: Mapped[str | None] = mapped_column(Text)  # why it was rejected


class Event(Base):
    """One entry of the change feed (worker/store/events.py): something an input or a feed poll did, in the order
    it was committed. Append-only; `seq` only grows and is never reused (SQLite AUTOINCREMENT, a PostgreSQL
    sequence), so a consumer keeps the last seq it read and asks for the ones after it."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_kind_seq", "kind", "seq"),
        Index("ix_events_article_id", "article_id"),
        Index("ix_events_feed_id", "feed_id"),  # removing a feed sets its events' feed_id to NULL: found by index
        {"sqlite_autoincrement": True},
    )

    # INTEGER on SQLite: only an INTEGER PRIMARY KEY is the rowid (and takes AUTOINCREMENT).
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))  # an EventKind
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"))
    source: Mapped[str | None] = mapped_column(Text)  # the input's path, URL or entry link, as sightings record it
    task_id: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Hook(Base):
    """A webhook: where events are POSTed, which kinds, and how far it got (`cursor`: the last delivered seq).

    Delivery is at least once and in sequence order from the cursor (worker/hooks.py); a failing hook backs off,
    then is paused, never dropped: its events wait for `newsworker hooks resume`.
    """

    __tablename__ = "hooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    # Event kinds it receives (EventKind values); None: every kind, including kinds added later.
    event_kinds: Mapped[list[str] | None] = mapped_column(JSON)
    secret: Mapped[str] = mapped_column(String(128))  # whsec_ + base64 of the HMAC key (worker/webhook_signing.py)
    # After `hooks rotate`: the replaced secret also signs until previous_secret_until, so receivers can switch.
    previous_secret: Mapped[str | None] = mapped_column(String(128))
    previous_secret_until: Mapped[datetime | None]
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)  # events up to this seq are delivered or skipped
    state: Mapped[str] = mapped_column(String(16), default=HookState.ACTIVE)  # a HookState
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive failed deliveries
    delivered: Mapped[int] = mapped_column(BigInteger, default=0)  # events delivered, in all
    last_error: Mapped[str | None] = mapped_column(Text)  # cleared by a success
    last_status: Mapped[str | None] = mapped_column(String(64))  # ok, http-500, timeout, unreachable...
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)  # None: now; set by a failure's backoff
    paused_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


Index("ix_sightings_article", Sighting.article_id)
Index("ix_ingest_tasks_queued_at", IngestTask.queued_at)
# The metrics scrape reads the tasks finished since its last scrape (migration 0009).
Index("ix_ingest_tasks_state_finished_at", IngestTask.state, IngestTask.finished_at)
