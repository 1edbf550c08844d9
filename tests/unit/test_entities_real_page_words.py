"""Words the real corpus's pages had stored as organisations, none of them a name: units, currencies, book
numbers, "CO2", a legal form left alone ("AG"), tablespoons ("1 EL"), cars and lorries, law codes. The sentences
are written after the real pages' contexts; no gold text is used."""

from __future__ import annotations

from worker.pipeline.entities.builtin import BuiltinTagger

TAGGER = BuiltinTagger()


def test_german_units_codes_and_abbreviations_are_no_entities() -> None:
    text = (
        "Der CO2-Preis steigt, weil bei der Verbrennung CO2 freigesetzt wird. Man nehme 1 EL Zucker und 2 TL Salz. "
        "Die Datei hat 5 MB. Nach dem BGB und dem EEG gilt das auch für jeden PKW und LKW. Preis: 20 EUR, ISBN "
        "978-3-16. Die Schweizer Werbeagentur Goal AG zahlte. Die Firma hieß später kurz Continental AG und saß in "
        "Hannover."
    )
    found = {e.name: e.type for e in TAGGER.tag(text, language="de")}
    assert not found.keys() & {"CO2", "EL", "TL", "MB", "BGB", "EEG", "PKW", "LKW", "EUR", "ISBN", "AG"}, found
    assert found.get("Continental AG") == "ORG" and found.get("Hannover") == "GPE"  # names around them stay


def test_english_units_stay_out_and_acronyms_of_bodies_stay_in() -> None:
    text = "Emissions of CO2 rose 3%, the EPA said. Prices are quoted in USD and CHF; the report is 12 MB."
    found = {e.name: e.type for e in TAGGER.tag(text, language="en")}
    assert not found.keys() & {"CO2", "USD", "CHF", "MB", "PDF", "JPEG", "PNG"}, found
    assert found.get("EPA") == "ORG"


GERMAN_BODIES = (
    "Die Europäische Union und die Vereinten Nationen warnten am Montag. Nach dem Zweiten Weltkrieg lag die Stadt "
    "am Rhein in Trümmern. Die EZB hob den Zins. Im Mittelmeer wird es wärmer. Das Rote Kreuz half, die Weltbank "
    "zahlt. Bei den Olympischen Spielen gewann sie Gold."
)


def test_german_names_of_international_bodies_events_and_seas_are_their_english_identities() -> None:
    found = {e.name: (e.type, e.known_key) for e in TAGGER.tag(GERMAN_BODIES, language="de")}
    assert found["Europäische Union"] == ("ORG", "org:European Union")
    assert found["Vereinten Nationen"] == ("ORG", "org:United Nations")
    assert found["Zweiten Weltkrieg"] == ("EVENT", "event:World War II")
    assert found["EZB"] == ("ORG", "org:European Central Bank")
    assert found["Mittelmeer"] == ("LOC", "loc:Mediterranean")
    assert found["Rote Kreuz"] == ("ORG", "org:Red Cross")
    assert found["Weltbank"] == ("ORG", "org:World Bank")
    assert found["Olympischen Spielen"] == ("EVENT", "event:Olympics")
    # Without the rule the nouns in them ("Weltkrieg", "Mittelmeer", "Nationen") hide them.
    without = BuiltinTagger(disabled_rules=frozenset({"german-curated"}))
    missing = {e.name for e in without.tag(GERMAN_BODIES, language="de")}
    assert not missing & {"Zweiten Weltkrieg", "Vereinten Nationen", "Rote Kreuz"}


def test_a_curated_word_listed_as_it_is_stays_a_german_noun() -> None:
    found = {
        e.name for e in TAGGER.tag("Im Keller lief House, und der Wagner reparierte das Rad am Haus.", language="de")
    }
    assert not found & {"House", "Wagner"}, found


LIST_PAGE = (
    "Here is the full list from the magazine.\n01. Robert Halford\n02. Steven Tyler\n03. Bon Scott\n"
    "04. Ozzy Osbourne\nSome of my favourites:\n- Keith Caputo\n- Phil Anselmo\nAnd the shop's picks:\n"
    "1. Skeleton Key\n2. Sword-Shaped Key Blank\nSteven Tyler\nStorm Hits Coast"
)


