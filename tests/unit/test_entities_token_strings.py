"""Shortcuts taken for speed in the tokenizer and the line tests give the answers of the plain definitions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.entities.builtin import TOKEN, _is_all_caps, _token_strings, tokenize


@pytest.mark.parametrize(
    "line",
    [
        "The U.S.-based firm's CEO, Jane Roe, said: “We’re fine.”",
        "Österreichs Skiverband (ÖSV) und die Grünen\u00a0in Zürich — 3,5 Mio. Euro",
        "  leading and trailing\tspaces\x1cand\u2028separators  ",
        "中文 text, ½ and ² and Ⅻ, under_score & AT&T, x-ray U.S.S.R.",
        "",
    ],
)
def test_token_strings_are_the_regex_tokens(line: str) -> None:
    assert _token_strings(line) == TOKEN.findall(line)


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_token_strings_agree_with_the_regex_on_any_text(line: str) -> None:
    assert _token_strings(line) == TOKEN.findall(line)


def all_caps_by_definition(line: str) -> bool:
    """At least three words of two letters or more, and four in five of them in capitals."""
    words = [t.text for t in tokenize(line) if t.kind == "word" and len(t.text) > 1]
    return len(words) >= 3 and sum(map(str.isupper, words)) >= 0.8 * len(words)


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(["NATO", "US", "Says", "and", "a", "I", "EU", "X1", ",", "-", "2024", "U.S."]), max_size=30
    )
)
def test_all_caps_stops_early_with_the_same_answer(words: list[str]) -> None:
    line = " ".join(words)
    assert _is_all_caps(tokenize(line)) == all_caps_by_definition(line)
