"""A place the gazetteer knows is stored under one name whatever spelling the first article used ("Austria"
for "Österreich", "Munich" for "München", "European Union" for "EU"), stays findable under every spelling, and
migration 0012 renames rows stored before. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from tests.support.cli import run
from tests.support.migrations import migrate
from worker.pipeline.entities.gazetteer import canonical_name, load_gazetteer, load_german_gazetteer
from worker.store.db import make_engine

GERMAN = (
    "Wien. Die Regierung in Österreich hat am Dienstag neue Regeln für den Zugverkehr nach München beschlossen. "
    "Die EU hatte die Bahnen in Österreich und Deutschland zuvor aufgefordert, die Strecke über den Brenner "
    "schneller auszubauen. Der Verkehrsminister sagte, die Arbeiten würden im Frühjahr beginnen und mehrere "
    "Jahre dauern. Auch in der Schweiz wird über neue Tunnel für den Güterverkehr beraten."
)
ENGLISH = (
    "VIENNA (AP) — Austria's government on Tuesday approved new rules for rail traffic to Munich, after the "
    "European Union urged railways in Austria and Germany to speed up work on the line over the Brenner Pass. "
    "The transport minister said the work would start in the spring and take several years. Switzerland is "
    "also weighing new tunnels for freight, officials in Bern said."
)


def test_canonical_names_of_known_identities() -> None:
    assert canonical_name("country:AT") == "Austria"
    assert canonical_name("country:US") == "United States"  # lexicon.CANONICAL_NAMES first
    assert canonical_name("org:European Union") == "European Union"  # curated keys carry their name
    assert canonical_name("country:IS") == "Iceland"
    # Every identity spelled more than one way in either gazetteer has a name (the data file is up to date).
    spellings: dict[str, set[str]] = {}
    for gazetteer in (load_gazetteer(), load_german_gazetteer()):
        for surface, entry in gazetteer.names.items():
            spellings.setdefault(str(entry[1]), set()).add(surface)
    unnamed = sorted(key for key, surfaces in spellings.items() if len(surfaces) > 1 and not canonical_name(key))
    assert unnamed == [], (
        f"{len(unnamed)} identities lack a name, e.g. {unnamed[:5]}: run python -m tools.build_canonical"
    )


def test_the_first_articles_spelling_does_not_name_the_entity(settings_env: dict[str, str], tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    # The German article is ingested first (file names sort first), so before 0012 its spellings named the rows.
    (inbox / "a-bahn.txt").write_text(f"Neue Regeln für die Bahn\n\n{GERMAN}\n")
    (inbox / "b-rail.txt").write_text(f"Austria approves new rail rules\n\n{ENGLISH}\n")
    assert json.loads(run(settings_env, "ingest", str(inbox), "--json"))["stored"] == 2

    names = {row["name"] for row in json.loads(run(settings_env, "entities", "--json", "--limit", "100"))}
    assert {"Austria", "Munich", "European Union", "Switzerland", "Germany"} <= names
    assert not names & {"Österreich", "München", "EU", "Schweiz", "Deutschland"}
    for spelling in ("Österreich", "Austria", "München", "Munich", "EU", "European Union", "Schweiz"):
        rows = json.loads(run(settings_env, "entities", spelling, "--json"))
        assert len({row["id"] for row in rows}) == 2, spelling  # both articles, under any spelling
        assert len({row["entity"] for row in rows}) == 1, spelling


def test_0012_renames_stored_rows_and_keeps_the_old_name_as_an_alias(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine, "0011")
        with engine.begin() as conn:
            for entity_id, name, key, kind in [
                (1, "Österreich", "country:at", "GPE"),
                (2, "EU", "org:european union", "ORG"),
                (3, "Harbour Board", "harbour board", "ORG"),  # unknown to the gazetteer: left alone
                (4, "Austria", "country:at", "NORP"),  # already its name
            ]:
                conn.execute(
                    text("INSERT INTO entities (id, name, key, type) VALUES (:id, :name, :key, :type)"),
                    {"id": entity_id, "name": name, "key": key, "type": kind},
                )
            conn.execute(
                text("INSERT INTO entity_aliases (alias_key, entity_id, source) VALUES ('eu', 2, 'gazetteer')")
            )
        migrate(engine, "head")
        with engine.connect() as conn:
            names = dict(conn.execute(text("SELECT id, name FROM entities")).all())
            aliases = set(conn.execute(text("SELECT alias_key, entity_id FROM entity_aliases")).all())
        assert names == {1: "Austria", 2: "European Union", 3: "Harbour Board", 4: "Austria"}
        assert {("österreich", 1), ("austria", 1), ("eu", 2), ("european union", 2)} <= aliases
        assert not any(entity_id in (3, 4) for _alias, entity_id in aliases)
        migrate(engine, "0011", down=True)
        migrate(engine, "head")  # again: nothing left to rename, no duplicate aliases
        with engine.connect() as conn:
            assert dict(conn.execute(text("SELECT id, name FROM entities")).all()) == names
    finally:
        engine.dispose()
