"""Choose trafilatura's settings by measurement: text precision/recall against ground truth, reader-comment
leaks, metadata accuracy and speed, for several configurations, on generated pages and hand-written ones.

    python -m bench.extraction_settings [--pages 200] [--seed 1] [--output bench/results/extraction_settings.json]

Text is scored as a multiset of lower-cased word tokens (regex \\w+): overlap = sum over tokens of
min(count in extraction, count in reference); precision = overlap / tokens extracted; recall = overlap /
reference tokens; F1 their harmonic mean. The reference is the article's body paragraphs, its subheadings and
(on one hand-written page) its data table. Scores are averaged over pages; an extraction that returns nothing
scores 0 for both. A page "leaks comments" when the text of any reader comment appears, whitespace-normalised,
in the extracted text. See docs/extraction.md for the figures and the choice they support.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import html as lxml_html
from trafilatura.deduplication import LRUCache

from tests.support.corpus import generate_html_pages

HANDWRITTEN_PAGES = Path(__file__).parent / "pages"
DEFAULT_OUTPUT = Path(__file__).parent / "results" / "extraction_settings.json"

# name -> keyword arguments for trafilatura.extract / bare_extraction
CONFIGURATIONS: dict[str, dict[str, Any]] = {
    "default": {},
    "include_comments=False": {"include_comments": False},
    "favor_precision": {"favor_precision": True},
    "favor_recall": {"favor_recall": True},
    "no_comments+precision": {"include_comments": False, "favor_precision": True},
    "no_comments+recall": {"include_comments": False, "favor_recall": True},
    "no_comments+no_tables": {"include_comments": False, "include_tables": False},
    "no_comments+precision+no_tables": {"include_comments": False, "favor_precision": True, "include_tables": False},
    "no_comments+dedup": {"include_comments": False, "deduplicate": True},
    "no_comments+precision+dedup": {"include_comments": False, "favor_precision": True, "deduplicate": True},
    "no_comments+fast": {"include_comments": False, "fast": True},  # no readability/justext comparison
}

METADATA_FIELDS = ("title", "author", "date", "sitename", "hostname", "url")


@dataclass(frozen=True)
class BenchPage:
    """A page to extract and the truth to score it against."""

    name: str
    group: str  # "generated/<outlet>" or "handwritten/<file stem>"
    html: str
    reference: str  # body paragraphs, subheadings and table rows, one per line
    comments: list[str]
    title: str
    author: str
    published: str  # YYYY-MM-DD
    site: str | None  # domain; None when the page does not say
    site_name: str
    url: str | None  # canonical URL; None when the page does not say


def generated_bench_pages(n: int, seed: int) -> list[BenchPage]:
    """n pages from tests.support.corpus, with their ground truth."""
    return [
        BenchPage(
            name=page.name,
            group=f"generated/{page.outlet}",
            html=page.html,
            reference="\n".join([*page.body_paragraphs, *page.subheadings]),
            comments=page.comments,
            title=page.title,
            author=page.author,
            published=page.published,
            site=page.site,
            site_name=page.site_name,
            url=page.url,
        )
        for page in generate_html_pages(n, seed)
    ]


def handwritten_bench_pages(folder: Path = HANDWRITTEN_PAGES) -> list[BenchPage]:
    """The hand-written pages in bench/pages/, with the ground truth from truth.json."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return [
        BenchPage(
            name=record["name"],
            group=f"handwritten/{Path(record['name']).stem}",
            html=(folder / record["name"]).read_text(encoding="utf-8"),
            reference="\n".join([*record["body_paragraphs"], *record["subheadings"], *record["tables"]]),
            comments=record["comments"],
            title=record["title"],
            author=record["author"],
            published=record["published"],
            site=record["site"],
            site_name=record["site_name"],
            url=record["url"],
        )
        for record in truth["pages"]
    ]


# --- scoring --------------------------------------------------------------------------------------------

TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """The multiset of lower-cased word tokens in a text."""
    return Counter(TOKEN.findall(text.casefold()))


@dataclass(frozen=True)
class TextScore:
    """Token-multiset precision, recall and F1 of one extraction."""

    precision: float
    recall: float
    f1: float


