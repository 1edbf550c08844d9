"""Author precision and recall on real bylines: what `parse_byline` keeps against what a person would.

    python -m bench.bylines_eval                    # bench/gold/bylines.json
    python -m bench.bylines_eval --errors           # also list each byline the parser gets wrong

The gold file holds {"bylines": [{"raw": ..., "people": [...], "source": ...}]}: a byline as a page or a feed
gave it, and the people a reader finds in it. A predicted author is right when it equals a gold person
(case, accents and spacing ignored). The baseline is the split the HTML extractor used before bylines.py:
on ";", "," and " and ", keeping every piece.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from bench.entities_eval import Counts
from worker.pipeline.bylines import parse_byline

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO / "bench" / "gold" / "bylines.json"


def normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def baseline(raw: str) -> list[str]:
    """The old split: every piece between ";", "," and " and " is an author."""
    return [part.strip() for part in re.split(r"\s*;\s*|\s*,\s*|\s+and\s+", raw) if part.strip()]


def score(predicted: list[str], gold: list[str]) -> Counts:
    wanted = {normalise(g) for g in gold}
    found = {normalise(p) for p in predicted}
    return Counts(tp=len(found & wanted), fp=len(found - wanted), fn=len(wanted - found))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--errors", action="store_true", help="list the bylines the parser gets wrong")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"{args.gold}: no such file", file=sys.stderr)
        return 2
    bylines = json.loads(args.gold.read_text(encoding="utf-8"))["bylines"]
    totals = {"bylines.py": Counts(), "old split": Counts()}
    by_source: dict[str, Counts] = {}
    wrong = []
    for record in bylines:
        predicted = parse_byline(record["raw"]).people
        counts = score(predicted, record["people"])
        totals["bylines.py"].add(counts)
        totals["old split"].add(score(baseline(record["raw"]), record["people"]))
        source = str(record.get("source", "?"))
        by_source.setdefault("real pages" if source.startswith("pages/") else source, Counts()).add(counts)
        if counts.fp or counts.fn:
            wrong.append((record["raw"], predicted, record["people"]))
    print(f"{len(bylines)} bylines, {sum(len(r['people']) for r in bylines)} gold people ({args.gold})")
    for name, counts in totals.items():
        print(f"{name:<12} author precision {counts.precision:.3f}  recall {counts.recall:.3f}  F1 {counts.f1:.3f}")
    for source, counts in sorted(by_source.items()):
        print(
            f"  {source:<10} precision {counts.precision:.3f}  recall {counts.recall:.3f}  ({counts.tp + counts.fn} people)"
        )
    if args.errors:
        for raw, predicted, gold in wrong:
            print(f"  {raw!r}: got {predicted}, want {gold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
