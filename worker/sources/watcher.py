"""The watched folder: turns files dropped into the inbox into `ingest_file` tasks.

A file is sent only once it is completely written: size and mtime unchanged for `stable_seconds`
(files found by a scan, polling mode, files still open), or for the shorter `settle_seconds` once inotify
reported that its writer closed it or that it was renamed into place. Junk that browsers and sync tools
leave is ignored. A start scan and
a periodic rescan catch events missed while the watcher was down; the ledger in the database means
a restart never re-sends a finished file, and a file queued long ago without an outcome (a broker
that lost its queue) is sent again — safe because ingestion is idempotent.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    EVENT_TYPE_OPENED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from worker.errors import OutsideInboxError, SendInterrupted
from worker.ingest import display_path
from worker.sources.inbox import LEDGER_FINAL_STATES, SET_ASIDE_FOLDERS, record_ledger, set_aside
from worker.sources.inbox_identity import ensure_inbox_id
from worker.states import LedgerState
from worker.store import history
from worker.store.db import Database
from worker.store.models import InboxFile, utcnow
from worker.store.repository import record_rejection
from worker.store.values import key_form

log = logging.getLogger(__name__)

# A file being copied sends an event per write: the loop looks at most this often, however many arrive.
MIN_TICK_SECONDS = 0.01

JUNK_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".swp", ".swx", "~", ".reason.txt")
JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store", "icon\r"})
JUNK_PREFIXES = (".", "~$", ".~lock.", "._")
JUNK_FOLDERS = frozenset({"@eadir", "$recycle.bin", "#recycle", "system volume information", "lost+found"})


def is_ignored(relative: Path) -> bool:
    """True for temporary, hidden and sync-tool paths, and for the processed/ and failed/ folders."""
    parts = relative.parts
    if not parts:
        return True
    if parts[0] in SET_ASIDE_FOLDERS:
        return True
    for part in parts[:-1]:
        if part.startswith(".") or part.casefold() in JUNK_FOLDERS:
            return True
    name = parts[-1]
    lowered = name.casefold()
    return lowered in JUNK_NAMES or name.startswith(JUNK_PREFIXES) or lowered.endswith(JUNK_SUFFIXES)


@dataclass
class StabilityTracker:
    """Decides when a file has stopped changing: the same size and mtime for long enough.

    Long enough is `stable_seconds`, or `settle_seconds` for a file its writer has closed (or that was
    renamed into place): a closed file is complete unless it is opened again, which a short settle catches.
    """

    stable_seconds: float
    settle_seconds: float | None = None  # None: the same as stable_seconds
    _seen: dict[Path, tuple[int, int, float]] = field(default_factory=dict)

    def wait_left(self, path: Path, size: int, mtime_ns: int, now: float, *, closed: bool = False) -> float:
        """Record the file's state; the seconds it must still stay unchanged (0 once it is stable)."""
        needed = self.stable_seconds
        if closed and self.settle_seconds is not None:
            needed = min(needed, self.settle_seconds)
        previous = self._seen.get(path)
        if previous is None or previous[:2] != (size, mtime_ns):
            self._seen[path] = (size, mtime_ns, now)
            return max(0.0, needed)
        return max(0.0, needed - (now - previous[2]))

    def observe(self, path: Path, size: int, mtime_ns: int, now: float, *, closed: bool = False) -> bool:
        """Record the file's state; True once it has been unchanged for long enough."""
        return self.wait_left(path, size, mtime_ns, now, closed=closed) <= 0

    def forget(self, path: Path) -> None:
        self._seen.pop(path, None)


# What an inotify event says of a path: written to (wait the full delay), closed after writing or renamed
# into place (settle), or nothing (reads by the workers themselves: ignored, not a reason to look again).
_WRITTEN = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED})
_FINISHED = frozenset({EVENT_TYPE_CLOSED})
_IRRELEVANT = frozenset({EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE})


