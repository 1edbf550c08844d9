"""The tagger's seventh round (real German pages): offices named by their place, agencies credited in lower case,
parties named by their adjective, continents, German articles and "von" between names, noun compounds, bodies named
with "für", venues with an English-style noun. Each rule is checked with the rule switched off too, and with cases it
must leave alone. No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import german, names, without
from worker.pipeline.entities.builtin import RULES, BuiltinTagger, tokenize
from worker.pipeline.entities.gazetteer import load_german_common_nouns

SEVENTH_ROUND = (
    "german-office-places",
    "german-agency-credits",
    "german-world-regions",
    "german-article-connectors",
    "german-compound-nouns",
    "german-fuer-names",
    "german-venue-heads",
    "german-parties",
    "german-known-firms",
)


def test_the_rules_are_switchable() -> None:
    assert set(SEVENTH_ROUND) <= RULES


def test_an_office_and_its_place_are_one_name(tagger: BuiltinTagger) -> None:
    text = "Das Landgericht Bremen verwies den Fall an das Finanzamt Kiel-Nord; der Kreis Kleve zahlt."
    found = german(tagger, text)
    assert found.get("Landgericht Bremen") == "ORG", found
    assert found.get("Finanzamt Kiel-Nord") == "ORG", found
    assert found.get("Kreis Kleve") == "GPE", found
    off = german(without("german-office-places"), text)
    assert "Landgericht Bremen" not in off and "Kreis Kleve" not in off, off


def test_an_office_noun_alone_or_before_no_place_is_no_name(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Das Amtsgericht entschied am Montag. Die Staatsanwaltschaft Ermittlungen einzustellen.")
    assert found == {}, found


def test_a_lower_case_agency_credit_is_the_agency(tagger: BuiltinTagger) -> None:
    text = "Köln (epd) - Die Synode tagte am Montag.\n© kna | Anna Kowalczyk"
    found = german(tagger, text)
    assert found.get("EPD") == "ORG" and found.get("KNA") == "ORG", found
    assert found.get("Anna Kowalczyk") == "PERSON", found  # the credit line stays no headline
    off = german(without("german-agency-credits"), text)
    assert "EPD" not in off and "KNA" not in off, off


def test_a_credited_agency_joins_its_full_name(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Bonn (dpa) - Das meldete die Deutsche Presse-Agentur am Abend.")
    assert "DPA" not in found and found.get("Deutsche Presse-Agentur") == "ORG", found


def test_agency_letters_in_english_text_are_left_alone(tagger: BuiltinTagger) -> None:
    assert names(tagger.tag("The file was sent by dpa and afp yesterday.")) == {}


def test_parties_named_by_their_adjective(tagger: BuiltinTagger) -> None:
    text = "Im Stadtrat stimmten SPD, die Grünen und die Linke dagegen; der Linken-Fraktionschef Max Beispiel auch."
    found = german(tagger, text)
    assert found.get("Grünen") == "ORG" and found.get("Linke") == "ORG", found
    assert found.get("Max Beispiel") == "PERSON", found  # the compound's role noun starts no name
    off = german(without("german-parties"), text)
    assert "Grünen" not in off and "Linke" not in off, off


def test_the_left_hand_and_the_countryside_are_no_party(tagger: BuiltinTagger) -> None:
    text = "Zur Linken hält die Figur eine Laterne, in der Linken einen Stab. Wir fahren ins Grüne."
    assert german(tagger, text) == {}
    # "die Linke" in an essay naming no party is the political left, not the party
    assert german(tagger, "Seit Jahren streitet die Linke über den Begriff.") == {}


def test_continents_are_locations(tagger: BuiltinTagger) -> None:
    text = "Der Export nach Asien wuchs, in Südosteuropa und Afrika sank er."
    found = german(tagger, text)
    assert found == {"Asien": "LOC", "Südosteuropa": "LOC", "Afrika": "LOC"}, found
    off = german(without("german-world-regions"), text)
    assert off.get("Asien") != "LOC" and "Südosteuropa" not in off, off


def test_america_stays_the_united_states(tagger: BuiltinTagger) -> None:
    assert german(tagger, "Er zog nach Amerika.").get("Amerika") == "GPE"


def test_an_article_between_two_names_cuts_them(tagger: BuiltinTagger) -> None:
    text = "Laut Studienleiterin Marta Kowalczyk der Universität Jena sinkt der Wert."
    found = german(tagger, text)
    assert found == {"Marta Kowalczyk": "PERSON", "Universität Jena": "ORG"}, found
    off = german(without("german-article-connectors"), text)
    assert "Marta Kowalczyk der Universität Jena" in off, off


def test_von_after_a_noun_is_no_particle(tagger: BuiltinTagger) -> None:
    text = "Sie trägt die Sommerkollektion von Lena Beispiel aus Kiel."
    found = german(tagger, text)
    assert found.get("Lena Beispiel") == "PERSON", found
    assert not any("von" in name for name in found), found


def test_particles_in_a_persons_name_stay(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Am Abend sprach Karoline von Beispielhausen im Saal, dann Graf von Musterstein.")
    assert "Karoline von Beispielhausen" in found, found


def test_a_bodys_name_keeps_der(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Er sprach mit der Partei der Ungarn in der Slowakei über Sprachen.")
    assert "Partei der Ungarn" not in found or found["Partei der Ungarn"] == "ORG", found
    assert german(tagger, "Es sprach Marek Hamšík von der Partei der Ungarn.").get("Marek Hamšík") == "PERSON"


def lowered_words(tagger: BuiltinTagger, line: str, rule_on: bool = True) -> set[str]:
    """The capitalised words of a line the compound rule reads as nouns."""
    german_tagger = (tagger if rule_on else without("german-compound-nouns"))._german_tagger()
    tokens = tokenize(line)
    before = {t.text for t in tokens if t.capitalised}
    if "german-compound-nouns" in german_tagger.rules:
        german_tagger._lower_compound_nouns(tokens, load_german_common_nouns())
    return before - {t.text for t in tokens if t.capitalised}


def test_a_lone_noun_compound_is_no_name(tagger: BuiltinTagger) -> None:
    line = "Die Mehlwurmkiste kostet mehr, Luftwärmepumpen und Drohnenkennzeichen sind teuer."
    assert lowered_words(tagger, line) == {"Mehlwurmkiste", "Luftwärmepumpen", "Drohnenkennzeichen"}
    assert lowered_words(tagger, line, rule_on=False) == set()


def test_compound_names_the_rule_leaves_alone(tagger: BuiltinTagger) -> None:
    line = (
        "Das meldet der Weserkurier, laut Kreisverband wächst Rheinmetall, sie wohnt in Schwamendingen, "
        "Anna Goldstein prüft bei Flixtrain und die Bundesnetzagentur in Norddeutschland."
    )
    assert lowered_words(tagger, line) == set()


def test_a_compound_before_a_genitive_is_a_noun(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Die Stadt war Gartenhauptstadt Europas und blieb es.")
    assert found == {"Europa": "LOC"}, found


def test_a_body_named_with_fuer(tagger: BuiltinTagger) -> None:
    text = "Das Landesamt für Denkmalpflege und Archäologie und das Institut für Bienenkunde widersprachen."
    found = german(tagger, text)
    assert found.get("Landesamt für Denkmalpflege und Archäologie") == "ORG", found
    assert found.get("Institut für Bienenkunde") == "ORG", found
    off = german(without("german-fuer-names"), text)
    assert "Institut für Bienenkunde" not in off, off


def test_fuer_after_no_body_joins_nothing(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Es gibt Karten für Bremen und Hannover. Er baute einen Apparat für Messungen.")
    assert found == {"Bremen": "GPE", "Hannover": "GPE"}, found


def test_a_venue_with_an_english_style_noun(tagger: BuiltinTagger) -> None:
    text = "Das Konzert findet in der Mercedes-Benz Arena statt, das Fest im Killesberg Park."
    found = german(tagger, text)
    assert found.get("Mercedes-Benz Arena") == "FAC", found
    off = german(without("german-venue-heads"), text)
    assert "Mercedes-Benz Arena" not in off, off


def test_a_park_after_an_article_is_a_noun(tagger: BuiltinTagger) -> None:
    assert german(tagger, "Der Park war voll. Im Park lagen viele.") == {}


def test_english_text_is_untouched_by_the_german_rules() -> None:
    text = "The Greens and the Left voted against it, Reuters said, at the SAP Arena in Mannheim, Europe."
    full = names(BuiltinTagger().tag(text))
    off = names(BuiltinTagger(disabled_rules=frozenset(SEVENTH_ROUND)).tag(text))
    assert full == off


def test_known_firms_the_noun_list_has(tagger: BuiltinTagger) -> None:
    text = "Der Verein postete es auf Twitter und bei Facebook, Microsoft schwieg."
    found = german(tagger, text)
    assert found == {"Twitter": "ORG", "Facebook": "ORG", "Microsoft": "ORG"}, found
    assert german(without("german-known-firms"), text) == {}


def test_a_bavarian_is_no_firm(tagger: BuiltinTagger) -> None:
    assert german(tagger, "Ein Bayer und ein Sachse stritten über House und Techno.") == {}
