"""Bylines into people: "By Tom Krisher, AP Auto Writer" is one author, Tom Krisher, credited to the AP.

Bylines come from text headers, `<meta name=author>`, JSON-LD and feeds, and mix people with roles ("Staff
Writer"), desks ("National Desk"), agencies ("Associated Press"), organisations and URLs. Only people become
authors; an agency is kept apart as the article's credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from worker.pipeline.entities import lexicon
from worker.pipeline.entities.gazetteer import Gazetteer, load_gazetteer, load_german_common_nouns

PREFIX = re.compile(
    r"^\s*(?:(?:story|text|words|reporting|written|posted|published|compiled|edited|photos?)\s+)?"
    r"(?:by|von|par|por|door|author|authors|autor|autorin)\b\s*:?\s*",
    re.IGNORECASE,
)
# Between two people: "X and Y", "X, Y", "X & Y", "X; Y", "X | Y", "X / Y", "X with Y", line breaks; the
# dash before a role: "Jane Doe - Staff Writer"; and "for" before the publication: "Tom Pyman for MailOnline".
SEPARATORS = re.compile(r"\s*(?:[;,|/\n\r\t]|\s[-–—]\s|\band\b|\bund\b|\bwith\b|\bfor\b|\bfür\b|&)\s*", re.IGNORECASE)
# Invisible characters pages leave inside names: soft hyphens ("Mat\u00adthi\u00adas"), zero-width spaces.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
URL_OR_EMAIL = re.compile(r"(?:https?://|www\.|\S+@\S+|\S+\.(?:com|org|net|co\.uk|de)\b)", re.IGNORECASE)
PARTICLES = frozenset(
    "de da di du del della der den van von ter ten zu le la dos das y al el bin ibn bint abu mac st".split()
)
NAME_WORD = re.compile(r"^(?:[^\W\d_][^\W\d_'’.\-]*(?:['’\-][^\W\d_][^\W\d_'’.\-]*)*\.?|(?:[^\W\d_]\.){1,3})$")
INITIALS = re.compile(r"^(?:(?:[^\W\d_]\.){1,3}|[^\W\d_])$")  # "J.", "R.C.", "T" (trafilatura drops full stops)
# Before a name and not part of it: "Dr. Sebastian Brüggemann", "Prof. Anna Schmidt".
HONORIFICS = frozenset("dr prof professor mr mrs ms mx sir dame rev fr hon mag ing dipl".split())
# After a name and part of it, so their full stop stays: "Perry Bacon Jr.", "Nicolas Gutierrez C.".
NAME_SUFFIXES = frozenset("jr sr jnr snr".split())
# A leading article is a publication's, not a name's: "La Nacion", "Le Figaro", "Die Zeit".
ARTICLES = frozenset("the la le les el los las il lo die der das".split())
# Words that make a part a role, a desk or an organisation rather than a person.
ROLE_WORDS = frozenset(
    """
    writer writers correspondent correspondents reporter reporters editor editors staff desk bureau contributor
    contributors columnist producer producers photographer photographers journalist journalists analyst team
    newsroom service services wire wires agency agencies press news media digital online international national
    political politics business sports sport science health economics economy technology tech culture opinion
    senior chief deputy associate assistant managing executive special investigative video audio data graphics
    auto autos motoring travel food weather markets metro local global world foreign affairs department
    interactive contributing guest freelance intern fellow director head manager lead officer desks edition
    redaktion korrespondent korrespondentin autorin reporterin mitarbeiter agentur nachrichten experte expertin
    redacción redação rédaction redazione redactie
    """.split()
)
# Words of organisations and placeholders in the languages bylines come in: "Casa Editorial El Tiempo",
# "Société du Figaro", "Auswärtiges Amt", "Super User", "No Author".
ORGANISATION_WORDS = frozenset(
    """
    admin administrator webmaster user author authors anonymous unknown guest editorial editora editions éditions
    société societe sociedad sociedade company group groupe grupo gruppe verlag zeitung diario jornal journal
    revista revue magazine magazin noticias notícias nouvelles presse prensa imprensa casa media média mídia
    medien stiftung verband verein ministerium amt departement département ministerio ministère ministério
    gobierno governo gouvernement regierung universidad université universität universidade instituto institut
    fundación fundação fondation asociación associação association partido parti partei fraktion feuerwehr
    polizei policía polícia team equipo équipe abteilung agencia agência agence inc ltd llc gmbh ag sa srl kg
    ohg mbh www com org net
    """.split()
)
AGENCIES = {
    "associated press": "Associated Press",
    "ap": "Associated Press",
    "the associated press": "Associated Press",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "dpa": "dpa",
    "pa": "PA Media",
    "pa media": "PA Media",
    "press association": "PA Media",
    "upi": "UPI",
    "xinhua": "Xinhua",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "cnn": "CNN",
    "bbc": "BBC",
    "bbc news": "BBC",
}
# German compounds ending in these are bodies, not people ("Landesanstalt", "Bundestagsfraktion").
GERMAN_ORGANISATION_HEADS = (
    *lexicon.GERMAN_BODY_HEADS,
    *lexicon.GERMAN_ORG_HEADS,
    *"anstalt verlag zeitung fraktion gesellschaft zentrum verein redaktion partei verwaltung kammer gemeinde".split(),
)
# "Harm, Robert" and "Doe, Jane M.": a surname, a comma, a given name (and initials), then the byline's end
# or the next name.
SURNAME_FIRST = re.compile(
    r"(?<![\w.'’-])([^\W\d_][\w'’-]+),\s*([^\W\d_][\w'’-]+(?:\s+(?:[^\W\d_]\.){1,3})*)"
    r"(?=\s*(?:$|[;|/\n\r\t&]|\band\b|\bund\b))",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 5
MAX_BYLINE_CHARS = 500  # a longer "byline" is a paragraph of text, not a list of names


@dataclass(frozen=True)
class Byline:
    people: list[str] = field(default_factory=list)  # "Tom Krisher"
    credit: str | None = None  # the agency the byline names: "Associated Press"


def parse_byline(raw: str) -> Byline:
    """The people a byline names, in order and without repeats, and the agency it credits, if any."""
    if not raw or len(raw) > MAX_BYLINE_CHARS:
        return Byline()
    text = URL_OR_EMAIL.sub(";", INVISIBLE.sub("", raw))  # a URL separates what is around it
    people: list[str] = []
    credit: str | None = None
    text = SURNAME_FIRST.sub(_given_name_first, PREFIX.sub("", text.strip()))
    parts = [_trimmed(part) for part in SEPARATORS.split(text)]
    parts = [part for part in parts if part]
    for part in parts:
        agency = AGENCIES.get(" ".join(part.split()).casefold()) or _agency_of_role(part)
        if agency is not None:
            credit = credit or agency
            continue
        name = _person_name(part, alone=len(parts) == 1)
        if name is not None and name.casefold() not in {p.casefold() for p in people}:
            people.append(name)
    return Byline(people, credit)


# What may stand before a surname-first name: the byline's start, a separator, or "and"/"und". Not another word:
# in "Tom Krisher, Robert" the comma separates two names and "Krisher, Robert" is no surname-first name.
NAME_START = re.compile(r"(?:^|[;|/\n\r\t&]|\band|\bund)[ ]*$", re.IGNORECASE)


def _given_name_first(match: re.Match[str]) -> str:
    surname, given = match.group(1), match.group(2)
    starts_a_name = NAME_START.search(match.string, 0, match.start()) is not None
    return f"{given} {surname}" if starts_a_name and _is_surname_then_given_name(surname, given) else match.group(0)


def _is_surname_then_given_name(surname: str, given: str) -> bool:
    """ "Harm" then "Robert": the second a known given name (and initials), the first a possible surname, not a
    role, an agency, an organisation's word, a place or a function word; so "Tom Krisher, Writer" and "Smith,
    Jones" still split. Everyday words stay possible surnames: "Harm", "Doe", "Smith"."""
    gazetteer = load_gazetteer()
    first = given.split()[0]
    if " " in surname or not (surname[:1].isupper() and first[:1].isupper()) or first not in gazetteer.given_names:
        return False
    if not all(INITIALS.match(word) for word in given.split()[1:]):
        return False
    if surname in gazetteer.given_names and not gazetteer.is_common_word(surname):
        return False  # "Julia" then "Heiko" are two people; "Harm" alone is dropped as an everyday word anyway
    folded = surname.casefold()
    if _is_organisation_word(surname) or folded in AGENCIES or folded in PARTICLES or folded in ARTICLES:
        return False
    return surname not in lexicon.STOPWORDS and not _is_place(surname, gazetteer)


