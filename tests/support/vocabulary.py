"""Word lists for the synthetic news corpus: names, places, topics and the phrases the prose grammar combines.

Kept apart from `tests/support/corpus.py` so the generator reads as code, not as a dictionary. Everything is
invented: places are built from name parts, organisations from places and nouns.
"""

from __future__ import annotations

from dataclasses import dataclass


def _words(block: str) -> tuple[str, ...]:
    """The whitespace-separated words of a block, in order."""
    return tuple(block.split())


def _items(block: str) -> tuple[str, ...]:
    """The semicolon-separated phrases of a block, whitespace-normalised, in order."""
    return tuple(" ".join(item.split()) for item in block.split(";") if item.strip())


FEMALE_FIRST_NAMES = _words(
    """
    Abigail Ada Adaeze Aiko Alejandra Alice Amara Amelia Ana Anika Annette Aroha Beatriz Bethany Bianca Bridget
    Camille Carmen Catalina Celeste Chiara Claire Dalia Daniela Deborah Delphine Diana Eilidh Elena Eleanor
    Elif Emma Esther Farah Fatima Fiona Freya Gabriela Grace Hana Harriet Helena Ingrid Isabel Jasmine Jess
    Joanna Josefina Julia June Karina Katarzyna Keiko Laila Laura Leah Lena Lucia Lydia Maeve Magdalena Maria
    Marisol Maya Meera Mina Miriam Nadia Naomi Nia Nkechi Noor Olivia Paloma Patricia Priya Rachel Rania
    Rebecca Renata Rosa Ruth Sakura Samira Sara Siobhan Sofia Sunita Tamar Tanya Teresa Thandiwe Valentina Vera
    Wanjiru Yasmin Yuki Zainab Zofia
"""
)

MALE_FIRST_NAMES = _words(
    """
    Aaron Abdul Adrian Ahmed Alan Alberto Aleksander Amir Andre Anton Arjun Arturo Ben Bogdan Bruno Callum
    Carlos Chidi Connor Daniel Dario David Declan Diego Dmitri Eduardo Emeka Emil Ethan Felipe Finn Gareth
    Gustavo Hamid Hassan Hector Hiroshi Ian Ibrahim Ivan Jakob James Jamal Javier Jonah Jorge Joseph Kai Kenji
    Kwame Lars Liam Lucas Luis Malik Marco Mateo Matthew Mehmet Michael Miguel Mohammed Nasser Niall Nikhil
    Omar Oscar Owen Pablo Patrick Pedro Rafael Rahul Ravi Robert Ruben Samuel Santiago Sean Sergei Simon Stefan
    Tariq Theo Thomas Tobias Tomasz Tunde Victor Viktor Wei William Xavier Yusuf Zoltan
"""
)

SURNAMES = _words(
    """
    Abara Acheson Adeyemi Aguilar Almeida Andersen Arslan Ashworth Baker Banerjee Barros Becker Bello Bergstrom
    Blackwood Bondarenko Brennan Calloway Campbell Cardenas Castellano Chang Chaudhry Chen Cohen Costa Cruz
    Dalton Das Delgado Dimitrov Doyle Dubois Duarte Eriksen Esposito Fairbanks Farouk Fernandes Fischer
    Fitzgerald Fontaine Fraser Fujita Gallagher Garcia Gill Goldberg Greco Gupta Haddad Halvorsen Hargreaves
    Hashemi Hoffmann Holloway Hussain Ibarra Iqbal Ishikawa Ivanova Jaramillo Jensen Joshi Kaminski Kapoor
    Karimi Keane Kelleher Kim Kowalczyk Kumar Lachance Larsen Lindqvist Lopez Lund MacLeod Mahlangu Marchetti
    Martins Matsumoto McAllister Mendoza Menon Moreau Morales Murphy Nakamura Navarro Ndlovu Nguyen Novak Nwosu
    Obi O'Connell Okafor Oliveira Ortega Osei Ostrowski Pacheco Park Patel Pereira Petrov Pham Quinn Quintero
    Rahman Ramos Reyes Richter Rinaldi Rojas Rossi Saini Salazar Sandoval Santos Schmidt Sekar Serrano Shapiro
    Sharma Silva Sokolov Sorensen Stewart Suzuki Takahashi Tanaka Thornton Torres Tran Ueda Valdez Vance Vargas
    Varga Vasquez Wainwright Walsh Weber Whitfield Wojcik Yamamoto Yilmaz Young Zhang Zielinski Zubiri
"""
)

