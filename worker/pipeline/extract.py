"""Extraction: bytes in, one or more `ExtractedDocument`s out, by what the bytes are."""

from __future__ import annotations

import re
import unicodedata

from worker.errors import EmptyInputError, IngestError, InputTooLargeError, UnsupportedInputError
from worker.pipeline.bylines import clean_authors
from worker.pipeline.controls import strip_body_controls, strip_line_controls
from worker.pipeline.decode import declared_charset, decode_text
from worker.pipeline.document import ExtractedDocument, SourceInfo
from worker.pipeline.extract_html import extract_html
from worker.pipeline.extract_text import extract_plain_text
from worker.pipeline.fingerprint import canonical_url
from worker.pipeline.language import article_language
from worker.pipeline.words import count_words

MIN_WORDS = 3
MAX_FEED_FILE_ENTRIES = 5_000  # a dropped feed file is one task: past this, it should be split
RELATED_LINK_PARAGRAPH = re.compile(r"^\[[^\[\]]{1,200}\]$")
MARKUP_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)


def extract_documents(raw: bytes, source: SourceInfo, *, kind: str | None = None) -> list[ExtractedDocument]:
    """Every article in the bytes: one for a page or text file, one per entry for a feed. `kind` is what
    `sniff_kind` said of the bytes, when the caller has sniffed them already.

    Raises an IngestError subclass with a readable reason when nothing can be extracted.
    """
    from worker.pipeline.sniff import sniff_kind

    if kind is None:
        kind = sniff_kind(raw, source.source)
    if kind == "opml":
        raise UnsupportedInputError("an OPML list of feeds, not an article (import it with `newsworker feeds import`)")
    if kind == "feed":
        return extract_feed_documents(raw, source)
    text, _encoding = decode_text(raw, declared_charset(raw) if kind == "html" else None)
    if kind == "html":
        document = extract_html(text, url=source.source if source.kind != "file" else None)
    else:
        document = extract_plain_text(text, source.modified_at)
    return [finish_document(document)]


def extract_feed_documents(raw: bytes, source: SourceInfo) -> list[ExtractedDocument]:
    """One document per entry of an RSS/Atom/RDF file; entries without text are skipped."""
    from worker.pipeline.feeds import count_entry_starts, parse_feed

    # Counted before parsing, so a huge feed never reaches feedparser's memory; then counted again as parsed.
    entries = count_entry_starts(raw)
    if entries > MAX_FEED_FILE_ENTRIES:
        raise InputTooLargeError(
            f"the feed holds about {entries:,} entries, over the limit of {MAX_FEED_FILE_ENTRIES:,} per file"
        )
    parsed = parse_feed(raw, url=source.source if source.kind != "file" else None, max_entries=MAX_FEED_FILE_ENTRIES)
    if parsed.entry_count > MAX_FEED_FILE_ENTRIES:
        raise InputTooLargeError(
            f"the feed holds {parsed.entry_count:,} entries, over the limit of {MAX_FEED_FILE_ENTRIES:,} per file"
        )
    documents = []
    for entry in parsed.entries:
        try:
            documents.append(finish_document(document_from_entry(entry, parsed.title)))
        except IngestError:
            continue
    if not documents:
        problem = f" ({parsed.problem})" if parsed.problem else ""
        raise EmptyInputError(f"the feed holds no entry with text{problem}")
    return documents


def document_from_entry(entry, feed_title: str | None, page: ExtractedDocument | None = None) -> ExtractedDocument:  # type: ignore[no-untyped-def]
    """A document from a feed entry; the fetched page's text and metadata win where present."""
    if page is not None:
        return ExtractedDocument(
            title=page.title or entry.title,
            text=page.text,
            extractor=page.extractor,
            authors=page.authors or entry.authors,
            published_at=page.published_at or entry.published_at,
            site=page.site or feed_title,
            url=entry.link or page.url,
            language=page.language,
            entry_key=entry.entry_key,
        )
    body_html = entry.content_html or entry.summary_html or ""
    text = html_fragment_text(body_html) if body_html else ""
    if not text.strip():
        text = entry.title or ""
    return ExtractedDocument(
        title=entry.title,
        text=text,
        extractor="feed-entry",
        authors=list(entry.authors),
        published_at=entry.published_at,
        site=feed_title,
        url=entry.link,
        entry_key=entry.entry_key,
    )


def html_fragment_text(fragment: str) -> str:
    """Paragraph text of an HTML fragment (a feed entry's content), markup and scripts removed."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        tree = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^<>]+>", " ", fragment)  # [^<>]: linear on unclosed "<"s
    for bad in tree.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    blocks = []
    for block in tree.xpath(".//p|.//li|.//h1|.//h2|.//h3|.//h4|.//blockquote|.//pre"):
        chunk = " ".join(block.text_content().split())
        if chunk:
            blocks.append(chunk)
    if not blocks:
        blocks = [" ".join(tree.text_content().split())]
    return "\n\n".join(blocks)


def sane_title(title: str | None) -> str | None:
    """The title without markup: tags are dropped, and a title that was only markup becomes None."""
    if not title:
        return None
    cleaned = " ".join(MARKUP_TAG.sub(" ", SCRIPT_BLOCK.sub(" ", unicodedata.normalize("NFC", title))).split())
    return cleaned or None


def finish_document(document: ExtractedDocument) -> ExtractedDocument:
    """Checks and fills shared by every extractor: enough text, canonical URL, language, no control characters."""
    # NFC: the same letter stored one way (a decomposed "u" + U+0308 becomes "ü"), as trafilatura's own output is.
    body = strip_body_controls(unicodedata.normalize("NFC", document.text))
    paragraphs = [p for p in body.split("\n\n") if not RELATED_LINK_PARAGRAPH.match(p.strip())]
    text = "\n\n".join(paragraphs).strip()
    words = count_words(text)
    if words < MIN_WORDS:
        raise EmptyInputError(f"only {words} word{'s' if words != 1 else ''} of text: too little to be an article")
    authors, credit = clean_authors([name for name in map(strip_line_controls, document.authors) if name])
    return ExtractedDocument(
        title=strip_line_controls(sane_title(document.title)),
        text=text,
        extractor=document.extractor,
        authors=authors,
        credit=credit or document.credit,
        published_at=document.published_at,
        site=strip_line_controls(document.site),
        url=canonical_url(document.url),
        language=article_language(document.language, text),
        entry_key=document.entry_key,
    )
