"""Build data/german.json, the frequent German words that are not names, for the tagger's German mode.

German capitalises every noun, so the English rules would take "Woche", "Menschen" or "Kollegen" for names.
The list below lets the tagger treat them as ordinary words. Run once by a developer; the output is committed
and the worker needs neither package at run time:

    pip install wordfreq german-nouns pycountry
    python -m tools.build_german

Sources (PyPI):
- wordfreq: the most frequent German words (lowercased by wordfreq), which bounds the list to words news uses.
- pycountry: its German translations of country names ("Deutschland", "Frankreich"), so that German pages
  name the same countries as English ones.
- german-nouns: ~100,000 German nouns with all their inflected forms, from German Wiktionary (CC BY-SA); a
  lemma that Wiktionary also lists as a place, a given name, a surname or another proper name ("Berlin",
  "Merkel", "Paris") is left out, so only common nouns go in.

A frequent word goes in when it is an inflected form of a common noun; one of the 5,000 most frequent even when a
town or a given name is spelt the same ("Tage", "Mann"), a rarer one only when the tagger knows no name like it.
The 3,000 most frequent words that are no noun ("ihnen", "ja") go in a second list, less English words and names:
they are capitalised only at the start of a sentence.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Mapping
from pathlib import Path

from worker.pipeline.entities.gazetteer import load_gazetteer

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "worker" / "pipeline" / "entities" / "data" / "german.json"
FREQUENT_WORD_COUNT = 50_000  # wordfreq's most frequent German words considered
VERY_FREQUENT = 5_000  # nouns this frequent stay in the list even when a place or a given name is spelt alike
FUNCTION_WORD_COUNT = 3_000  # the most frequent words that are not nouns
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
    known_names = {surface.lower() for surface, entry in gazetteer.names.items() if entry[2] >= 2}
    known_names |= {name.lower() for name in gazetteer.given_names}
    # wordfreq case-folds ("maßnahmen" -> "massnahmen"): match on the folded form, keep the written one.
    by_folded: dict[str, set[str]] = {}
    for form in common_forms - proper_only:
        by_folded.setdefault(form.casefold(), set()).add(form)
    ranked = [w for w in top_n_list("de", FREQUENT_WORD_COUNT) if w.isalpha() and len(w) > 1]
    nouns: set[str] = set()
    for rank, word in enumerate(ranked):
        for form in by_folded.get(word, ()):
            # A very frequent noun is a noun even if a town or a given name is spelt the same ("Tage", "Mann");
            # a rarer one that is a known name is left to be a name.
            if rank < VERY_FREQUENT or form not in known_names:
                nouns.add(form)
    # Frequent words that are no noun at all ("ihnen", "ja", "ab"): capitalised only at a sentence start.
    english = gazetteer.common_words
    others = {
        w
        for w in ranked[:FUNCTION_WORD_COUNT]
        if w not in by_folded and w not in proper_only and w not in english and w not in known_names
    }
    places = german_country_names(gazetteer.names)
    # A country's German name is a place even where Wiktionary also lists it as the plural of its people
    # ("Polen", "Schweden", "Ungarn"): the nouns are lowercase, so compare lowercase.
    return {
        "format": 1,
        "common_nouns": sorted(nouns - {name.lower() for name in places}),
        "other_words": sorted(others),
        "places": places,
    }


def german_country_names(known: Mapping[str, object]) -> dict[str, str]:
    """Countries as German writes them ("Deutschland", "Frankreich"), keyed like the English names so that
    "Germany" and "Deutschland" are one entity: pycountry's German translations plus common short forms."""
    import gettext

    import pycountry

    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    places: dict[str, str] = {}
    for country in pycountry.countries:
        for english in {getattr(country, "common_name", None) or country.name, country.name}:
            name = german.gettext(english)
            if name != english and "," not in name and "(" not in name and name not in known:
                places[name] = f"country:{country.alpha_2}"
    places.update({name: f"country:{code}" for name, code in GERMAN_COUNTRY_NAMES.items() if name not in known})
    return dict(sorted(places.items()))


# Short forms German news uses that the ISO names lack.
GERMAN_COUNTRY_NAMES = {
    "Russland": "RU",
    "Großbritannien": "GB",
    "Amerika": "US",
    "Weißrussland": "BY",
    "Tschechien": "CZ",
    "Holland": "NL",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    payload = build()
    args.output.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(payload['common_nouns'])} nouns, {len(payload['other_words'])} other words")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
