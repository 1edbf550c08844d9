"""`newsworker retry`: run inputs that ended in an internal error again, once a fixed release is installed.

Each input goes through its own task's envelope (the same code a worker runs): in this process by default
(`Task.apply`), or sent to the workers with `--queue`. A file kept in the inbox's failed/ folder is first
moved back to where it was dropped, so that, once stored, it goes to processed/ like any other file.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from worker.config import Settings
from worker.states import RetryStatus
from worker.store.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryResult:
    """What became of one retried input: its outcome, or a RetryStatus, and a line for people."""

    error_id: int
    kind: str
    source: str
    status: str
    message: str

    def record(self) -> dict[str, Any]:
        return {
            "id": self.error_id,
            "kind": self.kind,
            "source": self.source,
            "status": self.status,
            "message": self.message,
        }


def retry_errors(
    settings: Settings,
    database: Database,
    *,
    ids: tuple[int, ...] = (),
    stage: str | None = None,
    kind: str | None = None,
    queue: bool = False,
) -> list[RetryResult]:
    """Run the selected errored inputs again (all of them when nothing narrows the choice)."""
    from worker.ingest import Ingestor
    from worker.runtime import use_runtime
    from worker.store import queries

    use_runtime(settings, Ingestor(settings, database))  # the tasks run here use this command's settings
    with database.session() as session:
        rows = queries.input_errors(session, ids=ids, stage=stage, kind=kind)
    return [_retry_one(row, queue) for row in reversed(rows)]  # oldest first


def _retry_one(row: dict[str, Any], queue: bool) -> RetryResult:
    from worker import tasks

    def result(status: str, message: str) -> RetryResult:
        return RetryResult(row["id"], row["kind"], row["source"], status, message)

    if row["kind"] == "file":
        path = _file_back_in_place(row)
        if path is None:
            return result(RetryStatus.MISSING, f"the file is no longer at {row['moved_to'] or row['source']}")
        task, argument = tasks.ingest_file, str(path)
    elif row["kind"] == "entry":
        if row["entry_id"] is None:
            return result(RetryStatus.MISSING, "the feed entry's id was not recorded")
        task, argument = tasks.ingest_feed_entry, row["entry_id"]
    else:
        task, argument = tasks.ingest_url, row["source"]
    if queue:
        if row["kind"] == "file":  # to its inbox's own queue, like the watcher sends it
            task_id = tasks.enqueue_file(Path(argument))
        else:
            task_id = task.apply_async(args=[argument]).id
        return result(RetryStatus.QUEUED, f"sent to the workers as task {task_id}")
    outcome = task.apply(args=[argument])
    if not outcome.successful():
        return result(RetryStatus.FAILED, f"{type(outcome.result).__name__}: {outcome.result}")
    summary = outcome.result
    return result(summary["status"], summary.get("reason") or f"article #{summary.get('article_id')}")


def _file_back_in_place(row: dict[str, Any]) -> Path | None:
    """The file to ingest again: moved from failed/ back to where it was dropped (its reason file removed)."""
    original = Path(row["source"])
    kept = Path(row["moved_to"]) if row["moved_to"] else None
    if kept is None or not os.path.lexists(kept):
        return original if os.path.lexists(original) else None
    if os.path.lexists(original):  # something new was dropped under the same name: ingest the kept file there
        return kept
    original.parent.mkdir(parents=True, exist_ok=True)
    os.rename(kept, original)  # keeps its mtime: the watcher's ledger still knows the file, and leaves it alone
    kept.with_name(kept.name + ".reason.txt").unlink(missing_ok=True)
    log.info("moved %s back to %s to retry it", kept, original)
    return original
