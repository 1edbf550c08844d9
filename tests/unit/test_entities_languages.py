"""Which languages get entities: German with its capitalised common nouns set aside, others recorded as untagged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.document import ExtractedDocument
from worker.pipeline.entities import load_tagger, primary_language, untagged_reason
from worker.pipeline.entities.builtin import BuiltinTagger
from worker.pipeline.neardup import NearDupSettings
from worker.pipeline.process import Pipeline

# Shaped like the corpus's German pages that filled `newsworker entities` with "Kollegen" and "Woche".
GERMAN = (
    "Der Reporter Claas Relotius hat in den vergangenen Jahren viele Geschichten erfunden. Seine Kollegen in "
    "Hamburg waren entsetzt. In der Woche danach sagte Chefredakteur Steffen Klusmann, die Menschen hätten ein "
    "Recht auf Aufklärung. Relotius sagte, er bereue es. Wochen später äußerte sich Bundeskanzlerin Angela Merkel."
)
GERMAN_COMMON_NOUNS = {"Jahren", "Geschichten", "Kollegen", "Woche", "Wochen", "Menschen", "Recht", "Aufklärung"}


def test_english_rules_take_german_nouns_for_names(tagger: BuiltinTagger) -> None:
    # What the German mode is for: without it the nouns are tagged (this is the bug seen on real pages).
    found = {e.name for e in tagger.tag(GERMAN, title="Der Fall Relotius", language="en")}
    assert found & GERMAN_COMMON_NOUNS


def test_german_mode_keeps_names_and_drops_common_nouns(tagger: BuiltinTagger) -> None:
    found = {e.name: e.type for e in tagger.tag(GERMAN, title="Der Fall Relotius", language="de")}
    assert not set(found) & GERMAN_COMMON_NOUNS
    assert found["Claas Relotius"] == "PERSON"  # "Relotius sagte" is a short form of the full name
    assert found["Angela Merkel"] == "PERSON"
    assert found["Steffen Klusmann"] == "PERSON"
    assert found["Hamburg"] == "GPE"
    assert "Der" not in found


@pytest.mark.parametrize(
    ("declared", "primary"), [("en-US", "en"), ("DE", "de"), ("pt_BR", "pt"), ("", None), (None, None)]
)
def test_primary_language(declared: str | None, primary: str | None) -> None:
    assert primary_language(declared) == primary


def test_only_supported_languages_are_tagged(tagger: BuiltinTagger) -> None:
    assert untagged_reason(tagger, "en-GB") is None
    assert untagged_reason(tagger, "de") is None
    assert untagged_reason(tagger, None) is None  # too short to tell: read as English
    assert untagged_reason(tagger, "ja") == "no tagger for language ja"


def test_pipeline_records_why_an_article_has_no_entities(tagger: BuiltinTagger) -> None:
    pipeline = Pipeline(tagger=tagger, neardup=NearDupSettings())
    french = ExtractedDocument(
        title="Le Président Emmanuel Macron à Paris",
        text="Le Président Emmanuel Macron a reçu les Ministres à Paris mardi.",
        extractor="text-headers",
        language="fr",
    )
    processed = pipeline.process(french)
    assert processed.entities == []
    assert processed.untagged_reason == "no tagger for language fr"

    german = pipeline.process(ExtractedDocument(title=None, text=GERMAN, extractor="text-headers", language="de"))
    assert german.untagged_reason is None
    assert {e.name for e in german.entities} >= {"Claas Relotius", "Hamburg"}


def test_a_plugin_tagger_without_supports_reads_every_language() -> None:
    class PluginTagger:
        backend = "plugin"

        def tag(self, text: str, title: str | None = None, language: str | None = None) -> list[object]:
            return []

    assert untagged_reason(PluginTagger(), "ja") is None  # type: ignore[arg-type]


def test_german_country_names_share_the_english_identity(tagger: BuiltinTagger) -> None:
    german = {
        e.name: e for e in tagger.tag("Die Regierung in Deutschland und Frankreich beriet am Montag.", language="de")
    }
    english = {e.name: e for e in tagger.tag("The governments of Germany and France met on Monday.", language="en")}
    assert german["Deutschland"].type == "GPE"
    assert german["Deutschland"].known_key == english["Germany"].known_key == "country:DE"
    assert german["Frankreich"].known_key == english["France"].known_key


def test_german_nouns_missing_from_the_list_are_not_names_either(tagger: BuiltinTagger) -> None:
    # Rare compounds are not in the frequency list; a lone unknown word needs evidence to be a name in German.
    text = "Die Schneedecke schmolz. Nach der Corona-Pandemie kamen Infektionszahlen. Reporter Claas Relotius schrieb."
    found = {e.name for e in tagger.tag(text, language="de")}
    assert found == {"Claas Relotius"}


GERMAN_PIECES = st.sampled_from(
    [
        "Der ",
        "Reporter ",
        "Claas Relotius",
        " sagte",
        ". ",
        "Woche",
        " und ",
        "Frau Müller",
        "FDP",
        "Mark ",
        "Zuckerberg",
        "Corona-Pandemie",
        "Deutschland",
        "’s",
        "\n",
        "„Ja“",
        "Straße",
        "MENSCHEN IN BERLIN",
        ", ",
        "Ihnen",
        "von der Leyen",
        "Ernst",
        "Jünger",
        "-",
        "Dr. ",
        "Jahren",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(GERMAN_PIECES, max_size=30).map("".join)))
def test_german_mode_never_raises(text: str) -> None:
    for entity in load_tagger().tag(text, title=text[:40] or None, language="de"):
        assert entity.name and entity.count >= 1
