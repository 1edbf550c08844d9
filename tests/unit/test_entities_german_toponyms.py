"""German names of places (data/german_toponyms.json, rule `german-toponyms`) and places whose name holds a
lowercase word (rule `place-connectors`). No example is taken from the gold texts."""

from __future__ import annotations

import json
from importlib import resources

from tests.support.tagging import english, german, keys, without
from worker.pipeline.entities.builtin import BuiltinTagger
from worker.pipeline.entities.gazetteer import (
    canonical_name,
    load_gazetteer,
    load_german_gazetteer,
    load_german_nouns_with_rare,
)


def toponyms() -> dict[str, list[object]]:
    text = resources.files("worker.pipeline.entities").joinpath("data", "german_toponyms.json").read_text("utf-8")
    entries: dict[str, list[object]] = json.loads(text)["toponyms"]
    return entries


def test_an_island_a_small_town_and_a_river() -> None:
    tagger = BuiltinTagger()
    found = german(tagger, "Auf Usedom und in Wolgast fiel der Strom aus, auch an der Peene stieg das Wasser.")
    assert found == {"Usedom": "GPE", "Wolgast": "GPE", "Peene": "LOC"}, found


def test_a_landscape_named_with_its_article() -> None:
    found = german(BuiltinTagger(), "Im Allgäu und im Erzgebirge blieben die Schulen am Dienstag geschlossen.")
    assert found == {"Allgäu": "LOC", "Erzgebirge": "LOC"}, found


def test_the_rule_switched_off_leaves_them_unknown() -> None:
    found = german(without("german-toponyms"), "Auf Usedom und in Wolgast fiel der Strom aus.")
    assert "Wolgast" not in found and found.get("Usedom") != "GPE", found


def test_a_german_name_and_the_english_one_are_one_place(tagger: BuiltinTagger) -> None:
    german_keys = keys(tagger, "In Schottland und in Kalifornien wird gewählt, sagte ein Sprecher in Athen.", "de")
    english_keys = keys(tagger, "Voters in Scotland and California go to the polls, a spokesman said in Athens.", "en")
    assert german_keys["Schottland"] == english_keys["Scotland"] == "country:GB-SCT"
    assert german_keys["Kalifornien"] == english_keys["California"]
    assert german_keys["Athen"] == english_keys["Athens"]
    assert canonical_name("country:GB-SCT") == "Scotland"  # the entity row's name, whichever article came first


def test_a_word_and_a_town_is_no_person(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Die Forscher der Montanuniversität Leoben stellten am Montag ihre Ergebnisse vor.")
    assert found.get("Montanuniversität Leoben") != "PERSON", found


def test_no_toponym_is_a_common_noun_a_given_name_or_already_known() -> None:
    nouns = load_german_nouns_with_rare()
    base = load_german_gazetteer(toponyms=False)
    given = load_gazetteer().given_names
    for name, (kind, key, weight) in toponyms().items():  # type: ignore[misc]
        assert kind in ("GPE", "LOC") and weight in (1, 2), (name, kind, weight)
        assert name.lower() not in nouns, name
        assert name not in given, name
        assert base.lookup(name) is None, name
        assert str(key).split(":", 1)[0] in ("gpe", "loc", "sub", "city", "country", "us-state"), (name, key)


def test_surnames_and_frequent_words_stay_out() -> None:
    listed = toponyms()
    for word in ("Merkel", "Magdalena", "Lippe", "Regen", "Oder", "Löwen"):
        assert word not in listed, word


def test_a_city_named_with_am_is_one_place(tagger: BuiltinTagger) -> None:
    found = german(
        tagger, "Der Verband sitzt in Frankfurt am Main, die Messe findet in Brandenburg an der Havel statt."
    )
    assert found == {"Frankfurt am Main": "GPE", "Brandenburg an der Havel": "GPE"}, found
    assert keys(tagger, "Flüge ab Frankfurt am Main fielen aus.", "de")["Frankfurt am Main"] == (
        load_german_gazetteer().lookup("Frankfurt").key  # type: ignore[union-attr]
    )


def test_an_english_city_named_with_upon(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Flooding closed roads in Newcastle upon Tyne on Monday.")
    assert found == {"Newcastle upon Tyne": "GPE"}, found


def test_a_connector_after_a_place_joins_nothing_unknown(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Talks in Paris on Monday ended without a deal.")
    assert found == {"Paris": "GPE"}, found
    assert german(tagger, "Die Regierung in Berlin am Dienstag: keine Einigung.") == {"Berlin": "GPE"}


def test_without_the_rule_the_city_is_cut_at_the_connector() -> None:
    found = german(without("place-connectors"), "Der Verband sitzt in Frankfurt am Main.")
    assert "Frankfurt am Main" not in found and found.get("Frankfurt") == "GPE", found
