"""Named entities of an article: who, which organisations, places, groups, facilities and events it names.

Two backends share one interface: the built-in tagger (gazetteer plus context rules, the default) and a
spaCy pipeline, used when the settings name one that is installed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

# OntoNotes labels we keep; PRODUCT covers products and works (cars, devices, films), so that unknown names of
# things are not typed as people.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT")


@dataclass(frozen=True)
class EntityCount:
    """One distinct entity of a document."""

    name: str  # canonical form: the fullest surface form in the article ("Ali Khamenei", not "Khamenei")
    type: str  # OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT
    count: int  # mentions in the text (aliases included)
    # Equality is name, type and count: what the article says; the fields below are how it is stored.
    # The gazetteer's identity when the name is a known one ("country:US" for "U.S." and "America"): the same
    # thing in every article, whichever spelling each one used. None for names the gazetteer does not know.
    known_key: str | None = field(default=None, compare=False)
    # The other forms this article used for it: "U.S.", "Khamenei" (a short form met with the full name).
    aliases: tuple[str, ...] = field(default=(), compare=False)


class EntityTagger(Protocol):
    backend: str  # recorded per article, e.g. "builtin-1" or "spacy:en_core_web_md"

    def supports(self, language: str | None) -> bool:
        """Whether text in this language (ISO 639-1, None when unknown) can be tagged."""
        ...

    def tag(self, text: str, title: str | None = None, language: str | None = None) -> list[EntityCount]: ...


def primary_language(language: str | None) -> str | None:
    """The primary subtag, lowercase: "en-US" -> "en", "" -> None."""
    if not language:
        return None
    primary = language.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary or None


def untagged_reason(tagger: EntityTagger, language: str | None) -> str | None:
    """Why an article in this language gets no entities, or None when the tagger reads its language."""
    primary = primary_language(language)
    supports = getattr(tagger, "supports", None)  # a plug-in tagger without it reads every language it is given
    if supports is None or supports(primary):
        return None
    return f"no tagger for language {primary}"


def tag_in_its_language(
    tagger: EntityTagger, text: str, title: str | None, language: str | None
) -> tuple[list[EntityCount], str | None]:
    """An article's entities and, when its language is one the tagger does not read, why it has none (English
    rules on German nouns filled the shared table with "Woche")."""
    unread = untagged_reason(tagger, language)
    if unread is not None:
        return [], unread
    return tagger.tag(text, title=title, language=primary_language(language)), None


class TaggerUnavailable(Exception):
    """The configured spaCy pipeline cannot be loaded (spaCy missing, or no such package or path)."""


def load_tagger(spacy_model: str | None = None) -> EntityTagger:
    """Builtin tagger when spacy_model is None/empty; else a spaCy pipeline by name or path (clear error if not installed)."""
    if spacy_model and spacy_model.strip():
        from worker.pipeline.entities.spacy_backend import SpacyTagger

        return SpacyTagger.load(spacy_model.strip())
    from worker.pipeline.entities.builtin import BuiltinTagger

    return BuiltinTagger()


__all__ = [
    "ENTITY_TYPES",
    "EntityCount",
    "EntityTagger",
    "TaggerUnavailable",
    "load_tagger",
    "primary_language",
    "untagged_reason",
]
