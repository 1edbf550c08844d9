"""The built-in entity tagger: names, types and counts for the cases news text throws at it."""

from __future__ import annotations

import sys

import pytest

from tests.support.tagging import names
from worker.pipeline.entities import EntityCount, TaggerUnavailable, load_tagger
from worker.pipeline.entities.builtin import BuiltinTagger


def counts(entities: list[EntityCount]) -> dict[str, int]:
    return {e.name: e.count for e in entities}


def test_short_forms_count_with_the_full_name(tagger: BuiltinTagger) -> None:
    text = (
        "Many favoured what was unthinkable: for Trump to take out Supreme Leader Ali Khamenei. "
        "Akbarin said that killing Khamenei would open a path. Khamenei's loss would take cohesion away.\n\n"
        "Yegi's parents could not visit because of Donald Trump's travel ban. Trump never lifted it."
    )

    entities = tagger.tag(text)

    assert EntityCount("Ali Khamenei", "PERSON", 3) in entities
    assert EntityCount("Donald Trump", "PERSON", 3) in entities
    assert "Khamenei" not in names(entities) and "Trump" not in names(entities)


def test_possessives_name_the_entity_itself(tagger: BuiltinTagger) -> None:
    entities = tagger.tag("He thanked Iran's leaders. The Kremlin's spokesman said Russia's position was clear.")

    found = names(entities)
    assert found["Iran"] == "GPE"
    assert found["Russia"] == "GPE"
    assert found["Kremlin"] == "ORG"
    assert not any("'s" in name or "’s" in name for name in found)


def test_hyphenated_names_are_split_into_their_parts(tagger: BuiltinTagger) -> None:
    text = (
        "The Moscow-Tehran axis worries diplomats. Mahsa Amini, a 22-year-old Kurdish-Iranian woman, died in custody. "
        "Analysts at the Brussels-based think tank called for a Venezuela-style operation."
    )

    found = names(tagger.tag(text, title="The Moscow-Tehran Axis of Evil"))

    assert found["Moscow"] == "GPE" and found["Tehran"] == "GPE"
    assert found["Kurdish"] == "NORP" and found["Iranian"] == "NORP"
    assert found["Brussels"] == "GPE" and found["Venezuela"] == "GPE"
    assert found["Mahsa Amini"] == "PERSON"
    assert "Moscow-Tehran" not in found and "Kurdish-Iranian" not in found


def test_acronyms_join_their_full_names_and_generic_ones_are_ignored(tagger: BuiltinTagger) -> None:
    text = (
        "Israel struck bases of the Islamic Revolutionary Guard Corps in June. Vakili said the U.S. should hit "
        "IRGC bases too. NATO allies met on Monday. The company's CEO used a VPN."
    )

    entities = tagger.tag(text)

    assert EntityCount("Islamic Revolutionary Guard Corps", "ORG", 2) in entities
    assert names(entities)["NATO"] == "ORG"
    assert names(entities)["U.S."] == "GPE"
    assert "CEO" not in names(entities) and "VPN" not in names(entities)


def test_sentence_initial_words_are_not_names(tagger: BuiltinTagger) -> None:
    text = (
        "But the regime has committed atrocities. The protests spread. When Shahrzad went out, she was hopeful. "
        "Shares rose 11% on Tuesday. Most of us were working. “Unity,” he wrote."
    )

    found = names(tagger.tag(text))

    assert found == {"Shahrzad": "PERSON"}


def test_title_case_headline_keeps_only_confirmed_names(tagger: BuiltinTagger) -> None:
    text = "Iranians told me they want President Trump to act. Many hope he might still intervene."

    found = names(tagger.tag(text, title="What Iranians Want From Trump"))

    assert found == {"Iranians": "NORP", "Trump": "PERSON"}


def test_one_type_per_entity_across_the_document(tagger: BuiltinTagger) -> None:
    text = (
        "Hartwell blamed weak demand. The warning came from rival Hartwell Freight in June.\n\n"
        "Brentford manager Thomas Frank said the boy trains hard. Frank confirmed that Toney would return."
    )

    entities = tagger.tag(text)

    assert EntityCount("Hartwell Freight", "ORG", 2) in entities
    assert EntityCount("Thomas Frank", "PERSON", 2) in entities
    assert names(entities)["Brentford"] == "ORG"
    assert len({e.name for e in entities}) == len(entities)  # no name reported twice with two types


