"""The tagger's seventh round, real pages, English side: how web pages write words that are no names (letter
words, shouted buttons, job titles, labels and menus), names glued together in lists, portfolios after "Minister
of", and reference lists. Each rule is checked with the rule switched off too, and with cases it must leave alone.
No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import english, without
from worker.pipeline.entities.builtin import BuiltinTagger


def test_letter_words_are_no_names(tagger: BuiltinTagger) -> None:
    text = "The clinic bought a new X-ray scanner, and staff wore a T-shirt printed with 3D-printing ink."
    found = english(tagger, text)
    assert not {"X-ray", "T-shirt", "D-printing"} & found.keys(), found
    before = english(without("letter-words"), text)
    assert {"X-ray", "T-shirt"} & before.keys(), before


def test_a_letter_word_inside_a_name_stays(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Funding went to the E-commerce Agency of Velmark, officials said.")
    assert any("E-commerce Agency" in name for name in found), found


def test_shouted_words_are_no_names(tagger: BuiltinTagger) -> None:
    text = "Tickets for the Harbour Festival are selling fast, so book RIGHT NOW. READ MORE: the full line-up."
    found = english(tagger, text)
    assert not {"RIGHT NOW", "READ MORE", "READ", "MORE"} & found.keys(), found
    before = english(without("shouted-words"), text)
    assert {"RIGHT NOW", "READ MORE", "READ", "MORE"} & before.keys(), before


def test_acronyms_that_are_words_stay_names(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Shares of SAP rose while ING fell, and NOW Velmark reported results.")
    assert found.get("SAP") == "ORG", found
    assert found.get("ING") == "ORG", found
    assert any(name.startswith("NOW") for name in found), found


def test_job_titles_split_off_people_and_end_no_names(tagger: BuiltinTagger) -> None:
    text = (
        "The report was written by Senior Editor Marisol Quenby. "
        "She works with Ortega Farms Volunteer Coordinator Talia Brenmoor and the Sports Business Analyst of the paper."
    )
    found = english(tagger, text)
    assert found.get("Marisol Quenby") == "PERSON", found
    assert found.get("Talia Brenmoor") == "PERSON", found
    assert "Sports Business Analyst" not in found, found
    before = english(without("job-titles"), text)
    assert "Marisol Quenby" not in before or "Sports Business Analyst" in before, before


def test_a_job_noun_before_an_everyday_word_is_no_title(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Join the Velmark Contributor Community today.")
    assert "Community" not in found or found["Community"] != "PERSON", found


def test_plain_phrases_outside_sentences_are_no_names(tagger: BuiltinTagger) -> None:
    text = "Get an Annual Subscription for our paper | Sign in\nRead our Privacy Policy Page and contact us"
    found = english(tagger, text)
    assert "Annual Subscription" not in found, found
    assert "Privacy Policy Page" not in found, found
    before = english(without("plain-phrases"), text)
    assert "Annual Subscription" in before, before


def test_plain_phrases_in_running_text_stay(tagger: BuiltinTagger) -> None:
    found = english(tagger, "The band signed with the label Silver Harbour after the festival, its manager said.")
    assert "Silver Harbour" in found, found


def test_glued_names_split_a_nationality_or_a_body_from_a_person(tagger: BuiltinTagger) -> None:
    text = (
        "Frenchman Julien Mercadier won the stage. "
        "The letter was signed by Velmark University Daniel Orsolin and Brannoch College Sarah Quintal."
    )
    found = english(tagger, text)
    assert found.get("Frenchman") == "NORP", found
    assert found.get("Julien Mercadier") == "PERSON", found
    assert found.get("Daniel Orsolin") == "PERSON", found
    assert found.get("Velmark University") == "ORG", found
    assert found.get("Sarah Quintal") == "PERSON", found
    before = english(without("glued-names"), text)
    assert "Daniel Orsolin" not in before, before


def test_glued_names_leave_place_names_in_bodies(tagger: BuiltinTagger) -> None:
    found = english(tagger, "She studied at St Nicholas Academy in Velmark.")
    assert "Nicholas Academy" not in found, found


def test_portfolio_after_minister_of_is_no_part_of_the_name(tagger: BuiltinTagger) -> None:
    text = "Minister of Education Daniel Orsolin opened the school. Secretary for Health and Care Sarah Quintal spoke."
    found = english(tagger, text)
    assert found.get("Daniel Orsolin") == "PERSON", found
    assert found.get("Sarah Quintal") == "PERSON", found
    before = english(without("portfolio-of"), text)
    assert "Daniel Orsolin" not in before, before


def test_portfolio_of_leaves_places_after_a_title(tagger: BuiltinTagger) -> None:
    found = english(tagger, "The Minister of Foreign Affairs of Velmark met the President of Brannoch.")
    assert not any(kind == "PERSON" for kind in found.values()), found


def test_citation_authors_are_people(tagger: BuiltinTagger) -> None:
    text = "3. Chester M, Lincoln AB, Kendal RT. Rash after treatment. Clin Med Rev. 2011;4:1-9."
    found = english(tagger, text)
    assert found.get("Chester M") == "PERSON", found
    assert found.get("Lincoln AB") == "PERSON", found
    assert found.get("Kendal RT") == "PERSON", found
    before = english(without("citation-authors"), text)
    assert before.get("Chester M") != "PERSON", before


def test_a_model_letter_outside_a_reference_list_stays_a_product(tagger: BuiltinTagger) -> None:
    found = english(tagger, "The Velmark Model X sold well, and the Velmark Model Y followed.")
    assert found.get("Velmark Model X") == "PRODUCT", found


def test_german_mode_is_untouched(tagger: BuiltinTagger) -> None:
    text = "Der Redakteur sprach mit der Velmark Agentur. Jetzt RIGHT NOW lesen."
    assert tagger.tag(text, language="de") == BuiltinTagger(
        disabled_rules=frozenset({"shouted-words", "letter-words", "job-titles", "glued-names"})
    ).tag(text, language="de")


def test_business_heads_type_cafes_and_inns(tagger: BuiltinTagger) -> None:
    text = "We had lunch at Velmoro Cafe and stayed two nights at the Brannoch Inn near the harbour."
    found = english(tagger, text)
    assert found.get("Velmoro Cafe") == "ORG", found
    assert found.get("Brannoch Inn") == "FAC", found
    before = english(without("business-heads"), text)
    assert before.get("Velmoro Cafe") != "ORG" or before.get("Brannoch Inn") != "FAC", before


def test_a_given_name_and_a_business_word_stay_a_person(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Defender Tom Lodge said the team had improved.")
    assert found.get("Tom Lodge") == "PERSON", found


def test_everyday_capitals_name_nothing(tagger: BuiltinTagger) -> None:
    text = "Readers can reach the Velmark desk by Email, and the Internet went down as it hit 40 degrees Celsius."
    found = english(tagger, text)
    assert not {"Email", "Internet", "Celsius"} & found.keys(), found
    before = english(without("everyday-capitals"), text)
    assert {"Email", "Internet", "Celsius"} & before.keys(), before


def test_everyday_capitals_inside_a_name_stay(tagger: BuiltinTagger) -> None:
    found = english(tagger, "The Internet Archive in Velmark saved the page.")
    assert "Internet Archive" in found, found
