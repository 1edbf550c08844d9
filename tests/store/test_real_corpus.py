"""All 990 real pages of ../shared/corpus/trafilatura-eval.tar.xz through the real in-process pipeline.

What `newsworker ingest DIR` runs (`Ingestor.ingest_file`, page by page) into a real database: SQLite, and
PostgreSQL too when TEST_DATABASE_URL is set. No exception may escape, no page may end as an internal `error`,
and every page must end with one outcome: an article stored (or found a duplicate), or a rejection recorded
with a reason.
About a minute per database; marked `slow` so `pytest -m "not slow"` can leave it out.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.support.real_corpus import CORPUS_TARBALL, DEFAULT_CACHE, real_pages, unpack_real_corpus

# About a minute per database alone; several times that on a loaded 2-core machine: past the default 300 s.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]

MARKUP = re.compile(r"</?[A-Za-z][^<>]*>")
STORED_STATUSES = {"stored", "duplicate", "near-duplicate"}


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    if not CORPUS_TARBALL.resolve().is_file():
        pytest.skip(f"the real corpus is absent: no {CORPUS_TARBALL.resolve()} (../shared/corpus beside the repo)")
    return unpack_real_corpus(DEFAULT_CACHE)


def test_every_real_page_is_stored_or_rejected_with_a_reason(real_corpus: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from worker.ingest import Ingestor
    from worker.store.models import Article, Rejection, Sighting

    pages = real_pages(real_corpus)
    assert len(pages) == 990
    ingestor = Ingestor(settings)
    escaped: dict[str, str] = {}
    internal_errors: dict[str, str] = {}
    outcomes: dict[str, str] = {}
    unexplained: list[str] = []
    for page in pages:
        try:
            outcome = ingestor.ingest_file(page.path)
        except Exception:  # the point of the test: name every page that escapes, not just the first
            escaped[page.path.name] = traceback.format_exc(limit=-3)
            continue
        outcomes[page.path.name] = outcome.status
        if outcome.status == "error":
            internal_errors[page.path.name] = outcome.failure.report() if outcome.failure else str(outcome.reason)
        elif outcome.status == "rejected" and not (outcome.reason or "").strip():
            unexplained.append(page.path.name)
        elif outcome.status not in STORED_STATUSES | {"rejected"}:
            unexplained.append(f"{page.path.name}: {outcome.status} {outcome.reason}")
    assert not escaped, f"{len(escaped)} pages raised:\n" + "\n".join(f"{k}:\n{v}" for k, v in escaped.items())
    assert not internal_errors, f"{len(internal_errors)} internal errors:\n" + "\n".join(
        f"{name}: {report}" for name, report in internal_errors.items()
    )
    assert not unexplained, unexplained
    assert len(outcomes) == len(pages)

    # One outcome per page, as the database records it: a sighting of a stored article, or a rejection.
    with ingestor.database.session() as session:
        sighted = set(session.scalars(select(Sighting.source).distinct()))
        rejected = {row.source: row.reason for row in session.execute(select(Rejection.source, Rejection.reason))}
        articles = session.scalar(select(func.count()).select_from(Sighting))
        titles = list(session.scalars(select(Article.title)))
    ingestor.database.dispose()
    for page in pages:
        source = str(page.path)
        assert (source in sighted) != (source in rejected), f"{page.path.name}: sighted and rejected, or neither"
        if source in rejected:
            assert rejected[source].strip()
    stored = sum(1 for status in outcomes.values() if status in STORED_STATUSES)
    assert stored == len(sighted) and articles
    markup_titles = [title for title in titles if title and MARKUP.search(title)]
    assert not markup_titles, markup_titles  # never `<script>...` as an article's title
    assert stored > 900, f"only {stored} of 990 real pages stored: {sorted(rejected.values())[:20]}"
