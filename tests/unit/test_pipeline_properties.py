"""Property-based tests: every pure stage that takes text or bytes raises nothing but the project's IngestError.

A bad input must become a rejection with a reason, never a KeyError, ValueError or UnicodeError that
escapes the task. Strategies (tests/pipeline_strategies.py) are seeded with fragments of real pages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.pipeline_strategies import document_bytes, encoded_text, news_text
from worker.errors import IngestError
from worker.pipeline.bylines import clean_authors, parse_byline
from worker.pipeline.controls import strip_body_controls, strip_line_controls
from worker.pipeline.decode import declared_charset, decode_text, text_codec, unmarked_wide_encoding
from worker.pipeline.document import SourceInfo
from worker.pipeline.extract import extract_documents, sane_title
from worker.pipeline.extract_text import extract_plain_text, parse_date
from worker.pipeline.feeds import check_xml_safety, looks_like_feed, parse_feed, parse_opml, xml_as_utf8
from worker.pipeline.fingerprint import canonical_url, content_hash, normalize_for_hash
from worker.pipeline.language import detect_language
from worker.pipeline.neardup import band_keys, fingerprint, normalized_words
from worker.pipeline.sniff import sniff_kind
from worker.pipeline.words import count_words

# NEWSWORKER_HYPOTHESIS_EXAMPLES raises the count for a deeper search than CI's (e.g. 2000).
EXAMPLES = int(os.environ.get("NEWSWORKER_HYPOTHESIS_EXAMPLES") or 150)
QUICK = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOWER = settings(max_examples=max(1, EXAMPLES // 4), deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEX_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def only_ingest_errors(stage: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The stage's result, or None when it raised an IngestError; anything else fails the test."""
    try:
        return stage(*args, **kwargs)
    except IngestError as error:
        assert error.reason.strip(), f"{type(error).__name__} without a reason"
        return None


@lru_cache(maxsize=1)
def builtin_tagger() -> Any:
    from worker.pipeline.entities import load_tagger

    return load_tagger(None)


@QUICK
@given(text=news_text(), title=st.none() | news_text(max_pieces=4))
def test_tagger_raises_nothing(text: str, title: str | None) -> None:
    entities = only_ingest_errors(builtin_tagger().tag, text, title=title)
    for entity in entities or []:
        assert entity.name.strip() and entity.count >= 1


@QUICK
@given(text=news_text(), modified_at=st.none() | st.datetimes(timezones=st.just(UTC)))
def test_plain_text_header_parser_raises_only_ingest_errors(text: str, modified_at: datetime | None) -> None:
    document = only_ingest_errors(extract_plain_text, text, modified_at)
    if document is not None:
        assert document.title is not None and document.text


@QUICK
@given(raw=encoded_text() | st.binary(max_size=600) | document_bytes(), name=st.sampled_from(["a.txt", "b.xml", ""]))
def test_sniffing_raises_only_ingest_errors(raw: bytes, name: str) -> None:
    kind = only_ingest_errors(sniff_kind, raw, name)
    assert kind in {None, "html", "text", "feed", "opml"}


@QUICK
@given(
    raw=encoded_text() | st.binary(max_size=600) | document_bytes(),
    declared=st.none() | st.sampled_from(["undefined", "base64", "utf-16", "cp1252", "nonsense", "utf-32-be"]),
)
def test_decoding_raises_only_ingest_errors(raw: bytes, declared: str | None) -> None:
    declared_charset(raw)
    unmarked_wide_encoding(raw)
    text_codec(declared)
    decoded = only_ingest_errors(decode_text, raw, declared)
    if decoded is not None:
        text, encoding = decoded
        assert isinstance(text, str) and text_codec(encoding)


@QUICK
@given(text=news_text() | st.text())
def test_hashing_is_total_and_normalised(text: str) -> None:
    digest = content_hash(text)
    assert HEX_DIGEST.match(digest)
    assert content_hash(normalize_for_hash(text)) == digest  # normalising twice changes nothing
    assert content_hash(f"  {text}\n") == digest


@QUICK
@given(
    url=st.text(max_size=60)
    | st.sampled_from(["http://[::1", "http://a.com:99999/x", "https://A.com:443/b?utm_source=x#f"])
)
def test_canonical_url_raises_nothing(url: str) -> None:
    result = canonical_url(url)
    assert result is None or isinstance(result, str)


@QUICK
@given(text=news_text() | st.text())
def test_fingerprinting_raises_nothing(text: str) -> None:
    signature = fingerprint(text)
    assert len(signature) == 512
    assert all(isinstance(key, int) for key in band_keys(signature))  # none for a text without words
    normalized_words(text)


@QUICK
@given(text=news_text(max_pieces=3) | st.text(max_size=80), base=st.none() | st.datetimes(timezones=st.just(UTC)))
def test_date_reading_raises_nothing(text: str, base: datetime | None) -> None:
    parsed = parse_date(text, base)
    assert parsed is None or parsed.tzinfo is not None


@QUICK
@given(title=news_text(max_pieces=4))
def test_sane_title_never_keeps_a_tag(title: str) -> None:
    cleaned = sane_title(title)
    assert cleaned is None or (cleaned.strip() == cleaned and not re.search(r"</?[A-Za-z][^<>]*>", cleaned))


@SLOWER
@given(raw=document_bytes() | st.binary(max_size=400) | encoded_text())
def test_feed_parsing_of_arbitrary_bytes_raises_only_ingest_errors(raw: bytes) -> None:
    looks_like_feed(raw)
    xml_as_utf8(raw)
    only_ingest_errors(check_xml_safety, raw)
    parsed = only_ingest_errors(parse_feed, raw)
    if parsed is not None:
        for entry in parsed.entries:
            assert entry.entry_key
    only_ingest_errors(parse_opml, raw)


@SLOWER
@given(raw=document_bytes() | encoded_text())
def test_extraction_of_arbitrary_bytes_raises_only_ingest_errors(raw: bytes) -> None:
    documents = only_ingest_errors(extract_documents, raw, SourceInfo(source="input", kind="file"))
    for document in documents or []:
        assert document.text.strip()
        assert document.title is None or "<script" not in document.title.lower()


@QUICK
@given(bylines=st.lists(news_text(max_pieces=5), max_size=4))
def test_byline_parsing_raises_nothing(bylines: list[str]) -> None:
    for line in bylines:
        parse_byline(line)
    people, _credit = clean_authors(bylines)
    assert all(person.strip() for person in people)


@QUICK
@given(text=news_text() | st.text())
def test_language_controls_and_word_counts_raise_nothing(text: str) -> None:
    detect_language(text)
    assert count_words(text) >= 0
    body = strip_body_controls(text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", body)
    line = strip_line_controls(text)
    assert line is None or "\n" not in line
