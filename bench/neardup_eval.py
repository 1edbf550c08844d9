"""How well near-duplicate detection finds republished stories, and what it costs; sweeps its settings.

Builds the synthetic corpus (tests/support/neardup_corpus.py), shuffles every document into one arrival order, and feeds
them one by one through an in-memory index that mimics the store's `(band_key, article_id)` table: a document's
candidates are the earlier documents sharing any band key, and a candidate at or above the threshold is a match.

    python -m bench.neardup_eval                 # 1,000 stories; a few minutes on one core
    python -m bench.neardup_eval --quick         # 200 stories
    python -m bench.neardup_eval --output /tmp/neardup.json

Definitions (see docs/quality.md):

- gold pairs: every two documents of the same story (the original and its variants, in any order).
- a link: what the worker stores as `near_duplicate_of`; each document links to at most one earlier document.
  "first-seen" links to the earliest match (what `best_match` does and the store keeps); "most-similar" links
  to the match with the highest estimated similarity.
- link precision: links whose two documents are from the same story / all links.
- link recall: documents linked to an earlier document of their own story / documents that have one.
- pair recall and pair precision: documents joined by links form groups (following `near_duplicate_of` chains);
  predicted pairs are every two documents in one group; recall = gold pairs in one group / gold pairs,
  precision = gold pairs in one group / predicted pairs.
- direct pair recall: gold pairs whose later document found the earlier one as a candidate at or above the
  threshold (what the detector sees, before any linking).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tests.support.neardup_corpus import Story, generate_stories
from worker.pipeline.neardup import (
    CandidateBounds,
    NearDupSettings,
    band_keys,
    best_match,
    bounded_candidates,
    fingerprint,
    shingle_hashes,
    signature_slots,
)

DEFAULT_OUTPUT = Path("bench/results/neardup.json")
FULL_STORIES = 1000
QUICK_STORIES = 200
SHINGLE_SIZES = (2, 3, 4, 5)
BAND_COUNTS = (16, 32, 36, 42, 64)  # with 128 slots: 16 x 8, 32 x 4, 36 x 3 (108 slots used), 42 x 3 (126), 64 x 2
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
TARGET_RECALL = 0.95
TARGET_PRECISION = 0.99
MIN_PASSING_THRESHOLDS = 3
COST_TOLERANCE = 0.25


@dataclass(frozen=True)
class Document:
    """One document in arrival order: its id is its position, as an autoincrement article id would be."""

    doc_id: int
    story_id: int
    variant_index: int  # 0 is the original
    kind: str
    text: str


@dataclass(frozen=True)
class Lookup:
    """What one document's lookup found: the earlier documents sharing a band key, and their similarities."""

    candidate_ids: npt.NDArray[np.int64]
    similarities: npt.NDArray[np.float64]


@dataclass(frozen=True)
class Scores:
    """The figures for one setting and one linking policy."""

    link_precision: float
    link_recall: float
    pair_precision: float
    pair_recall: float
    links: int
    wrong_links: int


class BandIndex:
    """An in-memory stand-in for the store's indexed `(band_key, article_id)` table."""

    def __init__(self) -> None:
        self.ids_by_key: dict[int, list[int]] = defaultdict(list)

    def candidates(self, keys: Iterable[int], bounds: CandidateBounds | None = None) -> list[int]:
        """The ids sharing any of the keys, each once, in id order (SELECT DISTINCT article_id ... WHERE band_key IN);
        with `bounds`, only those the store's bounded lookup reads (the window apart: these documents have no
        dates)."""
        if bounds is not None:
            postings = (self.ids_by_key.get(key, ()) for key in set(keys))  # each list in id order: appended so
            return bounded_candidates(postings, 0, bounds.per_key, bounds.limit)
        found: set[int] = set()
        for key in keys:
            found.update(self.ids_by_key.get(key, ()))
        return sorted(found)

    def add(self, doc_id: int, keys: Iterable[int]) -> None:
        """Record a document's keys."""
        for key in keys:
            self.ids_by_key[key].append(doc_id)


