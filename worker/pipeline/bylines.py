"""Bylines into people: "By Tom Krisher, AP Auto Writer" is one author, Tom Krisher, credited to the AP.

Bylines come from text headers, `<meta name=author>`, JSON-LD and feeds, and mix people with roles ("Staff
Writer"), desks ("National Desk"), agencies ("Associated Press"), organisations and URLs. Only people become
authors; an agency is kept apart as the article's credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from worker.pipeline.entities import lexicon
from worker.pipeline.entities.gazetteer import load_gazetteer

PREFIX = re.compile(
    r"^\s*(?:(?:story|text|words|reporting|written|posted|published|compiled|edited|photos?)\s+)?"
    r"(?:by|von|par|por|door|author|authors|autor|autorin)\b\s*:?\s*",
    re.IGNORECASE,
)
# Between two people: "X and Y", "X, Y", "X & Y", "X; Y", "X | Y", "X / Y", "X with Y", line breaks; and the
# dash before a role: "Jane Doe - Staff Writer".
SEPARATORS = re.compile(r"\s*(?:[;,|/\n\r\t]|\s[-–—]\s|\band\b|\bund\b|\bwith\b|&)\s*", re.IGNORECASE)
URL_OR_EMAIL = re.compile(r"(?:https?://|www\.|\S+@\S+|\S+\.(?:com|org|net|co\.uk|de)\b)", re.IGNORECASE)
PARTICLES = frozenset(
    "de da di du del della der den van von ter ten zu le la dos das y al el bin ibn bint abu mac st".split()
)
NAME_WORD = re.compile(r"^(?:[^\W\d_][^\W\d_'’.\-]*(?:['’\-][^\W\d_][^\W\d_'’.\-]*)*\.?|[^\W\d_]\.)$")
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
    redaktion korrespondent korrespondentin autorin reporterin mitarbeiter agentur nachrichten
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
    text = URL_OR_EMAIL.sub(";", raw)  # a URL separates what is around it
    people: list[str] = []
    credit: str | None = None
    for part in SEPARATORS.split(PREFIX.sub("", text.strip())):
        part = PREFIX.sub("", part).strip(" .:()[]\"'“”")
        if not part:
            continue
        agency = AGENCIES.get(" ".join(part.split()).casefold()) or _agency_of_role(part)
        if agency is not None:
            credit = credit or agency
            continue
        name = _person_name(part)
        if name is not None and name.casefold() not in {p.casefold() for p in people}:
            people.append(name)
    return Byline(people, credit)


def clean_authors(values: list[str]) -> tuple[list[str], str | None]:
    """Every byline value an extractor found (one or several names each) as people, and the first credit."""
    people: list[str] = []
    credit: str | None = None
    for value in values:
        byline = parse_byline(value)
        credit = credit or byline.credit
        people.extend(p for p in byline.people if p.casefold() not in {q.casefold() for q in people})
    return people, credit


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


def _person_name(part: str) -> str | None:
    """The part as a person's name, or None when it is a role, a desk, an organisation or not a name."""
    words = part.split()
    if not 2 <= len(words) <= MAX_NAME_WORDS:
        return None  # one word is a desk ("Staff"), a site or a first name alone: not enough for an author
    if any(word.casefold().strip(".") in ROLE_WORDS for word in words):
        return None
    if not all(NAME_WORD.match(word) for word in words):
        return None
    capitalised = [w for w in words if w.casefold() not in PARTICLES]
    if not capitalised or not all(w[0].isupper() for w in capitalised):
        return None
    if words[0].casefold() == "the" or lexicon.SUFFIX_TYPES.get(words[-1]) == "ORG":
        return None  # "The Atlantic", "Hartwell Freight Group", "Riverton Gazette"
    if load_gazetteer().lookup(" ".join(words)) is not None:
        return None  # a place or a known organisation: "New York", "European Commission"
    if all(w.isupper() for w in capitalised) and any(len(w) > 2 for w in capitalised):
        words = [w if w.casefold() in PARTICLES else _capitalise(w) for w in words]  # "TOM KRISHER"
    return " ".join(words)


def _capitalise(word: str) -> str:
    """ "DEE-ANN" -> "Dee-Ann", "O'BRIEN" -> "O'Brien"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)
