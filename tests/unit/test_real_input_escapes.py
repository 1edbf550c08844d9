"""Inputs from issue 10 §1b and §2 that escaped the pipeline as exceptions, or were stored with markup as title.

Each was reproduced before its fix: a bad URL in a header (ValueError from urllib), a declared charset
of "undefined" (a bare UnicodeError), wide encodings refused as binary, and a redirect stub stored as
an article titled `<script>...`.
"""

from __future__ import annotations

import codecs

import pytest

from worker.errors import EmptyInputError, IngestError, UnsupportedInputError
from worker.feeds import FeedListError, check_feed_url, specs_from_opml
from worker.pipeline.decode import declared_charset, decode_text, text_codec, unmarked_wide_encoding
from worker.pipeline.document import SourceInfo
from worker.pipeline.extract import extract_documents, finish_document, sane_title
from worker.pipeline.extract_text import extract_plain_text
from worker.pipeline.feeds import InvalidOPMLError, check_xml_safety, clean_http_url, parse_feed, parse_opml
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
    assert clean_http_url(bad_url) is None


def test_bad_xml_url_in_opml_skips_that_outline() -> None:
    raw = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline xmlUrl="http://[::1/feed"/><outline xmlUrl="http://example.com:99999/feed"/>'
        b'<outline xmlUrl="https://example.org/feed.xml" title="Good"/></body></opml>'
    )
    assert [spec.url for spec in specs_from_opml(raw)] == ["https://example.org/feed.xml"]


def test_xml_declaring_encoding_undefined_that_cannot_be_decoded_is_not_a_crash() -> None:
    raw = b'<?xml version="1.0" encoding="undefined"?><rss><channel><item><title>\xff\xfe\x00\x01'
    check_xml_safety(raw)
    parsed = parse_feed(raw)  # no new exception for the poller to meet: no entries, and the problem said
    assert not parsed.entries and parsed.problem
    with pytest.raises(IngestError):  # rejected with a reason, whichever stage says it
        extract_documents(raw, TEXT_FILE)
    with pytest.raises(InvalidOPMLError):
        parse_opml(raw.replace(b"<rss>", b"<opml>"))


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


def test_text_whose_first_line_is_markup_gets_no_markup_title() -> None:
    document = finish_document(extract_plain_text(f"<em>Breaking</em> news\n\n{BODY}"))
    assert document.title == "Breaking news"
    document = finish_document(extract_plain_text(f"<em></em>\n\n{BODY}"))
    assert document.title is None


# --- text lost against bare trafilatura on the real corpus (docs/extraction.md) ----------------------------


def test_legacy_page_with_a_stray_utf8_sequence_uses_its_declared_charset() -> None:
    # mix1.de: ISO-8859-1 umlauts throughout, one UTF-8 "›" in the navigation; was stored with U+FFFD umlauts.
    body = "Zuvor hatte die Sängerin und Songschreiberin ihre eigene Plattenfirma gegründet. " * 3
    raw = (
        b'<html><head><meta charset="iso-8859-1"><title>Album</title></head><body><nav>'
        + "Home › Genre".encode()
        + f"</nav><article><p>{body}</p></article></body></html>".encode("latin-1")
    )
    text, encoding = decode_text(raw, declared_charset(raw))
    assert encoding == "iso8859-1"
    [document] = extract_documents(raw, HTML_FILE)
    assert "Sängerin" in document.text and "\ufffd" not in document.text


def test_utf8_page_with_a_few_broken_bytes_stays_utf8() -> None:
    raw = ("Überschrift\n\n" + "Grüße aus Köln, schön war's. " * 20).encode() + b"\xff\xfe broken"
    text, encoding = decode_text(raw, "iso8859-1")
    assert encoding == "utf-8" and "Grüße" in text


def test_stored_text_is_nfc() -> None:
    # adac.de and a Bengali news page carry decomposed letters; bare trafilatura returns them composed.
    decomposed = "Besonders bei Babyschalen sollte gepru\u0308ft werden. " * 5
    [document] = extract_documents(f"Kindersitze\n\n{decomposed}".encode(), TEXT_FILE)
    assert "geprüft" in document.text and "\u0308" not in document.text


def test_page_opening_with_php_warnings_is_html() -> None:
    # colours-of-the-soul.alhelm.net: over 4 KB of "<br />\n<b>Deprecated</b>: ..." before <html>.
    warnings = "<br />\n<b>Deprecated</b>:  Assigning the return value of new by reference is deprecated<br />\n" * 60
    raw = (warnings + _page("")).encode()
    assert sniff_kind(raw, "page.html") == "html"
    [document] = extract_documents(raw, HTML_FILE)
    assert "<b>" not in document.text and "bike lane" in document.text


@pytest.mark.parametrize(
    "channel_extra",
    [
        b"<image><url>https://riverton.example/logo.png</url></height></image>",  # an orphan end tag
        b"<image></width></image>",
        b'<image><url>x</url></image><description>a <height="20" /> tag</description>',  # found by tests/fuzz
    ],
    ids=["orphan-height", "orphan-width", "height-as-tag-name"],
)
def test_stray_image_size_tags_do_not_crash_feedparser(channel_extra: bytes) -> None:
    # feedparser's lenient parser reached int(None) on these (TypeError): the feed lost every entry and
    # the exception escaped the task.
    raw = (
        b'<rss version="2.0"><channel><title>Gazette</title>' + channel_extra + b"<item><title>Bike lane vote</title>"
        b"<description>" + BODY.encode() + b"</description></item></channel></rss>"
    )
    parsed = parse_feed(raw)
    assert [entry.title for entry in parsed.entries] == ["Bike lane vote"]
