"""Big German-speaking organisations are known names (lexicon.CURATED): found whole, typed ORG, and one identity
whatever the spelling ("ver.di" and "Verdi", "RKI" and "Robert Koch-Institut"), in German and in English text.
No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import english, german, keys
from worker.pipeline.entities.builtin import BuiltinTagger
from worker.pipeline.entities.gazetteer import load_gazetteer, load_german_gazetteer


def test_a_two_word_union_is_one_name(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Die IG Metall betonte am Montag, dass die Gespräche weitergehen.")
    assert found == {"IG Metall": "ORG"}, found


def test_the_unions_own_spelling_and_the_plain_one_share_an_identity(tagger: BuiltinTagger) -> None:
    lower = keys(tagger, "Die Gewerkschaft ver.di ruft für Donnerstag zum Warnstreik auf.", "de")
    plain = keys(tagger, "Auch Verdi forderte am Mittwoch deutlich mehr Lohn für die Beschäftigten.", "de")
    assert lower == {"Verdi": "org:Verdi"}, lower
    assert plain.get("Verdi") == "org:Verdi", plain
    assert german(tagger, "Ver.di-Chef Frank Werneke sprach in Berlin.").get("Verdi") == "ORG"


def test_an_acronym_joins_the_full_name_in_one_text(tagger: BuiltinTagger) -> None:
    text = "Das Robert Koch-Institut meldete neue Zahlen. Das RKI rät weiter zur Impfung."
    found = tagger.tag(text, language="de")
    assert [(e.name, e.type, e.count, e.known_key) for e in found] == [
        ("Robert Koch-Institut", "ORG", 2, "org:Robert Koch-Institut")
    ], found


def test_the_genitive_of_a_federal_court_keeps_its_identity(tagger: BuiltinTagger) -> None:
    text = "Der Präsident des Bundesverfassungsgerichts sprach. Das BVerfG hatte zuvor entschieden."
    found = keys(tagger, text, "de")
    assert found == {"Bundesverfassungsgericht": "org:Bundesverfassungsgericht"}, found


def test_retailers_and_associations_are_organisations_in_german(tagger: BuiltinTagger) -> None:
    text = "Edeka, Rewe, Lidl und Aldi senken die Preise. Caritas und Diakonie helfen, der ADAC warnt."
    found = german(tagger, text)
    for name in ("Edeka", "Rewe", "Lidl", "Aldi", "Caritas", "Diakonie", "ADAC"):
        assert found.get(name) == "ORG", (name, found)


def test_the_same_bodies_in_english_text(tagger: BuiltinTagger) -> None:
    found = keys(tagger, "Lidl and Aldi cut prices, while IG Metall and ver.di called strikes, the DGB said.", "en")
    assert found.get("Lidl") == "org:Lidl", found
    assert found.get("IG Metall") == "org:IG Metall", found
    assert found.get("Verdi") == "org:Verdi", found
    assert found.get("DGB") == "org:Deutscher Gewerkschaftsbund", found


def test_both_gazetteers_know_the_new_names() -> None:
    for gazetteer in (load_gazetteer(), load_german_gazetteer()):
        for spelling in ("DGB", "Verdi", "ver.di", "BaFin", "Telekom", "Deutschen Telekom"):
            known = gazetteer.lookup(spelling)
            assert known is not None and known.type == "ORG", spelling
    assert load_gazetteer().lookup("Deutschen Telekom") == load_gazetteer().lookup("Telekom")


def test_words_and_names_of_other_things_stay_out(tagger: BuiltinTagger) -> None:
    for word in ("Bundesliga", "Bundesrat", "Continental", "Puma", "Porsche", "Bahn", "Post", "SVP", "BSI"):
        known = load_gazetteer().lookup(word)
        assert known is None or known.source != "curated", word
    # a composer is no union: "Giuseppe Verdi" stays a person
    assert english(tagger, "The orchestra played an opera by Giuseppe Verdi.").get("Giuseppe Verdi") == "PERSON"
    assert german(tagger, "Die Oper von Giuseppe Verdi wurde gespielt.").get("Giuseppe Verdi") == "PERSON"
    # "die Allianz" is an alliance in German
    assert "Allianz" not in german(tagger, "Die Staaten schmiedeten eine neue Allianz gegen den Terror.")
