"""News media are known names (lexicon.CURATED): one identity for the full name, the short form and the German
inflection; German titles that open sentences as plain words stay out; a curated name ends before "of" (rule
`known-before-of`). No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import english, german, keys, without
from worker.pipeline.entities.builtin import BuiltinTagger
from worker.pipeline.entities.gazetteer import load_gazetteer


def test_a_paper_under_its_short_form(tagger: BuiltinTagger) -> None:
    found = keys(tagger, "The NYT first reported the deal; the New York Times later corrected one figure.", "en")
    assert set(found.values()) == {"org:The New York Times"}, found


def test_german_papers_in_their_inflected_forms(tagger: BuiltinTagger) -> None:
    found = german(
        tagger, "Wie die Süddeutschen Zeitung und die Frankfurter Allgemeinen Zeitung berichten, gibt es Streit."
    )
    assert found == {"Süddeutschen Zeitung": "ORG", "Frankfurter Allgemeinen Zeitung": "ORG"}, found


def test_titles_that_are_plain_words_stay_out() -> None:
    gazetteer = load_gazetteer()
    for words in ("Die Welt", "Der Standard", "Die Presse", "Vice", "Science", "Nature", "Spiegel", "Forbes"):
        assert gazetteer.lookup(words) is None, words


def test_a_known_name_ends_before_of(tagger: BuiltinTagger) -> None:
    text = "It was the New York Times of Arthur Ochs that first ran the column, the author said."
    assert english(tagger, text).get("New York Times") == "ORG"
    off = english(without("known-before-of"), text)
    assert "New York Times" not in off, off
