"""`newsworker retag`: stored articles tagged again with the current tagger, SQLite and PostgreSQL. The articles
are first stored by a tagger that repeats an old gazetteer bug ("Mexico" as an alias of Mexico City), through the
NEWSWORKER_TAGGER plug-in setting; retag then gives them the built-in tagger's entities."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run
from worker.pipeline.entities import EntityCount

MEXICO = (
    "Mexico City, Monday. Traffic in Mexico City was heavy after the holiday, the transport office said. The "
    "economy of Mexico grew 2% last year, and the central bank expects the same this year, economists said."
)
PERU = (
    "Lima, Tuesday. The economy of Peru grew 3% last year, the finance ministry said in Lima. Copper exports rose "
    "and the central bank held its rate, while economists expected a boom in the mining towns of the south."
)


class OldTagger:
    """Types every article as the old gazetteer did: "Mexico" a short form of Mexico City."""

    backend = "old-1"

    def supports(self, language: str | None) -> bool:
        return True

    def tag(self, text: str, title: str | None = None, language: str | None = None) -> list[EntityCount]:
        return [EntityCount("Mexico City", "GPE", 3, known_key="city:3530597", aliases=("Mexico",))]


class FailingOnPeru(OldTagger):
    backend = "failing-1"

    def tag(self, text: str, title: str | None = None, language: str | None = None) -> list[EntityCount]:
        if "Peru" in text:
            raise RuntimeError("a tagger bug")
        return super().tag(text, title, language)


def stored(env: dict[str, str], tmp_path: Path) -> dict[str, dict]:
    inbox = tmp_path / "in"
    inbox.mkdir(exist_ok=True)
    (inbox / "mexico.txt").write_text(f"Traffic returns\n\n{MEXICO}\n")
    (inbox / "peru.txt").write_text(f"Peru grows\n\n{PERU}\n")
    old = {**env, "NEWSWORKER_TAGGER": f"{__name__}:OldTagger"}
    assert json.loads(run(old, "ingest", str(inbox), "--json"))["stored"] == 2
    return records(env)


def records(env: dict[str, str]) -> dict[str, dict]:
    return {r["title"]: r for r in map(json.loads, run(env, "export", "--format", "jsonl").splitlines())}


def mentioning(env: dict[str, str], name: str) -> set[tuple[str, str]]:
    return {(row["title"], row["entity"]) for row in json.loads(run(env, "entities", name, "--json"))}


def test_retag_gives_stored_articles_the_current_tagger_s_entities(
    settings_env: dict[str, str], tmp_path: Path
) -> None:
    before = stored(settings_env, tmp_path)
    assert {e["name"] for e in before["Traffic returns"]["entities"]} == {"Mexico City"}
    assert mentioning(settings_env, "Mexico") == {("Traffic returns", "Mexico City"), ("Peru grows", "Mexico City")}

    summary = json.loads(run(settings_env, "retag", "--json"))
    assert (summary["articles"], summary["changed"], summary["failed"]) == (2, 2, [])
    assert summary["stale_aliases_removed"] >= 1  # "mexico" on Mexico City's row

    after = records(settings_env)
    mexico = {(e["name"], e["type"]) for e in after["Traffic returns"]["entities"]}
    assert {("Mexico City", "GPE"), ("Mexico", "GPE")} <= mexico
    assert ("Peru", "GPE") in {(e["name"], e["type"]) for e in after["Peru grows"]["entities"]}
    assert "Mexico City" not in {e["name"] for e in after["Peru grows"]["entities"]}
    assert {r["tagger_backend"] for r in after.values()} == {"builtin-1"}
    # "Mexico" now finds the country, and no longer Mexico City's articles through a stale alias.
    assert mentioning(settings_env, "Mexico") == {("Traffic returns", "Mexico")}
    assert ("Traffic returns", "Mexico City") in mentioning(settings_env, "Mexico City")

    again = json.loads(run(settings_env, "retag", "--json"))
    assert (again["articles"], again["changed"], again["stale_aliases_removed"]) == (2, 0, 0)


def test_a_tagger_failure_keeps_that_article_s_entities_and_the_run_goes_on(
    settings_env: dict[str, str], tmp_path: Path
) -> None:
    before = stored(settings_env, tmp_path)
    failing = {**settings_env, "NEWSWORKER_TAGGER": f"{__name__}:FailingOnPeru"}
    summary = json.loads(run(failing, "retag", "--json"))
    assert summary["failed"] == [before["Peru grows"]["id"]]
    assert summary["articles"] == 1
    after = records(settings_env)
    assert after["Peru grows"]["entities"] == before["Peru grows"]["entities"]
    assert after["Peru grows"]["tagger_backend"] == "old-1"
    assert after["Traffic returns"]["tagger_backend"] == "failing-1"


def test_after_resumes_from_an_id(settings_env: dict[str, str], tmp_path: Path) -> None:
    before = stored(settings_env, tmp_path)
    first = min(r["id"] for r in before.values())
    summary = json.loads(run(settings_env, "retag", "--after", str(first), "--json"))
    assert summary["articles"] == 1
    after = records(settings_env)
    assert {r["id"]: r["tagger_backend"] for r in after.values()}[first] == "old-1"


GERMAN = (
    "Der Norweger Marius Lindvik hat den abschließenden Wettkampf des Wochenendes in Willingen gewonnen. Er setzte "
    "sich mit Sprüngen auf 147 und 145 Meter vor dem Österreicher Stefan Kraft durch, der nach dem ersten Durchgang "
    "noch geführt hatte. Die deutschen Springer blieben hinter den Erwartungen zurück, nur einer schaffte es unter "
    "die besten zehn. Der Bundestrainer sagte nach dem Springen, man müsse die Fehler in Ruhe analysieren."
)


def test_retag_files_an_article_under_the_language_its_text_is_in(settings_env: dict[str, str], tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "springen.txt").write_text(f"Lindvik gewinnt in Willingen\n\n{GERMAN}\n")
    (inbox / "peru.txt").write_text(f"Peru grows\n\n{PERU}\n")
    assert json.loads(run(settings_env, "ingest", str(inbox), "--json"))["stored"] == 2
    # As a page declaring lang="en" was stored before its text could overrule it.
    engine = create_engine(settings_env["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
    misfile = text("UPDATE articles SET language = 'en' WHERE title = 'Lindvik gewinnt in Willingen'")
    with engine.begin() as conn:
        conn.execute(misfile)
    summary = json.loads(run(settings_env, "retag", "--json"))
    assert (summary["articles"], summary["language_changed"]) == (2, 1)
    after = records(settings_env)
    assert (after["Lindvik gewinnt in Willingen"]["language"], after["Peru grows"]["language"]) == ("de", "en")
    assert json.loads(run(settings_env, "retag", "--json"))["language_changed"] == 0

    with engine.begin() as conn:
        conn.execute(misfile)
    engine.dispose()
    assert "1 filed under another language" in run(settings_env, "retag")