def arrival_order(stories: Sequence[Story], seed: int) -> list[Document]:
    """Every variant of every story, shuffled: republished versions arrive among other stories, and sometimes
    before the original."""
    entries = [
        (story.story_id, index, kind, text)
        for story in stories
        for index, (text, kind) in enumerate(zip(story.variants, story.variant_kinds, strict=True))
    ]
    random.Random(f"neardup-arrival:{seed}").shuffle(entries)
    return [Document(doc_id, *entry) for doc_id, entry in enumerate(entries)]


def fingerprint_all(documents: Sequence[Document], settings: NearDupSettings) -> tuple[list[bytes], list[float]]:
    """(signature, CPU milliseconds to compute it) for every document.

    CPU time rather than wall time: on a shared machine the wall clock also counts the time other processes
    held the core.
    """
    signatures, timings = [], []
    for document in documents:
        start = time.process_time()
        signatures.append(fingerprint(document.text, settings))
        timings.append((time.process_time() - start) * 1000)
    return signatures, timings


def run_lookups(signatures: Sequence[bytes], settings: NearDupSettings) -> list[Lookup]:
    """Each document's candidates and their estimated similarities, feeding documents through the index in order.

    Similarities are computed for all candidates at once (the same formula as `similarity`), so one pass serves
    every threshold of the sweep.
    """
    slots = np.stack([signature_slots(signature) for signature in signatures])
    index = BandIndex()
    lookups = []
    for doc_id, signature in enumerate(signatures):
        keys = band_keys(signature, settings)
        candidate_ids = np.array(index.candidates(keys), dtype=np.int64)
        similarities = (slots[candidate_ids] == slots[doc_id]).mean(axis=1) if candidate_ids.size else np.zeros(0)
        lookups.append(Lookup(candidate_ids, similarities))
        index.add(doc_id, keys)
    return lookups


def links_for(lookups: Sequence[Lookup], threshold: float, policy: str) -> list[int | None]:
    """Each document's link (an earlier doc_id) or None: the earliest match, or the most similar one."""
    links: list[int | None] = []
    for lookup in lookups:
        matching = lookup.similarities >= threshold
        if not matching.any():
            links.append(None)
        elif policy == "first-seen":
            links.append(int(lookup.candidate_ids[matching].min()))
        else:
            # argmax returns the first maximum, and candidates are in id order: ties go to the earliest.
            best = int(np.argmax(np.where(matching, lookup.similarities, -1.0)))
            links.append(int(lookup.candidate_ids[best]))
    return links


