"""The spaCy backend, loaded by path from a small rule-based pipeline each test run builds (no model download)."""

from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from worker.pipeline.entities import EntityCount, TaggerUnavailable, load_tagger  # noqa: E402
from worker.pipeline.entities.spacy_backend import SpacyTagger, clean_name, group_mentions  # noqa: E402

PATTERNS = [
    {"label": "PERSON", "pattern": "Ali Khamenei"},
    {"label": "PERSON", "pattern": "Khamenei"},
    {"label": "GPE", "pattern": "Tehran"},
    {"label": "GPE", "pattern": "Iran"},
    {"label": "ORG", "pattern": [{"LOWER": "the"}, {"TEXT": "Kremlin"}]},
    {"label": "NORP", "pattern": "Iranian"},
    {"label": "DATE", "pattern": "Friday"},
    {"label": "CARDINAL", "pattern": "800"},
]


@pytest.fixture(scope="module")
def pipeline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blank English pipeline with an entity ruler, saved to disk like an installed model directory."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(PATTERNS)
    path = tmp_path_factory.mktemp("spacy") / "tiny_ner"
    nlp.to_disk(path)
    return path


def test_load_tagger_loads_a_pipeline_by_path(pipeline_dir: Path) -> None:
    tagger = load_tagger(str(pipeline_dir))

    assert isinstance(tagger, SpacyTagger)
    assert tagger.backend == "spacy:tiny_ner"


def test_labels_are_mapped_and_others_dropped(pipeline_dir: Path) -> None:
    tagger = load_tagger(str(pipeline_dir))

    entities = tagger.tag("On Friday Iran said 800 Iranian prisoners were freed. The Kremlin welcomed it.")

    assert {(e.name, e.type) for e in entities} == {("Iran", "GPE"), ("Iranian", "NORP"), ("Kremlin", "ORG")}


def test_short_forms_are_counted_with_the_full_name(pipeline_dir: Path) -> None:
    tagger = load_tagger(str(pipeline_dir))

    entities = tagger.tag("Khamenei spoke in Tehran. Critics of Khamenei's rule protested.", title="Ali Khamenei warns")

    assert EntityCount("Ali Khamenei", "PERSON", 3) in entities
    assert EntityCount("Tehran", "GPE", 1) in entities


def test_unknown_model_name_raises_tagger_unavailable() -> None:
    with pytest.raises(TaggerUnavailable, match="no_such_pipeline_xyz"):
        load_tagger("no_such_pipeline_xyz")


def test_pipeline_without_entity_recogniser_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "no_ner"
    spacy.blank("en").to_disk(path)

    with pytest.raises(TaggerUnavailable, match="no entity recogniser"):
        load_tagger(str(path))


def test_clean_name_drops_article_possessive_and_line_breaks() -> None:
    assert clean_name("the Kremlin's") == "Kremlin"
    assert clean_name("Islamic\nRepublic") == "Islamic Republic"


def test_group_mentions_keeps_ambiguous_short_forms_apart() -> None:
    mentions = [("Ali Khamenei", "PERSON"), ("Ali Vakili", "PERSON"), ("Ali", "PERSON"), ("Vakili", "PERSON")]

    entities = group_mentions(mentions)

    assert EntityCount("Ali", "PERSON", 1) in entities  # "Ali" could be either man
    assert EntityCount("Ali Vakili", "PERSON", 2) in entities