PLACE_HEADS = _words(
    """
    Ash Bay Bell Birch Black Bram Brook Cale Cedar Clay Cold Copper Cross Deer East Elm Fair Fern Glen Gold
    Granite Green Hazel High Holly Iron Kings Lake Lark Linden Maple Marsh Mill North Oak Pine Red River Rock
    Rose Salt Silver South Stone Sum Thorn West White Willow Wolf
"""
)

PLACE_TAILS = _words(
    """
    borough bridge brook bury by dale field ford gate ham haven hill hurst ley mere mouth port ridge stead ston
    ton vale view wick wood worth
"""
)

PLACE_PREFIXES = ("", "", "", "", "", "", "Port ", "New ", "East ", "West ", "North ", "Lower ", "Upper ", "Fort ")

REGIONS = _items(
    """
    the valley; the coast; the northern counties; the river delta; the eastern suburbs; the highlands;
    the capital region; the lake district; the southern plains; the old mill towns; the border region;
    the metropolitan area; the island communities; the western corridor; the farming belt
    """
)

ORG_KINDS = _items(
    """
    City Council; County Board of Supervisors; Water Authority; School District; Transit Agency; Port Authority;
    Chamber of Commerce; Housing Trust; Regional Hospital; Community College; Planning Commission; Police Department;
    Fire Service; Public Library; Tenants' Union; Farmers' Cooperative; Historical Society; Parks Department;
    Health Board; Teachers' Association; Environmental Agency; Energy Cooperative; Food Bank; Residents' Association;
    Development Corporation
    """
)

COMPANY_STEMS = _words(
    """
    Aldren Bexley Caldor Corvant Dunmore Elstow Fenwick Galvex Harrowgate Indra Juniper Kestrel Lumora Meridian
    Northwind Oakhurst Paragon Quillon Redline Stratus Tellux Umbra Veltrix Westmark Yarrow Zephyr Brightwater
    Cobalt Halcyon Ironclad Keystone Larchmont Norcast Pinnacle Silverline Tidewater Vantage
"""
)

COMPANY_KINDS = _words(
    """
    Energy Logistics Health Foods Holdings Systems Steel Pharmaceuticals Motors Analytics Construction Telecom
    Airlines Insurance Bank Semiconductor Robotics Media Retail Shipping Water Solar Capital Biotech
"""
)

GENERIC_ROLES = _items(
    """
    a spokesperson for {org}; the director of {org}; a senior official at {org}; the chair of {org};
    a longtime resident of {place}; a shop owner in {place}; a retired teacher from {place};
    an economist at the University of {place}; a researcher at the {place} Institute;
    a professor of public policy at {place} University; the mayor of {place}; a council member from {place};
    a union organiser in {place}; an analyst at {company}; the chief executive of {company};
    a former official at {org}; a volunteer with {org}; a lawyer representing residents of {place};
    a nurse who has worked in {place} for two decades; a farmer outside {place}
    """
)

ADJECTIVES = _items(
    """
    ambitious; annual; bitter; blunt; broad; careful; cautious; central; contested; costly; crowded; crucial;
    decade-old; delayed; detailed; difficult; divisive; dramatic; early; emergency; expanded; familiar; federal;
    final; first; fragile; fresh; full; gradual; heated; hidden; historic; hurried; independent; informal; initial;
    key; landmark; large; lengthy; limited; local; long-awaited; major; modest; narrow; national; new; official;
    ongoing; open; original; overdue; partial; pilot; popular; preliminary; proposed; public; quiet; rare; recent;
    regional; revised; rising; rushed; scaled-back; second; sharp; shrinking; significant; small; stalled; steady;
    strict; sudden; surprise; temporary; tense; tentative; troubled; unexpected; unpopular; unusual; urgent; vague;
    voluntary; wide-ranging; widely expected
    """
)

ADVERBS = _words(
    """
    quietly sharply steadily abruptly gradually openly privately repeatedly narrowly briefly formally largely
    publicly reluctantly swiftly unexpectedly slowly firmly cautiously eventually temporarily partly mostly
    already initially
"""
)

