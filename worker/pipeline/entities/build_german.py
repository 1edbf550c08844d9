"""Build data/german.json, the frequent German words that are not names, for the tagger's German mode.

German capitalises every noun, so the English rules would take "Woche", "Menschen" or "Kollegen" for names.
The list below lets the tagger treat them as ordinary words. Run once by a developer; the output is committed
and the worker needs neither package at run time:

    pip install wordfreq german-nouns
    python -m worker.pipeline.entities.build_german

Sources (PyPI):
- wordfreq: the most frequent German words (lowercased by wordfreq), which bounds the list to words news uses.
- german-nouns: ~100,000 German nouns with all their inflected forms, from German Wiktionary (CC BY-SA); a
  lemma that Wiktionary also lists as a place, a given name, a surname or another proper name ("Berlin",
  "Merkel", "Paris") is left out, so only common nouns go in.

A frequent word goes in when it is an inflected form of a common noun. Other words ("die", "auch") are
capitalised only at the start of a sentence, where the tagger already distrusts capitals. Names the tagger
knows (the gazetteer's larger places, curated names and given names) are never in the list.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from worker.pipeline.entities.gazetteer import load_gazetteer

DEFAULT_OUTPUT = Path(__file__).with_name("data") / "german.json"
FREQUENT_WORD_COUNT = 50_000  # wordfreq's most frequent German words considered
PROPER_NAME_TAGS = frozenset({"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname", "Abkürzung"})
FORM_COLUMN_PREFIXES = ("nominativ", "genitiv", "dativ", "akkusativ")


def noun_forms() -> tuple[set[str], set[str]]:
    """Lowercase forms of Wiktionary's common nouns, and of every noun that is (also) a proper name."""
    from importlib import resources

    nouns_csv = resources.files("german_nouns").joinpath("nouns.csv")
    common_forms: set[str] = set()
    proper_lemmas: set[str] = set()
    with nouns_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lemma = row["lemma"]
            if PROPER_NAME_TAGS & set(row["pos"].split(",")):
                proper_lemmas.add(lemma.lower())
                continue
            # A lemma with a common-noun entry of its own is a common noun too ("Mann", though also a surname).
            forms = {lemma} | {v for k, v in row.items() if k and k.startswith(FORM_COLUMN_PREFIXES) and v}
            common_forms.update(f.lower() for f in forms if f and f[0].isalpha())
    return common_forms, proper_lemmas - common_forms


def build() -> dict[str, object]:
    from wordfreq import top_n_list

    common_forms, proper_only = noun_forms()
    gazetteer = load_gazetteer()
    # Places of 100,000 people and more, and curated names, stay names ("Berlin", "Essen" as the city is kept
    # out only if it is that large); so do given names ("Hans").
    known_names = {surface.lower() for surface, entry in gazetteer.names.items() if entry[2] >= 2}
    known_names |= {name.lower() for name in gazetteer.given_names}
    nouns = {
        word
        for word in top_n_list("de", FREQUENT_WORD_COUNT)
        if word.isalpha() and len(word) > 1 and word in common_forms and word not in proper_only
    }
    return {"format": 1, "common_nouns": sorted(nouns - known_names)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    payload = build()
    args.output.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(payload['common_nouns'])} words")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
