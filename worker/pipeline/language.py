"""Which language a text is in (py3langid ships its model in the wheel: no download)."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

# A page's declared language (<html lang>) is overruled only by a detection this sure on this much text. On the
# real corpus 38 of 990 pages declare another language than they are written in (mostly a template's "en" on
# German, Spanish, French and Bengali pages). py3langid is near-certain on any text of this length, so the
# length is what keeps a short or mixed text with its declared language.
OVERRULE_PROBABILITY = 0.95
OVERRULE_MIN_WORDS = 40


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid  # loads its model once per process

    return py3langid


def _sample(text: str) -> str | None:
    """The part of the text a language is told from, or None when it is too short to tell."""
    sample = text[:4000]
    return None if len(sample.split()) < 3 and len(sample) < 20 else sample


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code for the text's language, or None for text too short to tell."""
    sample = _sample(text)
    if sample is None:
        return None
    language, _score = _identifier().classify(sample)
    return str(language)


def language_probability(text: str) -> tuple[str | None, float]:
    """The most likely language of the text and its probability among the model's languages (0.0 when too
    short to tell): py3langid's scores are log-probabilities, normalised here."""
    sample = _sample(text)
    if sample is None:
        return None, 0.0
    ranked = _identifier().rank(sample)
    best_language, best = ranked[0]
    total = sum(math.exp(score - best) for _language, score in ranked)
    return str(best_language), 1.0 / total


def article_language(declared: str | None, text: str) -> str | None:
    """The language to file and tag an article under: the page's declared one unless the text is, beyond doubt,
    in another (a site template's lang="en" on a German article would have it tagged with English rules)."""
    if not declared:
        return detect_language(text)
    if len(text.split()) < OVERRULE_MIN_WORDS:
        return declared
    detected, probability = language_probability(text)
    if detected is not None and detected != declared and probability >= OVERRULE_PROBABILITY:
        return detected
    return declared