# (base, past, past participle, gerund): verbs that take a direct object.
VERBS = tuple(
    tuple(forms.split())
    for forms in _items(
        """
        approve approved approved approving; reject rejected rejected rejecting; delay delayed delayed delaying;
        expand expanded expanded expanding; cut cut cut cutting; review reviewed reviewed reviewing;
        suspend suspended suspended suspending; fund funded funded funding;
        investigate investigated investigated investigating; defend defended defended defending;
        challenge challenged challenged challenging; revive revived revived reviving;
        scrap scrapped scrapped scrapping; propose proposed proposed proposing;
        announce announced announced announcing; criticise criticised criticised criticising;
        postpone postponed postponed postponing; overhaul overhauled overhauled overhauling;
        back backed backed backing; block blocked blocked blocking; extend extended extended extending;
        audit audited audited auditing; restore restored restored restoring; shelve shelved shelved shelving;
        rethink rethought rethought rethinking; finance financed financed financing;
        redesign redesigned redesigned redesigning; question questioned questioned questioning;
        reopen reopened reopened reopening; limit limited limited limiting; double doubled doubled doubling;
        freeze froze frozen freezing; sell sold sold selling; build built built building;
        inspect inspected inspected inspecting; streamline streamlined streamlined streamlining;
        subsidise subsidised subsidised subsidising; renegotiate renegotiated renegotiated renegotiating;
        oppose opposed opposed opposing; monitor monitored monitored monitoring
        """
    )
)

TIME_PHRASES = _items(
    """
    by the end of the year; within weeks; before the summer; next spring; over the next decade;
    as early as next month; by the autumn; before the next election; later this year; within days;
    in the coming months; by 2030; over the winter; before the budget deadline; this week; in the next fiscal year;
    once the review is complete; after the holidays; by the end of the quarter; within 18 months;
    before the courts rule; in time for the new school year; over three years
    """
)

PAST_TIME_PHRASES = _items(
    """
    on Monday; on Tuesday; on Wednesday; on Thursday; on Friday; over the weekend; last week; late on Sunday;
    earlier this month; in March; in the spring; two years ago; last autumn; at a packed meeting; in a statement;
    in a letter to residents; during a tense hearing; in an interview; at a press conference; in a filing;
    after a closed-door session; last year
    """
)

ATTRIBUTIONS = _items(
    """
    according to figures released by {org}; according to a report seen by this newspaper;
    according to people familiar with the talks; officials said; records show; a spokesperson confirmed;
    according to a survey of {num} households; documents obtained under freedom of information laws show;
    according to the latest census data; the company said in a statement; analysts estimate;
    according to minutes of the meeting; court filings show; data compiled by {org} shows
    """
)

REASONS = _items(
    """
    citing rising costs; amid mounting pressure from residents; after a string of complaints;
    in part because of staff shortages; following a critical audit; as interest rates climbed;
    after a legal challenge; because of supply problems; as demand outstripped supply;
    after years of underinvestment; following a dry summer; amid questions about oversight;
    after the original contractor withdrew; as the population grew faster than expected;
    in response to new national rules; after an unusually wet winter; as budgets tightened
    """
)

SHORT_SENTENCES = _items(
    """
    That could change soon.; Few expected it.; The stakes are high.; Not everyone agrees.; The numbers are stark.;
    It was not the first warning.; The answer is complicated.; Others are less sure.; Some residents are sceptical.;
    The timing is awkward.; That has not happened yet.; The vote was close.; Nobody was hurt.; The plan has critics.;
    Much depends on the weather.; The mood has shifted.; It did not go smoothly.; Money is tight.;
    The debate is far from over.; Officials declined to comment further.; The pressure is growing.;
    Not all of it worked.; The details matter.; Support has been uneven.; The cost keeps rising.; Questions remain.;
    It is a familiar pattern.; The reaction was swift.; Change came slowly.; Residents noticed.;
    The stakes are personal for many families.; That was the easy part.
    """
)

TRANSITIONS = _items(
    """
    Still,; Meanwhile,; In the meantime,; For now,; Even so,; At the same time,; Privately,; By contrast,;
    In practice,; On paper,; Elsewhere,; Since then,; For years,; Earlier,; In recent weeks,; Despite that,;
    As a result,; In a sign of the tension,; Officially,
    """
)

QUOTE_OPENERS = _items(
    """
    We have been asking for this for years; Nobody wants to see this happen; It is not a perfect plan;
    This is about trust; We simply do not have the money; People are tired of waiting;
    I have never seen anything like it; We have to be honest about the trade-offs; There is no quick fix;
    The numbers speak for themselves; We were told it would be temporary; It is a question of fairness;
    This was always going to be difficult; We are listening; Families deserve better than this;
    I understand why people are angry; We got this one wrong; The community has been very clear; It will take time;
    We are not there yet
    """
)

