"""Towns of 1,000 to 15,000 people (data/small_towns.json, tools/build_small_towns.py, rule `small-towns`): evidence
for a place where a whole name is one, and in German text a name the tagger sees at all. Checked with the rule off,
and with what the list must not do: split a longer name, type a person, read an acronym or a foreign town into
German text. No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import english, german, without
from worker.pipeline.entities.builtin import BuiltinTagger
from worker.pipeline.entities.gazetteer import load_gazetteer, load_german_gazetteer, load_small_towns


def test_a_small_town_alone_is_a_place(tagger: BuiltinTagger) -> None:
    text = "Floods cut off Howden and Youghal overnight, and the ferry from Zeebrugge was cancelled."
    found = english(tagger, text)
    for name in ("Howden", "Youghal", "Zeebrugge"):
        assert found.get(name) == "GPE", (name, found)
    before = english(without("small-towns"), text)
    assert before.get("Youghal") != "GPE", before  # unknown without the list: a weak ORG


def test_a_small_town_in_german_text(tagger: BuiltinTagger) -> None:
    text = "Die Feuerwehren aus Marquartstein und Zwiesel halfen, die Straße nach Tobadill blieb gesperrt."
    found = german(tagger, text)
    for name in ("Marquartstein", "Zwiesel", "Tobadill"):
        assert found.get(name) == "GPE", (name, found)
    before = german(without("small-towns"), text)
    assert "Tobadill" not in before, before


def test_the_words_around_a_town_still_decide(tagger: BuiltinTagger) -> None:
    found = english(tagger, "A spokesperson for Youghal said the company's chief executive would step down.")
    assert found.get("Youghal") != "GPE", found


def test_a_person_named_like_a_town_stays_a_person(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Council member Marjorie Velázquez said the plan was dead. Velázquez will vote no.")
    assert found.get("Marjorie Velázquez") == "PERSON", found
    found = german(tagger, "Der Landwirt Hans Göbel verkauft sein Holz. Für Göbel lohnt sich das.")
    assert found.get("Hans Göbel") == "PERSON", found


def test_what_the_list_leaves_out() -> None:
    towns = load_small_towns()
    assert {"Howden", "Youghal", "Tobadill"} <= set(towns)
    # names news uses for something else: surnames (accents ignored), given names, words, acronyms, short names
    for name in ("Barnes", "Martínez", "Nelson", "Victoria", "Mayo", "Abda", "Lam"):
        assert name not in towns, name
    # never over a name the gazetteer knows, whatever its type
    english_names, german_names = load_gazetteer().names, load_german_gazetteer(towns=False).names
    assert not [name for name in towns if name in english_names or name in german_names][:1]


def test_german_text_reads_the_towns_of_german_speaking_countries_only() -> None:
    towns, german_towns = load_small_towns(), load_small_towns(german=True)
    assert "Youghal" in towns and "Youghal" not in german_towns  # Ireland
    assert "Tobadill" in german_towns  # Austria
    assert load_german_gazetteer().names["Tobadill"][:1] == ["GPE"]
    assert "Tobadill" not in load_german_gazetteer(towns=False).names


def test_an_acronym_is_no_town(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Der Verband ABACA kritisierte die Pläne des Ministeriums.")
    assert found.get("ABACA") != "GPE", found
