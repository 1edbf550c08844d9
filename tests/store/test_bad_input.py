"""The bad-input corpus, ingested in-process: every case is rejected with a readable reason or
stored correctly, and nothing stored before is harmed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.bad_inputs import MAX_FILE_BYTES_FOR_TESTS, good_article, write_corpus
from worker.store.models import Article

REPORT_ENV = "NEWSWORKER_RELIABILITY_REPORT"


@pytest.fixture
def settings_env(settings_env: dict[str, str]) -> dict[str, str]:
    settings_env["NEWSWORKER_MAX_FILE_BYTES"] = str(MAX_FILE_BYTES_FOR_TESTS)
    return settings_env


def test_every_bad_input_is_accounted_for(ingestor, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = ingestor.ingest_file(_write(tmp_path / "before.txt", good_article("Before")))
    assert before.status == "stored"
    with database.session() as session:
        stored_before = {a.id: (a.content_hash, a.text) for a in session.scalars(select(Article))}

    corpus = tmp_path / "corpus"
    cases = write_corpus(corpus)
    assert len(cases) >= 30
    results = []
    for case in cases:
        outcome = ingestor.ingest_file(corpus / case.relative_path, inbox=corpus)  # as `ingest FOLDER` does
        results.append(
            {"kind": case.kind, "expected": case.expected, "status": outcome.status, "reason": outcome.reason}
        )
        if case.expected == "rejected":
            assert outcome.status == "rejected", (case.kind, outcome)
            assert outcome.reason and case.reason_hint.lower() in outcome.reason.lower(), (case.kind, outcome.reason)
        else:
            assert outcome.status in ("stored", "duplicate", "near-duplicate"), (case.kind, outcome.reason)

    after = ingestor.ingest_file(_write(tmp_path / "after.txt", good_article("After")))
    assert after.status == "stored"
    with database.session() as session:
        for article_id, (content_hash, text) in stored_before.items():
            article = session.get(Article, article_id)
            assert article is not None and (article.content_hash, article.text) == (content_hash, text)

    _report(results)


def test_text_in_other_scripts_survives(ingestor, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    expected = {"arabic.txt": "الميزانية", "japanese.txt": "図書館", "lying-charset.html": "Корреспондент"}
    for name, fragment in expected.items():
        outcome = ingestor.ingest_file(corpus / name)
        with database.session() as session:
            article = session.get(Article, outcome.documents[0].article_id)
            assert article is not None and fragment in article.text, name


def _write(path: Path, raw: bytes) -> Path:
    path.write_bytes(raw)
    return path


def _report(results: list[dict[str, str | None]]) -> None:
    """Append the observed outcomes for docs/reliability.md when the report is being built."""
    import os

    target = os.environ.get(REPORT_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"test": "bad-input in-process", "results": results}) + "\n")
