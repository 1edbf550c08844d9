from worker.pipeline.extract_html import extract_html, head_meta, page_canonical_link

BODY = "<p>" + "The council met in the town hall to approve the budget for the coming year. " * 8 + "</p>"


def page(head: str) -> str:
    return f"<html lang='en'><head><title>Budget passes - Example Times</title>{head}</head><body><article><h1>Budget passes</h1>{BODY}</article></body></html>"


def test_canonical_link_wins_over_tracking_og_url() -> None:
    html = page(
        '<meta property="og:url" content="https://example.com/news/budget?utm_source=rss&amp;utm_medium=feed">'
        '<link href="/news/budget" rel="canonical"><meta property="og:site_name" content="Example Times">'
    )
    assert page_canonical_link(html) == "https://example.com/news/budget"
    document = extract_html(html)
    assert document.url == "https://example.com/news/budget"
    assert document.site == "Example Times"
    assert document.title == "Budget passes"
    assert not document.text.startswith("Budget passes")  # the <h1> is the title, not body text


def test_relative_canonical_without_base_is_ignored() -> None:
    assert page_canonical_link(page('<link rel="canonical" href="/only/relative">')) is None
    assert head_meta(page('<meta name="author" content="Jane Doe">'), "author") == "Jane Doe"