SPEECH_VERBS = _items(
    """
    said; said; said; added; told reporters; wrote; argued; explained; insisted
    """
)

CAPTION_SUBJECTS = _items(
    """
    Residents gather outside the town hall; Workers inspect the site; A view of the harbour at dawn;
    Commuters wait on the platform; Protesters hold signs during the march; The empty factory floor;
    Volunteers sort donations; Officials tour the flooded district; Students leave the main building;
    Cranes stand over the unfinished tower; A nurse walks through the ward; Farmers inspect damaged crops;
    Fans celebrate after the final whistle; The council chamber during the vote; Traffic backs up on the bridge
    """
)

PHOTO_AGENCIES = _items(
    """
    Getty Images; Reuters; AP; AFP; EPA; Alamy; Staff photographer; Bloomberg
    """
)

COMMENT_OPENERS = _items(
    """
    Honestly,; As someone who grew up in {place},; I have lived in {place} for {years} years and;
    Not surprised at all.; Good piece, but; Can we talk about the obvious problem here?;
    My neighbour works for {org} and; Here we go again.; I read the whole article and; With respect to the author,;
    Every single year; Interesting that nobody mentions; This is the third time; Genuine question:; Well said.;
    Let's be realistic.; Sadly,
    """
)

COMMENT_BODIES = _items(
    """
    the {noun} was a mess long before anyone in charge noticed;
    nobody asked the people who actually use the {noun} what they think;
    they will spend twice the money and we will get half the {noun}; the real story is who profits from the {noun};
    I would like to know how much the consultants were paid; we voted for exactly the opposite of this;
    the comments here are missing the point about the {noun};
    my taxes keep going up and the {noun} keeps getting worse; this could have been fixed with a bit of common sense;
    the {noun} near my house has been closed for months; I remember the last time they promised a new {noun};
    somebody should ask the council why the meeting was held at noon on a weekday;
    the reporter deserves credit for actually turning up; it is always the same handful of people who get consulted;
    I am tired of hearing that there is no money for the {noun}; the photo says more than the whole article;
    if you think this is bad, look at what happened in {place};
    maybe the people making these decisions should try living here;
    at least someone is finally paying attention to the {noun};
    the article leaves out what residents said at the last meeting
    """
)

COMMENT_CLOSERS = _items(
    """
    Just my two cents.; Rant over.; Prove me wrong.; Thanks for covering this.; Shameful.; We deserve answers.;
    Wake up, people.; Great reporting as always.; Sigh.; Watch this space.; I will believe it when I see it.;
    Keep up the good work.; Unbelievable.
    """
)

USERNAME_WORDS = _words(
    """
    harbor river old salt quiet local night owl taxpayer cyclist grumpy north south valley garden coffee reader
    skeptic mom dad retired teacher bus rider fisher hill walker citizen lurker blue red green fox wolf
"""
)

COMMENT_AGES = _items(
    """
    2 minutes ago; 14 minutes ago; 1 hour ago; 3 hours ago; 5 hours ago; yesterday; 2 days ago
    """
)


@dataclass(frozen=True)
class Topic:
    """A news beat: the section it runs in and the nouns, groups and stakes its stories are made of."""

    section: str
    nouns: tuple[str, ...]
    groups: tuple[str, ...]  # who is affected, plural
    measures: tuple[str, ...]  # what gets counted
    stakes: tuple[str, ...]  # what the story is about, as a noun phrase
    subheadings: tuple[str, ...]


