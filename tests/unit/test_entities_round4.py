"""The tagger's fourth round of general rules (issue 16, before posthoc7): wire credits, and the context that
types a name the lists do not know. Each rule is checked with the rule switched off too, and with cases it must
leave alone. No example is taken from the gold texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.tagging import names, without
from worker.pipeline.entities.builtin import BuiltinTagger, _credited_names, tokenize

CREDIT = (
    "The ferry resumed service on Tuesday.\n\n"
    "(Reporting by Tove Arnesen in Bergen and Quill Ramdas in Tromso; Writing by Oyelaran Bakare; "
    "Editing by Pim Vardhan and Lotte Skarsgaard)"
)


def test_a_wire_credit_names_people_and_places(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag(CREDIT))
    for person in ("Tove Arnesen", "Quill Ramdas", "Oyelaran Bakare", "Pim Vardhan", "Lotte Skarsgaard"):
        assert found.get(person) == "PERSON", found
    assert found.get("Bergen") == "GPE"
    assert "Editing" not in found and "Writing" not in found
    short = "Shares closed higher.\n\n(Editing by Oyelaran Bakare)"  # Title Case, read as a headline without the rule
    assert names(tagger.tag(short)).get("Oyelaran Bakare") == "PERSON"
    assert names(without("credit-line").tag(short)).get("Oyelaran Bakare") != "PERSON"


def test_credited_names_only_after_a_credit_verb() -> None:
    assert _credited_names(tokenize("He was edited by hand and Tom Lark agreed.")) == set()
    assert _credited_names(tokenize("The deal was backed by Harlow Capital.")) == set()
    tokens = tokenize("(Editing by Pim Vardhan)")
    assert {tokens[i].text for i in _credited_names(tokens)} == {"Pim"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["by", "in", "and", ",", ";", "Editing", "Writing", "Ana", "Oslo", "the", ")"])))
def test_credited_names_are_capitalised_words(words: list[str]) -> None:
    tokens = tokenize(" ".join(words))
    for index in _credited_names(tokens):
        assert tokens[index].capitalised


GERMAN_PLACES = (
    "Der Zug fuhr zwischen Bremen und Rostock. Später erreichte der Regen Dresden, Bremen und Polen. "
    "Bremens Bürgermeisterin sprach von Schäden."
)


def test_german_places_that_are_also_nouns(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag(GERMAN_PLACES, language="de"))
    assert found.get("Bremen") == "GPE" and found.get("Polen") == "GPE", found
    assert "Bremen" not in names(without("german-places").tag("Der Zug fuhr zwischen Bremen und Rostock.", None, "de"))


def test_german_genitive_of_a_city_before_a_noun(tagger: BuiltinTagger) -> None:
    text = "Leipzigs Oberbürgermeister Jens Kolbe sagte, die Stadt müsse sparen."
    assert names(tagger.tag(text, language="de")).get("Leipzig") == "GPE"
    assert names(without("german-places").tag(text, language="de")).get("Leipzig") != "GPE"


def test_german_nouns_that_are_places_stay_nouns_without_context(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("Die Bremen summten im Garten.", language="de"))
    assert "Bremen" not in found, found  # horseflies


def test_sector_head_words_name_firms_and_facilities(tagger: BuiltinTagger) -> None:
    text = (
        "Marrow Construction won the contract, and Tessel Payments handled the fees. Patients of Orvane Health "
        "were moved. Trains of the Quintard Railroad stopped. He spoke outside the Harlan Ames Courthouse. "
        "Ships waited at the Brennick Locks. Goats grazed in the Tarvash hills, near the Olvey tunnel."
    )
    found = names(tagger.tag(text))
    for firm in ("Marrow Construction", "Tessel Payments", "Orvane Health", "Quintard Railroad"):
        assert found.get(firm) == "ORG", (firm, found)
    assert found.get("Harlan Ames Courthouse") == "FAC"
    assert found.get("Brennick Locks") == "FAC"
    assert found.get("Tarvash") == "LOC"
    assert found.get("Olvey") == "FAC"


def test_a_surname_that_is_no_sector_word_stays_a_person(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("Marta Archer said the Tessel Payments deal was done. Archer declined to comment."))
    assert found.get("Marta Archer") == "PERSON"


def test_a_known_company_s_unknown_thing_is_its_product(tagger: BuiltinTagger) -> None:
    text = "Users can now talk to Microsoft's Brindle, and Disney's Crooked Lantern opens next week."
    found = names(tagger.tag(text))
    assert found.get("Brindle") == "PRODUCT", found
    assert found.get("Crooked Lantern") == "PRODUCT", found
    assert names(without("maker-possessive").tag(text)).get("Crooked Lantern") != "PRODUCT"


def test_a_company_s_people_and_units_are_not_products(tagger: BuiltinTagger) -> None:
    text = "Microsoft's Satya Nadella spoke. Disney's Parks Division grew, and Microsoft's Tessa Wren agreed."
    found = names(tagger.tag(text))
    assert found.get("Satya Nadella") == "PERSON"
    assert found.get("Tessa Wren") == "PERSON"
    assert found.get("Parks Division") != "PRODUCT"


def test_product_nouns_after_a_name(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("Attackers broke in through unpatched Korvex gateways and Talmira servers."))
    assert found.get("Korvex") == "PRODUCT", found
    assert found.get("Talmira") == "PRODUCT", found


def test_a_place_and_its_state(tagger: BuiltinTagger) -> None:
    text = "The firm is building a plant in Harmony, North Carolina. Orvik Mills of Tamber Falls, Iowa, won a bid."
    found = names(tagger.tag(text))
    assert found.get("Harmony") == "GPE", found
    assert found.get("Tamber Falls") == "GPE", found
    assert names(without("city-state").tag(text)).get("Tamber Falls") != "GPE"


def test_plural_place_nouns_before_a_list(tagger: BuiltinTagger) -> None:
    text = "Evacuations were ordered in the coastal districts of Tarangpur and Meharganj on Sunday."
    found = names(tagger.tag(text))
    assert found.get("Tarangpur") == "GPE" and found.get("Meharganj") == "GPE", found
    assert names(without("place-lists-of").tag(text)).get("Tarangpur") != "GPE"


def test_a_spot_near_a_known_place(tagger: BuiltinTagger) -> None:
    text = "The gauge at Tarangpur near Jaipur showed the highest reading."
    assert names(tagger.tag(text)).get("Tarangpur") == "GPE"
    assert names(without("place-near").tag(text)).get("Tarangpur") != "GPE"
    assert names(tagger.tag("Shares rose at Orvik near the close.")).get("Orvik") != "GPE"


def test_credit_verbs_inside_a_sentence_credit_nobody() -> None:
    assert _credited_names(tokenize("Analysts in a poll compiled by Norvane Data expect a rise.")) == set()
    assert _credited_names(tokenize("(Additional reporting by Tove Arnesen; data compiled by LSEG)")) == {4}


def test_a_club_named_by_a_two_word_city(tagger: BuiltinTagger) -> None:
    text = "The Salt Lake City Comets beat the San Jose Herons on Friday."
    found = names(tagger.tag(text))
    assert found.get("San Jose Herons") == "ORG", found
    assert names(without("place-team").tag(text)).get("San Jose Herons") != "ORG"


def test_a_german_compound_noun_before_a_name_is_cut(tagger: BuiltinTagger) -> None:
    text = "Das sagte der Klimaforscher-Kollege Jonas Wendt. Auch Landwirtschaftsministers Petra Ulmke schwieg."
    found = names(tagger.tag(text, language="de"))
    assert found.get("Jonas Wendt") == "PERSON", found
    assert found.get("Petra Ulmke") == "PERSON", found
    before = names(without("german-noun-prefix").tag(text, language="de"))
    assert "Jonas Wendt" not in before or "Petra Ulmke" not in before


def test_german_names_that_end_like_nouns_stay_names(tagger: BuiltinTagger) -> None:
    found = names(
        tagger.tag("Der Zug von Hamburg nach Flensburg fiel aus. Die Firma Zellhaus Gruppe klagte.", None, "de")
    )
    assert found.get("Hamburg") == "GPE" and found.get("Flensburg") == "GPE", found


def test_ends_in_noun_needs_a_real_prefix() -> None:
    from worker.pipeline.entities.builtin import _ends_in_noun

    nouns = frozenset({"kette", "tochter", "minister"})
    assert _ends_in_noun("Supermarktkette", nouns)
    assert _ends_in_noun("DB-Tochter", nouns)
    assert _ends_in_noun("Wirtschaftsministers", nouns)
    assert not _ends_in_noun("Kette", nouns)
    assert not _ends_in_noun("Lindqvist", nouns)


def test_german_nouns_of_a_kind_type_the_name_after_them(tagger: BuiltinTagger) -> None:
    text = (
        "Der Discounter Varlo eröffnet Filialen. Die Fähre zu den Inseln Quarrum fiel aus. Anbieter wie Zelvit klagen."
    )
    found = names(tagger.tag(text, language="de"))
    assert found.get("Varlo") == "ORG", found
    assert found.get("Quarrum") == "LOC", found
    assert found.get("Zelvit") == "ORG", found
    assert "Varlo" not in names(without("german-kind-nouns").tag(text, language="de"))


def test_german_lists_keep_unknown_names_beside_sure_ones(tagger: BuiltinTagger) -> None:
    text = "Das Werk baut der Konzern gemeinsam mit Varlotec, Zelvit und SAP."
    found = names(tagger.tag(text, language="de"))
    assert found.get("Zelvit") == "ORG" and found.get("Varlotec") == "ORG", found
    assert "Zelvit" not in names(without("german-lists").tag(text, language="de"))


def test_german_lists_leave_common_nouns_alone(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("Die SPD und Landwirtschaftsverbände in Bayern stritten.", language="de"))
    assert "Landwirtschaftsverbände" not in found


def test_ste_is_an_abbreviation_inside_a_place_name(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("Barges waited at Pointe Ste. Brigitte, Quebec, for the thaw."))
    assert "Pointe Ste. Brigitte" in found, found


def test_a_portfolio_before_a_title_is_part_of_it(tagger: BuiltinTagger) -> None:
    text = "He lost. Chief Cabinet Secretary Tomoko Arisawa came third. Deputy Health Minister Ana Petrova agreed."
    found = names(tagger.tag(text))
    assert found.get("Tomoko Arisawa") == "PERSON", found
    assert found.get("Ana Petrova") == "PERSON", found
    assert not any(name.startswith(("Cabinet", "Deputy", "Health")) for name in found), found
    before = names(without("portfolio-title").tag(text))
    assert any(name.startswith(("Cabinet", "Deputy", "Health")) for name in before) or "Tomoko Arisawa" not in before


def test_a_body_before_a_title_stays_a_body(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("The Labour Party Leader Keir Starmer spoke in Leeds."))
    assert found.get("Labour Party") == "ORG" and found.get("Keir Starmer") == "PERSON"


def test_an_appositive_venue_or_natural_place(tagger: BuiltinTagger) -> None:
    text = "The gig moved to the Varnish, a nightclub on an old ferry. Walkers reached Kolvatn, a lake in the hills."
    found = names(tagger.tag(text))
    assert found.get("Varnish") == "FAC", found
    assert found.get("Kolvatn") == "LOC", found
    assert names(without("place-appositive").tag(text)).get("Kolvatn") != "LOC"


def test_a_place_noun_modifying_the_appositive_head_is_no_head(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("Shares of Orvane Stays, the hotel company founded in 1950, rose."))
    assert found.get("Orvane Stays") == "ORG", found


def test_a_german_noun_before_a_place_names_an_institution(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("Die Kantonspolizei Thurgau meldete am Montag einen Unfall.", language="de"))
    assert found.get("Kantonspolizei Thurgau") == "ORG", found


def test_a_month_s_name_after_a_title_is_a_given_name(tagger: BuiltinTagger) -> None:
    text = "In Bergen, Transport Minister Jan Olav Strand said so. Mayor June Hallam agreed."
    found = names(tagger.tag(text))
    assert found.get("Jan Olav Strand") == "PERSON", found
    assert found.get("June Hallam") == "PERSON", found
    assert names(without("month-names").tag(text)).get("Jan Olav Strand") != "PERSON"


def test_months_stay_dates_without_a_title(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("The vote was held on Jan. 5 in Oslo. In June Britain voted again."))
    assert not any(name.startswith(("Jan", "June")) for name in found), found


def test_saint_without_a_full_stop_stays_in_the_name(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("He grew up in St Brelade, Jersey, and sang at St Aldhelm Church."))
    assert "St Brelade" in found and "Brelade" not in found, found
    assert "St Aldhelm Church" in found, found
    assert not any(name.endswith(" St") for name in names(tagger.tag("The shop is on Harbour St in Leeds.")))


def test_a_body_s_name_before_a_title_is_no_portfolio(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("Federal Reserve Chair Jerome Powell spoke. Cabinet Office Minister Pat Hollis agreed."))
    assert found.get("Federal Reserve") == "ORG" and found.get("Cabinet Office") == "ORG", found
    assert found.get("Pat Hollis") == "PERSON"


def test_a_public_body_s_programme_is_no_product(tagger: BuiltinTagger) -> None:
    assert names(tagger.tag("Critics said the EU's Green Deal went too far.")).get("Green Deal") != "PRODUCT"


def test_a_lone_letter_before_a_product_noun_is_no_product(tagger: BuiltinTagger) -> None:
    assert "D" not in names(tagger.tag("Researchers sped up consumer 3-D printers without losing quality."))
