"""A deterministic synthetic news corpus: HTML pages inside real-looking boilerplate, with ground truth, and
plain-text articles in the style of the files in seeds/.

Nothing is downloaded. Every page comes from a `random.Random` seeded with (seed, kind, index), so page i is
the same whatever n is asked for, and the same seed always gives the same bytes. Five invented outlets give
five page layouts (an `<article>` page, a `<div class="story-body">` page, a React-style page with hashed class
names, a BBC-style page, a WordPress page) with different comment widgets and metadata habits.

    python -m tests.support.corpus OUTDIR --html 100 --text 20 --seed 1
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.support import vocabulary as words

MIN_BODY_WORDS = 400
MAX_BODY_WORDS = 2000
MIN_PAGE_CHARS = 55_000  # a little above 50 KB, so multi-byte punctuation never pushes a page under
MAX_PAGE_CHARS = 235_000  # a little below 250 KB, for the same reason the other way


@dataclass(frozen=True)
class GeneratedPage:
    """One synthetic HTML page and the ground truth an extractor should recover from it."""

    name: str  # file name, e.g. "page_00042.html"
    html: str
    body_paragraphs: list[str]  # the article's <p> paragraphs, in order, as a reader sees them
    comments: list[str]  # the text of each reader comment
    title: str
    author: str  # one name, or two joined by " and "
    published: str  # ISO date of first publication, YYYY-MM-DD
    site: str  # the outlet's domain, e.g. "harborcourier.com" (what "Source:" lines in seeds/ name)
    url: str  # the absolute canonical URL
    site_name: str = ""  # the outlet's display name, e.g. "The Harbor Courier"
    subheadings: list[str] = field(default_factory=list)  # <h2> headings inside the article body
    outlet: str = ""  # the layout's key, e.g. "harbor"


# --- people, places and the cast of a story -------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone quoted or named in a story."""

    full_name: str
    surname: str
    pronoun: str  # "he", "she" or "they"
    role: str  # e.g. "a spokesperson for the Ashford Water Authority"


def random_place(rng: random.Random) -> str:
    """An invented town name, e.g. "Port Ashford" or "Willowmere"."""
    return rng.choice(words.PLACE_PREFIXES) + rng.choice(words.PLACE_HEADS) + rng.choice(words.PLACE_TAILS)


def random_person_name(rng: random.Random) -> tuple[str, str, str]:
    """(full name, surname, pronoun) of an invented person."""
    if rng.random() < 0.5:
        first, pronoun = rng.choice(words.FEMALE_FIRST_NAMES), "she"
    else:
        first, pronoun = rng.choice(words.MALE_FIRST_NAMES), "he"
    surname = rng.choice(words.SURNAMES)
    return f"{first} {surname}", surname, pronoun


def random_company(rng: random.Random) -> str:
    """An invented company name, e.g. "Veltrix Logistics"."""
    return f"{rng.choice(words.COMPANY_STEMS)} {rng.choice(words.COMPANY_KINDS)}"


def random_organisation(rng: random.Random, place: str) -> str:
    """An invented public body in a place, e.g. "the Ashford Water Authority"."""
    return f"the {place} {rng.choice(words.ORG_KINDS)}"


# --- prose ----------------------------------------------------------------------------------------------


