"""Small helpers the built-in tagger's unit tests share: what a text's entities are, by name and type or by the
gazetteer identity they were found under, with all rules or one switched off."""

from __future__ import annotations

from worker.pipeline.entities import EntityCount
from worker.pipeline.entities.builtin import BuiltinTagger


def names(entities: list[EntityCount]) -> dict[str, str]:
    return {e.name: e.type for e in entities}


def german(tagger: BuiltinTagger, text: str) -> dict[str, str]:
    return names(tagger.tag(text, language="de"))


def english(tagger: BuiltinTagger, text: str, title: str | None = None) -> dict[str, str]:
    return names(tagger.tag(text, title=title, language="en"))


def keys(tagger: BuiltinTagger, text: str, language: str) -> dict[str, str | None]:
    """Each entity's name and the gazetteer identity it was found under (None for a name the gazetteer lacks)."""
    return {e.name: e.known_key for e in tagger.tag(text, language=language)}


def without(*rules: str) -> BuiltinTagger:
    return BuiltinTagger(disabled_rules=frozenset(rules))
