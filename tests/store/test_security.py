"""Hostile inputs to the command line (issue 15): races, overwrites, and one-line errors instead of tracebacks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.bad_inputs import good_article
from tests.support.link_swap import swapping
from worker.cli import cli


def invoke(env: dict[str, str], *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), env=env, obj={})


def run(env: dict[str, str], *args: str) -> str:
    result = invoke(env, *args)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def test_ingest_folder_during_a_link_swap_never_stores_an_outside_file(
    settings_env: dict[str, str], tmp_path: Path
) -> None:
    """Issue 15 §1: `ingest FOLDER` stored a file from outside the folder in 1 run of 15 before the fix."""
    outside = tmp_path / "outside.txt"
    outside.write_bytes(good_article("Outside secret"))
    folder = tmp_path / "drop"
    folder.mkdir()
    names = [folder / f"swap-{n:02}.txt" for n in range(20)]
    for name in names:
        name.write_bytes(good_article(f"Inside {name.name}"))
    with swapping(names, outside, lambda name: good_article(f"Inside {name.name}"), hold_each_state=0.001):
        for _run in range(15):
            run(settings_env, "ingest", str(folder), "--json")
    titles = [json.loads(line)["title"] for line in run(settings_env, "export").splitlines()]
    assert titles, "nothing inside was stored: the swap never let a regular file through"
    assert "Outside secret" not in titles
    assert outside.read_bytes() == good_article("Outside secret")


def test_ingest_folder_with_a_chain_deeper_than_path_max(settings_env: dict[str, str], tmp_path: Path) -> None:
    """Issue 10 §1b: rglob raised ENAMETOOLONG before anything was ingested; now the deep folder is a rejection."""
    folder = tmp_path / "deep"
    folder.mkdir()
    (folder / "a-first.txt").write_bytes(good_article("Shallow"))
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _level in range(30):  # 30 x 201 characters: past Linux's 4,096-byte PATH_MAX
            os.mkdir("d" * 200, dir_fd=fd)
            deeper = os.open("d" * 200, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = deeper
        with open(os.open("bottom.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as handle:
            handle.write(good_article("Bottom"))
    finally:
        os.close(fd)
    summary = json.loads(run(settings_env, "ingest", str(folder), "--json"))
    assert summary["stored"] == 1
    assert summary["rejected"] == 1
    assert "could not be listed" in summary["rejections"][0]["reason"]


def test_ingest_a_folder_named_by_a_relative_path(
    settings_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "drop" / "sub").mkdir(parents=True)
    (tmp_path / "drop" / "sub" / "story.txt").write_bytes(good_article("Relative"))
    os.symlink("sub/story.txt", tmp_path / "drop" / "link.txt")  # a link that stays inside is followed
    monkeypatch.chdir(tmp_path)
    summary = json.loads(run(settings_env, "ingest", "drop", "--json"))
    assert (summary["stored"], summary["duplicate"], summary["rejected"]) == (1, 1, 0), summary


def test_a_big_feed_file_is_stored_in_bounded_transactions(settings, database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 15 §3: a feed file's entries were stored in one transaction (10,000 entries, 344 MB)."""
    from sqlalchemy import event

    from tests.unit.test_feed_entry_cap import prefixed_atom
    from worker import ingest
    from worker.pipeline.document import SourceInfo

    monkeypatch.setattr(ingest, "STORE_CHUNK_DOCUMENTS", 4)  # the real size is 200; the rule is the same
    commits: list[int] = []
    event.listen(database.engine, "commit", lambda _conn: commits.append(1))
    outcome = ingest.Ingestor(settings, database).ingest_bytes(
        prefixed_atom(10).encode(), SourceInfo(source="feed.xml", kind="file")
    )
    assert len(outcome.documents) == 10 and outcome.documents[0].status == "stored"
    assert len(commits) == 3  # 4 + 4 + 2


def test_export_refuses_to_overwrite_the_database(settings_env: dict[str, str], tmp_path: Path) -> None:
    """Issue 15 §4: `export --output $NEWSWORKER_HOME/newsworker.db` truncated the database, then exported 0."""
    from tests.conftest import SEEDS

    run(settings_env, "ingest", str(SEEDS))
    home = Path(settings_env["NEWSWORKER_HOME"])
    inbox = Path(settings_env["NEWSWORKER_INBOX"])
    inbox.mkdir(parents=True, exist_ok=True)
    targets = [home / "newsworker.db", home / "anything.jsonl", inbox / "export.jsonl"]
    database_url = settings_env["DATABASE_URL"]
    if database_url.startswith("sqlite:///"):
        database = Path(database_url.removeprefix("sqlite:///"))
        os.link(database, tmp_path / "hard-link.db")
        os.symlink(database, tmp_path / "soft-link.db")
        targets += [database, Path(f"{database}-wal"), tmp_path / "hard-link.db", tmp_path / "soft-link.db"]
    for target in targets:
        before = target.read_bytes() if target.exists() else None
        result = invoke(settings_env, "export", "--output", str(target))
        assert result.exit_code == 1, (target, result.output)
        assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1, result.output
        assert (target.read_bytes() if target.exists() else None) == before
    assert json.loads(run(settings_env, "status", "--json"))["articles"] == 2


