"""An inbox's identity: tells "this host sees the watcher's inbox" from "a folder of the same name".

The watcher writes `.newsworker-inbox` (a random id) inside its inbox, once; its file rules ignore it (a
dotfile). A worker that reads the same id at its own inbox path sees the same folder, on the watcher's host
or over a shared mount, and may take that inbox's file tasks. A task's file missing where the identity
matches was deleted; a missing or different identity means the inbox is not visible here.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

IDENTITY_FILE = ".newsworker-inbox"
_ID_PATTERN = re.compile(r"[0-9a-f]{32}")


def read_inbox_id(inbox: Path) -> str | None:
    """The identity written in `inbox`, or None when it is missing, unreadable or not an identity."""
    try:
        text = (inbox / IDENTITY_FILE).read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return text if _ID_PATTERN.fullmatch(text) else None


def ensure_inbox_id(inbox: Path) -> str:
    """The inbox's identity, created if it has none. Atomic: two watchers starting at once agree on one id."""
    found = read_inbox_id(inbox)
    if found is not None:
        return found
    inbox.mkdir(parents=True, exist_ok=True)
    new_id = secrets.token_hex(16)
    draft = inbox / f"{IDENTITY_FILE}.{new_id}.tmp"
    draft.write_text(new_id + "\n", encoding="ascii")
    try:
        # link() fails if the name exists: the first writer wins, and a reader never sees a half-written file.
        os.link(draft, inbox / IDENTITY_FILE)
    except FileExistsError:
        pass
    finally:
        draft.unlink(missing_ok=True)
    winner = read_inbox_id(inbox)
    if winner is None:
        raise OSError(f"cannot read back the inbox identity in {inbox}")
    return winner


def find_inbox_id(path: Path) -> str | None:
    """The identity of the nearest folder above `path` that has one (the inbox a dropped file is in)."""
    for folder in Path(path).absolute().parents:
        found = read_inbox_id(folder)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Visibility:
    """Whether this host can do a file task: `visible`, or why not."""

    visible: bool
    reason: str = ""


def file_task_visibility(configured_inbox: Path, path: Path, inbox_id: str | None) -> Visibility:
    """Can a worker whose inbox is `configured_inbox` do the file task for `path` sent from inbox `inbox_id`?

    `inbox_id` None is a message from before inbox queues: only the existence of the file's folder can be
    checked (a deleted file leaves its folder; a folder missing on this host is one it cannot see).
    """
    path = Path(path).absolute()
    if inbox_id is None:
        if not path.exists() and not path.parent.is_dir():
            return Visibility(False, f"the folder {path.parent} does not exist on this host")
        return Visibility(True)
    here = read_inbox_id(configured_inbox)
    if here is None:
        return Visibility(False, f"no inbox identity at {configured_inbox / IDENTITY_FILE}: the inbox is not visible")
    if here != inbox_id:
        return Visibility(False, f"{configured_inbox} here is another inbox (identity {here}, the task's {inbox_id})")
    if not path.is_relative_to(configured_inbox):
        return Visibility(False, f"the file is not under this worker's inbox {configured_inbox}")
    return Visibility(True)
