"""Internal errors contained per input (issue 10 §1) on a real database, SQLite and PostgreSQL: a bug in one
input's stage (a faulty tagger set with NEWSWORKER_TAGGER, no product code patched) does not stop a batch,
is listed by `newsworker errors`, counted by `status`, and cleared by `newsworker retry` once fixed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import event

from tests.bad_inputs import good_article
from tests.faulty_tagger import MARKER
from worker.cli import cli


def invoke(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, obj={}, catch_exceptions=False)


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