def score_text(extracted: str | None, reference: str) -> TextScore:
    """Precision, recall and F1 of the extracted tokens against the reference tokens (0 for nothing extracted)."""
    got, want = tokens(extracted or ""), tokens(reference)
    if not got or not want:
        return TextScore(0.0, 0.0, 0.0)
    overlap = sum((got & want).values())
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return TextScore(precision, recall, f1)


def _squash(text: str) -> str:
    return " ".join(text.split())


def leaked_comments(extracted: str | None, comments: Iterable[str]) -> int:
    """How many of the reader comments appear verbatim (whitespace-normalised) in the extracted text."""
    squashed = _squash(extracted or "")
    return sum(1 for comment in comments if _squash(comment) in squashed)


def _names(author: str | None) -> set[str]:
    """The set of names in an author string ("A; B", "A, B" or "A and B")."""
    if not author:
        return set()
    return {name.strip().casefold() for name in re.split(r";|,|\band\b", author) if name.strip()}


def _bare_host(value: str | None) -> str:
    return (value or "").casefold().removeprefix("www.")


def metadata_matches(found: dict[str, str | None], page: BenchPage) -> dict[str, bool | None]:
    """Which metadata fields were recovered correctly: exact URL and date, case-insensitive title and site
    name, the same set of author names, and the hostname without "www."; None where the page has no truth."""
    return {
        "title": _squash(found.get("title") or "").casefold() == _squash(page.title).casefold(),
        "author": _names(found.get("author")) == _names(page.author),
        "date": (found.get("date") or "")[:10] == page.published,
        "sitename": _squash(found.get("sitename") or "").casefold() == page.site_name.casefold(),
        "hostname": None if page.site is None else _bare_host(found.get("hostname")) == page.site,
        "url": None if page.url is None else (found.get("url") or "") == page.url,
    }


def accuracy(matches: Iterable[bool | None]) -> float | None:
    """The share of True among the known (non-None) matches; None if none is known."""
    known = [match for match in matches if match is not None]
    return round(sum(known) / len(known), 4) if known else None


# --- metadata straight from the page's tags, as a fallback -----------------------------------------------


def metadata_from_tags(page_html: str) -> dict[str, str | None]:
    """Site name, canonical URL, published date and authors read directly from the page's <head>:
    og:site_name (else JSON-LD publisher name, else the <title> part after its last " | "), <link rel=canonical>
    made absolute against og:url (else og:url), JSON-LD datePublished (else article:published_time), JSON-LD
    author names (else <meta name=author>, else the text of <a rel=author> links)."""
    tree = lxml_html.fromstring(page_html)
    og_url = _first(tree.xpath('//head/meta[@property="og:url"]/@content'))
    canonical = _first(tree.xpath('//head/link[@rel="canonical"]/@href'))
    url = urljoin(og_url or "", canonical) if canonical else og_url
    if url and not urlsplit(url).netloc:
        url = None  # a relative canonical with nothing to resolve it against
    json_ld = _news_article_json_ld(tree)
    publisher = json_ld.get("publisher")
    publisher_name = publisher.get("name") if isinstance(publisher, dict) else None
    authors = json_ld.get("author")
    author_list = authors if isinstance(authors, list) else [authors] if authors else []
    author_names = [str(a["name"]) for a in author_list if isinstance(a, dict) and a.get("name")]
    published = json_ld.get("datePublished") or _first(
        tree.xpath('//head/meta[@property="article:published_time"]/@content')
    )
    if not author_names:
        author_names = [name.strip() for name in tree.xpath('//head/meta[@name="author"]/@content') if name.strip()]
    if not author_names:
        author_names = list(dict.fromkeys(" ".join(a.text_content().split()) for a in tree.xpath('//a[@rel="author"]')))
    title = _first(tree.xpath("//head/title/text()")) or ""
    title_suffix = title.rsplit(" | ", 1)[1].strip() if " | " in title else None
    return {
        "sitename": _first(tree.xpath('//head/meta[@property="og:site_name"]/@content'))
        or publisher_name
        or title_suffix,
        "url": url,
        "date": str(published)[:10] if published else None,
        "author": "; ".join(author_names) or None,
    }


