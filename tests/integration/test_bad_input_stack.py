"""The bad-input corpus through the real stack: written into the live inbox, taken by the watcher and a
`celery worker`. Every case ends up stored or rejected with a readable reason and set aside in failed/
with a `.reason.txt`; the worker and watcher survive all of it and a good file dropped afterwards is
stored normally. Observed outcomes go to NEWSWORKER_RELIABILITY_REPORT (docs/reliability.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.bad_inputs import MAX_FILE_BYTES_FOR_TESTS, BadInput, good_article, write_corpus
from tests.integration import stack
from tests.integration.test_faults import Db, Live, files_left_in_inbox
from tests.integration.test_faults import db as db  # noqa: F401  (fixtures)
from tests.integration.test_faults import live as live  # noqa: F401
from tests.reliability_report import record
from worker.ingest import display_path

pytestmark = pytest.mark.integration


@pytest.fixture
def settings_env(settings_env: dict[str, str]) -> dict[str, str]:
    settings_env["NEWSWORKER_MAX_FILE_BYTES"] = str(MAX_FILE_BYTES_FOR_TESTS)
    return settings_env


def _outcome(case: BadInput, inbox: Path, db: Db) -> dict[str, str | None]:
    """What became of one case: stored (a sighting of its path), rejected (a rejection row), or nothing yet."""
    source = display_path(inbox / case.relative_path)
    rejected = db.rows("SELECT reason, moved_to FROM rejections WHERE source = :s", s=source)
    sighted = db.rows(
        "SELECT a.source, a.near_duplicate_of FROM sightings s JOIN articles a ON a.id = s.article_id"
        " WHERE s.source = :s",
        s=source,
    )
    moved_to = None
    for folder in ("processed", "failed"):
        if os.path.lexists(inbox / folder / case.relative_path):
            moved_to = f"{folder}/"
    if rejected:
        return {"status": "rejected", "reason": rejected[0][0], "moved_to": moved_to}
    if sighted:
        # Stored as an article of its own, or seen again: several cases share the same body text.
        first_source, near_duplicate_of = sighted[0]
        status = "stored" if first_source == source else "duplicate"
        status = "near-duplicate" if near_duplicate_of is not None and status == "stored" else status
        return {"status": status, "reason": None, "moved_to": moved_to}
    return {"status": "pending", "reason": None, "moved_to": moved_to}


def test_bad_input_corpus_through_the_stack(live: Live, db: Db, tmp_path: Path) -> None:  # noqa: F811
    worker = live.start_worker("w1")
    watcher = live.start_watcher()
    (live.inbox / "before.txt").write_bytes(good_article("Before"))
    stack.wait_for(lambda: "Before" in db.titles(), 60, what="the file before the corpus")

    outside = tmp_path / "outside-the-inbox.txt"  # the symlink case points here, outside the inbox
    outside.write_bytes(good_article("Outside"))
    cases = write_corpus(live.inbox, outside_target=outside)
    assert len(cases) >= 30

    def settled() -> bool:
        outcomes = [_outcome(case, live.inbox, db) for case in cases]
        return all(o["status"] != "pending" and o["moved_to"] for o in outcomes) and not files_left_in_inbox(live.inbox)

    stack.wait_for(settled, 180, interval=0.5, what="every case stored or rejected and moved out of the inbox")
    assert worker.alive() and watcher.alive(), "a bad input took a process down"

    (live.inbox / "after.txt").write_bytes(good_article("After"))
    stack.wait_for(lambda: "After" in db.titles(), 60, what="the good file after the corpus")

    results = []
    problems = []
    for case in cases:
        outcome = _outcome(case, live.inbox, db)
        results.append({"kind": case.kind, "expected": case.expected, **outcome})
        if (outcome["status"] == "rejected") != (case.expected == "rejected") or outcome["status"] == "pending":
            problems.append(f"{case.kind}: expected {case.expected}, got {outcome['status']} ({outcome['reason']})")
        elif case.expected == "rejected":
            reason = outcome["reason"] or ""
            reason_file = live.inbox / "failed" / (case.relative_path + ".reason.txt")
            if case.reason_hint.lower() not in reason.lower():
                problems.append(f"{case.kind}: reason {reason!r} does not mention {case.reason_hint!r}")
            if outcome["moved_to"] != "failed/":
                problems.append(f"{case.kind}: rejected but not in failed/")
            elif not reason_file.exists() or reason.strip() not in reason_file.read_text(encoding="utf-8"):
                problems.append(f"{case.kind}: no .reason.txt beside it in failed/")
        elif outcome["moved_to"] != "processed/":
            problems.append(f"{case.kind}: stored but not moved to processed/")
    assert outside.read_bytes() == good_article("Outside"), "the symlink's target outside the inbox was touched"
    assert "Outside" not in db.titles(), "a file outside the inbox was ingested through a symlink"

    rejected = sum(1 for r in results if r["status"] == "rejected")
    assert rejected == sum(1 for case in cases if case.expected == "rejected")
    record(
        {
            "test": "bad-input stack",
            "backend": make_url(live.database_url).get_backend_name(),
            "results": results,
            "files_in": len(cases) + 2,
            "articles": db.count("articles"),
            "rejections": rejected,
            "problems": len(problems),
            "worker and watcher alive": worker.alive() and watcher.alive(),
        }
    )
    assert not problems, "\n".join(problems)
