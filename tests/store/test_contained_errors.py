"""Internal errors contained per input (issue 10 §1) on a real database, SQLite and PostgreSQL: a bug in one
input's stage (a faulty tagger set with NEWSWORKER_TAGGER, no product code patched) does not stop a batch,
is listed by `newsworker errors`, counted by `status`, and cleared by `newsworker retry` once fixed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from tests.bad_inputs import good_article
from tests.faulty_tagger import MARKER
from tests.integration.test_feeds import feed_server as feed_server  # noqa: F401 (fixture)
from tests.support.cli import invoke


@pytest.fixture
def faulty_env(settings_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    return dict(
        settings_env,
        NEWSWORKER_TAGGER="tests.faulty_tagger:make_tagger",
        NEWSWORKER_FAULTY_TAGGER_FIXED=str(tmp_path / "fixed"),
    )


def faulty_article(title: str) -> bytes:
    return good_article(title).replace(b"reported on Monday.", f"reported on Monday with {MARKER} help.".encode())


def test_a_faulty_input_in_the_middle_does_not_stop_the_batch(faulty_env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_bytes(good_article("Alpha story"))
    (folder / "b.txt").write_bytes(faulty_article("Bravo story"))
    (folder / "c.txt").write_bytes(good_article("Charlie story"))
    (folder / "d.txt").write_bytes(b"\x00\x01\x02 binary")

    result = invoke(faulty_env, "ingest", str(folder), "--json")
    assert result.exit_code == 3, result.output
    summary = json.loads(result.stdout)
    assert (summary["files"], summary["stored"], summary["rejected"], summary["errors"]) == (4, 2, 1, 1)
    (error,) = summary["internal_errors"]
    assert error["source"].endswith("b.txt") and error["stage"] == "tag"
    assert "KeyError" in error["reason"] and "newsworker" in error["reason"]

    text = invoke(faulty_env, "ingest", str(folder / "b.txt"))
    assert text.exit_code == 3 and "1 errors" in text.stdout and "newsworker retry" in text.stderr

    listed = json.loads(invoke(faulty_env, "errors", "--json").stdout)
    assert [(row["kind"], row["stage"], row["error_type"], row["times"]) for row in listed] == [
        ("file", "tag", "KeyError", 2)
    ]
    assert "b.txt" in invoke(faulty_env, "errors").stdout
    assert json.loads(invoke(faulty_env, "status", "--json").stdout)["errors"] == 1
    assert json.loads(invoke(faulty_env, "errors", "--stage", "extract", "--json").stdout) == []

    still = invoke(faulty_env, "retry", "--json")
    assert still.exit_code == 3 and json.loads(still.stdout)[0]["status"] == "error"

    Path(faulty_env["NEWSWORKER_FAULTY_TAGGER_FIXED"]).touch()  # the fixed release
    fixed = invoke(faulty_env, "retry", str(listed[0]["id"]), "--json")
    assert fixed.exit_code == 0, fixed.output
    assert [row["status"] for row in json.loads(fixed.stdout)] == ["stored"]
    assert json.loads(invoke(faulty_env, "errors", "--json").stdout) == []
    status = json.loads(invoke(faulty_env, "status", "--json").stdout)
    assert (status["articles"], status["errors"], status["rejections"]) == (3, 0, 1)
    assert invoke(faulty_env, "ingest", str(folder), "--json").exit_code == 0


def test_exit_status_is_zero_with_rejections_only(settings_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"")
    result = invoke(settings_env, "ingest", str(tmp_path / "bad.txt"), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["rejected"] == 1


# --- the envelope of the file task, run in this process ------------------------------------------------


@pytest.fixture
def task_env(faulty_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """This process's environment set for the worker's tasks, run with Task.apply (no broker needed)."""
    import worker.runtime

    for name, value in faulty_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(worker.runtime, "_runtime", None)
    Path(faulty_env["NEWSWORKER_INBOX"]).mkdir(parents=True)
    yield faulty_env
    if worker.runtime._runtime is not None:
        worker.runtime._runtime.ingestor.database.dispose()


def test_an_inbox_file_in_error_is_set_aside_and_retried(task_env: dict[str, str]) -> None:
    from worker.tasks import ingest_file

    inbox = Path(task_env["NEWSWORKER_INBOX"])
    (inbox / "news").mkdir()
    dropped = inbox / "news" / "faulty.txt"
    dropped.write_bytes(faulty_article("Delta story"))
    summary = ingest_file.apply(args=[str(dropped)]).get()
    assert (summary["status"], summary["stage"]) == ("error", "tag")
    kept = inbox / "failed" / "news" / "faulty.txt"
    assert summary["moved_to"] == str(kept) and kept.exists() and not dropped.exists()
    report = kept.with_name("faulty.txt.reason.txt").read_text()
    assert "stage: tag" in report and "KeyError" in report and "version:" in report and "Traceback" in report

    (row,) = json.loads(invoke(task_env, "errors", "--json").stdout)
    assert row["moved_to"] == str(kept) and row["source"] == str(dropped)
    Path(task_env["NEWSWORKER_FAULTY_TAGGER_FIXED"]).touch()
    retried = invoke(task_env, "retry", "--kind", "file", "--json")
    assert [r["status"] for r in json.loads(retried.stdout)] == ["stored"], retried.output
    assert (inbox / "processed" / "news" / "faulty.txt").exists()
    assert not kept.exists() and not kept.with_name("faulty.txt.reason.txt").exists()


def test_two_write_transactions_per_stored_rejected_or_failed_file(task_env: dict[str, str]) -> None:
    """History, outcome and ledger are written together: one transaction to start, one to finish."""
    from worker.runtime import get_runtime
    from worker.tasks import ingest_file

    engine = get_runtime().ingestor.database.engine
    commits: list[int] = []

    def count_commit(_connection: object) -> None:
        commits.append(1)

    event.listen(engine, "commit", count_commit)
    inbox = Path(task_env["NEWSWORKER_INBOX"])
    for name, body, status in [
        ("stored.txt", good_article("Echo story"), "stored"),
        ("rejected.txt", b"", "rejected"),
        ("error.txt", faulty_article("Foxtrot story"), "error"),
    ]:
        (inbox / name).write_bytes(body)
        commits.clear()
        assert ingest_file.apply(args=[str(inbox / name)]).get()["status"] == status
        assert len(commits) == 2, f"{name}: {len(commits)} write transactions"
    event.remove(engine, "commit", count_commit)


def test_a_transient_failure_that_never_clears_ends_as_an_error(
    task_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Retries are bounded: after max_retries (run at once here: eager retries have no countdown) the input
    is recorded as an error instead of failing the task, so the watcher does not send it again and again."""
    from worker.tasks import MAX_RETRIES, ingest_file

    monkeypatch.setenv("NEWSWORKER_FAULTY_TAGGER_MODE", "transient")
    inbox = Path(task_env["NEWSWORKER_INBOX"])
    (inbox / "busy.txt").write_bytes(faulty_article("Golf story"))
    summary = ingest_file.apply(args=[str(inbox / "busy.txt")]).get()
    assert (summary["status"], summary["stage"]) == ("error", "store")
    assert f"still failing after {MAX_RETRIES} retries" in summary["reason"]
    assert (inbox / "failed" / "busy.txt").exists()
    (row,) = json.loads(invoke(task_env, "errors", "--json").stdout)
    assert row["error_type"] == "StoreUnavailableError"