def _trimmed(part: str) -> str:
    """The part without its lead-in word, quotes and brackets, and a full stop that ends the byline rather
    than an initial or a suffix ("Perry Bacon Jr." keeps it)."""
    part = PREFIX.sub("", part).strip(" :()[]\"'“”")
    words = part.split()
    if words and words[-1].endswith(".") and not _keeps_full_stop(words[-1]):
        part = part.rstrip(". ")
    return part.strip(" :()[]\"'“”")


def _keeps_full_stop(word: str) -> bool:
    bare = word.rstrip(".")
    return len(bare) == 1 or bare.casefold() in NAME_SUFFIXES or "." in bare  # "C.", "Jr.", "R.C."


def clean_authors(values: list[str]) -> tuple[list[str], str | None]:
    """Every byline value an extractor found (one or several names each) as people, and the first credit."""
    people: list[str] = []
    credit: str | None = None
    for value in _rejoined(values):
        byline = parse_byline(value)
        credit = credit or byline.credit
        people.extend(p for p in byline.people if p.casefold() not in {q.casefold() for q in people})
    return people, credit


def _rejoined(values: list[str]) -> list[str]:
    """trafilatura splits "Harm, Robert" into "Harm" and "Robert"; a lone possible surname followed by a lone
    given name is one person again."""
    joined: list[str] = []
    index = 0
    while index < len(values):
        value = values[index].strip()
        following = values[index + 1].strip() if index + 1 < len(values) else ""
        if following and _is_surname_then_given_name(value, following):
            joined.append(f"{following} {value}")
            index += 2
            continue
        joined.append(value)
        index += 1
    return joined


