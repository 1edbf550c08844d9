"""The sentence a task result gives for its outcome."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from worker.ingest import DocumentOutcome, InputOutcome
from worker.outcome_text import TITLE_LIMIT, describe_outcome, outcome_sentence, quoted_title

HASH = "0" * 64


def test_stored_names_the_article_and_its_title() -> None:
    outcome = InputOutcome("a.html", "stored", [DocumentOutcome("stored", 12, HASH, "What Iranians Want From Trump")])
    assert describe_outcome(outcome) == 'stored #12 "What Iranians Want From Trump"'


def test_rejected_gives_the_reason() -> None:
    outcome = InputOutcome("empty.txt", "rejected", reason="the file is empty or holds only whitespace")
    assert describe_outcome(outcome) == "rejected: the file is empty or holds only whitespace"


def test_duplicate_and_near_duplicate() -> None:
    assert outcome_sentence("duplicate", article_id=3, title="Budget") == 'duplicate of #3 "Budget"'
    assert (
        outcome_sentence("near-duplicate", article_id=9, title="Budget", near_duplicate_of=3)
        == 'stored #9 "Budget", a near-duplicate of #3'
    )


def test_the_best_document_speaks_for_a_feed_of_several() -> None:
    outcome = InputOutcome(
        "feed.xml",
        "stored",
        [DocumentOutcome("duplicate", 1, HASH, "Old"), DocumentOutcome("stored", 7, HASH, "New"),
         DocumentOutcome("stored", 8, HASH, "Newer")],
    )  # fmt: skip
    assert describe_outcome(outcome) == 'stored #7 "New" (and 2 more documents)'


def test_untitled_and_missing_outcomes() -> None:
    assert outcome_sentence("stored", article_id=4, title="  ") == "stored #4 (untitled)"
    assert outcome_sentence(None) == "no outcome yet"
    assert outcome_sentence("imported", reason="an OPML list: 2 feeds added") == "imported: an OPML list: 2 feeds added"


@given(st.text())
def test_a_title_is_one_bounded_line(title: str) -> None:
    shown = quoted_title(title)
    assert "\n" not in shown and "\r" not in shown
    assert len(shown) <= TITLE_LIMIT + 2
