"""Places the generated gazetteer knows since round gaz7: German states and other first-level subdivision types,
cities' short forms and German names, and "Korea"; with the everyday words it still leaves out."""

from __future__ import annotations

import pytest

from tools.build_gazetteer import city_short_name, inflection_stems
from worker.pipeline.entities.builtin import BuiltinTagger
from worker.pipeline.entities.gazetteer import load_gazetteer


def found(tagger: BuiltinTagger, text: str, language: str = "en") -> dict[str, str]:
    return {e.name: e.type for e in tagger.tag(text, language=language)}


@pytest.mark.parametrize(
    ("official", "short"),
    [("Frankfurt am Main", "Frankfurt"), ("Halle (Saale)", "Halle"), ("Mülheim an der Ruhr", "Mülheim")],
)
def test_a_qualified_city_name_has_a_short_form(official: str, short: str) -> None:
    assert city_short_name(official) == short


@pytest.mark.parametrize("name", ["Munich", "Newcastle upon Tyne", "Rio de Janeiro"])
def test_other_city_names_have_none(name: str) -> None:
    assert city_short_name(name) is None


def test_a_short_form_is_the_biggest_city_of_that_name() -> None:
    gazetteer = load_gazetteer()
    frankfurt = gazetteer.lookup("Frankfurt")
    assert frankfurt is not None and frankfurt.type == "GPE"
    assert frankfurt.key == gazetteer.lookup("Frankfurt am Main").key  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("german", "english"), [("München", "Munich"), ("Nürnberg", "Nuremberg"), ("Lüttich", "Liège")]
)
def test_german_city_names_share_the_english_identity(german: str, english: str) -> None:
    gazetteer = load_gazetteer()
    known = gazetteer.lookup(german)
    assert known is not None and known.type == "GPE"
    assert known.key == gazetteer.lookup(english).key  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["Brandenburg", "Andalucía", "Bretagne", "Małopolskie", "Île-de-France"])
def test_subdivisions_of_the_types_once_skipped_are_places(name: str) -> None:
    known = load_gazetteer().lookup(name)
    assert known is not None and known.type == "GPE" and known.key.startswith("sub:")


def test_korea_is_a_place_of_its_own() -> None:
    gazetteer = load_gazetteer()
    korea = gazetteer.lookup("Korea")
    assert korea is not None and korea.type == "GPE"
    assert korea.key not in {gazetteer.lookup("South Korea").key, gazetteer.lookup("North Korea").key}  # type: ignore[union-attr]


@pytest.mark.parametrize("word", ["Pech", "Namen", "Dort", "Regio", "Bayern", "North West", "Long Island"])
def test_everyday_words_and_the_club_are_no_generated_places(word: str) -> None:
    # Geonames and pycountry list each as a town or district somewhere; "Bayern" is the state but in news the club,
    # "Long Island" a district of the Bahamas but to news the one in New York.
    known = load_gazetteer().lookup(word)
    assert known is None or known.source != "place"


def test_new_places_are_tagged_in_english_text(tagger: BuiltinTagger) -> None:
    tags = found(tagger, "Shares rose in Frankfurt on Monday, while exports from Korea fell.")
    assert tags.get("Frankfurt") == "GPE"
    assert tags.get("Korea") == "GPE"


def test_new_places_are_tagged_in_german_text(tagger: BuiltinTagger) -> None:
    tags = found(
        tagger, "Die Polizei in München meldete am Montag einen Unfall. Auch in Sachsen-Anhalt regnete es.", "de"
    )
    assert tags.get("München") == "GPE"
    assert tags.get("Sachsen-Anhalt") == "GPE"
    assert "Polizei" not in tags and "Unfall" not in tags


# Round gaz8: second-level subdivisions (pycountry entries with a parent).
@pytest.mark.parametrize(
    "name", ["Bohol", "Leyte", "Ilocos Norte", "Essex", "Lewisham", "Gaibandha", "Aisne", "Ragusa", "Alsace"]
)
def test_second_level_subdivisions_are_places(name: str) -> None:
    known = load_gazetteer().lookup(name)
    assert known is not None and known.type == "GPE" and known.key.startswith("sub:")


@pytest.mark.parametrize("name", ["Angus", "Brent", "Clare", "Bury"])
def test_second_level_subdivisions_named_like_people_or_words_are_not(name: str) -> None:
    known = load_gazetteer().lookup(name)
    assert known is None or not known.key.startswith("sub:")


