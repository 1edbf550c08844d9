"""Inputs from issue 10 §1b and §2 that escaped the pipeline as exceptions, or were stored with markup as title.

Each was reproduced before its fix: a bad URL in a header (ValueError from urllib), a declared charset
of "undefined" (a bare UnicodeError), wide encodings refused as binary, and a redirect stub stored as
an article titled `<script>...`.
"""

from __future__ import annotations

import codecs

import pytest

from worker.errors import EmptyInputError, UnsupportedInputError
from worker.feeds import FeedListError, check_feed_url, specs_from_opml
from worker.pipeline.decode import declared_charset, decode_text, text_codec, unmarked_wide_encoding
from worker.pipeline.document import SourceInfo
from worker.pipeline.extract import extract_documents, sane_title
from worker.pipeline.feeds import canonical_link, parse_feed
from worker.pipeline.fingerprint import canonical_url
from worker.pipeline.sniff import sniff_kind

BODY = "The council voted on Tuesday to widen the bike lane along the river road, after a long debate. " * 4
BAD_URLS = ["http://example.com:99999/story", "http://[::1/story"]  # "Port out of range", "Invalid IPv6 URL"
TEXT_FILE = SourceInfo(source="story.txt", kind="file")
HTML_FILE = SourceInfo(source="story.html", kind="file")


def _page(head: str, charset: str = "") -> str:
    return f"<html><head>{charset}<title>Bike lane vote</title>{head}</head><body><article><p>{BODY}</p></article></body></html>"


@pytest.mark.parametrize("bad_url", BAD_URLS)
def test_bad_url_in_a_text_header_is_dropped(bad_url: str) -> None:
    raw = f"Bike lane vote\nURL: {bad_url}\n\n{BODY}\n".encode()
    [document] = extract_documents(raw, TEXT_FILE)
    assert document.url is None
    assert document.title == "Bike lane vote"
    assert "URL:" not in document.text  # the header line is still read as a header, not body


@pytest.mark.parametrize("bad_url", BAD_URLS)
@pytest.mark.parametrize(
    "head",
    [
        '<link rel="canonical" href="{url}">',
        '<meta property="og:url" content="{url}">',
        '<meta property="og:url" content="{url}"><link rel="canonical" href="/story">',
    ],
)
def test_bad_url_in_html_head_is_dropped(head: str, bad_url: str) -> None:
    [document] = extract_documents(_page(head.format(url=bad_url)).encode(), HTML_FILE)
    assert document.url is None
    assert "bike lane" in document.text


@pytest.mark.parametrize("bad_url", BAD_URLS)
def test_bad_url_in_an_rss_link_is_dropped(bad_url: str) -> None:
    raw = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><link>{bad_url}</link>'
        f"<item><title>Bike lane vote</title><link>{bad_url}</link><description>{BODY}</description></item>"
        "</channel></rss>"
    ).encode()
    parsed = parse_feed(raw)
    assert parsed.site_url is None
    assert [entry.link for entry in parsed.entries] == [None]
    [document] = extract_documents(raw, TEXT_FILE)
    assert document.url is None and document.title == "Bike lane vote"


@pytest.mark.parametrize("bad_url", BAD_URLS)
def test_url_helpers_return_none_for_unparsable_urls(bad_url: str) -> None:
    assert canonical_url(bad_url) is None
    assert canonical_link(bad_url) is None


def test_bad_xml_url_in_opml_skips_that_outline() -> None:
    raw = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline xmlUrl="http://[::1/feed"/><outline xmlUrl="http://example.com:99999/feed"/>'
        b'<outline xmlUrl="https://example.org/feed.xml" title="Good"/></body></opml>'
    )
    assert [spec.url for spec in specs_from_opml(raw)] == ["https://example.org/feed.xml"]


def test_opml_of_only_bad_urls_is_refused_with_a_reason() -> None:
    with pytest.raises(FeedListError, match="holds no feed"):
        specs_from_opml(b'<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="http://[::1"/></body></opml>')


@pytest.mark.parametrize("bad_url", ["http://[::1", "http://[::1/feed", "http://example.com:99999/"])
def test_feeds_add_refuses_an_unparsable_url(bad_url: str) -> None:
    with pytest.raises(FeedListError, match="not a valid"):
        check_feed_url(bad_url)


# --- charsets -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["undefined", "base64", "zlib", "rot13", "no-such-charset", "utf\x008"])
def test_declared_charset_that_is_no_text_encoding_is_ignored(name: str) -> None:
    assert text_codec(name) is None


