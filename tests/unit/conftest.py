"""Fixtures shared by the unit tests."""

from __future__ import annotations

import pytest

from worker.pipeline.entities import load_tagger
from worker.pipeline.entities.builtin import BuiltinTagger


@pytest.fixture(scope="module")
def tagger() -> BuiltinTagger:
    """The tagger `load_tagger()` gives by default (the built-in one), made once per test module."""
    built = load_tagger()
    assert isinstance(built, BuiltinTagger)
    return built
