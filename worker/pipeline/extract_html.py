"""HTML pages: trafilatura for the text and metadata, with the page's own tags as a fallback."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from html import unescape as html_unescape
from typing import Any
from urllib.parse import urljoin

import trafilatura
from courlan import extract_domain
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import DEFAULT_CONFIG, Document, set_date_params
from trafilatura.utils import load_html

from worker.errors import EmptyInputError
from worker.pipeline.document import ExtractedDocument
from worker.pipeline.fingerprint import split_url
from worker.pipeline.html_author import page_author

log = logging.getLogger(__name__)

# Chosen by measurement (docs/extraction.md): trafilatura's default keeps reader comments.
TRAFILATURA_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True}
# trafilatura's fast mode skips its comparison with readability and jusText, which costs a third of the call and
# only changes short results: below this many characters the page is extracted again with the full cascade.
# On the 990 real pages (docs/performance.md) 1,000 re-runs 12% of them and scores above the full extractor alone.
FULL_EXTRACTION_BELOW_CHARS = 1000
EXTENSIVE_DATE_SEARCH = DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")


@dataclass(frozen=True)
class TextExtraction:
    """The main text and how it was reached (fast mode alone, or fast mode then the full cascade)."""

    text: str
    full_cascade: bool


def extract_html(page: str, url: str | None = None) -> ExtractedDocument:
    """The article in an HTML page: text without boilerplate, title, authors, date, site, canonical URL."""
    try:
        tree = load_html(page)  # None: no HTML tree in it (a redirect stub, a fragment); told apart below
        metadata = stored_metadata(tree, url) if tree is not None else Document()
        extraction = extract_main_text(tree, url or metadata.url) if tree is not None else None
    except (ValueError, RecursionError) as error:
        raise EmptyInputError(f"the HTML could not be parsed ({type(error).__name__})") from error
    if extraction is None or not extraction.text.strip():
        target = redirect_target(page)
        if target:
            raise EmptyInputError(f"a redirect page (to {target[:300]}), not an article")
        raise EmptyInputError("the HTML page holds no article text that could be extracted")
    title = (metadata.title or "").strip() or None
    text = _drop_leading_title(extraction.text.strip(), title)
    return ExtractedDocument(
        title=title,
        text=text,
        extractor="trafilatura",
        authors=_split_authors(metadata.author),
        published_at=_parse_iso_date(metadata.date),
        site=head_meta(page, "og:site_name") or metadata.sitename or metadata.hostname or None,
        url=page_canonical_link(page) or metadata.url or url,
        language=_declared_language(page),
    )


def extract_main_text(tree: HtmlElement, url: str | None = None) -> TextExtraction | None:
    """trafilatura's main text of a parsed page (left unchanged): fast mode, and the full cascade when the fast
    result is short (the only results its comparison with readability and jusText would change)."""
    fast = _bare_text(tree, url, fast=True)
    if fast is not None and len(fast) >= FULL_EXTRACTION_BELOW_CHARS:
        return TextExtraction(fast, full_cascade=False)
    full = _bare_text(tree, url, fast=False)
    if full is None:
        return None if fast is None else TextExtraction(fast, full_cascade=True)
    return TextExtraction(full, full_cascade=True)


def _bare_text(tree: HtmlElement, url: str | None, fast: bool) -> str | None:
    # bare_extraction works on a copy of a tree it is given, so the same tree serves both passes.
    result = trafilatura.bare_extraction(tree, url=url, fast=fast, with_metadata=False, **TRAFILATURA_OPTIONS)
    return result.text if isinstance(result, Document) and result.text else None


def stored_metadata(tree: HtmlElement, url: str | None = None) -> Document:
    """The metadata fields the worker stores (title, author, date, URL, site name, host name), found as
    `trafilatura.metadata.extract_metadata` finds them, without the categories, tags and licence it also
    extracts and nobody reads (a fifth of its time on real pages). The tree is not changed."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:  # as extract_metadata: a single word is no byline
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception as error:  # noqa: BLE001 - trafilatura's JSON-LD reader has bugs; the other sources remain
        log.debug("JSON-LD metadata skipped: %s", error)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = page_author(tree)  # extract_author's result without its copy of the tree
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    # set_date_params per page: it holds today's date as the latest plausible one.
    metadata.date = find_date(tree, **{**set_date_params(EXTENSIVE_DATE_SEARCH), "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        match = META_URL.match(metadata.url)
        if match:
            metadata.sitename = match[1]
    metadata.clean_and_trim()
    return metadata


TAG_START = re.compile(r"<(?:link|meta)\b", re.IGNORECASE)
TAG_END = re.compile(r"[<>]")  # a tag ends at ">"; a "<" first means this one was never closed
# The lookbehind starts a name only at the start of a run of name characters: no quadratic retries.
ATTRIBUTE = re.compile(r"""(?<![a-zA-Z:-])([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def head_tag_texts(head: str) -> Iterator[str]:
    """The text of every <link ...> and <meta ...> tag, in linear time.

    A regex such as `<meta\\b[^>]*>` rescans the rest of the head from every unterminated `<meta `
    (quadratic: 40k of them took 3 s). Here each character is looked at once by TAG_START and at most
    once by TAG_END, because the search resumes where the last one stopped. A `<` inside an attribute
    value ends the tag early; such tags are skipped.
    """
    position = 0
    while start := TAG_START.search(head, position):
        end = TAG_END.search(head, start.end())
        if end is None:
            return
        if end.group() == ">":
            yield head[start.start() : end.end()]
            position = end.end()
        else:
            position = end.start()


@lru_cache(maxsize=4)  # head_meta and page_canonical_link ask three times per page; parsed once (docs/performance.md)
def _head_tags(page: str) -> tuple[dict[str, str], ...]:
    """Attributes of every <link> and <meta> in the page's head (a scan of the head: no second parse)."""
    end = page.lower().find("</head>", 0, 300_000)
    head = page[: end if end != -1 else 100_000]
    tags = []
    for tag in head_tag_texts(head):
        attributes = {
            m.group(1).lower(): html_unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in ATTRIBUTE.finditer(tag)
        }
        tags.append(attributes)
    return tuple(tags)


def head_meta(page: str, name: str) -> str | None:
    """The content of <meta property|name=NAME> in the head, if any."""
    for tag in _head_tags(page):
        if name in (tag.get("property"), tag.get("name")) and tag.get("content", "").strip():
            return tag["content"].strip()
    return None


def page_canonical_link(page: str) -> str | None:
    """<link rel=canonical>, made absolute against og:url: trafilatura prefers og:url, which often carries
    tracking parameters (measured in docs/extraction.md)."""
    for tag in _head_tags(page):
        if "canonical" in tag.get("rel", "").lower().split() and tag.get("href", "").strip():
            base = head_meta(page, "og:url") or ""
            if split_url(base) is None:
                base = ""  # og:url that cannot be parsed: the canonical link alone, or nothing
            try:
                absolute = urljoin(base, tag["href"].strip())
            except ValueError:  # an href urllib cannot parse ("http://[::1")
                return None
            split = split_url(absolute)
            return absolute if split is not None and split[0].netloc else None
    return None


META_REFRESH_URL = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["'][^"']*?url\s*=\s*['"]?([^'"\s>]+)""",
    re.IGNORECASE,
)


def redirect_target(page: str) -> str | None:
    """Where a redirect stub (a meta refresh, as Google's `googleJavaScriptRedirect` pages carry) sends the reader."""
    match = META_REFRESH_URL.search(page[:20_000])
    return html_unescape(match.group(1)) if match else None


def _drop_leading_title(text: str, title: str | None) -> str:
    """trafilatura keeps the page's <h1> as the first line; the title is stored on its own."""
    if title:
        first, _, rest = text.partition("\n")
        if first.strip().casefold() == title.casefold() and rest.strip():
            return rest.strip()
    return text


def _split_authors(author: str | None) -> list[str]:
    """trafilatura joins the authors it finds with "; "; commas and "and" are left to `parse_byline`, which
    knows "Harm, Robert" from "Tom Krisher, AP Auto Writer"."""
    if not author:
        return []
    parts = author.split(";")
    return [p.strip() for p in parts if p.strip()]


def _parse_iso_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


LANG_ATTR = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def _declared_language(page: str) -> str | None:
    match = LANG_ATTR.search(page[:5000])
    return match.group(1).lower() if match else None
