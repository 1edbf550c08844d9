"""German clubs: a club's word or acronym and its town are one club (rule `german-club-names`: "Eintracht
Frankfurt", "FC Bayern München"), and in a sports report the town names the club named in full before it (rule
`german-club-towns`), but not after "in" or "nach", nor when two clubs share the town. No example is taken from the
gold texts."""

from __future__ import annotations

from tests.support.tagging import german, without
from worker.pipeline.entities.builtin import BuiltinTagger

REPORT = (
    "Der VfB Stuttgart hat das Derby gegen den SC Freiburg mit 2:1 gewonnen. Freiburg führte zur Pause, "
    "doch Stuttgart drehte das Spiel nach dem Wechsel."
)


def test_the_town_is_the_club(tagger: BuiltinTagger) -> None:
    found = tagger.tag(REPORT, language="de")
    assert {(e.name, e.type, e.count) for e in found} == {("VfB Stuttgart", "ORG", 2), ("SC Freiburg", "ORG", 2)}


def test_after_nach_the_town_stays_a_town(tagger: BuiltinTagger) -> None:
    text = "Der SC Freiburg gewann am Samstag. Am Sonntag reist die Mannschaft nach Freiburg zurück."
    found = german(tagger, text)
    assert found == {"SC Freiburg": "ORG", "Freiburg": "GPE"}, found


def test_two_clubs_of_one_town_leave_it_a_town(tagger: BuiltinTagger) -> None:
    text = "Eintracht Frankfurt und der FSV Frankfurt spielten. Frankfurt feierte beide Mannschaften."
    assert german(tagger, text).get("Frankfurt") == "GPE"


def test_without_the_rule_the_town_is_a_place() -> None:
    found = german(without("german-club-towns"), REPORT)
    assert found.get("Freiburg") == "GPE", found


def test_clubs_named_by_a_word_and_their_town(tagger: BuiltinTagger) -> None:
    text = "Eintracht Frankfurt gewann gegen Union Berlin, Borussia Dortmund verlor, Hertha BSC siegte."
    found = german(tagger, text)
    assert found == {
        "Eintracht Frankfurt": "ORG",
        "Union Berlin": "ORG",
        "Borussia Dortmund": "ORG",
        "Hertha BSC": "ORG",
    }, found
    assert german(tagger, "Der FC Bayern München verlor am Samstag.") == {"FC Bayern München": "ORG"}


def test_the_club_words_alone_stay_nouns(tagger: BuiltinTagger) -> None:
    assert german(tagger, "Die Union fordert mehr Geld, und die Eintracht der Familie hielt.") == {}


def test_without_the_rule_the_club_is_lost() -> None:
    found = german(without("german-club-names"), "Eintracht Frankfurt gewann am Samstag.")
    assert "Eintracht Frankfurt" not in found, found
