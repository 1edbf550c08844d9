"""The watched folder: turns files dropped into the inbox into `ingest_file` tasks.

A file is sent only once it is completely written (size and mtime unchanged for `stable_seconds`,
for files found at start too). Junk that browsers and sync tools leave is ignored. A start scan and
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
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from worker.errors import OutsideInboxError
from worker.ingest import display_path
from worker.sources.inbox import SET_ASIDE_FOLDERS, record_ledger, set_aside
from worker.store.db import Database
from worker.store.models import InboxFile, utcnow
from worker.store.repository import record_rejection

log = logging.getLogger(__name__)

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
    """Decides when a file has stopped changing: same size and mtime for `stable_seconds`."""

    stable_seconds: float
    _seen: dict[Path, tuple[int, int, float]] = field(default_factory=dict)

    def observe(self, path: Path, size: int, mtime_ns: int, now: float) -> bool:
        """Record the file's state; True once it has been unchanged for long enough."""
        previous = self._seen.get(path)
        if previous is None or previous[:2] != (size, mtime_ns):
            self._seen[path] = (size, mtime_ns, now)
            return self.stable_seconds <= 0
        return now - previous[2] >= self.stable_seconds

    def forget(self, path: Path) -> None:
        self._seen.pop(path, None)


class _EventCollector(FileSystemEventHandler):
    def __init__(self, notify: Callable[[Path], None]) -> None:
        self.notify = notify

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory and event.event_type != "moved":
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                self.notify(Path(os.fsdecode(raw)))


class InboxWatcher:
    """Watches `inbox` (recursively) and hands every finished file to `send`, which returns a task id."""

    def __init__(
        self,
        inbox: Path,
        database: Database,
        send: Callable[[Path], str],
        *,
        stable_seconds: float = 1.0,
        resend_after: float = 600.0,
        rescan_seconds: float = 30.0,
        polling: bool = False,
        tick_seconds: float = 0.1,
    ) -> None:
        self.inbox = inbox.resolve()
        self.database = database
        self.send = send
        self.tracker = StabilityTracker(stable_seconds)
        self.resend_after = resend_after
        self.rescan_seconds = rescan_seconds
        self.polling = polling
        self.tick_seconds = tick_seconds
        self._candidates: set[Path] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._send_backoff_until = 0.0
        self._send_failures = 0
        self.sent = 0

    # --- events -----------------------------------------------------------------------------------

    def notify(self, path: Path) -> None:
        with self._lock:
            self._candidates.add(path)

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
        observer = PollingObserver(timeout=1.0) if self.polling else Observer()
        observer.schedule(_EventCollector(self.notify), str(self.inbox), recursive=True)
        observer.start()
        log.info("watching %s (%s)", self.inbox, "polling" if self.polling else "inotify")
        try:
            found = self.scan()
            log.info("start scan: %d files in the inbox", found)
            next_rescan = time.monotonic() + self.rescan_seconds
            while not self._stop.is_set():
                self.process_candidates(time.monotonic())
                if time.monotonic() >= next_rescan:
                    self.scan()
                    next_rescan = time.monotonic() + self.rescan_seconds
                self._stop.wait(self.tick_seconds)
        finally:
            observer.stop()
            observer.join(timeout=5)

    def stop(self) -> None:
        self._stop.set()

    def process_candidates(self, now: float) -> None:
        """Send every candidate that is stable and not already handled; keep the rest for later."""
        with self._lock:
            candidates = sorted(self._candidates)
        for path in candidates:
            keep = self._consider(path, now)
            if not keep:
                with self._lock:
                    self._candidates.discard(path)

    def _consider(self, path: Path, now: float) -> bool:
        """Handle one candidate; True to look at it again on the next tick."""
        try:
            relative = path.relative_to(self.inbox)
        except ValueError:
            return False
        if is_ignored(relative):
            return False
        try:
            info = path.lstat()
        except FileNotFoundError:
            self.tracker.forget(path)
            return False
        if stat.S_ISDIR(info.st_mode):
            return False
        if stat.S_ISLNK(info.st_mode) and not self._link_stays_inside(path):
            self._refuse_outside(path, info.st_size)
            return False
        if not self.tracker.observe(path, info.st_size, info.st_mtime_ns, now):
            return True
        if now < self._send_backoff_until:
            return True
        if not self._needs_sending(path, info.st_size, info.st_mtime_ns):
            self.tracker.forget(path)
            return False
        try:
            task_id = self.send(path)
        except Exception as error:  # the broker is down: keep the file and try again later
            self._send_failures += 1
            delay = min(30.0, 0.5 * 2 ** min(self._send_failures, 6))
            self._send_backoff_until = now + delay
            log.warning(
                "could not send %r (broker unavailable?): %s; retrying in %.1fs", display_path(path), error, delay
            )
            return True
        self._send_failures = 0
        self.sent += 1
        with self.database.session() as session, session.begin():
            record_ledger(session, display_path(path), info.st_size, info.st_mtime_ns, "queued", task_id=task_id)
        self.tracker.forget(path)
        log.info("queued task=%s path=%r", task_id, display_path(path))
        return False

    def _needs_sending(self, path: Path, size: int, mtime_ns: int) -> bool:
        """False when the ledger says this exact file (same size and mtime) is done, or queued recently."""
        with self.database.session() as session:
            row = session.scalar(select(InboxFile).where(InboxFile.path == display_path(path)))
        if row is None or (row.size, row.mtime_ns) != (size, mtime_ns):
            return True
        if row.state in ("done", "failed"):
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
