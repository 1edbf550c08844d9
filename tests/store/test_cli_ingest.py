"""`newsworker ingest` and the read commands, on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import REPO, SEEDS
from tests.support.cli import run

ARTICLE_SCHEMA = json.loads((REPO / "schemas" / "article.schema.json").read_text())


def test_seeds_are_stored_once(settings_env: dict[str, str]) -> None:
    first = json.loads(run(settings_env, "ingest", str(SEEDS), "--json"))
    assert (first["stored"], first["duplicate"], first["rejected"]) == (2, 0, 0)
    second = json.loads(run(settings_env, "ingest", str(SEEDS), "--json"))
    assert (second["stored"], second["duplicate"], second["near_duplicate"]) == (0, 2, 0)
    status = json.loads(run(settings_env, "status", "--json"))
    assert status["articles"] == 2


def test_seed_metadata_and_bodies(settings_env: dict[str, str]) -> None:
    run(settings_env, "ingest", str(SEEDS))
    records = {r["title"]: r for r in map(json.loads, run(settings_env, "export", "--format", "jsonl").splitlines())}
    assert set(records) == {"What Iranians Want From Trump", "The Moscow-Tehran Axis of Evil"}
    ioffe = records["The Moscow-Tehran Axis of Evil"]
    assert ioffe["authors"] == ["Julia Ioffe"]
    assert ioffe["published_at"].startswith("2022-10-25")
    assert "Julia Ioffe\n" not in ioffe["text"] and not ioffe["text"].startswith("Iranian President")
    atlantic = records["What Iranians Want From Trump"]
    assert atlantic["site"] == "theatlantic.com"
    assert "Source:" not in atlantic["text"] and "Published 4 hours ago" not in atlantic["text"]
    assert atlantic["language"] == "en"
    names = {(e["name"], e["type"]) for e in atlantic["entities"]}
    assert ("Iran", "GPE") in names


def test_export_validates_against_schema(settings_env: dict[str, str], tmp_path: Path) -> None:
    run(settings_env, "ingest", str(SEEDS))
    output = tmp_path / "out.jsonl"
    run(settings_env, "export", "--format", "jsonl", "--output", str(output))
    lines = output.read_text().splitlines()
    assert len(lines) == 2
    for line in lines:
        jsonschema.validate(json.loads(line), ARTICLE_SCHEMA, format_checker=jsonschema.FormatChecker())


def test_read_commands(settings_env: dict[str, str]) -> None:
    run(settings_env, "ingest", str(SEEDS))
    listing = run(settings_env, "articles")
    assert "What Iranians Want From Trump" in listing
    shown = run(settings_env, "articles", "show", "1")
    assert "content_hash" in shown and "entities:" in shown
    found = json.loads(run(settings_env, "articles", "search", "Rezaian", "--json"))
    assert [r["title"] for r in found] == ["The Moscow-Tehran Axis of Evil"]
    top = json.loads(run(settings_env, "entities", "--json"))
    assert any(e["name"] == "Iran" and e["articles"] == 2 for e in top)
    mentioning = json.loads(run(settings_env, "entities", "Tehran", "--json"))
    assert len(mentioning) == 2


def test_rejections_are_listed_and_batch_goes_on(settings_env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    shutil.copytree(SEEDS, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    summary = json.loads(run(settings_env, "ingest", str(folder), "--json"))
    assert (summary["stored"], summary["rejected"]) == (2, 2)
    rejects = json.loads(run(settings_env, "rejects", "--json"))
    reasons = {Path(r["source"]).name: r["reason"] for r in rejects}
    assert "empty" in reasons["empty.txt"]
    assert "PNG" in reasons["image.html"]


def test_near_duplicate_points_to_first_seen(settings_env: dict[str, str], tmp_path: Path) -> None:
    original = (SEEDS / "004_46e91d2e242a848f.txt").read_text()
    title, _, body = original.partition("\n")
    paragraphs = body.strip().split("\n\n")
    variant = (
        "Russia and Iran draw closer, says Rezaian\n\n" + "\n\n".join(paragraphs[:-3]) + "\n\nReporting by Wire Desk."
    )
    (tmp_path / "a.txt").write_text(original)
    (tmp_path / "b.txt").write_text(variant)
    run(settings_env, "ingest", str(tmp_path / "a.txt"))
    summary = json.loads(run(settings_env, "ingest", str(tmp_path / "b.txt"), "--json"))
    assert summary["near_duplicate"] == 1
    shown = json.loads(run(settings_env, "articles", "show", "2", "--json"))
    assert shown["near_duplicate_of"] == 1
    first = json.loads(run(settings_env, "articles", "show", "1", "--json"))
    assert first["near_duplicates"] == [2]


@pytest.mark.parametrize("missing", ["does-not-exist.txt"])
def test_missing_path_is_a_rejection_not_a_crash(settings_env: dict[str, str], tmp_path: Path, missing: str) -> None:
    summary = json.loads(run(settings_env, "ingest", str(tmp_path / missing), "--json"))
    assert summary["rejected"] == 1
    assert "no longer exists" in summary["rejections"][0]["reason"]