TOPICS = (
    Topic(
        section="Politics",
        nouns=_items(
            """
            budget; bill; ballot measure; zoning plan; tax proposal; spending package; ordinance; redistricting map;
            coalition deal; recall petition; ethics inquiry; housing levy
            """
        ),
        groups=_items(
            """
            voters; councillors; lawmakers; campaign staff; party members; residents; landlords;
            small business owners
            """
        ),
        measures=_items(
            """
            votes; signatures; seats; complaints; amendments; public comments
            """
        ),
        stakes=_items(
            """
            control of the council; the future of the housing levy; next year's budget; the mayor's re-election bid;
            the new district boundaries; a rare bipartisan deal
            """
        ),
        subheadings=_items(
            """
            A narrow vote; What the bill does; Who pays; The opposition; What comes next; A divided council;
            Behind closed doors; The numbers
            """
        ),
    ),
    Topic(
        section="Business",
        nouns=_items(
            """
            merger; factory; earnings report; supply contract; pension fund; credit line; warehouse; retail chain;
            bond sale; takeover bid; price increase; distribution centre
            """
        ),
        groups=_items(
            """
            shareholders; workers; suppliers; customers; investors; contractors; creditors; franchise owners
            """
        ),
        measures=_items(
            """
            jobs; shares; orders; stores; shipments; contracts
            """
        ),
        stakes=_items(
            """
            hundreds of local jobs; the company's quarterly profit; the sale of the plant;
            the future of the high street; a rescue deal; the regional supply chain
            """
        ),
        subheadings=_items(
            """
            A difficult quarter; Jobs at risk; Investors react; The deal; Rising costs; What analysts say;
            Looking ahead
            """
        ),
    ),
    Topic(
        section="Climate",
        nouns=_items(
            """
            flood barrier; wildfire plan; reservoir; seawall; emissions target; heat action plan; drought order;
            wetland restoration; tree-planting scheme; river dredging project
            """
        ),
        groups=_items(
            """
            farmers; homeowners; fishermen; conservationists; insurers; growers; hikers; coastal residents
            """
        ),
        measures=_items(
            """
            hectares; homes; tonnes of carbon; millimetres of rain; acres; wells
            """
        ),
        stakes=_items(
            """
            the town's water supply; the coastline; this year's harvest; the river's salmon run;
            insurance costs for thousands of homes; the last stretch of wetland
            """
        ),
        subheadings=_items(
            """
            A hotter summer; Water running low; The science; Counting the cost; Adapting; Who is responsible;
            On the ground
            """
        ),
    ),
    Topic(
        section="Health",
        nouns=_items(
            """
            clinic; emergency department; vaccination drive; maternity ward; mental health service; waiting list;
            ambulance contract; screening programme; care home; pharmacy network
            """
        ),
        groups=_items(
            """
            patients; nurses; doctors; carers; paramedics; families; pharmacists; older residents
            """
        ),
        measures=_items(
            """
            beds; appointments; cases; patients; staff vacancies; hospital admissions
            """
        ),
        stakes=_items(
            """
            waiting times; the only maternity unit in the region; staff morale; access to care in rural areas;
            the winter surge; the clinic's funding
            """
        ),
        subheadings=_items(
            """
            Longer waits; Inside the ward; Staffing crisis; What patients say; The funding gap; A national problem
            """
        ),
    ),
    Topic(
        section="Technology",
        nouns=_items(
            """
            data centre; broadband rollout; chip plant; software contract; app; cyberattack; privacy rule;
            cloud migration; 5G mast; payment system; AI pilot
            """
        ),
        groups=_items(
            """
            users; engineers; startups; regulators; subscribers; developers; students; privacy advocates
            """
        ),
        measures=_items(
            """
            users; megawatts; servers; downloads; outages; connections
            """
        ),
        stakes=_items(
            """
            the region's power grid; customer data; rural connectivity; hundreds of engineering jobs;
            the city's digital services; trust in the new system
            """
        ),
        subheadings=_items(
            """
            How it works; The outage; Privacy concerns; A power-hungry industry; The rollout; What users say
            """
        ),
    ),
    Topic(
        section="Transport",
        nouns=_items(
            """
            rail line; bridge; bus route; bike lane; ring road; ferry service; tram extension; parking scheme;
            airport expansion; rail timetable; toll plan
            """
        ),
        groups=_items(
            """
            commuters; drivers; cyclists; bus riders; ferry passengers; shop owners; delivery drivers; pedestrians
            """
        ),
        measures=_items(
            """
            passengers; journeys; cancellations; parking spaces; kilometres of track; buses
            """
        ),
        stakes=_items(
            """
            the morning commute; the bridge's safety; fares; the town centre's traffic; the last direct rail link;
            the airport's second runway
            """
        ),
        subheadings=_items(
            """
            Delays mount; The route; Fares and funding; Safety questions; Commuters weigh in; The long road
            """
        ),
    ),
    Topic(
        section="Education",
        nouns=_items(
            """
            school merger; curriculum change; teachers' contract; university campus; school meals scheme;
            exam reform; special needs programme; building repair plan; admissions policy
            """
        ),
        groups=_items(
            """
            parents; teachers; students; headteachers; governors; pupils; lecturers; school staff
            """
        ),
        measures=_items(
            """
            pupils; classrooms; teaching posts; school places; exam entries; scholarships
            """
        ),
        stakes=_items(
            """
            two village schools; class sizes; the new term; free school meals; the campus expansion; exam results
            """
        ),
        subheadings=_items(
            """
            In the classroom; Parents push back; The budget squeeze; A new term; What teachers say; The long view
            """
        ),
    ),
    Topic(
        section="Sport",
        nouns=_items(
            """
            stadium deal; transfer; season; training ground; youth academy; league restructure; ticket price rise;
            club takeover; derby; playoff campaign
            """
        ),
        groups=_items(
            """
            supporters; players; season-ticket holders; coaches; club volunteers; owners; young athletes; referees
            """
        ),
        measures=_items(
            """
            points; goals; season tickets; fixtures; appearances; spectators
            """
        ),
        stakes=_items(
            """
            promotion; the club's future at its ground; the youth academy; the local derby; ticket prices;
            the manager's job
            """
        ),
        subheadings=_items(
            """
            On the pitch; The fans; Money matters; A new era; The manager; Next season
            """
        ),
    ),
    Topic(
        section="Culture",
        nouns=_items(
            """
            festival; museum; theatre; library branch; arts grant; heritage site; concert hall; film studio;
            book fair; gallery
            """
        ),
        groups=_items(
            """
            artists; visitors; musicians; volunteers; curators; audiences; writers; local traders
            """
        ),
        measures=_items(
            """
            visitors; tickets; performances; grants; exhibitions; members
            """
        ),
        stakes=_items(
            """
            the summer festival; the old theatre; the museum's collection; arts funding; the library's opening hours;
            the heritage listing
            """
        ),
        subheadings=_items(
            """
            Behind the curtain; The collection; Funding cuts; A labour of love; Opening night; What visitors say
            """
        ),
    ),
)