def test_text_codec_names_real_encodings() -> None:
    assert text_codec("latin1") == "iso8859-1"
    assert text_codec("Windows-1252") == "cp1252"


def test_html_declaring_charset_undefined_on_latin1_bytes() -> None:
    raw = _page("", charset='<meta charset="undefined">').replace("vote", "vot\xe9").encode("latin-1")
    assert declared_charset(raw) is None
    [document] = extract_documents(raw, HTML_FILE)
    assert "bike lane" in document.text


def test_decode_text_survives_a_declared_undefined_codec() -> None:
    text, _encoding = decode_text("caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve".encode("latin-1"), "undefined")
    assert "café" in text


def test_xml_declaring_encoding_undefined_on_latin1_bytes() -> None:
    raw = (
        "<?xml version='1.0' encoding='undefined'?><rss version='2.0'><channel><title>Caf\xe9</title>"
        f"<item><title>Bike lane vote</title><description>{BODY} caf\xe9</description></item></channel></rss>"
    ).encode("latin-1")
    parsed = parse_feed(raw)
    assert parsed.title == "Café"
    assert len(extract_documents(raw, TEXT_FILE)) == 1


# --- wide encodings -----------------------------------------------------------------------------------

ARTICLE = f"Bike lane vote\n\n{BODY}\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + ARTICLE.encode("utf-32-be"), "utf-32"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("utf-32-le"), "utf-32-le"),
        (ARTICLE.encode("utf-32-be"), "utf-32-be"),
    ],
    ids=["utf-32-le-bom", "utf-32-be-bom", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_wide_encodings_are_text_not_binary(raw: bytes, encoding: str) -> None:
    assert sniff_kind(raw, "story.txt") == "text"
    text, used = decode_text(raw)
    assert used == encoding
    assert text.lstrip("\ufeff") == ARTICLE
    [document] = extract_documents(raw, TEXT_FILE)
    assert document.title == "Bike lane vote"


def test_html_in_utf16_without_bom_is_html() -> None:
    assert sniff_kind(_page("").encode("utf-16-le"), "page") == "html"


@pytest.mark.parametrize(
    "raw",
    [b"Plain ASCII text with no NUL at all", bytes(range(256)) * 4, b"\x00\x01\x02\x03" * 64, b"A\x00B"],
    ids=["ascii", "all-bytes", "counting", "short"],
)
def test_unmarked_wide_encoding_is_not_claimed_for_other_bytes(raw: bytes) -> None:
    assert unmarked_wide_encoding(raw) is None


def test_binary_with_nuls_is_still_refused() -> None:
    with pytest.raises(UnsupportedInputError):
        sniff_kind(b"\x00\x01\x02\x03\x04\x05" * 200, "blob")


# --- pages that are not articles ------------------------------------------------------------------------

GOOGLE_REDIRECT = (
    b'<script>window.googleJavaScriptRedirect=1</script><META name="referrer" content="origin">'
    b"<script>var m={navigateTo:function(b,a,d){if(b!=a&&b.google){if(b.google.r){b.google.r=0;"
    b'b.location.href=d;a.location.replace("about:blank");}}else{a.location.replace(d);}}};'
    b'm.navigateTo(window.parent,window,"https://news.example.com/2019/10/story");\n</script>'
    b'<noscript><META http-equiv="refresh" content="0;URL=\'https://news.example.com/2019/10/story\'"></noscript>\n'
)


def test_google_redirect_stub_is_rejected_as_a_redirect() -> None:
    assert sniff_kind(GOOGLE_REDIRECT, "redirect.html") == "html"
    with pytest.raises(EmptyInputError, match=r"redirect page \(to https://news.example.com/2019/10/story\)"):
        extract_documents(GOOGLE_REDIRECT, HTML_FILE)


def test_bare_script_is_rejected_not_stored_with_markup_as_title() -> None:
    raw = b"<script>var greeting = 'hello world, this is a page with several words'; document.write(greeting);</script>"
    with pytest.raises(EmptyInputError):
        extract_documents(raw, TEXT_FILE)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("<script>window.googleJavaScriptRedirect = 1</script>", None),
        ("A <b>bold</b> plan", "A bold plan"),
        ("Profits < costs > zero", "Profits < costs > zero"),
        ("<style>p{}</style>", None),
        ("", None),
    ],
)
def test_sane_title_drops_markup(title: str, expected: str | None) -> None:
    assert sane_title(title) == expected


def test_text_file_whose_first_line_is_markup_gets_no_markup_title() -> None:
    raw = f"<b></b>\n\n{BODY}".encode()
    [document] = extract_documents(raw, TEXT_FILE)
    assert document.title is None or "<" not in document.title
