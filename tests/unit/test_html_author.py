"""page_author finds what trafilatura's extract_author finds, without copying the tree."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html

from tests.support.real_corpus import CORPUS_TARBALL, real_pages, unpack_real_corpus
from worker.pipeline.html_author import page_author

BODY = "<p>The council met in the town hall on Tuesday to approve the budget for the coming year.</p>"


def page(byline: str) -> str:
    return f"<html><head><title>Budget</title></head><body><article>{byline}{BODY}</article></body></html>"


BYLINES = {
    "specific class": "<span class='author-name'>Jane Doe</span>",
    "rel author": "<a rel='author' href='/jane'>Jane Doe</a>",
    "a child rel element": "<div>Jane Doe<rel>me</rel></div>",
    "an author element": "<author>Jane Doe</author>",
    "generic id": "<p id='zuozhe-box'>Li Wei</p>",
    "generic class only for the almost generic tags": "<h4 class='posted-by'>Jane Doe</h4>",
    "last resort on any element": "<section class='Byline'>By Jane Doe</section>",
    "data-component": "<section data-component='ByLine Byline'>Jane Doe</section>",
    "too short, then the next candidate": "<span class='author'>JD</span><p class='byline'>Jane Doe</p>",
    "too long": "<span class='author'>" + "Jane Doe " * 20 + "</span>",
    "inside a pruned comment list": "<div id='comments'><span class='author'>A Commenter</span></div>",
    "itself pruned": "<span class='author print'>Jane Doe</span><div class='writer'>John Roe</div>",
    "a pruned date inside the byline": "<div class='byline'>By Jane Doe<time>May 4</time>, Berlin</div>",
    "a pruned figure between words": "<p class='author'>Jane<figure>x</figure>Doe</p>",
    "nothing": "<p>No byline here.</p>",
}


@pytest.mark.parametrize("byline", BYLINES.values(), ids=BYLINES.keys())
def test_page_author_is_extract_authors_result(byline: str) -> None:
    tree = load_html(page(byline))
    before = lxml_html.tostring(tree)
    assert page_author(tree) == extract_author(load_html(page(byline)))
    assert lxml_html.tostring(tree) == before


def test_a_byline_is_found_and_cleaned() -> None:
    assert page_author(load_html(page("<span class='author-name'>by jane doe</span>"))) == "Jane Doe"


@pytest.fixture(scope="module")
def real_trees() -> list:
    if not CORPUS_TARBALL.resolve().is_file():
        pytest.skip(f"the real corpus is absent: no {CORPUS_TARBALL.resolve()}")
    trees = [(page.path.name, load_html(page.path.read_bytes())) for page in real_pages(unpack_real_corpus())[::3]]
    return [(name, tree) for name, tree in trees if tree is not None]


def test_page_author_is_extract_authors_result_on_real_pages(real_trees: list) -> None:
    """Guards a trafilatura upgrade: its author expressions are copied here as predicates."""
    found = 0
    for name, tree in real_trees:
        ours = page_author(tree)
        assert ours == extract_author(tree), name
        found += ours is not None
    assert len(real_trees) >= 300 and found >= 50
