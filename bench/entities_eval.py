"""Entity tagging quality against hand-annotated gold documents: precision, recall, F1, speed, load time.

    python -m bench.entities_eval                      # built-in tagger and the naive baseline
    python -m bench.entities_eval --spacy en_core_web_md --errors --split dev
    python -m bench.entities_eval --only real4 --only posthoc10   # just these batches

Gold files (bench/gold/entities/*.json) list each document's distinct entities with their type and the
other forms the text uses for them ("aliases"). Scoring is at document level: a predicted entity matches a
gold entity when its name equals the gold name or one of its aliases (case-insensitive, accents and a
possessive 's ignored). Each gold entity can be matched once; a second prediction of the same entity (a
short form the tagger failed to join) counts as a false positive. Typed scores also need the type to
agree (a gold entity may allow alternative types where annotators would disagree, e.g. "White House" ORG
or FAC); untyped scores ignore the type. Entities marked optional are neither required nor penalised.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.gold import GOLD_SPLITS
from worker.pipeline.entities import (
    ENTITY_TYPES,
    EntityCount,
    EntityTagger,
    TaggerUnavailable,
    lexicon,
    load_tagger,
)
from worker.pipeline.entities.builtin import RULES, BuiltinTagger
from worker.pipeline.words import count_words

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO / "bench" / "gold" / "entities"
DEFAULT_OUTPUT = REPO / "bench" / "results" / "entities.json"
# In the order the batches were written; see docs/quality.md and bench/gold/quality.md for how each was used.
TIMING_ROUNDS = 15  # the fastest pass is the one least disturbed by other work on the machine


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    alt_types: tuple[str, ...] = ()
    optional: bool = False

    @property
    def keys(self) -> set[str]:
        return {normalise_name(n) for n in (self.name, *self.aliases)}

    def accepts(self, kind: str) -> bool:
        return kind == self.type or kind in self.alt_types


@dataclass(frozen=True)
class GoldDocument:
    id: str
    split: str  # dev: looked at while building the tagger | heldout: scored, never inspected while tuning
    style: str
    title: str | None
    text: str
    entities: tuple[GoldEntity, ...]
    language: str | None = None  # what the worker's pipeline would tag it as (declared, else detected)

    @property
    def words(self) -> int:
        return count_words(self.text) + count_words(self.title or "")


@dataclass
class Counts:
    """True positives, false positives and false negatives, and the figures they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class DocumentScore:
    """One document's counts and the errors behind them."""

    typed: Counts = field(default_factory=Counts)
    untyped: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[dict[str, str]] = field(default_factory=list)
    aliases: Counts = field(default_factory=Counts)  # other names joined to matched entities