def test_a_bug_in_the_envelope_itself_still_finishes_the_task(
    task_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure outside the pipeline (here: choosing the file's place in failed/) ends the input as an error
    in the stage "task" instead of leaving its history row `started` for ever."""
    import worker.runtime
    import worker.tasks
    from worker.tasks import ingest_file

    inbox = Path(task_env["NEWSWORKER_INBOX"])
    (inbox / "odd.txt").write_bytes(good_article("Hotel story"))
    real_aside_target = worker.tasks.aside_target
    calls: list[Path] = []

    def first_call_fails(path: Path, root: Path, folder: str) -> Path | None:
        calls.append(path)
        if len(calls) == 1:
            raise RuntimeError("a bug in the envelope")
        return real_aside_target(path, root, folder)

    monkeypatch.setattr(worker.tasks, "aside_target", first_call_fails)
    summary = ingest_file.apply(args=[str(inbox / "odd.txt")]).get()
    assert (summary["status"], summary["stage"]) == ("error", "task")
    assert (inbox / "failed" / "odd.txt").exists()
    with worker.runtime.get_runtime().ingestor.database.session() as session:
        from sqlalchemy import select

        from worker.store.models import IngestTask

        assert session.scalar(select(IngestTask.outcome).where(IngestTask.task_id == summary["task_id"])) == "error"


def test_a_feed_entry_in_error_is_not_queued_again_and_is_retried(  # type: ignore[no-untyped-def]
    faulty_env: dict[str, str], feed_server
) -> None:
    from tests.integration.test_feeds import Route, full_item, rss2, story

    env = dict(faulty_env, NEWSWORKER_ALLOW_PRIVATE_NETWORKS="1", REDIS_URL="redis://127.0.0.1:9/0")
    u = feed_server.url
    items = [
        full_item("ok-1", "Plain entry", u("/plain.html"), story("plain entry")),
        full_item("bug-2", "Buggy entry", u("/buggy.html"), story("buggy entry") + f" {MARKER} was there."),
    ]
    feed_server.routes["/feed.xml"] = Route(rss2("Entries", items))
    assert invoke(env, "feeds", "add", u("/feed.xml"), "--every", "1s").exit_code == 0
    (polled,) = json.loads(invoke(env, "feeds", "poll", "--here", "--json").stdout)
    assert polled["ingested"] == {"stored": 1, "error": 1}, polled
    (row,) = json.loads(invoke(env, "errors", "--json").stdout)
    assert (row["kind"], row["stage"], row["source"]) == ("entry", "tag", u("/buggy.html"))

    feed_server.routes["/feed.xml"] = Route(
        rss2("Entries", [*items, full_item("new-3", "New", u("/n.html"), story("n"))])
    )
    (again,) = json.loads(invoke(env, "feeds", "poll", "--here", "--json").stdout)
    assert again["ingested"] == {"stored": 1}, again  # only the new entry: the errored one is not queued again

    Path(env["NEWSWORKER_FAULTY_TAGGER_FIXED"]).touch()
    retried = invoke(env, "retry", "--kind", "entry", "--json")
    assert [r["status"] for r in json.loads(retried.stdout)] == ["stored"], retried.output
    assert json.loads(invoke(env, "errors", "--json").stdout) == []


def test_a_file_moved_away_by_another_task_between_stat_and_read_is_not_rejected(
    task_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same file sent twice: the second task saw it in the inbox, then the first stored it and moved it to
    processed/ before the second read it. The second is a no-op naming the first task, not a rejection
    ("the file no longer exists"), which CI once caught in the two-worker test on PostgreSQL."""
    import worker.tasks
    from worker.tasks import ingest_file

    inbox = Path(task_env["NEWSWORKER_INBOX"])
    dropped = inbox / "twice.txt"
    dropped.write_bytes(good_article("India story"))
    seen_in_inbox = worker.tasks._stat(dropped)
    first = ingest_file.apply(args=[str(dropped)]).get()
    assert first["status"] == "stored" and not dropped.exists()
    # The second task's stat ran while the file was still there: the interleaving, made certain.
    monkeypatch.setattr(worker.tasks, "_stat", lambda _path: seen_in_inbox)
    second = ingest_file.apply(args=[str(dropped)]).get()
    assert second["status"] == "duplicate", second
    assert second["reason"] == f"the file was already handled by task {first['task_id']}"
    assert second["article_id"] == first["article_id"]
    assert json.loads(invoke(task_env, "rejects", "--json").stdout) == []


def test_a_file_deleted_between_stat_and_read_is_still_rejected(
    task_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Gone with no other task's outcome in the ledger: deleted, recorded as such."""
    import worker.tasks
    from worker.tasks import ingest_file

    inbox = Path(task_env["NEWSWORKER_INBOX"])
    dropped = inbox / "deleted.txt"
    dropped.write_bytes(good_article("Juliet story"))
    seen_in_inbox = worker.tasks._stat(dropped)
    dropped.unlink()
    monkeypatch.setattr(worker.tasks, "_stat", lambda _path: seen_in_inbox)
    summary = ingest_file.apply(args=[str(dropped)]).get()
    assert summary["status"] == "rejected"
    (row,) = json.loads(invoke(task_env, "rejects", "--json").stdout)
    assert row["reason"] == "the file no longer exists (deleted or moved before it was read)"