def _first(values: list[Any]) -> str | None:
    return str(values[0]).strip() if values else None


def _news_article_json_ld(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object whose @type names an article (looking inside lists and @graph)."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            parsed = json.loads(script)
        except ValueError:
            continue
        candidates = parsed if isinstance(parsed, list) else parsed.get("@graph", [parsed])
        for candidate in candidates:
            kind = candidate.get("@type") if isinstance(candidate, dict) else None
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                return candidate
    return {}


# --- running one configuration ----------------------------------------------------------------------------


@dataclass
class PageResult:
    """The measurements for one page under one configuration."""

    name: str
    group: str
    extract: TextScore
    extract_leaks: int
    bare: TextScore  # bare_extraction(...).text, which is what worker/pipeline/extract_html.py stores
    bare_leaks: int
    metadata: dict[str, bool | None]
    extract_seconds: float
    bare_seconds: float


@dataclass
class ConfigurationRun:
    """All page results of one configuration."""

    name: str
    options: dict[str, Any]
    pages: list[PageResult] = field(default_factory=list)


def run_configurations(configurations: dict[str, dict[str, Any]], pages: Sequence[BenchPage]) -> list[ConfigurationRun]:
    """Extract every page with extract() and with bare_extraction(with_metadata=True) under each configuration's
    options, and score both. Configurations take turns page by page, so a busy machine slows them all alike.
    With deduplicate, each configuration and call kind gets its own cache that lives for the whole run, as a
    long-running worker's would (so the two calls on one page do not see each other's segments)."""
    runs = [ConfigurationRun(name=name, options=options) for name, options in configurations.items()]
    call_options = []
    for run in runs:
        extract_options, bare_options = dict(run.options), dict(run.options)
        if run.options.get("deduplicate"):
            extract_options["deduplicate"] = LRUCache(maxsize=4096)
            bare_options["deduplicate"] = LRUCache(maxsize=4096)
        call_options.append((extract_options, bare_options))
    trafilatura.extract(pages[0].html)  # warm-up: first-call imports and caches are not charged to anyone
    for page in pages:
        for run, (extract_options, bare_options) in zip(runs, call_options, strict=True):
            run.pages.append(measure_page(page, extract_options, bare_options))
    return runs


def measure_page(page: BenchPage, extract_options: dict[str, Any], bare_options: dict[str, Any]) -> PageResult:
    """One page under one configuration: timed extract() and bare_extraction() calls, and their scores."""
    started = time.perf_counter()
    text = trafilatura.extract(page.html, **extract_options)
    extract_seconds = time.perf_counter() - started
    started = time.perf_counter()
    document = trafilatura.bare_extraction(page.html, with_metadata=True, **bare_options)
    bare_seconds = time.perf_counter() - started
    found = _document_metadata(document)
    return PageResult(
        name=page.name,
        group=page.group,
        extract=score_text(text, page.reference),
        extract_leaks=leaked_comments(text, page.comments),
        bare=score_text(found["text"], page.reference),
        bare_leaks=leaked_comments(found["text"], page.comments),
        metadata=metadata_matches(found, page),
        extract_seconds=extract_seconds,
        bare_seconds=bare_seconds,
    )


def _document_metadata(document: Any) -> dict[str, str | None]:
    """The fields of a trafilatura Document (or None) that the benchmark reads."""
    if document is None:
        return {name: None for name in (*METADATA_FIELDS, "text")}
    return {name: getattr(document, name, None) for name in (*METADATA_FIELDS, "text")}


# --- summaries --------------------------------------------------------------------------------------------


def summarise(results: Sequence[PageResult]) -> dict[str, Any]:
    """Mean scores, leak rates, metadata accuracy and throughput over some page results."""
    if not results:
        return {}

    def mean(values: Iterable[float]) -> float:
        return round(statistics.fmean(values), 4)

    extract_time = sum(r.extract_seconds for r in results)
    bare_time = sum(r.bare_seconds for r in results)
    return {
        "pages": len(results),
        "extract": {
            "precision": mean(r.extract.precision for r in results),
            "recall": mean(r.extract.recall for r in results),
            "f1": mean(r.extract.f1 for r in results),
            "empty": sum(1 for r in results if r.extract.f1 == 0.0),
            "comment_leak_rate": mean(1.0 if r.extract_leaks else 0.0 for r in results),
            "comments_leaked": sum(r.extract_leaks for r in results),
            "pages_per_second": round(len(results) / extract_time, 2) if extract_time else None,
        },
        "bare_extraction": {
            "precision": mean(r.bare.precision for r in results),
            "recall": mean(r.bare.recall for r in results),
            "f1": mean(r.bare.f1 for r in results),
            "empty": sum(1 for r in results if r.bare.f1 == 0.0),
            "comment_leak_rate": mean(1.0 if r.bare_leaks else 0.0 for r in results),
            "pages_per_second": round(len(results) / bare_time, 2) if bare_time else None,
        },
        "metadata_accuracy": {name: accuracy(r.metadata[name] for r in results) for name in METADATA_FIELDS},
    }


def summarise_run(run: ConfigurationRun) -> dict[str, Any]:
    """A configuration's summary: over generated pages, over hand-written pages, and per group."""
    generated = [r for r in run.pages if r.group.startswith("generated/")]
    handwritten = [r for r in run.pages if r.group.startswith("handwritten/")]
    groups = sorted({r.group for r in run.pages})
    return {
        "options": run.options,
        "generated": summarise(generated),
        "handwritten": summarise(handwritten),
        "by_group": {group: summarise([r for r in run.pages if r.group == group]) for group in groups},
    }


# Where the tags and trafilatura disagree, which to believe: the tags for what trafilatura gets wrong on these
# pages (site name, canonical URL, authors), trafilatura for the date (htmldate also reads the visible text).
TAGS_FIRST = ("sitename", "url", "author")


def tag_metadata_accuracy(pages: Sequence[BenchPage]) -> dict[str, Any]:
    """How often metadata_from_tags gets site name, URL, date and authors right on its own, and combined with
    bare_extraction(include_comments=False, with_metadata=True) (TAGS_FIRST fields from the tags when they have
    a value, the other fields from trafilatura), over generated and hand-written pages."""
    fields = ("title", "sitename", "url", "date", "author")
    out: dict[str, Any] = {}
    for label, subset in (
        ("generated", [p for p in pages if p.group.startswith("generated/")]),
        ("handwritten", [p for p in pages if p.group.startswith("handwritten/")]),
    ):
        if not subset:
            continue
        tags_only, combined = [], []
        for page in subset:
            from_tags = metadata_from_tags(page.html)
            document = trafilatura.bare_extraction(page.html, include_comments=False, with_metadata=True)
            found = _document_metadata(document)
            merged = dict(found)
            for name, value in from_tags.items():
                if value and (name in TAGS_FIRST or not merged.get(name)):
                    merged[name] = value
            tags_only.append(metadata_matches(from_tags, page))
            combined.append(metadata_matches(merged, page))
        out[label] = {
            "tags_only": {name: accuracy(m[name] for m in tags_only) for name in fields if name != "title"},
            "tags_then_trafilatura": {name: accuracy(m[name] for m in combined) for name in fields},
        }
    return out


def dedup_repeated_extraction(pages: Sequence[BenchPage], count: int = 20, passes: int = 4) -> dict[str, Any]:
    """With deduplicate=True and one cache (as in a long-running worker), extract the same pages several times
    over, as redelivered or re-ingested tasks would; returns how many passes differ from the first pass, and
    the mean F1 of each pass."""
    cache = LRUCache(maxsize=4096)
    subset = list(pages[:count])
    outputs = [
        [trafilatura.extract(p.html, include_comments=False, deduplicate=cache) for p in subset] for _ in range(passes)
    ]
    return {
        "pages": len(subset),
        "passes": passes,
        "pages_differing_from_first_pass": [
            sum(1 for first, later in zip(outputs[0], run, strict=True) if first != later) for run in outputs
        ],
        "empty": [sum(1 for text in run if not text) for run in outputs],
        "mean_f1": [
            round(statistics.fmean(score_text(text, p.reference).f1 for text, p in zip(run, subset, strict=True)), 4)
            for run in outputs
        ],
    }


# --- output -------------------------------------------------------------------------------------------------


def format_table(summaries: dict[str, dict[str, Any]], part: str) -> str:
    """A plain-text table of one part ("generated" or "handwritten") of every configuration's summary."""
    header = (
        f"{'configuration':34} {'P':>6} {'R':>6} {'F1':>6} {'leak':>6} {'pg/s':>6} | "
        f"{'bareP':>6} {'bareR':>6} {'bareF1':>6} {'bLeak':>6} | "
        + " ".join(f"{name[:6]:>6}" for name in METADATA_FIELDS)
    )
    lines = [header, "-" * len(header)]
    for name, summary in summaries.items():
        s = summary.get(part)
        if not s:
            continue
        e, b, m = s["extract"], s["bare_extraction"], s["metadata_accuracy"]
        lines.append(
            f"{name:34} {e['precision']:6.3f} {e['recall']:6.3f} {e['f1']:6.3f} {e['comment_leak_rate']:6.2f} "
            f"{e['pages_per_second']:6.1f} | {b['precision']:6.3f} {b['recall']:6.3f} {b['f1']:6.3f} "
            f"{b['comment_leak_rate']:6.2f} | " + " ".join(f"{m[field_name]:6.2f}" for field_name in METADATA_FIELDS)
        )
    return "\n".join(lines)


def format_group_leaks(summaries: dict[str, dict[str, Any]]) -> str:
    """A table of extract() comment-leak rates and F1 per page group, one column per configuration."""
    names = list(summaries)
    groups = sorted({group for s in summaries.values() for group in s["by_group"]})
    lines = [f"{'group':42} " + " ".join(f"{i:>11}" for i in range(len(names)))]
    for group in groups:
        cells = []
        for name in names:
            g = summaries[name]["by_group"].get(group)
            cells.append(f"{g['extract']['comment_leak_rate']:4.2f}/{g['extract']['f1']:5.3f}" if g else " " * 11)
        lines.append(f"{group:42} " + " ".join(f"{c:>11}" for c in cells))
    legend = "  ".join(f"{i}={name}" for i, name in enumerate(names))
    return "\n".join([*lines, f"(cells: comment leak rate / F1 of extract(); {legend})"])


def main(argv: Sequence[str] | None = None) -> int:
    """Run every configuration, print the tables and write the JSON results."""
    parser = argparse.ArgumentParser(prog="python -m bench.extraction_settings", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="number of generated pages (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"JSON results (default {DEFAULT_OUTPUT})")
    parser.add_argument(
        "--only", action="append", choices=list(CONFIGURATIONS), help="run only this configuration (repeatable)"
    )
    args = parser.parse_args(argv)

    pages = [*generated_bench_pages(args.pages, args.seed), *handwritten_bench_pages()]
    chosen = args.only or list(CONFIGURATIONS)
    started = time.perf_counter()
    runs = run_configurations({name: CONFIGURATIONS[name] for name in chosen}, pages)
    print(f"measured {len(chosen)} configurations on {len(pages)} pages in {time.perf_counter() - started:.0f}s")
    summaries = {run.name: summarise_run(run) for run in runs}

    results = {
        "command": "python -m bench.extraction_settings " + " ".join(argv if argv is not None else sys.argv[1:]),
        "trafilatura": trafilatura.__version__,
        "python": platform.python_version(),
        "generated_pages": args.pages,
        "handwritten_pages": len(pages) - args.pages,
        "seed": args.seed,
        "configurations": summaries,
        "metadata_from_tags": tag_metadata_accuracy(pages),
        "dedup_repeated_extraction": dedup_repeated_extraction(pages),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")

    print(f"\nGenerated pages ({args.pages}, seed {args.seed}): extract() text, bare_extraction().text, metadata")
    print(format_table(summaries, "generated"))
    print(f"\nHand-written pages ({len(pages) - args.pages}, bench/pages/)")
    print(format_table(summaries, "handwritten"))
    print("\nPer group")
    print(format_group_leaks(summaries))
    print("\nMetadata read straight from the tags (og:site_name, canonical, JSON-LD):", results["metadata_from_tags"])
    print("deduplicate=True, the same pages extracted 4 times with one cache:", results["dedup_repeated_extraction"])
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
