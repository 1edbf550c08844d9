"""A deterministic corpus of news stories and their republished variants, for measuring near-duplicate detection.

Each story is an original wire text plus 2-5 versions of it as other outlets ran it: a new headline and the
outlet's boilerplate (byline, "Read more:", copyright), and some of: word edits up to 10% (substitutions,
insertions, deletions), a trimmed ending, shuffled paragraphs. Stories share a handful of topics, and each topic
has one cast of named people, organisations and places that all its stories draw on, so two different stories
on the same topic look alike at a glance, as real coverage of one beat does. Sentences come from a template
grammar over large word lists and fresh numbers, so no two stories share sentences by accident; the only text
reused across stories is the common news phrasing, the outlets' boilerplate and a few topic background
paragraphs that wire services paste into many stories (the hardest negatives).

Nothing is downloaded. Story i is drawn from `random.Random(f"neardup:{seed}:{i}")`, so it is the same whatever
number of stories is asked for, and the same seed always gives the same text.

    python -m tests.support.neardup_corpus --stories 3 --seed 1      # print a few stories and their variants
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

MIN_STORY_WORDS = 300
MAX_STORY_WORDS = 900
MIN_VARIANTS = 2  # republished versions per story, besides the original
MAX_VARIANTS = 5
MAX_EDIT_RATE = 0.10  # share of body words substituted, inserted or deleted in an edited variant
BACKGROUND_SHARE = 0.3  # share of stories that paste in one of their topic's stock background paragraphs


# --- word lists ---------------------------------------------------------------------------------------------


def _items(block: str) -> tuple[str, ...]:
    """The semicolon-separated phrases of a block, whitespace-normalised, in order."""
    return tuple(" ".join(item.split()) for item in block.split(";") if item.strip())


FIRST_NAMES = _items(
    """
    Abigail; Ada; Adaeze; Aiko; Alejandra; Amara; Ana; Anika; Beatriz; Bianca; Camille; Carmen; Chiara; Dalia;
    Delphine; Elena; Elif; Esther; Farah; Fatima; Freya; Gabriela; Hana; Helena; Ingrid; Isabel; Julia; Karina;
    Keiko; Laila; Lucia; Maeve; Marisol; Meera; Miriam; Nadia; Naomi; Nkechi; Noor; Paloma; Priya; Rania; Renata;
    Samira; Sofia; Sunita; Tamar; Thandiwe; Valentina; Wanjiru; Yasmin; Zofia; Adrian; Ahmed; Alberto; Amir;
    Anton; Arjun; Bogdan; Bruno; Callum; Carlos; Chidi; Dario; Declan; Diego; Dmitri; Emeka; Emil; Felipe;
    Gareth; Hamid; Hector; Hiroshi; Ibrahim; Jakob; Jamal; Javier; Kenji; Kwame; Lars; Malik; Marco; Mateo;
    Mehmet; Nasser; Niall; Nikhil; Omar; Pablo; Rafael; Rahul; Ruben; Santiago; Sergei; Stefan; Tariq; Tobias;
    Tomasz; Tunde; Viktor; Wei; Xavier; Yusuf; Zoltan
    """
)

SURNAMES = _items(
    """
    Abara; Adeyemi; Aguilar; Almeida; Andersen; Arslan; Ashworth; Banerjee; Barros; Becker; Bello; Bergstrom;
    Blackwood; Bondarenko; Brennan; Calloway; Cardenas; Castellano; Chaudhry; Costa; Delgado; Dimitrov; Dubois;
    Duarte; Eriksen; Esposito; Fairbanks; Farouk; Fernandes; Fontaine; Fraser; Fujita; Gallagher; Goldberg;
    Greco; Haddad; Halvorsen; Hargreaves; Hashemi; Hoffmann; Holloway; Ibarra; Iqbal; Ishikawa; Jaramillo;
    Jensen; Kaminski; Kapoor; Karimi; Keane; Kelleher; Kowalczyk; Lachance; Lindqvist; MacLeod; Mahlangu;
    Marchetti; Matsumoto; McAllister; Mendoza; Menon; Moreau; Nakamura; Navarro; Ndlovu; Novak; Nwosu; Okafor;
    Oliveira; Ortega; Osei; Ostrowski; Pacheco; Pereira; Petrov; Quintero; Rahman; Richter; Rinaldi; Rojas;
    Saini; Salazar; Sandoval; Sekar; Serrano; Shapiro; Sokolov; Sorensen; Takahashi; Thornton; Ueda; Valdez;
    Vance; Varga; Wainwright; Weber; Whitfield; Wojcik; Yilmaz; Zielinski; Zubiri
    """
)

CITIES = _items(
    """
    Port Halden; Caldera; Marrow Bay; Ostvik; New Tessaly; Brindlemoor; Kestrel Falls; Aldmere; Sundergate;
    Veloria; Harrowfield; Lake Osric; Quillon; Tamsford; Eastwick Harbour; Dunmarra
    """
)

WIRES = ("Meridian Wire", "Continental Press Agency", "Global Newswire")

OUTLETS = _items(
    """
    The Harbor Courier; Daily Sentinel; The Northfield Ledger; Valley Tribune; Coastline Post; Metro Herald;
    The Evening Standard-Gazette; Capital Observer; Riverside Chronicle; The Weekly Dispatch; Summit Times;
    Lakeshore Examiner
    """
)

ADJECTIVES = _items(
    """
    new; major; long-awaited; controversial; ambitious; modest; sweeping; temporary; permanent; costly;
    expensive; cheap; delayed; rushed; revised; draft; final; preliminary; formal; informal; independent;
    internal; external; national; regional; local; federal; municipal; urgent; emergency; unprecedented;
    routine; annual; quarterly; monthly; fresh; second; third; surprise; widely expected; unexpected; bitter;
    protracted; brief; lengthy; detailed; vague; limited; broad; narrow; tough; strict; lenient; fragile;
    stable; volatile; key; central; critical; secondary; minor; significant; dramatic; gradual; sharp; steep;
    steady; record; historic; landmark; symbolic; practical; technical; legal; political; financial; economic;
    environmental; social; public; private; joint; bilateral; multilateral; cross-party; bipartisan; partisan;
    popular; unpopular; contentious; disputed; agreed; proposed; planned; promised; stalled; failed; successful;
    partial; full; complete; overdue; early; late; initial; follow-up; separate; parallel; rival; alternative;
    competing; voluntary; mandatory; compulsory; optional; phased; immediate; long-term; short-term; medium-term;
    multi-year; one-off; recurring; secret; confidential; leaked; published; unpublished; scaled-back; expanded
    """
)

ADVERBS = _items(
    """
    quietly; quickly; slowly; sharply; narrowly; unanimously; reluctantly; formally; abruptly; repeatedly;
    publicly; privately; jointly; separately; largely; partly; initially; eventually; finally; temporarily;
    briefly; firmly; strongly; openly; cautiously; swiftly; belatedly; tentatively; provisionally; officially
    """
)

# (base, past, past participle): the grammar needs all three forms.
VERBS = tuple(
    tuple(forms.split("/"))
    for forms in _items(
        """
        approve/approved/approved; reject/rejected/rejected; delay/delayed/delayed; announce/announced/announced;
        propose/proposed/proposed; review/reviewed/reviewed; expand/expanded/expanded; cut/cut/cut;
        raise/raised/raised; suspend/suspended/suspended; scrap/scrapped/scrapped; revive/revived/revived;
        challenge/challenged/challenged; defend/defended/defended; criticise/criticised/criticised;
        back/backed/backed; block/blocked/blocked; fund/funded/funded; extend/extended/extended;
        launch/launched/launched; halt/halted/halted; overhaul/overhauled/overhauled; unveil/unveiled/unveiled;
        finalise/finalised/finalised; sign/signed/signed; veto/vetoed/vetoed; endorse/endorsed/endorsed;
        investigate/investigated/investigated; audit/audited/audited; question/questioned/questioned;
        postpone/postponed/postponed; accelerate/accelerated/accelerated; restructure/restructured/restructured;
        renegotiate/renegotiated/renegotiated; publish/published/published; withdraw/withdrew/withdrawn;
        overturn/overturned/overturned; uphold/upheld/upheld; freeze/froze/frozen; lift/lifted/lifted;
        tighten/tightened/tightened; loosen/loosened/loosened; double/doubled/doubled; halve/halved/halved;
        reduce/reduced/reduced; increase/increased/increased; trim/trimmed/trimmed; boost/boosted/boosted;
        support/supported/supported; oppose/opposed/opposed; amend/amended/amended; revise/revised/revised;
        pause/paused/paused; resume/resumed/resumed; abandon/abandoned/abandoned; adopt/adopted/adopted;
        consider/considered/considered; debate/debated/debated; examine/examined/examined;
        secure/secured/secured; lose/lost/lost; win/won/won; seek/sought/sought; set/set/set; hold/held/held;
        take/took/taken; give/gave/given; make/made/made; bring/brought/brought; build/built/built;
        drop/dropped/dropped; push/pushed/pushed; press/pressed/pressed; weigh/weighed/weighed;
        sell/sold/sold; buy/bought/bought; close/closed/closed; open/opened/opened; test/tested/tested;
        track/tracked/tracked; monitor/monitored/monitored; defer/deferred/deferred; cancel/cancelled/cancelled;
        restore/restored/restored; replace/replaced/replaced; merge/merged/merged; split/split/split;
        settle/settled/settled; contest/contested/contested; appeal/appealed/appealed; ratify/ratified/ratified
        """
    )
)

SPEECH_VERBS = _items(
    """
    said; told reporters; told lawmakers; said in a statement; wrote in a letter; said in an interview;
    told a news conference; said on social media; confirmed; acknowledged; warned; insisted; argued; noted;
    added; stressed; conceded; claimed
    """
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

PAST_TIMES = _items(
    """
    on {day}; late on {day}; earlier on {day}; on {day} evening; on {day} morning; last week; last month;
    earlier this year; in the spring; over the weekend; at the weekend; two weeks ago; in recent days;
    after a late-night session; this week; in a vote on {day}; at a hearing on {day}; at a briefing on {day}
    """
)

FUTURE_TIMES = _items(
    """
    next week; next month; by the end of the year; before the summer recess; within weeks; in the coming days;
    early next year; by the autumn; before the election; by {day}; after the holidays; in the next quarter;
    over the next three years; as soon as possible; later this month
    """
)

REASONS = _items(
    """
    after months of negotiations; amid rising costs; despite strong opposition; following a legal challenge;
    after a review found serious flaws; in response to public pressure; citing budget constraints;
    after a string of complaints; amid concerns about oversight; following a leaked report;
    to head off a court fight; in a bid to win back support; under pressure from creditors;
    after a dispute over funding; citing safety concerns; after a surge in demand;
    amid a row over accountability; to meet a legal deadline; after an audit raised questions;
    in an effort to reassure investors; following heavy criticism; amid signs of a slowdown;
    after talks broke down; to avoid a shutdown; in a reversal of earlier policy; after weeks of speculation;
    citing a lack of evidence; to comply with new rules; amid growing frustration; after a close vote
    """
)

SOURCES = _items(
    """
    documents seen by reporters; two people familiar with the matter; a person briefed on the talks;
    officials who spoke on condition of anonymity; a draft of the proposal; figures released on {day};
    a statement issued late on {day}; an internal memo; court filings; a report published on {day};
    a senior official; a spokesperson; data compiled by analysts; minutes of the meeting;
    a letter obtained by reporters; people close to the negotiations; a government source;
    an official summary; estimates from independent economists; a copy of the agreement
    """
)

TRANSITIONS = _items(
    """
    Meanwhile,; However,; Separately,; Still,; In a separate development,; At the same time,; Earlier,;
    By contrast,; Even so,; For now,; In the meantime,; As a result,; Until then,; Previously,; Instead,
    """
)

HEDGES = _items(
    """
    It was not immediately clear whether; It remains to be seen whether; Officials did not say whether;
    Analysts questioned whether; There was no immediate word on whether; Few expect that
    """
)

QUOTE_OPENERS = _items(
    """
    We have been clear from the start; This is not the end of the matter; Nobody wanted it to come to this;
    We will keep pushing; The numbers speak for themselves; This was the right decision; People deserve answers;
    We are not going to apologise for this; It is a step in the right direction; Frankly, it is not good enough;
    We listened and we acted; There is still a lot of work to do; This changes nothing for us;
    We were never consulted; It is a difficult day; We expect to be judged on results
    """
)

FILLER_WORDS = _items(
    """
    also; now; still; however; reportedly; already; again; further; even; only; just; recently; currently;
    officially; largely; widely; clearly; nearly; about; around; roughly; almost; broadly; then
    """
)


# Each connective phrase of the grammar has several wordings: a template phrase used in every story would put
# the same shingles in nearly every document, which real coverage does not do.
AFFECTS = _items(
    """
    a decision that affects; a move affecting; a change that will touch; a step that matters for;
    a ruling felt by; a shift that could reach; a measure covering; a decision likely to hit
    """
)
WORTH = _items(
    """
    a move worth about; a step costing roughly; at a cost of some; a deal valued at; worth an estimated;
    with a price tag of about; costing nearly; a commitment of around
    """
)
YEAR_ON_YEAR = _items(
    """
    from a year earlier; compared with the same period last year; on the previous quarter; year on year;
    from the previous year; against a year ago; from the prior quarter
    """
)
UNDER_PRESSURE = _items(
    """
    had been under pressure to; had faced calls to; had been urged to; had been pushed to; had been asked to;
    had struggled for months to
    """
)
READY_TO = _items(
    """
    appeared ready to; was poised to; seemed set to; moved to; signalled it would; looked likely to; prepared to
    """
)
DESPITE = _items(
    """
    despite objections from; over the protests of; in the face of opposition from; against the wishes of;
    despite pushback from; ignoring warnings from
    """
)
NO_COMMENT = _items(
    """
    declined to comment on; would not discuss; did not respond to questions about; refused to be drawn on;
    had no comment on; did not answer a request for comment on
    """
)
FOLLOWS = _items(
    """
    comes after; follows; was announced days after; arrives in the wake of; comes on the heels of; was prompted by
    """
)
EXPECTED_TO = _items(
    """
    is expected to; is likely to; plans to; is due to; has promised to; intends to; hopes to
    """
)
AFTER = _items(
    """
    after; following; in the wake of; weeks after; shortly after
    """
)
PLANS = _items(
    """
    the plan; the proposal; the scheme; the measure; the package; the deal
    """
)


@dataclass(frozen=True)
class TopicWords:
    """A news beat: its sections, its cast and the words its stories are made of."""

    name: str
    roles: tuple[str, ...]  # one per cast member, e.g. "the finance minister"
    organisations: tuple[str, ...]
    nouns: tuple[str, ...]
    groups: tuple[str, ...]  # who is affected, plural
    measures: tuple[str, ...]  # what gets counted
    events: tuple[str, ...]  # what happened before, as a noun phrase
    headline_nouns: tuple[str, ...]


TOPICS = (
    TopicWords(
        name="politics",
        roles=_items(
            """
            the prime minister; the finance minister; the opposition leader; the speaker of parliament;
            the interior minister; the chief whip; a senior backbencher; the deputy prime minister
            """
        ),
        organisations=_items(
            """
            the National Assembly; the Progressive Alliance; the Civic Union; the Electoral Commission;
            the Finance Ministry; the Constitutional Council
            """
        ),
        nouns=_items(
            """
            budget; coalition agreement; spending bill; tax package; reform plan; constitutional amendment;
            confidence motion; electoral law; pension reform; cabinet reshuffle; ethics code; party platform;
            funding formula; housing levy; public sector pay deal; devolution plan; voting reform; lobbying rules;
            anti-corruption bill; emergency powers bill; referendum proposal; spending review; fiscal rule;
            party leadership contest; campaign finance law; civil service overhaul; regional funding deal
            """
        ),
        groups=_items(
            """
            lawmakers; backbenchers; coalition partners; opposition parties; party members; voters; ministers;
            civil servants; regional leaders; junior ministers; independent members; campaign groups; pollsters
            """
        ),
        measures=_items(
            """
            votes; seats; signatures; amendments; percentage points; complaints; defections; ballots; abstentions
            """
        ),
        events=_items(
            """
            a bruising leadership contest; a narrow election result; a corruption inquiry; a failed confidence vote;
            weeks of coalition wrangling; a string of resignations; a budget standoff; a court ruling on the
            electoral law; a row over appointments; mass protests in the capital
            """
        ),
        headline_nouns=_items(
            """
            budget; coalition; reform plan; confidence vote; pension reform; tax package; election law; cabinet
            """
        ),
    ),
    TopicWords(
        name="economy",
        roles=_items(
            """
            the central bank governor; the chief economist at Arden Capital; the trade minister;
            the head of the employers' federation; a senior analyst at Corvell Securities; the treasury secretary;
            the chief executive of the stock exchange; the head of the statistics office
            """
        ),
        organisations=_items(
            """
            the Central Bank; the Statistics Office; Arden Capital; Corvell Securities; the Employers' Federation;
            the National Stock Exchange
            """
        ),
        nouns=_items(
            """
            interest rate decision; inflation target; bond programme; growth forecast; trade deal; tariff regime;
            stimulus package; jobs report; currency intervention; credit rating; lending programme; debt issue;
            wage agreement; export figures; consumer price index; housing market outlook; fiscal forecast;
            banking rules; capital requirements; bailout fund; productivity review; retail sales data;
            manufacturing index; investment strategy; pension fund rules; energy price cap; import quota
            """
        ),
        groups=_items(
            """
            investors; economists; traders; exporters; small businesses; mortgage holders; savers; employers;
            bondholders; retailers; manufacturers; consumers; analysts; unions
            """
        ),
        measures=_items(
            """
            basis points; jobs; percent; billion in bonds; million in exports; points on the index; bankruptcies;
            job vacancies; new mortgages
            """
        ),
        events=_items(
            """
            a sharp fall in the currency; a surprise rate rise; weak factory data; a downgrade by a rating agency;
            a sell-off in government bonds; a slump in consumer confidence; a surge in energy prices;
            a collapse in export orders; record job losses; a banking scare
            """
        ),
        headline_nouns=_items(
            """
            rates; inflation; bonds; jobs; exports; growth; currency; tariffs
            """
        ),
    ),
    TopicWords(
        name="courts",
        roles=_items(
            """
            the attorney general; the chief prosecutor; a defence lawyer; the presiding judge;
            the head of the bar association; the justice minister; a constitutional law professor;
            the police commissioner
            """
        ),
        organisations=_items(
            """
            the Supreme Court; the High Court; the Prosecution Service; the Bar Association; the Justice Ministry;
            the National Police
            """
        ),
        nouns=_items(
            """
            ruling; appeal; indictment; plea deal; sentencing hearing; class action; injunction; retrial;
            bail application; extradition request; fraud case; corruption trial; judicial review; witness list;
            evidence disclosure; settlement offer; contempt finding; jury verdict; court order; search warrant;
            asset freeze; legal aid scheme; sentencing guideline; inquest; prosecution file; disciplinary hearing
            """
        ),
        groups=_items(
            """
            prosecutors; defence lawyers; judges; jurors; witnesses; plaintiffs; victims' families; police officers;
            legal experts; court staff; campaigners; detainees; civil liberties groups
            """
        ),
        measures=_items(
            """
            charges; witnesses; years in prison; counts; convictions; arrests; appeals; complaints; hearings
            """
        ),
        events=_items(
            """
            a high-profile acquittal; a mistrial; a leaked indictment; a dramatic courtroom outburst;
            a police raid; a failed appeal; a ruling on press freedom; a prison escape; a botched investigation;
            a string of wrongful convictions
            """
        ),
        headline_nouns=_items(
            """
            trial; appeal; verdict; ruling; charges; court; judge; prosecutors
            """
        ),
    ),
    TopicWords(
        name="health",
        roles=_items(
            """
            the health minister; the chief medical officer; the head of the nurses' union;
            the director of Kestrel General Hospital; an epidemiologist at Aldmere University;
            the chair of the medical association; the head of the drugs regulator; a senior public health adviser
            """
        ),
        organisations=_items(
            """
            the Health Ministry; the Public Health Agency; the Nurses' Union; the Medical Association;
            Kestrel General Hospital; the Medicines Regulator
            """
        ),
        nouns=_items(
            """
            vaccination campaign; hospital funding plan; waiting list target; staffing plan; screening programme;
            drug approval; mental health strategy; pay offer; outbreak response; ambulance contract;
            prescription charge; care home inspection regime; bed capacity plan; cancer strategy;
            testing programme; nursing shortage plan; vaccine order; clinic closure; maternity review;
            emergency department overhaul; health insurance scheme; data sharing agreement; patient safety review
            """
        ),
        groups=_items(
            """
            nurses; doctors; patients; hospital managers; care workers; paramedics; pharmacists; families;
            health officials; researchers; trainee doctors; carers; public health experts
            """
        ),
        measures=_items(
            """
            cases; hospital admissions; beds; patients waiting; vacancies; doses; deaths; appointments; referrals
            """
        ),
        events=_items(
            """
            a winter surge in admissions; a nationwide strike by nurses; a measles outbreak; a damning inspection
            report; a shortage of key drugs; a data breach at a hospital; a scandal over waiting times;
            the closure of two maternity units; a flu season worse than expected; a row over vaccine supplies
            """
        ),
        headline_nouns=_items(
            """
            hospitals; nurses; vaccines; waiting lists; outbreak; doctors; health service; clinics
            """
        ),
    ),
    TopicWords(
        name="energy",
        roles=_items(
            """
            the energy minister; the chief executive of Northgrid; the head of the grid operator;
            the environment minister; a climate scientist at Harrowfield Institute; the head of the wind power
            association; the chair of the energy regulator; a spokesperson for Halden Oil
            """
        ),
        organisations=_items(
            """
            the Energy Ministry; Northgrid; Halden Oil; the Grid Operator; the Energy Regulator;
            the Wind Power Association
            """
        ),
        nouns=_items(
            """
            emissions target; wind farm; pipeline project; carbon tax; grid upgrade; nuclear plant extension;
            solar subsidy; drilling licence; energy price cap; coal phase-out; hydrogen strategy;
            battery storage scheme; offshore lease auction; heat pump grant; flood defence plan;
            climate adaptation fund; power station closure; fuel duty; interconnector deal; insulation programme;
            methane rules; water rationing plan; heatwave response plan
            """
        ),
        groups=_items(
            """
            households; environmental groups; energy companies; farmers; coastal communities; engineers;
            climate activists; oil workers; residents; utilities; industrial users; landowners
            """
        ),
        measures=_items(
            """
            megawatts; tonnes of carbon; gigawatt hours; homes; turbines; percent of demand; households;
            barrels a day; litres
            """
        ),
        events=_items(
            """
            a week of blackouts; a record heatwave; severe flooding in the north; an oil spill off the coast;
            a sharp rise in power prices; the collapse of a supplier; a failed offshore auction;
            a drought that emptied reservoirs; protests at a drilling site; a fire at a substation
            """
        ),
        headline_nouns=_items(
            """
            wind farm; emissions; pipeline; power prices; grid; carbon tax; drilling; blackouts
            """
        ),
    ),
    TopicWords(
        name="transport",
        roles=_items(
            """
            the transport minister; the mayor of Port Halden; the chief executive of Rail Connect;
            the head of the drivers' union; the director of Caldera airport; a city councillor;
            the head of the road safety agency; a spokesperson for Skyline Airways
            """
        ),
        organisations=_items(
            """
            the Transport Ministry; Rail Connect; Skyline Airways; the Drivers' Union; the Road Safety Agency;
            the Port Halden City Council
            """
        ),
        nouns=_items(
            """
            high-speed rail line; fare increase; bus network overhaul; airport expansion; bridge repair programme;
            congestion charge; timetable change; tram extension; road building plan; cycle lane scheme;
            rail franchise; driver pay deal; ticketing system; tunnel project; port upgrade; electric bus order;
            speed limit review; parking levy; ferry contract; signalling upgrade; runway plan; freight corridor
            """
        ),
        groups=_items(
            """
            commuters; passengers; drivers; cyclists; train staff; airlines; residents; hauliers; pilots;
            business travellers; taxi drivers; local councils; tourists
            """
        ),
        measures=_items(
            """
            passengers; journeys; flights; trains cancelled; kilometres of track; buses; delays; accidents;
            minutes of delay
            """
        ),
        events=_items(
            """
            a derailment outside the capital; a week of rail strikes; chaos at the airport; the collapse of a
            bridge; a fatal crash on the motorway; a ticketing system failure; a fuel shortage; storm damage to
            the coastal line; a cyberattack on the booking system; months of cancelled services
            """
        ),
        headline_nouns=_items(
            """
            rail line; fares; airport; bridge; strike; buses; flights; tram
            """
        ),
    ),
)

HEADLINE_PATTERNS = _items(
    """
    {Subject} {past} {noun} {reason}; {Noun} {past} as {groups} {react}; {Person} {past} {noun} {time};
    {Org} to {base} {noun} {future}; {Groups} {react} over {noun}; {Place} {noun} {past} {reason};
    What the {noun} means for {groups}; {Person}: {quote}; {Headline_noun} {shift} as {noun} is {past};
    {Noun}: {groups} {react} after {Org} {past} plan
    """
)

REACTIONS = _items(
    """
    react; push back; voice anger; welcome move; sound alarm; demand answers; cry foul; raise concerns;
    call for calm; threaten action
    """
)

SHIFTS = _items(
    """
    in focus; under pressure; in limbo; back on agenda; face scrutiny; hit new low; rebound; stall; tumble; surge
    """
)

EDIT_SUBSTITUTES = (
    *FILLER_WORDS,
    *_items(
        """
        the; a; this; that; its; their; some; many; several; new; key; major; said; says; would; could; may;
        might; will; has; had; was; were; in; on; at; for; with; over; under; about; after; before; plan; move;
        decision; deal; proposal; official; officials; government; country; people; year; week; month; time
        """
    ),
)


# --- the cast of a topic ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A named person who recurs across a topic's stories."""

    full_name: str
    surname: str
    role: str


