"""What became of an input, in words: the sentence a person reads in Flower's task result and in logs.

Pure functions over plain values, no Celery: `stored #12 "What Iranians Want From Trump"`,
`rejected: the file is empty or holds only whitespace`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from worker.states import Outcome

if TYPE_CHECKING:
    from worker.ingest import InputOutcome

TITLE_LIMIT = 80


def quoted_title(title: str | None, limit: int = TITLE_LIMIT) -> str:
    """The title in double quotes on one line, cut to `limit` characters with an ellipsis; `(untitled)` if none."""
    text = " ".join((title or "").split())
    if not text:
        return "(untitled)"
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f'"{text}"'


def outcome_sentence(
    status: str | None,
    *,
    article_id: int | None = None,
    title: str | None = None,
    reason: str | None = None,
    near_duplicate_of: int | None = None,
    more_documents: int = 0,
) -> str:
    """One line saying what became of an input, from its status and its first document."""
    article = f"#{article_id} {quoted_title(title)}" if article_id is not None else quoted_title(title)
    if status == Outcome.STORED:
        text = f"stored {article}"
    elif status == Outcome.DUPLICATE:
        text = f"duplicate of {article}"
    elif status == Outcome.NEAR_DUPLICATE:
        of = f" of #{near_duplicate_of}" if near_duplicate_of is not None else ""
        text = f"stored {article}, a near-duplicate{of}"
    elif status in (Outcome.REJECTED, Outcome.ERROR, Outcome.IMPORTED):
        return f"{status}: {reason or 'no reason given'}"
    elif status is None:
        return "no outcome yet"
    else:
        text = f"{status} {article}"
    if more_documents > 0:
        text += f" (and {more_documents} more document{'s' if more_documents != 1 else ''})"
    return text


def describe_outcome(outcome: InputOutcome) -> str:
    """The sentence for an ingested input (its first document speaks for the rest)."""
    first = next((d for d in outcome.documents if d.status == outcome.status), None) or next(
        iter(outcome.documents), None
    )
    if first is None:
        return outcome_sentence(outcome.status, reason=outcome.reason)
    return outcome_sentence(
        outcome.status,
        article_id=first.article_id,
        title=first.title,
        reason=outcome.reason,
        near_duplicate_of=first.near_duplicate_of,
        more_documents=len(outcome.documents) - 1,
    )
