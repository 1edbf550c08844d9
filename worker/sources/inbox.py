"""What happens to an inbox file after its task: the ledger entry, and the move to processed/ or failed/.

Stored and duplicate files go to `processed/`; rejected files go to `failed/` with a `.reason.txt`
beside them, so a bad file is set aside with its reason instead of being retried at every restart.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from sqlalchemy.orm import Session

from worker.states import LEDGER_FINAL_STATES, LedgerState
from worker.store.models import InboxFile, utcnow
from worker.store.repository import insert_for
from worker.store.values import key_form

log = logging.getLogger(__name__)

SET_ASIDE_FOLDERS = ("processed", "failed")


def record_ledger(
    session: Session,
    path: str,
    size: int,
    mtime_ns: int,
    state: LedgerState,
    *,
    task_id: str | None = None,
    content_hash: str | None = None,
) -> None:
    """Insert or update the ledger row for a path (its key form: a path over an index's limit is hashed)."""
    statement = insert_for(session, InboxFile).values(
        path=key_form(path),
        size=size,
        mtime_ns=mtime_ns,
        state=state,
        task_id=task_id,
        content_hash=content_hash,
        updated_at=utcnow(),
    )
    changes = {"size": size, "mtime_ns": mtime_ns, "state": state, "updated_at": utcnow()}
    if task_id is not None:
        changes["task_id"] = task_id
    if content_hash is not None:
        changes["content_hash"] = content_hash
    keep_outcome = None
    if state == LedgerState.QUEUED:
        # A task can finish this very file between the watcher's look at the ledger and this write
        # (a re-send): its done/failed/error must not turn back into queued.
        keep_outcome = ~(
            InboxFile.state.in_(LEDGER_FINAL_STATES) & (InboxFile.size == size) & (InboxFile.mtime_ns == mtime_ns)
        )
    session.execute(statement.on_conflict_do_update(index_elements=["path"], set_=changes, where=keep_outcome))


def aside_target(path: Path, inbox: Path, folder: str) -> Path | None:
    """Where `set_aside` would move an inbox file now (a free name under inbox/<folder>/), or None outside it."""
    try:
        relative = path.relative_to(inbox)
    except ValueError:
        return None
    target = inbox / folder / relative
    if target.exists() or target.is_symlink():
        stem, suffix = target.stem, target.suffix
        n = 1
        while (candidate := target.with_name(f"{stem}.{n}{suffix}")).exists():
            n += 1
        target = candidate
    return target


def set_aside(
    path: Path, inbox: Path, folder: str, reason: str | None = None, target: Path | None = None
) -> Path | None:
    """Move an inbox file into inbox/<folder>/ keeping its relative path (or to `target`, chosen before and
    recorded by the caller, when it is still free); returns where it went."""
    if target is None or target.exists() or target.is_symlink():
        target = aside_target(path, inbox, folder)
    if target is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        # A symlink is moved as a link; its target outside the inbox is never touched.
        os.rename(path, target) if path.is_symlink() else shutil.move(str(path), target)
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("could not move %r to %s: %s", str(path), folder, error)
        return None
    if reason is not None:
        try:
            target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
        except OSError as error:
            log.warning("could not write the reason beside %r: %s", str(target), error)
    return target
