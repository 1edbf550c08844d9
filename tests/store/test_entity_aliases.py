"""One entity per real-world thing: `newsworker entities NAME` finds an entity under any of its names, on a real
database through `newsworker ingest` (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run
from worker.pipeline.entities import EntityCount

ARTICLES = {
    # Three spellings of one country, one article each.
    "us-dotted": ("Tariffs rise", "The U.S. raised tariffs on steel imports, officials said."),
    "us-bare": ("Trade talks stall", "Negotiators from the US left the talks early, officials said."),
    "us-full": ("Exports fall", "Exports from the United States fell for a third month, officials said."),
    # A person in full with a short form in the same article, by surname alone in another, and a second person
    # with the same surname.
    "scholz-full": (
        "Budget vote",
        "Chancellor Olaf Scholz defended the budget. Scholz said the deficit would shrink next year.",
    ),
    "scholz-bare": ("Coalition row", "The coalition wobbled after Scholz said he would not resign."),
    "anna-scholz": (
        "Chess final",
        "The chess player Anna Scholz won the final in Vienna. Scholz said she had prepared for months.",
    ),
    # A person named like a city, and the city.
    "hilton": ("Hotel heiress", "Paris Hilton opened a new club. Hilton said the venue would open in spring."),
    "paris": ("Rail strike", "Trains in Paris stopped on Monday as workers walked out, the union said."),
}


def ingest(env: dict[str, str], folder: Path) -> dict[str, int]:
    folder.mkdir()
    for slug, (title, body) in ARTICLES.items():
        (folder / f"{slug}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    summary = json.loads(run(env, "ingest", str(folder), "--json"))
    assert summary["stored"] == len(ARTICLES), summary
    records = [json.loads(line) for line in run(env, "export", "--format", "jsonl").splitlines()]
    return {record["title"]: record["id"] for record in records}


def titles_for(env: dict[str, str], name: str) -> set[str]:
    rows = json.loads(run(env, "entities", name, "--json"))
    return {row["title"] for row in rows}


def test_every_spelling_of_a_country_finds_every_article(settings_env: dict[str, str], tmp_path: Path) -> None:
    ingest(settings_env, tmp_path / "in")
    expected = {"Tariffs rise", "Trade talks stall", "Exports fall"}
    for spelling in ("United States", "U.S.", "US", "USA", "america"):
        assert titles_for(settings_env, spelling) == expected, spelling
    rows = json.loads(run(settings_env, "entities", "US", "--json"))
    assert {row["entity"] for row in rows} == {"United States"}
    top = json.loads(run(settings_env, "entities", "--type", "GPE", "--json"))
    united_states = [row for row in top if row["name"] == "United States"]
    assert united_states and united_states[0]["articles"] == 3
    assert not [row for row in top if row["name"] in ("U.S.", "US")]


def test_export_carries_the_canonical_name(settings_env: dict[str, str], tmp_path: Path) -> None:
    ingest(settings_env, tmp_path / "in")
    records = {r["title"]: r for r in map(json.loads, run(settings_env, "export", "--format", "jsonl").splitlines())}
    assert ("United States", "GPE") in {(e["name"], e["type"]) for e in records["Tariffs rise"]["entities"]}
    assert records["Tariffs rise"]["untagged_reason"] is None


def test_a_surname_links_only_where_the_article_names_the_person_in_full(
    settings_env: dict[str, str], tmp_path: Path
) -> None:
    ingest(settings_env, tmp_path / "in")
    # The surname in the same article as the full name is that person; alone elsewhere, it is not assumed to be.
    assert titles_for(settings_env, "Olaf Scholz") == {"Budget vote"}
    assert titles_for(settings_env, "Anna Scholz") == {"Chess final"}
    # The bare surname finds every article that used it, each under its own entity: nothing was merged.
    rows = json.loads(run(settings_env, "entities", "Scholz", "--json"))
    assert {(row["title"], row["entity"]) for row in rows} == {
        ("Budget vote", "Olaf Scholz"),
        ("Chess final", "Anna Scholz"),
        ("Coalition row", "Scholz"),
    }


def test_a_person_named_like_a_city_stays_apart_from_it(settings_env: dict[str, str], tmp_path: Path) -> None:
    ingest(settings_env, tmp_path / "in")
    assert titles_for(settings_env, "Paris Hilton") == {"Hotel heiress"}
    assert titles_for(settings_env, "Paris") == {"Rail strike"}


def test_an_article_in_a_language_without_a_tagger_is_stored_untagged(
    settings_env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "fr"
    folder.mkdir()
    (folder / "greve.txt").write_text(
        "Grève des cheminots\n\nLes Cheminots de la Région Parisienne ont cessé le Travail mardi, a indiqué le "
        "Syndicat. Le Ministre des Transports a appelé au Dialogue avec les Représentants du Personnel.\n",
        encoding="utf-8",
    )
    run(settings_env, "ingest", str(folder))
    (record,) = [json.loads(line) for line in run(settings_env, "export", "--format", "jsonl").splitlines()]
    assert record["language"] == "fr"
    assert record["entities"] == []
    assert record["untagged_reason"] == "no tagger for language fr"
    assert json.loads(run(settings_env, "entities", "--json")) == []
    assert "untagged        no tagger for language fr" in run(settings_env, "articles", "show", str(record["id"]))


class UnkeyedTagger:
    """A backend that knows nothing of the gazetteer's identities, like spaCy: names and types only."""

    backend = "unkeyed-test-tagger"

    def supports(self, language: str | None) -> bool:
        return True

    def tag(self, text: str, title: str | None = None, language: str | None = None) -> list[EntityCount]:
        return [EntityCount(name, "GPE", 1) for name in ("U.S.", "America") if name in text]


def make_unkeyed_tagger() -> UnkeyedTagger:
    return UnkeyedTagger()


def test_names_from_a_backend_without_identities_join_the_same_entity(
    settings_env: dict[str, str], tmp_path: Path
) -> None:
    ingest(settings_env, tmp_path / "in")  # the built-in tagger: "United States" keyed country:US
    env = dict(settings_env, NEWSWORKER_TAGGER="tests.store.test_entity_aliases:make_unkeyed_tagger")
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "a.txt").write_text("Visa rules\n\nAmerica tightened visa rules for students.\n", encoding="utf-8")
    run(env, "ingest", str(folder))
    rows = json.loads(run(settings_env, "entities", "United States", "--json"))
    assert "Visa rules" in {row["title"] for row in rows}
    assert {row["entity"] for row in rows} == {"United States"}
