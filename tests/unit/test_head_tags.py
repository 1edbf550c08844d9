"""The head-tag scan is linear (issue 15 §10): unterminated `<meta ` openings cost one pass, not one pass each."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worker.pipeline import extract_html
from worker.pipeline.extract_html import head_meta, head_tag_texts, page_canonical_link

REFERENCE = re.compile(r"<(?:link|meta)\b[^<>]*>", re.IGNORECASE)  # the same tags, found the quadratic way


class CountingPattern:
    """Wraps a compiled pattern and adds up how many characters each search could examine (pos to the match)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.examined = 0

    def search(self, text: str, pos: int = 0) -> Any:
        found = self.pattern.search(text, pos)
        self.examined += (found.end() if found else len(text)) - pos
        return found


@pytest.mark.parametrize("openings", [1_000, 20_000])
def test_unterminated_openings_are_scanned_once(monkeypatch: pytest.MonkeyPatch, openings: int) -> None:
    starts = CountingPattern(extract_html.TAG_START)
    ends = CountingPattern(extract_html.TAG_END)
    monkeypatch.setattr(extract_html, "TAG_START", starts)
    monkeypatch.setattr(extract_html, "TAG_END", ends)
    head = "<meta " * openings + '<meta name="og:site_name" content="Site">'
    assert list(head_tag_texts(head)) == ['<meta name="og:site_name" content="Site">']
    # Linear: every character is examined at most once by each pattern (a quadratic scan is ~openings/2 times).
    assert starts.examined <= len(head) and ends.examined <= len(head)


def test_no_closing_bracket_at_all_is_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    ends = CountingPattern(extract_html.TAG_END)
    monkeypatch.setattr(extract_html, "TAG_END", ends)
    head = "<meta " + "x" * 50_000 + "<meta " * 5_000
    assert list(head_tag_texts(head)) == []
    assert ends.examined <= len(head)


@given(st.text(alphabet=st.sampled_from(list("<>meta link =\"'/Xx")), max_size=200))
def test_finds_what_the_plain_regex_finds(text: str) -> None:
    assert list(head_tag_texts(text)) == REFERENCE.findall(text)


def test_tags_after_junk_are_still_read() -> None:
    page = (
        "<html><head>" + "<meta " * 500 + '<META property="og:site_name" content="The Courier">'
        '<link rel="canonical" href="/story"><meta property="og:url" content="https://courier.example/x?utm=1">'
        "</head><body></body></html>"
    )
    assert head_meta(page, "og:site_name") == "The Courier"
    assert page_canonical_link(page) == "https://courier.example/story"


@given(st.text(alphabet=st.sampled_from(list('<>ab /="')), max_size=200))
def test_feed_fragment_text_drops_tags_like_before_where_tags_hold_no_angle_bracket(text: str) -> None:
    """html_text's tag pattern stops at the next "<", so unclosed "<"s cost one pass; closed tags go as before."""
    from worker.pipeline.feeds import html_text

    if "<" not in re.sub(r"<[^<>]*>", "", text):  # every "<" opens a tag closed before the next "<"
        assert html_text(text) == re.sub(r"<[^>]*>", " ", text)