class _EventCollector(FileSystemEventHandler):
    def __init__(self, notify: Callable[..., None]) -> None:
        self.notify = notify

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _IRRELEVANT or (event.is_directory and event.event_type != EVENT_TYPE_MOVED):
            return
        if event.event_type == EVENT_TYPE_MOVED:
            self.notify(Path(os.fsdecode(event.src_path)))
            if event.dest_path:
                self.notify(Path(os.fsdecode(event.dest_path)), closed=not event.is_directory)
            return
        closed = True if event.event_type in _FINISHED else False if event.event_type in _WRITTEN else None
        self.notify(Path(os.fsdecode(event.src_path)), closed=closed)


# Stable files sent per batch: one ledger query and one transaction each. Bounded, because the transaction holds
# SQLite's write lock while it runs (the workers' commits wait for it): 64 rows take a few ms.
SEND_BATCH = 64


@dataclass(frozen=True)
class StableFile:
    """A candidate that has stopped changing: what the ledger is asked about and what is recorded once sent."""

    path: Path
    shown: str  # display_path(path): the ledger's key and the history's argument
    size: int
    mtime_ns: int


def _record_sent(file: StableFile, previous_task: str | None) -> Callable[[Session, str], None]:
    def record_sent(session: Session, task_id: str) -> None:  # in the same transaction as the history row
        if previous_task:
            history.record_resent(session, previous_task, task_id)
        record_ledger(session, file.shown, file.size, file.mtime_ns, LedgerState.QUEUED, task_id=task_id)

    return record_sent


