"""Plain-text articles: a header-convention parser.

The first non-empty line is the title. The lines right after it may be metadata rather than body:
`Source: site.com`, a byline (a person's name, optionally "By ..."), a date line ("October 25, 2022",
"Published 4 hours ago", read relative to the file's mtime), a photo caption, or the title repeated.
The header block ends at the first line that is none of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from worker.errors import EmptyInputError
from worker.pipeline.document import ExtractedDocument
from worker.pipeline.fingerprint import split_url

SOURCE_LINE = re.compile(r"^(?:source|site|via|from|publication|outlet)\s*:\s*(\S.{0,120})$", re.IGNORECASE)
URL_LINE = re.compile(r"^(?:url|link|canonical)\s*:\s*(https?://\S+)$", re.IGNORECASE)
BYLINE_PREFIX = re.compile(r"^(?:by|author|written by|words by)\s*:?\s+", re.IGNORECASE)
DATE_PREFIX = re.compile(
    r"^(?:published|updated|posted|last updated|date|dated|first published)\s*(?:on|at|:)?\s*",
    re.IGNORECASE,
)
DATE_HINT = re.compile(r"\d|\b(?:ago|yesterday|today|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
CAPTION_HINT = re.compile(
    r"\b(?:photo|photograph|image|picture|illustration|credit|getty images|reuters|ap photo|afp)\b\s*[:/|]|getty images",
    re.IGNORECASE,
)
NAME_WORD = re.compile(
    r"^(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]['’][A-Z][a-zà-ÿ]+|[A-Z]\.|[A-Z][a-z]?[A-Z][a-z]+|de|van|von|da|al|bin|el|la|le)$"
)
NAME_JOINERS = re.compile(r"\s+(?:and|&)\s+|\s*,\s*")
MAX_HEADER_LINES = 8


@dataclass
class _Header:
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    site: str | None = None
    url: str | None = None


def extract_plain_text(text: str, modified_at: datetime | None = None) -> ExtractedDocument:
    """The article in a plain-text file: title, header metadata, and the body without the header."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    non_empty = [i for i, line in enumerate(lines) if line.strip()]
    if not non_empty:
        raise EmptyInputError("the file holds no text")
    title_index = non_empty[0]
    title = _clean(lines[title_index])
    header = _Header()
    body_start = len(lines)
    consumed = 0
    for index in non_empty[1:]:
        line = _clean(lines[index])
        if consumed >= MAX_HEADER_LINES or not _take_header_line(line, title, header, modified_at):
            body_start = index
            break
        consumed += 1
    body = _normalise_paragraphs(lines[body_start:])
    if not body:
        # A one-paragraph note: the "title" line is all there is, and it is the text.
        body = title
    return ExtractedDocument(
        title=title[:1000],
        text=body,
        extractor="text-headers",
        authors=header.authors,
        published_at=header.published_at,
        site=header.site,
        url=header.url,
    )


def _take_header_line(line: str, title: str, header: _Header, modified_at: datetime | None) -> bool:
    """Record the line into header if it is metadata; False when the body has begun."""
    if line.casefold() == title.casefold():
        return True
    if match := SOURCE_LINE.match(line):
        header.site = header.site or _site_name(match.group(1))
        return True
    if match := URL_LINE.match(line):
        if split_url(match.group(1)) is not None:  # a line naming a URL that cannot be parsed is dropped
            header.url = header.url or match.group(1)
        return True
    if len(line) <= 80 and DATE_HINT.search(line):
        when = parse_date(DATE_PREFIX.sub("", line), modified_at)
        if when is not None:
            header.published_at = header.published_at or when
            return True
    if len(line) <= 300 and CAPTION_HINT.search(line):
        return True
    authors = _byline_names(line)
    if authors:
        header.authors.extend(a for a in authors if a not in header.authors)
        return True
    return False


def _byline_names(line: str) -> list[str]:
    """The people a byline names ("By Jane Doe and John Roe"), or [] if the line is not a byline."""
    had_prefix = bool(BYLINE_PREFIX.match(line))
    candidate = BYLINE_PREFIX.sub("", line).strip().rstrip(".")
    if len(candidate) > 100 or not candidate:
        return []
    names = [part.strip() for part in NAME_JOINERS.split(candidate) if part.strip()]
    if not names or len(names) > 4:
        return []
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 4 and not (had_prefix and len(words) == 1):
            return []
        if not all(NAME_WORD.match(word) for word in words):
            return []
    return names


def _site_name(value: str) -> str:
    value = value.strip().rstrip("/")
    value = re.sub(r"^https?://", "", value, flags=re.IGNORECASE)
    value = re.sub(r"^www\.", "", value, flags=re.IGNORECASE)
    return value.split("/")[0] if "." in value.split("/")[0] else value


@lru_cache(maxsize=1)
def _dateparser():  # type: ignore[no-untyped-def]
    import dateparser  # slow to import; only plain-text headers need it

    return dateparser


def parse_date(text: str, relative_to: datetime | None = None) -> datetime | None:
    """A timezone-aware UTC datetime for a date phrase ("October 25, 2022", "4 hours ago"), or None."""
    text = text.strip().rstrip(".")
    if not text or len(text) > 80:
        return None
    base = (relative_to or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    settings = {
        "RELATIVE_BASE": base,
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "PREFER_DATES_FROM": "past",
    }
    try:
        parsed = _dateparser().parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None or parsed.year < 1800:
        return None
    return parsed.astimezone(UTC)


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def _normalise_paragraphs(lines: list[str]) -> str:
    """Paragraphs separated by one blank line, each with its whitespace folded."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(_clean(line))
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)
