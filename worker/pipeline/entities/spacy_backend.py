"""A spaCy pipeline as the entity tagger, for deployments that install one (by package name or path).

spaCy's OntoNotes labels are kept for our seven types and the rest (DATE, CARDINAL, MONEY...) dropped.
Mentions are grouped like the built-in tagger does: a one-word mention that ends or starts a longer
name of the same type in the article is counted with it ("Khamenei" with "Ali Khamenei").
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from worker.pipeline.entities import ENTITY_TYPES, EntityCount, TaggerUnavailable

LABELS = {label: label for label in ENTITY_TYPES}
# Older or custom pipelines sometimes use the CoNLL label set.
LABELS.update({"PER": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "GPE", "MISC": ""})
MAX_CHARS = 1_000_000  # spaCy's own default limit; longer texts are cut rather than refused
LEADING_WORDS = ("the ", "The ")
POSSESSIVE_ENDINGS = ("'s", "’s")


class SpacyTagger:
    """Entities from a loaded spaCy `Language`; `backend` names the pipeline, e.g. "spacy:en_core_web_md"."""

    def __init__(self, nlp: Any, name: str) -> None:
        self.nlp = nlp
        self.backend = f"spacy:{name}"
        self.language = str(getattr(nlp, "lang", "") or "")  # "xx" for spaCy's multi-language pipelines

    def supports(self, language: str | None) -> bool:
        """The pipeline's own language (and text whose language is unknown); "xx" pipelines take any."""
        return language is None or self.language in ("xx", language)

    @classmethod
    def load(cls, model: str) -> SpacyTagger:
        """Load an installed pipeline by package name or directory; TaggerUnavailable says why it cannot be."""
        try:
            import spacy
        except ImportError as error:
            raise TaggerUnavailable(
                f"spaCy model {model!r} is configured but spaCy is not installed (pip install spacy)"
            ) from error
        try:
            nlp = spacy.load(model, exclude=["lemmatizer", "textcat"])
        except OSError as error:
            raise TaggerUnavailable(
                f"spaCy model {model!r} cannot be loaded: not an installed package or a pipeline directory ({error})"
            ) from error
        if "ner" not in nlp.pipe_names and "entity_ruler" not in nlp.pipe_names:
            raise TaggerUnavailable(f"spaCy model {model!r} has no entity recogniser (pipes: {nlp.pipe_names})")
        name = Path(model).name if Path(model).exists() else model
        return cls(nlp, name)

    def tag(self, text: str, title: str | None = None, language: str | None = None) -> list[EntityCount]:
        """Distinct entities of our seven types in the title and text, most mentioned first (the pipeline
        reads every text in its own language; `language` is accepted for the common interface)."""
        content = f"{title}\n\n{text}" if title else text
        doc = self.nlp(content[:MAX_CHARS])
        mentions = [(clean_name(ent.text), LABELS.get(ent.label_, "")) for ent in doc.ents]
        return group_mentions([(name, kind) for name, kind in mentions if name and kind])


def clean_name(text: str) -> str:
    """The name without a leading article, a possessive or line breaks: "the Kremlin's" -> "Kremlin"."""
    name = " ".join(text.split())
    for word in LEADING_WORDS:
        name = name.removeprefix(word)
    for ending in POSSESSIVE_ENDINGS:
        name = name.removesuffix(ending)
    return name.strip(" \"'“”‘’.,;:")


def group_mentions(mentions: list[tuple[str, str]]) -> list[EntityCount]:
    """Count mentions per (name, type), folding a one-word name into the single longer name it ends or starts."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for name, kind in mentions:
        counts[(name, kind)] += 1
    long_names: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for name, kind in counts:
        words = name.split()
        if len(words) > 1:
            long_names[(words[-1], kind)].append((name, kind))
            long_names[(words[0], kind)].append((name, kind))
    merged: dict[tuple[str, str], int] = defaultdict(int)
    for (name, kind), count in counts.items():
        targets = set(long_names.get((name, kind), [])) if " " not in name else set()
        target = targets.pop() if len(targets) == 1 else (name, kind)
        merged[target] += count
    # One type per name: a name spaCy labels two ways keeps its most frequent label.
    by_name: dict[str, tuple[str, int]] = {}
    totals: dict[str, int] = defaultdict(int)
    for (name, kind), count in merged.items():
        totals[name] += count
        if name not in by_name or count > by_name[name][1]:
            by_name[name] = (kind, count)
    entities = [EntityCount(name=name, type=by_name[name][0], count=totals[name]) for name in by_name]
    return sorted(entities, key=lambda e: (-e.count, e.name))
