"""A known organisation or firm followed by a country is its branch there, one body (rule `national-branch`), and
the bare name elsewhere in the text keeps its own identity. No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import english, german, without
from worker.pipeline.entities.builtin import BuiltinTagger


def test_a_branch_in_german(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Caritas Schweiz und Amnesty International Deutschland kritisierten den Entscheid.")
    assert found == {"Caritas Schweiz": "ORG", "Amnesty International Deutschland": "ORG"}, found


def test_a_branch_in_english(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Microsoft India said it would comply, and BBC Scotland reported the ruling first.")
    assert found == {"Microsoft India": "ORG", "BBC Scotland": "ORG"}, found


def test_the_bare_name_keeps_its_identity(tagger: BuiltinTagger) -> None:
    text = "Greenpeace Austria filed the complaint. Greenpeace has campaigned against the mine for years."
    found = {e.name: e.known_key for e in tagger.tag(text, language="en")}
    assert found == {"Greenpeace Austria": None, "Greenpeace": "org:Greenpeace"}, found


def test_an_unknown_word_before_a_country_is_no_branch(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Voters in Scotland backed the plan, officials in Kenya said.")
    assert found == {"Scotland": "GPE", "Kenya": "GPE"}, found


def test_without_the_rule_the_two_names_are_apart() -> None:
    found = german(without("national-branch"), "Caritas Schweiz kritisierte den Entscheid.")
    assert found == {"Caritas": "ORG", "Schweiz": "GPE"}, found