class InboxWatcher:
    """Watches `inbox` (recursively) and hands the finished files to `send`, a batch at a time: `send` gets
    (path, record) pairs, returns their task ids in order, calls `record(session, task_id)` in the transaction
    that records each one as queued, and raises SendInterrupted when only the first ones were sent."""

    def __init__(
        self,
        inbox: Path,
        database: Database,
        send: Callable[[list[tuple[Path, Callable[[Session, str], None]]]], list[str]],
        *,
        stable_seconds: float = 1.0,
        settle_seconds: float | None = 0.1,
        resend_after: float = 600.0,
        rescan_seconds: float = 30.0,
        polling: bool = False,
        tick_seconds: float = 0.1,
        heartbeat: Callable[[], None] | None = None,
    ) -> None:
        self.inbox = inbox.resolve()
        self.database = database
        self.send = send
        self.tracker = StabilityTracker(stable_seconds, settle_seconds)
        self.resend_after = resend_after
        self.rescan_seconds = rescan_seconds
        self.polling = polling
        self.tick_seconds = tick_seconds
        self.heartbeat = heartbeat  # called on every turn of the loop (it limits its own rate): `newsworker health`
        # Each candidate with the monotonic time it is next looked at: a burst of thousands of files
        # waiting to settle costs a stat each when due, not one per file on every tick.
        self._candidates: dict[Path, float] = {}
        self._closed: set[Path] = set()  # closed by their writer (or renamed in) and not written since
        self._renotified: set[Path] = set()  # events that arrived while their path was being considered
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()  # set by events, so a closed file is looked at without waiting a tick
        self._send_backoff_until = 0.0
        self._send_failures = 0
        self.sent = 0

    # --- events -----------------------------------------------------------------------------------

    def notify(self, path: Path, closed: bool | None = None) -> None:
        """Look at `path` on the next tick; `closed` True when its writer closed it, False when written to."""
        with self._lock:
            self._candidates[path] = 0.0
            self._renotified.add(path)
            if closed:
                self._closed.add(path)
            elif closed is False:
                self._closed.discard(path)
        self._wake.set()

    def scan(self) -> int:
        """Add every file under the inbox as a candidate; returns how many."""
        found = 0
        for path in self._walk():
            self.notify(path)
            found += 1
        return found

    def _walk(self) -> Iterator[Path]:
        for root, dirs, files in os.walk(self.inbox):
            root_path = Path(root)
            relative_root = root_path.relative_to(self.inbox)
            dirs[:] = [d for d in dirs if not is_ignored(relative_root / d / "x")]
            for name in files:
                yield root_path / name
            # os.walk lists symlinks to folders among dirs without following them; they are candidates too.
            for name in list(dirs):
                if (root_path / name).is_symlink():
                    dirs.remove(name)
                    yield root_path / name

    # --- the loop ---------------------------------------------------------------------------------

    def run(self) -> None:
        """Watch until `stop()`; scans at start and every `rescan_seconds`."""
        self.inbox.mkdir(parents=True, exist_ok=True)
        # Names this inbox's task queue: only workers that read the same identity take its files.
        log.info("inbox identity %s", ensure_inbox_id(self.inbox))
        observer = PollingObserver(timeout=1.0) if self.polling else Observer()
        observer.schedule(_EventCollector(self.notify), str(self.inbox), recursive=True)
        observer.start()
        log.info("watching %s (%s)", self.inbox, "polling" if self.polling else "inotify")
        try:
            found = self.scan()
            log.info("start scan: %d files in the inbox", found)
            next_rescan = time.monotonic() + self.rescan_seconds
            while not self._stop.is_set():
                if self.heartbeat is not None:
                    self.heartbeat()
                self._wake.clear()
                self.process_candidates(time.monotonic())
                if time.monotonic() >= next_rescan:
                    self.scan()
                    next_rescan = time.monotonic() + self.rescan_seconds
                self._wake.wait(self._sleep_for(time.monotonic()))
        finally:
            observer.stop()
            observer.join(timeout=5)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def _sleep_for(self, now: float) -> float:
        """Until the next candidate is due or an event arrives, within [MIN_TICK_SECONDS, tick_seconds]."""
        with self._lock:
            next_due = min(self._candidates.values(), default=now + self.tick_seconds)
        return min(self.tick_seconds, max(MIN_TICK_SECONDS, next_due - now))

    def process_candidates(self, now: float) -> None:
        """Send every due candidate that is stable and not already handled; keep the rest for later.

        The stable files of a turn are sent together, in batches of SEND_BATCH: one ledger query and one send
        (one transaction for their history and ledger rows) per batch instead of one each."""
        with self._lock:
            due = sorted(path for path, when in self._candidates.items() if when <= now)
            self._renotified.difference_update(due)
        next_looks: dict[Path, float | None] = {}
        stable: list[StableFile] = []
        for path in due:
            looked = self._consider(path, now)
            if isinstance(looked, StableFile):
                stable.append(looked)
            else:
                next_looks[path] = looked
        for start in range(0, len(stable), SEND_BATCH):
            next_looks.update(self._send_stable(stable[start : start + SEND_BATCH], now))
        with self._lock:
            for path in due:
                if path in self._renotified:
                    continue  # an event came while it was considered: look again at once
                next_look = next_looks[path]
                if next_look is None:
                    self._candidates.pop(path, None)
                    self._closed.discard(path)
                else:
                    self._candidates[path] = next_look

    def _consider(self, path: Path, now: float) -> StableFile | float | None:
        """Look at one candidate: stable and ready to be sent, or the time to look at it again, or None when it
        is done with."""
        try:
            relative = path.relative_to(self.inbox)
        except ValueError:
            return None
        if is_ignored(relative):
            return None
        try:
            info = path.lstat()
        except FileNotFoundError:
            self.tracker.forget(path)
            return None
        if stat.S_ISDIR(info.st_mode):
            return None
        if stat.S_ISLNK(info.st_mode) and not self._link_stays_inside(path):
            self._refuse_outside(path, info.st_size)
            return None
        with self._lock:
            closed = path in self._closed
        wait = self.tracker.wait_left(path, info.st_size, info.st_mtime_ns, now, closed=closed)
        if wait > 0:
            return now + wait
        if now < self._send_backoff_until:
            return self._send_backoff_until
        return StableFile(path, display_path(path), info.st_size, info.st_mtime_ns)

    def _send_stable(self, files: list[StableFile], now: float) -> dict[Path, float | None]:
        """Send those of the stable files the ledger does not say are handled; when to look at each again."""
        if now < self._send_backoff_until:  # an earlier batch of this turn found the broker down
            return {file.path: self._send_backoff_until for file in files}
        with self.database.session() as session:
            keys = [key_form(file.shown) for file in files]
            ledger_rows = {row.path: row for row in session.scalars(select(InboxFile).where(InboxFile.path.in_(keys)))}
        next_looks: dict[Path, float | None] = {}
        to_send: list[tuple[StableFile, Callable[[Session, str], None]]] = []
        for file, key in zip(files, keys, strict=True):
            ledger_row = ledger_rows.get(key)
            if not self._needs_sending(ledger_row, file.size, file.mtime_ns):
                self.tracker.forget(file.path)
                next_looks[file.path] = None
                continue
            # Read before sending: the new task may finish, and write its own id here, before the record runs.
            previous_task = ledger_row.task_id if ledger_row is not None else None
            to_send.append((file, _record_sent(file, previous_task)))
        if not to_send:
            return next_looks
        failure: Exception | None = None
        try:
            task_ids = self.send([(file.path, record) for file, record in to_send])
        except SendInterrupted as interrupted:  # the broker failed part-way: the first ones were sent
            task_ids, failure = interrupted.task_ids, interrupted.cause
        except Exception as error:  # the broker (or the database) is down: keep the files and try again later
            task_ids, failure = [], error
        for (file, _record), task_id in zip(to_send, task_ids, strict=False):
            self.sent += 1
            self.tracker.forget(file.path)
            next_looks[file.path] = None
            log.info("queued task=%s path=%r", task_id, file.shown)
        if failure is None:
            self._send_failures = 0
            return next_looks
        self._send_failures += 1
        delay = min(30.0, 0.5 * 2 ** min(self._send_failures, 6))
        self._send_backoff_until = now + delay
        unsent = [file for file, _record in to_send[len(task_ids) :]]
        log.warning(
            "could not send %r%s (broker unavailable?): %s; retrying in %.1fs",
            unsent[0].shown,
            f" and {len(unsent) - 1} more" if len(unsent) > 1 else "",
            failure,
            delay,
        )
        next_looks.update((file.path, self._send_backoff_until) for file in unsent)
        return next_looks

    def _needs_sending(self, row: InboxFile | None, size: int, mtime_ns: int) -> bool:
        """False when the ledger says this exact file (same size and mtime) is done, or queued recently.

        A file whose task ended in an internal error is never sent again (that would fail the same way):
        it waits in failed/ for `newsworker retry`. Re-sending is for messages the broker lost."""
        if row is None or (row.size, row.mtime_ns) != (size, mtime_ns):
            return True
        if row.state in LEDGER_FINAL_STATES:
            return False
        updated = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=utcnow().tzinfo)
        return (utcnow() - updated).total_seconds() >= self.resend_after

    def _link_stays_inside(self, path: Path) -> bool:
        try:
            return path.resolve(strict=False).is_relative_to(self.inbox)
        except (OSError, RuntimeError):
            return False

    def _refuse_outside(self, path: Path, size: int) -> None:
        error = OutsideInboxError(f"the path leads outside the inbox (to {display_path(path.resolve(strict=False))})")
        moved = set_aside(path, self.inbox, "failed", reason=error.reason)
        with self.database.session() as session, session.begin():
            record_rejection(
                session,
                display_path(path),
                "file",
                error.reason,
                type(error).__name__,
                size=size,
                moved_to=display_path(moved) if moved else None,
            )
        log.warning("refused %r: %s", display_path(path), error.reason)
