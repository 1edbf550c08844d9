"""The tokenizer's shortcut past the regex finds the same strings as the regex itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.entities.builtin import TOKEN, _token_strings


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