class StoryWriter:
    """Writes the sentences of one story: a topic, a place and a cast that recur, as in real reporting."""

    def __init__(self, rng: random.Random, topic: words.Topic, cast_size: int | None = None) -> None:
        self.rng = rng
        self.topic = topic
        self.place = random_place(rng)
        self.other_places = [random_place(rng) for _ in range(3)]
        self.organisation = random_organisation(rng, self.place)
        self.partner = random_organisation(rng, rng.choice(self.other_places))  # a second body, for "help from"
        self.company = random_company(rng)
        self.currency = rng.choice(("$", "£", "€"))
        self.cast = [self._new_person() for _ in range(cast_size or rng.randint(3, 5))]
        self.mentioned: set[str] = set()  # people already introduced with full name and role

    def _new_person(self) -> Person:
        full_name, surname, pronoun = random_person_name(self.rng)
        role = self.rng.choice(words.GENERIC_ROLES).format(
            org=self.organisation, place=self.rng.choice([self.place, *self.other_places]), company=self.company
        )
        return Person(full_name, surname, pronoun, role)

    # small pieces

    def noun(self) -> str:
        """A thing the story is about, e.g. "bike lane"."""
        return self.rng.choice(self.topic.nouns)

    def number(self, low: int = 3, high: int = 5000) -> str:
        """A random count between low and high, with thousands separators, e.g. "4,120"."""
        return f"{self.rng.randint(low, high):,}"

    def money(self) -> str:
        """A sum of money, e.g. "£4.2 million"."""
        if self.rng.random() < 0.5:
            return f"{self.currency}{self.rng.randint(2, 950)}.{self.rng.randint(1, 9)} million"
        return f"{self.currency}{self.rng.randint(20, 990):,},000"

    def reference(self, person: Person) -> str:
        """The full name and role on first mention, the surname afterwards."""
        if person.full_name in self.mentioned:
            return person.surname
        self.mentioned.add(person.full_name)
        return f"{person.full_name}, {person.role},"

    def subject(self) -> str:
        """The grammatical subject of a clause (a noun phrase that takes any past-tense verb)."""
        rng = self.rng
        choice = rng.randrange(8)
        if choice == 0:
            return f"the {rng.choice(words.ADJECTIVES)} {self.noun()}"
        if choice == 1:
            return self.organisation
        if choice == 2:
            return f"{rng.choice(self.topic.groups)} in {self.place}"
        if choice == 3:
            return self.reference(rng.choice(self.cast))
        if choice == 4:
            return f"the board of {self.company}"
        if choice == 5:
            return f"{self.number(12, 900)} {rng.choice(self.topic.groups)}"
        if choice == 6:
            return f"officials in {rng.choice(self.other_places)}"
        return f"the {rng.choice(words.ADJECTIVES)} review of the {self.noun()}"

    def predicate(self) -> str:
        """A verb phrase that agrees with any subject (past tense or modal)."""
        rng = self.rng
        base, past, participle, gerund = rng.choice(words.VERBS)
        choice = rng.randrange(10)
        if choice == 0:
            return f"had {participle} the {self.noun()} {rng.choice(words.REASONS)}"
        if choice == 1:
            return f"would {base} the {rng.choice(words.ADJECTIVES)} {self.noun()} {rng.choice(words.TIME_PHRASES)}"
        if choice == 2:
            return f"could not {base} the {self.noun()} without help from {rng.choice((self.partner, self.company))}"
        if choice == 3:
            return f"{rng.choice(words.ADVERBS)} {past} the plan {rng.choice(words.PAST_TIME_PHRASES)}"
        if choice == 4:
            return f"had become a test of {rng.choice(self.topic.stakes)}"
        if choice == 5:
            return f"needed more time to {base} the {self.noun()}"
        if choice == 6:
            return f"spent {self.money()} {gerund} the {self.noun()}"
        if choice == 7:
            return f"warned that {rng.choice(self.topic.stakes)} was at risk"
        if choice == 8:
            return (
                f"{past} {self.number(2, 60)} {rng.choice(self.topic.measures)} {rng.choice(words.PAST_TIME_PHRASES)}"
            )
        return f"might {base} the {self.noun()} if {rng.choice(self.topic.groups)} objected"

    def clause(self) -> str:
        """Subject and predicate, e.g. "the council had delayed the bike lane after a legal challenge"."""
        return f"{self.subject()} {self.predicate()}"

    # sentences

    def sentence(self) -> str:
        """One sentence, its shape drawn so that lengths vary from three words to forty."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return rng.choice(words.SHORT_SENTENCES)
        if roll < 0.22:
            return self.quote_sentence()
        if roll < 0.32:
            person = rng.choice(self.cast)
            return f"{self.reference(person)} said {rng.choice(words.PAST_TIME_PHRASES)} that {self.clause()}."
        if roll < 0.42:
            return f"{_capitalise(self.clause())}, {_attribution(self)}."
        if roll < 0.50:
            doubters, backers = rng.choice(CONTRASTING_SIDES)
            return f"{doubters} that {self.clause()}, while {backers} {self.clause()}."
        if roll < 0.58:
            return f"Although {self.clause()}, {self.clause()}."
        if roll < 0.66:
            return f"{rng.choice(words.TRANSITIONS)} {self.clause()}."
        if roll < 0.73:
            measure = rng.choice(self.topic.measures)
            now, before = self.number(40, 9000), self.number(40, 9000)
            return f"There were {now} {measure} in {self.place} last year, compared with {before} the year before."
        if roll < 0.80:
            return (
                f"The {self.noun()} would cost about {self.money()} over {rng.randint(2, 15)} years, "
                f"{_attribution(self)}."
            )
        if roll < 0.87:
            return (
                f"In {rng.choice([self.place, *self.other_places])}, where {rng.choice(self.topic.groups)} "
                f"{rng.choice(words.VERBS)[1]} the {self.noun()} {rng.choice(words.PAST_TIME_PHRASES)}, "
                f"{self.clause()}."
            )
        if roll < 0.93:
            verb, when = rng.choice(words.VERBS)[0], rng.choice(words.TIME_PHRASES)
            return f"{_capitalise(self.organisation)} is expected to {verb} the {self.noun()} {when}."
        return f"{_capitalise(self.clause())} and {self.clause()}."

    def quote_sentence(self) -> str:
        """A direct quotation with attribution, e.g. “We are listening,” said Ana Costa, the mayor of Ashford."""
        rng = self.rng
        person = rng.choice(self.cast)
        words_said = rng.choice(words.QUOTE_OPENERS)
        if rng.random() < 0.6:
            words_said = f"{words_said}, and {self.clause()}"
        verb = rng.choice(words.SPEECH_VERBS)
        if person.full_name in self.mentioned:
            return f"“{words_said},” {person.surname} {verb}."
        self.mentioned.add(person.full_name)
        if verb in ("said", "added", "wrote"):  # "said Ana Costa, ..." reads naturally; "argued Ana Costa" does not
            return f"“{words_said},” {verb} {person.full_name}, {person.role}."
        return f"“{words_said},” {person.full_name}, {person.role}, {verb}."

    def lede(self) -> str:
        """The first sentence: what happened, where, and why it matters."""
        rng = self.rng
        return (
            f"{_capitalise(self.subject())} {rng.choice(words.VERBS)[1]} the {rng.choice(words.ADJECTIVES)} "
            f"{self.noun()} {rng.choice(words.PAST_TIME_PHRASES)}, {rng.choice(words.REASONS)}, "
            f"a move that puts {rng.choice(self.topic.stakes)} in doubt."
        )

    def paragraph(self, sentences: int) -> str:
        """A paragraph of that many sentences."""
        return " ".join(self.sentence() for _ in range(sentences))

    def headline(self) -> str:
        """A headline in one of the usual news shapes."""
        rng = self.rng
        pattern = rng.choice(words.HEADLINE_PATTERNS)
        groups = rng.choice(self.topic.groups)
        _, past, _, _ = rng.choice(words.VERBS)
        headline = pattern.format(
            Place=self.place,
            place=self.place,
            noun=self.noun(),
            noun_cap=self.noun().capitalize(),
            adj=rng.choice(words.ADJECTIVES),
            groups=groups,
            Groups_cap=groups.capitalize(),
            Company=self.company,
            verb=rng.choice(words.VERBS)[0],
            Org=_capitalise(self.organisation).removeprefix("The "),
            verb_past=past,
            Number=self.number(12, 4000),
            measures=rng.choice(self.topic.measures),
            region=rng.choice(words.REGIONS),
            Person=self.cast[0].full_name,
            stakes=rng.choice(self.topic.stakes),
        )
        return A_BEFORE_VOWEL.sub(r"\1n \2", headline)

    def standfirst(self) -> str:
        """The one-sentence summary under the headline, also used as the meta description."""
        return f"{_capitalise(self.clause())}, {_attribution(self)}."

    def caption(self) -> str:
        """A photo caption with credit."""
        name, _, _ = random_person_name(self.rng)
        subject, agency = self.rng.choice(words.CAPTION_SUBJECTS), self.rng.choice(words.PHOTO_AGENCIES)
        return f"{subject} in {self.place}. Photo: {name}/{agency}"

    def comment(self) -> str:
        """A reader comment: informal, short, about the story's nouns and places."""
        rng = self.rng
        opener = rng.choice(words.COMMENT_OPENERS).format(
            place=rng.choice([self.place, *self.other_places]), years=rng.randint(3, 45), org=self.organisation
        )
        body = rng.choice(words.COMMENT_BODIES).format(noun=self.noun(), place=rng.choice(self.other_places))
        if opener[-1] in ".?:":
            body = _capitalise(body)
        text = f"{opener} {body}."
        if rng.random() < 0.45:
            text += f" {rng.choice(('Apparently', 'And now', 'Meanwhile', 'So'))} {self.clause()}{rng.choice('.?!')}"
        if rng.random() < 0.6:
            text += f" {rng.choice(words.COMMENT_CLOSERS)}"
        return text


A_BEFORE_VOWEL = re.compile(r"\b([Aa]) ([aeiou])")  # "a unexpected" -> "an unexpected"

CONTRASTING_SIDES = (
    ("Critics argue", "supporters say"),
    ("Opponents say", "backers insist"),
    ("Some residents fear", "others point out that"),
    ("Sceptics note", "officials counter that"),
    ("Campaigners claim", "the authorities maintain that"),
    ("Analysts caution", "executives argue"),
)


def _capitalise(text: str) -> str:
    """The text with its first character upper-cased (unlike str.capitalize, the rest is left alone)."""
    return text[:1].upper() + text[1:]


def _attribution(writer: StoryWriter) -> str:
    """A source for a claim, e.g. "according to minutes of the meeting"."""
    return writer.rng.choice(words.ATTRIBUTIONS).format(org=writer.organisation, num=writer.number(200, 5000))


# --- stories --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    """The editorial content of one article, before any layout."""

    topic: words.Topic
    title: str
    standfirst: str
    authors: tuple[str, ...]
    published: datetime  # local time, with its UTC offset
    modified: datetime
    place: str
    blocks: tuple[tuple[str, str], ...]  # ("p", text) or ("h2", text), in reading order
    caption: str
    pull_quote: str
    comments: tuple[tuple[str, str, str], ...]  # (username, age, text)
    related_titles: tuple[str, ...]

    @property
    def paragraphs(self) -> list[str]:
        """The body paragraphs, in order."""
        return [text for kind, text in self.blocks if kind == "p"]

    @property
    def subheadings(self) -> list[str]:
        """The headings inside the body, in order."""
        return [text for kind, text in self.blocks if kind == "h2"]

    @property
    def author(self) -> str:
        """The byline names joined the way a byline reads: "A" or "A and B"."""
        return " and ".join(self.authors)


