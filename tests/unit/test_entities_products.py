"""The tagger's products and works, demonyms, and the short forms it joins to full names (issue 16)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.tagging import names
from worker.pipeline.entities import EntityCount
from worker.pipeline.entities.builtin import RULES, BuiltinTagger, _acronym_of, _quoted_titles, tokenize


def entity(entities: list[EntityCount], name: str) -> EntityCount:
    found = [e for e in entities if e.name == name]
    assert found, [e.name for e in entities]
    return found[0]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Apple's iPhone 15 Pro sold out within an hour.", "iPhone 15 Pro"),  # a device: camel case, version
        ("Microsoft is bundling Copilot with Windows 11 this year.", "Windows 11"),  # versioned software
        ("The phones use the Exynos 2400 chip in Europe.", "Exynos 2400"),
        ("Qualcomm's Snapdragon 8 Gen 3 powers the US model.", "Snapdragon 8 Gen 3"),
        ("Reviewers compared it with the Hyundai Ioniq 5 and others.", "Hyundai Ioniq 5"),  # a car
        ('Wells made her name with "Aftersun", the 2022 drama.', "Aftersun"),  # a film, in quotes
        ("Spears's “The Woman in Me” was bought by a studio last year.", "The Woman in Me"),  # a book
        ("Ford recalled 49,000 Mustang Mach-E SUVs in 2022.", "Mustang Mach-E"),  # the vehicles of a model
        ("Rivals such as OpenAI's ChatGPT lost users.", "ChatGPT"),  # a known product name
        ("GitHub Copilot already has 1.8 million subscribers.", "GitHub Copilot"),  # maker and known product
    ],
)
def test_products_and_works(tagger: BuiltinTagger, text: str, name: str) -> None:
    assert names(tagger.tag(text)).get(name) == "PRODUCT", names(tagger.tag(text))


@pytest.mark.parametrize(
    "name",
    ["Rav4 Prime", "Mach E", "RAV4 Hybrid", "Vizzion Concept", "Mustang Mach E SUV", "Mach-E", "iPhone 15"],
)
def test_issue_16_cars_and_devices_are_never_people(tagger: BuiltinTagger, name: str) -> None:
    for text in (f"{name} sales rose, the company said.", f"Buyers of the {name} said they were happy."):
        found = names(tagger.tag(text))
        assert "PERSON" not in found.values(), (text, found)
        assert found.get(name) == "PRODUCT", (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "Under Article 5 of the treaty, allies must respond.",
        "Flight 370 vanished in 2014.",
        "The report was due in March 2024.",
        "Chelsea 2 Arsenal 1 was the score at Stamford Bridge.",
        "It was Game 7 of the finals.",
        "The storm reached Category 4 strength.",
        "Japan 101 is a course for beginners.",  # a larger place takes no version
        "Turning 65 is a milestone for many.",  # an everyday word opening a sentence
    ],
)
def test_counts_years_and_scores_are_no_versions(tagger: BuiltinTagger, text: str) -> None:
    assert "PRODUCT" not in names(tagger.tag(text)).values(), names(tagger.tag(text))


def test_quoted_speech_is_no_title(tagger: BuiltinTagger) -> None:
    text = '“Unity,” he wrote. "We think this is the moment," Roh said. Critics called it "a bold move".'
    assert "PRODUCT" not in names(tagger.tag(text)).values()


def test_a_known_place_in_quotes_stays_a_place(tagger: BuiltinTagger) -> None:
    assert names(tagger.tag('She called it "Paris" and smiled.')).get("Paris") == "GPE"


def test_model_short_forms_join_the_full_name(tagger: BuiltinTagger) -> None:
    text = (
        "Toyota is recalling 58,000 RAV4 Prime hybrids. Buyers of the Toyota RAV4 Prime are loyal. "
        "Samsung put its Galaxy S24 on sale. The S24 costs 1.2 million won."
    )
    entities = tagger.tag(text)
    assert "RAV4 Prime" in entity(entities, "Toyota RAV4 Prime").aliases  # maker + model = the model
    assert "S24" in entity(entities, "Galaxy S24").aliases  # line + model = the model
    assert names(entities)["Toyota"] == "ORG"


def test_a_product_of_its_own_is_not_a_short_form(tagger: BuiltinTagger) -> None:
    text = "Microsoft sells Copilot to businesses. GitHub Copilot, a related tool, is for programmers."
    found = names(tagger.tag(text))
    assert found["Copilot"] == "PRODUCT" and found["GitHub Copilot"] == "PRODUCT"


def test_acronyms_of_word_starts_join_the_full_name(tagger: BuiltinTagger) -> None:
    text = (
        "Leaders of the Economic Community of West African States met in Abuja. ECOWAS said sanctions would stay. "
        "The National Institute for Health and Care Excellence disagreed. NICE said the drug was too costly."
    )
    entities = tagger.tag(text)
    assert "ECOWAS" in entity(entities, "Economic Community of West African States").aliases
    assert "NICE" in entity(entities, "National Institute for Health and Care Excellence").aliases


def test_acronym_matching() -> None:
    assert _acronym_of("ECOWAS", "Economic Community of West African States".split())
    assert _acronym_of("CATL", "Contemporary Amperex Technology Co. Ltd".split())
    assert _acronym_of("ECB", "England and Wales Cricket Board".split())  # one word skipped
    assert not _acronym_of("ELN", "National Liberation Army".split())
    assert not _acronym_of("CMA", "Competition Commission of India".split())
    assert not _acronym_of("ECB", "England Women".split())


@given(st.lists(st.from_regex(r"[A-Z][a-z]{0,8}", fullmatch=True), min_size=1, max_size=8))
def test_initials_are_always_an_acronym(words: list[str]) -> None:
    assert _acronym_of("".join(w[0] for w in words), words)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('AbZ qé "“”‘’:,.-12')), max_size=80))
def test_quoted_titles_are_spans_inside_quotes(text: str) -> None:
    tokens = tokenize(text)
    for start, end in _quoted_titles(tokens).items():
        assert 0 < start < end <= len(tokens)
        assert tokens[start].capitalised
        assert any(t.raw in '"“‘' for t in tokens[:start])


def test_a_surname_that_is_a_place_joins_the_person(tagger: BuiltinTagger) -> None:
    text = "Lewis Hamilton finished third. Hamilton said the car was slow."
    entities = tagger.tag(text)
    assert "Hamilton" in entity(entities, "Lewis Hamilton").aliases
    assert "Hamilton" not in names(entities)


def test_a_surname_used_as_a_place_stays_the_place(tagger: BuiltinTagger) -> None:
    text = "Lewis Hamilton finished third. The next race is in Hamilton, Bermuda."
    found = names(tagger.tag(text))
    assert found["Hamilton"] == "GPE" and found["Lewis Hamilton"] == "PERSON"


def test_paris_is_never_paris_hilton(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("Paris Hilton is filming in Paris. Hilton said Paris was home."))
    assert found["Paris"] == "GPE" and found["Paris Hilton"] == "PERSON"


def test_demonym_and_resident_nouns(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("The Spaniard won again. Many Albertans and two Swedes watched."))
    assert found == {"Spaniard": "NORP", "Albertans": "NORP", "Swedes": "NORP"}


def test_a_country_before_an_institution_is_two_names(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("She testified before the U.S. Congress in 2022."))
    assert found == {"U.S.": "GPE", "Congress": "ORG"}


def test_state_abbreviations_are_the_state(tagger: BuiltinTagger) -> None:
    entities = tagger.tag("The race was held in Monterey, Calif., on Sunday.")
    assert names(entities).get("California") == "GPE"
    assert entity(entities, "California").known_key == "us-state:CA"


def test_german_role_compounds_start_no_name(tagger: BuiltinTagger) -> None:
    text = (
        "Bundesverkehrsminister Volker Wissing sagte am Mittwoch, die Lage sei ernst. "
        "GDL-Chef Claus Weselsky kündigte weitere Streiks an."
    )
    found = names(tagger.tag(text, language="de"))
    assert found.get("Volker Wissing") == "PERSON" and found.get("Claus Weselsky") == "PERSON", found


def test_every_rule_can_be_switched_off() -> None:
    text = 'Apple\'s iPhone 15 and "Aftersun" and the Spaniard and Lewis Hamilton. Hamilton said so.'
    for rule in sorted(RULES):
        assert BuiltinTagger(disabled_rules=frozenset({rule})).tag(text)


def test_a_headed_name_ends_at_and_before_a_person_or_a_place_name(tagger: BuiltinTagger) -> None:
    found = names(
        tagger.tag(
            "The plan was backed by the Environment Agency and Natural England. The National Housing Federation "
            "and Andy Burnham disagreed. The Australian Securities and Investments Commission declined to comment."
        )
    )
    assert found["Environment Agency"] == "ORG" and "Natural England" in found
    assert found["Andy Burnham"] == "PERSON" and found["National Housing Federation"] == "ORG"
    assert found["Australian Securities and Investments Commission"] == "ORG"  # one name: its head is last


def test_a_german_surname_that_is_a_noun_stays_after_a_given_name(tagger: BuiltinTagger) -> None:
    text = "Im Spiel traf Thomas Müller zweimal. Der Müller mahlt das Korn."
    found = names(tagger.tag(text, language="de"))
    assert found.get("Thomas Müller") == "PERSON", found
    assert "Müller" not in found and "Thomas" not in found  # the noun alone is still a noun


def test_an_organisation_is_named_without_its_article(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("It spent weeks on The New York Times bestseller list."))
    assert found.get("New York Times") == "ORG", found


def test_a_place_noun_and_of_make_a_place(tagger: BuiltinTagger) -> None:
    text = "Residents returned to the southern village of Aitaroun. Rangers closed Jasper National Park near the town of Jasper."
    found = names(tagger.tag(text))
    assert found["Aitaroun"] == "GPE"
    assert found["Jasper"] == "GPE" and "Jasper National Park" in found  # the town is not the park


def test_the_plural_of_a_shared_name_is_no_entity(tagger: BuiltinTagger) -> None:
    text = "Rick Scott voted against it and Tim Scott voted for it. The two Scotts are not related."
    found = names(tagger.tag(text))
    assert "Scotts" not in found and found["Rick Scott"] == "PERSON" and found["Tim Scott"] == "PERSON"
