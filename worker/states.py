"""The named states and statuses that inputs, tasks, inbox files, feed entries and feed polls go through.

They are `StrEnum`s: each member is equal to its string, so the database columns stay plain strings
(no migration) and JSON output is unchanged, while the allowed values live here instead of in comments.
"""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """What became of one input (or one of its documents)."""

    STORED = "stored"
    DUPLICATE = "duplicate"
    NEAR_DUPLICATE = "near-duplicate"
    REJECTED = "rejected"
    ERROR = "error"  # an internal error (our bug), kept for `newsworker retry`
    IMPORTED = "imported"  # an OPML list: its feeds joined the polled list

    @property
    def key(self) -> str:
        """The outcome as a JSON key or identifier (`near_duplicate`), as `ingest --json` counts it."""
        return self.value.replace("-", "_")


# Nothing was stored: an inbox file goes to failed/, an entry keeps its text for a later try.
FAILED_OUTCOMES = frozenset({Outcome.REJECTED, Outcome.ERROR})
# The outcome of an input with several documents is the first of these that any of its documents has.
DOCUMENT_OUTCOME_ORDER = (Outcome.STORED, Outcome.NEAR_DUPLICATE, Outcome.DUPLICATE)


class TaskState(StrEnum):
    """An ingest task's story in the history (ingest_tasks.state)."""

    QUEUED = "queued"
    STARTED = "started"
    RETRYING = "retrying"
    FINISHED = "finished"
    FAILED = "failed"
    RESENT = "resent"  # no outcome in time: its input was sent again as another task


class EventKind(StrEnum):
    """What a change-feed event reports (events.kind). Kept stable: consumers filter on these strings."""

    ARTICLE_STORED = "article.stored"  # a new article row (near-duplicates too: they are articles)
    ARTICLE_SEEN_AGAIN = "article.seen-again"  # an existing article seen from a new source (a new sighting)
    ARTICLE_NEAR_DUPLICATE = "article.near-duplicate"  # a new article linked to the story it repeats
    INPUT_REJECTED = "input.rejected"
    INPUT_ERROR = "input.error"  # an internal error, kept for `newsworker retry`
    FEED_FAILING = "feed.failing"  # a feed's polls went from ok to failing
    FEED_RECOVERED = "feed.recovered"  # ... and back to ok


class LedgerState(StrEnum):
    """An inbox file in the watcher's ledger (inbox_files.state)."""

    QUEUED = "queued"
    DONE = "done"  # stored, duplicate or near-duplicate: moved to processed/
    FAILED = "failed"  # rejected: moved to failed/
    ERROR = "error"  # an internal error: moved to failed/, kept for `newsworker retry`

    @classmethod
    def of_outcome(cls, outcome: str) -> LedgerState:
        """The final ledger state of a file with this outcome."""
        if outcome == Outcome.REJECTED:
            return cls.FAILED
        if outcome == Outcome.ERROR:
            return cls.ERROR
        return cls.DONE


# Ledger states that end a file's story: the watcher never sends the same file (size and mtime) again.
LEDGER_FINAL_STATES = (LedgerState.DONE, LedgerState.FAILED, LedgerState.ERROR)


class EntryState(StrEnum):
    """A feed entry seen by a poll (feed_entries_seen.state): pending, queued, then its input's outcome."""

    PENDING = "pending"  # recorded, not sent yet
    QUEUED = "queued"  # its task was sent
    STORED = "stored"
    DUPLICATE = "duplicate"
    NEAR_DUPLICATE = "near-duplicate"
    REJECTED = "rejected"
    ERROR = "error"


# Entry states a delivery of the entry's task treats as done (a no-op); an `error` runs again only by retry.
ENTRY_DONE_STATES = (EntryState.STORED, EntryState.DUPLICATE, EntryState.NEAR_DUPLICATE, EntryState.REJECTED)


class PollStatus(StrEnum):
    """A feed poll's status (feeds.last_status) when it is not a fetch error's label (http-429, timeout...)."""

    OK = "ok"
    NOT_MODIFIED = "not-modified"  # a 304
    UNCHANGED = "unchanged"  # a 200 with the same body as the last one
    MISSING = "missing"  # the feed was removed
    NOT_A_FEED = "not-a-feed"


class PollRequest(StrEnum):
    """What became of a request to poll a feed now (`newsworker feeds poll`)."""

    QUEUED = "queued"
    BUSY = "busy"  # claimed by a poll already under way
    ERROR = "error"  # the broker refused the poll


class RetryStatus(StrEnum):
    """What `newsworker retry` did with an errored input, when it did not run it to an `Outcome` here."""

    QUEUED = "queued"  # sent to the workers (--queue)
    FAILED = "failed"  # the task itself failed (the database still unreachable after its retries)
    MISSING = "missing"  # the file or the entry to run again is gone


class HookState(StrEnum):
    """A webhook's state (hooks.state): delivering, or paused after failing too long (events wait for it)."""

    ACTIVE = "active"
    PAUSED = "paused"  # `newsworker hooks resume ID` delivers again, from its cursor


class DeliveryStatus(StrEnum):
    """How one run of a hook's delivery ended (the `deliver_hook` task's summary)."""

    CAUGHT_UP = "caught-up"  # every event after the cursor was delivered (or skipped by the hook's filter)
    MORE = "more"  # its time was up with events left: another run was sent
    FAILED = "failed"  # a delivery failed: retried after the backoff, or paused
    PAUSED = "paused"  # the hook is paused: nothing sent
    WAITING = "waiting"  # its next attempt (backoff) is not due yet
    BUSY = "busy"  # another run holds the hook's lock
    MISSING = "missing"  # the hook was removed