@dataclass(frozen=True)
class TopicCast:
    """The named entities every story on a topic draws on, and the stock background paragraphs wires reuse."""

    topic: TopicWords
    people: tuple[Person, ...]
    places: tuple[str, ...]
    background_paragraphs: tuple[str, ...]


def _topic_cast(topic: TopicWords, seed: int) -> TopicCast:
    """The cast of a topic for a seed: one person per role, four places, and three stock background paragraphs."""
    rng = random.Random(f"neardup-cast:{seed}:{topic.name}")
    people = []
    used_surnames: set[str] = set()
    for role in topic.roles:
        surname = rng.choice([name for name in SURNAMES if name not in used_surnames])
        used_surnames.add(surname)
        people.append(Person(f"{rng.choice(FIRST_NAMES)} {surname}", surname, role))
    places = tuple(rng.sample(CITIES, 4))
    partial = TopicCast(topic, tuple(people), places, ())
    writer = StoryWriter(rng, partial)
    background = tuple(writer.paragraph(rng.randint(2, 3)) for _ in range(3))
    return TopicCast(topic, tuple(people), places, background)


# --- prose --------------------------------------------------------------------------------------------------


def _capitalise(text: str) -> str:
    """The text with its first character upper-cased (unlike str.capitalize, the rest is left alone)."""
    return text[:1].upper() + text[1:]


