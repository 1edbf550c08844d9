"""The per-file entry cap (issue 15 §3): counted on what the parser sees, whatever the encoding or prefix."""

from __future__ import annotations

import pytest

from worker.errors import InputTooLargeError
from worker.pipeline.document import SourceInfo
from worker.pipeline.extract import MAX_FEED_FILE_ENTRIES, extract_documents
from worker.pipeline.feeds import count_entry_starts

SOURCE = SourceInfo(source="feed.xml", kind="file")
BODY = "Council members met on Tuesday to vote on the budget for schools and roads."


def rss(items: int) -> str:
    entries = "".join(
        f"<item><title>Story {n}</title><guid>g{n}</guid><description>{BODY} {n}</description></item>"
        for n in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{entries}</channel></rss>'
    )


def prefixed_atom(entries: int) -> str:
    body = "".join(
        f"<a:entry><a:id>urn:{n}</a:id><a:title>Story {n}</a:title><a:content>{BODY} {n}</a:content></a:entry>"
        for n in range(entries)
    )
    return f'<?xml version="1.0"?><a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>T</a:title>{body}</a:feed>'


@pytest.mark.parametrize(
    ("label", "make"),
    [
        ("utf-16", lambda n: rss(n).replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")),
        ("prefixed atom", lambda n: prefixed_atom(n).encode()),
        ("prefixed atom in utf-16", lambda n: prefixed_atom(n).encode("utf-16")),
    ],
)
def test_entries_hidden_from_a_byte_count_are_counted(label: str, make) -> None:  # type: ignore[no-untyped-def]
    assert count_entry_starts(make(3)) == 3, label
    with pytest.raises(InputTooLargeError, match="per file"):
        extract_documents(make(MAX_FEED_FILE_ENTRIES + 1), SOURCE)


def test_a_feed_at_the_cap_is_read_whole() -> None:
    documents = extract_documents(prefixed_atom(40).encode("utf-16"), SOURCE)
    assert len(documents) == 40


def test_a_declared_undefined_codec_is_not_a_crash_in_the_safety_check() -> None:
    """Found by the feed-parsing property test: expat handed "undefined" to Python's codec, which raised."""
    from worker.pipeline.feeds import check_xml_safety

    check_xml_safety(b'<?xml version="1.0" encoding="undefined"?><rss version="2.0"><channel><item><title>')
