"""Extraction quality on 990 real pages: the text newsworker stores, beside bare trafilatura, in one run.

    python -m bench.extraction_real [--limit N] [--output bench/results/extraction_real.json]

Every page of `../shared/corpus/trafilatura-eval.tar.xz` (unpacked into ~/.cache/newsworker) goes through the
real pipeline (`Ingestor.ingest_file`, what `newsworker ingest` runs) into a fresh SQLite database, and the
article text the database keeps is scored. Beside it, on the same pages in the same run: bare
`trafilatura.extract(raw_bytes)` with its defaults, with `include_comments=False`, and with `fast=True`
(`--stored-full`: the pipeline once more with trafilatura's full cascade on every page, as before fast mode).

The score is trafilatura's own evaluation (see ../shared/corpus/README.md): each "with" snippet found in the
text is a true positive, each one missing a false negative; each "without" snippet found is a false
positive, each one absent a true negative. Whitespace is folded on both sides before the search, since the
store separates paragraphs with a blank line and `extract()` with a newline. A page that yields no text
scores every "with" snippet as missed. Precision, recall, F1 and accuracy are over all snippets.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tests.support.real_corpus import RealPage, real_pages, unpack_real_corpus

DEFAULT_OUTPUT = Path(__file__).parent / "results" / "extraction_real.json"
BARE_CONFIGURATIONS: dict[str, dict[str, Any]] = {
    "bare default": {},
    "bare include_comments=False": {"include_comments": False},
    "bare fast=True": {"fast": True},
}
STORED = "stored (newsworker)"
STORED_FULL = "stored, full cascade on every page"


@dataclass
class Score:
    """Snippet counts over pages, and the pages where a snippet was scored wrong (for finding losses)."""

    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    true_negatives: int = 0
    seconds: float = 0.0
    empty_pages: int = 0
    missed: dict[str, list[str]] = field(default_factory=dict)  # page file -> "with" snippets not found
    leaked: dict[str, list[str]] = field(default_factory=dict)  # page file -> "without" snippets found

    def add(self, page: RealPage, text: str | None) -> None:
        folded = fold(text or "")
        if not folded:
            self.empty_pages += 1
        for snippet in page.with_snippets:
            if fold(snippet) in folded:
                self.true_positives += 1
            else:
                self.false_negatives += 1
                self.missed.setdefault(page.path.name, []).append(snippet)
        for snippet in page.without_snippets:
            if fold(snippet) in folded:
                self.false_positives += 1
                self.leaked.setdefault(page.path.name, []).append(snippet)
            else:
                self.true_negatives += 1

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def accuracy(self) -> float:
        total = self.true_positives + self.false_negatives + self.false_positives + self.true_negatives
        return (self.true_positives + self.true_negatives) / total if total else 0.0


def fold(text: str) -> str:
    return " ".join(text.split())


FULL_CASCADE_RUNS: list[bool] = []  # per page extracted: whether the full cascade ran after fast mode


def stored_texts(
    pages: list[RealPage], full_cascade_below: int | None = None
) -> tuple[dict[str, str | None], dict[str, str], float]:
    """(page file -> stored article text or None, page file -> rejection reason, seconds) through the real pipeline.

    `full_cascade_below` replaces the worker's FULL_EXTRACTION_BELOW_CHARS for this run only (a huge value: the
    full cascade on every page, as before fast mode). FULL_CASCADE_RUNS records how often the full cascade ran.
    """
    from worker.pipeline import extract_html

    saved = extract_html.FULL_EXTRACTION_BELOW_CHARS, extract_html.extract_main_text
    if full_cascade_below is not None:
        extract_html.FULL_EXTRACTION_BELOW_CHARS = full_cascade_below
    FULL_CASCADE_RUNS.clear()

    def counted(tree: Any, url: str | None = None) -> Any:
        extraction = saved[1](tree, url)
        FULL_CASCADE_RUNS.append(extraction is None or extraction.full_cascade)
        return extraction

    extract_html.extract_main_text = counted  # type: ignore[assignment]
    try:
        return _ingest_and_read_back(pages)
    finally:
        extract_html.FULL_EXTRACTION_BELOW_CHARS, extract_html.extract_main_text = saved


def _ingest_and_read_back(pages: list[RealPage]) -> tuple[dict[str, str | None], dict[str, str], float]:
    from sqlalchemy import select

    from worker.config import load_settings
    from worker.ingest import Ingestor
    from worker.store.models import Article

    texts: dict[str, str | None] = {}
    reasons: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="newsworker-extraction-real-") as home:
        settings = load_settings({"NEWSWORKER_HOME": home, "DATABASE_URL": f"sqlite:///{home}/bench.db"})
        ingestor = Ingestor(settings)
        ingestor.pipeline  # noqa: B018  (load the tagger before the clock starts)
        started = time.perf_counter()
        article_ids: dict[str, int] = {}
        for page in pages:
            outcome = ingestor.ingest_file(page.path)
            if outcome.documents:
                article_ids[page.path.name] = outcome.documents[0].article_id
            else:
                reasons[page.path.name] = outcome.reason or outcome.status
        seconds = time.perf_counter() - started
        with ingestor.database.session() as session:
            stored = {row.id: row.text for row in session.execute(select(Article.id, Article.text))}
        ingestor.database.dispose()
    for page in pages:
        article_id = article_ids.get(page.path.name)
        texts[page.path.name] = stored.get(article_id) if article_id is not None else None
    return texts, reasons, seconds


def bare_texts(pages: list[RealPage], options: dict[str, Any]) -> tuple[dict[str, str | None], float]:
    """(page file -> `trafilatura.extract(raw bytes, **options)`, seconds)."""
    import trafilatura

    texts: dict[str, str | None] = {}
    started = time.perf_counter()
    for page in pages:
        texts[page.path.name] = trafilatura.extract(page.path.read_bytes(), **options)
    return texts, time.perf_counter() - started


def score(pages: list[RealPage], texts: dict[str, str | None], seconds: float) -> Score:
    result = Score(seconds=seconds)
    for page in pages:
        result.add(page, texts.get(page.path.name))
    return result


def run(limit: int | None, log: Callable[[str], None], stored_full: bool = False) -> dict[str, Any]:
    folder = unpack_real_corpus()
    pages = real_pages(folder)[:limit] if limit else real_pages(folder)
    log(f"{len(pages)} pages from {folder}")
    scores: dict[str, Score] = {}
    texts, reasons, seconds = stored_texts(pages)
    scores[STORED] = score(pages, texts, seconds)
    full_runs = {"pages_extracted": len(FULL_CASCADE_RUNS), "full_cascade": sum(FULL_CASCADE_RUNS)}
    log(f"{STORED}: {seconds:.1f} s, {len(reasons)} rejected; full cascade after fast mode on {full_runs}")
    if stored_full:
        full_texts, _reasons, seconds = stored_texts(pages, full_cascade_below=sys.maxsize)
        scores[STORED_FULL] = score(pages, full_texts, seconds)
        log(f"{STORED_FULL}: {seconds:.1f} s")
    for name, options in BARE_CONFIGURATIONS.items():
        bare, seconds = bare_texts(pages, options)
        scores[name] = score(pages, bare, seconds)
        log(f"{name}: {seconds:.1f} s")
    return {
        "pages": len(pages),
        "corpus": str(folder),
        "full_cascade_runs": full_runs,
        "scores": scores,
        "rejected": reasons,
    }


def print_table(result: dict[str, Any]) -> None:
    scores: dict[str, Score] = result["scores"]
    baseline = scores["bare default"]
    print(
        f"{result['pages']} real pages; snippets: {baseline.true_positives + baseline.false_negatives} with, "
        f"{baseline.false_positives + baseline.true_negatives} without"
    )
    print(f"{'':32} {'precision':>9} {'recall':>7} {'F1':>7} {'accuracy':>8} {'F1/bare':>8} {'empty':>6} {'s':>6}")
    for name, item in scores.items():
        print(
            f"{name:32} {item.precision:9.4f} {item.recall:7.4f} {item.f1:7.4f} {item.accuracy:8.4f} "
            f"{item.f1 / baseline.f1 if baseline.f1 else 0:8.4f} {item.empty_pages:6d} {item.seconds:6.1f}"
        )
    print(f"stored text: {len(result['rejected'])} pages rejected (no article stored)")
    runs = result["full_cascade_runs"]
    print(f"full cascade after fast mode: {runs['full_cascade']} of {runs['pages_extracted']} pages extracted")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by file name)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--stored-full", action="store_true", help="also run the pipeline with the full cascade on every page (before)"
    )
    args = parser.parse_args(argv)
    result = run(
        args.limit,
        lambda message: print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr),
        stored_full=args.stored_full,
    )
    print_table(result)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    serialisable = {
        **result,
        "scores": {
            name: {
                **asdict(item),
                "precision": item.precision,
                "recall": item.recall,
                "f1": item.f1,
                "accuracy": item.accuracy,
            }
            for name, item in result["scores"].items()
        },
    }
    args.output.write_text(json.dumps(serialisable, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"details (missed and leaked snippets per page): {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