A_BEFORE_VOWEL = re.compile(r"\b([Aa]) ([aeiou])")  # "a unexpected" -> "an unexpected"


class StoryWriter:
    """Writes the sentences of one story from its topic's cast: the people, organisations and places recur."""

    def __init__(self, rng: random.Random, cast: TopicCast) -> None:
        self.rng = rng
        self.cast = cast
        self.topic = cast.topic
        # One story is about a few of the topic's entities, as real stories are.
        self.people = rng.sample(cast.people, k=min(len(cast.people), rng.randint(2, 4)))
        self.organisations = rng.sample(self.topic.organisations, k=2)
        self.place = rng.choice(cast.places) if cast.places else rng.choice(CITIES)
        self.day = rng.choice(WEEKDAYS)
        self.introduced: set[str] = set()

    # small pieces

    def number(self, low: int = 3, high: int = 5000) -> str:
        """A count between low and high with thousands separators, e.g. "4,120"."""
        return f"{self.rng.randint(low, high):,}"

    def percent(self) -> str:
        """A percentage with one decimal, e.g. "3.4 percent"."""
        return f"{self.rng.randint(0, 40)}.{self.rng.randint(0, 9)} percent"

    def money(self) -> str:
        """A sum of money, e.g. "4.2 billion dollars"."""
        unit = self.rng.choice(("million", "billion"))
        return f"{self.rng.randint(1, 900)}.{self.rng.randint(1, 9)} {unit} {self.rng.choice(('dollars', 'euros'))}"

    def past_time(self) -> str:
        """When something happened, e.g. "late on Tuesday"."""
        return self.rng.choice(PAST_TIMES).format(day=self.day)

    def future_time(self) -> str:
        """When something is due, e.g. "by the end of the year"."""
        return self.rng.choice(FUTURE_TIMES).format(day=self.rng.choice(WEEKDAYS))

    def source(self) -> str:
        """Where a claim comes from, e.g. "two people familiar with the matter"."""
        return self.rng.choice(SOURCES).format(day=self.day)

    def person(self) -> str:
        """A cast member: full name and role on first mention, surname afterwards."""
        person = self.rng.choice(self.people)
        if person.full_name in self.introduced:
            return person.surname
        self.introduced.add(person.full_name)
        return f"{person.full_name}, {person.role},"

    def noun_phrase(self) -> str:
        """A thing the story is about, e.g. "the revised pension reform"."""
        rng = self.rng
        noun = rng.choice(self.topic.nouns)
        roll = rng.random()
        if roll < 0.45:
            return f"the {rng.choice(ADJECTIVES)} {noun}"
        if roll < 0.6:
            return f"a {rng.choice(ADJECTIVES)} {noun}"
        if roll < 0.75:
            return f"the {noun} worth {self.money()}"
        if roll < 0.88:
            return f"{rng.choice(self.organisations)}'s {noun}"
        return f"the {noun} in {rng.choice(self.cast.places or CITIES)}"

    def subject(self) -> str:
        """The subject of a clause."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.3:
            return self.person()
        if roll < 0.5:
            return rng.choice(self.organisations)
        if roll < 0.65:
            return f"{rng.choice(self.topic.groups)} in {rng.choice(self.cast.places or CITIES)}"
        if roll < 0.75:
            return f"{self.number(12, 900)} {rng.choice(self.topic.groups)}"
        return self.noun_phrase()

    def predicate(self) -> str:
        """A verb phrase that agrees with any subject."""
        rng = self.rng
        base, past, participle = rng.choice(VERBS)
        roll = rng.randrange(10)
        if roll == 0:
            return f"had {participle} {self.noun_phrase()} {rng.choice(REASONS)}"
        if roll == 1:
            return f"would {base} {self.noun_phrase()} {self.future_time()}"
        if roll == 2:
            return f"{rng.choice(ADVERBS)} {past} {self.noun_phrase()} {self.past_time()}"
        if roll == 3:
            return f"{past} {self.noun_phrase()} {rng.choice(REASONS)}"
        if roll == 4:
            return f"could {base} {self.number()} {rng.choice(self.topic.measures)} {self.future_time()}"
        if roll == 5:
            return f"{past} {rng.choice(PLANS)} {rng.choice(AFTER)} {rng.choice(self.topic.events)}"
        if roll == 6:
            return f"{rng.choice(READY_TO)} {base} {self.noun_phrase()} {rng.choice(DESPITE)} {rng.choice(self.topic.groups)}"
        if roll == 7:
            return f"{past} {self.number()} {rng.choice(self.topic.measures)} {self.past_time()}"
        if roll == 8:
            return f"{rng.choice(UNDER_PRESSURE)} {base} {self.noun_phrase()} since {rng.choice(self.topic.events)}"
        return f"{past} {self.noun_phrase()}, {rng.choice(WORTH)} {self.money()}"

    def clause(self) -> str:
        """Subject and predicate."""
        return f"{self.subject()} {self.predicate()}"

    # sentences

    def lede(self) -> str:
        """The first sentence: who did what, where and when."""
        rng = self.rng
        _, past, _ = rng.choice(VERBS)
        return (
            f"{_capitalise(rng.choice(self.organisations))} {rng.choice(ADVERBS)} {past} {self.noun_phrase()} "
            f"{self.past_time()} {rng.choice(REASONS)}, {rng.choice(AFFECTS)} {self.number(200, 90000)} "
            f"{rng.choice(self.topic.groups)} in {self.place}."
        )

    def sentence(self) -> str:
        """One sentence; its shape is drawn so that lengths vary from about eight words to forty."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.13:
            return f"{_capitalise(self.person())} {rng.choice(SPEECH_VERBS)} {self.past_time()} that {self.clause()}."
        if roll < 0.25:
            return f"{_capitalise(self.clause())}, according to {self.source()}."
        if roll < 0.37:
            return self.quote()
        if roll < 0.45:
            return (
                f"{_capitalise(rng.choice(self.organisations))} {rng.choice(('reported', 'estimated', 'recorded'))} "
                f"{self.number()} {rng.choice(self.topic.measures)} in the {rng.choice(('first', 'second', 'third', 'fourth'))} "
                f"quarter, {rng.choice(('up', 'down'))} {self.percent()} {rng.choice(YEAR_ON_YEAR)}."
            )
        if roll < 0.53:
            return f"{rng.choice(TRANSITIONS)} {self.clause()}."
        if roll < 0.6:
            return f"{rng.choice(HEDGES)} {self.clause()}."
        if roll < 0.67:
            return f"Although {self.clause()}, {self.clause()}."
        if roll < 0.74:
            return (
                f"The {rng.choice(ADJECTIVES)} {rng.choice(self.topic.nouns)} {rng.choice(FOLLOWS)} "
                f"{rng.choice(self.topic.events)} {self.past_time()}."
            )
        if roll < 0.8:
            groups_a, groups_b = rng.sample(self.topic.groups, 2)
            return f"{_capitalise(groups_a)} {rng.choice(VERBS)[1]} {self.noun_phrase()}, while {groups_b} {self.predicate()}."
        if roll < 0.86:
            return f"{_capitalise(self.person())} {rng.choice(NO_COMMENT)} {self.noun_phrase()}."
        if roll < 0.92:
            return (
                f"{_capitalise(rng.choice(self.organisations))} {rng.choice(EXPECTED_TO)} {rng.choice(VERBS)[0]} "
                f"{self.noun_phrase()} {self.future_time()}."
            )
        return f"{_capitalise(self.clause())} and {self.clause()}."

    def quote(self) -> str:
        """A direct quotation with attribution."""
        rng = self.rng
        said = f"{rng.choice(QUOTE_OPENERS)}, and {self.clause()}" if rng.random() < 0.6 else rng.choice(QUOTE_OPENERS)
        return f"“{said},” {self.person()} {rng.choice(('said', 'added', 'told reporters'))}."

    def paragraph(self, sentences: int) -> str:
        """A paragraph of that many sentences."""
        return A_BEFORE_VOWEL.sub(r"\1n \2", " ".join(self.sentence() for _ in range(sentences)))

    def headline(self) -> str:
        """A headline in one of the usual shapes; each outlet writes its own."""
        rng = self.rng
        base, past, _ = rng.choice(VERBS)
        person = rng.choice(self.people)
        headline = rng.choice(HEADLINE_PATTERNS).format(
            Subject=_capitalise(rng.choice((person.surname, rng.choice(self.organisations).removeprefix("the ")))),
            past=past,
            base=base,
            noun=rng.choice(self.topic.nouns),
            Noun=_capitalise(rng.choice(self.topic.nouns)),
            reason=rng.choice(REASONS),
            groups=rng.choice(self.topic.groups),
            Groups=_capitalise(rng.choice(self.topic.groups)),
            react=rng.choice(REACTIONS),
            Person=person.full_name,
            time=self.past_time(),
            future=self.future_time(),
            Org=rng.choice(self.organisations).removeprefix("the "),
            Place=self.place,
            quote=f"‘{rng.choice(QUOTE_OPENERS)}’",
            Headline_noun=_capitalise(rng.choice(self.topic.headline_nouns)),
            shift=rng.choice(SHIFTS),
        )
        return A_BEFORE_VOWEL.sub(r"\1n \2", headline)