def test_numbered_and_bulleted_names_are_list_items_not_headlines() -> None:
    found = {e.name: e.type for e in TAGGER.tag(LIST_PAGE, language="en")}
    for person in ("Robert Halford", "Steven Tyler", "Bon Scott", "Ozzy Osbourne", "Keith Caputo", "Phil Anselmo"):
        assert found.get(person) == "PERSON", (person, found)
    # Items made of everyday words are a shop's list, and a Title Case line without a mark is still a headline.
    assert not found.keys() & {"Skeleton Key", "Sword-Shaped Key Blank", "Storm Hits Coast"}, found
    without = {e.name for e in BuiltinTagger(disabled_rules=frozenset({"list-items"})).tag(LIST_PAGE, language="en")}
    assert not without & {"Bon Scott", "Ozzy Osbourne"}, without


def test_program_code_is_no_name_and_a_known_firm_after_and_starts_a_name() -> None:
    text = (
        "Set SafeBrowsingProtectionLevel before you call getElementById. The setting came to Google Safe Browsing "
        "and Google Drive last year, HarperCollins and YouTube said."
    )
    found = {e.name: e.type for e in TAGGER.tag(text, language="en")}
    assert not found.keys() & {"SafeBrowsingProtectionLevel", "getElementById"}, found
    assert "Google Safe Browsing" in found and "Google Drive" in found, found
    assert {"HarperCollins", "YouTube"} <= found.keys()  # brands with two humps stay names
    joined = BuiltinTagger(disabled_rules=frozenset({"known-after-and", "code-identifiers"})).tag(text, language="en")
    assert {"SafeBrowsingProtectionLevel", "Google Safe Browsing and Google Drive"} <= {e.name for e in joined}


def test_an_initial_and_a_surname_name_a_person_even_in_a_credit_line() -> None:
    assert {e.name: e.type for e in TAGGER.tag("Foto: M. Rädel\nDer Text beginnt hier.", language="de")} == {
        "M. Rädel": "PERSON"
    }
    assert ("J. Kowalczyk", "PERSON") in {(e.name, e.type) for e in TAGGER.tag("Photo: J. Kowalczyk\nIt rained.")}
    # Not a unit ("230 V Aussenstromanschluss") nor German's "z. B."; and without the rule no person.
    text = "Mit 230 V Aussenstromanschluss, z. B. Kokosöl im Schrank."
    assert "PERSON" not in {e.type for e in TAGGER.tag(text, language="de")}
    off = BuiltinTagger(disabled_rules=frozenset({"initial-first"}))
    assert ("M. Rädel", "PERSON") not in {(e.name, e.type) for e in off.tag("Foto: M. Rädel\nText.", language="de")}


def test_people_s_names_and_everyday_words_are_no_cities_other_names() -> None:
    english = {e.name: (e.type, e.known_key) for e in TAGGER.tag("On Monday Sam and Sophia flew from Damascus to Rio.")}
    # "Sam" and "Sophia" were Damascus and Sofia (geonames' other names); "Rio" of Rio de Janeiro stays its name.
    assert {key for _type, key in english.values()} == {"city:170654", "city:3451190"}, english
    german = {
        e.name: (e.type, e.known_key)
        for e in TAGGER.tag(
            "Dabei bleibt die Kita zu. Im Kanton Bern wird gewählt, in Mexiko und Singapur auch. In Tokio und Rom "
            "regnet es.",
            language="de",
        )
    }
    assert not german.keys() & {"Dabei", "Kita", "Kanton"}, german  # not Dubai, Quito, Guangzhou
    assert german["Bern"][0] == "GPE"
    assert german["Mexiko"] == ("GPE", "country:MX") and german["Singapur"] == ("GPE", "country:SG")
    assert german["Tokio"][0] == "GPE" and german["Rom"][0] == "GPE"  # German names of cities stay places


def test_island_is_iceland_in_german_only_and_german_abbreviations_are_no_names() -> None:
    english = TAGGER.tag("Workers buried coffins on Hart Island. Island Line trains run hourly.", language="en")
    assert "country:IS" not in {e.known_key for e in english}
    german = {e.name: e.known_key for e in TAGGER.tag("Island zahlt 5 Mio. Euro an Müller & Co. per E-Mail.", "", "de")}
    assert german.get("Island") == "country:IS" and not german.keys() & {"Mio", "Co", "E-Mail"}, german
