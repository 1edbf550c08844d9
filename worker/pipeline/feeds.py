"""Feed parsing: RSS 0.9x/1.0/2.0, Atom and RDF bytes in, a `ParsedFeed` of plain entries out; OPML lists too.

Pure: no network, no Celery. Documents that declare XML entities are refused before any parser expands them.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import re
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlunsplit
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

import defusedxml
import defusedxml.ElementTree
import feedparser
from courlan import clean_url

from worker.errors import IngestError, UnreadableInputError
from worker.pipeline.controls import strip_line_controls
from worker.pipeline.decode import BOMS, decode_text, text_codec
from worker.pipeline.fingerprint import split_url
from worker.pipeline.words import count_words
from worker.urls import url_problem

SNIFF_BYTES = 8192  # a feed's root element comes after at most an XML declaration, comments and a short DOCTYPE
FULL_CONTENT_MIN_WORDS = 150  # content this long is an article, whatever the summary says
SHORT_ARTICLE_MIN_WORDS = 50  # shorter content counts as full only when it is well beyond its summary
MAX_GUID_CHARS = 2000  # a longer GUID is hashed: an identity, not a payload

# XML 1.0 appendix F: how "<?" or "<" looks in UTF-16/32 without a byte order mark.
UNMARKED_WIDE_ENCODINGS = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)
XML_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
XML_DECLARATION_ENCODING_VALUE = re.compile(r"""^(<\?xml[^>]*?\bencoding\s*=\s*["'])([^"']*)(["'])""")
CHARSET_PARAMETER = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
PROLOGUE_ITEM = re.compile(
    r"""\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>"']|"[^"]*"|'[^']*')*(?:\[.*?\]\s*)?>)""",
    re.DOTALL | re.IGNORECASE,
)
ROOT_ELEMENT = re.compile(r"<\s*(?:[\w.-]+:)?(rss|feed|RDF)[\s/>]", re.IGNORECASE)
RSS1_MARKERS = re.compile(r"purl\.org/rss/1\.0|my\.netscape\.com/rdf|<(?:[\w.-]+:)?channel[\s>]", re.IGNORECASE)
TAG = re.compile(r"<[^<>]*>")  # not [^>]: each unclosed "<" would rescan the rest (quadratic)
# What feedparser reads as an image's size: on a malformed feed, a stray one crashes it (see parse_feed).
IMAGE_SIZE_MARKUP = re.compile(
    rb"<image[\s>].*?(?:</image\s*>|$)|</?(?:height|width)\b[^<>]*>", re.IGNORECASE | re.DOTALL
)
FEEDPARSER_CRASHES: tuple[type[Exception], ...] = (TypeError, ValueError, AttributeError, KeyError, IndexError)
# The start of an RSS <item> or Atom <entry>, with any namespace prefix (`<a:entry>`), counted in UTF-8.
ENTRY_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s/>]")


class UnsafeXMLError(IngestError):
    """The XML declares entities (expansion bombs, external files or URLs): refused before any parser expands them."""

    status_label = "unsafe-xml"


class InvalidOPMLError(IngestError, ValueError):
    """The OPML list is not well-formed XML or has no <opml> root; also a ValueError for callers that expect one."""


@dataclass(frozen=True)
class FeedEntry:
    entry_key: str  # GUID/id, else canonical link, else "sha256:" of title + content: stable identity per feed
    title: str | None
    link: str | None  # canonical (tracking parameters and fragment dropped, host normalized); http(s) only
    authors: list[str]
    published_at: datetime | None  # timezone-aware UTC
    content_html: str | None  # full content (content:encoded, Atom content) if present, sanitized by feedparser
    summary_html: str | None  # None when it only repeats content_html
    has_full_content: bool  # see `is_full_content` for the rule


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    site_url: str | None
    entries: list[FeedEntry]
    problem: str | None  # why the feed was not read cleanly (malformed XML, entries cut), or None
    entry_count: int = 0  # entries the parser found, before `max_entries` cut them


def count_entry_starts(raw: bytes) -> int:
    """How many item/entry elements the feed opens, counted in linear time without parsing it.

    The document is first re-encoded as UTF-8 (a UTF-16 feed hides every `<item` from a byte count)
    and any namespace prefix counts, so the count cannot be dodged the ways a raw byte count can.
    """
    return sum(1 for _match in ENTRY_START.finditer(xml_as_utf8(raw)))