def _agency_of_role(part: str) -> str | None:
    """ "AP Auto Writer", "Reuters Staff": an agency's name before role words credits the agency."""
    words = part.split()
    if len(words) < 2 or words[-1].casefold().strip(".") not in ROLE_WORDS:
        return None
    for length in (2, 1):
        agency = AGENCIES.get(" ".join(words[:length]).casefold())
        if agency is not None:
            return agency
    return None


def _person_name(part: str, *, alone: bool = False) -> str | None:
    """The part as a person's name, or None when it is a role, a desk, an organisation or not a name.

    Without a known given name (or initials) first or second, a name made only of everyday words, German
    nouns and places ("Kyiv Independent", "Deutsche Welle"), or ending in a country ("Happy Coffee
    Deutschland"), is not a person. A single word is a person only when it is the whole byline and a given
    name that is not an everyday word ("Von Jessie")."""
    gazetteer = load_gazetteer()
    words = _without_honorifics(_without_leading_roles(part.split()))
    if len(words) > 2 and _is_handle(words[-1], gazetteer) and _has_given_name(words[:-1], gazetteer):
        words = words[:-1]  # a site's handle after the name: "Daniel Hentschel ebrosia"
    if not words or len(words) > MAX_NAME_WORDS or (len(words) == 1 and not alone):
        return None  # one word is a desk ("Staff"), a site or a first name among others: not enough
    if any(_is_organisation_word(word) for word in words):
        return None
    if not all(NAME_WORD.match(word) for word in words):
        return None
    capitalised = [w for w in words if w.casefold() not in PARTICLES]
    if not capitalised or words[0].casefold() in ARTICLES:
        return None  # "The Atlantic", "LA NACION"
    lower_case = all(w.islower() for w in capitalised)
    if lower_case and not _has_given_name([_capitalise(w) for w in capitalised], gazetteer):
        return None  # "przepisy pl" is a site; "inga buller" a person
    if lower_case or all(w.isupper() for w in capitalised if len(w) > 2):
        words = [w if w.casefold() in PARTICLES else _capitalise(w) for w in words]  # "inga buller", "TOM KRISHER"
    capitalised = [w for w in words if w.casefold() not in PARTICLES]
    if not all(w[0].isupper() for w in capitalised) or all(INITIALS.match(w) for w in capitalised):
        return None  # lower-case words inside, or initials alone ("K A")
    if lexicon.SUFFIX_TYPES.get(words[-1]) == "ORG":
        return None  # "Hartwell Freight Group", "Riverton Gazette"
    if gazetteer.lookup(" ".join(words)) is not None:
        return None  # a place or a known organisation: "New York", "European Commission"
    if len(words) == 1:
        word = words[0]
        return word if word in gazetteer.given_names and not gazetteer.is_common_word(word) else None
    if not _has_given_name(capitalised, gazetteer) and _looks_like_an_organisation(capitalised, gazetteer):
        return None
    return " ".join(words)


