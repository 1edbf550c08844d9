"""A German town's adjective and its landmark are one facility (rule `german-city-landmarks`), a road's number
after a preposition and an article is a road (rule `road-numbers`), and a European competition is an event in
German text too (rule `event-names`). No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import english, german, without
from worker.pipeline.entities.builtin import BuiltinTagger


def test_a_towns_cathedral_and_town_hall(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Im Kölner Dom und im Münchner Rathaus fanden am Sonntag Gedenkfeiern statt.")
    assert found == {"Kölner Dom": "FAC", "Münchner Rathaus": "FAC"}, found


def test_the_adjective_alone_is_no_landmark(tagger: BuiltinTagger) -> None:
    assert german(tagger, "Der Kölner sagte, das Rathaus sei am Montag geschlossen.") == {}


def test_without_the_rule_the_landmark_is_lost() -> None:
    found = german(without("german-city-landmarks"), "Im Kölner Dom fand am Sonntag eine Gedenkfeier statt.")
    assert found.get("Kölner Dom") != "FAC", found


def test_road_numbers_after_a_preposition(tagger: BuiltinTagger) -> None:
    assert german(tagger, "Auf der A7 und über die B96 staute sich am Freitag der Verkehr.") == {
        "A7": "FAC",
        "B96": "FAC",
    }
    assert english(tagger, "Traffic on the A361 was diverted after a crash, police said.") == {"A361": "FAC"}


def test_an_aircraft_or_a_paper_size_is_no_road(tagger: BuiltinTagger) -> None:
    found = english(tagger, "The airline flies the A380 to Dubai, and the form is printed on A4 paper.")
    assert found.get("A380") != "FAC" and found.get("A4") != "FAC", found


def test_without_the_rule_a_road_is_no_facility() -> None:
    found = german(without("road-numbers"), "Auf der A7 staute sich am Freitag der Verkehr.")
    assert found.get("A7") != "FAC", found


def test_a_european_competition_in_german_text(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Leipzig spielt in der Champions League, Hoffenheim in der Europa League.")
    assert found.get("Champions League") == "EVENT" and found.get("Europa League") == "EVENT", found
    assert "Europa" not in found, found
    off = german(without("event-names"), "Leipzig spielt in der Champions League.")
    assert "Champions League" not in off, off