def test_export_errors_are_one_line(settings_env: dict[str, str], tmp_path: Path) -> None:
    """Issue 10 §1b: a directory, a missing folder or a full device gave a traceback."""
    from tests.conftest import SEEDS

    run(settings_env, "ingest", str(SEEDS))
    for target, words in [
        (tmp_path, "directory"),
        (tmp_path / "missing" / "out.jsonl", "does not exist"),
        (Path("/dev/full"), "No space left"),
    ]:
        result = invoke(settings_env, "export", "--output", str(target))
        assert result.exit_code == 1, (target, result.output)
        assert result.output.startswith("Error: ") and words in result.output, result.output
        assert len(result.output.splitlines()) == 1, result.output


def test_export_replaces_the_file_whole(settings_env: dict[str, str], tmp_path: Path) -> None:
    from tests.conftest import SEEDS

    run(settings_env, "ingest", str(SEEDS))
    output = tmp_path / "articles.jsonl"
    output.write_text("old contents\n")
    run(settings_env, "export", "--output", str(output))
    assert len(output.read_text().splitlines()) == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".articles")) == []


def test_terminal_controls_never_reach_the_terminal(settings_env: dict[str, str], tmp_path: Path) -> None:
    """Issue 15 §5: `newsworker articles` printed ESC]0;...BEL ESC[2J from a title, retitling and clearing the screen."""
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "story.txt").write_bytes(b"\x1b]0;Owned\x07\x1b[2JBudget" + good_article(" vote")[1:])
    (folder / "\x1b[2Jempty.txt").write_bytes(b"")
    outputs = [run(settings_env, "ingest", str(folder))]
    outputs += [run(settings_env, *command) for command in (["articles"], ["articles", "show", "1"], ["rejects"])]
    for output in outputs:
        assert "\x1b" not in output and "\x07" not in output, output
    assert "Budget" in outputs[1]


def opml_of(count: int) -> bytes:
    outlines = "".join(f'<outline type="rss" xmlUrl="https://feeds{n}.example/rss"/>' for n in range(count))
    return f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>'.encode()


def test_one_list_adds_at_most_the_configured_number_of_feeds(settings_env: dict[str, str], tmp_path: Path) -> None:
    """Issue 15 §9: an OPML dropped into the inbox added 50,000 feeds, a JSON list 20,000."""
    env = {**settings_env, "NEWSWORKER_MAX_FEEDS_PER_LIST": "3"}
    listing = tmp_path / "feeds.json"
    listing.write_text(json.dumps({"feeds": [{"url": f"https://j{n}.example/rss"} for n in range(5)]}))
    assert "3 feeds added, 2 skipped: a list may name at most 3 feeds" in run(env, "feeds", "import", str(listing))
    opml = tmp_path / "drop" / "subs.opml"
    opml.parent.mkdir()
    opml.write_bytes(opml_of(10))
    output = run(env, "ingest", str(opml.parent))  # what the inbox task does with an OPML list
    assert "3 feeds added, 7 skipped" in output
    assert len(json.loads(run(env, "feeds", "list", "--json"))) == 6


def test_feeds_add_refuses_credentials_and_endless_intervals(settings_env: dict[str, str]) -> None:
    for args in (
        ["https://reader:hunter2@news.example/rss"],
        ["https://news.example/rss", "--every", "inf"],
        ["https://news.example/rss", "--every", "1e300"],
        ["https://news.example:84301/rss"],
    ):
        result = invoke(settings_env, "feeds", "add", *args)
        assert result.exit_code == 1 and result.output.startswith("Error: "), result.output
        assert "hunter2" not in result.output
    assert json.loads(run(settings_env, "feeds", "list", "--json")) == []


def test_an_absurd_limit_is_a_usage_error(settings_env: dict[str, str]) -> None:
    """Issue 10 §1b: `--limit 99999999999999999999` overflowed into a traceback."""
    for command in (
        ["articles"],
        ["articles", "list"],
        ["articles", "search", "x"],
        ["entities"],
        ["rejects"],
        ["errors"],
    ):
        result = invoke(settings_env, *command, "--limit", "99999999999999999999")
        assert result.exit_code == 2 and "Error: Invalid value for '--limit'" in result.output, result.output
        assert "Traceback" not in result.output
    assert run(settings_env, "articles", "--limit", "1000000") == ""
