"""Control characters never stored (issue 15 §5), and never printed raw by the command line."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from worker.cli import printable
from worker.pipeline.controls import strip_body_controls, strip_line_controls
from worker.pipeline.document import ExtractedDocument, SourceInfo
from worker.pipeline.extract import extract_documents, finish_document

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x00\r"
text_with_controls = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from(list(HOSTILE) + ["\n", "\t"])), max_size=300
)


@given(text_with_controls)
def test_bodies_keep_only_newline_and_tab(text: str) -> None:
    cleaned = strip_body_controls(text)
    assert not CONTROL.search(cleaned.replace("\n", "").replace("\t", ""))
    assert strip_body_controls(cleaned) == cleaned


@given(text_with_controls)
def test_one_line_values_keep_no_control_at_all(text: str) -> None:
    cleaned = strip_line_controls(text)
    assert cleaned is None or not CONTROL.search(cleaned)


@settings(deadline=None)  # the first call loads the language detector
@given(text_with_controls, text_with_controls)
def test_finished_documents_hold_no_terminal_controls(title: str, extra: str) -> None:
    body = "Council members voted on the budget for schools and roads on Tuesday. " + extra
    document = finish_document(ExtractedDocument(title=title, text=body, extractor="test", site=extra, authors=[title]))
    assert document.title is None or not CONTROL.search(document.title)
    assert document.site is None or not CONTROL.search(document.site)
    assert not any(CONTROL.search(name) for name in document.authors)
    assert not CONTROL.search(document.text.replace("\n", "").replace("\t", ""))


@given(text_with_controls)
def test_printable_escapes_everything_a_terminal_would_act_on(text: str) -> None:
    assert not CONTROL.search(printable(text).replace("\n", "").replace("\t", ""))


def test_feed_titles_as_character_references_are_cleaned() -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed &#x1b;]0;x&#x07;</title>'
        b"<item><title>&#x1b;[2JCleared &#27;]0;t&#7;</title><guid>1</guid>"
        b"<description>Council members voted on the budget for schools and roads on Tuesday.</description>"
        b"</item></channel></rss>"
    )
    [document] = extract_documents(feed, SourceInfo(source="f.xml", kind="file"))
    assert document.title == "[2JCleared ]0;t"
    assert document.site == "Feed ]0;x"


def test_text_file_titles_are_cleaned() -> None:
    raw = b"\x1b]0;Owned\x07Budget vote\x1b[2J\n\nCouncil members voted on the budget for schools and roads.\n"
    [document] = extract_documents(raw, SourceInfo(source="a.txt", kind="file"))
    assert document.title == "]0;Owned Budget vote [2J"
