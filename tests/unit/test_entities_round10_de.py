"""The tagger's tenth round (real German pages): general classes of error that recur across the real corpus, not
one page's oddity. Each rule is checked with the rule switched off too, and with cases it must leave alone. No
example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import german, without
from worker.pipeline.entities.builtin import RULES, BuiltinTagger

TENTH_ROUND = (
    "german-role-titles",
    "german-given-name-nouns",
    "german-shouted-nouns",
    "german-genitive-places",
    "german-genitive-owners",
)


def test_the_rules_are_switchable() -> None:
    assert set(TENTH_ROUND) <= RULES


def test_a_role_noun_before_a_person_is_no_part_of_the_name(tagger: BuiltinTagger) -> None:
    text = "Am Montag sprach Vereinsmann Jonas Weberling vor der Versammlung."
    found = german(tagger, text)
    assert found.get("Jonas Weberling") == "PERSON", found
    assert not any(name.startswith("Vereinsmann") for name in found), found
    off = german(without("german-role-titles"), text)
    assert "Vereinsmann Jonas Weberling" in off, off


def test_a_feminine_role_with_an_umlaut_and_a_rarer_role_noun(tagger: BuiltinTagger) -> None:
    text = "Dazu äußerte sich Stiftungsrätin Lea Wendtland. Auch Wirtschaftsredaktor Tom Kellerhoff war dort."
    found = german(tagger, text)
    assert found.get("Lea Wendtland") == "PERSON", found
    assert found.get("Tom Kellerhoff") == "PERSON", found


def test_a_council_title_before_a_lone_surname(tagger: BuiltinTagger) -> None:
    text = "Regierungsrätin Nora Vitelli eröffnete die Sitzung. Später dankte man Regierungsrätin Vitelli für alles."
    found = german(tagger, text)
    assert found.get("Nora Vitelli") == "PERSON", found
    assert not any("Regierungsrätin" in name for name in found), found
    off = german(without("german-role-titles"), text)
    assert any("Regierungsrätin" in name for name in off), off


def test_a_role_noun_before_a_lone_given_name_makes_a_person(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Sehr zufrieden zeigte sich Lokalredaktor Matthias mit dem Ergebnis.")
    assert found.get("Matthias") == "PERSON", found


def test_surnames_and_places_after_a_role_stay(tagger: BuiltinTagger) -> None:
    # a surname ending in "-mann" after a given name is no role, even before another given name
    found = german(tagger, "Die Tabelle führt Jonas Bergmann Peter Schulz an.")
    assert "Jonas Bergmann Peter Schulz" in found, found
    found = german(tagger, "Der Stadtrat Hamburg tagte am Abend.")
    assert found.get("Hamburg") == "GPE" or "Stadtrat Hamburg" in found, found


def test_a_given_name_and_a_surname_that_are_both_nouns(tagger: BuiltinTagger) -> None:
    text = "Am Abend las Eva Schuster aus ihrem Buch. Danach sprach Klaus Wagner über den Verein."
    found = german(tagger, text)
    assert found.get("Eva Schuster") == "PERSON", found
    assert found.get("Klaus Wagner") == "PERSON", found
    off = german(without("german-given-name-nouns"), text)
    assert "Eva Schuster" not in off and "Klaus Wagner" not in off, off


def test_a_noun_given_name_before_a_function_word_or_alone_stays_a_word(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Im Mai kaufte er eine Mark Brot. Die Ernte im August war gut.")
    assert not any(name.startswith(("Mark", "August", "Mai")) for name in found), found


def test_a_common_noun_in_capitals_as_a_label_is_no_name(tagger: BuiltinTagger) -> None:
    text = "Neue Rezepte jede Woche.\nHINWEIS: Der Teig muss ruhen.\nZUTATEN\nMehl, Zucker und Eier."
    found = german(tagger, text)
    assert "HINWEIS" not in found and "ZUTATEN" not in found, found
    off = german(without("german-shouted-nouns"), text)
    assert "HINWEIS" in off or "ZUTATEN" in off, off


def test_capitals_mid_sentence_or_beside_a_name_stay(tagger: BuiltinTagger) -> None:
    # mid-sentence, capitals are as often a magazine's or a party's name
    found = german(tagger, "Das berichtet die Zeitschrift MOTOR in ihrer neuen Ausgabe.")
    assert "MOTOR" in found, found


def test_a_noun_before_a_place_in_the_genitive_is_no_name(tagger: BuiltinTagger) -> None:
    text = "Das ist die bekannteste Kochschau Österreichs, sagen die Veranstalter."
    found = german(tagger, text)
    assert found.get("Österreich") == "GPE", found
    assert not any(name.startswith("Kochschau") for name in found), found
    off = german(without("german-genitive-places"), text)
    assert any(name.startswith("Kochschau") for name in off), off


def test_a_body_with_its_place_uninflected_stays_whole(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Das meldet der Kochverband Österreich am Montag.")
    assert "Kochverband Österreich" in found, found


def test_a_compound_noun_after_a_name_in_the_genitive_is_no_part_of_it(tagger: BuiltinTagger) -> None:
    text = "Am Abend lobten alle Rajolinas Wahlkampfmaschine."
    found = german(tagger, text)
    assert not any("Wahlkampfmaschine" in name for name in found), found
    off = german(without("german-genitive-owners"), text)
    assert "Rajolinas Wahlkampfmaschine" in off, off


def test_a_noun_in_the_genitive_is_no_owner_s_name(tagger: BuiltinTagger) -> None:
    # "Stadtwerks" ends in a noun: the rule leaves the pair to the others
    text = "Das Stadtwerks Kundenzentrum Nord ist geschlossen, sagt das Stadtwerks Kundenzentrum."
    assert german(tagger, text) == german(without("german-genitive-owners"), text)
