"""The inbox identity: written once, found from a dropped file's path, and what it says a worker can see."""

from __future__ import annotations

import threading
from pathlib import Path

from worker.queues import inbox_queue, is_inbox_queue
from worker.sources.inbox_identity import (
    IDENTITY_FILE,
    ensure_inbox_id,
    file_task_visibility,
    find_inbox_id,
    read_inbox_id,
)
from worker.sources.watcher import is_ignored


def test_identity_is_created_once_and_kept(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    first = ensure_inbox_id(inbox)
    assert read_inbox_id(inbox) == first == ensure_inbox_id(inbox)
    assert len(first) == 32
    assert [p.name for p in inbox.iterdir()] == [IDENTITY_FILE]  # no draft left behind
    assert is_inbox_queue(inbox_queue(first)) and not is_inbox_queue("celery")


def test_watchers_starting_together_agree_on_one_identity(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    found: list[str] = []
    threads = [threading.Thread(target=lambda: found.append(ensure_inbox_id(inbox))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(found)) == 1 and len(found) == 8
    assert sorted(p.name for p in inbox.iterdir()) == [IDENTITY_FILE]


def test_a_damaged_identity_is_no_identity(tmp_path: Path) -> None:
    (tmp_path / IDENTITY_FILE).write_text("not an id\n")
    assert read_inbox_id(tmp_path) is None
    assert read_inbox_id(tmp_path / "missing") is None


def test_the_identity_file_is_not_a_file_to_ingest() -> None:
    assert is_ignored(Path(IDENTITY_FILE))


def test_a_file_finds_the_identity_of_the_inbox_it_is_in(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    identity = ensure_inbox_id(inbox)
    assert find_inbox_id(inbox / "a.txt") == identity
    assert find_inbox_id(inbox / "nested" / "deeper" / "b.html") == identity
    assert find_inbox_id(tmp_path / "elsewhere" / "c.txt") is None


def test_visibility_tells_not_visible_from_visible(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    identity = ensure_inbox_id(inbox)
    other = tmp_path / "other-inbox"
    other_identity = ensure_inbox_id(other)
    file = inbox / "story.txt"

    assert file_task_visibility(inbox, file, identity).visible  # even once the file is gone: then it was deleted
    different = file_task_visibility(other, other / "story.txt", identity)
    assert not different.visible and other_identity in different.reason
    missing = file_task_visibility(tmp_path / "not-mounted", tmp_path / "not-mounted" / "story.txt", identity)
    assert not missing.visible and "no inbox identity" in missing.reason
    (other / ".newsworker-inbox").write_text(identity)  # the same inbox, mounted at another path
    outside = file_task_visibility(other, file, identity)
    assert not outside.visible and "not under" in outside.reason


def test_messages_without_an_identity_need_the_files_folder(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    gone = file_task_visibility(inbox, inbox / "nested" / "a.txt", None)
    assert not gone.visible and "does not exist on this host" in gone.reason
    inbox.mkdir()
    assert file_task_visibility(inbox, inbox / "a.txt", None).visible  # a deleted file: its folder is still there
    assert file_task_visibility(inbox, tmp_path / "loose.txt", None).visible  # not an inbox file at all