def test_titles_and_nationalities_are_cut_from_person_names(tagger: BuiltinTagger) -> None:
    text = (
        "Hungarian Prime Minister Viktor Orban dropped his veto, European Council President Charles Michel said. "
        "U.S. Secretary of State Antony Blinken and Chinese Premier Li Qiang sent congratulations."
    )

    found = names(tagger.tag(text))

    assert found["Viktor Orban"] == "PERSON" and found["Hungarian"] == "NORP"
    assert found["Charles Michel"] == "PERSON" and found["European Council"] == "ORG"
    assert found["Antony Blinken"] == "PERSON" and found["Li Qiang"] == "PERSON"
    assert found["Chinese"] == "NORP"


def test_head_words_type_names(tagger: BuiltinTagger) -> None:
    text = (
        "Researchers from the University of Colorado Boulder drilled near the Thwaites Glacier. Fans packed "
        "Goodison Park before the Iran-Iraq War anniversary, said the Human Rights Activist News Agency. "
        "Traffic backed up on Interstate 10 as Hurricane Delia neared. Delia is the fourth hurricane."
    )

    entities = tagger.tag(text)
    found = names(entities)

    assert found["University of Colorado Boulder"] == "ORG"
    assert found["Thwaites Glacier"] == "LOC"
    assert found["Goodison Park"] == "FAC"
    assert found["Iran-Iraq War"] == "EVENT"
    assert found["Human Rights Activist News Agency"] == "ORG"
    assert found["Interstate 10"] == "FAC"
    assert EntityCount("Hurricane Delia", "EVENT", 2) in entities


def test_connectors_split_lists_but_not_names(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("The storm moved on to Alabama and Mississippi, the Bank of England said."))

    assert found["Alabama"] == "GPE" and found["Mississippi"] == "GPE"
    assert found["Bank of England"] == "ORG"


def test_wire_dateline_is_a_place(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("PORT SUDAN, Sudan (Newswire) — The first convoy reached North Darfur on Friday."))

    assert found["Port Sudan"] == "GPE"
    assert found["Sudan"] == "GPE"
    assert found["North Darfur"] == "GPE"
    assert found["Newswire"] == "ORG"


def test_counts_include_every_mention(tagger: BuiltinTagger) -> None:
    text = "Iran said no. Officials in Tehran repeated it, and Iran's allies agreed.\n\nIran will decide."

    assert counts(tagger.tag(text, title="Iran says no")) == {"Iran": 4, "Tehran": 1}


def test_a_short_form_whose_full_name_was_merged_away_joins_the_merged_entity(tagger: BuiltinTagger) -> None:
    # "Maria Lopez Garcia" merges into "Anna Maria Lopez Garcia", which merges into the longer name; a later
    # short form that pointed at either must follow those merges (it raised KeyError on 10 of 990 real pages).
    text = (
        "Jose Anna Maria Lopez Garcia met Anna Maria Lopez Garcia on Monday. Later, Maria Lopez Garcia said "
        "Garcia would stay. Lopez Garcia agreed."
    )
    names = {e.name: e.count for e in tagger.tag(text)}
    assert names.get("Jose Anna Maria Lopez Garcia", 0) >= 4
    assert "Maria Lopez Garcia" not in names and "Garcia" not in names


def test_empty_text_has_no_entities(tagger: BuiltinTagger) -> None:
    assert tagger.tag("") == []
    assert tagger.tag("   \n\n", title="") == []


def test_load_tagger_defaults_to_builtin() -> None:
    assert load_tagger().backend == "builtin-1"
    assert load_tagger("").backend == "builtin-1"


def test_spacy_model_without_spacy_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # makes `import spacy` raise ImportError

    with pytest.raises(TaggerUnavailable, match="spaCy is not installed"):
        load_tagger("en_core_web_md")


def test_all_caps_lines_are_read_like_headlines(tagger: BuiltinTagger) -> None:
    text = "BREAKING: STOCKS FALL AS FED RAISES RATES IN IRAN AND THE US\n\nThe Fed raised rates on Wednesday."

    found = names(tagger.tag(text))

    assert found == {"Fed": "ORG", "Iran": "GPE", "US": "GPE"}