def write_story(rng: random.Random) -> Story:
    """A complete story: headline, byline, dates, 400-2,000 words of body, a caption and reader comments."""
    topic = rng.choice(words.TOPICS)
    writer = StoryWriter(rng, topic)
    title = writer.headline()
    standfirst = writer.standfirst()
    authors = tuple(random_person_name(rng)[0] for _ in range(1 if rng.random() < 0.8 else 2))
    offset = timezone(timedelta(hours=rng.choice((-5, -4, 0, 0, 1, 2))))
    # Business hours, so the published date is the same in local time and in UTC.
    published = datetime(2019, 1, 1, tzinfo=offset) + timedelta(
        days=rng.randrange(7 * 365), hours=rng.randint(7, 16), minutes=rng.randrange(60)
    )
    modified = published + timedelta(hours=rng.randint(1, 60), minutes=rng.randrange(60))

    target_words = rng.randint(MIN_BODY_WORDS, MAX_BODY_WORDS - 160)
    blocks: list[tuple[str, str]] = [
        ("p", " ".join([writer.lede(), *(writer.sentence() for _ in range(rng.randint(0, 2)))]))
    ]
    body_words = len(blocks[0][1].split())
    subheadings = list(topic.subheadings)
    rng.shuffle(subheadings)
    since_heading = 0
    while body_words < target_words:
        if since_heading >= rng.randint(4, 7) and subheadings and body_words < target_words - 120:
            blocks.append(("h2", subheadings.pop()))
            since_heading = 0
        paragraph = writer.paragraph(rng.choice((1, 2, 2, 3, 3, 3, 4)))
        blocks.append(("p", paragraph))
        body_words += len(paragraph.split())
        since_heading += 1
    quotes = [text for kind, text in blocks if kind == "p" and "“" in text]
    pull_quote = quotes[0].split("”")[0] + "”" if quotes else f"“{rng.choice(words.QUOTE_OPENERS)}.”"
    comments = tuple(
        (_username(rng), rng.choice(words.COMMENT_AGES), writer.comment()) for _ in range(rng.randint(3, 10))
    )
    related = tuple(
        StoryWriter(rng, rng.choice(words.TOPICS), cast_size=1).headline() for _ in range(rng.randint(8, 14))
    )
    return Story(
        topic=topic,
        title=title,
        standfirst=standfirst,
        authors=authors,
        published=published,
        modified=modified,
        place=writer.place,
        blocks=tuple(blocks),
        caption=writer.caption(),
        pull_quote=pull_quote,
        comments=_unique_comments(comments),
        related_titles=related,
    )


def _unique_comments(comments: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    """The comments without repeats of the same text (two readers rarely post identical words)."""
    seen: set[str] = set()
    unique = []
    for comment in comments:
        if comment[2] not in seen:
            seen.add(comment[2])
            unique.append(comment)
    return tuple(unique)


def _username(rng: random.Random) -> str:
    """A commenter's handle, e.g. "harbor_watcher42" or "QuietCyclist"."""
    first, second = rng.choice(words.USERNAME_WORDS), rng.choice(words.USERNAME_WORDS)
    style = rng.randrange(4)
    if style == 0:
        return f"{first}_{second}{rng.randint(1, 99)}"
    if style == 1:
        return f"{first.capitalize()}{second.capitalize()}"
    if style == 2:
        name, _, _ = random_person_name(rng)
        return f"{name.split()[0]} {name.split()[1][0]}."
    return f"{first}{second}{rng.randint(1950, 2005)}"


def _slug(title: str) -> str:
    """The URL slug of a title: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80]


# --- outlets: chrome and padding shared by every page of one site ---------------------------------------


@dataclass(frozen=True)
class Outlet:
    """A news site: its names and the markup every one of its pages shares."""

    key: str
    name: str
    domain: str
    header: str
    footer: str
    style: str  # the inline <style> block
    scripts: tuple[str, ...]  # inline <script> blobs, sampled to pad pages to a realistic size


OUTLET_NAMES = {
    "harbor": ("The Harbor Courier", "harborcourier.com"),
    "ledger": ("Midland Daily Ledger", "midlandledger.com"),
    "valley": ("The Valley Signal", "valleysignal.net"),
    "northfield": ("Northfield Post", "northfieldpost.co.uk"),
    "coastline": ("Coastline Times", "coastlinetimes.com"),
}

_outlet_cache: dict[tuple[int, str], Outlet] = {}


def outlet_for(seed: int, key: str) -> Outlet:
    """The outlet's shared chrome for this seed (built once, then reused by every page of the site)."""
    cached = _outlet_cache.get((seed, key))
    if cached is None:
        cached = _build_outlet(random.Random(f"{seed}:outlet:{key}"), key)
        _outlet_cache[(seed, key)] = cached
    return cached


def _build_outlet(rng: random.Random, key: str) -> Outlet:
    name, domain = OUTLET_NAMES[key]
    return Outlet(
        key=key,
        name=name,
        domain=domain,
        header=_site_header(rng, key, name),
        footer=_site_footer(rng, name),
        style=_stylesheet(rng, key),
        scripts=tuple(_script_blob(rng, key, i) for i in range(70)),
    )


def _site_header(rng: random.Random, key: str, name: str) -> str:
    """The masthead: logo, a mega-menu of sections and subsections, search, and account links."""
    items = []
    for section in words.SECTIONS_NAV:
        sub = rng.sample(words.SECTIONS_NAV, rng.randint(3, 7))
        sub_links = "".join(
            f'<li class="{key}-nav__subitem"><a href="/{section.lower()}/{s.lower()}" '
            f'data-track="nav|{section.lower()}|{s.lower()}">{s}</a></li>'
            for s in sub
        )
        items.append(
            f'<li class="{key}-nav__item"><a class="{key}-nav__link" href="/{section.lower()}" '
            f'data-track="nav|{section.lower()}">{section}</a><ul class="{key}-nav__submenu">{sub_links}</ul></li>'
        )
    return (
        f'<header class="site-header {key}-header" role="banner">'
        f'<div class="site-header__top"><a class="skip-link" href="#main-content">Skip to main content</a>'
        f'<a class="site-logo" href="/" aria-label="{name} home"><svg viewBox="0 0 240 40" role="img">'
        f'<title>{name}</title><path d="M0 0h240v40H0z" fill="none"/></svg></a>'
        f'<div class="site-header__actions"><a class="btn btn--subscribe" href="/subscribe">Subscribe</a>'
        f'<a class="btn btn--login" href="/account/login">Log in</a>'
        f'<form class="search" action="/search" role="search"><label for="q" class="visually-hidden">Search</label>'
        f'<input id="q" name="q" type="search" placeholder="Search {name}"><button type="submit">Search</button>'
        f"</form></div></div>"
        f'<nav class="site-nav {key}-nav" aria-label="Sections"><ul class="{key}-nav__list">{"".join(items)}</ul></nav>'
        f"</header>"
    )


def _site_footer(rng: random.Random, name: str) -> str:
    """The footer: columns of links, app badges, social links and the copyright line."""
    columns = []
    links = list(words.FOOTER_LINKS)
    rng.shuffle(links)
    for column in range(4):
        chunk = links[column::4]
        columns.append(
            '<div class="footer__column"><ul>'
            + "".join(f'<li><a href="/info/{_slug(link)}">{link}</a></li>' for link in chunk)
            + "</ul></div>"
        )
    sections = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in words.SECTIONS_NAV)
    social = "".join(
        f'<a class="social-link social-link--{s.lower()}" href="https://www.{s.lower()}.com/">{s}</a>'
        for s in ("Facebook", "Instagram", "YouTube", "LinkedIn", "TikTok", "Threads")
    )
    return (
        f'<footer class="site-footer" role="contentinfo"><div class="footer__sections"><ul>{sections}</ul></div>'
        f'<div class="footer__columns">{"".join(columns)}</div><div class="footer__social">{social}</div>'
        f'<div class="footer__apps"><a href="/apps/ios">Download on the App Store</a>'
        f'<a href="/apps/android">Get it on Google Play</a></div>'
        f'<p class="footer__copyright">© {name} {rng.randint(2019, 2025)}. All rights reserved. '
        f"Registered in England and Wales.</p></footer>"
    )


CSS_PROPERTIES = (
    "display:flex",
    "display:block",
    "display:grid",
    "grid-template-columns:repeat(12,1fr)",
    "margin:0 auto",
    "padding:0 16px",
    "padding:12px 0",
    "max-width:1280px",
    "color:#121212",
    "color:#5a5a5a",
    "background:#fff",
    "background-color:#f6f6f6",
    "border-bottom:1px solid #dcdcdc",
    "font-size:14px",
    "font-size:1.125rem",
    "line-height:1.5",
    "font-weight:700",
    "text-transform:uppercase",
    "letter-spacing:.04em",
    "position:sticky",
    "top:0",
    "z-index:100",
    "gap:24px",
    "align-items:center",
    "justify-content:space-between",
    "overflow:hidden",
    "white-space:nowrap",
    "text-overflow:ellipsis",
    "transition:opacity .2s ease-in-out",
    "opacity:0",
    "visibility:hidden",
    "width:100%",
    "height:auto",
    "aspect-ratio:16/9",
    "object-fit:cover",
    "border-radius:4px",
)