# --- stories and their variants -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    """One news story: the original wire text first, then the versions other outlets republished."""

    story_id: int
    topic: str
    variants: list[str]  # full texts (headline, body, boilerplate); variants[0] is the original
    variant_kinds: list[str]  # what was done to each, e.g. "original" or "edits 7% + trim 64%"


@dataclass(frozen=True)
class StoryBody:
    """The editorial content of a story, before any outlet dresses it."""

    headline: str
    paragraphs: list[str]
    wire: str
    place: str
    reporter: str
    editor: str


def write_body(rng: random.Random, cast: TopicCast) -> tuple[StoryBody, StoryWriter]:
    """A story of 300-900 words on the cast's topic (and the writer, to write other outlets' headlines)."""
    writer = StoryWriter(rng, cast)
    target_words = rng.randint(MIN_STORY_WORDS, MAX_STORY_WORDS - 100)  # the last paragraph overshoots it
    paragraphs = [writer.lede()]
    if rng.random() < BACKGROUND_SHARE and cast.background_paragraphs:
        background = rng.choice(cast.background_paragraphs)
    else:
        background = ""
    words = len(paragraphs[0].split()) + len(background.split())
    while words < target_words:
        paragraph = writer.paragraph(rng.choice((1, 2, 2, 3, 3, 4)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    if words > MAX_STORY_WORDS:
        words -= len(paragraphs.pop().split())
    if background:
        # Wires paste background in after the first few paragraphs.
        paragraphs.insert(min(len(paragraphs), rng.randint(2, 5)), background)
    reporter = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    editor = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    body = StoryBody(writer.headline(), paragraphs, rng.choice(WIRES), writer.place, reporter, editor)
    return body, writer


def wire_text(body: StoryBody) -> str:
    """The original as the wire sent it: headline, dateline, paragraphs, reporting credit."""
    first = f"{body.place.upper()} ({body.wire}) - {body.paragraphs[0]}"
    return "\n\n".join(
        [body.headline, first, *body.paragraphs[1:], f"(Reporting by {body.reporter}; Editing by {body.editor})"]
    )


def edit_words(rng: random.Random, text: str, rate: float) -> str:
    """The text with about `rate` of its words edited: half substituted, a quarter deleted, a quarter inserted.

    Paragraph breaks (blank lines) are kept.
    """
    paragraphs = [paragraph.split() for paragraph in text.split("\n\n")]
    positions = [(p, w) for p, words in enumerate(paragraphs) for w in range(len(words))]
    edits = rng.sample(positions, k=round(rate * len(positions)))
    # Apply from the end so earlier positions stay valid as words are inserted and deleted.
    for p, w in sorted(edits, reverse=True):
        words = paragraphs[p]
        roll = rng.random()
        if roll < 0.5:
            words[w] = rng.choice(EDIT_SUBSTITUTES)
        elif roll < 0.75 and len(words) > 1:
            del words[w]
        else:
            words.insert(w, rng.choice(EDIT_SUBSTITUTES))
    return "\n\n".join(" ".join(words) for words in paragraphs if words)


def trim_ending(paragraphs: list[str], keep_share: float) -> list[str]:
    """The first paragraphs holding about `keep_share` of the words (at least two paragraphs)."""
    total = sum(len(paragraph.split()) for paragraph in paragraphs)
    kept: list[str] = []
    words = 0
    for paragraph in paragraphs:
        if len(kept) >= 2 and words >= keep_share * total:
            break
        kept.append(paragraph)
        words += len(paragraph.split())
    return kept


def shuffle_paragraphs(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """The paragraphs in a new order, the first (the lede) kept first as editors do."""
    rest = paragraphs[1:]
    rng.shuffle(rest)
    return [paragraphs[0], *rest]


def outlet_text(
    rng: random.Random, outlet: str, headline: str, paragraphs: list[str], body: StoryBody, teaser: str
) -> str:
    """The story as an outlet republished it: its headline, byline and boilerplate around the paragraphs.

    `teaser` is another story's headline, for the "Read more:" line.
    """
    top = [headline]
    if rng.random() < 0.6:
        top.append(f"By {body.reporter} | {outlet}")
    if rng.random() < 0.4:
        top.append(
            f"Published {rng.randint(1, 28)} {rng.choice(('March', 'June', 'October'))} {rng.randint(2019, 2025)}"
        )
    bottom = []
    if rng.random() < 0.5:
        bottom.append(
            f"Reporting by {body.reporter}; additional reporting by {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        )
    if rng.random() < 0.5:
        bottom.append(f"This article was first published by {body.wire}.")
    if rng.random() < 0.6:
        bottom.append(f"Read more: {teaser}")
    if rng.random() < 0.5:
        bottom.append(f"Sign up for the {outlet} morning briefing, delivered to your inbox every weekday.")
    bottom.append(f"© {rng.randint(2019, 2025)} {outlet}. All rights reserved.")
    return "\n\n".join([*top, *paragraphs, *bottom])


def write_variant(
    rng: random.Random, body: StoryBody, writer: StoryWriter, outlet: str, teaser: str
) -> tuple[str, str]:
    """(text, kind) of one republished version: at least one of edits, trimmed ending, shuffled paragraphs."""
    while True:
        edited, trimmed, shuffled = rng.random() < 0.6, rng.random() < 0.45, rng.random() < 0.35
        if edited or trimmed or shuffled:
            break
    paragraphs = list(body.paragraphs)
    kinds = []
    if trimmed:
        keep_share = rng.uniform(0.5, 0.9)
        paragraphs = trim_ending(paragraphs, keep_share)
        kinds.append(f"trim {keep_share:.0%}")
    if shuffled:
        paragraphs = shuffle_paragraphs(rng, paragraphs)
        kinds.append("shuffle")
    if edited:
        rate = rng.uniform(0.02, MAX_EDIT_RATE)
        paragraphs = edit_words(rng, "\n\n".join(paragraphs), rate).split("\n\n")
        kinds.append(f"edits {rate:.0%}")
    return outlet_text(rng, outlet, writer.headline(), paragraphs, body, teaser), " + ".join(kinds)


def generate_story(index: int, seed: int, casts: Sequence[TopicCast]) -> Story:
    """Story `index` for the seed: the original and 2-5 republished versions by different outlets."""
    rng = random.Random(f"neardup:{seed}:{index}")
    cast = rng.choice(casts)
    body, writer = write_body(rng, cast)
    texts, kinds = [wire_text(body)], ["original"]
    for outlet in rng.sample(OUTLETS, k=rng.randint(MIN_VARIANTS, MAX_VARIANTS)):
        teaser = StoryWriter(rng, rng.choice(casts)).headline()  # a headline from elsewhere on the site
        text, kind = write_variant(rng, body, writer, outlet, teaser)
        texts.append(text)
        kinds.append(kind)
    return Story(story_id=index, topic=cast.topic.name, variants=texts, variant_kinds=kinds)


def topic_casts(seed: int) -> list[TopicCast]:
    """The cast of every topic for the seed."""
    return [_topic_cast(topic, seed) for topic in TOPICS]


def generate_stories(n_stories: int, seed: int) -> list[Story]:
    """`n_stories` stories with their variants; story i depends only on (i, seed)."""
    casts = topic_casts(seed)
    return [generate_story(index, seed, casts) for index in range(n_stories)]


def main(argv: Sequence[str] | None = None) -> int:
    """Print a few stories and their variants, to read what the generator writes."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for story in generate_stories(args.stories, args.seed):
        for text, kind in zip(story.variants, story.variant_kinds, strict=True):
            print(f"===== story {story.story_id} ({story.topic}): {kind}, {len(text.split())} words =====")
            print(text)
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
