"""The pure part of ingestion after extraction: hash, near-duplicate fingerprint, entities."""

from __future__ import annotations

import time
from dataclasses import dataclass

from worker.pipeline.document import ExtractedDocument, ProcessedDocument
from worker.pipeline.entities import EntityTagger, tag_in_its_language
from worker.pipeline.fingerprint import content_hash
from worker.pipeline.neardup import NearDupSettings, band_keys, fingerprint
from worker.pipeline.words import count_words


@dataclass(frozen=True)
class Pipeline:
    """What a process needs to turn extracted documents into storable ones; built once per process."""

    tagger: EntityTagger
    neardup: NearDupSettings

    def process(self, document: ExtractedDocument) -> ProcessedDocument:
        """Hash, fingerprint and tag one document, timing each stage in milliseconds."""
        timings: dict[str, float] = {}
        started = time.perf_counter()
        digest = content_hash(document.text)
        timings["hash"] = _ms_since(started)

        started = time.perf_counter()
        signature = fingerprint(document.text, self.neardup)
        keys = band_keys(signature, self.neardup)
        timings["neardup_fingerprint"] = _ms_since(started)

        started = time.perf_counter()
        entities, unread = tag_in_its_language(self.tagger, document.text, document.title, document.language)
        timings["tag"] = _ms_since(started)

        return ProcessedDocument(
            document=document,
            content_hash=digest,
            word_count=count_words(document.text),
            neardup_signature=signature,
            neardup_band_keys=keys,
            entities=entities,
            tagger_backend=self.tagger.backend,
            untagged_reason=unread,
            timings_ms=timings,
        )


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