def looks_like_feed(raw: bytes) -> bool:
    """True when the document's root element (within its first 8 KB) is RSS, Atom or RDF (RSS 1.0)."""
    head = _text_for_scanning(raw[:SNIFF_BYTES]).lstrip("\ufeff")
    position = 0
    while match := PROLOGUE_ITEM.match(head, position):
        position = match.end()
    root = ROOT_ELEMENT.match(head[position:].lstrip())
    if root is None:
        return False
    if root.group(1).lower() == "rdf":
        return RSS1_MARKERS.search(head) is not None  # RDF is used for more than feeds
    return True


def parse_feed(
    raw: bytes, url: str | None = None, max_entries: int = 10_000, *, content_type: str | None = None
) -> ParsedFeed:
    """The feed's title, site link and first `max_entries` entries, with `problem` saying what went wrong.

    `url` resolves relative links; `content_type` (the HTTP header, if any) supplies a charset the
    document may not declare. Malformed XML is still read by feedparser's lenient parser, and the
    entries it recovers are returned with `problem` set. Raises UnsafeXMLError for entity declarations.
    """
    document = xml_as_utf8(raw, _charset(content_type))
    check_xml_safety(document)
    # A BytesIO, never the bytes: feedparser.parse treats a bytes/str argument as a possible file name or URL.
    # "application/xml" without a charset: feedparser then follows the XML declaration (UTF-8 after xml_as_utf8).
    headers = {"content-type": "application/xml"}
    if url:
        headers["content-location"] = url
    # A feed feedparser cannot read at all is a ParsedFeed with no entries and the problem, as a non-feed is:
    # callers (the poller, extract_feed_documents) already record that with its reason.
    try:
        result = _feedparser_parse(document, headers)
    except (UnicodeError, LookupError) as error:  # undecodable bytes declaring encoding="undefined" and the like
        return ParsedFeed(None, None, [], f"the feed's bytes could not be decoded ({error})")
    except FEEDPARSER_CRASHES as error:
        # feedparser's lenient parser raises on some malformed feeds: an orphan </height> or </width>, or a
        # `<height="20" />` in an entry's HTML, reaches int(None) (found by tests/fuzz). newsworker does not use
        # the channel image: try once without it and without any height/width tags.
        without_images = IMAGE_SIZE_MARKUP.sub(b"", document)
        try:
            if without_images == document:
                raise
            result = _feedparser_parse(without_images, headers)
        except FEEDPARSER_CRASHES + (UnicodeError, LookupError):
            problem = f"the feed is too malformed for the lenient parser ({type(error).__name__}: {error})"
            return ParsedFeed(None, None, [], problem)
    problems = []
    if result.get("bozo"):
        problems.append(_bozo_problem(result.get("bozo_exception")))
    raw_entries = result.get("entries") or []
    if not result.get("version") and not raw_entries:
        problems.append("no RSS, Atom or RDF feed was found in the document")
    if len(raw_entries) > max_entries:
        problems.append(f"the feed has {len(raw_entries):,} entries; only the first {max_entries:,} were kept")
    feed_info = result.get("feed") or {}
    return ParsedFeed(
        title=strip_line_controls(_plain_text(feed_info.get("title"), feed_info.get("title_detail"))),
        site_url=clean_http_url(feed_info.get("link")),
        entries=[_entry(item) for item in raw_entries[:max_entries]],
        problem="; ".join(problems) or None,
        entry_count=len(raw_entries),
    )


def _feedparser_parse(document: bytes, headers: dict[str, str]) -> Any:
    return feedparser.parse(
        io.BytesIO(document), response_headers=headers, sanitize_html=True, resolve_relative_uris=True
    )


def parse_opml(raw: bytes) -> list[tuple[str, str | None]]:
    """(xmlUrl, title) for every outline with an xmlUrl, nested ones too, in document order, each URL once.

    Raises UnsafeXMLError for entity declarations and InvalidOPMLError for anything that is not OPML.
    """
    document = xml_as_utf8(raw)
    check_xml_safety(document)
    try:
        root = defusedxml.ElementTree.fromstring(document)
    except defusedxml.DefusedXmlException as error:  # a second line of defence behind check_xml_safety
        raise UnsafeXMLError(f"the OPML list was refused as unsafe XML: {error}") from error
    except ParseError as error:
        raise InvalidOPMLError(f"the OPML list is not well-formed XML: {error}") from error
    except (UnicodeError, LookupError) as error:  # encoding="undefined" on bytes that could not be re-encoded
        raise InvalidOPMLError(f"the OPML list's bytes could not be decoded: {error}") from error
    if _local_name(root) != "opml":
        raise InvalidOPMLError(f"the document's root element is <{_local_name(root)}>, not <opml>")
    outlines: dict[str, str | None] = {}
    for element in root.iter():
        if _local_name(element) != "outline":
            continue
        attributes = {name.lower(): value for name, value in element.attrib.items()}
        feed_url = (attributes.get("xmlurl") or "").strip()
        if feed_url and feed_url not in outlines:
            title = (attributes.get("title") or attributes.get("text") or "").strip()
            outlines[feed_url] = title or None
    return list(outlines.items())