def test_second_level_places_do_not_displace_bigger_ones() -> None:
    birmingham = load_gazetteer().lookup("Birmingham")  # also an English metropolitan district
    assert birmingham is not None and birmingham.key.startswith("city:")


def test_a_province_is_tagged_as_a_place(tagger: BuiltinTagger) -> None:
    tags = found(tagger, "Ferries between Cebu and Bohol were suspended as the storm approached Leyte.")
    assert tags.get("Bohol") == "GPE" and tags.get("Leyte") == "GPE"


@pytest.mark.parametrize(
    ("word", "stem"),
    [("cities", "city"), ("planning", "plan"), ("hoped", "hope"), ("bigger", "big"), ("hunters", "hunter")],
)
def test_inflections_find_their_dictionary_form(word: str, stem: str) -> None:
    assert stem in inflection_stems(word)


@pytest.mark.parametrize("word", ["denver", "naples", "davis", "texas"])
def test_names_are_no_inflections(word: str) -> None:
    assert word not in {"den", "nap", "davi", "tex"} & set(inflection_stems(word))


@pytest.mark.parametrize("word", ["Denver", "Naples", "Davis", "Evans", "Texas", "Thomas"])
def test_frequent_names_are_not_everyday_words(word: str) -> None:
    assert not load_gazetteer().is_common_word(word)


@pytest.mark.parametrize("word", ["Planning", "Countries", "Hunters", "Reading"])
def test_inflected_words_are_everyday_words(word: str) -> None:
    assert load_gazetteer().is_common_word(word)


def test_cities_once_taken_for_words_are_places_but_surnames_stay_out() -> None:
    gazetteer = load_gazetteer()
    for city in ("Denver", "Naples", "Cannes"):
        known = gazetteer.lookup(city)
        assert known is not None and known.type == "GPE", city
    for surname in ("Davis", "Evans", "Torres"):  # towns too, but in news mostly people
        known = gazetteer.lookup(surname)
        assert known is None or known.source != "place", surname


@pytest.mark.parametrize("name", ["Eure", "Manche", "Landes"])
def test_departments_that_are_frequent_german_words_are_not_places(name: str) -> None:
    known = load_gazetteer().lookup(name)
    assert known is None or known.source != "place"


def test_german_country_names_are_not_common_nouns(tagger: BuiltinTagger) -> None:
    # Wiktionary lists "Polen", "Schweden", "Ungarn" as plurals of the peoples too; in news they are the countries.
    tags = found(tagger, "Der Sturm zog am Montag weiter nach Polen und Schweden.", "de")
    assert tags.get("Polen") == "GPE" and tags.get("Schweden") == "GPE"


@pytest.mark.parametrize("city", ["Kiel", "Saskatoon", "Nantes", "Varna"])
def test_cities_named_like_rare_words_are_places(city: str) -> None:
    known = load_gazetteer().lookup(city)
    assert known is not None and known.type == "GPE" and known.weight >= 2


@pytest.mark.parametrize("word", ["Simmering", "Salinas", "Reading", "Split"])
def test_cities_named_like_inflections_names_or_frequent_words_are_not(word: str) -> None:
    known = load_gazetteer().lookup(word)
    assert known is None or known.source != "place"


def test_world_regions_are_locations_and_regions_joined_by_and_are_not(tagger: BuiltinTagger) -> None:
    tags = found(tagger, "Exports to Western Africa and Polynesia rose, officials in Australia and New Zealand said.")
    assert tags.get("Western Africa") == "LOC" and tags.get("Polynesia") == "LOC"
    assert tags.get("Australia") == "GPE" and tags.get("New Zealand") == "GPE"


@pytest.mark.parametrize(
    ("country", "code"), [("Mexico", "MX"), ("Benin", "BJ"), ("Singapore", "SG"), ("Luxembourg", "LU")]
)
def test_a_country_s_name_is_the_country_not_a_city_of_that_name(country: str, code: str) -> None:
    known = load_gazetteer().lookup(country)
    assert known is not None and known.key == f"country:{code}"


def test_a_country_and_its_namesake_city_stay_two_entities() -> None:
    text = "Traffic in Mexico City was heavy on Monday. The economy of Mexico grew 2% last year."
    entities = {e.name: (e.type, e.known_key, e.aliases) for e in BuiltinTagger().tag(text)}
    assert entities["Mexico"] == ("GPE", "country:MX", ())
    assert entities["Mexico City"][2] == ()
