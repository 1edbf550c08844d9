"""The tagger's ninth round (real German pages): the default for an unknown capitalised word in a language that
capitalises every noun. Hyphenated compounds, English terms, function words in capitals, a phrase of an adjective
and a noun opening a sentence, imprints' law codes are no names; legal forms and "Will" open names. Each rule is
checked with the rule switched off too, and with cases it must leave alone. No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import german, without
from worker.pipeline.entities.builtin import RULES, BuiltinTagger

NINTH_ROUND = (
    "german-hyphen-capitals",
    "german-hyphen-nouns",
    "german-english-phrases",
    "german-shouted-words",
    "german-english-openers",
    "german-legal-forms",
    "german-common-acronyms",
    "german-noun-phrases",
    "german-acronym-nouns",
    "german-repeated-nouns",
    "german-place-kind-lists",
    "german-bracketed-ages",
    "german-copyright-holders",
    "german-currency-compounds",
    "german-fuer-adjectives",
)


def test_the_rules_are_switchable() -> None:
    assert set(NINTH_ROUND) <= RULES


def test_a_capital_after_a_hyphen_is_no_brand_capital(tagger: BuiltinTagger) -> None:
    text = (
        "Die Händler sprachen über Krypto-Staking. Am Freitag war Krypto-Staking gefragt, und am Montag "
        "Krypto-Staking wieder."
    )
    assert "Krypto-Staking" not in german(tagger, text)
    off = german(without("german-hyphen-capitals"), text)
    assert off.get("Krypto-Staking") == "ORG", off


def test_a_body_named_after_a_person_keeps_its_weight(tagger: BuiltinTagger) -> None:
    text = "Das Fritz-Lang-Institut meldet neue Zahlen. Laut Fritz-Lang-Institut steigen sie weiter."
    assert german(tagger, text).get("Fritz-Lang-Institut") == "ORG"


def test_a_hyphenated_word_ending_in_a_noun_is_a_noun(tagger: BuiltinTagger) -> None:
    text = (
        "Viele Nutzer kaufen inzwischen Tubeless-Ventile. Wer Tubeless-Ventile montiert, braucht Geduld. "
        "Gute Tubeless-Ventile kosten wenig, und Tubeless-Ventile halten lange."
    )
    assert "Tubeless-Ventile" not in german(tagger, text)
    off = german(without("german-hyphen-nouns"), text)
    assert "Tubeless-Ventile" in off, off


def test_a_hyphenated_body_or_named_facility_stays(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Sie arbeitet für die Hans-Böckler-Stiftung und besucht oft das Bode-Museum in Berlin.")
    assert found.get("Hans-Böckler-Stiftung") == "ORG", found
    assert found.get("Bode-Museum") == "FAC", found


def test_english_everyday_words_in_german_are_a_term(tagger: BuiltinTagger) -> None:
    text = (
        "Viele Firmen setzen auf Predictive Maintenance. Mit Predictive Maintenance sinken die Kosten, "
        "sagt der Bericht, denn Predictive Maintenance erkennt Schäden früh."
    )
    assert "Predictive Maintenance" not in german(tagger, text)
    off = german(without("german-english-phrases"), text)
    assert "Predictive Maintenance" in off, off


def test_english_words_with_a_kind_noun_are_still_a_name(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Der Konzern Golden Harvest kündigte am Montag neue Preise an.")
    assert found.get("Golden Harvest") == "ORG", found


def test_german_function_words_in_capitals_are_emphasis(tagger: BuiltinTagger) -> None:
    text = "Zur Feier kamen Greta UND ihr Bruder, und wir fragen: WARUM eigentlich nicht?"
    found = german(tagger, text)
    assert "Greta UND" not in found and "WARUM" not in found, found
    off = german(without("german-shouted-words"), text)
    assert "Greta UND" in off, off


def test_capitals_with_a_name_in_them_stay(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Wir lesen gern die Zeitschrift WILD UND HUND und die DIE LINKE Zeitung.")
    assert any("WILD" in name for name in found), found


def test_will_opens_a_name_in_german(tagger: BuiltinTagger) -> None:
    text = "Gestern hat Will Ferrell in Berlin seinen neuen Film vorgestellt."
    assert german(tagger, text).get("Will Ferrell") == "PERSON"
    off = german(without("german-english-openers"), text)
    assert "Will Ferrell" not in off, off


def test_will_the_verb_opens_no_name(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Will er das wirklich? Die Antwort kennt nur Anna.")
    assert not any(name.startswith("Will") for name in found), found


def test_the_words_before_a_legal_form_are_the_name(tagger: BuiltinTagger) -> None:
    text = "Gestern hat der Caritasverband Nord e.V. gemeinsam mit der Bäckerei Sommer Backwaren GmbH geladen."
    found = german(tagger, text)
    assert found.get("Caritasverband Nord e.V.") == "ORG", found
    off = german(without("german-legal-forms"), text)
    assert "Caritasverband Nord e.V." not in off, off


def test_a_noun_before_a_firm_is_what_it_is(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Das Werk Anton Kugler GmbH wächst weiter.")
    assert found == {"Anton Kugler GmbH": "ORG"}, found


def test_law_codes_and_everyday_abbreviations_are_no_names(tagger: BuiltinTagger) -> None:
    text = "Angaben gemäß § 5 TMG. Zahlungen bitte per IBAN an unser Konto; die KI hilft."
    found = german(tagger, text)
    assert not {"TMG", "IBAN", "KI"} & set(found), found
    off = german(without("german-common-acronyms"), text)
    assert {"TMG", "IBAN"} & set(off), off


def test_acronyms_of_bodies_stay(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Die SPD und die BVG streiten, die WM beginnt im Juni.")
    assert found.get("SPD") == "ORG" and found.get("BVG") == "ORG", found


def test_an_adjective_and_a_noun_opening_a_sentence_are_no_name(tagger: BuiltinTagger) -> None:
    text = "Sie fuhr los. Geplante Zuwendungsregelungen kommen. Danach gab es Kaffee."
    assert "Geplante Zuwendungsregelungen" not in german(tagger, text)
    off = german(without("german-noun-phrases"), text)
    assert "Geplante Zuwendungsregelungen" in off, off


def test_unknown_capitals_and_a_noun_mid_sentence_keep_the_default(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Am Montag stellte Velotech Antriebssysteme neue Motoren vor.")
    assert "Velotech Antriebssysteme" in found, found


def test_an_unknown_compound_noun_after_an_acronym_is_no_part_of_a_name(tagger: BuiltinTagger) -> None:
    text = "Im Kurs FTO Bremskraftverstärker lernen alle Schüler viel."
    assert "FTO Bremskraftverstärker" not in german(tagger, text)
    off = german(without("german-acronym-nouns"), text)
    assert "FTO Bremskraftverstärker" in off, off


def test_a_body_or_a_place_after_an_acronym_stays(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Der Verband NÖ Jagdverband tagt. Die TU Darmstadt forscht.")
    assert found.get("NÖ Jagdverband") == "ORG" and found.get("TU Darmstadt") == "ORG", found


def test_a_word_ending_in_an_inflected_noun_is_no_name_however_often(tagger: BuiltinTagger) -> None:
    text = "Wir kaufen Pizzaroste. Viele Pizzaroste rosten, doch Pizzaroste halten lange, und Pizzaroste sind billig."
    assert "Pizzaroste" not in german(tagger, text)
    off = german(without("german-repeated-nouns"), text)
    assert off.get("Pizzaroste") == "ORG", off


def test_repeated_places_and_surnames_stay(tagger: BuiltinTagger) -> None:
    found = german(
        tagger,
        "Wir fahren nach Kleinzell. Viele Gäste lieben Kleinzell, denn Kleinzell ist schön, und Kleinzell hat Seen.",
    )
    assert found.get("Kleinzell") == "GPE", found
    found = german(
        tagger, "Der Chef von Bruckmann sagt, Bruckmann wachse. Bei Bruckmann arbeiten viele, Bruckmann zahlt."
    )
    assert "Bruckmann" in found, found


def test_names_listed_after_a_kind_of_place_are_places(tagger: BuiltinTagger) -> None:
    text = "Das Angebot gilt für die Ortsteile Lindental, Birkhahn, Mooswinkel und Eschenbrunn."
    found = german(tagger, text)
    assert all(found.get(name) == "GPE" for name in ("Lindental", "Birkhahn", "Mooswinkel", "Eschenbrunn")), found
    off = german(without("german-place-kind-lists"), text)
    assert "Birkhahn" not in off, off


def test_a_word_ending_like_a_kind_of_place_lists_no_places(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Es gibt die Sorten Sunny, Forest und Ocean im Laden.")
    assert not any(kind == "GPE" for kind in found.values()), found


def test_a_name_and_an_age_in_brackets_is_a_person(tagger: BuiltinTagger) -> None:
    text = "Zur Feier kamen auch Zoey (9) und Kastor (12) mit."
    found = german(tagger, text)
    assert found.get("Zoey") == "PERSON" and found.get("Kastor") == "PERSON", found
    off = german(without("german-bracketed-ages"), text)
    assert "Kastor" not in off, off


def test_a_year_or_a_number_in_brackets_is_no_age(tagger: BuiltinTagger) -> None:
    assert german(tagger, "Die Zahl der Fälle (2021) stieg, so Tabelle (3).") == {}


def test_the_copyright_holder_is_named_after_the_sign(tagger: BuiltinTagger) -> None:
    text = "Der Artikel endet hier.\n© Sonnenblick Media"
    assert german(tagger, text).get("Sonnenblick Media") == "ORG"
    assert "Sonnenblick Media" not in german(without("german-copyright-holders"), text)
    found = german(tagger, "Der Bericht kommt. (c) agrarheute Wie der Minister sagte, bleibt alles.")
    assert found.get("agrarheute") == "ORG", found


def test_a_credited_agency_and_a_bare_year_are_left_to_other_rules(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Foto: © dpa | Kay Nietfeld")
    assert found.get("Kay Nietfeld") == "PERSON", found
    assert german(tagger, "Copyright © 2018. Alle Rechte vorbehalten.") == {}


def test_a_currency_names_no_country(tagger: BuiltinTagger) -> None:
    text = "Der Umsatz lag bei 3,2 Milliarden US-Dollar im Quartal."
    assert german(tagger, text) == {}
    off = german(without("german-currency-compounds"), text)
    assert off.get("US") == "GPE", off


def test_a_country_in_another_compound_stays(tagger: BuiltinTagger) -> None:
    assert german(tagger, "Der US-Sport steht still.").get("US") == "GPE"


def test_an_adjective_opens_a_body_named_with_fuer(tagger: BuiltinTagger) -> None:
    text = "Laut der Europäischen Agentur für Flugsicherheit ist alles gut."
    assert german(tagger, text).get("Europäischen Agentur für Flugsicherheit") == "ORG"
    off = german(without("german-fuer-adjectives"), text)
    assert off.get("Agentur für Flugsicherheit") == "ORG", off


def test_a_lowercase_adjective_stays_out_of_a_body_named_with_fuer(tagger: BuiltinTagger) -> None:
    found = german(tagger, "Laut der europäischen Agentur für Flugsicherheit ist alles gut.")
    assert found.get("Agentur für Flugsicherheit") == "ORG", found
