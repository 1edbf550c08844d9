"""Which language a text is in (py3langid ships its model in the wheel: no download)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid  # loads its model once per process

    return py3langid


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code for the text's language, or None for text too short to tell."""
    sample = text[:4000]
    if len(sample.split()) < 3 and len(sample) < 20:
        return None
    language, _score = _identifier().classify(sample)
    return str(language)
