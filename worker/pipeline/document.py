"""Plain data passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from worker.pipeline.entities import EntityCount


@dataclass(frozen=True)
class SourceInfo:
    """Where bytes came from: enough for extraction to read relative dates and name the source."""

    source: str  # file path or URL
    kind: str  # file | url | feed
    modified_at: datetime | None = None  # a file's mtime: the base for "4 hours ago"
    content_type: str | None = None  # HTTP Content-Type, when fetched
    feed_id: int | None = None
    via: str = ""  # the feed's URL when a feed brought it: part of the sighting's identity


@dataclass(frozen=True)
class ExtractedDocument:
    """Text and metadata of one article, as extraction found them."""

    title: str | None
    text: str
    extractor: str  # text-headers | trafilatura | feed-entry
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    credit: str | None = None  # the agency the byline credits ("Associated Press"), not one of the authors
    entry_key: str | None = None  # feed entries: their identity within the feed


@dataclass(frozen=True)
class ProcessedDocument:
    """An extracted document with everything the store needs: hash, fingerprint, entities."""

    document: ExtractedDocument
    content_hash: str
    word_count: int
    neardup_signature: bytes
    neardup_band_keys: list[int]
    entities: list[EntityCount]
    tagger_backend: str
    timings_ms: dict[str, float]
    untagged_reason: str | None = None  # why no entities were looked for: "no tagger for language ja"
