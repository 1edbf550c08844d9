"""The read commands' output formats on a real database: text, --json, --nl and --csv say the same."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import SEEDS
from tests.store.test_contained_errors import faulty_article
from tests.support.cli import run
from worker.cli import cli


def test_articles_alone_is_articles_list(settings_env: dict[str, str]) -> None:
    run(settings_env, "ingest", str(SEEDS))
    for options in ([], ["--limit", "1"], ["--json"], ["--limit", "1", "--csv"], ["--nl"]):
        assert run(settings_env, "articles", *options) == run(settings_env, "articles", "list", *options)
    assert len(json.loads(run(settings_env, "articles", "--limit", "1", "--json"))) == 1
    assert "Commands:" in run(settings_env, "articles", "--help")  # the group's own help, not list's


def test_listing_formats_agree(settings_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tiny.txt").write_text("x")
    run(settings_env, "ingest", str(SEEDS), str(tmp_path / "in"))
    run(settings_env, "feeds", "add", "https://news.example/rss", "--every", "30m", "--name", "Example")
    for command in (
        ["articles"],
        ["articles", "search", "Iran"],
        ["entities", "--limit", "5"],
        ["rejects"],
        ["feeds", "list"],
    ):
        rows = json.loads(run(settings_env, *command, "--json"))
        assert rows, command
        assert [json.loads(line) for line in run(settings_env, *command, "--nl").splitlines()] == rows
        records = list(csv.DictReader(io.StringIO(run(settings_env, *command, "--csv"))))
        assert list(records[0]) == list(rows[0])  # the header is the JSON keys, in order
        first = next(iter(rows[0]))
        assert [record[first] for record in records] == [str(row[first]) for row in rows]
    text = run(settings_env, "articles").splitlines()
    rows = json.loads(run(settings_env, "articles", "--json"))
    assert len(text) == len(rows) == 2
    assert all(
        line.startswith(f"#{row['id']} ") and line.endswith(row["title"]) for line, row in zip(text, rows, strict=True)
    )


def test_one_format_at_a_time(settings_env: dict[str, str]) -> None:
    result = CliRunner().invoke(cli, ["rejects", "--json", "--nl"], env=settings_env, obj={})
    assert result.exit_code == 2 and "--json and --nl cannot be used together" in result.output


def test_errors_and_retry_in_every_format(settings_env: dict[str, str], tmp_path: Path) -> None:
    env = dict(settings_env, NEWSWORKER_TAGGER="tests.faulty_tagger:make_tagger")
    (tmp_path / "b.txt").write_bytes(faulty_article("Bravo story"))
    assert CliRunner().invoke(cli, ["ingest", str(tmp_path / "b.txt")], env=env, obj={}).exit_code == 3
    [row] = json.loads(run(env, "errors", "--json"))
    assert list(csv.DictReader(io.StringIO(run(env, "errors", "--csv"))))[0]["id"] == str(row["id"])
    assert run(env, "errors").startswith(f"#{row['id']:<5} ")

    retried = CliRunner().invoke(cli, ["retry"], env=env, obj={})
    assert retried.exit_code == 3
    assert retried.stdout.startswith(f"#{row['id']} {row['source']}: error: internal error in tag"), retried.output
    [record] = [
        json.loads(line) for line in CliRunner().invoke(cli, ["retry", "--nl"], env=env, obj={}).stdout.splitlines()
    ]
    assert (record["id"], record["status"]) == (row["id"], "error")
