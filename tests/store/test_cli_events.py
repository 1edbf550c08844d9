"""`newsworker events` and `newsworker export --since` on a real database (SQLite, and PostgreSQL when configured):
listings after a cursor, --follow as a real process stopped by SIGINT or SIGTERM, and incremental exports that
continue from the seq the previous one printed."""

from __future__ import annotations

import csv
import io
import json
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from tests.bad_inputs import good_article
from tests.conftest import REPO
from worker.cli import cli
from worker.export import CSV_COLUMNS

ARTICLE_SCHEMA = json.loads((REPO / "schemas" / "article.schema.json").read_text())
EVENT_SCHEMA = json.loads((REPO / "schemas" / "event.schema.json").read_text())


def invoke(env: dict[str, str], *args: str, code: int = 0) -> tuple[str, str]:
    result = CliRunner().invoke(cli, list(args), env=env, obj={}, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr


def ingest(env: dict[str, str], folder: Path, *titles: str) -> None:
    folder.mkdir(exist_ok=True)
    for title in titles:
        (folder / f"{title}.txt").write_bytes(good_article(title))
        invoke(env, "ingest", str(folder / f"{title}.txt"))


class Follower:
    """`newsworker events --follow` as a real process, its standard output read line by line in a thread (so a
    test waits for a line with a timeout instead of hanging on a silent process)."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "worker.cli", "events", "--follow", "--interval", "0.1", *args],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.rest: list[str] = []  # what it printed after the stop
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def next_json(self, timeout: float = 120) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(self.lines.get(timeout=timeout))
        return value

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str]:
        """Send the signal; the exit status and standard error."""
        self.process.send_signal(sig)
        try:
            self.process.wait(120)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        self.reader.join(10)
        while not self.lines.empty():
            self.rest.append(self.lines.get())
        assert self.process.stderr is not None
        return self.process.returncode, self.process.stderr.read()


def test_events_after_a_cursor_by_kind_and_limit_in_every_format(settings_env: dict[str, str], tmp_path: Path) -> None:
    ingest(settings_env, tmp_path / "in", "Alpha", "Bravo", "Charlie")
    (tmp_path / "in" / "empty.txt").write_text("")
    invoke(settings_env, "ingest", str(tmp_path / "in" / "empty.txt"))

    every = json.loads(invoke(settings_env, "events", "--json")[0])
    assert [e["kind"] for e in every] == ["article.stored"] * 3 + ["input.rejected"]
    for record in every:
        jsonschema.validate(record, EVENT_SCHEMA)
    first = every[0]["seq"]
    after = [json.loads(line) for line in invoke(settings_env, "events", "--after", str(first), "--nl")[0].splitlines()]
    assert after == every[1:]
    stored = json.loads(invoke(settings_env, "events", "--kind", "article.stored", "--limit", "2", "--json")[0])
    assert [e["article_id"] for e in stored] == [1, 2]
    rejected = json.loads(invoke(settings_env, "events", "--kind", "input.rejected", "--json")[0])
    assert [Path(e["source"]).name for e in rejected] == ["empty.txt"]
    rows = list(csv.DictReader(io.StringIO(invoke(settings_env, "events", "--csv")[0])))
    assert [row["id"] for row in rows] == [e["id"] for e in every]
    text = invoke(settings_env, "events")[0]
    assert "article.stored" in text and "Charlie" in text and "input.rejected" in text
    assert json.loads(invoke(settings_env, "events", "--after", str(every[-1]["seq"]), "--json")[0]) == []
    invoke(settings_env, "events", "--kind", "no-such-kind", code=2)


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_follow_prints_new_events_as_they_commit_and_stops_cleanly(
    settings_env: dict[str, str], tmp_path: Path, stop_signal: signal.Signals
) -> None:
    ingest(settings_env, tmp_path / "in", "Alpha")
    follower = Follower(settings_env, "--json")
    try:
        lines = [follower.next_json()]  # the event already there
        ingest(settings_env, tmp_path / "in", "Bravo", "Charlie")
        lines += [follower.next_json(), follower.next_json()]
    finally:
        code, err = follower.stop(stop_signal)
    assert code == 0, err
    assert "Traceback" not in err
    assert follower.rest == []  # nothing more, nothing half-printed
    assert [(e["kind"], e["article_id"]) for e in lines] == [("article.stored", n) for n in (1, 2, 3)]


def test_follow_starts_after_the_cursor(settings_env: dict[str, str], tmp_path: Path) -> None:
    ingest(settings_env, tmp_path / "in", "Alpha", "Bravo")
    follower = Follower(settings_env, "--nl", "--after", "1")
    try:
        first = follower.next_json()
    finally:
        code, err = follower.stop()
    assert (first["seq"], first["article_id"]) == (2, 2)
    assert code == 0, err


def test_follow_as_csv_prints_the_header_once(settings_env: dict[str, str], tmp_path: Path) -> None:
    ingest(settings_env, tmp_path / "in", "Alpha")
    follower = Follower(settings_env, "--csv")
    try:
        first = [follower.lines.get(timeout=120), follower.lines.get(timeout=120)]
        ingest(settings_env, tmp_path / "in", "Bravo")
        second = follower.lines.get(timeout=120)
    finally:
        code, err = follower.stop()
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO("".join([*first, second]))))
    assert [(row["kind"], row["article_id"]) for row in rows] == [("article.stored", "1"), ("article.stored", "2")]
    assert follower.rest == []


def test_export_since_continues_from_the_seq_the_last_one_printed(settings_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    ingest(settings_env, tmp_path / "in", "Alpha", "Bravo")
    printed, note = invoke(settings_env, "export", "--since", "0", "--output", str(out / "1.jsonl"))
    first_seq = int(printed)
    assert f"exported 2 articles to {out / '1.jsonl'}; next time: --since {first_seq}" in note
    first = [json.loads(line) for line in (out / "1.jsonl").read_text().splitlines()]
    assert [r["title"] for r in first] == ["Alpha", "Bravo"]
    for record in first:
        jsonschema.validate(record, ARTICLE_SCHEMA)

    (tmp_path / "in" / "empty.txt").write_text("")
    invoke(settings_env, "ingest", str(tmp_path / "in" / "empty.txt"))  # an event, but no article
    ingest(settings_env, tmp_path / "in", "Charlie")
    invoke(settings_env, "ingest", str(tmp_path / "in" / "Alpha.txt"))  # the same source again: nothing new
    printed, _ = invoke(settings_env, "export", "--since", str(first_seq), "--output", str(out / "2.jsonl"))
    second_seq = int(printed)
    assert second_seq > first_seq
    assert [json.loads(line)["title"] for line in (out / "2.jsonl").read_text().splitlines()] == ["Charlie"]

    printed, _ = invoke(
        settings_env, "export", "--since", str(second_seq), "--format", "csv", "--output", str(out / "3.csv")
    )
    assert int(printed) == second_seq
    assert (out / "3.csv").read_text() == ",".join(CSV_COLUMNS) + "\n"  # nothing new: only the header

    # Without --output the records go to standard output and the seq to standard error.
    records, note = invoke(settings_env, "export", "--since", str(first_seq))
    assert [json.loads(line)["title"] for line in records.splitlines()] == ["Charlie"]
    assert note.strip().endswith(f"next time: --since {second_seq}")


def test_a_full_export_keeps_every_article_and_csv_has_its_columns(
    settings_env: dict[str, str], tmp_path: Path
) -> None:
    ingest(settings_env, tmp_path / "in", "Alpha", "Bravo")
    records = [json.loads(line) for line in invoke(settings_env, "export")[0].splitlines()]
    assert [r["id"] for r in records] == [1, 2]
    assert tuple(records[0]) == CSV_COLUMNS  # the CSV's columns are the record's keys, in order
    printed, _ = invoke(settings_env, "export", "--format", "csv", "--output", str(tmp_path / "all.csv"))
    rows = list(csv.DictReader((tmp_path / "all.csv").open(newline="")))
    assert [row["title"] for row in rows] == ["Alpha", "Bravo"]
    assert rows[0]["text"] == records[0]["text"]
    assert json.loads(rows[0]["sightings"]) == records[0]["sightings"]
    assert int(printed) == 2  # the seq a later `--since` continues from