def check_xml_safety(document: bytes) -> None:
    """Return None when the XML declares no entities; raise UnsafeXMLError when it does.

    Expat reads only the prologue (it stops at the root element) with handlers that refuse any entity
    declaration, so nothing is expanded or fetched. Expat itself never fetches external entities: it
    hands them to a handler, and this one refuses. If expat cannot read the prologue (malformed
    XML, an encoding it does not know), any "<!ENTITY" in the document refuses it: a lenient parser
    downstream must not be left to decide.
    """
    parser = expat.ParserCreate()
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_unparsed_entity
    parser.ExternalEntityRefHandler = _refuse_external_reference
    parser.StartElementHandler = _stop_at_root
    try:
        parser.Parse(document, True)
    except _PrologueRead:
        return
    except (expat.ExpatError, UnicodeError, LookupError):  # UnicodeError: a codec that refuses, like "undefined"
        if ENTITY_DECLARATION.search(_text_for_scanning(document)):
            raise UnsafeXMLError(
                "the XML declares entities (<!ENTITY>) and is malformed; refused, since entity declarations "
                "allow expansion bombs and reading local files or internal URLs"
            ) from None


def xml_as_utf8(raw: bytes, declared: str | None = None) -> bytes:
    """The document re-encoded as UTF-8 with its XML declaration saying so; the bytes unchanged if undecodable.

    Honours a byte order mark, unmarked UTF-16/32, then `worker.pipeline.decode.decode_text`'s rules:
    valid UTF-8 wins over a declaration that says otherwise (a common lie), then the declared
    charset (`declared`, else the XML declaration's), then detection (undeclared cp1251 and the like).
    """
    text = _decode_xml(raw, declared)
    if text is None:
        return raw  # feedparser has its own fallbacks; it will report the problem
    text = text.lstrip("\ufeff \t\r\n")
    text = XML_DECLARATION_ENCODING_VALUE.sub(r"\1utf-8\3", text, count=1)
    return text.encode("utf-8")


def clean_http_url(url: str | None) -> str | None:
    """The URL cleaned by courlan (tracking parameters dropped, host normalized) without its fragment.

    None unless the result is an absolute http(s) URL (feedparser may offer a `urn:` id as a link).
    """
    if not url or not url.strip() or url_problem(url) is not None:
        return None  # a link with credentials or a port over 65535 is dropped, not fetched or stored
    try:
        cleaned = clean_url(url.strip())
    except ValueError:  # urllib inside courlan: "Invalid IPv6 URL", a port over 65535
        return None
    if not cleaned:
        return None
    split = split_url(cleaned)
    if split is None:
        return None
    parts = split[0]
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def is_full_content(content_html: str | None, summary_html: str | None) -> bool:
    """True when the content is the article rather than a teaser.

    Content of FULL_CONTENT_MIN_WORDS words or more is full. Shorter content is full only when there
    is a summary to compare with and the content has at least SHORT_ARTICLE_MIN_WORDS words and twice
    the summary's. Short content with no summary is undecidable, so False: fetching the page is
    the safe side.
    """
    if not content_html:
        return False
    words = count_words(html_text(content_html))
    if words >= FULL_CONTENT_MIN_WORDS:
        return True
    if not summary_html:
        return False
    return words >= SHORT_ARTICLE_MIN_WORDS and words >= 2 * count_words(html_text(summary_html))


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, tags dropped and entities decoded; good enough to count words."""
    return html.unescape(TAG.sub(" ", fragment))


# --- helpers -----------------------------------------------------------------------------------------


class _PrologueRead(Exception):
    """Raised by the expat handler at the root element: the DTD, if any, is behind us."""


def _refuse_entity(
    name: str,
    is_parameter_entity: bool,
    value: str | None,
    base: str | None,
    system_id: str | None,
    public_id: str | None,
    notation_name: str | None,
) -> None:
    kind = "a parameter entity" if is_parameter_entity else "an entity"
    if system_id or public_id:
        target = system_id or public_id
        raise UnsafeXMLError(f"the XML declares {kind} {name!r} pointing at {target!r}; external entities are refused")
    raise UnsafeXMLError(
        f"the XML declares {kind} {name!r} in its DOCTYPE; entity declarations are refused (expansion bombs)"
    )


def _refuse_unparsed_entity(
    name: str, base: str | None, system_id: str, public_id: str | None, notation_name: str
) -> None:
    raise UnsafeXMLError(f"the XML declares an unparsed entity {name!r} pointing at {system_id!r}; refused")


def _refuse_external_reference(context: str, base: str | None, system_id: str | None, public_id: str | None) -> int:
    raise UnsafeXMLError(f"the XML refers to an external resource {system_id or public_id!r}; refused")


def _stop_at_root(name: str, attributes: dict[str, str]) -> None:
    raise _PrologueRead


def _decode_xml(raw: bytes, declared: str | None) -> str | None:
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                return None
    for prefix, encoding in UNMARKED_WIDE_ENCODINGS:
        if raw.startswith(prefix):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                return None
    if declared is None:
        match = XML_DECLARED_ENCODING.match(raw)
        declared = match.group(1).decode("ascii") if match else None
    declared = text_codec(declared)  # None for "undefined", "base64" and names Python does not know
    try:
        text, _encoding = decode_text(raw, declared)
    except UnreadableInputError:
        return None
    return text


def _text_for_scanning(raw: bytes) -> str:
    """Text good enough to find ASCII markup in: wide encodings decoded, everything else read as Latin-1."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    for prefix, encoding in UNMARKED_WIDE_ENCODINGS:
        if raw.startswith(prefix):
            return raw.decode(encoding, errors="replace")
    return raw.decode("latin-1")  # every byte maps to one character, so ASCII markup reads as itself


