"""Small helpers the built-in tagger's unit tests share: what a text's entities are, by name and type, with all
rules or one switched off."""

from __future__ import annotations

from worker.pipeline.entities import EntityCount
from worker.pipeline.entities.builtin import BuiltinTagger


def names(entities: list[EntityCount]) -> dict[str, str]:
    return {e.name: e.type for e in entities}


def german(tagger: BuiltinTagger, text: str) -> dict[str, str]:
    return names(tagger.tag(text, language="de"))


def english(tagger: BuiltinTagger, text: str, title: str | None = None) -> dict[str, str]:
    return names(tagger.tag(text, title=title, language="en"))


def without(rule: str) -> BuiltinTagger:
    return BuiltinTagger(disabled_rules=frozenset({rule}))
