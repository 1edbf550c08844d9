"""The agency a byline credits is kept as the article's credit, apart from its authors: stored, exported (JSONL
and CSV), shown, and added by migration 0011 to a database holding older rows. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
from sqlalchemy import text

from tests.conftest import REPO
from tests.support.cli import run
from tests.support.migrations import migrate
from worker.store.db import make_engine

ARTICLE_SCHEMA = json.loads((REPO / "schemas" / "article.schema.json").read_text())
BODY = (
    "The harbour authority said on Tuesday that the new quay would open in the spring, two years later than "
    "planned, after a dispute with the contractor over the cost of dredging the channel. Shipping lines had "
    "been told to expect delays. The authority's chair said the money was now in place and work would resume."
)

OTHER_BODY = (
    "Councillors voted by nine to four on Monday evening to back the plan for a second ferry berth at the old "
    "fish market, after a long debate about parking, noise at night and the future of the market traders, who "
    "will move to a new hall beside the bus station once the works begin next year."
)


def test_a_wire_byline_gives_people_and_a_credit(settings_env: dict[str, str], tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "wire.txt").write_text(f"Quay opening delayed\nBy Mara Lind and Tomas Ek, Associated Press\n\n{BODY}\n")
    (inbox / "local.txt").write_text(f"Council backs quay\nBy Mara Lind\n\n{OTHER_BODY}\n")
    assert json.loads(run(settings_env, "ingest", str(inbox), "--json"))["stored"] == 2

    records = {r["title"]: r for r in map(json.loads, run(settings_env, "export", "--format", "jsonl").splitlines())}
    wire, local = records["Quay opening delayed"], records["Council backs quay"]
    assert (wire["authors"], wire["credit"]) == (["Mara Lind", "Tomas Ek"], "Associated Press")
    assert (local["authors"], local["credit"]) == (["Mara Lind"], None)
    for record in records.values():
        jsonschema.validate(record, ARTICLE_SCHEMA, format_checker=jsonschema.FormatChecker())

    rows = list(csv.DictReader(io.StringIO(run(settings_env, "export", "--format", "csv"))))
    assert {row["title"]: row["credit"] for row in rows} == {
        "Quay opening delayed": "Associated Press",
        "Council backs quay": "",
    }
    assert "credit          Associated Press" in run(settings_env, "articles", "show", str(wire["id"]))
    assert "credit" not in run(settings_env, "articles", "show", str(local["id"]))


def test_0011_adds_the_column_and_keeps_old_rows(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine, "0010")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO articles (id, content_hash, authors, text, word_count, source, source_kind, extractor,"
                    " tagger_backend, neardup_signature, ingested_at) VALUES (1, 'h1', '[\"Mara Lind\"]', 'words',"
                    " 1, '/in/a.txt', 'file', 'text-headers', 'builtin-1', :signature, '2024-01-01 00:00:00')"
                ),
                {"signature": b"\x00" * 8},
            )
        migrate(engine, "head")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT content_hash, credit FROM articles")).one() == ("h1", None)
        migrate(engine, "0010", down=True)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 1
            assert "credit" not in conn.execute(text("SELECT * FROM articles")).keys()
        migrate(engine, "head")
    finally:
        engine.dispose()