def _charset(content_type: str | None) -> str | None:
    match = CHARSET_PARAMETER.search(content_type or "")
    return match.group(1) if match else None


def _bozo_problem(error: object) -> str:
    if isinstance(error, xml.sax.SAXParseException):
        return (
            f"the feed is not well-formed XML (line {error.getLineNumber()}, column {error.getColumnNumber()}: "
            f"{error.getMessage()}); entries were recovered by a lenient parser"
        )
    if isinstance(error, feedparser.CharacterEncodingOverride):
        return f"the feed's declared encoding was wrong: {error}"
    if isinstance(error, feedparser.CharacterEncodingUnknown):
        return f"the feed's encoding could not be recognised: {error}"
    return f"the feed could not be parsed cleanly: {error}"


def _entry(item: Any) -> FeedEntry:
    title = _plain_text(item.get("title"), item.get("title_detail"))
    link = clean_http_url(item.get("link"))
    content_html = _content_html(item.get("content") or [])
    summary_html = _html_value(item.get("summary"), item.get("summary_detail"))
    if summary_html is not None and content_html is not None and summary_html.strip() == content_html.strip():
        summary_html = None  # feedparser copies Atom content into `summary` when there is no summary
    return FeedEntry(
        entry_key=_entry_key(item.get("id"), link, title, content_html or summary_html),
        title=title,
        link=link,
        authors=_authors(item),
        published_at=_published_at(item),
        content_html=content_html,
        summary_html=summary_html,
        has_full_content=is_full_content(content_html, summary_html),
    )


def _entry_key(guid: str | None, link: str | None, title: str | None, body: str | None) -> str:
    guid = (guid or "").strip()
    if guid and len(guid) <= MAX_GUID_CHARS:
        return guid
    if guid:
        return "sha256:" + hashlib.sha256(guid.encode("utf-8")).hexdigest()
    if link:
        return link
    digest = hashlib.sha256(f"{title or ''}\n{body or ''}".encode()).hexdigest()
    return f"sha256:{digest}"


def _content_html(contents: list[Any]) -> str | None:
    """The longest content block (a feed may offer xhtml:body and content:encoded), as HTML."""
    candidates = [_html_value(block.get("value"), block) for block in contents]
    present = [candidate for candidate in candidates if candidate]
    return max(present, key=len) if present else None


def _html_value(value: str | None, detail: Any) -> str | None:
    if not value or not value.strip():
        return None
    if detail is not None and detail.get("type") == "text/plain":
        return "<p>" + html.escape(value.strip()) + "</p>"  # keep the field's promise: it holds HTML
    return value.strip()


def _plain_text(value: str | None, detail: Any) -> str | None:
    if not value:
        return None
    if detail is not None and detail.get("type") in {"text/html", "application/xhtml+xml"}:
        value = html_text(value)
    text = " ".join(value.split())
    return text or None


def _authors(item: Any) -> list[str]:
    names: list[str] = []
    for author in item.get("authors") or []:
        name = " ".join((author.get("name") or "").split())
        if name and name not in names:
            names.append(name)
    if not names and item.get("author"):
        names.append(" ".join(item["author"].split()))
    return names


def _published_at(item: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # `in` first: feedparser's get("updated_parsed") falls back to published_parsed with a DeprecationWarning.
        parsed = item[key] if key in item else None
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)  # feedparser's tuples are UTC
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _local_name(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()
