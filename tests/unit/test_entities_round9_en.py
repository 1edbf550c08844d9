"""The tagger's ninth round, real pages, English side: the unknown-name default where the text is no running
prose (labels and headings in capitals, program code, addresses). Each rule is checked with the rule switched off
too, and with cases it must leave alone. No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import english, without
from worker.pipeline.entities.builtin import BuiltinTagger


def test_everyday_words_in_capitals_are_labels(tagger: BuiltinTagger) -> None:
    text = (
        "Lemon cake with a crumb topping\nINGREDIENTS\n- two cups of flour\n"
        "METHOD: Mix the flour with the butter. A QUICK TIP: keep the butter cold."
    )
    found = english(tagger, text)
    assert not {"INGREDIENTS", "METHOD", "QUICK TIP"} & found.keys(), found
    before = english(without("shouted-everyday"), text)
    assert {"INGREDIENTS", "METHOD", "QUICK TIP"} & before.keys(), before


def test_acronyms_known_names_and_defined_terms_in_capitals_stay(tagger: BuiltinTagger) -> None:
    text = (
        "Doctors at NICE and RAND met in LITTLE ROCK. The article first appeared on L.A. WEEKLY. "
        "Velmark Reactive Syndrome (SPARK) was discussed."
    )
    found = english(tagger, text)
    assert {"NICE", "RAND"} <= found.keys(), found
    assert any("WEEKLY" in name for name in found), found
    assert any(name.casefold() == "little rock" for name in found), found
    assert "SPARK" in found or any("SPARK" in alias for alias in found), found


def test_code_and_addresses_are_no_names(tagger: BuiltinTagger) -> None:
    text = (
        'I keep the list in my shell setup:\nexport NOTEPATH="~/notes"\n'
        "Every NOTEPATH entry is read at start. Press C-x C-s to save, then see "
        "https://wiki.example.org/notes/FindNotesQuickly for more."
    )
    found = english(tagger, text)
    assert not {"NOTEPATH", "C-x C-s", "FindNotesQuickly"} & found.keys(), found
    before = english(without("code-shapes"), text)
    assert {"NOTEPATH", "FindNotesQuickly"} & before.keys(), before


def test_initials_and_names_beside_addresses_stay(tagger: BuiltinTagger) -> None:
    text = (
        "Hung S-I, Brenmoor T-K. Velmark trials. J Derm. 2019.\n"
        "| Newcastle | Marisol Quenby | marisol.quenby@example.org |\n"
        "Marisol Quenby leads the Velmark Trust, see www.velmark.example.org."
    )
    found = english(tagger, text)
    assert "Hung S-I" in found, found  # initials joined by a hyphen are no key chord
    assert found.get("Marisol Quenby") == "PERSON", found
    assert any(name.startswith("Velmark Trust") for name in found), found


def test_a_known_name_may_hold_and_the(tagger: BuiltinTagger) -> None:
    text = "The regatta moved to St. Vincent and the Grenadines this year."
    found = english(tagger, text)
    assert found.get("St. Vincent and the Grenadines") == "GPE", found
    before = english(without("and-the-names"), text)
    assert "St. Vincent and the Grenadines" not in before, before


def test_and_the_between_two_names_still_cuts(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Talks between Velmark Holdings and the Ministry of Defence ended.")
    assert "Ministry of Defence" in found, found
    assert not any(" and the " in name for name in found), found


def test_a_brand_written_in_two_words_is_the_brand(tagger: BuiltinTagger) -> None:
    text = "Why is your shop not on Tik Tok yet?"
    found = english(tagger, text)
    assert found.get("Tik Tok") == "ORG", found
    before = english(without("joined-spelling"), text)
    assert before.get("Tik Tok") != "ORG", before


def test_two_words_that_join_into_no_brand_stay(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Lara Quenby met Tomas Brenmoor in Velmark.")
    assert found.get("Lara Quenby") == "PERSON", found


def test_an_acronym_of_a_place_is_the_place(tagger: BuiltinTagger) -> None:
    text = "Boats sail from the U.S. Virgin Islands to Tortola. In the USVI, fares rose."
    found = english(tagger, text)
    assert "USVI" not in found or found["USVI"] == "GPE", found
    assert all(kind == "GPE" for name, kind in found.items() if "Virgin" in name or name == "USVI"), found
    before = english(without("place-acronyms"), text)
    assert before.get("USVI") == "ORG", before


def test_an_acronym_is_no_place_from_word_prefixes(tagger: BuiltinTagger) -> None:
    found = english(tagger, "The crash closed roads in Fort Lauderdale. FLA officials said the road reopened.")
    assert any(name == "Fort Lauderdale" and kind == "GPE" for name, kind in found.items()), found


def test_an_unknown_name_once_in_a_list_gets_no_guess(tagger: BuiltinTagger) -> None:
    text = (
        "What we packed for the trip\n- two Brelvox lanterns\n- a tent\n"
        "We walked for hours and the weather held up well all week."
    )
    found = english(tagger, text)
    assert "Brelvox" not in found, found
    before = english(without("furniture-default"), text)
    assert "Brelvox" in before, before


def test_a_name_repeated_in_lists_or_used_in_prose_stays(tagger: BuiltinTagger) -> None:
    text = (
        "Stockists\n- two Brelvox outlets\n- a Brelvox lamp\n- a Quandrel tent\n"
        "We met the owner of Quandrel on Monday and she said the shop would open a second branch."
    )
    found = english(tagger, text)
    assert "Brelvox" in found, found
    assert "Quandrel" in found, found


def test_a_defined_acronym_keeps_a_sentence_initial_name_whole(tagger: BuiltinTagger) -> None:
    text = "Border Patrol Operations (BPO) agents stopped the boat near Velmark."
    found = english(tagger, text)
    assert "Border Patrol Operations" in found, found
    before = english(without("defined-whole"), text)
    assert "Border Patrol Operations" not in before, before


def test_an_everyday_first_word_without_its_acronym_is_cut(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Late Quenby header (LQ) won it. Late Quenby header sealed it.")
    assert "Late Quenby" not in found, found


def test_a_connector_after_a_title_starts_no_person(tagger: BuiltinTagger) -> None:
    text = "The line came from the play Minister on Stage, staged in Velmark."
    found = english(tagger, text)
    assert "on Stage" not in found and "Stage" not in found, found
    before = english(without("title-connectors"), text)
    assert "on Stage" in before, before


def test_a_particle_after_a_title_still_starts_a_person(tagger: BuiltinTagger) -> None:
    found = english(tagger, "The talks were led by President de Quenby last year.")
    assert found.get("de Quenby") == "PERSON", found


def test_everyday_compounds_open_no_name(tagger: BuiltinTagger) -> None:
    text = "The module is a thin wrapper — Low-level networking for everyone, and Built-in help."
    found = english(tagger, text)
    assert not {"Low-level", "Built-in"} & found.keys(), found
    before = english(without("everyday-compounds"), text)
    assert {"Low-level", "Built-in"} & before.keys(), before


def test_a_compound_after_a_capital_stays_in_the_name(tagger: BuiltinTagger) -> None:
    found = english(tagger, "The speech by Tsai Ing-wen was short.")
    assert found.get("Tsai Ing-wen") == "PERSON", found


def test_a_letter_after_a_degree_sign_is_a_unit(tagger: BuiltinTagger) -> None:
    text = "Warming may reach 2.4°C. This October was the warmest on record."
    found = english(tagger, text)
    assert not {"C", "C."} & found.keys(), found
    before = english(without("degree-units"), text)
    assert {"C", "C."} & before.keys(), before


def test_software_names_are_products(tagger: BuiltinTagger) -> None:
    text = "The tool is packaged in Debian and works well with Emacs on most Unix systems."
    found = english(tagger, text)
    assert found.get("Debian") == "PRODUCT", found
    assert found.get("Emacs") == "PRODUCT", found
    before = english(without("software-names"), text)
    assert before.get("Emacs") != "PRODUCT", before


def test_a_currency_alone_is_no_entity(tagger: BuiltinTagger) -> None:
    text = "The ransom had to be paid in Bitcoin, the note said, or 300 Euro in cash."
    found = english(tagger, text)
    assert not {"Bitcoin", "Euro"} & found.keys(), found
    before = english(without("currency-names"), text)
    assert {"Bitcoin", "Euro"} & before.keys(), before


def test_a_currency_inside_a_longer_name_counts(tagger: BuiltinTagger) -> None:
    found = english(tagger, "A grant came from the Bitcoin Foundation in Velmark.")
    assert "Bitcoin Foundation" in found, found


LIST_OF_SINGERS = (
    "The hundred best voices, as the magazine ranked them:\n"
    "01. Marisol Quenby\n02. Tomas Brenmoor\n03. Lara Velkin\n04. Pepper Oradine\n05. Robert Plant\n"
)


def test_a_list_of_people_makes_people_of_its_unsure_items(tagger: BuiltinTagger) -> None:
    found = english(tagger, LIST_OF_SINGERS)
    assert found.get("Pepper Oradine") == "PERSON", found
    assert found.get("Robert Plant") == "PERSON", found
    before = english(without("list-people"), LIST_OF_SINGERS)
    assert before.get("Pepper Oradine") != "PERSON" or before.get("Robert Plant") != "PERSON", before


def test_two_people_make_no_list_of_people(tagger: BuiltinTagger) -> None:
    text = "Our picks:\n01. Marisol Quenby\n02. Tomas Brenmoor\n03. Pepper Oradine\n04. Salt Roads\n"
    found = english(tagger, text)
    assert found.get("Pepper Oradine") != "PERSON", found


def test_a_camel_case_word_is_a_brand_not_a_person(tagger: BuiltinTagger) -> None:
    text = "The founder told BrightLedger last year that prints would get faster."
    found = english(tagger, text)
    assert found.get("BrightLedger") == "ORG", found
    before = english(without("camel-brands"), text)
    assert before.get("BrightLedger") == "PERSON", before


def test_surnames_with_a_capital_inside_stay_people(tagger: BuiltinTagger) -> None:
    text = "The coach told McBrenmoor to rest, and DeShawn agreed."
    found = english(tagger, text)
    assert found.get("McBrenmoor") == "PERSON", found
    assert found == english(without("camel-brands"), text), found


def test_a_capital_the_is_no_part_of_a_country(tagger: BuiltinTagger) -> None:
    text = "Teams from The Netherlands met in The Hague."
    found = english(tagger, text)
    assert found.get("Netherlands") == "GPE", found
    assert found.get("The Hague") == "GPE", found
    before = english(without("the-places"), text)
    assert "The Netherlands" in before, before


def test_adjectives_made_of_names_are_no_entities(tagger: BuiltinTagger) -> None:
    text = "The model uses the Quenbian distance, a Velmarkean idea, and Brenmoorical reasoning overall."
    found = english(tagger, text)
    assert not {"Quenbian", "Velmarkean", "Brenmoorical"} & found.keys(), found
    before = english(without("adjective-names"), text)
    assert {"Quenbian", "Velmarkean", "Brenmoorical"} & before.keys(), before


def test_a_surname_ending_in_ian_stays_a_person(tagger: BuiltinTagger) -> None:
    found = english(tagger, "The first game went to Levon Quenbian. Later Quenbian said he was tired.")
    assert found.get("Levon Quenbian") == "PERSON", found


def test_cities_named_like_words_are_places(tagger: BuiltinTagger) -> None:
    text = "The ring was busted in Boston, and two men were later arrested in Cork."
    found = english(tagger, text)
    assert found.get("Boston") == "GPE" and found.get("Cork") == "GPE", found
    before = english(without("common-word-cities"), text)
    assert "Boston" not in before, before


def test_a_city_named_like_a_word_leaves_longer_names_alone(tagger: BuiltinTagger) -> None:
    found = english(tagger, "Reporters of the Boston Globe met the Buffalo Bills in Velmark.")
    assert found.get("Boston Globe") == "ORG", found


def test_a_cited_first_author_is_a_person(tagger: BuiltinTagger) -> None:
    text = "- 12. Quenby T et al. Rash after treatment: a case series. J Derm Velm. 2015;17:50-8."
    found = english(tagger, text)
    assert found.get("Quenby T") == "PERSON", found
    before = english(without("citation-et-al"), text)
    assert before.get("Quenby T") != "PERSON", before


def test_a_given_name_and_an_initial_are_a_person(tagger: BuiltinTagger) -> None:
    text = "What do you call a sleepy bull?\nA bulldozer.\n—Rebecca K."
    found = english(tagger, text)
    assert found.get("Rebecca K.") == "PERSON", found  # with its full stop since the seventh session
    before = english(without("given-initial"), text)
    assert before.get("Rebecca K") != "PERSON" and before.get("Rebecca K.") != "PERSON", before


def test_a_model_letter_after_a_word_stays_a_product(tagger: BuiltinTagger) -> None:
    found = english(tagger, "The Velmark Model S sold well.")
    assert any(kind == "PRODUCT" for name, kind in found.items() if name.endswith("Model S")), found
