"""The synthetic news corpus (tests/support/corpus.py): deterministic, realistic sizes, and ground truth that is really
in the pages."""

from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.support.corpus import (
    MAX_BODY_WORDS,
    MIN_BODY_WORDS,
    GeneratedPage,
    generate_html_pages,
    generate_text_articles,
    write_corpus,
)

PAGES = 12


@pytest.fixture(scope="module")
def pages() -> list[GeneratedPage]:
    return generate_html_pages(PAGES, seed=7)


def test_same_seed_gives_identical_pages_and_articles(pages: list[GeneratedPage]) -> None:
    assert generate_html_pages(PAGES, seed=7) == pages
    assert generate_text_articles(5, seed=7) == generate_text_articles(5, seed=7)


def test_different_seed_gives_different_output(pages: list[GeneratedPage]) -> None:
    others = generate_html_pages(PAGES, seed=8)
    assert all(a.html != b.html for a, b in zip(pages, others, strict=True))
    assert generate_text_articles(5, seed=7) != generate_text_articles(5, seed=8)


def test_page_i_does_not_depend_on_how_many_pages_are_asked_for(pages: list[GeneratedPage]) -> None:
    assert generate_html_pages(3, seed=7) == pages[:3]


def test_page_sizes_are_those_of_real_news_pages(pages: list[GeneratedPage]) -> None:
    for page in pages:
        assert 50_000 <= len(page.html.encode("utf-8")) <= 250_000, page.name


def test_body_word_counts_are_in_range(pages: list[GeneratedPage]) -> None:
    for page in pages:
        words = sum(len(paragraph.split()) for paragraph in page.body_paragraphs)
        assert MIN_BODY_WORDS <= words <= MAX_BODY_WORDS, page.name


def test_ground_truth_is_what_the_page_shows(pages: list[GeneratedPage]) -> None:
    for page in pages:
        tree = lxml_html.fromstring(page.html)
        shown_paragraphs = {" ".join(p.text_content().split()) for p in tree.iter("p")}
        for paragraph in page.body_paragraphs:
            assert paragraph in shown_paragraphs, (page.name, paragraph[:60])
        for comment in page.comments:
            assert comment in shown_paragraphs, (page.name, comment[:60])
        assert tree.findtext(".//h1").strip() == page.title
        canonical = tree.xpath("//link[@rel='canonical']/@href")[0]
        assert page.url.endswith(canonical)  # one outlet writes its canonical link as a path
        assert page.published in page.html and page.site in page.url
        assert page.author.split(" and ")[0] in page.html


def test_pages_have_the_boilerplate_extractors_must_skip(pages: list[GeneratedPage]) -> None:
    for page in pages:
        assert page.html.count("<script") >= 5
        assert '"@type": "NewsArticle"' in page.html
        assert len(page.comments) >= 3
    assert len({page.html[page.html.index("<body") : page.html.index("<body") + 40] for page in pages}) > 1


def test_text_articles_look_like_the_seed_files() -> None:
    articles = generate_text_articles(8, seed=3)
    for name, text in articles:
        assert name.endswith(".txt") and len(name.split("_")[1]) == len("2fe5d32d2245608e.txt")
        title, _, rest = text.partition("\n")
        assert title and rest
        paragraphs = [block for block in text.split("\n\n") if len(block.split()) > 30]
        assert len(paragraphs) >= 3


def test_write_corpus_writes_every_file(tmp_path: Path) -> None:
    truth = tmp_path / "truth.jsonl"
    written = write_corpus(tmp_path / "corpus", n_html=2, n_text=2, seed=1, truth_path=truth)
    assert [path.suffix for path in written] == [".html", ".html", ".txt", ".txt"]
    assert all(path.stat().st_size > 0 for path in written)
    assert len(truth.read_text(encoding="utf-8").splitlines()) == 2
