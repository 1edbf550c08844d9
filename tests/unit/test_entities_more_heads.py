"""Head words added in the seventh session (lexicon.SUFFIX_TYPES): a name ending in a cemetery's, an islet's, a
utility's or a tournament's word is typed by it, and no person any more; a given name before a head that is also a
surname keeps the person. No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import english
from worker.pipeline.entities import lexicon
from worker.pipeline.entities.builtin import BuiltinTagger


def test_heads_that_type_a_name(tagger: BuiltinTagger) -> None:
    text = (
        "After the service at Highgate Cemetery, mourners walked past Eel Pie Eyot to the Thornbury Crematorium. "
        "Severn Trent Water and Ngong Wind Power both said supplies were safe. "
        "The Hamburg Finals and the Edinburgh Tattoo were cancelled, and the Tuscan Shire council met."
    )
    found = english(tagger, text)
    expected = {
        "Highgate Cemetery": "FAC",
        "Eel Pie Eyot": "LOC",
        "Thornbury Crematorium": "FAC",
        "Severn Trent Water": "ORG",
        "Ngong Wind Power": "ORG",
        "Hamburg Finals": "EVENT",
        "Edinburgh Tattoo": "EVENT",
    }
    for name, kind in expected.items():
        assert found.get(name) == kind, (name, found)


def test_a_place_head_after_a_given_name_is_a_surname(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Treasury minister John Glen and the historian Simon Fell met on Monday.")
    assert found.get("John Glen") == "PERSON", found
    assert found.get("Simon Fell") == "PERSON", found


def test_heads_left_out_on_purpose() -> None:
    # "School District" is a body and "U.S. District Judge" no place; "Region" is a German noun; frequent surnames
    for word in ("District", "Region", "Hill", "Wood", "Oil"):
        assert word not in lexicon.SUFFIX_TYPES, word
    for word in ("Glen", "Fell", "Cove", "Creek", "Peak"):
        assert word in lexicon.SURNAME_HEADS, word


def test_a_club_word_starts_a_club(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Dynamo Kyiv beat Olympique Lyonnais, and Slavia Prague drew with Partizan Belgrade.")
    for name in ("Dynamo Kyiv", "Olympique Lyonnais", "Slavia Prague", "Partizan Belgrade"):
        assert found.get(name) == "ORG", (name, found)