def _has_given_name(capitalised: list[str], gazetteer: Gazetteer) -> bool:
    """Initials or a known given name first or second: "J. K. Rowling", "Mary-Kate O'Brien", "Ruwaida Kamal"."""
    if not capitalised:
        return False
    if INITIALS.match(capitalised[0]) and len(capitalised) > 1:
        return True
    return any(word.split("-")[0] in gazetteer.given_names for word in capitalised[:2])


def _looks_like_an_organisation(capitalised: list[str], gazetteer: Gazetteer) -> bool:
    german_nouns = load_german_common_nouns()

    def everyday_or_place(word: str) -> bool:
        return gazetteer.is_common_word(word) or word.casefold() in german_nouns or _is_place(word, gazetteer)

    last = gazetteer.lookup(capitalised[-1])
    ends_in_country = last is not None and last.key.startswith("country:")
    return ends_in_country or all(everyday_or_place(word) for word in capitalised)


def _is_place(word: str, gazetteer: Gazetteer) -> bool:
    known = gazetteer.lookup(word)
    return known is not None and known.type in ("GPE", "LOC")


def _is_handle(word: str, gazetteer: Gazetteer) -> bool:
    """A lower-case site name or user name, not an everyday word ("ebrosia", not "is")."""
    return word.islower() and word not in PARTICLES and not gazetteer.is_common_word(word)


def _is_organisation_word(word: str) -> bool:
    """An organisation's word, or a German compound ending in one: "Landesanstalt", "Bundestagsfraktion"."""
    folded = word.casefold().strip(".")
    if folded in ROLE_WORDS or folded in ORGANISATION_WORDS:
        return True
    return any(folded.endswith(head) and len(folded) > len(head) + 2 for head in GERMAN_ORGANISATION_HEADS)


def _without_leading_roles(words: list[str]) -> list[str]:
    """ "FOCUS-Online-Experte Robin Tschöpe" -> "Robin Tschöpe": a role word (or a compound ending in one)
    before at least two more words."""
    while len(words) > 2 and words[0].split("-")[-1].casefold().strip(".") in ROLE_WORDS:
        words = words[1:]
    return words


def _without_honorifics(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0].casefold().strip(".") in HONORIFICS:
        words = words[1:]
    return words


def _capitalise(word: str) -> str:
    """ "DEE-ANN" -> "Dee-Ann", "O'BRIEN" -> "O'Brien"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)