def test_name_shapes_from_other_conventions(tagger: BuiltinTagger) -> None:
    text = (
        "The prize went to South Korean director Hong Sang-soo. Detective Inspector Sarah Whitworth said two men "
        "appeared at Manchester Magistrates' Court. German Culture Minister Claudia Roth praised the film."
    )

    found = names(tagger.tag(text))

    assert found["Hong Sang-soo"] == "PERSON" and found["South Korean"] == "NORP"
    assert found["Sarah Whitworth"] == "PERSON"
    assert found["Manchester Magistrates' Court"] == "ORG"
    assert found["Claudia Roth"] == "PERSON" and found["German"] == "NORP"
    assert "German Culture" not in found


def test_a_nationality_before_a_person_is_its_own_entity(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("The match was won by Czech Klara Dvorakova, who beat American Tommy Paul's partner."))

    assert found.get("Klara Dvorakova") == "PERSON" and found.get("Czech") == "NORP"
    assert found.get("Tommy Paul") == "PERSON" and found.get("American") == "NORP"


def test_two_headed_names_joined_by_and_are_two_entities(tagger: BuiltinTagger) -> None:
    found = names(
        tagger.tag(
            "The crash closed Parsons Avenue and East Whittier Street. The injured were taken to "
            "Nationwide Children's Hospital and Grant Medical Center. The Australian Securities and Investments "
            "Commission said nothing."
        )
    )

    assert found.get("Parsons Avenue") == "FAC" and found.get("East Whittier Street") == "FAC"
    assert "Grant Medical Center" in found
    assert found.get("Australian Securities and Investments Commission") == "ORG"  # a trade list, one name


def test_unknown_institutions_are_not_people(tagger: BuiltinTagger) -> None:
    found = names(
        tagger.tag(
            "Officials at the National Civil Registry counted the votes. A spokesman for Kataib Hezbollah said "
            "the group had fired. Tips went to Central Ohio Crime Stoppers. Caldera Resources shares rose."
        )
    )

    assert found.get("National Civil Registry") == "ORG"
    assert found.get("Kataib Hezbollah") == "ORG"
    assert found.get("Central Ohio Crime Stoppers") == "ORG"
    assert found.get("Caldera Resources") == "ORG"


def test_place_words_of_other_languages_start_place_names(tagger: BuiltinTagger) -> None:
    found = names(tagger.tag("The mine at Cerro Blanco lies far from Kiryat Shmona and Puerto Montt."))

    assert found.get("Cerro Blanco") == "LOC"
    assert found.get("Kiryat Shmona") == "GPE"
    assert found.get("Puerto Montt") == "GPE"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Toyota said the Rav4 Prime sold well in March.", "Rav4 Prime"),
        ("Toyota said sales of the RAV4 Hybrid rose again.", "RAV4 Hybrid"),
        ("Ford said deliveries of the Mach E fell in the quarter.", "Mach E"),
        ("Volkswagen showed the Vizzion Concept at the motor show.", "Vizzion Concept"),
        ("Ford's Mustang Mach E SUV outsold its rivals last year.", "Mustang Mach E SUV"),
        ("Reviewers praised the Pixel Pro for its battery life.", "Pixel Pro"),  # a device
        ("Critics loved the film Perfect Days, which opened in June.", "Perfect Days"),  # a film
        ("The documentary Navalny won the prize on Sunday.", "Navalny"),
        ("Fans queued for the album Midnight Garden on Friday.", "Midnight Garden"),  # a work
    ],
)
def test_products_and_works_are_not_people(tagger: BuiltinTagger, text: str, name: str) -> None:
    found = names(tagger.tag(text))
    assert found.get(name) == "PRODUCT", found


def test_person_needs_evidence_or_a_person_shaped_name(tagger: BuiltinTagger) -> None:
    text = (
        "Supporters of Andes Copper gathered in Santiago. Later, Kemi Badenoch spoke in London, "
        "and the striker Yoane Wissa scored twice."
    )
    found = names(tagger.tag(text))
    assert found["Kemi Badenoch"] == "PERSON"  # two plain uncommon words: the shape of a name
    assert found["Yoane Wissa"] == "PERSON"
    assert found.get("Andes Copper") != "PERSON"  # an everyday word in it: no default to a person


def test_disabling_an_unknown_rule_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown tagger rules"):
        BuiltinTagger(disabled_rules=frozenset({"no-such-rule"}))
