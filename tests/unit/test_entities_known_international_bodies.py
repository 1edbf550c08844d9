"""International agencies, charities and campaign groups are known names (lexicon.CURATED): one identity for the
full name, the acronym and the German name, in English and German text; acronyms that name other things in the
news stay out. No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import english, german, keys, without
from worker.pipeline.entities.builtin import BuiltinTagger
from worker.pipeline.entities.gazetteer import load_gazetteer, load_german_gazetteer


def test_one_charity_under_three_names(tagger: BuiltinTagger) -> None:
    en = keys(tagger, "Doctors Without Borders said its clinic was hit. MSF has worked there since 2004.", "en")
    de = keys(tagger, "Ärzte ohne Grenzen berichtete von Verletzten in der Klinik.", "de")
    assert set(en.values()) == {"org:Médecins Sans Frontières"}, en
    assert set(de.values()) == {"org:Médecins Sans Frontières"}, de


def test_an_agency_and_its_acronym_in_german(tagger: BuiltinTagger) -> None:
    found = keys(tagger, "Der Weltklimarat legte am Montag seinen Bericht vor; der IPCC warnt vor mehr Hitze.", "de")
    assert set(found.values()) == {"org:Intergovernmental Panel on Climate Change"}, found


def test_a_campaign_group_is_an_organisation(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Protesters from Extinction Rebellion and Save the Children blocked the bridge.")
    assert found == {"Extinction Rebellion": "ORG", "Save the Children": "ORG"}, found


def test_the_olympic_committee_is_one_body_in_both_languages(tagger: BuiltinTagger) -> None:
    en = keys(tagger, "The IOC said the International Olympic Committee would decide in June.", "en")
    de = keys(tagger, "Das Internationale Olympische Komitee entscheidet im Juni.", "de")
    assert set(en.values()) == set(de.values()) == {"org:International Olympic Committee"}, (en, de)


def test_acronyms_of_other_things_stay_unknown() -> None:
    for gazetteer in (load_gazetteer(), load_german_gazetteer()):
        for acronym in ("RSF", "IRC", "CAS", "EFF", "CARE", "BUND", "Malteser", "Tafel"):
            known = gazetteer.lookup(acronym)
            assert known is None or "Frontières" not in known.key and "Reporters" not in known.key, (acronym, known)
    assert load_gazetteer().lookup("RSF") is None  # Sudan's Rapid Support Forces, far more often than the press group


def test_a_known_name_holding_the_stays_whole_after_and(tagger: BuiltinTagger) -> None:
    text = "Volunteers from Extinction Rebellion and Save the Children handed out water."
    assert english(tagger, text) == {"Extinction Rebellion": "ORG", "Save the Children": "ORG"}
    found = english(without("known-connector-names"), text)
    assert "Save the Children" not in found, found


def test_a_german_name_holding_lowercase_words(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Helfer von Brot für die Welt und der Welthungerhilfe sind vor Ort.")
    assert found == {"Brot für die Welt": "ORG", "Welthungerhilfe": "ORG"}, found
    assert german(tagger, "Die Ärzte helfen ohne Grenzen zu kennen.") == {}  # not next to each other