def _stylesheet(rng: random.Random, key: str) -> str:
    """An inline stylesheet of a few hundred rules over the site's component class names."""
    components = ("header", "nav", "article", "byline", "share", "related", "comments", "footer", "ad", "promo")
    rules = []
    for _ in range(rng.randint(180, 260)):
        component = rng.choice(components)
        element = rng.choice(("", "__item", "__link", "__title", "__media", "__meta", "--active", "--compact"))
        selector = f".{key}-{component}{element}"
        body = ";".join(rng.sample(CSS_PROPERTIES, rng.randint(2, 6)))
        if rng.random() < 0.15:
            rules.append(f"@media (min-width:{rng.choice((600, 768, 1024, 1280))}px){{{selector}{{{body}}}}}")
        else:
            rules.append(f"{selector}{{{body}}}")
    return "<style>" + "".join(rules) + "</style>"


def _js_identifier(rng: random.Random) -> str:
    return rng.choice("abcdefghijklmnopqrstuvwxyz") + rng.choice(("", "", "t", "n", "r", "e", "o", "i"))


def _js_statement(rng: random.Random, key: str) -> str:
    """One statement of minified front-end code (ads, consent, analytics, lazy loading)."""
    a, b = _js_identifier(rng), _js_identifier(rng)
    prop, prop2 = rng.choice(words.JS_PROPERTY_WORDS), rng.choice(words.JS_PROPERTY_WORDS)
    api = rng.choice(words.JS_IDENTIFIERS)
    choice = rng.randrange(8)
    if choice == 0:
        return f'var {a}={b}.{api}("[data-{prop.lower()}]")'
    if choice == 1:
        return f"{a}.{prop}={a}.{prop}||{{}},{a}.{prop}.{prop2}=!0"
    if choice == 2:
        event = rng.choice(("scroll", "resize", "load", "message"))
        return f'window.addEventListener("{event}",function({a}){{{b}.{prop}&&{b}.{prop}({a}.{prop2})}},{{passive:!0}})'
    if choice == 3:
        return f'if(!{a}||"function"!=typeof {a}.{api})return void console.warn("[{key}:{prop}] {prop2} unavailable")'
    if choice == 4:
        return f"return {a}.{api}(function({b}){{return {b}.{prop}>{rng.randint(0, 900)}}})"
    if choice == 5:
        section = rng.choice(words.SECTIONS_NAV).lower()
        return f'{a}.dataLayer.push({{event:"{prop}",{prop2}:"{section}",value:{rng.randint(0, 10000)}}})'
    if choice == 6:
        unit, slot = f"/{rng.randint(1000, 99999)}/{key}/{prop.lower()}", f"div-gpt-ad-{rng.randint(10**9, 10**10)}"
        return f'googletag.defineSlot("{unit}",[[300,250],[728,90]],"{slot}").addService(googletag.pubads())'
    return f'{a}=setTimeout(function(){{{b}.classList.toggle("is-{prop.lower()}")}},{rng.randint(50, 3000)})'


def _script_blob(rng: random.Random, key: str, index: int) -> str:
    """An inline <script>: a webpack chunk, a JSON config block or an ad/consent bootstrap, about 1-12 KB."""
    kind = index % 3
    if kind == 0:
        modules = []
        for _ in range(rng.randint(4, 12)):
            statements = ";".join(_js_statement(rng, key) for _ in range(rng.randint(6, 18)))
            modules.append(f'{rng.randint(100, 99999)}:function(e,t,n){{"use strict";{statements}}}')
        return (
            f"<script>(self.webpackChunk_{key}=self.webpackChunk_{key}||[]).push([[{rng.randint(10, 999)}],"
            f"{{{','.join(modules)}}}]);</script>"
        )
    if kind == 1:
        config = {
            "site": key,
            "edition": rng.choice(("uk", "us", "international")),
            "features": {prop: rng.random() < 0.5 for prop in rng.sample(words.JS_PROPERTY_WORDS, 20)},
            "adSlots": [
                {
                    "id": f"ad-{prop.lower()}-{i}",
                    "sizes": [[300, 250], [300, 600]] if i % 2 else [[728, 90], [970, 250]],
                    "targeting": {"pos": i, "section": rng.choice(words.SECTIONS_NAV).lower()},
                    "refresh": rng.choice((0, 30, 60)),
                }
                for i, prop in enumerate(rng.sample(words.JS_PROPERTY_WORDS, rng.randint(4, 10)))
            ],
            "experiments": {
                f"exp_{rng.randint(100, 999)}": rng.choice(("control", "variant-a", "variant-b"))
                for _ in range(rng.randint(3, 9))
            },
        }
        return f"<script>window.__{key.upper()}_CONFIG__={json.dumps(config, separators=(',', ':'))};</script>"
    statements = ";".join(_js_statement(rng, key) for _ in range(rng.randint(15, 45)))
    return f'<script>!function(w,d){{"use strict";{statements}}}(window,document);</script>'


# --- page layouts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageContext:
    """Everything a layout needs: the story, its outlet, its URL and the page's own random stream."""

    rng: random.Random
    story: Story
    outlet: Outlet
    url: str
    article_id: int


def _e(text: str) -> str:
    """Text escaped for an HTML text node."""
    return html.escape(text, quote=False)


def _a(text: str) -> str:
    """Text escaped for an HTML attribute value."""
    return html.escape(text, quote=True)


def _linked_paragraph_text(rng: random.Random, text: str) -> str:
    """Escaped paragraph text, sometimes with a few words wrapped in an in-article link, as editors do."""
    if rng.random() > 0.3:
        return _e(text)
    tokens = text.split(" ")
    if len(tokens) < 8:
        return _e(text)
    start = rng.randrange(1, len(tokens) - 4)
    end = start + rng.randint(2, 4)
    linked = " ".join(tokens[start:end])
    return (
        f'{_e(" ".join(tokens[:start]))} <a href="/topics/{_slug(linked)}">{_e(linked)}</a> '
        f"{_e(' '.join(tokens[end:]))}"
    )


def _date_long(moment: datetime) -> str:
    """A date as British papers print it, e.g. "5 March 2024"."""
    return f"{moment.day} {moment:%B %Y}"


def _date_us(moment: datetime) -> str:
    """A date as American papers print it, e.g. "March 5, 2024, 10:32 a.m."."""
    hour = moment.hour % 12 or 12
    return f"{moment:%B} {moment.day}, {moment.year}, {hour}:{moment:%M} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def _json_ld(ctx: PageContext) -> str:
    """The schema.org NewsArticle block that search engines read."""
    story = ctx.story
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": ctx.url},
        "headline": story.title,
        "description": story.standfirst,
        "image": [f"https://cdn.{ctx.outlet.domain}/images/{ctx.article_id}/{w}.jpg" for w in (1200, 800, 400)],
        "datePublished": story.published.isoformat(),
        "dateModified": story.modified.isoformat(),
        "author": [
            {"@type": "Person", "name": name, "url": f"https://www.{ctx.outlet.domain}/by/{_slug(name)}"}
            for name in story.authors
        ],
        "articleSection": story.topic.section,
        "isAccessibleForFree": True,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": ctx.outlet.name,
            "logo": {"@type": "ImageObject", "url": f"https://cdn.{ctx.outlet.domain}/logo.png"},
        },
    }
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def _head(ctx: PageContext, title_tag: str, extra_meta: str, canonical: str, og_url: str) -> str:
    """The <head>: title, description, Open Graph and Twitter tags, canonical link, styles and JSON-LD."""
    story, outlet = ctx.story, ctx.outlet
    image = f"https://cdn.{outlet.domain}/images/{ctx.article_id}/1200.jpg"
    return (
        f'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title_tag)}</title>"
        f'<meta name="description" content="{_a(story.standfirst)}">'
        f'<meta property="og:type" content="article"><meta property="og:title" content="{_a(story.title)}">'
        f'<meta property="og:description" content="{_a(story.standfirst)}">'
        f'<meta property="og:url" content="{_a(og_url)}"><meta property="og:image" content="{image}">'
        f'<meta name="twitter:card" content="summary_large_image">'
        f'<meta name="twitter:title" content="{_a(story.title)}">'
        f'<meta name="twitter:site" content="@{outlet.key}news">'
        f"{extra_meta}"
        f'<link rel="canonical" href="{_a(canonical)}">'
        f'<link rel="preconnect" href="https://cdn.{outlet.domain}"><link rel="icon" href="/favicon.ico">'
        f'<link rel="stylesheet" href="https://cdn.{outlet.domain}/static/css/main.{ctx.rng.getrandbits(32):08x}.css">'
        f'<link rel="alternate" type="application/rss+xml" title="{_a(outlet.name)}" href="/rss.xml">'
        f"{outlet.style}{_json_ld(ctx)}"
        f"</head>"
    )