HEADLINE_PATTERNS = _items(
    """
    {Place} {noun_cap} faces {adj} vote as costs climb; Why {groups} in {place} are worried about the {noun};
    {Company} to {verb} {noun} plan after {adj} quarter; Inside the fight over {place}'s {noun};
    {Org} {verb_past} {noun}, leaving {groups} in limbo;
    {Number} {measures} and counting: the {noun} that divided {place}; {Place} {groups} say the {noun} came too late;
    What the {noun} means for {groups} in {region}; {Person} on {stakes}: 'We are not there yet';
    A {adj} {noun} tests {place}'s patience; {Org} under pressure over {stakes};
    The {noun} was meant to fix {stakes}. It hasn't; {Place} braces for {adj} changes to the {noun};
    How a {adj} {noun} upended life in {place}; {Groups_cap} rally against {noun} plan in {place}
    """
)

SECTIONS_NAV = _words(
    """
    News World Politics Business Markets Climate Science Health Technology Transport Education Sport Football
    Culture Books Film Music Food Travel Opinion Letters Obituaries Weather Traffic Podcasts Video Puzzles
    Crosswords Newsletters Events Local Property Jobs Motoring Lifestyle Money
"""
)

FOOTER_LINKS = _items(
    """
    About us; Contact; Careers; Advertise with us; Terms of use; Privacy policy; Cookie settings; Accessibility;
    Corrections; Editorial standards; Complaints; Subscribe; Manage subscription; Digital edition; Newsletters;
    RSS feeds; Sitemap; Archive; Help centre; Modern slavery statement; Syndication; Press office; Contributors;
    Community guidelines; Tip line; Apps; Events; Shop; Puzzles; Classifieds; Public notices; Obituaries;
    Gift subscriptions; Student offers
    """
)

JS_IDENTIFIERS = _words(
    """
    addEventListener querySelector querySelectorAll classList dataset getAttribute setAttribute removeChild
    appendChild createElement requestAnimationFrame setTimeout clearTimeout localStorage sessionStorage
    innerWidth scrollY matchMedia IntersectionObserver MutationObserver dispatchEvent CustomEvent fetch then
    catch finally forEach map filter reduce assign keys hasOwnProperty defineProperty prototype push splice
"""
)

JS_PROPERTY_WORDS = _words(
    """
    adSlot consent paywall meter tracking viewport lazyLoad video player gallery newsletter comments share
    analytics experiment variant audience segment targeting refresh sticky header footer teaser carousel ticker
    liveblog breaking edition locale theme fontLoader imageSizes srcset prefetch beacon session pageview
    scrollDepth readTime subscriber login registration wall bidder prebid timeout
"""
)
