"""The built-in tagger's lookups: the generated gazetteer file merged with the hand-written lists, loaded once."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from worker.pipeline.entities import lexicon

GAZETTEER_FILE = "gazetteer.json"
MAJOR_WEIGHT = 3  # countries, capitals, cities of a million: trusted without context


FEATURE_SOURCE = "feature"  # lexicon.WORLD_FEATURES: the tagger's rule `world-features` can set them aside
EVENT_SOURCE = "event-name"  # lexicon.WORLD_EVENTS: rule `world-events`
VENUE_SOURCE = "venue"  # lexicon.WORLD_VENUES: rule `world-venues`
WORLD_COMPANY_SOURCE = "world-company"  # lexicon.WORLD_COMPANIES: rule `world-companies`
SKY_SOURCE = "sky"  # lexicon.SKY_FEATURES: rule `world-features`
COMPANY_SOURCE = "company"  # data/companies.json (tools/build_companies.py): rule `listed-companies`
COMPANIES_FILE = "companies.json"
SMALL_TOWNS_FILE = "small_towns.json"
COUNTRY_CODES_FILE = "country_codes.json"


class KnownName(NamedTuple):
    """A name the tagger knows before reading any text (a tuple: tens of thousands are made at start-up)."""

    type: str  # PERSON, ORG, GPE, LOC, NORP, FAC, EVENT
    key: str  # identity shared by all spellings: "country:US" for "U.S." and "America"
    weight: int  # 3 trusted anywhere, 2 a sizeable place, 1 a town that needs context
    source: str  # curated | demonym | place | feature | event-name | venue | company


@dataclass(frozen=True)
class Gazetteer:
    """Everything looked up by exact surface form, plus word sets for names and everyday words.

    Entries stay as the JSON lists they were read as ([type, key, weight] or [type, key, weight, source]):
    making tens of thousands of objects at start-up would cost more than the lookups ever do.
    """

    names: dict[str, list[Any]]
    given_names: frozenset[str]
    common_words: frozenset[str]  # lowercase
    surname_words: frozenset[str]  # lowercase everyday words that are frequent surnames too: "archer", "cross"
    max_name_tokens: int  # the longest known name, in words: bounds the sub-span search
    # each surface's KnownName, made on its first lookup: a text asks for the same few names again and again
    _found: dict[str, KnownName] = field(default_factory=dict, init=False, repr=False, compare=False)

    def lookup(self, surface: str) -> KnownName | None:
        """The known name for a surface form, trying the all-caps form title-cased ("TEHRAN" -> "Tehran")."""
        known = self._found.get(surface)
        if known is not None:
            return known
        entry = self.names.get(surface)
        if entry is None and surface.isupper() and len(surface) > 3:
            entry = self.names.get(surface.title())
        if entry is None:
            return None
        known = self._found[surface] = KnownName(entry[0], entry[1], entry[2], entry[3] if len(entry) > 3 else "place")
        return known

    def is_common_word(self, word: str) -> bool:
        """Whether the word is an everyday lowercase English word ("Death", "Most", "Reading")."""
        return word.lower() in self.common_words


def _read_data_file(name: str, built_by: str) -> dict[str, Any]:
    """One of the generated JSON files in the package's data/ folder; `built_by` is the tool that rebuilds it."""
    text = resources.files("worker.pipeline.entities").joinpath("data", name).read_text(encoding="utf-8")
    payload = json.loads(text)
    if not isinstance(payload, dict) or payload.get("format") != 1:
        raise ValueError(f"{name}: unknown format; rebuild it with `python -m tools.{built_by}`")
    return payload