def _cookie_banner(outlet: Outlet) -> str:
    return (
        f'<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">'
        f"<p>We and our partners use cookies and similar technologies to personalise content and ads, to provide "
        f"social media features and to analyse our traffic. By clicking Accept all you agree to the storing of "
        f"cookies on your device. You can change your mind at any time on the {outlet.name} cookie settings page. "
        f'<a href="/info/cookie-policy">Cookie policy</a></p>'
        f'<button class="cookie-banner__accept">Accept all</button><button class="cookie-banner__manage">'
        f"Manage preferences</button></div>"
    )


def _share_buttons(ctx: PageContext) -> str:
    encoded = _a(ctx.url)
    return (
        '<div class="share-buttons" aria-label="Share this article">'
        f'<a class="share share--facebook" href="https://www.facebook.com/sharer/sharer.php?u={encoded}">'
        "Share on Facebook</a>"
        f'<a class="share share--x" href="https://twitter.com/intent/tweet?url={encoded}">Share on X</a>'
        f'<a class="share share--whatsapp" href="whatsapp://send?text={encoded}">Share on WhatsApp</a>'
        f'<a class="share share--email" href="mailto:?subject={_a(ctx.story.title)}">Share by email</a>'
        '<button class="share share--copy">Copy link</button></div>'
    )


def _newsletter_box(outlet: Outlet, rng: random.Random) -> str:
    topic = rng.choice(("morning briefing", "weekend read", "politics newsletter", "local news digest"))
    return (
        f'<div class="newsletter-signup" data-newsletter="{_slug(topic)}"><h3>Get the {topic}</h3>'
        f"<p>Sign up to the free {outlet.name} {topic} and get the stories that matter delivered to your inbox "
        f"every morning. You can unsubscribe at any time.</p>"
        f'<form action="/newsletters/subscribe" method="post"><input type="email" name="email" '
        f'placeholder="Your email address"><button type="submit">Sign up</button></form>'
        f'<p class="newsletter-signup__legal">By signing up you agree to our <a href="/info/terms">terms</a> and '
        f'<a href="/info/privacy">privacy policy</a>.</p></div>'
    )


def _related_list(ctx: PageContext, css_class: str, heading: str, count: int) -> str:
    items = []
    for title in ctx.rng.sample(ctx.story.related_titles, min(count, len(ctx.story.related_titles))):
        items.append(
            f'<li class="{css_class}__item"><a href="/{ctx.story.topic.section.lower()}/{_slug(title)}">'
            f'<img src="https://cdn.{ctx.outlet.domain}/thumbs/{ctx.rng.getrandbits(24)}.jpg" alt="" loading="lazy">'
            f'<span class="{css_class}__title">{_e(title)}</span></a>'
            f'<span class="{css_class}__meta">{ctx.rng.randint(2, 59)} min read</span></li>'
        )
    return f'<section class="{css_class}"><h2>{heading}</h2><ul>{"".join(items)}</ul></section>'


def _markets_table(rng: random.Random) -> str:
    """A sidebar data table (markets or tides): boilerplate that include_tables may pull into the text."""
    if rng.random() < 0.5:
        rows = "".join(
            f"<tr><td>{index}</td><td>{rng.randint(1000, 40000):,}.{rng.randint(10, 99)}</td>"
            f"<td>{rng.choice(('+', '-'))}{rng.randint(1, 300) / 100:.2f}%</td></tr>"
            for index in ("FTSE 100", "Dow Jones", "S&amp;P 500", "Nasdaq", "Nikkei 225", "DAX", "Brent crude")
        )
        return (
            '<aside class="markets-widget"><h3>Markets</h3><table><tr><th>Index</th><th>Level</th><th>Change</th>'
            f"</tr>{rows}</table></aside>"
        )
    rows = "".join(
        f"<tr><td>{day}</td><td>{rng.randint(0, 11):02d}:{rng.randint(0, 59):02d}</td>"
        f"<td>{rng.randint(12, 23):02d}:{rng.randint(0, 59):02d}</td><td>{rng.randint(30, 62) / 10:.1f} m</td></tr>"
        for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    )
    return (
        '<aside class="tides-widget"><h3>Tide times</h3><table><tr><th>Day</th><th>High</th><th>High</th>'
        f"<th>Height</th></tr>{rows}</table></aside>"
    )