def normalise_name(name: str) -> str:
    """Case, accents, curly apostrophes, a trailing possessive and spacing do not matter for matching."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()
    text = re.sub(r"'s$", "", text)
    return " ".join(text.split())


def load_gold(directory: Path) -> list[GoldDocument]:
    """Every gold document in the directory, in file-name order; seed files go through the real extractor."""
    from worker.pipeline.extract_text import extract_plain_text
    from worker.pipeline.language import detect_language

    documents = []
    for path in sorted(directory.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if "text_file" in record:
            extracted = extract_plain_text((REPO / record["text_file"]).read_text(encoding="utf-8"))
            title, text = extracted.title, extracted.text
        else:
            title, text = record.get("title"), record["text"]
        entities = tuple(
            GoldEntity(
                name=e["name"],
                type=e["type"],
                aliases=tuple(e.get("aliases", ())),
                alt_types=tuple(e.get("alt_types", ())),
                optional=bool(e.get("optional", False)),
            )
            for e in record["entities"]
        )
        language = record.get("language") or detect_language(text)  # as worker/pipeline/extract.py does
        documents.append(
            GoldDocument(record["id"], record["split"], record.get("style", ""), title, text, entities, language)
        )
    return documents


def score_document(predicted: list[EntityCount], gold: Iterable[GoldEntity]) -> DocumentScore:
    """Typed and untyped counts for one document, matching each gold entity at most once.

    Products are annotated from the posthoc4 batch on; in earlier batches a PRODUCT prediction of something the
    gold does not list is a false positive like any other (bench/gold/quality.md).
    """
    gold = list(gold)
    score = DocumentScore()
    for typed in (True, False):
        counts = score.typed if typed else score.untyped
        matched: set[int] = set()
        for entity in sorted(predicted, key=lambda e: -e.count):
            key = normalise_name(entity.name)
            candidates = [i for i, g in enumerate(gold) if key in g.keys]
            fitting = [i for i in candidates if not typed or gold[i].accepts(entity.type)]
            free = [i for i in fitting if i not in matched]
            if free:
                index = free[0]
                matched.add(index)
                if not typed:
                    score_aliases(entity, gold[index], score.aliases)
                if gold[index].optional:
                    continue
                counts.tp += 1
                if typed:
                    score.per_type[entity.type].tp += 1
                continue
            if candidates and all(gold[i].optional for i in candidates):
                continue  # an optional entity predicted again, or with another type: no credit, no penalty
            counts.fp += 1
            if typed:
                score.per_type[entity.type].fp += 1
                reason = "duplicate" if fitting else ("wrong type" if candidates else "spurious")
                expected = f" (gold {gold[candidates[0]].type})" if candidates and not fitting else ""
                score.errors.append(
                    {"kind": "FP", "reason": reason, "entity": f"{entity.name} [{entity.type}]{expected}"}
                )
        for index, gold_entity in enumerate(gold):
            if gold_entity.optional or index in matched:
                continue
            counts.fn += 1
            if typed:
                score.per_type[gold_entity.type].fn += 1
                label = f"{gold_entity.name} [{gold_entity.type}]"
                score.errors.append({"kind": "FN", "reason": "missed", "entity": label})
    return score


def score_aliases(entity: EntityCount, gold: GoldEntity, counts: Counts) -> None:
    """The other names the tagger joined to an entity, against the gold entity's other names in the text: a
    joined name that belongs to another entity is a false positive, a gold alias left out a false negative."""
    own = normalise_name(entity.name)
    joined = {normalise_name(a) for a in entity.aliases} - {own}
    expected = gold.keys - {own}
    counts.tp += len(joined & expected)
    counts.fp += len(joined - gold.keys)
    counts.fn += len(expected - joined)


@dataclass
class TaggerReport:
    name: str
    typed: Counts = field(default_factory=Counts)
    untyped: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_split: dict[str, dict[str, Counts]] = field(default_factory=dict)
    per_language: dict[str, Counts] = field(
        default_factory=lambda: defaultdict(Counts)
    )  # typed, by the tagged language
    documents: dict[str, dict[str, object]] = field(default_factory=dict)
    aliases: Counts = field(default_factory=Counts)
    ms_per_1000_words: float = 0.0  # wall clock, best of TIMING_ROUNDS passes over the whole set
    cpu_ms_per_1000_words: float = 0.0  # process CPU time, same passes: steadier on a busy machine
    load_seconds: float | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "typed": self.typed.as_dict(),
            "untyped": self.untyped.as_dict(),
            "per_type": {kind: self.per_type[kind].as_dict() for kind in ENTITY_TYPES if kind in self.per_type},
            "aliases": self.aliases.as_dict(),
            "per_split": {
                split: {name: counts.as_dict() for name, counts in figures.items()}
                for split, figures in sorted(self.per_split.items())
            },
            "per_language": {language: counts.as_dict() for language, counts in sorted(self.per_language.items())},
            "ms_per_1000_words": round(self.ms_per_1000_words, 3),
            "cpu_ms_per_1000_words": round(self.cpu_ms_per_1000_words, 3),
            "load_seconds": None if self.load_seconds is None else round(self.load_seconds, 3),
            "documents": self.documents,
        }


def evaluate(
    name: str, tag: Callable[[str, str | None, str | None], list[EntityCount]], documents: list[GoldDocument]
) -> TaggerReport:
    """Score a tagger on every document and time it (best of several rounds over the whole set)."""
    report = TaggerReport(name)
    for document in documents:
        predicted = tag(document.text, document.title, document.language)
        score = score_document(predicted, document.entities)
        report.typed.add(score.typed)
        report.untyped.add(score.untyped)
        report.aliases.add(score.aliases)
        for kind, counts in score.per_type.items():
            report.per_type[kind].add(counts)
        split = report.per_split.setdefault(document.split, {"typed": Counts(), "untyped": Counts()})
        split["typed"].add(score.typed)
        split["untyped"].add(score.untyped)
        report.per_language[document.language or "none"].add(score.typed)
        report.documents[document.id] = {
            "split": document.split,
            "words": document.words,
            "typed": score.typed.as_dict(),
            "untyped": score.untyped.as_dict(),
            "errors": score.errors,
        }
    thousands_of_words = sum(d.words for d in documents) / 1000
    wall, cpu = [], []
    for _ in range(TIMING_ROUNDS):
        started, started_cpu = time.perf_counter(), time.process_time()
        for document in documents:
            tag(document.text, document.title, document.language)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    report.ms_per_1000_words = min(wall) * 1000 / thousands_of_words
    report.cpu_ms_per_1000_words = min(cpu) * 1000 / thousands_of_words
    return report


def as_the_pipeline_tags(tagger: EntityTagger, as_english: bool) -> Callable[..., list[EntityCount]]:
    """The tagger called as worker/pipeline/process.py calls it: in the document's language, and not at all for a
    language it does not read (no entities); as_english tags every document as English text, as this harness
    did before German was read (issue 10)."""

    def tag(text: str, title: str | None, language: str | None) -> list[EntityCount]:
        if as_english:
            return tagger.tag(text, title)
        if not tagger.supports(language):
            return []
        return tagger.tag(text, title, language)

    return tag


def fresh_process_load_seconds(spacy_model: str | None = None) -> float:
    """Seconds from a new interpreter's import of the tagger to its first tagged sentence (fastest of 5)."""
    program = (
        "import time; t = time.perf_counter()\n"
        "from worker.pipeline.entities import load_tagger\n"
        f"load_tagger({spacy_model!r}).tag('Warm-up text about Paris and the United Nations.')\n"
        "print(time.perf_counter() - t)\n"
    )
    samples = []
    for _ in range(5):
        result = subprocess.run(
            [sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, check=True, timeout=300
        )
        samples.append(float(result.stdout.strip().splitlines()[-1]))
    return min(samples)


# --- the naive baseline ----------------------------------------------------------------------------------

NAIVE_RUN = re.compile(r"[A-Z][\w&'’.-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w&'’.-]*)*")


class NaiveTagger:
    """Runs of capitalised words, typed by the same gazetteer; a given name first means a person, else ORG.

    No sentence-start handling, no context rules, no short-form resolution: what the built-in tagger
    is measured against.
    """

    backend = "naive-baseline"

    def __init__(self) -> None:
        from worker.pipeline.entities.gazetteer import load_gazetteer

        self.gazetteer = load_gazetteer()

    def supports(self, language: str | None) -> bool:
        return language in (None, "en")

    def tag(self, text: str, title: str | None = None, language: str | None = None) -> list[EntityCount]:
        counts: dict[str, int] = defaultdict(int)
        types: dict[str, str] = {}
        for match in NAIVE_RUN.finditer(f"{title or ''}\n{text}"):
            for words in self._names(match.group()):
                name = " ".join(words)
                known = self.gazetteer.lookup(name)
                if known is not None:
                    kind = known.type
                elif words[0] in self.gazetteer.given_names:
                    kind = "PERSON"
                else:
                    kind = "ORG"
                counts[name] += 1
                types[name] = kind
        return [EntityCount(name, types[name], count) for name, count in counts.items()]

    @staticmethod
    def _names(run: str) -> Iterable[list[str]]:
        """The run cut at function words and dates ("But", "The", "Tuesday"), possessives removed."""
        words: list[str] = []
        for word in run.split():
            if word.endswith(".") and "." not in word[:-1]:  # a full stop, not "U.S."
                word = word[:-1]
            word = word.removesuffix("'s").removesuffix("’s")
            if word in lexicon.STOPWORDS or word in lexicon.DATE_WORDS:
                if words:
                    yield words
                words = []
            else:
                words.append(word)
        if words:
            yield words


# --- report ----------------------------------------------------------------------------------------------


def machine_state() -> dict[str, object]:
    """What the timings depend on: cores, load while measuring, and a fixed pure-Python loop's duration."""
    started = time.perf_counter()
    for _ in range(1_000_000):
        pass
    loop_ms = (time.perf_counter() - started) * 1000
    return {
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "python": sys.version.split()[0],
        "empty_loop_1e6_ms": round(loop_ms, 1),  # about 15-25 ms on an idle modern core
    }


def print_table(reports: list[TaggerReport], documents: list[GoldDocument], machine: dict[str, object]) -> None:
    words = sum(d.words for d in documents)
    gold = sum(1 for d in documents for e in d.entities if not e.optional)
    print(f"{len(documents)} documents, {words} words, {gold} gold entities (optional ones excluded)")
    print(
        f"machine: {machine['cpus']} CPUs, load average {machine['load_average_1min']}, "
        f"an empty 1e6-step loop takes {machine['empty_loop_1e6_ms']} ms\n"
    )
    header = (
        f"{'tagger':<26}{'typed P':>8}{'R':>7}{'F1':>7}{'untyped F1':>12}{'ms/1k words':>13}{'cpu ms':>8}{'load s':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in reports:
        load = "-" if r.load_seconds is None else f"{r.load_seconds:.2f}"
        print(
            f"{r.name:<26}{r.typed.precision:>8.3f}{r.typed.recall:>7.3f}{r.typed.f1:>7.3f}"
            f"{r.untyped.f1:>12.3f}{r.ms_per_1000_words:>13.2f}{r.cpu_ms_per_1000_words:>8.2f}{load:>8}"
        )
    print()
    for r in reports:
        splits = ", ".join(
            f"{split}: typed F1 {figures['typed'].f1:.3f} / untyped {figures['untyped'].f1:.3f}"
            for split, figures in sorted(r.per_split.items())
        )
        per_type = "  ".join(
            f"{kind} {r.per_type[kind].precision:.2f}/{r.per_type[kind].recall:.2f}/{r.per_type[kind].f1:.2f}"
            for kind in ENTITY_TYPES
            if kind in r.per_type
        )
        languages = "  ".join(
            f"{language} {counts.precision:.3f}/{counts.recall:.3f}/{counts.f1:.3f}"
            for language, counts in sorted(r.per_language.items())
        )
        print(f"{r.name}: {splits}")
        print(f"  per type P/R/F1: {per_type}")
        print(f"  per language typed P/R/F1: {languages}")
        print(f"  aliases P/R: {r.aliases.precision:.3f}/{r.aliases.recall:.3f} ({r.aliases.fp} joined wrongly)")


def print_errors(report: TaggerReport, split: str | None) -> None:
    print(f"\nErrors of {report.name}" + (f" ({split} split)" if split else "") + ":")
    for document_id, record in report.documents.items():
        if split and record["split"] != split:
            continue
        errors = record["errors"]
        assert isinstance(errors, list)
        if not errors:
            continue
        print(f"  {document_id}:")
        for error in errors:
            print(f"    {error['kind']} {error['reason']:<10} {error['entity']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="directory of gold JSON files")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the JSON results")
    parser.add_argument("--spacy", metavar="MODEL", help="also score this installed spaCy pipeline (name or path)")
    parser.add_argument("--errors", action="store_true", help="list each document's false positives and negatives")
    parser.add_argument("--split", choices=GOLD_SPLITS, help="only list errors of this split")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        choices=GOLD_SPLITS,
        metavar="SPLIT",
        help="score only the documents of this split (repeatable): a batch's own figures, timing included",
    )
    parser.add_argument(
        "--ablate",
        action="append",
        default=[],
        metavar="RULE",
        help=f"also score the built-in tagger without this rule (repeatable; 'all' for each of {sorted(RULES)})",
    )
    parser.add_argument(
        "--as-english",
        action="store_true",
        help="tag every document as English (the default tags each in its detected language, as the worker does)",
    )
    parser.add_argument("--no-load-time", action="store_true", help="skip the fresh-process load measurements")
    args = parser.parse_args(argv)

    documents = [d for d in load_gold(args.gold) if not args.only or d.split in args.only]
    if not documents:
        parser.error(f"no gold documents in {args.gold}" + (f" of split {', '.join(args.only)}" if args.only else ""))
    taggers: list[tuple[str, EntityTagger, str | None]] = [
        ("builtin", load_tagger(None), None),
        ("naive baseline", NaiveTagger(), None),
    ]
    for rule in sorted(RULES) if "all" in args.ablate else args.ablate:
        taggers.append((f"builtin without {rule}", BuiltinTagger(disabled_rules=frozenset({rule})), None))
    if args.spacy:
        try:
            taggers.append((f"spacy:{args.spacy}", load_tagger(args.spacy), args.spacy))
        except TaggerUnavailable as error:  # not installed: say so, no traceback
            parser.error(str(error))

    machine = machine_state()
    reports = []
    for name, tagger, spacy_model in taggers:
        report = evaluate(name, as_the_pipeline_tags(tagger, args.as_english), documents)
        if not args.no_load_time and name != "naive baseline" and not name.startswith("builtin without"):
            report.load_seconds = fresh_process_load_seconds(spacy_model)
        reports.append(report)

    print_table(reports, documents, machine)
    if args.errors:
        for report in reports:
            print_errors(report, args.split)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "command": "python -m bench.entities_eval " + " ".join(argv if argv is not None else sys.argv[1:]),
        "documents": len(documents),
        "words": sum(d.words for d in documents),
        "gold_entities": sum(1 for d in documents for e in d.entities if not e.optional),
        "machine": machine,
        "taggers": {report.name: report.as_dict() for report in reports},
    }
    args.output.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