def _group_roots(links: Sequence[int | None]) -> list[int]:
    """The group of each document when links are followed to their end (union-find over the links)."""
    parent = list(range(len(links)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for doc_id, link in enumerate(links):
        if link is not None:
            parent[root(doc_id)] = root(link)
    return [root(doc_id) for doc_id in range(len(links))]


def _pairs(count: int) -> int:
    """How many pairs `count` items make."""
    return count * (count - 1) // 2


def score(documents: Sequence[Document], links: Sequence[int | None]) -> Scores:
    """Link and pair precision and recall of a set of links (definitions in the module docstring)."""
    story_of = [document.story_id for document in documents]
    seen_stories: set[int] = set()
    should_link = linked_right = links_made = wrong = 0
    for doc_id, link in enumerate(links):
        has_earlier = story_of[doc_id] in seen_stories
        seen_stories.add(story_of[doc_id])
        should_link += has_earlier
        if link is not None:
            links_made += 1
            if story_of[link] == story_of[doc_id]:
                linked_right += 1
            else:
                wrong += 1
    roots = _group_roots(links)
    group_sizes = Counter(roots)
    story_sizes = Counter(story_of)
    both = Counter(zip(roots, story_of, strict=True))  # documents per (group, story)
    predicted = sum(_pairs(size) for size in group_sizes.values())
    gold = sum(_pairs(size) for size in story_sizes.values())
    correct = sum(_pairs(size) for size in both.values())
    return Scores(
        link_precision=linked_right / links_made if links_made else 1.0,
        link_recall=linked_right / should_link if should_link else 1.0,
        pair_precision=correct / predicted if predicted else 1.0,
        pair_recall=correct / gold if gold else 1.0,
        links=links_made,
        wrong_links=wrong,
    )


def direct_pair_recall(documents: Sequence[Document], lookups: Sequence[Lookup], threshold: float) -> float:
    """Gold pairs whose later document found the earlier as a candidate at or above the threshold / gold pairs."""
    story_of = np.array([document.story_id for document in documents])
    found = 0
    for doc_id, lookup in enumerate(lookups):
        same_story = story_of[lookup.candidate_ids] == story_of[doc_id]
        found += int(np.count_nonzero(same_story & (lookup.similarities >= threshold)))
    gold = sum(_pairs(size) for size in Counter(story_of.tolist()).values())
    return found / gold if gold else 1.0


def candidate_counts(documents: Sequence[Document], lookups: Sequence[Lookup]) -> dict[str, float]:
    """Candidates examined per lookup (mean, 95th percentile, maximum), and how many were from other stories.

    Other-story candidates are the cost that grows with the archive: `other_story_per_1000` is their mean per
    1,000 documents already indexed, to scale the figure to an archive of any size.
    """
    counts = np.array([lookup.candidate_ids.size for lookup in lookups])
    story_of = np.array([document.story_id for document in documents])
    other = np.array(
        [np.count_nonzero(story_of[lookup.candidate_ids] != story_of[doc_id]) for doc_id, lookup in enumerate(lookups)]
    )
    indexed = np.arange(len(lookups))  # documents in the index when each lookup ran
    return {
        "mean": float(counts.mean()),
        "p95": float(np.percentile(counts, 95)),
        "max": int(counts.max()),
        "other_story_mean": float(other.mean()),
        "other_story_per_1000": float(other.sum() / max(indexed.sum(), 1) * 1000),
    }


def meets_targets(row: dict[str, object]) -> bool:
    """Whether a sweep row reaches the recall and precision targets with the first-seen policy the store uses."""
    first_seen = row["first-seen"]
    assert isinstance(first_seen, dict)
    return (
        first_seen["link_recall"] >= TARGET_RECALL
        and first_seen["pair_recall"] >= TARGET_RECALL
        and first_seen["link_precision"] >= TARGET_PRECISION
        and first_seen["pair_precision"] >= TARGET_PRECISION
    )


def pick_setting(rows: Sequence[dict[str, object]]) -> dict[str, object] | None:
    """The row to recommend, or None if no row meets the targets.

    1. Eligible: the (shingle size, bands) configurations that meet the targets at MIN_PASSING_THRESHOLDS or more
       thresholds of the grid, so the chosen threshold has slack on both sides.
    2. Cheapest: the fewest other-story candidates per 1,000 indexed documents (the lookup cost that grows with
       the archive). Within COST_TOLERANCE of the cheapest counts as a tie: that figure is lumpy, since one shared
       paragraph can make hundreds of pairs collide or not depending on the hash seed.
    3. Among the tied, the highest first-seen pair recall; then the middle of its passing thresholds (the lower
       middle when their number is even).
    """
    passing_by_config: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        if meets_targets(row):
            passing_by_config[str(row["config"])].append(row)
    eligible = [passing for passing in passing_by_config.values() if len(passing) >= MIN_PASSING_THRESHOLDS]
    if not eligible:
        return None

    def cost(passing: list[dict[str, object]]) -> float:
        candidates = passing[0]["candidates"]
        assert isinstance(candidates, dict)
        return float(candidates["other_story_per_1000"])

    def best_recall(passing: list[dict[str, object]]) -> float:
        return max(float(row["first-seen"]["pair_recall"]) for row in passing)  # type: ignore[index]

    cheapest = min(cost(passing) for passing in eligible)
    tied = [passing for passing in eligible if cost(passing) <= cheapest * (1 + COST_TOLERANCE) + 1e-9]
    best = max(tied, key=best_recall)
    by_threshold = sorted(best, key=lambda row: float(row["threshold"]))  # type: ignore[arg-type]
    return by_threshold[(len(by_threshold) - 1) // 2]


def sweep(documents: Sequence[Document], log: bool = True) -> list[dict[str, object]]:
    """Every (shingle size, bands, threshold) of the grid, scored under both linking policies."""
    rows: list[dict[str, object]] = []
    for shingle_size in SHINGLE_SIZES:
        signatures, timings = fingerprint_all(documents, NearDupSettings(shingle_size=shingle_size))
        for bands in BAND_COUNTS:
            base = NearDupSettings(shingle_size=shingle_size, bands=bands)
            lookups = run_lookups(signatures, base)
            candidates = candidate_counts(documents, lookups)
            for threshold in THRESHOLDS:
                row: dict[str, object] = {
                    "config": f"k={shingle_size} {bands}x{base.rows}",
                    "shingle_size": shingle_size,
                    "bands": bands,
                    "rows": base.rows,
                    "threshold": threshold,
                    "candidates": candidates,
                    "direct_pair_recall": direct_pair_recall(documents, lookups, threshold),
                }
                for policy in ("first-seen", "most-similar"):
                    row[policy] = asdict(score(documents, links_for(lookups, threshold, policy)))
                rows.append(row)
            if log:
                print(
                    f"  swept k={shingle_size} {bands}x{base.rows}: {candidates['mean']:.1f} candidates per lookup",
                    file=sys.stderr,
                )
    return rows


def evaluate_settings(documents: Sequence[Document], settings: NearDupSettings) -> dict[str, object]:
    """The figures for one setting, through the public API exactly as the worker will call it (with the store's
    candidate bounds, `CandidateBounds()`)."""
    signatures, timings = fingerprint_all(documents, settings)
    index = BandIndex()
    links: list[int | None] = []
    lookup_ms: list[float] = []
    bounds = CandidateBounds()
    for doc_id, signature in enumerate(signatures):
        start = time.process_time()
        keys = band_keys(signature, settings)
        candidate_ids = index.candidates(keys, bounds)
        link = best_match(signature, ((cid, signatures[cid]) for cid in candidate_ids), settings.threshold)
        lookup_ms.append((time.process_time() - start) * 1000)
        links.append(link)
        index.add(doc_id, keys)
    scores = score(documents, links)
    lookups = run_lookups(signatures, settings)
    missed = missed_by_kind(documents, links)
    word_counts = [len(document.text.split()) for document in documents]
    return {
        "settings": asdict(settings),
        "documents": len(documents),
        "first-seen": asdict(scores),
        "most-similar": asdict(score(documents, links_for(lookups, settings.threshold, "most-similar"))),
        "direct_pair_recall": direct_pair_recall(documents, lookups, settings.threshold),
        "candidates": candidate_counts(documents, lookups),
        "ms_per_fingerprint": {
            "mean": statistics.fmean(timings),
            "median": statistics.median(timings),
            "mean_words": statistics.fmean(word_counts),
        },
        "ms_per_lookup": {"mean": statistics.fmean(lookup_ms), "median": statistics.median(lookup_ms)},
        "similarity_gap": similarity_gap(documents, lookups),
        "missed_links_by_variant_kind": missed,
        "candidate_bounds": bounds_effect(documents, signatures, settings),
    }


PER_KEY_SWEEP = (None, 32, 16, 8, 4, 2, 1)


def bounds_effect(
    documents: Sequence[Document], signatures: Sequence[bytes], settings: NearDupSettings
) -> list[dict[str, object]]:
    """First-seen scores and candidates per lookup when each band key yields only its first `per_key` documents
    (None: every one), the store's candidate limit kept: how far the store's bound is from costing recall."""
    rows = []
    for per_key in PER_KEY_SWEEP:
        bounds = None if per_key is None else CandidateBounds(per_key=per_key)
        index = BandIndex()
        links: list[int | None] = []
        counts = []
        for doc_id, signature in enumerate(signatures):
            keys = band_keys(signature, settings)
            candidate_ids = index.candidates(keys, bounds)
            counts.append(len(candidate_ids))
            links.append(best_match(signature, ((cid, signatures[cid]) for cid in candidate_ids), settings.threshold))
            index.add(doc_id, keys)
        rows.append(
            {"per_key": per_key, "candidates_mean": statistics.fmean(counts), **asdict(score(documents, links))}
        )
    return rows


def missed_by_kind(documents: Sequence[Document], links: Sequence[int | None]) -> dict[str, int]:
    """How many documents with an earlier document of their story were not linked to one, by variant kind."""
    missed: Counter[str] = Counter()
    seen_stories: set[int] = set()
    for document, link in zip(documents, links, strict=True):
        if document.story_id in seen_stories and (link is None or documents[link].story_id != document.story_id):
            missed[_kind_family(document.kind)] += 1
        seen_stories.add(document.story_id)
    return dict(missed)


def _kind_family(kind: str) -> str:
    """A variant kind without its percentages, e.g. "edits 7% + trim 64%" -> "edits + trim"."""
    return " + ".join(part.split()[0] for part in kind.split(" + "))


def similarity_gap(documents: Sequence[Document], lookups: Sequence[Lookup]) -> dict[str, float]:
    """Among candidates: the lowest similarity within a story and the highest across stories (with percentiles)."""
    same: list[float] = []
    different: list[float] = []
    for doc_id, lookup in enumerate(lookups):
        for candidate, value in zip(lookup.candidate_ids.tolist(), lookup.similarities.tolist(), strict=True):
            (same if documents[candidate].story_id == documents[doc_id].story_id else different).append(value)
    return {
        "same_story_min": min(same, default=float("nan")),
        "same_story_p1": float(np.percentile(same, 1)) if same else float("nan"),
        "other_story_p99": float(np.percentile(different, 99)) if different else float("nan"),
        "other_story_max": max(different, default=float("nan")),
    }


def simhash64(shingles: npt.NDArray[np.uint64]) -> int:
    """The 64-bit SimHash of a set of shingle hashes: bit i is set when most shingles have bit i set."""
    if shingles.size == 0:
        return 0
    bits = np.unpackbits(shingles.astype("<u8").view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
    majority = (bits.sum(axis=0) * 2 > shingles.size).astype(np.uint8)
    return int(np.packbits(majority, bitorder="little").view("<u8")[0])


def _best_cut(gold_counts: npt.NDArray[np.int64], other_counts: npt.NDArray[np.int64]) -> dict[str, float]:
    """Given pair counts per score bucket (bucket 0 the most similar), the cut with the best recall at pairwise
    precision >= the target: pairs in buckets up to the cut are called duplicates."""
    gold_total = int(gold_counts.sum())
    true_positives, false_positives = np.cumsum(gold_counts), np.cumsum(other_counts)
    best = {"cut": -1, "recall": 0.0, "precision": 1.0}
    for cut in range(gold_counts.size):
        called = int(true_positives[cut] + false_positives[cut])
        precision = float(true_positives[cut]) / called if called else 1.0
        recall = float(true_positives[cut]) / gold_total if gold_total else 1.0
        if precision >= TARGET_PRECISION and recall > best["recall"]:
            best = {"cut": cut, "recall": recall, "precision": precision}
    return best


def minhash_versus_simhash(documents: Sequence[Document], settings: NearDupSettings) -> dict[str, object]:
    """How well each method separates same-story pairs from all other pairs, comparing every pair (no index).

    For MinHash, the pair score is the share of equal slots; for a 64-bit SimHash of the same shingles, the
    Hamming distance. Each gets its best recall at pairwise precision >= the target.
    """
    story_of = np.array([document.story_id for document in documents])
    slots = np.stack([signature_slots(fingerprint(document.text, settings)) for document in documents])
    simhashes = np.array(
        [simhash64(shingle_hashes(document.text, settings.shingle_size)) for document in documents], dtype=np.uint64
    )
    slots_count = settings.num_perm
    minhash_gold, minhash_other = np.zeros(slots_count + 1, np.int64), np.zeros(slots_count + 1, np.int64)
    simhash_gold, simhash_other = np.zeros(65, np.int64), np.zeros(65, np.int64)
    for doc_id in range(1, len(documents)):
        same_story = story_of[:doc_id] == story_of[doc_id]
        # Bucket 0 is the most similar: slots_count - equal slots, and the Hamming distance as it is.
        unequal = slots_count - (slots[:doc_id] == slots[doc_id]).sum(axis=1)
        distance = np.bitwise_count(simhashes[:doc_id] ^ simhashes[doc_id]).astype(np.int64)
        minhash_gold += np.bincount(unequal[same_story], minlength=slots_count + 1)
        minhash_other += np.bincount(unequal[~same_story], minlength=slots_count + 1)
        simhash_gold += np.bincount(distance[same_story], minlength=65)
        simhash_other += np.bincount(distance[~same_story], minlength=65)
    minhash_best = _best_cut(minhash_gold, minhash_other)
    simhash_best = _best_cut(simhash_gold, simhash_other)
    # similarity >= threshold  <=>  equal slots >= ceil(threshold * slots)  <=>  unequal slots <= that cut
    threshold_cut = slots_count - math.ceil(settings.threshold * slots_count - 1e-9)
    called_right = int(minhash_gold[: threshold_cut + 1].sum())
    called_wrong = int(minhash_other[: threshold_cut + 1].sum())
    return {
        "pairs": int(minhash_gold.sum() + minhash_other.sum()),
        "gold_pairs": int(minhash_gold.sum()),
        "minhash_at_threshold": {
            "threshold": settings.threshold,
            "recall": called_right / max(int(minhash_gold.sum()), 1),
            "precision": called_right / max(called_right + called_wrong, 1),
        },
        "minhash_best": {
            "min_similarity": (slots_count - minhash_best["cut"]) / slots_count,
            "recall": minhash_best["recall"],
            "precision": minhash_best["precision"],
        },
        "simhash64_best": {
            "max_hamming_distance": simhash_best["cut"],
            "recall": simhash_best["recall"],
            "precision": simhash_best["precision"],
        },
        "simhash64_same_story_median_distance": _median_bucket(simhash_gold),
        "simhash64_other_story_median_distance": _median_bucket(simhash_other),
    }


def _median_bucket(counts: npt.NDArray[np.int64]) -> int:
    """The bucket holding the median of a histogram."""
    return int(np.searchsorted(np.cumsum(counts), counts.sum() / 2))


def time_thousand_words(
    settings: NearDupSettings, documents: Sequence[Document], repeats: int = 300
) -> dict[str, float]:
    """Milliseconds to fingerprint a 1,000-word text from the corpus: median and best of `repeats` runs, in CPU
    time and in wall time."""
    words = " ".join(document.text for document in documents[:5]).split()[:1000]
    text = " ".join(words)
    fingerprint(text, settings)  # warm the permutation cache
    cpu_runs, wall_runs = [], []
    for _ in range(repeats):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        fingerprint(text, settings)
        cpu_runs.append((time.process_time() - cpu_start) * 1000)
        wall_runs.append((time.perf_counter() - wall_start) * 1000)
    return {
        "cpu_median": statistics.median(cpu_runs),
        "cpu_best": min(cpu_runs),
        "wall_median": statistics.median(wall_runs),
        "wall_best": min(wall_runs),
        "words": len(words),
    }


def _same_setting(row: dict[str, object], settings: NearDupSettings) -> bool:
    """Whether a sweep row is these settings."""
    return (row["shingle_size"], row["bands"], row["threshold"]) == (
        settings.shingle_size,
        settings.bands,
        settings.threshold,
    )


def format_table(rows: Sequence[dict[str, object]], recommended: dict[str, object] | None) -> str:
    """The sweep as a text table, one line per setting; `+` meets the targets, `*` is the recommended one."""
    header = (
        f"{'':2}{'setting':<13}{'thr':>5}{'cands':>7}{'other/1k':>9}  {'link P':>7}{'link R':>7}{'pair P':>7}"
        f"{'pair R':>7}{'direct R':>9}  {'most-similar P/R':>16}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        first, most, candidates = row["first-seen"], row["most-similar"], row["candidates"]
        assert isinstance(first, dict) and isinstance(most, dict) and isinstance(candidates, dict)
        mark = "* " if row is recommended else ("+ " if meets_targets(row) else "  ")
        lines.append(
            f"{mark}{row['config']:<13}{row['threshold']:>5.2f}{candidates['mean']:>7.1f}"
            f"{candidates['other_story_per_1000']:>9.2f}  "
            f"{first['link_precision']:>7.3f}{first['link_recall']:>7.3f}{first['pair_precision']:>7.3f}"
            f"{first['pair_recall']:>7.3f}{row['direct_pair_recall']:>9.3f}  "
            f"{most['link_precision']:>10.3f}/{most['link_recall']:.3f}"
        )
    lines.append(
        f"cands: candidates per lookup; other/1k: other-story candidates per 1,000 indexed documents. "
        f"P/R of first-seen links unless noted.\n+ meets the targets (link and pair recall >= {TARGET_RECALL}, "
        f"precision >= {TARGET_PRECISION}); * recommended"
    )
    return "\n".join(lines)


def summary(settings: NearDupSettings, result: dict[str, object], timing: dict[str, float]) -> str:
    """The figures for one setting, as a few readable lines."""
    first, most = result["first-seen"], result["most-similar"]
    fingerprint_ms, lookup_ms, candidates = result["ms_per_fingerprint"], result["ms_per_lookup"], result["candidates"]
    assert isinstance(first, dict) and isinstance(most, dict) and isinstance(candidates, dict)
    assert isinstance(fingerprint_ms, dict) and isinstance(lookup_ms, dict)
    return "\n".join(
        [
            f"Module defaults: shingle_size={settings.shingle_size}, bands={settings.bands} x rows={settings.rows}, "
            f"threshold={settings.threshold}, num_perm={settings.num_perm}; {result['documents']} documents",
            f"  first-seen links:   precision {first['link_precision']:.4f}  recall {first['link_recall']:.4f}  "
            f"({first['links']} links, {first['wrong_links']} wrong)",
            f"  first-seen pairs:   precision {first['pair_precision']:.4f}  recall {first['pair_recall']:.4f}",
            f"  most-similar links: precision {most['link_precision']:.4f}  recall {most['link_recall']:.4f}; "
            f"pairs: precision {most['pair_precision']:.4f}  recall {most['pair_recall']:.4f}",
            f"  direct pair recall {result['direct_pair_recall']:.4f}",
            f"  candidates per lookup: mean {candidates['mean']:.2f}, p95 {candidates['p95']:.0f}, "
            f"max {candidates['max']}; other-story {candidates['other_story_mean']:.2f} per lookup, "
            f"{candidates['other_story_per_1000']:.2f} per 1,000 indexed documents",
            f"  CPU ms per fingerprint: mean {fingerprint_ms['mean']:.3f}, median {fingerprint_ms['median']:.3f} "
            f"(documents of {fingerprint_ms['mean_words']:.0f} words on average)",
            f"  1,000-word text: CPU ms median {timing['cpu_median']:.3f}, best {timing['cpu_best']:.3f}; "
            f"wall ms median {timing['wall_median']:.3f}, best {timing['wall_best']:.3f}",
            f"  CPU ms per lookup (band keys, index, best_match): mean {lookup_ms['mean']:.3f}, "
            f"median {lookup_ms['median']:.3f}",
            f"  similarity among candidates: {result['similarity_gap']}",
            f"  missed links by variant kind: {result['missed_links_by_variant_kind']}",
            "  candidates read per band key (the store reads the first "
            f"{CandidateBounds().per_key}; 'all' is the unbounded lookup):",
            *(
                f"    {row['per_key'] or 'all':>4}: candidates/lookup {row['candidates_mean']:6.2f}  "
                f"link P {row['link_precision']:.4f} R {row['link_recall']:.4f}  "
                f"pair P {row['pair_precision']:.4f} R {row['pair_recall']:.4f}"
                for row in result["candidate_bounds"]  # type: ignore[attr-defined]
            ),
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, sweep the settings, evaluate the module's defaults; print a table and write JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=None, help=f"stories to generate (default {FULL_STORIES})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_STORIES} stories")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--no-sweep", action="store_true", help="evaluate the module's defaults only")
    args = parser.parse_args(argv)
    n_stories = args.stories or (QUICK_STORIES if args.quick else FULL_STORIES)

    started = time.perf_counter()
    load_at_start = os.getloadavg()[0]  # timings on a shared machine need this beside them
    stories = generate_stories(n_stories, args.seed)
    documents = arrival_order(stories, args.seed)
    gold_pairs = sum(_pairs(len(story.variants)) for story in stories)
    print(f"{n_stories} stories, {len(documents)} documents, {gold_pairs} gold pairs", file=sys.stderr)

    rows = [] if args.no_sweep else sweep(documents)
    recommended = pick_setting(rows)
    defaults = NearDupSettings()
    result = evaluate_settings(documents, defaults)
    timing = time_thousand_words(defaults, documents)
    methods = minhash_versus_simhash(documents, defaults)

    if rows:
        print(format_table(rows, recommended))
        if recommended is None:
            print("\nNOTE: no setting in the sweep meets the targets")
        elif not _same_setting(recommended, defaults):
            print(
                f"\nNOTE: the sweep recommends {recommended['config']} threshold {recommended['threshold']}, "
                "which is not the module's defaults"
            )
        print()
    print(summary(defaults, result, timing))
    machine = {"cpus": os.cpu_count(), "load_average_start": load_at_start, "load_average_end": os.getloadavg()[0]}
    print(f"  machine: {machine}")
    print(f"\nEvery pair compared, no index ({methods['pairs']} pairs, {methods['gold_pairs']} same-story):")
    for method in ("minhash_at_threshold", "minhash_best", "simhash64_best"):
        print(f"  {method}: {methods[method]}")
    print(
        f"  SimHash-64 Hamming distance, median: same story {methods['simhash64_same_story_median_distance']}, "
        f"other stories {methods['simhash64_other_story_median_distance']}"
    )
    report = {
        "command": " ".join(["python -m bench.neardup_eval", *(argv if argv is not None else sys.argv[1:])]),
        "stories": n_stories,
        "seed": args.seed,
        "documents": len(documents),
        "gold_pairs": gold_pairs,
        "targets": {"recall": TARGET_RECALL, "precision": TARGET_PRECISION},
        "defaults": result,
        "fingerprint_1000_words_ms": timing,
        "machine": machine,
        "minhash_versus_simhash": methods,
        "recommended": recommended,
        "defaults_are_recommended": recommended is not None and _same_setting(recommended, defaults),
        "sweep": rows,
        "seconds": time.perf_counter() - started,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
