"""Internal errors under the real stack (issue 10 §1 and §3): redis-server, a `celery worker`, the watcher on
a real inbox. A test-only tagger (NEWSWORKER_TAGGER=tests.faulty_tagger:make_tagger, no product code patched)
fails on one file: that file ends as `error` in the history, sits in failed/ with its reason, is listed by
`newsworker errors`, is never re-sent by the watcher, and `newsworker retry` stores it once the fault is
gone. The other files of the same drop are stored. A file that kills its worker process is bounded too."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bad_inputs import good_article
from tests.conftest import REPO
from tests.faulty_tagger import MARKER
from tests.integration import stack
from tests.integration.test_faults import Db, Live, files_left_in_inbox
from tests.integration.test_faults import db as db  # noqa: F401  (fixtures)
from tests.integration.test_faults import live as live  # noqa: F401
from worker.ingest import display_path

pytestmark = pytest.mark.integration

RESEND_AFTER = 4  # seconds: a lost message would be re-sent this soon; an error must never be


@pytest.fixture
def settings_env(settings_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    settings_env.update(
        NEWSWORKER_TAGGER="tests.faulty_tagger:make_tagger",
        NEWSWORKER_FAULTY_TAGGER_FIXED=str(tmp_path / "fault-fixed"),
        NEWSWORKER_RESEND_AFTER=str(RESEND_AFTER),
    )
    return settings_env


def faulty_article(title: str) -> bytes:
    return good_article(title).replace(b"reported on Monday.", f"reported on Monday with {MARKER} help.".encode())


def newsworker(env: dict[str, str], *args: str, expect: int = 0) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "worker.cli", *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == expect, done.stdout + done.stderr
    return done.stdout


def tasks_for(db: Db, path: Path) -> list[tuple[str, str | None, int]]:
    rows = db.rows(
        "SELECT state, outcome, cut_short FROM ingest_tasks WHERE argument = :a ORDER BY queued_at",
        a=display_path(path),
    )
    return [(row[0], row[1], row[2]) for row in rows]


def _all_ended_in_error(rows: list[tuple[str, str | None, int]]) -> list[tuple[str, str | None, int]] | None:
    return rows if rows and all(row == ("finished", "error", 0) for row in rows) else None


def test_an_internal_error_is_kept_listed_never_resent_and_retried(live: Live, db: Db) -> None:  # noqa: F811
    worker = live.start_worker("w1")
    watcher = live.start_watcher()
    inbox = live.inbox
    (inbox / "first.txt").write_bytes(good_article("First good story"))
    (inbox / "faulty.txt").write_bytes(faulty_article("Faulty story"))
    (inbox / "last.txt").write_bytes(good_article("Last good story"))

    stack.wait_for(
        lambda: {"First good story", "Last good story"} <= set(db.titles()), 90, what="the good files stored"
    )
    kept = inbox / "failed" / "faulty.txt"
    stack.wait_for(lambda: kept.exists() and not files_left_in_inbox(inbox), 60, what="the faulty file in failed/")
    # One task ran the file into its error. (A slow first task can be re-sent by the watcher before it ends,
    # as a lost message would be: that second task finds the file handled, a no-op ending `error` too.)
    settled = stack.wait_for(lambda: _all_ended_in_error(tasks_for(db, inbox / "faulty.txt")), 30, what="settled")
    assert db.scalar("SELECT times FROM input_errors") == 1
    report = kept.with_name("faulty.txt.reason.txt").read_text()
    assert "stage: tag" in report and "KeyError" in report and "version:" in report and "Traceback" in report
    assert db.scalar("SELECT state FROM inbox_files WHERE path = :p", p=display_path(inbox / "faulty.txt")) == "error"

    (listed,) = json.loads(newsworker(live.env, "errors", "--json"))
    assert (listed["kind"], listed["stage"], listed["error_type"]) == ("file", "tag", "KeyError")
    assert listed["moved_to"] == display_path(kept)
    assert json.loads(newsworker(live.env, "status", "--json"))["errors"] == 1
    assert "internal error in tag" in worker.output() or "KeyError" in worker.output()

    # Past the resend interval and a few rescans: the watcher never sends the file again.
    time.sleep(RESEND_AFTER * 3 + 2)
    assert tasks_for(db, inbox / "faulty.txt") == settled
    assert "Faulty story" not in db.titles()

    Path(live.env["NEWSWORKER_FAULTY_TAGGER_FIXED"]).touch()  # the fixed release
    (queued,) = json.loads(newsworker(live.env, "retry", "--queue", "--json"))
    assert queued["status"] == "queued"
    stack.wait_for(lambda: "Faulty story" in db.titles(), 60, what="the retried file stored")
    processed = inbox / "processed" / "faulty.txt"
    stack.wait_for(lambda: processed.exists(), 30, what="the retried file in processed/")
    assert not kept.exists() and not kept.with_name("faulty.txt.reason.txt").exists()
    assert json.loads(newsworker(live.env, "errors", "--json")) == []
    assert db.titles() == {"First good story": 1, "Last good story": 1, "Faulty story": 1}
    assert worker.alive() and watcher.alive()


def test_an_input_that_kills_its_worker_ends_as_an_error(live: Live, db: Db) -> None:  # noqa: F811
    # The default resend interval: this test is about redeliveries of one message, not re-sends by the watcher.
    env = dict(live.env, NEWSWORKER_FAULTY_TAGGER_MODE="kill", NEWSWORKER_RESEND_AFTER="600")
    worker = live.start_worker("w1", env=env)
    live.env = env
    live.start_watcher()
    inbox = live.inbox
    (inbox / "killer.txt").write_bytes(faulty_article("Killer story"))
    (inbox / "good.txt").write_bytes(good_article("Good story beside it"))

    kept = inbox / "failed" / "killer.txt"
    stack.wait_for(lambda: kept.exists(), 180, interval=0.5, what="the killing file set aside after bounded retries")
    assert tasks_for(db, inbox / "killer.txt") == [("finished", "error", 3)], worker.output()[-3000:]
    assert "worker process died 3 times" in kept.with_name("killer.txt.reason.txt").read_text()
    (listed,) = json.loads(newsworker(live.env, "errors", "--json"))
    assert (listed["stage"], listed["error_type"]) == ("worker", "WorkerLost")
    stack.wait_for(lambda: "Good story beside it" in db.titles(), 60, what="the good file stored")
    assert worker.alive()


def test_an_input_past_the_soft_time_limit_ends_as_an_error(live: Live, db: Db) -> None:  # noqa: F811
    """No input pins a worker: past the task's soft time limit it is that input's error, not a stuck file."""
    live.env = dict(
        live.env,
        NEWSWORKER_FAULTY_TAGGER_MODE="slow",
        NEWSWORKER_TASK_SOFT_TIME_LIMIT="3",
        NEWSWORKER_RESEND_AFTER="600",  # a slow task is no lost message: no re-send while it runs
    )
    worker = live.start_worker("w1", concurrency=1)
    live.start_watcher()
    inbox = live.inbox
    (inbox / "slow.txt").write_bytes(faulty_article("Slow story"))
    (inbox / "quick.txt").write_bytes(good_article("Quick story"))

    kept = inbox / "failed" / "slow.txt"
    stack.wait_for(lambda: kept.exists(), 60, interval=0.5, what="the slow file set aside")
    assert tasks_for(db, inbox / "slow.txt") == [("finished", "error", 0)]
    report = kept.with_name("slow.txt.reason.txt").read_text()
    assert "stage: tag" in report and "took longer than the task's time limit" in report
    stack.wait_for(lambda: "Quick story" in db.titles(), 60, what="the next file stored by the same worker")
    assert worker.alive()
