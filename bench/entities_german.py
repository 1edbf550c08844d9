"""German pages of the real corpus: how many common nouns the tagger takes for names, English rules against the
German mode, and what the German mode costs in time.

    python -m bench.entities_german            # unpacks ../shared/corpus/trafilatura-eval.tar.xz once

Each page goes through the worker's own extraction (language detection included); the pages detected as German
are tagged twice, with language "en" (what every German page got before the German mode) and "de". A tagged
entity counts as a common noun when it is one word and an inflected form of a German common noun in
german-nouns (all ~100,000 Wiktionary nouns, not only the frequent ones the tagger ships; when german-nouns is
not installed, the shipped list is the judge and the script says so). Also prints how many pages in each
language get no entities at all (languages without a tagger).
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections import Counter
from pathlib import Path

from tests.support.real_corpus import real_pages, unpack_real_corpus
from worker.errors import IngestError
from worker.pipeline.document import ExtractedDocument, SourceInfo
from worker.pipeline.entities import EntityCount, primary_language
from worker.pipeline.entities.builtin import BuiltinTagger
from worker.pipeline.entities.gazetteer import load_german_common_nouns
from worker.pipeline.extract import extract_documents
from worker.pipeline.words import count_words

TIMING_ROUNDS = 5


def german_noun_judge() -> tuple[frozenset[str], str]:
    if importlib.util.find_spec("german_nouns") is not None:
        from tools.build_german import noun_forms

        common, _proper = noun_forms()
        return frozenset(common), "german-nouns (every Wiktionary common noun)"
    return load_german_common_nouns(), "the shipped list (german-nouns not installed)"


def extracted(folder: Path) -> list[ExtractedDocument]:
    documents = []
    for page in real_pages(folder):
        try:
            documents.extend(extract_documents(page.path.read_bytes(), SourceInfo(str(page.path), "file")))
        except IngestError:
            continue
    return documents


def common_nouns(entities: list[EntityCount], judge: frozenset[str]) -> list[str]:
    return [e.name for e in entities if " " not in e.name and e.name.lower() in judge]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=15, help="how many of the most frequent entities to list")
    args = parser.parse_args(argv)

    documents = extracted(unpack_real_corpus())
    languages = Counter(primary_language(d.language) or "unknown" for d in documents)
    tagger = BuiltinTagger()
    untagged = {lang: n for lang, n in languages.items() if lang != "unknown" and not tagger.supports(lang)}
    print(f"{len(documents)} documents extracted; languages: {dict(languages.most_common())}")
    print(
        f"left untagged (no tagger for the language): {sum(untagged.values())} documents in {len(untagged)} languages"
    )

    german = [d for d in documents if primary_language(d.language) == "de"]
    words = sum(count_words(d.text) for d in german)
    judge, judge_name = german_noun_judge()
    print(f"\n{len(german)} German documents, {words} words; common nouns judged by {judge_name}")
    for mode in ("en", "de"):
        per_article: Counter[str] = Counter()
        nouns: Counter[str] = Counter()
        total = 0
        for document in german:
            entities = tagger.tag(document.text, title=document.title, language=mode)
            total += len(entities)
            per_article.update({e.name for e in entities})
            nouns.update(common_nouns(entities, judge))
        noun_total = sum(nouns.values())
        share = noun_total / total if total else 0.0
        print(
            f"\nrules {mode}: {total} entities, {noun_total} common nouns among them ({share:.1%}), "
            f"{len(nouns)} distinct"
        )
        print(
            "  most frequent entities (articles): "
            + ", ".join(f"{n} ({c})" for n, c in per_article.most_common(args.top))
        )
        print("  most frequent common nouns: " + ", ".join(f"{n} ({c})" for n, c in nouns.most_common(args.top)))

    thousand_words = words / 1000
    for mode in ("en", "de"):
        best = min(_timed(tagger, german, mode) for _ in range(TIMING_ROUNDS))
        print(
            f"tagging with rules {mode}: {best * 1000 / thousand_words:.2f} ms per 1,000 words (best of {TIMING_ROUNDS})"
        )
    return 0


def _timed(tagger: BuiltinTagger, documents: list[ExtractedDocument], mode: str) -> float:
    started = time.perf_counter()
    for document in documents:
        tagger.tag(document.text, title=document.title, language=mode)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
