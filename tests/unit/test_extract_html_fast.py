"""trafilatura's fast mode first, its full cascade only for short results; metadata only for the stored fields."""

from __future__ import annotations

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from tests.support.corpus import generate_html_page
from tests.support.real_corpus import CORPUS_TARBALL, real_pages, unpack_real_corpus
from worker.pipeline import extract_html as module
from worker.pipeline.extract_html import FULL_EXTRACTION_BELOW_CHARS, extract_main_text, stored_metadata

SENTENCE = "The council met in the town hall on Tuesday to approve the budget for the coming year. "


def article_page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        "<html lang='en'><head><title>Budget passes</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Budget passes</h1>{body}</article><footer>Contact us</footer></body></html>"
    )


def test_a_long_article_is_extracted_in_fast_mode_alone() -> None:
    page = generate_html_page(3, seed=5).html
    extraction = extract_main_text(load_html(page))
    assert extraction is not None and len(extraction.text) >= FULL_EXTRACTION_BELOW_CHARS
    assert extraction.full_cascade is False
    assert extraction.text == trafilatura.bare_extraction(page, fast=True, **module.TRAFILATURA_OPTIONS).text


def test_a_short_result_is_extracted_again_with_the_full_cascade() -> None:
    page = article_page([SENTENCE * 3])
    extraction = extract_main_text(load_html(page))
    assert extraction is not None and len(extraction.text) < FULL_EXTRACTION_BELOW_CHARS
    assert extraction.full_cascade is True
    assert extraction.text == trafilatura.bare_extraction(page, **module.TRAFILATURA_OPTIONS).text


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=400),
        min_size=0,
        max_size=12,
    )
)
def test_extraction_leaves_the_tree_alone_and_falls_back_only_when_short(paragraphs: list[str]) -> None:
    tree = load_html(article_page([SENTENCE, *paragraphs]))
    assert tree is not None
    before = lxml_html.tostring(tree)
    extraction = extract_main_text(tree)
    assert lxml_html.tostring(tree) == before  # both passes and the metadata share one parsed tree
    if extraction is not None:
        assert extraction.text.strip()
        if not extraction.full_cascade:
            assert len(extraction.text) >= FULL_EXTRACTION_BELOW_CHARS


@pytest.fixture(scope="module")
def some_real_pages() -> list:
    if not CORPUS_TARBALL.resolve().is_file():
        pytest.skip(f"the real corpus is absent: no {CORPUS_TARBALL.resolve()}")
    return real_pages(unpack_real_corpus())[::25]


def test_stored_metadata_matches_trafilaturas_on_real_pages(some_real_pages: list) -> None:
    """The fields the worker stores are those trafilatura's own extract_metadata finds (guards an upgrade)."""
    compared = 0
    for page in some_real_pages:
        tree = load_html(page.path.read_bytes())
        if tree is None:
            continue
        ours = stored_metadata(tree)
        theirs = extract_metadata(load_html(page.path.read_bytes()))
        fields = ("title", "author", "url", "hostname", "date", "sitename")
        assert [getattr(ours, name) for name in fields] == [getattr(theirs, name) for name in fields], page.path.name
        compared += 1
    assert compared >= 30
