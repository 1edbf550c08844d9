"""In a German sports report the town names the club named in full before it (rule `german-club-towns`), but not
after "in" or "nach", and not when two clubs share the town. No example is taken from the gold texts."""

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
    text = "Der TSV 1860 München und der FC Bayern München spielten. München feierte beide Mannschaften."
    assert german(tagger, text).get("München") == "GPE"


def test_without_the_rule_the_town_is_a_place() -> None:
    found = german(without("german-club-towns"), REPORT)
    assert found.get("Freiburg") == "GPE", found