def _body_blocks(ctx: PageContext, render_p: Callable[[str, int], str], render_h2: Callable[[str], str]) -> list[str]:
    """The article body in reading order, with the figure, pull quote, inline related box, an ad slot and the
    newsletter box interleaved between paragraphs as real pages do."""
    story, rng = ctx.story, ctx.rng
    paragraph_count = len(story.paragraphs)
    figure_after = 1
    pull_after = max(2, paragraph_count // 3)
    related_after = max(3, paragraph_count // 2)
    newsletter_after = max(4, (2 * paragraph_count) // 3)
    parts: list[str] = []
    index = 0
    for kind, text in story.blocks:
        if kind == "h2":
            parts.append(render_h2(text))
            continue
        parts.append(render_p(text, index))
        index += 1
        if index == figure_after:
            parts.append(
                f'<figure class="article-figure">'
                f'<img src="https://cdn.{ctx.outlet.domain}/images/{ctx.article_id}/800.jpg" '
                f'alt="{_a(story.caption.split(". Photo:")[0])}" width="800" height="450">'
                f"<figcaption>{_e(story.caption)}</figcaption></figure>"
            )
        if index == pull_after:
            parts.append(f'<blockquote class="pull-quote"><p>{_e(story.pull_quote)}</p></blockquote>')
        if index == related_after:
            links = "".join(
                f'<li><a href="/{story.topic.section.lower()}/{_slug(title)}">{_e(title)}</a></li>'
                for title in story.related_titles[:3]
            )
            parts.append(f'<aside class="related-inline"><h4>Read more</h4><ul>{links}</ul></aside>')
            parts.append(
                f'<div class="ad-slot ad-slot--inline" id="div-gpt-ad-{rng.getrandbits(40)}">'
                f'<span class="ad-slot__label">Advertisement</span></div>'
            )
        if index == newsletter_after:
            parts.append(_newsletter_box(ctx.outlet, rng))
    return parts


def _comment_items(ctx: PageContext, item: Callable[[int, str, str, str], str]) -> str:
    return "".join(item(i, user, age, text) for i, (user, age, text) in enumerate(ctx.story.comments))


def _layout_harbor(ctx: PageContext) -> tuple[str, str]:
    """An <article> page with a WordPress-style comment list in <section id="comments">."""
    story, outlet, rng = ctx.story, ctx.outlet, ctx.rng
    head = _head(
        ctx,
        f"{story.title} | {outlet.name}",
        f'<meta property="og:site_name" content="{_a(outlet.name)}"><meta name="author" content="{_a(story.author)}">'
        f'<meta property="article:published_time" content="{story.published.isoformat()}">'
        f'<meta property="article:section" content="{story.topic.section}">',
        ctx.url,
        ctx.url,
    )
    bylines = " and ".join(f'<a rel="author" href="/by/{_slug(n)}">{_e(n)}</a>' for n in story.authors)
    place = story.place.upper()

    def paragraph(text: str, index: int) -> str:
        if index == 0:
            return f'<p><span class="dateline">{_e(place)} —</span> {_linked_paragraph_text(rng, text)}</p>'
        return f"<p>{_linked_paragraph_text(rng, text)}</p>"

    body = "".join(_body_blocks(ctx, paragraph, lambda t: f"<h2>{_e(t)}</h2>"))
    comments = _comment_items(
        ctx,
        lambda i, user, age, text: (
            f'<li class="comment" id="comment-{ctx.article_id * 100 + i}"><div class="comment-meta">'
            f'<img class="avatar" src="/avatars/{i}.png" alt=""><span class="comment-author">{_e(user)}</span> '
            f'<time class="comment-time">{age}</time></div><div class="comment-content"><p>{_e(text)}</p></div>'
            f'<div class="comment-actions"><a class="comment-reply-link" href="#respond">Reply</a> '
            f'<a href="#report">Report</a> <span class="likes">{rng.randint(0, 80)} likes</span></div></li>'
        ),
    )
    article = (
        f'<main id="main-content"><nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>'
        f'<li><a href="/{story.topic.section.lower()}">{story.topic.section}</a></li>'
        f'<li aria-current="page">{_e(story.title[:40])}…</li></ol></nav>'
        f'<article class="article-main" itemscope itemtype="https://schema.org/NewsArticle">'
        f'<header class="article-header"><span class="kicker">{story.topic.section}</span>'
        f'<h1 class="article-title" itemprop="headline">{_e(story.title)}</h1>'
        f'<p class="article-standfirst">{_e(story.standfirst)}</p>'
        f'<div class="byline">By {bylines}</div>'
        f'<time class="published" datetime="{story.published.isoformat()}" itemprop="datePublished">'
        f"{_date_us(story.published)}</time>{_share_buttons(ctx)}</header>"
        f'<div class="article-body" itemprop="articleBody">{body}</div>'
        f'<div class="author-bio"><p>{_e(story.authors[0])} is a reporter at {outlet.name} covering '
        f"{story.topic.section.lower()}. Send tips securely to tips@{outlet.domain}.</p></div>"
        f'<ul class="article-tags"><li><a href="/{story.topic.section.lower()}">{story.topic.section}</a></li>'
        f'<li><a href="/local/{_slug(story.place)}">{_e(story.place)}</a></li></ul></article>'
        f"{_related_list(ctx, 'related-articles', 'Related articles', 8)}"
        f'<section id="comments" class="comments-section"><h3 class="comments-title">{len(story.comments)} comments'
        f'</h3><div id="respond" class="comment-respond"><p>Join the conversation. Please keep comments civil and '
        f'on topic.</p><form><textarea name="comment" placeholder="Add a comment"></textarea>'
        f'<button type="submit">Post comment</button></form></div><ol class="comment-list">{comments}</ol></section>'
        f'<aside class="sidebar">{_markets_table(rng)}{_related_list(ctx, "most-read", "Most read", 5)}</aside></main>'
    )
    return head, f"{_cookie_banner(outlet)}{outlet.header}{article}{outlet.footer}"


def _layout_ledger(ctx: PageContext) -> tuple[str, str]:
    """A <div class="story-body"> page (no <article>), no og:site_name, a tracking-tagged og:url, and
    WordPress comments in <div id="comments" class="comments-area">."""
    story, outlet, rng = ctx.story, ctx.outlet, ctx.rng
    head = _head(
        ctx,
        f"{story.title} - {outlet.name}",
        f'<meta property="article:published_time" content="{story.published.isoformat()}">'
        f'<meta property="article:modified_time" content="{story.modified.isoformat()}">',
        ctx.url,
        f"{ctx.url}?utm_source=rss&utm_medium=feed",
    )
    byline = " and ".join(f'<span class="byline__name">{_e(n)}</span>' for n in story.authors)
    body = "".join(
        _body_blocks(
            ctx,
            lambda text, i: f'<p class="story-body__text">{_linked_paragraph_text(rng, text)}</p>',
            lambda t: f'<h2 class="story-body__crosshead">{_e(t)}</h2>',
        )
    )
    comments = _comment_items(
        ctx,
        lambda i, user, age, text: (
            f'<li id="li-comment-{i}" class="comment even thread-even depth-1"><article class="comment-body">'
            f'<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{_e(user)}</b> '
            f'<span class="says">says:</span></div><div class="comment-metadata"><a href="#comment-{i}">{age}</a>'
            f'</div></footer><div class="comment-content"><p>{_e(text)}</p></div>'
            f'<div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div></article></li>'
        ),
    )
    page = (
        f'<div class="page-wrap"><div id="content" class="site-content">'
        f'<div class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › '
        f'<a href="/{story.topic.section.lower()}">{story.topic.section}</a></div>'
        f'<div class="story-body">'
        f'<h1 class="story-body__h1">{_e(story.title)}</h1>'
        f'<div class="story-body__introduction">{_e(story.standfirst)}</div>'
        f'<div class="byline">By {byline} <span class="byline__title">Reporter</span></div>'
        f'<div class="date date--v2">Published: {_date_long(story.published)} | Updated: '
        f"{_date_long(story.modified)}</div>{_share_buttons(ctx)}{body}</div>"
        f'<div id="comments" class="comments-area"><h2 class="comments-title">'
        f"{len(story.comments)} thoughts on “{_e(story.title)}”</h2>"
        f'<ol class="commentlist">{comments}</ol><div id="respond" class="comment-respond">'
        f'<h3 class="comment-reply-title">Leave a Reply</h3><p class="must-log-in">You must be logged in to post a '
        f"comment.</p></div></div>"
        f"{_related_list(ctx, 'more-stories', 'More stories', 10)}</div></div>"
    )
    return head, f"{_cookie_banner(outlet)}{outlet.header}{page}{outlet.footer}"


def _layout_valley(ctx: PageContext) -> tuple[str, str]:
    """A React-style page with hashed class names, a relative canonical link and a Coral-style comment
    stream (found only by trafilatura's loosest comment XPath: any <div> whose class contains "comment")."""
    story, outlet, rng = ctx.story, ctx.outlet, ctx.rng
    path = ctx.url.split(outlet.domain, 1)[1]
    head = _head(
        ctx,
        f"{story.title} - {outlet.name}",
        f'<meta property="og:site_name" content="{_a(outlet.name)}">'
        f'<meta name="byl" content="By {_a(story.author)}">'
        f'<meta property="article:published_time" content="{story.published.isoformat()}">'
        f'<meta property="article:modified_time" content="{story.modified.isoformat()}">',
        path,
        ctx.url,
    )
    body = "".join(
        _body_blocks(
            ctx,
            lambda text, i: (
                f'<div class="css-53u6y8 StoryBodyCompanionColumn"><div class="css-1fanzo5">'
                f'<p class="css-at9mc1 evys1bk0">{_linked_paragraph_text(rng, text)}</p></div></div>'
            ),
            lambda t: f'<h2 class="css-1r7ky0e eoo0vm40">{_e(t)}</h2>',
        )
    )
    comments = _comment_items(
        ctx,
        lambda i, user, age, text: (
            f'<div class="coral coral-comment coral-indent-0" data-comment-id="{rng.getrandbits(48):x}">'
            f'<div class="coral-comment-header"><span class="coral-username">{_e(user)}</span>'
            f'<span class="coral-timestamp">{age}</span></div><div class="coral-comment-content">'
            f'<p>{_e(text)}</p></div><div class="coral-comment-actions"><button>Respect</button>'
            f"<button>Reply</button><button>Share</button><button>Report</button></div></div>"
        ),
    )
    bylines = " and ".join(f'<a class="css-n8ff4n e1jsehar0" href="/by/{_slug(n)}">{_e(n)}</a>' for n in story.authors)
    page = (
        f'<div id="app"><div class="css-1ssr1w1"><main id="site-content" class="css-1k7t9bm">'
        f'<article id="story" class="css-1vxca1d e1lmdhsb0"><header class="css-d92u5v e1e0jsx20">'
        f'<p class="css-1kxq4gc">{story.topic.section}</p>'
        f'<h1 class="css-1j8d6m0 e1h9rw200" data-testid="headline">{_e(story.title)}</h1>'
        f'<p class="css-1n0orw4 e1wiw3jv0" id="article-summary">{_e(story.standfirst)}</p>'
        f'<div class="css-1vg6q84 e1jsehar1"><p class="css-aknsld e1jsehar1">By {bylines}</p></div>'
        f'<time class="css-1z1nqv e16638kd0" datetime="{story.modified.isoformat()}">Updated '
        f"{_date_us(story.modified)}</time></header>{_share_buttons(ctx)}"
        f'<section name="articleBody" class="meteredContent css-1r7ky0e">{body}</section></article>'
        f'<div id="coral_thread" class="coral-container"><div class="coral-stream"><h2>Conversation '
        f"({len(story.comments)})</h2><p>Comments are moderated and reviewed before they appear.</p>"
        f'<div class="coral-comments">{comments}</div></div></div>'
        f"{_related_list(ctx, 'css-more-in', 'More in ' + story.topic.section, 10)}</main></div></div>"
    )
    return head, f"{_cookie_banner(outlet)}{outlet.header}{page}{outlet.footer}"


def _layout_northfield(ctx: PageContext) -> tuple[str, str]:
    """A BBC-style page: data-component text blocks, two-line bylines, and a comments module with id
    "comments" around Viafoura-style items."""
    story, outlet, rng = ctx.story, ctx.outlet, ctx.rng
    head = _head(
        ctx,
        f"{story.title} - {outlet.name}",
        f'<meta property="og:site_name" content="{_a(outlet.name)}">'
        f'<meta property="article:published_time" content="{story.published.isoformat()}">',
        ctx.url,
        ctx.url,
    )
    body = "".join(
        _body_blocks(
            ctx,
            lambda text, i: (
                f'<div data-component="text-block" class="ssrcss-11r1m41-RichTextComponentWrapper">'
                f'<div class="ssrcss-7uxr49-RichTextContainer"><p class="ssrcss-1q0x1qg-Paragraph">'
                f"{_linked_paragraph_text(rng, text)}</p></div></div>"
            ),
            lambda t: (
                f'<div data-component="subheadline-block"><h2 class="ssrcss-1bbd9j6-StyledHeading">{_e(t)}</h2></div>'
            ),
        )
    )
    comments = _comment_items(
        ctx,
        lambda i, user, age, text: (
            f'<div class="vf-comment" data-id="{rng.getrandbits(40)}"><div class="vf-comment-header">'
            f'<span class="vf-username">{_e(user)}</span> <span class="vf-date">{age}</span></div>'
            f'<div class="vf-content"><p>{_e(text)}</p></div><div class="vf-actions"><button>Like</button>'
            f"<button>Reply</button></div></div>"
        ),
    )
    bylines = "".join(
        f'<div class="ssrcss-68pt20-Text-TextContributorName">By {_e(n)}</div>'
        f'<div class="ssrcss-84ltp5-Text">{story.topic.section} correspondent</div>'
        for n in story.authors
    )
    page = (
        f'<div id="main-wrapper"><main id="main-content" data-testid="main-content">'
        f'<article class="ssrcss-pv1rh6-ArticleWrapper"><header data-component="headline-block">'
        f'<h1 id="main-heading" class="ssrcss-15xko80-StyledHeading">{_e(story.title)}</h1></header>'
        f'<div data-component="byline-block">{bylines}'
        f'<time data-testid="timestamp" datetime="{story.published.isoformat()}">{_date_long(story.published)}</time>'
        f"</div>{_share_buttons(ctx)}{body}"
        f'<div data-component="topic-list"><h2>Related topics</h2><ul><li><a href="/topics/{_slug(story.place)}">'
        f'{_e(story.place)}</a></li><li><a href="/topics/{story.topic.section.lower()}">{story.topic.section}'
        f"</a></li></ul></div></article>"
        f'<div id="comments" class="comments-module"><h2>Comments</h2><p class="comments-module__count">'
        f'{len(story.comments)} comments</p><div class="viafoura"><div class="vf-conversations">{comments}</div></div>'
        f"</div>{_related_list(ctx, 'ssrcss-top-stories', 'Top stories', 6)}"
        f"<aside>{_related_list(ctx, 'ssrcss-features', 'Features', 6)}</aside></main></div>"
    )
    return head, f"{_cookie_banner(outlet)}{outlet.header}{page}{outlet.footer}"


def _layout_coastline(ctx: PageContext) -> tuple[str, str]:
    """A WordPress (Newspack-style) page: entry-content, a markets or tides table, and Viafoura-style comments
    inside the <article>, in a container whose class trafilatura's comment XPaths do not name."""
    story, outlet, rng = ctx.story, ctx.outlet, ctx.rng
    head = _head(
        ctx,
        f"{story.title} – {outlet.name}",
        f'<meta property="og:site_name" content="{_a(outlet.name)}"><meta name="author" content="{_a(story.author)}">'
        f'<meta property="article:published_time" content="{story.published.isoformat()}">'
        f'<meta property="article:modified_time" content="{story.modified.isoformat()}">',
        ctx.url,
        ctx.url,
    )
    body = "".join(
        _body_blocks(
            ctx,
            lambda text, i: f"<p>{_linked_paragraph_text(rng, text)}</p>",
            lambda t: f'<h2 class="wp-block-heading">{_e(t)}</h2>',
        )
    )
    comments = _comment_items(
        ctx,
        lambda i, user, age, text: (
            f'<div class="vf-post" data-post-id="{rng.getrandbits(40)}"><div class="vf-post-header">'
            f'<span class="vf-author-name">{_e(user)}</span> <span class="vf-post-date">{age}</span></div>'
            f'<div class="vf-post-body"><p>{_e(text)}</p></div><div class="vf-post-footer"><button>Like</button>'
            f"<button>Reply</button></div></div>"
        ),
    )
    authors = ", ".join(
        f'<span class="author vcard"><a class="url fn n" href="/author/{_slug(n)}/">{_e(n)}</a></span>'
        for n in story.authors
    )
    page = (
        f'<div id="page" class="site"><div id="content" class="site-content"><div id="primary" class="content-area">'
        f'<main id="main" class="site-main"><article id="post-{ctx.article_id}" class="post-{ctx.article_id} post '
        f'type-post status-publish format-standard has-post-thumbnail category-{story.topic.section.lower()}">'
        f'<header class="entry-header"><span class="cat-links"><a href="/category/{story.topic.section.lower()}/">'
        f'{story.topic.section}</a></span><h1 class="entry-title">{_e(story.title)}</h1>'
        f'<div class="entry-subhead"><p>{_e(story.standfirst)}</p></div>'
        f'<div class="entry-meta"><span class="byline">By {authors}</span>'
        f'<span class="posted-on"><time class="entry-date published" datetime="{story.published.isoformat()}">'
        f"{_date_us(story.published)}</time></span></div></header>"
        f'<div class="entry-content">{body}</div>'
        f'<footer class="entry-footer"><span class="tags-links">Tags: <a href="/tag/{_slug(story.place)}/">'
        f"{_e(story.place)}</a></span></footer>"
        # Inside the <article>, as many WordPress themes render the discussion.
        f'<section class="reader-conversation"><h2>Join the conversation</h2><div class="viafoura">'
        f'<div class="vf-conversations">{comments}</div></div></section></article>'
        f"{_related_list(ctx, 'jp-relatedposts', 'Related', 6)}</main></div>"
        f'<aside id="secondary" class="widget-area">{_markets_table(rng)}'
        f"{_related_list(ctx, 'widget-popular', 'Popular this week', 6)}</aside></div></div>"
    )
    return head, f"{_cookie_banner(outlet)}{outlet.header}{page}{outlet.footer}"


LAYOUTS: dict[str, Callable[[PageContext], tuple[str, str]]] = {
    "harbor": _layout_harbor,
    "ledger": _layout_ledger,
    "valley": _layout_valley,
    "northfield": _layout_northfield,
    "coastline": _layout_coastline,
}


def _page_url(outlet: Outlet, story: Story, article_id: int) -> str:
    """The canonical URL, in the outlet's own URL scheme."""
    slug, day, section = _slug(story.title), story.published, story.topic.section.lower()
    if outlet.key == "harbor":
        return f"https://www.{outlet.domain}/{section}/{day:%Y/%m/%d}/{slug}"
    if outlet.key == "ledger":
        return f"https://www.{outlet.domain}/news/{section}/{slug}-{article_id}"
    if outlet.key == "valley":
        return f"https://www.{outlet.domain}/{day:%Y/%m/%d}/{section}/{slug}.html"
    if outlet.key == "northfield":
        return f"https://www.{outlet.domain}/news/articles/c{article_id:x}o"
    return f"https://{outlet.domain}/{day:%Y/%m/%d}/{slug}/"


def _padded(ctx: PageContext, head: str, body: str) -> str:
    """The page assembled, with four of the outlet's inline scripts in the head (no real news page goes
    without) and more at the end of the body until the page reaches a size drawn between 55 and 235
    thousand characters."""
    lang = "en-GB" if ctx.outlet.domain.endswith(".uk") else "en"
    order = ctx.rng.sample(range(len(ctx.outlet.scripts)), len(ctx.outlet.scripts))
    head_indexes = sorted(order[:10], key=lambda i: len(ctx.outlet.scripts[i]))[:4]  # the small bootstrap ones
    head_scripts = [ctx.outlet.scripts[i] for i in head_indexes]
    size = len(head) + len(body) + sum(map(len, head_scripts)) + 120  # plus the doctype, <html> and <body>
    target = ctx.rng.randint(max(MIN_PAGE_CHARS, size), MAX_PAGE_CHARS)
    tail_scripts: list[str] = []
    for index in order:
        blob = ctx.outlet.scripts[index]
        if index in head_indexes or size + len(blob) > target:
            continue
        tail_scripts.append(blob)
        size += len(blob)
        if size > target - 1500:
            break
    head = head.replace("</head>", "".join(head_scripts) + "</head>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" class="no-js">\n{head}\n'
        f'<body class="{ctx.outlet.key} article-page">\n{body}\n{"".join(tail_scripts)}\n</body>\n</html>\n'
    )


def generate_html_page(index: int, seed: int = 1) -> GeneratedPage:
    """Page number `index` of the corpus for this seed (independent of how many pages are generated)."""
    rng = random.Random(f"{seed}:html:{index}")
    outlet = outlet_for(seed, rng.choice(tuple(OUTLET_NAMES)))
    story = write_story(rng)
    article_id = rng.randint(10**6, 10**8)
    url = _page_url(outlet, story, article_id)
    ctx = PageContext(rng=rng, story=story, outlet=outlet, url=url, article_id=article_id)
    head, body = LAYOUTS[outlet.key](ctx)
    return GeneratedPage(
        name=f"page_{index:05d}.html",
        html=_padded(ctx, head, body),
        body_paragraphs=_body_paragraph_texts(story, outlet),
        comments=[text for _, _, text in story.comments],
        title=story.title,
        author=story.author,
        published=story.published.date().isoformat(),
        site=outlet.domain,
        url=url,
        site_name=outlet.name,
        subheadings=story.subheadings,
        outlet=outlet.key,
    )


def _body_paragraph_texts(story: Story, outlet: Outlet) -> list[str]:
    """The paragraphs as the page shows them (the harbor layout puts a dateline before the first one)."""
    paragraphs = story.paragraphs
    if outlet.key == "harbor":
        return [f"{story.place.upper()} — {paragraphs[0]}", *paragraphs[1:]]
    return paragraphs


def generate_html_pages(n: int, seed: int = 1) -> list[GeneratedPage]:
    """n synthetic news pages with ground truth; the same seed always gives the same pages."""
    return [generate_html_page(index, seed) for index in range(n)]


# --- plain-text articles --------------------------------------------------------------------------------


def generate_text_article(index: int, seed: int = 1) -> tuple[str, str]:
    """(file name, text) of plain-text article number `index`, laid out like the files in seeds/."""
    rng = random.Random(f"{seed}:text:{index}")
    story = write_story(rng)
    _, domain = OUTLET_NAMES[rng.choice(tuple(OUTLET_NAMES))]
    header = _text_header(rng, story, domain)
    paragraphs = [
        f"{text} " if rng.random() < 0.1 else text  # seeds/ has the odd trailing space
        for text in story.paragraphs
    ]
    text = header + "\n\n" + "\n\n".join(paragraphs) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{index:03d}_{digest}.txt", text


def _text_header(rng: random.Random, story: Story, domain: str) -> str:
    """The header lines above the body, in one of the shapes seen in seeds/."""
    style = rng.randrange(4)
    if style == 0:  # title, "Published 4 hours ago", "Source: site.com", title repeated
        age = rng.choice(("Published 4 hours ago", f"Published {rng.randint(1, 23)} hours ago", "Published 2 days ago"))
        return f"{story.title}\n\n{age}\nSource: {domain}\n{story.title}"
    if style == 1:  # title, caption, byline name, date
        when = f"{story.published:%B} {story.published.day}, {story.published.year}"
        return f"{story.title}\n\n{story.caption}\n{story.authors[0]}\n{when}"
    if style == 2:  # title and a "By" line
        return f"{story.title}\nBy {story.author}"
    return f"{story.title}\n\nSource: {domain}\nBy {story.author}\n{story.published:%Y-%m-%d}"


def generate_text_articles(n: int, seed: int = 1) -> list[tuple[str, str]]:
    """n plain-text articles as (file name, text); the same seed always gives the same files."""
    return [generate_text_article(index, seed) for index in range(n)]


# --- writing a corpus to disk ---------------------------------------------------------------------------


def write_corpus(
    directory: Path, n_html: int, n_text: int, seed: int = 1, truth_path: Path | None = None
) -> list[Path]:
    """Write n_html pages and n_text articles into directory (created if missing), and the pages' ground truth
    as JSON lines to truth_path if given; returns the paths of the pages and articles written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    truth_lines = []
    for index in range(n_html):
        page = generate_html_page(index, seed)
        path = directory / page.name
        path.write_text(page.html, encoding="utf-8")
        written.append(path)
        truth_lines.append(json.dumps(ground_truth_record(page), ensure_ascii=False))
    if truth_path is not None:
        truth_path.write_text("".join(line + "\n" for line in truth_lines), encoding="utf-8")
    for name, text in generate_text_articles(n_text, seed):
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def ground_truth_record(page: GeneratedPage) -> dict[str, object]:
    """The ground truth of a page as a JSON-ready dict (everything but the HTML)."""
    return {
        "name": page.name,
        "title": page.title,
        "author": page.author,
        "published": page.published,
        "site": page.site,
        "site_name": page.site_name,
        "url": page.url,
        "outlet": page.outlet,
        "body_paragraphs": page.body_paragraphs,
        "subheadings": page.subheadings,
        "comments": page.comments,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: write a corpus and, optionally, its ground truth as JSON lines."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="folder to write the pages and articles into")
    parser.add_argument("--html", type=int, default=100, help="number of HTML pages (default 100)")
    parser.add_argument("--text", type=int, default=20, help="number of plain-text articles (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--truth",
        type=Path,
        help="also write the HTML pages' ground truth to this JSON-lines file (keep it "
        "outside OUTDIR if OUTDIR is a watched inbox)",
    )
    args = parser.parse_args(argv)
    paths = write_corpus(args.outdir, args.html, args.text, args.seed, truth_path=args.truth)
    total = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} files ({total / 1e6:.1f} MB) to {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