def _read_generated() -> dict[str, Any]:
    return _read_data_file(GAZETTEER_FILE, "build_gazetteer")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, read from the package data on first use."""
    payload = _read_generated()
    names: dict[str, list[Any]] = payload["places"]
    given_names = frozenset(payload["given_names"])
    # geonames' other names of cities include people's names ("Sam" for Damascus, "Sophia" for Sofia, "Leon"):
    # on real pages those were people far more often than places.
    for surface in [s for s, entry in names.items() if _misleading_city_name(s, entry, given_names)]:
        del names[surface]
    for surface in lexicon.GERMAN_ONLY_PLACES:
        names.pop(surface, None)
    # "St. Gallen", "St. Pölten", "St. Petersburg": the short spelling news uses for the geonames' "Sankt Gallen",
    # "Saint Petersburg"; for towns of 100,000 and more (the smaller "Saint George" is as often the saint)
    for surface, entry in list(names.items()):
        saint, _, rest = surface.partition(" ")
        if saint in ("Sankt", "Saint") and rest and int(entry[2]) >= 2:
            for short in (f"St. {rest}", f"St {rest}"):
                names.setdefault(short, entry)
    for surface, key in payload["demonyms"].items():
        names[surface] = ["NORP", f"norp:{key}", MAJOR_WEIGHT, "demonym"]
    # Hand-curated entries last: they fix what the generated lists get wrong ("Amazon", "Georgia" stay as listed).
    for surface, (kind, canonical) in lexicon.CURATED.items():
        names[surface] = [kind, f"{kind.lower()}:{canonical}", MAJOR_WEIGHT, "curated"]
    for county in lexicon.IRISH_COUNTIES:  # the county's identity where pycountry lists it ("Cavan": sub:IE-CN)
        bare = names.get(county)
        listed = bare is not None and str(bare[1]).startswith("sub:IE")
        entry = bare if bare is not None and listed else ["GPE", f"gpe:County {county}", MAJOR_WEIGHT, "curated"]
        for spelling in (f"County {county}", f"Co {county}", f"Co. {county}"):
            names.setdefault(spelling, entry)
    # Well-known rivers, ranges and regions no package lists; never over a name the lists above know.
    for surface in lexicon.WORLD_FEATURES:
        names.setdefault(surface, ["LOC", f"loc:{surface}", MAJOR_WEIGHT, FEATURE_SOURCE])
    for surface in lexicon.SKY_FEATURES:  # over "Jupiter", Florida; in German text too
        names[surface] = ["LOC", f"loc:{surface}", MAJOR_WEIGHT, SKY_SOURCE]
    for surface in lexicon.WORLD_EVENTS:
        names.setdefault(surface, ["EVENT", f"event:{surface}", MAJOR_WEIGHT, EVENT_SOURCE])
    for surface in lexicon.WORLD_VENUES:
        names.setdefault(surface, ["FAC", f"fac:{surface}", MAJOR_WEIGHT, VENUE_SOURCE])
    for surface, canonical in lexicon.WORLD_COMPANIES.items():
        names.setdefault(surface, ["ORG", f"org:{canonical}", MAJOR_WEIGHT, WORLD_COMPANY_SOURCE])
    for surface, canonical in _read_data_file(COMPANIES_FILE, "build_companies")["companies"].items():
        names.setdefault(surface, ["ORG", f"org:{canonical}", MAJOR_WEIGHT, COMPANY_SOURCE])
    curated_words = max(len(surface.split()) for surface in lexicon.CURATED)
    return Gazetteer(
        names=names,
        given_names=given_names,
        common_words=frozenset(payload["common_words"]),
        surname_words=frozenset(payload["surname_words"]),
        max_name_tokens=max(int(payload["max_name_words"]), curated_words),
    )


# German text names towns of its own countries; elsewhere a German noun or surname was a town far more often
# than a town was meant ("Bulli", "Göbel", "Plesio": measured on the corpus's German pages)
GERMAN_SPEAKING = frozenset({"DE", "AT", "CH", "LI", "LU"})


@lru_cache(maxsize=1)
def _read_small_towns() -> dict[str, dict[str, int]]:
    towns: dict[str, dict[str, int]] = _read_data_file(SMALL_TOWNS_FILE, "build_small_towns")["towns"]
    return towns


@lru_cache(maxsize=2)
def load_small_towns(german: bool = False) -> dict[str, str]:
    """Towns of 1,000 to 15,000 people that no other list names ("Filey", "Frutigen"), by name: their keys
    (data/small_towns.json, tools/build_small_towns.py; rule `small-towns`); with `german` those of the German-
    speaking countries only."""
    by_country = _read_small_towns()  # one read for both selections
    return {
        name: f"city:{geonames_id}"
        for country, towns in by_country.items()
        if not german or country in GERMAN_SPEAKING
        for name, geonames_id in towns.items()
    }


@lru_cache(maxsize=1)
def load_country_codes() -> dict[str, str]:
    """Three-letter country codes, ISO's and the IOC's, to the country's identity: "SUI" -> "country:CH"
    (data/country_codes.json, tools/build_country_codes.py; rule `country-codes`)."""
    codes: dict[str, str] = _read_data_file(COUNTRY_CODES_FILE, "build_country_codes")["codes"]
    return codes


GERMAN_FILE = "german.json"


@lru_cache(maxsize=1)
def _read_german() -> dict[str, Any]:
    return _read_data_file(GERMAN_FILE, "build_german")


@lru_cache(maxsize=1)
def load_german_common_nouns() -> frozenset[str]:
    """Frequent German common nouns, lowercase, all inflected forms ("woche", "wochen"), and frequent words that
    are no noun ("ihnen"): what a capital does not make a name in German. Built by tools/build_german.py."""
    payload = _read_german()
    return frozenset(payload["common_nouns"]) | frozenset(payload["other_words"])


@lru_cache(maxsize=1)
def load_german_rare_nouns() -> frozenset[str]:
    """German common nouns beyond the frequent list ("schmand", "oszilloskop"), lowercase, all inflected forms."""
    return frozenset(_read_german()["rare_nouns"])


@lru_cache(maxsize=1)
def load_german_nouns_with_rare() -> frozenset[str]:
    """The frequent list and the rare nouns in one set: what a capital does not make a name in German."""
    return load_german_common_nouns() | load_german_rare_nouns()


REGION_WEIGHT = 2  # a river or a landscape is named without context ("die Eifel"), but is no capital city
GERMAN_TOPONYMS_FILE = "german_toponyms.json"


@lru_cache(maxsize=8)
def load_german_gazetteer(
    regions: bool = True,
    world_regions: bool = True,
    companies: bool = True,
    cantons: bool = True,
    former_states: bool = True,
    toponyms: bool = True,
    towns: bool = True,
) -> Gazetteer:
    """The gazetteer with the German names of countries added ("Deutschland" is "country:DE", like "Germany"), German
    towns whose name is an English word ("Trier"), and (with `regions`) rivers, lakes, mountains and landscapes
    from Wiktionary as LOC ("Eifel", "Hunsrück"), and (with `companies`) the listed firms whose name is no German
    word ("Lufthansa", "Thyssenkrupp"; not "Allianz", "Henkel", "Siemens", which the noun lists have); with `cantons`
    "Waadt", "Wallis", "Tessin" as the cantons (GPE), with `former_states` "DDR" and "UdSSR" (GPE), and with
    `toponyms` the German names of subdivisions and cities ("Schottland", "Athen") and the rest of Wiktionary's place
    names (data/german_toponyms.json, tools/build_german_toponyms.py): towns and islands as GPE that needs context
    ("Kaub", "Sylt"), rivers and landscapes as LOC ("Spree", "Allgäu"), never over a name known above; with `towns` the small towns of data/small_towns.json in German-speaking
    countries ("Frutigen", "Arrach"), as GPE that needs context, last."""
    base = load_gazetteer()
    # English-only additions: WORLD_FEATURES, WORLD_EVENTS, WORLD_VENUES are English spellings, some are German words
    # ("Seine" is "his"); the companies were not measured on German text
    english_only = ([FEATURE_SOURCE], [EVENT_SOURCE], [VENUE_SOURCE], [COMPANY_SOURCE])
    names = {surface: entry for surface, entry in base.names.items() if entry[3:4] not in english_only}
    german = _read_german()
    if companies:  # rule `german-listed-companies`
        words = load_german_nouns_with_rare()
        for surface, entry in base.names.items():
            if entry[3:4] == [COMPANY_SOURCE] and surface.lower() not in words:
                names[surface] = entry
    for surface, key in [*german["places"].items(), *lexicon.GERMAN_ONLY_PLACES.items()]:
        names[surface] = ["GPE", key, MAJOR_WEIGHT, "place"]
    if regions:
        for surface, key in german["regions"].items():
            if names.get(surface, [None, None, 0, None])[3:] != ["curated"]:  # "Rhein" stays the curated Rhine
                names[surface] = ["LOC", key, REGION_WEIGHT, "place"]
    if cantons:  # rule `german-cantons`
        for surface, key in lexicon.GERMAN_CANTONS.items():
            names[surface] = ["GPE", key, MAJOR_WEIGHT, "place"]
    if former_states:  # rule `german-former-states`
        for surface, key in lexicon.GERMAN_FORMER_STATES.items():
            names[surface] = ["GPE", key, MAJOR_WEIGHT, "place"]
    if world_regions:  # "Europa", "Südostasien": continents and parts of the world, LOC as in English
        for surface, key in lexicon.GERMAN_WORLD_REGIONS.items():
            names.setdefault(surface, ["LOC", key, MAJOR_WEIGHT, "curated"])
    if toponyms:  # rule `german-toponyms`
        for surface, (kind, key, weight) in _read_german_toponyms().items():
            names.setdefault(surface, [kind, key, weight, "place"])
    if towns:  # rule `small-towns`: German text capitalises every noun, so a town must be a known name to be seen
        for surface, key in load_small_towns(german=True).items():
            names.setdefault(surface, ["GPE", key, 1, "place"])
    return Gazetteer(names, base.given_names, base.common_words, base.surname_words, base.max_name_tokens)


@lru_cache(maxsize=1)
def _read_german_toponyms() -> dict[str, list[Any]]:
    toponyms: dict[str, list[Any]] = _read_data_file(GERMAN_TOPONYMS_FILE, "build_german_toponyms")["toponyms"]
    return toponyms


@lru_cache(maxsize=1)
def load_german_toponyms() -> frozenset[str]:
    """The place names data/german_toponyms.json adds to the German gazetteer ("Kaub", "Leoben", "Spree")."""
    return frozenset(_read_german_toponyms())


@lru_cache(maxsize=1)
def _spellings_by_key() -> dict[str, tuple[str, ...]]:
    spellings: dict[str, list[str]] = {}
    for surface, entry in load_gazetteer().names.items():
        spellings.setdefault(entry[1], []).append(surface)
    return {key: tuple(sorted(surfaces)) for key, surfaces in spellings.items()}


def gazetteer_spellings(known_key: str) -> tuple[str, ...]:
    """Every spelling the gazetteer lists for one identity: "country:US" -> "America", "U.S.", "US", ..."""
    return _spellings_by_key().get(known_key, ())


@lru_cache(maxsize=1)
def identities_by_folded_spelling() -> dict[str, frozenset[str]]:
    """Case-folded spelling -> the case-folded identities it names in the English or German gazetteer, as the
    store keys them ("mexico" -> {"country:mx"})."""
    identities: dict[str, set[str]] = {}
    for gazetteer in (load_gazetteer(), load_german_gazetteer()):
        for surface, entry in gazetteer.names.items():
            identities.setdefault(surface.casefold(), set()).add(str(entry[1]).casefold())
    return {spelling: frozenset(keys) for spelling, keys in identities.items()}


def _misleading_city_name(surface: str, entry: list[Any], given_names: frozenset[str]) -> bool:
    """Whether `surface` is one of a city's other names (not its own name, an accent-free spelling of it or its
    first word, as "Rio" of "Rio de Janeiro") that is a given name (but for exonyms such as "Tokio") or listed
    in lexicon.NOT_CITY_NAMES."""
    key = str(entry[1])
    if not key.startswith("city:"):
        return False
    own = canonical_name(key)
    if own is None or surface == own or _accent_free(surface) == _accent_free(own) or surface == own.split()[0]:
        return False
    given = surface in given_names and surface not in lexicon.CITY_EXONYMS_SPELT_AS_NAMES
    return given or surface in lexicon.NOT_CITY_NAMES


def _accent_free(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


CANONICAL_FILE = "canonical.json"
# Identities whose key carries the name they are stored under: the curated lists' "org:European Union" and
# "gpe:Lower Saxony" (lexicon.CURATED), demonyms, continents and regions.
NAMED_KEY_KINDS = frozenset({"org", "gpe", "loc", "fac", "event", "norp", "person", "product", "continent", "region"})


@lru_cache(maxsize=1)
def _canonical_names() -> dict[str, str]:
    names: dict[str, str] = _read_data_file(CANONICAL_FILE, "build_canonical")["names"]
    return names


def canonical_name(known_key: str) -> str | None:
    """The one name an identity the gazetteer knows is stored under, whichever spelling an article used:
    "Austria" for "country:AT" ("Österreich"), "United States" for "U.S.", "European Union" for "EU". None for
    an identity with a single spelling (that spelling is its name)."""
    if known_key in lexicon.CANONICAL_NAMES:
        return lexicon.CANONICAL_NAMES[known_key]
    name = _canonical_names().get(known_key)
    if name is not None:
        return name
    kind, _, named = known_key.partition(":")
    return named if kind in NAMED_KEY_KINDS and named else None
