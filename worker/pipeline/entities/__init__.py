"""Named entities of an article: who, which organisations, places, groups, facilities and events it names.

Two backends share one interface: the built-in tagger (gazetteer plus context rules, the default) and a
spaCy pipeline, used when the settings name one that is installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")  # OntoNotes labels we keep


@dataclass(frozen=True)
class EntityCount:
    """One distinct entity of a document."""

    name: str  # canonical form: the fullest surface form in the article ("Ali Khamenei", not "Khamenei")
    type: str  # OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT
    count: int  # mentions in the text (aliases included)


class EntityTagger(Protocol):
    backend: str  # recorded per article, e.g. "builtin-1" or "spacy:en_core_web_md"

    def tag(self, text: str, title: str | None = None) -> list[EntityCount]: ...


class TaggerUnavailable(Exception):
    """The configured spaCy pipeline cannot be loaded (spaCy missing, or no such package or path)."""


def load_tagger(spacy_model: str | None = None) -> EntityTagger:
    """Builtin tagger when spacy_model is None/empty; else a spaCy pipeline by name or path (clear error if not installed)."""
    if spacy_model and spacy_model.strip():
        from worker.pipeline.entities.spacy_backend import SpacyTagger

        return SpacyTagger.load(spacy_model.strip())
    from worker.pipeline.entities.builtin import BuiltinTagger

    return BuiltinTagger()


__all__ = ["ENTITY_TYPES", "EntityCount", "EntityTagger", "TaggerUnavailable", "load_tagger"]
