"""The built-in named-entity tagger: gazetteer lookups plus context rules, resolved once per document.

The pass over a document:
1. tokens per line, each marked when its capital says nothing (sentence start, Title Case headline);
2. runs of capitalised words ("Supreme Leader Ali Khamenei", "Bank of England"), cut into names at titles,
   at connectors that do not belong to a name, and between known names ("Senate Democrats");
3. typing evidence per mention: gazetteer, head words ("Agency", "Stadium"), titles, roles, nearby words;
4. document level: short forms joined to the full name ("Khamenei" -> "Ali Khamenei", "IRGC" -> "Islamic
   Revolutionary Guard Corps"), one type per entity from all its mentions, mentions counted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from worker.pipeline.entities import ENTITY_TYPES, EntityCount, lexicon
from worker.pipeline.entities.gazetteer import (
    COMPANY_SOURCE,
    EVENT_SOURCE,
    FEATURE_SOURCE,
    MAJOR_WEIGHT,
    SKY_SOURCE,
    VENUE_SOURCE,
    WORLD_COMPANY_SOURCE,
    Gazetteer,
    KnownName,
    load_country_codes,
    load_gazetteer,
    load_german_common_nouns,
    load_german_gazetteer,
    load_german_nouns_with_rare,
    load_german_rare_nouns,
    load_german_toponyms,
    load_small_towns,
)

BACKEND_NAME = "builtin-1"
TOWN_EVIDENCE = 1.2  # as much as a known city of 15,000 that needs context (KnownName weight 1)
# Rules that bench/entities_eval.py --ablate can switch off one at a time, to measure what each buys and costs.
RULES = frozenset(
    {
        "product-shape",
        "work-noun",
        "no-person-default",
        "person-shape",
        "version-number",  # "iPhone 15", "Windows 11", "Exynos 2400": a name and its version are one product
        "camel-case",  # "iPhone", "eBay": a lowercase first letter before a capital still starts a name
        "product-names",  # lexicon.PRODUCT_NAMES: "Copilot", "Android", "Galaxy"
        "product-short-forms",  # "RAV4 Prime" after "Toyota RAV4 Prime", "S24" after "Galaxy S24"
        "quoted-title",  # a Title Case phrase in quotes is a work: "Paris: The Memoir", "Aftersun"
        "demonym-nouns",  # "the Spaniard", "Albertans": nationality and resident nouns are NORP
        "german-compounds",  # "Bundesverkehrsminister Volker Wissing": a German role compound starts no name
        "country-prefix",  # "U.S. Congress" is the United States and Congress
        "acronym-match",  # "ECOWAS", "NICE", "CATL": an acronym of a name's words, not only of its initials
        "surname-over-place",  # "Hamilton" after "Lewis Hamilton" is him, unless the text uses it as a place
        "headed-and",  # "X Agency and Y": a name complete with its head word ends at "and"
        "place-noun-of",  # "the village of Aitaroun": a place noun, "of", a name
        "plural-names",  # "the two Scotts": the plural of people's shared name is no entity
        "common-surname",  # "Jofra Archer": a person-shaped name may end in an everyday word
        "more-short-forms",  # "Marcos" for "Ferdinand Marcos Jr.", "Quintero" for "Isabel Quintero Larraín"
        "ampersand-org",  # "Pratt & Whitney", "Marks & Spencer": capitalised words joined by "&" name a firm
        "company-games",  # "Epic Games" is a company; "Commonwealth Games" an event
        "either-noun",  # "the broadcaster RUV": a noun for a person or a firm types a one-word name as ORG
        "sold-as",  # "sold as Victoza and Saxenda", "the drug Ozempic": brand names of medicines
        "place-not-org",  # "homes across Renfrewshire" is not the short form of "Renfrewshire Council"
        "place-context",  # "the northern tip of Luzon", "in nearby Totterdown": the words around a place
        "place-lists",  # a name with no evidence listed with a place typed by context is a place too
        "copula-head",  # "Safaricom is not just a phone company": the noun after "is a" types the name
        "post-nominals",  # "Euan MacLeod KC", "Sheffield MP": letters after a name are not part of it
        "facility-noun",  # "Svartsengi power station": a facility named by two lowercase words after it
        "complete-and",  # "University of Oxford and RAND Europe", "Cebu Pacific and Philippine Airlines": two names
        "maker-product",  # "Apple Music", "Honda Odyssey": a known company and a plain word name a product
        "surname-shapes",  # "Jamison Gibson-Park", "Pato O'Ward": double-barrelled and prefixed surnames
        "venue-in-place",  # "the Barbican in London": an unknown "the X" located in a known place is a venue
        "headline-verbs",  # a Title Case headline's name with an everyday word in it needs the text to confirm it
        "german-demonym-forms",  # "Niederländerin", "Amerikaner", "Kenianerin": women's forms and "-aner" demonyms
        "german-demonyms",  # "die Schweizer", "zwei Norweger": German nouns for a country's people are NORP
        "german-genitive",  # "Österreichs", "Deutschlands": a known name with the German genitive s is that name
        "german-bodies",  # "Bundeskartellamt", "Monopolkommission": a rare compound ending in an institution's noun
        "country-adjective",  # "Icelandic", "Philippine", "Korean": adjectives of countries the demonym list lacks
        "work-context",  # "Salt Roads, a folk album", "games including X", "PS5 consoles": works and products
        "head-of",  # "Friends of Feeder Road" is a group, not a road: in "X of Y" the head is X
        "whole-name",  # "Lion Air, the ..." at a sentence start stays whole when the text names it so elsewhere
        "german-places",  # "zwischen Bremen und Osnabrück", "Leipzigs": a known place that is also a German noun
        "maker-possessive",  # "Anthropic's Claude", "Disney's Sleeping Beauty": a known firm's thing is a product
        "city-state",  # "Liberty, North Carolina", "Black River Falls, Wisconsin": a place, then its state
        "place-lists-of",  # "the northern districts of X and Y": a plural place noun, "of", names
        "place-near",  # "the danger mark at X near Jorhat": a name at a spot near a known place
        "place-team",  # "San Antonio Spurs": a two-word city and one more word is a club, not a person
        "german-noun-prefix",  # "DWD-Meteorologe Adrian Leyser": a compound noun before a name is no part of it
        "german-kind-nouns",  # "der Discounter Penny", "den Inseln Föhr": a German noun of a kind types the name
        "german-lists",  # "mit Bosch, Infineon und NXP": lone unknown German words listed with a sure name
        "portfolio-title",  # "Health Minister X", "Cabinet Secretary X": a head word before a title is its portfolio
        "place-appositive",  # "the Thekla, a nightclub on a boat", "Kolvatn, a lake": facility and nature nouns
        "month-names",  # "Health Minister Jan Christian Vestre": after a title a month's name can be a given name
        "credit-line",  # "(Reporting by Jane Roe in Oslo; Editing by John Doe)": a wire credit names people
        "german-role-in",  # "Winzerin Sonja Thielen": a feminine role noun ("-in" after an agent noun) starts no name
        "german-place-prepositions",  # "in Graach", "an der Ahr", "im Harz": a rare lone word after a place preposition
        "german-institution-names",  # "Flughafen Hamburg", "Hochschule Geisenheim": an institution's noun, then a name
        "compound-acronyms",  # "DWI": Deutsches Wein-Institut; a compound's head noun gives the acronym a letter
        "firm-possessions",  # "Avio's chief executive", "Nightjar's shareholders": what only a firm or body has
        "german-name-adjectives",  # "die Deutsche Bahn", "der Sächsische Landtag": a capitalised adjective opens a name
        "german-facility-compounds",  # "Georgenstraße", "Bode-Museum": a name and a facility's noun in one word
        "german-rare-nouns",  # "Schmand", "Oszilloskop": Wiktionary's rarer common nouns start no name either
        "german-regions",  # "Eifel", "Hunsrück", "Neckar": rivers, lakes, mountains, landscapes are LOC (German mode)
        "german-weak-demonyms",  # "der Tscheche", "zwei Schweden", "die Russen": a country's stem and "-e", "-en" is NORP
        "german-noun-suffixes",  # "Zugänglichmachung", "Unbedenklichkeit": an unknown word with a noun-only suffix
        "german-adjective-context",  # "die Deutsche Bahn", not "Magnetismus Magnetische Feldstärke": a name's adjective
        "german-curated",  # "Zweiten Weltkrieg", "Mittelmeer": a curated German name is no common noun
        "list-items",  # "07. Bruce Dickinson", "Steven Tyler" alone on a line: a list's item, not a headline
        "known-after-and",  # "Google Safe Browsing and Google Drive": "and" before a known firm joins two names
        "code-identifiers",  # "SafeBrowsingProtectionLevel", "getElementById": program code, not names
        "initial-first",  # "Foto: M. Rädel", "J. Smith": an initial and an uncommon word name a person
        "nature-heads",  # "River Thames", "Western Isles", "the Mekong basin", "Torre, the highest peak": nature words
        "along-the",  # "along the Mekong", "across the Sahel": an unknown name after "along the" is a natural place
        "city-team",  # "Dallas Cowboys", "Chicago Bulls": a known city and a plural word name a club, not a person
        "possessive-appositive",  # "Loganair, Scotland's largest regional airline": the head after "X's" types it
        "ship-names",  # "the tanker Eagle S", "the cargo ship Vega Star": a ship is a PRODUCT
        "person-of-org",  # "Stoffel Vandoorne of Maserati": an unknown name after a person's name and "of"
        "world-features",  # lexicon.WORLD_FEATURES: "Mekong", "Pyrenees", "Algarve": rivers, ranges, regions
        "road-names",  # "the A15 motorway", "the Ashford bypass": a road's name or number before a road noun
        "hometown-from",  # "a fisherman from Killyvane", "a worker from nearby Monessen": a place people come from
        "place-in-country",  # "between Anttila in Finland and ...": an unknown word placed in a country is a town
        "world-events",  # lexicon.WORLD_EVENTS: "Six Nations", "Eurovision", "Paris-Roubaix": events with no head word
        "event-names",  # "Champions League", "Monaco E-Prix", "COP28": competitions and summits by their shape
        "world-venues",  # lexicon.WORLD_VENUES: "Anfield", "Schiphol", "Silverstone": venues with no head word
        "listed-companies",  # data/companies.json: "Coinbase", "Bankinter", "Adyen": listed firms (pytickersymbols)
        "double-particles",  # "Ursula von der Leyen", "Rafael van der Vaart": two name particles inside a name
        # seventh round, real pages (English): how web pages write words that are no names
        "letter-words",  # "B-spline", "X-ray", "T-shirt", "3D-printing": a capital letter, a hyphen, a lowercase word
        "shouted-words",  # "READ MORE", "RIGHT NOW", "YOU": everyday words in capitals in a mixed-case line
        "plain-phrases",  # "Annual Subscription", "Line Height": everyday words alone make only a weak name
        "glued-names",  # "Frenchman Julien Baudry", "Princeton University Garry Kasparov": two names in one run
        "portfolio-of",  # "Minister of Education Kay Roe": a portfolio after "of" is no part of the person's name
        "citation-authors",  # "Tian W, Ortonne N, Lewis AB.": a reference list's authors are people, not models
        "business-heads",  # "Kimbo Cafe", "Harbour Lights Inn": shops', restaurants' and lodgings' head words
        "everyday-capitals",  # "the Internet", "via Email", "degrees Celsius": capitalised nouns that name nothing
        "job-titles",  # "Senior Editor Jane Roe", "Sports Business Analyst": job nouns are titles, not names
        # eighth round (English): technical pages, places and facilities named by the word after them
        "tech-terms",  # lexicon.TECH_TERMS: "an HTTP request", "over TCP", "HD media": a technical page's words
        "defined-terms",  # "filtered b-spline (FBS) algorithms": an acronym spelt by lowercase words is a term
        "kind-after-names",  # "the Toquepala and Cuajone mines", "the Kalobeyei settlement": the noun after names
        "county-prefix",  # "County Kildare", "County Tyrone": an Irish or British county is a place, not a body
        "compass-tails",  # "Blackpool South", "Jurong East": a known place and a compass word is a place's part
        "furniture-once",  # "Shot Speed" in ten rows of a settings table: page furniture counts once, however often
        # eighth round (English), second half: weak evidence the first half left
        "language-codes",  # "Forum thread (EN)", "Deutsch (DE)": a menu's language code in brackets is no name
        "defined-techniques",  # "Heat Assisted Magnetic Recording (HAMR)": a Title Case technique and its acronym
        "venue-centres",  # "Montego Bay Convention Centre", "Westfield Shopping Centre": a centre for events is a FAC
        "motion-places",  # "reached Guiuan", "fled to Kharkiv": a word a journey goes to or from is a place
        "holiday-names",  # lexicon.HOLIDAYS: "this Halloween", "during Hanukkah": days of the year, as "Christmas"
        # ninth round (English): the unknown-name default on text that is no running prose
        "shouted-everyday",  # "ETYMOLOGY:", "INGREDIENTS", "A SIMPLE GUIDE:": everyday words in capitals are labels
        "and-the-names",  # "St. Vincent and the Grenadines": a known name may hold "and the" (English mode)
        "place-connectors",  # "Frankfurt am Main", "Newcastle upon Tyne": a known place may hold "am", "upon"
        "known-before-of",  # "The New York Times of Malcolm Forbes' day": a curated name is whole before "of"
        "national-branch",  # "Greenpeace Schweiz", "Microsoft India": a known body and a country are its branch
        # tenth round (English): real pages nobody tuned on
        "known-and-names",  # "Antigua and Barbuda on June 2": a known name holding "and" stays whole in a longer run
        "known-connector-names",  # "and Save the Children blocked": likewise a known name holding "the", "of"
        "shouted-dates",  # "FRIDAY APRIL 17", "THURSDAY APRIL 2": days and months in capitals are a date, no name
        "role-credits",  # "– Kyle Roe, Writer", "- Jo Doe, Director of Engineering": a person credited with a role
        "site-title",  # "... | Tone Deaf", "... - Luxurious Magazine": a page title's last part names the site
        "lone-legal-forms",  # "Velmora Global, Inc.", "Amazon.com Inc.": "Inc" alone is no firm's name
        "quoted-nicknames",  # "Renaldo “Peewee” Gilkes": a quoted nickname inside a person's name is left out of it
        "joined-spelling",  # "Tik Tok", "You Tube", "Pay Pal": a known firm or product's name written in two words
        "place-acronyms",  # "USVI" after "U.S. Virgin Islands": an acronym of a place's name in the text is that place
        "furniture-default",  # "Palette Demokites", "Multi Use Games Areas" once in a list or table: no guess there
        "defined-whole",  # "Homeland Security Investigations (HSI) agents": the acronym vouches for the first word
        "title-connectors",  # "Minister on Stage" (a show): after a title, "on", "and", "the" start no person's name
        "everyday-compounds",  # "Low-level", "Built-in", "Dairy-free": two everyday words joined start no name
        "degree-units",  # "1.5°C", "2.4°C.": the letter after a degree sign is a unit
        "software-names",  # lexicon.SOFTWARE_NAMES: "Debian", "Emacs", "Unix", "MATLAB" are products
        "currency-names",  # lexicon.CURRENCY_NAMES: "paid in Bitcoin", "39,95 Euro": a currency alone is no entity
        "list-people",  # "73. Pepper Keenan" among "01. Robert Plant", "02. Rob Halford": a list of people's items
        "camel-brands",  # "told TechCrunch": one word with a capital inside is a brand, not a person (not "McCann")
        "the-places",  # "The Netherlands" mid-sentence names "Netherlands": a capital "The" is no part of a country's name
        "adjective-names",  # "Euclidean distance", "a Biblical character", "Kafkaesque": adjectives made of names
        "country-codes",  # "Lea Bachmann (SUI)", "Marcus Hill (USA) 9.89": a country's code in brackets after a name
        "small-towns",  # data/small_towns.json: "Filey", "Frutigen", "Guiuan": towns of 1,000 to 15,000, in context
        "common-word-cities",  # lexicon.COMMON_WORD_CITIES: "Boston", "Leeds", "Cork": cities the gazetteer lost to a word
        "citation-et-al",  # "13. Ortonne N et al. Histopathology of ...": a cited first author is a person
        "given-initial",  # "—Saori K.", "Milo H", "Marcel K.": a given name and a lone capital are a person, not a "Model S"
        "code-shapes",  # "https://x.org/LocateFiles", "export CDPATH=", "$HOME", "\\nHost", "C-c C-f": code, addresses
        # Seventh round, real German pages (German mode only):
        "german-office-places",  # "Amtsgericht Kiel", "Bezirksamt Berlin-Mitte", "Kreis Kleve": an office, a place
        "german-agency-credits",  # "(dpa)", "Foto: epd", "Material von dts": news agencies credited in lower case
        "german-world-regions",  # lexicon.GERMAN_WORLD_REGIONS: "Europa", "Südostasien", "Osteuropa" are LOC
        "german-article-connectors",  # "AStA der Universität Hamburg" is two names; "von" only in a person's name
        "german-compound-nouns",  # "Leasingperiode", "Erlösobergrenzen": a lone unknown word ending in a noun is one
        "german-fuer-names",  # "Bundesamt für Logistik und Mobilität": a body's noun, "für" and its field
        "german-venue-heads",  # "Lanxess Arena", "SAP Arena", "IGA Park": a name and an English-style venue noun
        "german-known-firms",  # "auf Twitter", "bei Facebook": curated firms the German noun list also has
        "german-parties",  # "die Grünen", "der Linken", "Grünen-Chef": parties named by a capitalised adjective
        # eighth round (German)
        "german-listed-companies",  # data/companies.json in German too: "Lufthansa", "Thyssenkrupp" (not "Allianz")
        "german-name-compounds",  # "Lufthansa-Tochter", "UN-Behörden", "SPD-Chef": a name starting a compound noun
        "german-federal-bodies",  # "Bundeswehr", "Bundesrat", "Bundesverkehrsministeriums", "Nationalrat": one body each
        "german-club-nicknames",  # "Eisbären Berlin", "Kölner Haie", "Straubing Tigers": a team's animal and its city
        "german-region-prefixes",  # "Norddeutschlands", "Oberfranken", "Vorpommern": a part of a known place or region
        "german-place-kind-compounds",  # "Römerstadt Trier", "Wahlheimat Schweiz": a kind of place, then the place
        # eighth round (German), second half
        "german-cantons",  # "Kanton Bern", "des Kantons Genf", "Waadt": a Swiss canton, GPE
        "road-numbers",  # "on the A361", "auf der A7": a road's number after a preposition and an article is FAC
        "german-club-names",  # "Eintracht Frankfurt", "FC Bayern München", "Hertha BSC": a club's word and its town
        "german-club-towns",  # "THW Kiel ... Kiel kam heran": in a German report the town names the club named in full
        "german-city-landmarks",  # "Essener Dom", "Berliner Rathaus": a town's adjective and its landmark, FAC
        "german-toponyms",  # "Kaub", "Sylt", "Spree", "Allgäu": Wiktionary's place names (data/german_toponyms.json)
        "german-former-states",  # "DDR", "UdSSR": a state that no longer exists, GPE
        "german-language-levels",  # "Niveau B2", "A1 bis C1": a language level, no name
        "german-institution-compounds",  # "Porzellanfabrik Weimar", "Bunkermuseum Emden": a business or a building
        "german-academic-fields",  # "Praktische Theologie", "Angewandte Informatik": a subject, no body
        # ninth round (German), real pages: the unknown-capitalised default in a language that capitalises nouns
        "german-hyphen-capitals",  # "Futures-Börse", "Text-Widget": a capital after a hyphen is no brand's inner capital
        "german-hyphen-nouns",  # "Offshore-Windenergie", "IP-Adresse": a hyphenated word ending in a common noun is one
        "german-english-phrases",  # "Open Interest", "Hate Speech": English everyday words in German text are a term
        "german-shouted-words",  # "Jada UND auch", "WARUM": German function words in capitals are emphasis
        "german-english-openers",  # "Will Smith": an English function word that is a given name opens a German name
        "german-legal-forms",  # "AWO Bundesverband e.V.", "Eintracht Frankfurt Fußball AG": the words before a legal form
        "german-common-acronyms",  # "§ 5 TMG", "per IBAN", "KI": a law's code or an everyday abbreviation is no name
        "german-noun-phrases",  # "Gereifter Fahrspaß" opening a sentence: unknown capitals ending in a noun are no name
        "german-acronym-nouns",  # "HR Vorstandspositionen", "FP Zündanlage": an unknown compound noun after an acronym
        "german-repeated-nouns",  # "Ticketpreisen" six times: a lone word ending in an inflected noun, however often
        "german-place-kind-lists",  # "die Ortsteile Eichholz, Hagedorn und Vinsebeck": places listed after a kind
        "german-bracketed-ages",  # "Jaden (20) und Willow (18)": a name and an age in brackets is a person
        "german-copyright-holders",  # "© Cover Media", "(c) proplanta": who holds the copyright is named after the sign
        "german-currency-compounds",  # "US-Dollar", "Singapur-Dollar": a currency names no country
        "german-fuer-adjectives",  # "des Deutschen Instituts für Wirtschaftsforschung": the adjective opens the body's name
        # tenth round (German)
        "german-role-titles",  # "Verwaltungsmann Carsten Roe", "Landrätin Anna Roe", "Bundesrat Roe": a role before a person
        "german-shouted-nouns",  # "ACHTUNG!", "TIPP:", "KOMMENTARE" alone on a line: a common noun in capitals as a label
        "german-genitive-places",  # "die größte Angelshow Deutschlands": a noun before a place's genitive is no name
        "german-genitive-owners",  # "Luthers Sommersalat", "Mannings Rechtsbeistand": a name's genitive, then a noun
        "german-given-name-nouns",  # "Anna Bauer", "Hans Fischer": a given name and a surname, both also common nouns
        # eleventh round (fifth session)
        "everyday-last-word",  # "Rand Water", "Sydney Swans": a given name, then an everyday word that is no surname
        "shared-surname-first",  # "Mensah" after "Kofi Ansah Mensah" and "his son Yaw Ansah Mensah" is the first named
        "party-groups",  # "CSU-Fraktion", "FPÖ-Fraktion": a known party's group in a council names the party
        "german-major-places",  # "ob Paris zustimmt", "China lehnte ab": a major place the German noun lists also hold
        "german-between-places",  # "zwischen Wörgl und dem Brenner": a rare word after "zwischen" is a place, like "in"
        "german-spa-towns",  # "in Bad Ischl", "aus Bad Goisern": "Bad" and a name is a town, not the noun "Bad"
        "month-given-names",  # "Jan Wöhlken", "April Ryan": a month that is a given name, before a surname, opens a name
        "more-connector-heads",  # "National Endowment for the Arts", "Lawyers for Human Rights": heads that keep "for"
        "german-noun-led-places",  # "in Los Angeles", "El Salvador", "Fort Worth": a known place opening with a noun
        "known-numbers",  # "Channel 4", "France 24": a number that is part of a known name
        "version-counts",  # "31 Punkte", "20 of the 50 seats", "14.12 (96)": a number that counts or scores is no version
        # twelfth round (sixth session)
        "german-street-names",  # "Hafenstraße", "Südfriedhof", "Terrassenufer": a street or landmark no noun list has
        "german-place-bodies",  # "Theater Greifswald", "Verbraucherzentrale Hessen": a body named by its place
        "german-genitive-bodies",  # "Österreichische Akademie der Wissenschaften", "Akademie der Künste": one body
        "german-named-bodies",  # "Ludwig Boltzmann Institut", "Hanns Seidel Stiftung": a person's name, then a body's noun
        "maker-services",  # "Google Maps", "Microsoft Teams", "Apple Pay": a known firm's service, PRODUCT
        "sport-roles",  # "Zuspieler Jonas Albrecht", "Substitute Tomás Agüero", "RHP George Kirby": a position, a player
        "model-variants",  # "ATR 72-600", "Boeing 737 MAX 8": a model's variant number and an aircraft's "MAX"
        "and-acronyms",  # "DBS Bank and OCBC", "Dunmore Agency and Velora": "and" after a headed name or by an acronym
        "world-companies",  # lexicon.WORLD_COMPANIES: "Maersk", "Icelandair", "Met Office", "Statistics Canada"
        "romance-heads",  # "Rua de São Miguel", "Place Soweto", "Museu do Fado": a Romance head opens a place's name
        "language-names",  # "in Urdu, Dari and Tagalog": a language alone is not annotated (bench/gold/quality.md)
        "german-landscapes",  # "Lüneburger Heide", "Bergisches Land", "Fränkische Schweiz": a place's adjective, a landscape
    }
)
TENTH_ROUND_PAIR_RULES = frozenset({"german-role-titles", "german-genitive-places", "german-genitive-owners"})
VERSION = re.compile(r"^\d{1,4}(?:\.\d{1,2})?$")  # "15", "2400", "6.1"
# A model and its variant, in hundreds (rule model-variants): "ATR 72-600", "Dash 8-300", "737-800"; not a score
MODEL_VARIANT = re.compile(r"^\d{1,4}-[1-9]0{2,3}(?:[A-Z]{1,2})?$")
# The same inside a word: "A350-1000", "737-800", "777-300ER", "72-600," (its punctuation split off)
MODEL_CHUNK = re.compile(r"^((?:[A-Z]{1,3})?\d{1,4}-[1-9]0{2,3}(?:[A-Z]{1,2})?)(?=[^\w-]*$)")
MODEL_TAILS = frozenset({"MAX", "NEO", "XWB"})
YEAR = re.compile(r"^(?:19|20)\d\d$")
CLIMATE_SUMMIT = re.compile(r"^COP\d{1,2}$")
CAMEL_CASE = re.compile(r"^[a-z]{1,2}[A-Z][a-z]{2,}")  # "iPhone", "eBay", "iPad"; not "kWh", "mRNA"
NOT_AFTER_VERSION = frozenset("- – — % : /".split()) | {"percent", "per", "million", "billion", "to"}
GERMAN_COMPOUND_HEADS = tuple(sorted(lexicon.GERMAN_ROLE_HEADS + lexicon.GERMAN_ORG_HEADS, key=len, reverse=True))
# Four humps and more ("SafeBrowsingProtectionLevel"), or lower camel case with two ("getElementById"): brands
# have at most three ("PricewaterhouseCoopers", "GeeXLab" hump once more only with a lone capital).
INITIAL = re.compile(r"^[A-Z]\.$")
CODE_ERROR = re.compile(r"^[A-Z][A-Za-z0-9]+(?:Error|Exception|Warning)$")  # "KeyError", "IOException"
CODE_ERROR_ENDINGS = ("Error", "Exception", "Warning")
TOKEN_TEXT = attrgetter("text")
CODE_IDENTIFIER = re.compile(r"^(?:[A-Z][a-z0-9]+){4,}$|^[a-z]+(?:[A-Z][a-z0-9]+){2,}$")
LETTER_WORD = re.compile(r"^[A-Z]-[a-z]+(?:-[a-z]+)*$")  # "B-spline", "X-ray", "T-shirt"; not "E-Prix", "K-9"
# A reference list's authors, surname and initials without full stops (Vancouver style): "Tian W, Ortonne N,".
CITED_AUTHOR = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)? [A-Z]{1,3}[,.]")
SHOUTED = re.compile(r"[A-Z]{3}")  # a line that may hold a shouted word: "MORE", "RIGHT NOW"
CITED_NAME = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)? [A-Z]{1,3}$")
# "Rav4", "RAV4", "F150", "3GS", "A350-1000" (a variant: MODEL_CHUNK keeps it one token)
MODEL_NUMBER = re.compile(r"^(?=[A-Za-z]*\d)[A-Za-z]+\d[\w]*(?:-[1-9]0{2,3}[A-Z]{0,2})?$|^\d+[A-Za-z]+$")

# A token's first letter is read once for both of the letter alternatives, and a space is passed over by one test
# instead of four: 20% less time in the regex, the same tokens.
TOKEN = re.compile(
    r"(?=\S)(?:[^\W\d_](?:"  # a letter, then
    r"\.(?:[^\W\d_]\.)+(?:-[^\W\d_]+)*"  # the rest of an abbreviation: U.S., U.S.S.R., U.S.-based
    r"|[\w&]*(?:['’\-][^\W\d_][\w&]*)*)"  # or of a word, with inner apostrophes, hyphens and &
    r"|\d+(?:[.,]\d+)*"  # numbers
    r"|[^\w\s])"  # punctuation, one character at a time
)
SENTENCE_END = frozenset(".!?:;…")
BULLETS = frozenset("-–—•*·▪►")
LIST_ITEM_MARKS = BULLETS | {".", ")"}
OPENING_QUOTES = frozenset("“‘«")
STRAIGHT_QUOTES = frozenset("\"'")
DOUBLE_PARTICLES = frozenset(
    {("von", "der"), ("van", "der"), ("van", "den"), ("van", "de"), ("de", "la"), ("de", "los"), ("de", "las")}
)  # "Ursula von der Leyen", "Rafael van der Vaart", "Luis de la Fuente"
ROAD_WORDS = frozenset({"Route", "Highway", "Interstate", "Road", "Motorway", "Autobahn", "Freeway"})
BRACKETED_CODE = re.compile(r"\(([A-Z]{3})\)")  # "Lea Bachmann (SUI)"
TRANSPARENT = frozenset("[]")  # editorial brackets: "[Supreme Leader Ali] Khamenei" is one name
LIST_JOINERS = frozenset({",", "and", "or", "&"})
DATELINE_TAIL = re.compile(r"^(?:,[A-Z][\w.]*)*(?:\([^)]*\))?[—–-]")
AGE = re.compile(r"^\d{1,3}$")
ROMAN_NUMERAL = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)$")
ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Prof St Ste Gen Sen Rep Gov Lt Col Capt Sgt Cmdr Adm Maj Rev Inc Corp Ltd Co Jr Sr Mt Ft No vs etc".split()
)
NUMBER_HEADS = frozenset({"Interstate", "Highway", "Route", "Apollo"})
# German connectors inside a body's name ("Bundesamt für Logistik und Mobilität"): runs take them only with the
# german-fuer-names rule, and _keeps_connector keeps them only after a body's noun.
GERMAN_NAME_CONNECTORS = frozenset({"für", "und"})
# Lowercase words inside a place's name: "Frankfurt am Main", "Freiburg im Breisgau", "Rothenburg ob der Tauber".
PLACE_CONNECTORS = frozenset({"am", "an", "im", "in", "ob", "der", "bei", "upon", "on", "sur", "en"}) | frozenset(
    "es el al da do dos das del della di le les sous aan den op ter".split()  # "Dar es Salaam", "Rio Grande do Sul"
)
# A road's number after a preposition and an article: "on the M4", "along the A361", "auf der A7", "über die B96";
# rule `road-numbers`. (Not "the A380" alone: an aircraft.)
ROAD_NUMBER = re.compile(r"^(?:[ABM]\d{1,4}|I-\d{1,3})$")
ROAD_ARTICLES = frozenset({"the", "der", "die", "den"})
ROAD_PREPOSITIONS = frozenset("on onto along off via from to near at auf über an von bis entlang zwischen nahe".split())
# The landmarks German names by their town's adjective ("Kölner Dom", "Hamburger Hauptbahnhof"); rule
# `german-city-landmarks`. Not "Hafen" or "Messe" (a firm as often), nor "Zoo" (a club's, "Zoo Leipzig").
GERMAN_LANDMARK_NOUNS = frozenset(
    "Dom Münster Rathaus Hauptbahnhof Bahnhof Flughafen Schloss Stadtschloss Fernsehturm Hauptfriedhof Stadtpark "
    "Staatsoper Philharmonie Konzerthaus Schauspielhaus Kunsthalle Marktplatz Hafentor Stadttor".split()
)
# and inside a known body's: "Ärzte ohne Grenzen", "Brot für die Welt", "Friends of the Earth"
LOWERCASE_NAME_WORDS = PLACE_CONNECTORS | frozenset(
    {"ohne", "für", "die", "des", "und", "von", "vom", "zur", "zum", "of", "the", "for", "and", "de", "du", "la", "to"}
)  # "to": "Committee to Protect Journalists", a known name whole
CONNECTORS = frozenset({"of", "for", "on", "and", "&", "the"}) | lexicon.NAME_PARTICLES | GERMAN_NAME_CONNECTORS
HEADLINE_MINOR_WORDS = frozenset(
    "a an the and or but of in on at to for from by with as vs via into over per nor so yet is are".split()
)
POSSESSIVE_NAME_WORDS = frozenset("King Queen People Children Women Men Workers Veterans Citizens Mary".split())
ORDINALS = frozenset("First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth".split())
SEASONS = frozenset("Spring Summer Autumn Fall Winter".split())
# The ninth round's English rules that the tag loop reads line by line (looked up once per document).
NINTH_ROUND_LINE_RULES = frozenset(
    {"shouted-everyday", "code-shapes", "everyday-compounds", "degree-units", "furniture-default", "adjective-names"}
)
# Rule `code-shapes`: addresses and program code in a line, replaced by a lowercase word before the line is read
# for names (a blank would leave a table row of names Title Case). A web address
# ("https://www.emacswiki.org/emacs/LocateFilesAnywhere", "www.google.com"), a shell
# variable ("$CDPATH", "${HOME}"), a name assigned to ("export CDPATH=", "Host=") and an escape ("\\r\\nHost").
CODE_TRIGGER = re.compile(r"://|www\.|\$\{?[A-Za-z_]|(?<=\w)=|\\[nrt]")  # not "$4.3 million", "a = b"
CODE_SHAPE = re.compile(r"(?:https?://|ftp://|www\.)\S+|\$\{?[A-Za-z_]\w*|\b[A-Za-z_][\w.]*(?==)|\\[nrt]")
SHELL_VARIABLE = re.compile(r"\$\{?[A-Za-z_]")
CODE_VARIABLE = re.compile(r"\$\{?([A-Z][A-Z0-9_]+)\b|\b([A-Z][A-Z0-9_]+)=")  # "$CDPATH", "CDPATH=": capitals only
EVERYDAY_COMPOUND = re.compile(r"^[A-Z][a-z]+-[a-z]+$")  # "Low-level", "Built-in": rule `everyday-compounds`
# lines worth the token loops (a regex that opens with a lookbehind scans slowly: these open with a letter)
HYPHEN_SHAPES = re.compile(r"[A-Z][a-z]*-[a-z]|(?:Ctrl|Alt|Shift|Cmd|Meta|Super)-")  # "Low-level", "C-c", "Ctrl-C"
CAMEL_BRAND = re.compile(r"^(?!Mac|Van|Von|Fitz)[A-Z][a-z]{2,}[A-Z][a-z]+$")  # "TechCrunch", "YouTube"
LONG_CAPITALS = re.compile(r"[A-Z]{4,}")  # "ETYMOLOGY": a line worth shouted-everyday's look
ADJECTIVE_ENDING = re.compile(r"(?:ean|ical|esque|ian)$")  # rule `adjective-names`
# words after a surname ending in "-ian" that make it a person's: "Aronian said", "Petrosian, who"
NOT_NOUNS_AFTER_NAMES = frozenset(
    "said says told added was is has had who will would won lost scored wrote asked and or of in at on to for".split()
)
# "C-c C-f", "M-x", "Ctrl-C", "Alt-F4": keys pressed together, in a page about a program
KEY_CHORD = re.compile(r"^(?:[CMSH]-[a-z]|(?:Ctrl|Alt|Shift|Cmd|Meta|Super)-(?:[A-Za-z0-9]|F\d{1,2}))$")  # not "S-I"
# Not "Central": "Cardiff Central", "Glasgow Central" are mostly railway stations.
COMPASS_TAILS = frozenset("North South East West Northeast Northwest Southeast Southwest".split())
STOCK_INDICES = frozenset({"S&P", "FTSE", "Nikkei", "Stoxx", "DAX", "CAC", "Russell", "Sensex", "Nifty"})
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
ORG_PREFIXES = frozenset({"Team", "Club", "Grupo", "Groupe"})
# nouns for a person or a firm: "broadcaster", "producer", "investor", "partner", "rival"
EITHER_NOUNS = lexicon.PERSON_ROLE_NOUNS & lexicon.ORG_NOUNS | lexicon.PERSON_OR_FIRM_NOUNS
COPULAS = frozenset({"is", "was", "remains", "became"})
COPULA_ADVERBS = frozenset({"not", "just", "only", "also", "now", "still", "already", "no", "longer", "merely"})
MAX_HEADLINE_WORDS = 20
MAX_TITLE_WORDS = 8  # a quoted work's title: "The Woman in Me" has 4
TITLE_PUNCTUATION = frozenset(":-–&!?")
MAX_NAME_WORDS = 8  # "Institute of Arctic and Alpine Research" has 5; longer runs are lists or shouting
MAX_ACRONYM_LETTERS = 5
WORD_EVIDENCE_LIMIT = 200_000  # distinct words remembered between documents, to bound memory
# What an unknown plain name's guess nets in a line of page furniture (0.6 - 0.3 ORG, 0.4 - 0.2 PERSON).
FURNITURE_GUESS = {"ORG": 0.3, "PERSON": 0.2}
MIN_ENTITY_SCORE = 0.5  # an entity needs at least this much evidence for its best type
CONFIDENT_SCORE = 2.0  # an entity this sure lends its type to names listed with it
LIST_VOTE = 0.8  # enough to type a lone unknown word, not to overrule a multi-word name's evidence
# _mention's and _shape_evidence's default `head`: not asked yet, so _shape_evidence asks _head_type
HEAD_NOT_ASKED: tuple[str, float] = ("not asked", 0.0)


@dataclass(slots=True)
class Token:
    """One token of a line."""

    text: str  # possessive and hyphen suffix removed: "Iran's" -> "Iran", "Venezuela-style" -> "Venezuela"
    kind: str  # word | abbr | num | punct | skip (a full stop taken into an initial) | kept (German: a name _keep_german_names shields from the noun list)
    raw: str  # as written
    possessive: bool = False
    suffix: str = ""  # lowercase part after a hyphen: "style", "based"
    uncertain: bool = False  # its capital carries no information (sentence start, headline)
    headline: bool = False  # in a Title Case line, where every word is capitalised
    capitalised: bool = False  # starts a name: "Iran", "U.S.", "al-Burhan"

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(eq=False)
class Mention:
    """A name found in the text, with what the text says about its type."""

    tokens: list[Token]
    surface: str  # as it will be reported; "" once the mention is known not to be an entity
    uncertain: bool
    position: int  # index of the first token in its line
    end: int  # index after the last token
    scores: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    known: KnownName | None = None
    strong: bool = False  # evidence beyond capitals: the gazetteer, a title, a head word, a role
    plain: bool = False  # unknown everyday words only, and no evidence from their shape: "Annual Subscription"
    furniture: bool = False  # plain, and in a line that is no sentence of running text (a menu, a label, a heading)
    after_to_or_in: bool = False  # German: right after "in", "im" or "nach" ("nach Berlin"), which name a place
    # a sentence-initial name starting with an everyday word: what it is without that word, should the text
    # never name it whole mid-sentence ("Lion Air, the ..." is whole if "Lion Air" is seen elsewhere)
    without_first: list[Mention] | None = None
    words: list[str] = field(init=False)  # the name's words without connectors

    def __post_init__(self) -> None:
        self.words = [t.text for t in self.tokens if t.text not in CONNECTORS]


@dataclass(eq=False)
class Entity:
    """Mentions that name one thing, and the type the document settles on for it."""

    key: str
    mentions: list[Mention]
    scores: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def best_type(self) -> str:
        # a loop rather than max() with a key function: asked for every entity several times over
        scores = self.scores
        best_kind, best_score = ENTITY_TYPES[0], scores.get(ENTITY_TYPES[0], 0.0)
        for kind in ENTITY_TYPES[1:]:
            score = scores.get(kind, 0.0)
            if score > best_score:  # ties go to the earlier type
                best_kind, best_score = kind, score
        return best_kind

    @property
    def best_score(self) -> float:
        return max(self.scores.values(), default=0.0)

    @property
    def name(self) -> str:
        """The fullest surface form: most words, then most characters; "Ali Khamenei" over "Khamenei"."""
        # each distinct form once: a name mentioned 30 times is mostly one or two forms
        return max({m.surface for m in self.mentions}, key=lambda s: (len(s.split()), len(s), s))

    def add_scores(self, scores: dict[str, float]) -> None:
        for kind, score in scores.items():
            self.scores[kind] += score


class BuiltinTagger:
    """Dictionary and rule based tagger for English, and German with its common nouns set aside; no model."""

    backend = BACKEND_NAME
    languages = frozenset({"en", "de"})

    def __init__(self, gazetteer: Gazetteer | None = None, disabled_rules: frozenset[str] = frozenset()) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        set_aside = {FEATURE_SOURCE, SKY_SOURCE} if "world-features" in disabled_rules else set()
        if "world-events" in disabled_rules:
            set_aside.add(EVENT_SOURCE)
        if "listed-companies" in disabled_rules:
            set_aside.add(COMPANY_SOURCE)
        if "world-venues" in disabled_rules:
            set_aside.add(VENUE_SOURCE)
        if "world-companies" in disabled_rules:
            set_aside.add(WORLD_COMPANY_SOURCE)
        if set_aside:
            self.gazetteer = _without_sources(self.gazetteer, set_aside)
        if gazetteer is None and "common-word-cities" not in disabled_rules:  # the English gazetteer only
            self.gazetteer = _with_common_word_cities(self.gazetteer)
        unknown = disabled_rules - RULES
        if unknown:
            raise ValueError(f"unknown tagger rules: {sorted(unknown)}; known: {sorted(RULES)}")
        self.rules = RULES - disabled_rules
        # words _lower_terms takes for no names: a technical page's (`tech-terms`), holidays (`holiday-names`)
        self._term_words = (lexicon.TECH_TERMS | lexicon.DATA_UNITS if "tech-terms" in self.rules else frozenset()) | (
            lexicon.HOLIDAYS if "holiday-names" in self.rules else frozenset()
        )
        self.disabled_rules = disabled_rules
        # towns of 1,000 to 15,000 (`small-towns`): evidence for a whole name only, never a known name that
        # splits a longer one ("Hassan Nasrallah") or outweighs what the words around it say ("Avio's chief")
        self._towns = load_small_towns() if "small-towns" in self.rules else {}  # a dict made once per tagger
        self._german: BuiltinTagger | None = None  # the same rules over the gazetteer with German names
        # whether this is that German tagger; a plain attribute, not a property: the rules ask it for almost every word
        self._is_german = False
        self._countries: dict[str, str] | None = None  # built on first use by _country_prefixes
        self._openers: frozenset[str] | None = None  # built on first use by _particle_openers
        self._heads: frozenset[str] | None = None  # built on first use by _connector_heads
        self._demonym_answers: dict[str, bool] = {}  # _german_demonym's answers, by word
        self._article_nouns: frozenset[str] | None = None  # German: words the text being tagged puts after an article
        self._brands: frozenset[str] | None = None  # German: known firms the noun list also has
        self._place_nouns: frozenset[str] | None = None  # German: major places the noun list also has
        self._noun_led: dict[str, tuple[int, ...]] | None = None  # German: known places opening with a noun
        self._article_names_parties: bool | None = None  # German: whether the text names a party by its acronym
        self._article_lines: list[list[Token]] = []  # the lines they are read from, on first use
        self._article_acronyms: frozenset[str] | None = None  # German: acronyms standing alone, on first use
        self._article_level_set: frozenset[str] | None = None  # German: language levels written, on first use
        self._role_title_tokens: set[int] = set()  # German: ids of the role nouns _cut_role_titles cut, per text
        self._results_codes: frozenset[str] | set[str] = frozenset()  # country codes bracketed in the text, per text
        # What a lone word's spelling says (gazetteer, shape) depends on nothing else: worked out once per word.
        self._word_evidence: dict[
            tuple[str, str, bool, bool], tuple[KnownName | None, dict[str, float], bool, str]
        ] = {}

    @property
    def _particle_openers(self) -> frozenset[str]:
        """Given names and place heads that a name with two particles starts with: "Ursula von der Leyen",
        "Col de la Croix", "Puerto de la Cruz"."""
        if self._openers is None:
            self._openers = self.gazetteer.given_names | frozenset(lexicon.PREFIX_TYPES) | {"Col"}
        return self._openers

    def supports(self, language: str | None) -> bool:
        """English, German, and text whose language is unknown (tagged as English)."""
        return language is None or language in self.languages

    def tag(self, text: str, title: str | None = None, language: str | None = None) -> list[EntityCount]:
        """Distinct entities in the title and text, most mentioned first.

        language "de" reads capitalised common nouns ("Woche", "Menschen") as ordinary words; any other value
        gets the English rules (the caller decides which languages to tag: see `supports`).
        """
        if language == "de" and not self._is_german:
            return self._german_tagger().tag(text, title, language)
        mentions: list[Mention] = []
        pairs: list[tuple[Mention, Mention]] = []
        shared_tokens: dict[str, Token] = {}
        # results list more than one country's code ("Hill (USA) 9.89", "Whyte (JAM)"); a lone one is more often
        # an acronym or an airport ("Innerschweizer Schwingerverband (ISV)", "Bengaluru (BLR)")
        codes = load_country_codes() if "country-codes" in self.rules and "(" in text else {}
        bracketed = {code for code in BRACKETED_CODE.findall(text) if code in codes}
        self._results_codes = bracketed if len(bracketed) > 1 else frozenset()
        german_nouns = load_german_common_nouns() if language == "de" else None
        joiners = (
            GERMAN_LIST_JOINERS | LIST_JOINERS
            if german_nouns is not None and "german-lists" in self.rules
            else LIST_JOINERS
        )
        lines = [(line, tokenize(line, shared_tokens), is_title) for line, is_title in _lines(title, text)]
        if "code-shapes" in self.rules and not self._is_german and _may_hold_code(text):
            lines = _without_code(lines, shared_tokens)
        list_people = "list-people" in self.rules and german_nouns is None
        english_rules = frozenset() if german_nouns is not None else self.rules & NINTH_ROUND_LINE_RULES
        guess_rules = english_rules & {"furniture-default", "adjective-names"}
        item_lines: list[list[Token]] = []  # list items' lines, for list-people
        defined_terms = (
            _defined_terms(lines) if "defined-terms" in self.rules and "(" in text and german_nouns is None else None
        )
        technique_names: frozenset[tuple[str, ...]] = frozenset()
        if "defined-techniques" in self.rules and "(" in text and german_nouns is None:
            technique_acronyms, technique_names = self._defined_techniques(lines)
            if technique_acronyms:
                defined_terms = (defined_terms or frozenset()) | technique_acronyms
        if german_nouns is not None:
            self._article_nouns, self._article_lines = None, [tokens for _, tokens, _ in lines]
            self._article_acronyms = None
            self._article_level_set = None
            self._role_title_tokens = set()
            self._article_names_parties = None
            lowered_nouns = load_german_nouns_with_rare() if "german-rare-nouns" in self.rules else german_nouns
        copyright_holders: dict[int, str] | None = None
        # the ninth round's German line tests, once over the whole text: most articles hold none of these
        whole = text if title is None else title + "\n" + text
        legal_forms_written = (
            german_nouns is not None and "german-legal-forms" in self.rules and _may_hold_legal_form(whole)
        )
        copyright_written = (
            german_nouns is not None
            and "german-copyright-holders" in self.rules
            and ("©" in whole or "(c)" in whole or "(C)" in whole)
        )
        place_kinds_written = (
            german_nouns is not None and "german-place-kind-lists" in self.rules and _may_name_place_kinds(whole)
        )
        acronym_nouns = german_nouns is not None and "german-acronym-nouns" in self.rules
        shouted_stopwords = german_nouns is not None and "german-shouted-words" in self.rules
        shouted_nouns = german_nouns is not None and "german-shouted-nouns" in self.rules
        tenth_round_pairs = german_nouns is not None and not self.rules.isdisjoint(TENTH_ROUND_PAIR_RULES)
        # substring tests over the whole text once: a regex per line cost 1.5% of the German time
        levels_written = (  # German only: English text never asks
            german_nouns is not None
            and "german-language-levels" in self.rules
            and any(level in text for level in LANGUAGE_LEVELS)
        )
        # tenth round (English): the whole text once, most hold no "Inc", "Ltd", "LLC"
        legal_forms_english = (
            bool(english_rules) and "lone-legal-forms" in self.rules and _may_hold_english_legal_form(whole)
        )
        for line, tokens, is_title in lines:
            if "camel-case" not in self.rules:
                for token in tokens:
                    if token.capitalised and token.raw[0].islower():
                        token.capitalised = False
            if german_nouns is not None:
                compounds = "german-compounds" in self.rules
                if "german-parties" in self.rules and "-" in line:  # the line test spares a look at every word
                    _split_party_compounds(tokens)
                if "german-fuer-names" in self.rules and "für" in line:
                    _keep_fuer_names(tokens)
                if "german-genitive-bodies" in self.rules and (" der " in line or " des " in line):
                    _keep_genitive_body_names(tokens)
                if "german-name-compounds" in self.rules and "-" in line:
                    self._split_name_compounds(tokens, lowered_nouns)
                if copyright_written and ("©" in line or "(c)" in line or "(C)" in line):
                    copyright_holders = _copyright_holders(tokens, self.gazetteer.given_names)
                if legal_forms_written and _may_hold_legal_form(line) and LEGAL_FORM.search(line):
                    _keep_legal_form_names(tokens, lowered_nouns)
                self._keep_german_names(tokens)
                if "german-given-name-nouns" in self.rules:
                    _keep_given_and_noun_surname(tokens, lowered_nouns)
                if levels_written and any(level in line for level in LANGUAGE_LEVELS):
                    self._lower_language_levels(tokens)
                if "german-noun-prefix" in self.rules:
                    self._cut_compound_nouns(tokens, german_nouns)
                _lower_common_nouns(tokens, lowered_nouns, self.gazetteer.given_names, compounds)
                if tenth_round_pairs:  # the tenth round's rules look at two capitalised words in a row
                    capital_pairs = [
                        i for i in range(len(tokens) - 1) if tokens[i].capitalised and tokens[i + 1].capitalised
                    ]
                    if capital_pairs and "german-role-titles" in self.rules:
                        self._cut_role_titles(tokens, capital_pairs, german_nouns, lowered_nouns)
                    if capital_pairs and "german-genitive-places" in self.rules:
                        self._cut_before_genitive_places(tokens, capital_pairs)
                    if capital_pairs and "german-genitive-owners" in self.rules:
                        self._lower_nouns_after_genitives(tokens, capital_pairs, lowered_nouns)
                if "german-noun-suffixes" in self.rules:
                    self._lower_suffixed_nouns(tokens)
                if "german-compound-nouns" in self.rules:
                    self._lower_compound_nouns(tokens, german_nouns)
                if "german-hyphen-nouns" in self.rules and "-" in line:
                    self._lower_hyphen_nouns(tokens, lowered_nouns)
                if acronym_nouns and ACRONYM_THEN_WORD.search(line):
                    self._lower_nouns_after_acronyms(tokens, german_nouns)
                for token in tokens:
                    if token.kind == "kept":
                        token.kind = "word"
            credited = (
                _credited_names(tokens) if not is_title and "credit-line" in self.rules and " by " in line else None
            )
            role_credited = (
                self._role_credit(tokens)
                if english_rules
                and "role-credits" in self.rules
                and not is_title
                and "," in line
                and len(tokens) <= MAX_ROLE_CREDIT_TOKENS
                else None
            )
            if credited:
                pass  # "Editing by Kim Coghill": a credit line is not a Title Case headline
            elif _is_all_caps(tokens):  # "BREAKING: STOCKS FALL AS FED RAISES RATES"
                self._title_case(tokens)
                mark_headline(tokens)
            elif "list-items" in self.rules and not is_title and self._list_item(tokens):
                # a numbered or bulleted line, or a person's name alone: its capitals are a name's
                if list_people:
                    item_lines.append(tokens)
            elif is_headline(tokens, is_title):
                mark_headline(tokens)
            if not self._is_german:  # after the headline test: a Title Case line stays one with "X-ray", "VIDEO:"
                # one search for both hyphen rules: a key chord ("C-c") or an everyday compound ("Low-level")
                hyphen_shapes = bool(english_rules) and "-" in line and HYPHEN_SHAPES.search(line) is not None
                if hyphen_shapes and "code-shapes" in english_rules:
                    _lower_key_chords(tokens)  # before letter-words, which keeps "C-c" beside a capitalised "C-f"
                if "letter-words" in self.rules and "-" in line:
                    _lower_letter_words(tokens)
                if hyphen_shapes and "everyday-compounds" in english_rules:
                    self._lower_everyday_compounds(tokens)
                if "degree-units" in english_rules and "°" in line:
                    _lower_degree_units(tokens)
                if "shouted-words" in self.rules and SHOUTED.search(line) and not _is_all_caps(tokens):
                    self._lower_shouted_words(tokens)
                    if "shouted-everyday" in english_rules and any(
                        map(self.gazetteer.is_common_word, LONG_CAPITALS.findall(line))
                    ):
                        self._lower_shouted_everyday(tokens)
                if defined_terms or self._has_terms(line, tokens):
                    self._lower_terms(tokens, defined_terms or frozenset())
                if technique_names:
                    _lower_technique_names(tokens, technique_names)
                if "language-codes" in self.rules and "(" in line and len(tokens) <= MENU_LINE_TOKENS:
                    _lower_language_codes(tokens)
            if (
                shouted_stopwords
                and SHOUTED.search(line)
                and not GERMAN_SHOUTED_STOPWORDS.isdisjoint(map(TOKEN_TEXT, tokens))
                and not _is_all_caps(tokens)
            ):
                self._lower_german_shouted_words(tokens)
            if (
                shouted_nouns
                and german_nouns is not None  # for mypy: shouted_nouns says so
                and SHOUTED.search(line)
                and not _is_all_caps(tokens)  # a headline in capitals: _title_case's
            ):
                self._lower_german_shouted_nouns(tokens, german_nouns)
            if german_nouns is not None and "german-agency-credits" in self.rules:
                _capitalise_agency_credits(tokens)  # after the headline test: "© dpa | Kay Nietfeld" is no headline
            quoted = '"' in line or "“" in line or "‘" in line
            if (
                (quoted or " '" in line)
                and english_rules
                and "quoted-nicknames" in self.rules
                and QUOTED_NICKNAME.search(line)
            ):
                _drop_nicknames(tokens, self.gazetteer.given_names)
            titles = _quoted_titles(tokens) if quoted and "quoted-title" in self.rules else {}
            listed_places = (
                _place_kind_lists(tokens)
                if place_kinds_written and "," in line and _may_name_place_kinds(line)
                else None
            )
            found = list(self._line_mentions(tokens, titles))
            if legal_forms_english and found and _may_hold_english_legal_form(line):
                # "Velmora Global, Inc.", "Amazon.com Inc.": the firm is the name before; the form alone names nothing
                found = [m for m in found if len(m.tokens) > 1 or m.tokens[0].text not in ENGLISH_LEGAL_FORMS]
            if is_title and english_rules and "site-title" in self.rules and (" | " in line or " - " in line):
                found = self._with_site_name(tokens, found)
            if guess_rules and found:  # names with nothing but the default guess: furniture-default, adjective-names
                guesses = [m for m in found if m.scores.get("ORG") == 0.6 and not m.strong and m.known is None]
                if guesses:
                    found = self._weigh_default_guesses(found, guesses, tokens, is_title)
            if "citation-et-al" in self.rules and german_nouns is None and " et al" in line:
                _cited_first_authors(found, tokens)
            if role_credited:  # "– Kyle Roe, Writer": the line stays a headline for its other words
                credited = role_credited
            if credited:
                for mention in found:
                    if mention.position in credited and not mention.known:
                        mention.scores["PERSON"] += 3.0  # "Writing by Shivam Patel"
                        mention.strong = True
                        mention.uncertain = False
            if "citation-authors" in self.rules and not self._is_german and line.count(",") >= 2:
                # the names before the line's regex: most lines name nobody shaped "Lewis AB", and the regex costs more
                cited = [m for m in found if m.known is None and CITED_NAME.match(m.surface)]
                if cited and len(CITED_AUTHOR.findall(line)) >= 2:
                    for mention in cited:
                        mention.scores["PERSON"] += 3.0  # "Tian W, Ortonne N, Lewis AB.": a reference's authors
                        mention.strong = True
                        mention.uncertain = False
            if copyright_holders:
                for mention in found:
                    kind = copyright_holders.get(mention.position)
                    if kind is not None and mention.known is None:
                        mention.scores[kind] += 2.5  # "© Cover Media", "(c) proplanta", "Foto: © Max Roe"
                        mention.strong = True
                        mention.uncertain = False
                copyright_holders = None
            if listed_places:
                for mention in found:
                    if mention.position in listed_places and (mention.known is None or mention.known.type == "GPE"):
                        mention.scores["GPE"] += 2.5
                        mention.strong = True
                        mention.uncertain = False
            line_pairs = _listed_together(tokens, found, joiners)
            if line_pairs and "person-of-org" in self.rules:
                line_pairs = [pair for pair in line_pairs if not _of_on_both_sides(tokens, *pair)]
            pairs.extend(line_pairs)
            mentions.extend(found)
        if item_lines:
            _vote_list_people(item_lines, mentions, self.gazetteer.given_names)
        entities = self._resolve(mentions, pairs)
        if "camel-brands" in self.rules and german_nouns is None:
            _camel_brands(entities)
        if german_nouns is not None:
            listed = self._listed_with_sure(entities, pairs, german_nouns) if "german-lists" in self.rules else set()
            entities = [e for e in entities if id(e) in listed or not self._lone_german_noun(e)]
            if "german-repeated-nouns" in self.rules:
                entities = [e for e in entities if id(e) in listed or not self._repeated_german_noun(e)]
        tagged = [_entity_count(e) for e in entities]
        return sorted(tagged, key=lambda e: (-e.count, e.name))

    def _defined_techniques(
        self, lines: list[tuple[str, list[Token], bool]]
    ) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
        """ "Heat Assisted Magnetic Recording (HAMR)", "Dual-Energy X-ray Absorptiometry (DXA)": an acronym
        defined by Title Case everyday words that end in a process ("-ing") or a method of science ("-metry",
        "-graphy") names a technique, not a body (rule `defined-techniques`). A body's head word ("Agency",
        "Laboratory", "Centre") or a word that is no everyday one ("Boeing", "Beijing") leaves the name alone.
        Returns the acronyms and the Title Case names (as word tuples)."""
        acronyms: set[str] = set()
        phrases: set[tuple[str, ...]] = set()
        common = self.gazetteer.is_common_word
        for tokens, index in _bracketed_acronyms(lines):
            token = tokens[index]
            letters = len(token.text)
            start = index - 1 - letters
            words = tokens[start : index - 1] if start >= 0 else []
            if len(words) < 2 or any(t.kind != "word" or not t.raw[0].isupper() for t in words):
                continue
            if "".join(t.raw[0] for t in words) != token.text:
                continue
            last = words[-1].raw
            if not (last.endswith(TECHNIQUE_ENDINGS) or last.endswith("ing") and common(last)):
                continue
            parts = [part for t in words for part in t.raw.split("-") if len(part) > 1]
            if any(t.raw in lexicon.SUFFIX_TYPES or t.raw in lexicon.PREFIX_TYPES for t in words) or not all(
                common(part) or part.endswith(TECHNIQUE_ENDINGS) for part in parts
            ):
                continue
            acronyms.add(token.text)
            phrases.add(tuple(t.text for t in words))
        return frozenset(acronyms), frozenset(phrases)

    def _has_terms(self, line: str, tokens: list[Token]) -> bool:
        """Whether _lower_terms has anything to do in the line: a test in C, cheaper than a look at every word."""
        if not self._term_words.isdisjoint(map(TOKEN_TEXT, tokens)):
            return True
        return "tech-terms" in self.rules and ("Error" in line or "Exception" in line or "Warning" in line)

    def _lower_terms(self, tokens: list[Token], defined_terms: frozenset[str]) -> None:
        """ "an HTTP request", "XP boosts" (lexicon.TECH_TERMS), "8 GB", "KeyError", "this Halloween"
        (lexicon.HOLIDAYS), and the acronyms the page defines by lowercase words ("filtered b-spline (FBS)"):
        words of a technical page or of the calendar, not names."""
        tech = "tech-terms" in self.rules
        for index, token in enumerate(tokens):
            if not token.capitalised:
                continue
            text = token.text
            if text in self._term_words and text not in lexicon.DATA_UNITS or text in defined_terms:
                previous = tokens[index - 1] if index else None
                if (
                    text in lexicon.TECH_TERMS
                    and previous is not None
                    and previous.capitalised
                    and self._known_or_product(previous.text)
                ):
                    continue  # "Windows XP", "Mac OS": after a known name the term is that name's version
                token.capitalised = False
            elif not tech:
                continue
            elif index and tokens[index - 1].kind == "num" and text in lexicon.DATA_UNITS:
                token.capitalised = False  # "8 GB RAM", "6Tb per square inch": a unit, not Great Britain
            elif text.endswith(CODE_ERROR_ENDINGS) and CODE_ERROR.match(text):
                token.capitalised = False  # "KeyError", "NullPointerException": a program's error class

    def _is_known_place(self, name: str) -> bool:
        known = self.gazetteer.lookup(name)
        return known is not None and known.type == "GPE"

    def _known_or_product(self, word: str) -> bool:
        return word in lexicon.PRODUCT_NAMES or self.gazetteer.lookup(word) is not None

    def _with_site_name(self, tokens: list[Token], found: list[Mention]) -> list[Mention]:
        """ "Record of the Week: ... | Tone Deaf", "A Royal Salute To Polo In Rome - Luxurious Magazine": the page
        title's last part after " | " or " - ", when it is one to four capitalised words, names the site, an ORG
        (rule `site-title`). Not a sentence's part ("- so it goes", "| Step 3"), a known name (a place, "The Japan
        Times" the gazetteer types) or a person's name ("| Pamela Roe")."""
        separator = max((i for i, t in enumerate(tokens) if t.raw in ("|", "-")), default=-1)
        words = tokens[separator + 1 :]
        if separator < 1 or not 1 <= len(words) <= MAX_SITE_WORDS:
            return found
        if any(t.kind not in ("word", "abbr") or not t.raw[0].isupper() or "-by-" in t.raw for t in words):
            return found  # a comma, a number, a lowercase word, "Step-by-Step": a headline's second half, no name
        if all(_is_function_word(t) for t in words):
            return found
        if (
            len(words) == 2
            and words[0].text in self.gazetteer.given_names
            and not self.gazetteer.is_common_word(words[1].text)
        ):
            return found  # "| Pamela Roe": the author; not "| Tone Deaf"
        if self.gazetteer.lookup(" ".join(t.text for t in words)) is not None:
            return found
        start = separator + 1
        site = self._mention(tokens, list(range(start, len(tokens))))
        if site.known is not None:
            return found
        site.surface = " ".join(t.raw for t in words)  # "Harper's Magazine" keeps its possessive
        site.scores.clear()
        site.scores["ORG"] += 3.0
        site.strong, site.uncertain, site.plain, site.furniture = True, False, False, False
        return [m for m in found if m.end <= start] + [site]

    def _role_credit(self, tokens: list[Token]) -> set[int]:
        """ "– Kyle Roe, Writer", "- Laura Doe, Director of Engineering at Acme": a line that opens (after a dash
        or bullet) with a given name and more capitalised words, then a comma and a job or role, credits a person
        (rule `role-credits`). Where the person's name starts, or empty."""
        start = 0
        while start < len(tokens) and tokens[start].raw in BULLETS:
            start += 1
        if start >= len(tokens) or tokens[start].text not in self.gazetteer.given_names:
            return set()
        comma = start + 1
        while comma < len(tokens) and tokens[comma].capitalised and comma - start <= 4:
            if tokens[comma].text in lexicon.SUFFIX_TYPES:
                return set()  # "Victoria Station, Platform Manager": a place's or a body's head word
            comma += 1
        if comma == start + 1 or comma >= len(tokens) or tokens[comma].raw != ",":
            return set()
        for token in tokens[comma + 1 : comma + 1 + MAX_ROLE_WORDS]:
            if token.text in lexicon.JOB_TITLES or token.lower in lexicon.PERSON_ROLE_NOUNS:
                return {start}
            if token.kind != "word" or not token.capitalised:
                break  # "Kyle Roe, who ...": a sentence, not a credit
        return set()

    def _lower_shouted_words(self, tokens: list[Token]) -> None:
        """ "READ MORE:", "Call RIGHT NOW", "YOU": in a line that is not all capitals, a stretch of capitals made
        of function words and a page's button words is emphasis (acronyms that are also words, "SAP", "ING",
        "FAST", stay names); not before another capitalised word ("NOW Grenada"), not when the stretch or a word
        of it is a known name ("US", "NEW YORK"), nor in brackets, where acronyms are defined ("(NICE)")."""
        # "THURSDAY APRIL 2", "FRIDAY 17 APRIL": days and months in capitals are a date (rule `shouted-dates`)
        emphasis = SHOUTED_EMPHASIS_AND_DATES if "shouted-dates" in self.rules else SHOUTED_EMPHASIS
        for index, end in _shouted_stretches(tokens):
            stretch = tokens[index:end]
            words = [t.text for t in stretch]
            bracketed = index > 0 and tokens[index - 1].raw == "("
            named = end < len(tokens) and tokens[end].capitalised  # "NOW Grenada": part of a name
            if (
                not bracketed
                and not named
                and all(w.title() in emphasis for w in words)
                and any(len(w) > 2 for w in words)
                and self.gazetteer.lookup(" ".join(words)) is None
                and all(self.gazetteer.lookup(w) is None for w in words)
            ):
                for token in stretch:
                    token.capitalised = False

    def _german_tagger(self) -> BuiltinTagger:
        if self._german is None:
            german = BuiltinTagger(
                load_german_gazetteer(
                    regions="german-regions" not in self.disabled_rules,
                    world_regions="german-world-regions" not in self.disabled_rules,
                    companies="german-listed-companies" not in self.disabled_rules,
                    cantons="german-cantons" not in self.disabled_rules,
                    former_states="german-former-states" not in self.disabled_rules,
                    toponyms="german-toponyms" not in self.disabled_rules,
                    towns="small-towns" not in self.disabled_rules,
                ),
                self.disabled_rules,
            )
            german._towns = load_small_towns(german=True) if german._towns else {}
            german._german = german  # tags German itself
            german._is_german = True
            self._german = german
        return self._german

    def _listed_with_sure(
        self, entities: list[Entity], pairs: list[tuple[Mention, Mention]], nouns: frozenset[str]
    ) -> set[int]:
        """Lone unknown German words listed, directly or along the list, with a confidently typed name: "mit
        Bosch, Infineon und NXP", "den Inseln Föhr und Amrum". Not compounds that end in a common noun."""
        owner = {id(m): e for e in entities for m in e.mentions}
        neighbours: dict[int, list[Entity]] = defaultdict(list)
        for left, right in pairs:
            left_entity, right_entity = owner.get(id(left)), owner.get(id(right))
            if left_entity is not None and right_entity is not None and left_entity is not right_entity:
                neighbours[id(left_entity)].append(right_entity)
                neighbours[id(right_entity)].append(left_entity)
        if not neighbours:
            return set()
        listed: set[int] = set()
        stack = [e for e in entities if e.best_score >= CONFIDENT_SCORE and id(e) in neighbours]
        while stack:
            for other in neighbours[id(stack.pop())]:
                if id(other) in listed or not self._lone_german_noun(other):
                    continue
                word = other.mentions[0].words[0] if other.mentions[0].words else ""
                if len(word) < 3 or _ends_in_noun(word, nouns) or self.gazetteer.is_common_word(word):
                    continue
                listed.add(id(other))
                stack.append(other)
        return listed

    def _lower_german_shouted_words(self, tokens: list[Token]) -> None:
        """ "Jada UND auch", "WARUM", "HIER", "NICHT": German function words in capitals, in a line that is not all
        capitals, are emphasis, not acronyms (shouted-words' German side). A stretch of capitals with any other
        word stays ("WILD UND HUND", "DIE LINKE"), as does one before a capitalised word, in brackets, or known."""
        for index, end in _shouted_stretches(tokens):
            stretch = tokens[index:end]
            if (
                not (index > 0 and tokens[index - 1].raw == "(")
                and not (end < len(tokens) and tokens[end].capitalised)
                and all(t.text.lower() in lexicon.GERMAN_STOPWORDS for t in stretch)
                and all(self.gazetteer.lookup(t.text) is None for t in stretch)
            ):
                for token in stretch:
                    token.capitalised = token.uncertain = token.headline = False

    def _lower_german_shouted_nouns(self, tokens: list[Token], nouns: frozenset[str]) -> None:
        """ "ACHTUNG!", "TIPP: ...", "KOMMENTARE" alone on a line: a frequent common noun in capitals as a label or a
        cry is no acronym. Only in those shapes: mid-sentence or after a title's dash, capitals are as often a
        magazine's or a party's name ("im STERN", "- BLINKER", "die LINKE"). Not known names."""
        words = [token for token in tokens if token.kind != "punct"]
        alone = len(words) == 1
        for index, token in enumerate(tokens):
            if not _is_shouted(token) or len(token.text) < 4 or token.text.lower() not in nouns:
                continue
            label = index + 1 < len(tokens) and tokens[index + 1].raw in (":", "!")
            if not (alone or label) or index and tokens[index - 1].capitalised or token.text.startswith("BUNDES"):
                continue  # "BUNDESGERICHTSHOF" alone heads a judgment: a federal body's name
            if self.gazetteer.lookup(token.text) is None and self.gazetteer.lookup(token.text.title()) is None:
                token.capitalised = token.uncertain = token.headline = False

    def _repeated_german_noun(self, entity: Entity) -> bool:
        """ "Ticketpreisen", "Leasingnehmer", "Kinderkrankentage", "Gummifische" written four times: repetition is
        what kept these, but a lone word with no evidence beyond its capital and ending in an inflected common noun
        is a noun however often a page uses it (rule german-repeated-nouns). Not a word ending like a place or a
        surname ("Kerenzerberg", "Geiselmann"), nor one holding a known place."""
        if any(len(m.words) != 1 or m.known is not None or m.strong for m in entity.mentions):
            return False
        if entity.best_type not in ("ORG", "PERSON"):
            return False  # "in Hochfilzen": the words around it typed a place
        word = entity.mentions[0].words[0] if entity.mentions[0].words else ""
        if len(word) < 7 or not word.isalpha() or not word[1:].islower():
            return False
        lowered = word.lower()
        if lowered.endswith(GERMAN_PLACE_ENDINGS) or lowered.endswith(COMPOUND_NAME_TAILS + SURNAME_TAILS):
            return False
        if lowered.endswith(("isch", "lich")):
            return False  # "Mörbisch": an adjective's ending, or a place's
        if _is_body_noun(lowered):
            return False
        nouns = load_german_common_nouns()
        stems = {lowered} | {lowered[: -len(e)] for e in INFLECTION_ENDINGS if lowered.endswith(e)}
        for stem in stems:
            for start in range(3, len(stem) - 3):
                tail = stem[start:]
                if tail in nouns and not self.gazetteer.is_common_word(tail):
                    return not any(self._is_place(lowered[:end].capitalize()) for end in range(5, len(lowered) - 3))
        return False

    @staticmethod
    def _lone_german_noun(entity: Entity) -> bool:
        """In German an unknown single capitalised word is most often a noun the frequency list lacks
        ("Schneedecke", "Corona-Pandemie"): kept only when known, an acronym, or typed with strong evidence
        ("Reporter Relotius")."""
        if any(len(m.words) > 1 or m.known is not None for m in entity.mentions):
            return False
        word = entity.mentions[0].words[0] if entity.mentions[0].words else ""
        if word.isupper() and len(word) > 1:
            return False
        return entity.best_score < CONFIDENT_SCORE

    def _title_case(self, tokens: list[Token]) -> None:
        """Words of an all-caps line as a headline would write them, short known acronyms ("US", "NATO") kept."""
        for token in tokens:
            if token.capitalised and token.text.isupper() and len(token.text) > 1:
                exact = self.gazetteer.names.get(token.text)
                if exact is None or len(token.text) > MAX_ACRONYM_LETTERS:
                    token.text = token.text.title()

    # --- runs of capitals -----------------------------------------------------------------------------

    def _line_mentions(self, tokens: list[Token], titles: dict[int, int] | None = None) -> Iterator[Mention]:
        dateline_end = _dateline_end(tokens)
        next_free = 0  # the first token not yet taken into a run
        versions = self._may_take_version if "version-number" in self.rules else None
        # after a given name or a place's head word only; in German after a given name only ("Ursula von der
        # Leyen", not "Weg von der Plantage")
        openers = (
            (self.gazetteer.given_names if self._is_german else self._particle_openers)
            if "double-particles" in self.rules
            else None
        )
        fuer_names = self._is_german and "german-fuer-names" in self.rules
        joins_lowercase = "place-connectors" in self.rules or "known-connector-names" in self.rules
        for index in [i for i, t in enumerate(tokens) if t.capitalised]:
            token = tokens[index]
            if index < next_free or _not_a_name(token, tokens, index):
                continue
            if titles and index in titles:
                title = self._title_mention(tokens, index, titles[index])
                next_free = titles[index]
                if title is not None:
                    self._context_evidence(tokens, title)
                    yield title
                    continue
            run = _run(
                tokens,
                index,
                versions,
                self._is_german,
                openers,
                fuer_names,
                "version-counts" in self.rules,
                "model-variants" in self.rules,
            )
            next_free = run[-1] + 1
            if next_free < len(tokens) and tokens[next_free].kind == "num" and "known-numbers" in self.rules:
                named = " ".join(tokens[i].text for i in run) + " " + tokens[next_free].raw
                if self.gazetteer.lookup(named) is not None:  # "Channel 4", "France 24": a known name's number
                    run = [*run, next_free]
                    next_free += 1
            if next_free < len(tokens) and tokens[next_free].raw == "and" and "and-the-names" in self.rules:
                run = self._with_and_the(tokens, run)  # "St. Vincent and the Grenadines"
                next_free = run[-1] + 1
            if next_free < len(tokens) and tokens[next_free].raw in LOWERCASE_NAME_WORDS and joins_lowercase:
                run = self._with_lowercase_words(tokens, run)
                next_free = run[-1] + 1
            if len(run) == 1 and (_is_function_word(token) or token.text in lexicon.TITLE_WORDS):
                continue  # "The", "But", "President" on their own: the commonest capitals, never a name
            for mention in self._segment(tokens, run):
                if mention.position < dateline_end:
                    _dateline_evidence(mention)
                self._context_evidence(tokens, mention)
                for part in mention.without_first or ():
                    self._context_evidence(tokens, part)
                if mention.surface:
                    yield mention

    def _may_take_version(self, token: Token) -> bool:
        """A larger place ("Japan 101", "Indianapolis 500") or an everyday word opening a sentence ("Turning 65")
        takes no version number; "Windows 11" at a sentence start still does."""
        known = self.gazetteer.lookup(token.text)
        if known is not None and known.type in ("GPE", "LOC", "NORP") and known.weight >= 2:
            return False
        if self._is_german and "german-street-names" in self.rules and self._german_named_compound(token.text) == "FAC":
            return False  # "Schlossstraße 50": a street and its house number
        return not (
            token.uncertain and token.text not in lexicon.PRODUCT_NAMES and self.gazetteer.is_common_word(token.text)
        )

    def _title_mention(self, tokens: list[Token], start: int, end: int) -> Mention | None:
        """The work a quoted Title Case phrase names ("Paris: The Memoir", "Aftersun"), unless the phrase is a
        name the gazetteer knows ("Paris" in quotes is still the city)."""
        words = [t for t in tokens[start:end] if t.kind != "punct"]
        surface = "".join(
            t.raw if t.kind == "punct" or i == 0 else " " + t.raw for i, t in enumerate(tokens[start:end])
        ).strip()
        if self.gazetteer.lookup(surface) is not None or surface in lexicon.PRODUCT_NAMES:
            return None
        if len(words) == 1 and (_is_function_word(words[0]) or words[0].text in lexicon.TITLE_WORDS):
            return None
        mention = Mention(words, surface, False, start, end)
        mention.scores["PRODUCT"] += 3.0
        mention.strong = True
        return mention

    def _segment(self, tokens: list[Token], run: list[int]) -> Iterator[Mention]:
        if len(run) == 1 and "-" not in tokens[run[0]].text:
            yield self._mention(tokens, run)
            return
        for piece in self._split_connectors(tokens, run):
            yield from self._split_titles(tokens, piece)

    def _split_connectors(self, tokens: list[Token], run: list[int]) -> list[list[int]]:
        """Cut at "of"/"and"/"the" unless the name needs them ("Bank of England", "Competition and Markets Authority")."""
        if len(run) == 1 or self.gazetteer.lookup(" ".join(tokens[i].text for i in run)) is not None:
            return [run]
        pieces: list[list[int]] = [[]]
        kept_of = False
        inside_known: frozenset[int] | None = None  # asked at the run's first connector: most runs hold none
        for position, index in enumerate(run):
            token = tokens[index]
            if token.text not in CONNECTORS or token.capitalised:
                pieces[-1].append(index)
                continue
            if inside_known is None:
                inside_known = self._inside_known_names(tokens, run)
            if position in inside_known:
                pieces[-1].append(index)
                continue
            left = [tokens[i] for i in pieces[-1]]
            right = [tokens[i] for i in run[position + 1 :] if tokens[i].text not in CONNECTORS]
            follows_of = bool(pieces[-1]) and tokens[pieces[-1][-1]].text in ("of", "for", "on")
            if token.text == "the" and follows_of:
                pieces[-1].append(index)
            elif self._keeps_connector(token.text, left, right, kept_of):
                # "of" inside an institution's name lets "and" in too; inside a title ("Secretary of State") not
                institution = bool(left) and left[-1].text not in lexicon.TITLE_WORDS
                kept_of = kept_of or token.text in ("of", "for", "on", "für") and institution
                pieces[-1].append(index)
            else:
                while pieces[-1] and tokens[pieces[-1][-1]].text in CONNECTORS:
                    pieces[-1].pop()
                pieces.append([])
                kept_of = False
        return [piece for piece in pieces if piece]

    def _inside_known_names(self, tokens: list[Token], run: list[int]) -> frozenset[int]:
        """ "Antigua and Barbuda on June 2", "Bosnia and Herzegovina and Serbia", "Extinction Rebellion and Save the
        Children": the positions in the run of the connectors inside a known name that holds one, so the cut at
        connectors leaves that name whole when the run goes on past it (rule `known-and-names` for "and", rule
        `known-connector-names` for the others; a run that is the known name alone never gets here)."""
        allowed = {"and"} if "known-and-names" in self.rules else set()
        if "known-connector-names" in self.rules:
            allowed |= CONNECTORS - {"and"}
        texts = [tokens[i].text for i in run]
        heads = self._connector_heads()
        inside: set[int] = set()
        longest = min(len(run), self.gazetteer.max_name_tokens)
        for middle, text in enumerate(texts):
            # a known name holding this connector has a head right before it: most runs have none
            if text not in allowed or not middle or texts[middle - 1] not in heads or middle in inside:
                continue
            if tokens[run[middle]].capitalised:
                continue
            for start in range(max(0, middle - longest + 2), middle):
                # the longest known name from this start that reaches past the "and"
                for end in range(min(len(run), start + longest), middle + 1, -1):
                    if texts[end - 1] in CONNECTORS or texts[start] in CONNECTORS:
                        continue
                    if self.gazetteer.lookup(" ".join(texts[start:end])) is not None:
                        inside.update(range(start + 1, end - 1))
                        break
                else:
                    continue
                break
        return frozenset(inside)

    def _known_body(self, words: list[Token]) -> KnownName | None:
        """The words as a name of the curated lists or the listed companies, as written; None when they are not."""
        known = self.gazetteer.lookup(" ".join(t.text for t in words))
        return known if known is not None and known.source in LISTED_BODY_SOURCES else None

    def _keeps_connector(self, connector: str, left: list[Token], right: list[Token], kept_of: bool) -> bool:
        if not left or not right:
            return False
        if (
            connector in ("der", "des")
            and self._is_german
            and "german-name-adjectives" in self.rules
            and _german_name_adjective(right[0].text)
            and not _is_body_noun(left[-1].lower)
        ):
            return False  # "Joachim Mnich der Deutschen Presse-Agentur": a person, then the body he spoke to
        if connector in GERMAN_NAME_CONNECTORS:
            if connector == "für":  # "Bundesamt für Logistik": a body's noun, "für", its field
                return self._is_german and "german-fuer-names" in self.rules and _fuer_head(left[-1].lower)
            return kept_of  # "Bundesamt für Logistik und Mobilität"; not "Bremen und Osnabrück"
        if self._is_german and "german-article-connectors" in self.rules and connector in GERMAN_CUT_CONNECTORS:
            if connector in ("von", "vom"):
                return self._person_before_von(left)  # "Alexander von Humboldt"; not "Takes von Tommy"
            if left[-1].lower in ("von", "van"):
                return True  # "von der Leyen", "Van der Bellen"
            return connector in ("der", "des") and _is_body_noun(left[-1].lower)  # "Verband der Keramischen
            # Industrie", "Partei der Albaner"; not "AStA der Universität Hamburg", "Juli-Ausgabe der Technology"
        if connector in lexicon.NAME_PARTICLES or connector == "&":
            return True
        head = next((t.text for t in reversed(left) if t.text not in CONNECTORS), "")
        if connector in ("of", "for", "on"):
            named = [t for t in left if t.lower not in CONNECTORS]  # "The Directorate General of ...": not "The"
            if "known-before-of" in self.rules and len(named) > 1 and self._known_body(left) is not None:
                return False  # "The New York Times of Malcolm Forbes' day": a known name ends before "of"
            if head in lexicon.CONNECTOR_HEADS or (len(named) > 1 and named[0].text in lexicon.CONNECTOR_HEADS):
                return True
            more = "more-connector-heads" in self.rules and not self._is_german
            return more and (
                head in lexicon.MORE_CONNECTOR_HEADS or connector == "for" and head in lexicon.PEOPLE_FOR_HEADS
            )
        if connector == "and":
            if kept_of and not ("complete-and" in self.rules and self._two_complete_names(left, right, kept_of)):
                return True  # "Institute of Arctic and Alpine Research"
            left_known = self.gazetteer.lookup(" ".join(t.text for t in left)) is not None
            if "product-names" in self.rules and left[0].text in lexicon.PRODUCT_NAMES:
                return False  # "Windows Server and Office": a product, then another name
            right_head = right[-1].text
            first_right = self.gazetteer.lookup(right[0].text)
            if (
                "known-after-and" in self.rules
                and first_right is not None
                and first_right.type == "ORG"
                and first_right.weight >= MAJOR_WEIGHT
            ):
                return False  # "Google Safe Browsing and Google Drive": a known firm starts a name of its own
            if right_head in lexicon.COMPASS_SUFFIXES:
                return False  # "Cebu and Negros Occidental": a province's compass word ends only its own name
            right_named = (
                right_head in lexicon.SUFFIX_TYPES or self.gazetteer.lookup(" ".join(t.text for t in right)) is not None
            )
            left_names = [t for t in left if t.text not in CONNECTORS]
            if len(left_names) > 1 and head in lexicon.SUFFIX_TYPES and head not in lexicon.TRADE_HEADS and right_named:
                return False  # two names, each with its own head: "Parsons Avenue and East Whittier Street"
            if "complete-and" in self.rules and self._two_complete_names(left_names, right, kept_of):
                return False
            if "and-acronyms" in self.rules and not self._is_german and self._and_joins_two_names(left_names, right):
                return False
            if (
                "headed-and" in self.rules
                and len(left_names) > 1
                and lexicon.SUFFIX_TYPES.get(head) == "ORG"
                and right_head not in lexicon.SUFFIX_TYPES
                and (right[0].text in self.gazetteer.given_names or any(self.gazetteer.lookup(t.text) for t in right))
            ):  # a whole name, then a person or a name built on a place: "Environment Agency and Natural England"
                return False
            return not left_known and (right_head in lexicon.SUFFIX_TYPES or head in lexicon.SUFFIX_TYPES)
        return False

    def _and_joins_two_names(self, left: list[Token], right: list[Token]) -> bool:
        """ "DBS Bank and OCBC", "PACT and Preservation Trust", "Emirates and Qatar Airways", "Dunmore Agency and
        Velora": an acronym on either side of "and", a word before a name with its own country and head, or a name
        with its own organisation's head before one more word, is two names; one name's "and" joins words
        ("Procter and Gamble", "Food and Drug Administration")."""
        right_head = right[-1].text
        if len(right) == 1 and right[0].text.isupper() and len(right[0].text) > 1 and right[0].text.isalpha():
            return True  # "DBS Bank and OCBC"
        if len(left) == 1 and len(right) > 1 and right_head in lexicon.SUFFIX_TYPES:
            if left[0].text.isupper() and len(left[0].text) > 1:
                return True  # "PACT and Preservation Trust"
            place = self.gazetteer.lookup(right[0].text)
            if place is not None and place.type in ("GPE", "NORP") and place.weight >= MAJOR_WEIGHT:
                return True  # "Emirates and Qatar Airways": the right name has its own country and head
        head = left[-1].text
        return (
            len(left) > 1
            and len(right) == 1
            and lexicon.SUFFIX_TYPES.get(head) == "ORG"
            and head not in lexicon.TRADE_HEADS
            and right_head not in lexicon.SUFFIX_TYPES
        )  # "Dunmore Agency and Velora"; not "Universal Pictures and ...": a trade's head ends no name for sure

    def _person_before_von(self, left: list[Token]) -> bool:
        """A given name, an initial or a noble title before "von": "Ursula von", "J. von", "Graf von"."""
        return any(
            token.text in self.gazetteer.given_names or INITIAL.match(token.raw) or token.text in NOBLE_TITLES
            for token in left
        )

    def _two_complete_names(self, left: list[Token], right: list[Token], kept_of: bool) -> bool:
        """ "University of Oxford and RAND Europe", "Cebu Pacific and Philippine Airlines": the left name is
        complete (its "of" ends in a known place) or the right one starts with a place of its own and ends in a
        head word, so "and" joins two names. Not "Department of Energy and Climate Change", "Food and Drug
        Administration" or "Australian Securities and Investments Commission"."""
        names = [t for t in left if t.lower not in CONNECTORS]
        if len(names) < 2:
            return False
        if kept_of:
            place = self.gazetteer.lookup(names[-1].text)
            rest = self.gazetteer.lookup(" ".join(t.text for t in right))
            return place is not None and place.type == "GPE" and (rest is None or rest.type != "GPE")
        first = self.gazetteer.lookup(right[0].text) if len(right) > 1 else None
        return (
            first is not None
            and first.type in ("GPE", "NORP")
            and first.weight >= MAJOR_WEIGHT
            and right[-1].text in lexicon.SUFFIX_TYPES
            and names[-1].text not in lexicon.SUFFIX_TYPES
        )

    def _split_titles(self, tokens: list[Token], piece: list[int]) -> Iterator[Mention]:
        """Cut "Hungarian Prime Minister Viktor Orban" into "Hungarian" and the person "Viktor Orban"."""
        texts = [tokens[i].text for i in piece]
        if self.gazetteer.lookup(" ".join(texts)) is not None:
            yield self._mention(tokens, piece)
            return
        jobs = lexicon.JOB_TITLES if "job-titles" in self.rules and not self._is_german else frozenset()
        if "sport-roles" in self.rules and not self._is_german:
            jobs = jobs | lexicon.SPORT_TITLES
        for start, text in enumerate(texts):
            job = text in jobs
            if job:
                after = start + 1 < len(texts) and texts[start + 1]
                if after and after not in ("of", "for") and self._is_plain_word(after):
                    continue  # "Contributor Community", "Commentator Enable": no person follows
                length = 1  # "Senior Editor Jane Roe", "Sports Business Analyst"
            elif text not in lexicon.TITLE_WORDS or start and texts[start - 1] in lexicon.TITLED_BODIES:
                continue  # "Directorate General of Civil Aviation" is one body
            else:
                length = _title_length(texts, start)
            if not length:
                continue
            while start + length < len(texts):
                more = _title_length(texts, start + length)  # "Detective Inspector", "Lieutenant Colonel"
                if not more and "portfolio-title" in self.rules and self._is_plain_word(texts[start + length]):
                    inner = _title_length(texts, start + length + 1)  # "Chief Cabinet Secretary"
                    more = inner + 1 if inner else 0
                if not more:
                    break
                length += more
            rest = piece[start + length :]
            # "German Culture Minister": everyday words right before a title belong to it
            while start and self._is_plain_word(texts[start - 1]) and texts[start - 1] not in lexicon.SUFFIX_TYPES:
                start -= 1
            if start and "portfolio-title" in self.rules:
                first = start  # "Deputy Health Minister X", "Cabinet Secretary X": head words opening the title
                while first and (self._is_plain_word(texts[first - 1]) or texts[first - 1] in lexicon.TITLE_WORDS):
                    first -= 1
                if first == 0 and not self._body_before_title(texts[:start]):
                    start = 0
            before = self._split_known(tokens, piece[:start])
            if job:
                before = _employers(before)
            if rest and (
                tokens[rest[0]].text in ("of", "for")  # "President of France": a title, then a place
                or tokens[rest[0]].text in ("on", "and", "&", "the")
                and "title-connectors" in self.rules
            ):  # "Minister on Stage": a connector after a title starts no person's name
                yield from before
                yield from self._split_known(tokens, rest[1:])
                return
            if not rest:
                yield from before
                return
            if self._looks_like_person(tokens, rest):
                yield from before
                mention = self._mention(tokens, rest)
                mention.scores["PERSON"] += 4.0
                mention.strong = True
                mention.uncertain = False
                yield mention
                return
        yield from self._split_known(tokens, piece)

    def _person_after_portfolio(self, tokens: list[Token], piece: list[int]) -> int:
        """ "(Minister of) Education Kay Roe", "(Secretary for) Health and Social Care Jo Doe": where a person's
        name (a given name and one or two more words) starts after a portfolio of everyday words, or 0."""
        texts = [tokens[i].text for i in piece]
        for start in range(1, len(texts) - 1):
            if not 2 <= len(texts) - start <= 3:
                continue
            if texts[start] not in self.gazetteer.given_names:  # "Kay", "Jo": common words too, but after a title
                continue
            if all(t in ("and", "&") or self._is_plain_word(t) for t in texts[:start]):
                return start
        return 0

    @staticmethod
    def _after_title_of(tokens: list[Token], piece: list[int]) -> bool:
        """The piece follows a title and "of" or "for": "Minister of ...", "Secretary for ..."."""
        of = _index_before(tokens, piece[0])
        if of is None or tokens[of].text not in ("of", "for"):
            return False
        title = _index_before(tokens, of)
        return title is not None and tokens[title].text in lexicon.TITLE_WORDS

    def _body_before_title(self, words: list[str]) -> bool:
        """ "Federal Reserve Chair X", "Cabinet Office Minister X": a body's name before a title is no portfolio
        (but "Deputy Health Minister X" is)."""
        if self.gazetteer.lookup(" ".join(words)) is not None:
            return True
        return len(words) > 1 and words[-1] in lexicon.SUFFIX_TYPES and words[0] not in lexicon.TITLE_WORDS

    def _looks_like_person(self, tokens: list[Token], name: list[int]) -> bool:
        words = [tokens[i] for i in name if tokens[i].text not in CONNECTORS]
        if not words or len(words) > 5:
            return False
        if _is_function_word(words[0]) and not (
            "month-names" in self.rules
            and len(words) > 1
            and words[0].text in lexicon.DATE_WORDS
            and words[0].text in self.gazetteer.given_names
            and words[1].capitalised
        ):  # after a title, "Jan", "April", "June" before another capitalised word is a given name
            return False
        if any(t.text in lexicon.SUFFIX_TYPES or t.text in lexicon.NON_ENTITY_SUFFIXES for t in words[1:]):
            return False
        if len(words) == 1 and (words[0].text in lexicon.TITLE_WORDS or words[0].text in lexicon.SUFFIX_TYPES):
            return False
        known = self.gazetteer.lookup(" ".join(t.text for t in words))
        return known is None or known.source == "place" and known.weight < MAJOR_WEIGHT

    def _month_opens_name(self, tokens: list[Token], index: int, following: int) -> bool:
        """ "Jan Wöhlken", "April Ryan", "June Carter": a month that is also a given name, before a capitalised word
        that is no date, no everyday word (but for a frequent surname: "Jan Smith") and no known name, opens a
        person's name (rule month-given-names); not "June Primary", "August Heat", "Jan Mayen"."""
        word, name = tokens[index].text, tokens[following]
        before = _index_before(tokens, index)
        if before is not None and tokens[before].lower in MONTH_PREPOSITIONS:
            return False  # "In June Britain voted", "im August Bebels"
        return (
            word in MONTH_GIVEN_NAMES
            and self.gazetteer.lookup(name.text) is None
            and name.kind == "word"
            and not name.text.isupper()  # "June CITT meeting": an acronym
            and name.text not in lexicon.DATE_WORDS
            and (not self.gazetteer.is_common_word(name.text) or name.text.lower() in self.gazetteer.surname_words)
            and self.gazetteer.lookup(f"{word} {name.text}") is None
        )

    def _split_known(self, tokens: list[Token], piece: list[int]) -> Iterator[Mention]:
        """Drop function words, then cut names made of known names ("Senate Democrats", "Arab Iranians")."""
        given_openers = GERMAN_ENGLISH_OPENERS if self._is_german and "german-english-openers" in self.rules else None
        months = self._month_opens_name if "month-given-names" in self.rules else None
        for stretch in _stretches(tokens, piece, given_openers, months):
            yield from self._split_stretch(tokens, stretch)

    def _split_stretch(self, tokens: list[Token], piece: list[int]) -> Iterator[Mention]:
        words = [tokens[i] for i in piece]
        if len(words) > 1 and "post-nominals" in self.rules and words[-1].text in lexicon.POST_NOMINALS:
            yield from self._split_stretch(tokens, piece[:-1])  # "Euan MacLeod KC", "Sheffield MP"
            return
        if len(words) > 1 and "product-shape" in self.rules and _is_plural_product_head(words[-1].text):
            piece, words = piece[:-1], words[:-1]  # "Mustang Mach-E SUVs": vehicles of the model "Mustang Mach-E"
        if len(words) == 1 and "-" in words[0].text:
            yield from self._split_hyphenated(tokens, piece[0])
            return
        surface = " ".join(t.text for t in words)
        if len(words) > MAX_NAME_WORDS and self.gazetteer.lookup(surface) is None:
            for part in self._known_parts(tokens, piece):  # a page of capitals is no name: keep what is known in it
                yield self._mention(tokens, part)
            return
        if "country-prefix" in self.rules and len(words) > 1 and self._country_and_institution(words):
            yield self._mention(tokens, piece[:1])  # "U.S. Senate", "US Federal Reserve": the country, then
            yield from self._split_stretch(tokens, piece[1:])  # the institution it names by its own name
            return
        if (
            len(words) > 2
            and "portfolio-of" in self.rules
            and not self._is_german
            and self._after_title_of(tokens, piece)
        ):
            start = self._person_after_portfolio(tokens, piece)
            if start:  # "Minister of Education Kay Roe": the portfolio is no name, the person is
                mention = self._mention(tokens, piece[start:])
                mention.scores["PERSON"] += 4.0
                mention.strong = True
                mention.uncertain = False
                yield mention
                return
        if len(words) > 2 and not self._is_german:
            start = self._person_after_name(words)
            if start:  # "Frenchman Julien Baudry", "Princeton University Garry Kasparov": two names, glued
                yield from self._split_stretch(tokens, piece[:start])
                mention = self._mention(tokens, piece[start:])
                mention.scores["PERSON"] += 1.5
                yield mention
                return
        last = words[-1].text
        ends_in_head = last in lexicon.SUFFIX_TYPES or last in lexicon.NON_ENTITY_SUFFIXES or words[-1].kind == "num"
        if len(words) == 1 or ends_in_head or self.gazetteer.lookup(surface):
            yield self._mention(tokens, piece)
            return
        if "german-demonyms" in self.rules and self._is_german and self._german_demonym(words[0].text):
            yield self._mention(tokens, piece[:1])  # "der Norweger Henrik Kristoffersen": a people, then a person
            for mention in self._split_stretch(tokens, piece[1:]):
                if mention.words and mention.words[0] in self.gazetteer.given_names:
                    mention.scores["PERSON"] += 1.5
                yield mention
            return
        first_known = self.gazetteer.lookup(words[0].text)
        if (
            len(words) > 2
            and first_known is not None
            and first_known.type == "NORP"
            and words[1].text in self.gazetteer.given_names
            and self.gazetteer.lookup(" ".join(t.text for t in words[1:])) is None
        ):  # "Czech Klara Dvorakova": a nationality, then a person
            yield self._mention(tokens, piece[:1])
            mention = self._mention(tokens, piece[1:])
            mention.scores["PERSON"] += 1.5
            yield mention
            return
        if self._is_german and "german-club-names" in self.rules and self._club_name(words):
            mention = self._mention(tokens, piece)  # "Eintracht Frankfurt", "FC Bayern München": one club
            mention.scores["ORG"] += 3.0
            mention.strong = True
            yield mention
            return
        if "national-branch" in self.rules and self._national_branch(words):
            mention = self._mention(tokens, piece)  # "Greenpeace Schweiz", "Microsoft India": one body
            mention.scores["ORG"] += 3.0
            mention.strong = True
            yield mention
            return
        parts = self._known_cover(tokens, piece)
        if parts is not None and len(parts) > 1:  # "House Republicans", "Arab Iranians"
            for part in parts:
                yield self._mention(tokens, part)
            return
        head = self._head_type(words)  # handed on: _shape_evidence would work it out again for the same words
        if head:
            yield self._mention(tokens, piece, head=head)
            return
        known_product = "product-names" in self.rules and words[0].text in lexicon.PRODUCT_NAMES
        if words[0].uncertain and not words[0].headline and self._is_plain_word(words[0].text) and not known_product:
            if "defined-whole" in self.rules and not self._is_german and _defined_after(tokens, piece, words):
                whole = self._mention(tokens, piece)
                whole.uncertain = False  # "Homeland Security Investigations (HSI)": spelt out, capitals and all
                yield whole
                return
            rest = list(self._split_known(tokens, piece[1:]))  # "Late Okafor header...": "Late" starts the sentence
            if "whole-name" in self.rules:
                whole = self._mention(tokens, piece, head=head)
                whole.without_first = [part for part in rest if part.surface]
                yield whole
            else:
                yield from rest
            return
        yield self._mention(tokens, piece, head=head)

    def _person_after_name(self, words: list[Token]) -> int:
        """Where a person's name starts after another name in one run of capitals, or 0: after a nationality's
        noun ("Frenchman Julien Baudry", "Briton Tommy Fleetwood"), or after a body's or a building's head word
        (a page's list of speakers, "Princeton University Garry Kasparov"); the person is a given name and one
        or two more words."""
        if "glued-names" not in self.rules:
            return 0
        for start in range(1, len(words) - 1):
            if len(words) - start > 3:
                continue
            before, first = words[start - 1].text, words[start].text
            if first not in self.gazetteer.given_names or self.gazetteer.is_common_word(first):
                continue
            if self.gazetteer.lookup(first) is not None:
                continue  # "Trinity College Dublin": a place's name, not a person's
            if not all(t.kind == "word" and t.capitalised for t in words[start:]):
                continue
            if start == 1 and before in lexicon.DEMONYM_NOUNS:
                return start
            if len(before) > 3 and _is_head_word(words[start - 1]):  # not "St Nicholas Market"
                return start
        return 0

    def _country_and_institution(self, words: list[Token]) -> bool:
        """A country, then an organisation the gazetteer knows without it: "U.S. Congress", "US Federal Reserve"
        (not "Japan Airlines" or "Canada Post", whose rest is no name of its own)."""
        country = self.gazetteer.lookup(words[0].text)
        if country is None or not country.key.startswith("country:") or words[0].possessive:
            return False
        if self.gazetteer.lookup(" ".join(t.text for t in words)) is not None:
            return False
        rest = self.gazetteer.lookup(" ".join(t.text for t in words[1:]))
        return rest is not None and rest.type == "ORG"

    def _surname_not_place(self, short: Entity, full: Entity) -> bool:
        """The short form is the last word of the full name of a person, and no mention of it has more place
        evidence than the gazetteer's ("in Hamilton", a dateline)."""
        if full.best_type != "PERSON":
            return False
        surnames = {m.words[-1] for m in full.mentions if len(m.words) > 1}
        for mention in short.mentions:
            if len(mention.words) != 1 or mention.words[0] not in surnames:
                return False
            known = mention.known
            listed = {1: 1.2, 2: 2.0}.get(known.weight, 3.0) if known is not None else 0.0
            if known is not None and mention.scores.get(known.type, 0.0) > listed:
                return False
        return True

    def _is_plain_word(self, text: str) -> bool:
        """An everyday word that is neither a known name nor a given name."""
        return (
            self.gazetteer.is_common_word(text)
            and self.gazetteer.lookup(text) is None
            and text not in self.gazetteer.given_names
        )

    def _known_cover(self, tokens: list[Token], piece: list[int]) -> list[list[int]] | None:
        """The piece as a sequence of known names, longest first; None when any word is unknown."""
        parts: list[list[int]] = []
        position = 0
        while position < len(piece):
            for length in range(min(len(piece) - position, self.gazetteer.max_name_tokens), 0, -1):
                candidate = piece[position : position + length]
                if self.gazetteer.lookup(" ".join(tokens[i].text for i in candidate)) is not None:
                    parts.append(candidate)
                    position += length
                    break
            else:
                return None
        return parts

    def _club_name(self, words: list[Token]) -> bool:
        """A club's word or acronym and then its town or region: "Eintracht Frankfurt", "FC Bayern München",
        "Hertha BSC", "VfL Bochum"."""
        if len(words) < 2 or len(words) > 4 or not _club_shaped(words[0].text):
            return False
        rest = [t.text for t in words[1:] if t.kind != "num"]  # "Schalke 04"
        return bool(rest) and all(map(self._club_part, rest))

    def _club_part(self, word: str) -> bool:
        """A word after a club's first: its town ("Frankfurt"), "Bayern" (a noun to the German lists), or an
        acronym ("Hertha BSC")."""
        return word in CLUB_ACRONYMS or word == "Bayern" or self._is_place(word)

    def _national_branch(self, words: list[Token]) -> bool:
        """A known organisation or firm and then a country: its branch there, one body ("Greenpeace Schweiz",
        "Diakonie Deutschland", "Microsoft India", "BBC Scotland")."""
        country = self.gazetteer.lookup(words[-1].text)
        if country is None or not country.key.startswith("country:") or country.weight < MAJOR_WEIGHT:
            return False
        body = self._known_body(words[:-1])
        return body is not None and body.type == "ORG"

    def _known_parts(self, tokens: list[Token], piece: list[int]) -> Iterator[list[int]]:
        """The known names inside a piece, longest first from the left; unknown words are skipped."""
        position = 0
        while position < len(piece):
            for length in range(min(len(piece) - position, self.gazetteer.max_name_tokens), 0, -1):
                candidate = piece[position : position + length]
                if self.gazetteer.lookup(" ".join(tokens[i].text for i in candidate)) is not None:
                    yield candidate
                    position += length
                    break
            else:
                position += 1

    def _split_hyphenated(self, tokens: list[Token], index: int) -> Iterator[Mention]:
        """ "Moscow-Tehran" -> Moscow, Tehran; "Kurdish-Iranian" -> Kurdish, Iranian; "Hewlett-Packard" stays whole."""
        text = tokens[index].text
        parts = text.split("-")
        whole_known = self.gazetteer.lookup(text) is not None or text in self.gazetteer.given_names
        known_parts = [self.gazetteer.lookup(p) if p[:1].isupper() else None for p in parts]
        if (
            not whole_known
            and all(known is not None for known in known_parts)
            and not (self._is_german and "german-regions" in self.rules and self._names_one_region(known_parts))
        ):
            for part in parts:
                yield self._mention(tokens, [index], surface=part)
            return
        yield self._mention(tokens, [index])

    @staticmethod
    def _names_one_region(known_parts: list[KnownName | None]) -> bool:
        """ "Rhein-Neckar", "Rhein-Main": German names a region by its rivers; the two rivers are one name."""
        return all(known is not None and known.key.startswith("loc:") for known in known_parts)

    # --- evidence -------------------------------------------------------------------------------------

    def _mention(
        self,
        tokens: list[Token],
        piece: list[int],
        surface: str | None = None,
        head: tuple[str, float] | None = HEAD_NOT_ASKED,
    ) -> Mention:
        words = [tokens[i] for i in piece]
        cache_key = None
        if surface is None and len(words) == 1:
            token = words[0]
            cache_key = (token.text, token.kind, token.uncertain, token.headline)
            cached = self._word_evidence.get(cache_key)
            if cached is not None:
                known, scores, strong, shown = cached
                mention = Mention(words, shown, token.uncertain, piece[0], piece[0] + 1, known=known, strong=strong)
                mention.scores.update(scores)
                return mention
        if surface is not None:  # one part of a hyphenated word
            first = words[0]
            words = [
                Token(
                    surface, first.kind, surface, uncertain=first.uncertain, headline=first.headline, capitalised=True
                )
            ]
        mention = Mention(
            tokens=words,
            surface=surface or " ".join(t.text for t in words),
            uncertain=words[0].uncertain,
            position=piece[0],
            end=piece[-1] + 1,
        )
        if surface is not None:
            mention.tokens[0].suffix = tokens[piece[0]].suffix
        if len(words) > 1 and words[-1].text in ("Jr", "Sr") and piece[-1] + 1 < len(tokens):
            if tokens[piece[-1] + 1].raw == ".":  # "Ferdinand Marcos Jr." before a full stop: the name has both
                mention.surface += "."
        mention.known = self.gazetteer.lookup(mention.surface)
        if (
            mention.known is None
            and len(words) == 2
            and len(words[0].text) + len(words[1].text) <= 12  # "TikTok", "WhatsApp", "LinkedIn"
            and "joined-spelling" in self.rules
            and not self._is_german
        ):
            mention.known = self._joined_spelling(words)
        elif mention.known is not None and words[0].text == "The" and "the-places" in self.rules:
            rest = self.gazetteer.lookup(mention.surface[4:])
            if rest is not None and rest.key == mention.known.key and not self._is_german:
                mention.surface = mention.surface[4:]  # "The Netherlands", "The Gambia"; not "The Hague"
        if mention.known is None and len(words) == 1 and words[0].text in lexicon.US_STATE_ABBREVIATIONS:
            state = lexicon.US_STATE_ABBREVIATIONS[words[0].text]  # "Monterey, Calif." names California
            mention.known = self.gazetteer.lookup(state)
            mention.surface = state
        self._known_evidence(mention)
        if mention.known is None and mention.surface in self._towns:  # "Filey": a town, unless the words say otherwise
            mention.scores["GPE"] += TOWN_EVIDENCE
        self._shape_evidence(mention, head)
        if self._spa_town(mention):
            mention.scores["GPE"] += 2.0  # "Bad Goisern", "Bad Homburg": German names a spa town so
            mention.strong = True
        if cache_key is not None:
            if len(self._word_evidence) > WORD_EVIDENCE_LIMIT:
                self._word_evidence.clear()
            self._word_evidence[cache_key] = (mention.known, dict(mention.scores), mention.strong, mention.surface)
        return mention

    def _with_and_the(self, tokens: list[Token], run: list[int]) -> list[int]:
        """The run with "and the" and the capitals after it when the whole is a known name: "St. Vincent and the
        Grenadines" (rule `and-the-names`); runs take no "and the" otherwise ("Velmark and the Ministry")."""
        after = run[-1] + 1  # the caller saw "and" there
        if self._is_german:
            return run
        the = _index_after(tokens, after)
        if the is None or tokens[the].text != "the":
            return run
        start = _index_after(tokens, the)
        if start is None or not tokens[start].capitalised:
            return run
        rest = _run(tokens, start)
        whole = [*run, after, the, *rest]
        if self.gazetteer.lookup(" ".join(tokens[i].text for i in whole)) is not None:
            return whole
        if "known-and-names" in self.rules:  # "St. Vincent and the Grenadines on Monday": the known name's part
            for end in range(len(rest) - 1, 0, -1):
                part = [*run, after, the, *rest[:end]]
                if self.gazetteer.lookup(" ".join(tokens[i].text for i in part)) is not None:
                    return part
        return run

    def _connector_heads(self) -> frozenset[str]:
        """The words a known name puts right before a lowercase word of its own: "Frankfurt" (am Main), "Save"
        (the Children), "Bosnia" (and Herzegovina). A run ending in none of them can skip the lookups for one."""
        if self._heads is None:
            heads = set()
            for name in self.gazetteer.names:
                if " " not in name:
                    continue
                words = name.split()
                for before, word in zip(words, words[1:], strict=False):
                    if word[:1].islower():
                        heads.add(before)
            self._heads = frozenset(heads)
        return self._heads

    def _with_lowercase_words(self, tokens: list[Token], run: list[int]) -> list[int]:
        """The run with the lowercase words after it and the capitals after those when the whole is a known name:
        a place ("Frankfurt am Main", "Halle an der Saale", "Newcastle upon Tyne"; rule `place-connectors`) or a
        body of the curated lists ("Ärzte ohne Grenzen", "Brot für die Welt"; rule `known-connector-names`).
        Otherwise the run stops before them, so "Main" alone is not taken for the river."""
        romance = (
            len(run) == 1
            and tokens[run[0]].text in ROMANCE_HEADS
            and "romance-heads" in self.rules
            and not self._is_german
        )
        if not romance and tokens[run[-1]].text not in self._connector_heads():
            return run
        words = [run[-1] + 1]  # the caller saw a lowercase name word there
        while len(words) < 3:
            following = _index_after(tokens, words[-1])
            if following is None or tokens[following].capitalised:
                break
            if tokens[following].raw not in LOWERCASE_NAME_WORDS:
                return run
            words.append(following)
        start = _index_after(tokens, words[-1])
        if start is None or not tokens[start].capitalised:
            return run
        places = "place-connectors" in self.rules and all(tokens[i].raw in PLACE_CONNECTORS for i in words)
        bodies = "known-connector-names" in self.rules
        rest = _run(tokens, start)
        if romance and all(tokens[i].raw in ROMANCE_PARTICLES for i in words) and len(rest) <= 3:
            return [*run, *words, *rest]  # "Rua de São Miguel", "Museu do Fado", "Promenade des Anglais"
        # "The Committee to Protect Journalists said": a sentence's "The" is no part of the known name
        start_at = 1 if len(run) > 1 and tokens[run[0]].text == "The" else 0
        for end in range(min(len(rest), 3), 0, -1):
            whole = [*run[start_at:], *words, *rest[:end]]
            known = self.gazetteer.lookup(" ".join(tokens[i].text for i in whole))
            if known is None:
                continue
            if places and known.type in ("GPE", "LOC", "FAC") or bodies and known.source in HAND_LISTED_SOURCES:
                return whole
        return run

    def _joined_spelling(self, words: list[Token]) -> KnownName | None:
        """ "Tik Tok", "You Tube", "Pay Pal": two words that, written as one, are a known firm's or product's
        name with a capital inside ("TikTok"); rule `joined-spelling`. Not "Mac Donald": a person is no brand."""
        first, second = words[0].text, words[1].text
        if not (first.isalpha() and second.isalpha() and second[0].isupper() and second[1:].islower()):
            return None
        known = self.gazetteer.lookup(first + second)
        return known if known is not None and known.type in ("ORG", "PRODUCT") else None

    def _lower_shouted_everyday(self, tokens: list[Token]) -> None:
        """ "ETYMOLOGY:", "INGREDIENTS", "A SIMPLE GUIDE:", "in your PATH": in a line that is not all capitals, a
        stretch of capitals made only of everyday words is a label, a heading or emphasis, not an acronym (rule
        `shouted-everyday`). Short words are often real acronyms ("NICE", "RAND", "JAMA", "DART"): one word needs
        five letters, or four and a label's colon after it. Left alone: known names and words ("LITTLE ROCK", "VICE US"), a
        stretch next to another capitalised word ("NOW Grenada", "L.A. WEEKLY") and one defined in brackets after
        a name ("Drug Reaction ... (DRESS)")."""
        common = self.gazetteer.is_common_word
        for index, end in _shouted_stretches(tokens):
            stretch = tokens[index:end]
            words = [t.text for t in stretch]
            longest = max(map(len, words))
            label = end < len(tokens) and tokens[end].raw == ":"
            defined = index >= 2 and tokens[index - 1].raw == "(" and tokens[index - 2].capitalised
            # "L.A. WEEKLY", "NOW Grenada": part of a name
            named = end < len(tokens) and tokens[end].capitalised or index > 0 and tokens[index - 1].capitalised
            if (
                (longest >= 5 or longest == 4 and (label or len(words) > 1))
                and not defined
                and not named
                and all(common(w) for w in words)
                and self.gazetteer.lookup(" ".join(words).title()) is None
                and not any(self.gazetteer.lookup(w) or self.gazetteer.lookup(w.title()) for w in words if len(w) > 1)
            ):
                for token in stretch:
                    token.capitalised = False

    def _lower_everyday_compounds(self, tokens: list[Token]) -> None:
        """ "Low-level networking", "Built-in", "Dairy-free": a capitalised pair of everyday words joined by a
        hyphen opens no name (rule `everyday-compounds`); after a capital it may end one ("Tsai Ing-wen"), and a
        known first part keeps it ("Windows-only")."""
        common = self.gazetteer.is_common_word
        for index, token in enumerate(tokens):
            if not token.capitalised or token.kind != "word" or not EVERYDAY_COMPOUND.match(token.text):
                continue
            before = _index_before(tokens, index)
            if before is not None and tokens[before].capitalised:
                continue
            first, _, second = token.text.partition("-")
            if (
                common(first)
                and common(second)
                and self.gazetteer.lookup(first) is None
                and first not in lexicon.PRODUCT_NAMES
            ):
                token.capitalised = False

    def _weigh_default_guesses(
        self, found: list[Mention], guesses: list[Mention], tokens: list[Token], is_title: bool
    ) -> list[Mention]:
        """The line's mentions after the ninth round's look at the names the default guess alone types (ORG 0.6):
        adjectives made of names dropped (`adjective-names`), the guess weakened outside running text
        (`furniture-default`)."""
        if "adjective-names" in self.rules:
            adjectives = [m for m in guesses if self._adjective_of_name(m, tokens)]
            if adjectives:
                found = [m for m in found if m not in adjectives]
                guesses = [m for m in guesses if m not in adjectives]
        if "furniture-default" in self.rules and not is_title and guesses:
            _weaken_furniture_defaults(guesses, tokens, self._is_plain_word)
        return found

    def _adjective_of_name(self, mention: Mention, tokens: list[Token]) -> bool:
        """ "Euclidean distance", "Keynesian economics", "a Biblical character", "Kafkaesque": an unknown word
        with an adjective's ending and nothing but the default guess for it is an adjective made of a name, no
        entity (rule `adjective-names`). "-ian" only before a noun-like lowercase word: "Aronian said" is a
        person; given names ("Sebastian", "Dean") stay."""
        if len(mention.words) != 1 or mention.words[0][-1] not in "nle":
            return False
        word = mention.words[0]
        ending = ADJECTIVE_ENDING.search(word)
        if ending is None or word in self.gazetteer.given_names or not _only_default_guess(mention):
            return False
        if ending.group(0) != "ian":
            return True
        after = mention.end if mention.end < len(tokens) else None
        return (
            after is not None
            and tokens[after].kind == "word"
            and not tokens[after].capitalised
            and tokens[after].lower not in NOT_NOUNS_AFTER_NAMES
        )

    def _given_and_initial(self, names: list[str]) -> bool:
        """A given name and a capital letter: "Saori K", "Marcel K" (not "Model S")."""
        return len(names) == 2 and len(names[1]) == 1 and names[1].isupper() and names[0] in self.gazetteer.given_names

    def _country_code(self, tokens: list[Token], mention: Mention, bracket: int | None) -> bool:
        """Whether the mention is a country's three-letter code in brackets after a name, as sports results write
        it ("Sanne Visser (NED) 52.88. 2. Lea Bachmann (SUI)"), with another such code in the text: then it is that
        country, one entity with the country's name."""
        code = mention.tokens[0].text
        if len(mention.tokens) != 1 or len(code) != 3 or not code.isupper() or bracket is None:
            return False
        key = load_country_codes().get(code) if code in self._results_codes else None
        named = _index_before(tokens, bracket)
        if key is None or named is None or not tokens[named].capitalised:
            return False
        # "Climate Action Network (CAN)", "Party of Regions (POR)": an acronym of the name before it
        capitals, letters, words = "", "", 0
        while named is not None and words < 8 and (tokens[named].capitalised or tokens[named].lower in CONNECTORS):
            letters = tokens[named].text[0].upper() + letters
            if tokens[named].capitalised:
                capitals = tokens[named].text[0].upper() + capitals
            named, words = _index_before(tokens, named), words + 1
        if code in (capitals[-3:], letters[-3:]):
            return False
        mention.known = KnownName("GPE", key, MAJOR_WEIGHT, "place")
        mention.scores["GPE"] += 4.0
        mention.strong = True
        return True

    def _known_evidence(self, mention: Mention) -> None:
        known = mention.known
        if known is None:
            return
        mention.scores[known.type] += {1: 1.2, 2: 2.0}.get(known.weight, 3.0)
        mention.strong = known.weight >= 2 or not mention.uncertain

    def _head_type(self, words: list[Token]) -> tuple[str, float] | None:
        """The type a head word gives: last word ("... Agency"), first word ("Lake ..."), or "X of Y"."""
        names = [t.text for t in words if t.text not in CONNECTORS]
        if len(names) < 2:
            return None
        last = names[-1]
        if ROMAN_NUMERAL.match(last) and len(names) > 2:  # "World War II"
            last = names[-2]
        if words[-1].kind == "num" and names[0] in NUMBER_HEADS:  # "Interstate 10"
            return lexicon.PREFIX_TYPES.get(names[0], "FAC"), 3.0
        if words[-1].kind == "num" and len(names) > 2 and names[-2] in ROAD_WORDS:
            return "FAC", 3.0  # "Kentucky Route 15", "State Highway 99": a road's number after its place
        if any(t.kind == "num" for t in words) and "version-number" in self.rules:
            return "PRODUCT", 3.0  # a version: "Windows 11", "Pixel 8", "iPhone 15 Pro"
        if (
            len(names) == 2
            and last in MAKER_PRODUCT_WORDS
            and "maker-services" in self.rules
            and (maker := self.gazetteer.lookup(names[0])) is not None
            and maker.type == "ORG"
            and maker.source in LISTED_BODY_SOURCES
        ):
            return "PRODUCT", 3.0  # "Google Drive", "Apple Pay": not a road, not a person
        if "romance-heads" in self.rules and not self._is_german and names[0] in ROMANCE_HEADS:
            return ROMANCE_HEADS[names[0]], 3.0  # "Rua de São Miguel", "Place Soweto", "Basílica da Estrela"
        if last in lexicon.NON_ENTITY_SUFFIXES:
            return "NONE", 0.0
        if self._is_german and "german-fuer-names" in self.rules and len(words) > 2 and words[1].text == "für":
            if _fuer_head(words[0].lower):
                return "ORG", 3.0  # "Bundesministerium für Wirtschaft und Energie", "Institut für Weltwirtschaft"
        if self._is_german and "german-bodies" in self.rules and _german_body(last):
            return "ORG", 3.0  # "Österreichischer Skiverband"
        if (
            self._is_german
            and "german-club-nicknames" in self.rules
            and len(names) == 2
            and (names[0] in CLUB_NICKNAMES or names[1] in CLUB_NICKNAMES)
            and self._club_city(names[1] if names[0] in CLUB_NICKNAMES else names[0])
        ):
            return "ORG", 3.0  # "Adler Mannheim", "Kölner Haie"
        if (
            self._is_german
            and "german-city-landmarks" in self.rules
            and len(names) == 2
            and names[1] in GERMAN_LANDMARK_NOUNS
            and self._city_adjective(names[0])
        ):
            return "FAC", 3.0  # "Berliner Rathaus", "Kölner Dom"
        if (
            self._is_german
            and "german-landscapes" in self.rules
            and len(names) == 2
            and names[1].lower() in GERMAN_LANDSCAPE_NOUNS
            and self._landscape_adjective(names[0])
        ):
            return "LOC", 3.0  # "Lüneburger Heide", "Bergisches Land", "Fränkische Schweiz"
        if self._is_german and "german-institution-names" in self.rules and names[0] in GERMAN_INSTITUTION_NOUNS:
            return GERMAN_INSTITUTION_NOUNS[names[0]], 3.0  # "Flughafen Hamburg", "Hochschule Geisenheim"
        if (
            self._is_german
            and "german-cantons" in self.rules
            and len(names) == 2
            and names[0] == "Kanton"
            and self._is_place_name(names[1])
        ):
            return "GPE", 3.0  # "Kanton Zürich", "Kanton Jura"
        if (
            self._is_german
            and "german-academic-fields" in self.rules
            and len(names) == 2
            and names[0].endswith(("e", "en"))
            and names[0].isalpha()
            and names[1].lower().endswith(GERMAN_FIELD_TAILS)
            and self.gazetteer.lookup(" ".join(names)) is None
        ):
            return "NONE", 0.0  # "Praktische Theologie", "Angewandte Informatik": a subject, no body
        if (
            self._is_german
            and "german-institution-compounds" in self.rules
            and len(names) == 2
            and (kind := _institution_compound_type(names[0]))
            and self._is_place_name(names[1])
        ):
            return kind, 3.0  # "Porzellanfabrik Weimar", "Bunkermuseum Emden": no person
        if (
            self._is_german
            and "german-office-places" in self.rules
            and names[0] in GERMAN_OFFICE_NOUNS
            and self._is_place_name(names[1])
        ):
            return GERMAN_OFFICE_NOUNS[names[0]], 3.0  # "Amtsgericht Kiel", "Kreis Kleve"
        if (
            self._is_german
            and "german-place-bodies" in self.rules
            and names[0] in GERMAN_PLACE_BODY_NOUNS
            and len(names) in (2, 3)
            and self._is_place_name(" ".join(names[1:]))
        ):
            return "ORG", 3.0  # "Theater Greifswald", "Tourismusverband Sächsische Schweiz"
        if (
            self._is_german
            and "german-named-bodies" in self.rules
            and any(name.lower().endswith(GERMAN_NAMED_BODY_HEADS) for name in names[1:])
        ):
            return "ORG", 3.0  # "Ludwig Boltzmann Institut für ...", "Hanns Seidel Stiftung": named after a person
        if (
            self._is_german
            and "german-genitive-bodies" in self.rules
            and len(words) > 2
            and any(
                words[i].raw in ("der", "des") and _is_body_noun(words[i - 1].lower) for i in range(1, len(words) - 1)
            )
        ):
            return "ORG", 3.0  # "Akademie der Künste", "Österreichische Akademie der Wissenschaften"
        if last in lexicon.SURNAME_HEADS and len(names) == 2 and names[0] in self.gazetteer.given_names:
            return None  # "Sarah Pass", "Rod Marsh": a surname, not a mountain pass
        if last == "Games" and "company-games" in self.rules and self._company_games(names[-2]):
            return "ORG", 3.0  # "Epic Games", "Kantan Games"
        if "head-of" in self.rules and len(words) > 2 and words[1].text in ("of", "for"):
            first_head = lexicon.PREFIX_TYPES.get(names[0]) or lexicon.SUFFIX_TYPES.get(names[0])
            if first_head is not None:
                return first_head, 3.0  # "Friends of Feeder Road": in "X of Y" the head is X
            if "more-connector-heads" in self.rules and (
                names[0] in lexicon.MORE_CONNECTOR_HEADS
                or words[1].text == "for"
                and names[0] in lexicon.PEOPLE_FOR_HEADS
            ):
                return "ORG", 3.0  # "Lawyers for Human Rights", "Journal of Nutrition"
        if "event-names" in self.rules:
            if last == "League" and names[-2] in lexicon.COMPETITION_LEAGUES:
                return "EVENT", 3.0  # "Champions League", "CAF Champions League"; not "Premier League"
            if "-" in last and lexicon.SUFFIX_TYPES.get(last.rsplit("-", 1)[1]) == "EVENT":
                return "EVENT", 3.0  # "London E-Prix"
        if "nature-heads" in self.rules and last in lexicon.NATURE_SUFFIXES:
            return "LOC", 3.0  # "Western Isles", "Moray Firth"
        if (
            last in CENTRE_WORDS
            and names[-2] in lexicon.VENUE_CENTRE_KINDS
            and "venue-centres" in self.rules
            and not self._is_german
        ):
            return "FAC", 3.0  # "Montego Bay Convention Centre", "Olympic Aquatics Centre": a building, not a body
        if last in lexicon.SUFFIX_TYPES:
            return lexicon.SUFFIX_TYPES[last], 3.0
        if (
            "business-heads" in self.rules
            and last in lexicon.BUSINESS_HEADS
            and not self._is_german
            and names[-2] not in self.gazetteer.given_names  # "(Defender) Tom Lodge": a person
        ):
            return lexicon.BUSINESS_HEADS[last], 2.0  # "Kimbo Cafe", "Harbour Lights Inn", "Steel Creek Resort"
        if "nature-heads" in self.rules and names[0] in lexicon.NATURE_PREFIXES:
            return "LOC", 2.5  # "River Thames", "Loch Lomond"
        if (
            "nature-heads" in self.rules
            and names[0] == "Col"
            and (words[1].text in lexicon.NAME_PARTICLES or words[1].text.startswith("d'"))
        ):
            return "LOC", 2.5  # a mountain pass: "Col du Galibier", "Col de la Croix"; not "Col Gaddafi"
        if names[0] == "County" and len(names) == 2 and "county-prefix" in self.rules and not self._is_german:
            return "GPE", 2.5  # "County Kildare", "County Durham"; "County Hall", "County Council" took their head
        if names[0] in lexicon.PREFIX_TYPES:
            return lexicon.PREFIX_TYPES[names[0]], 2.5
        for token, following in zip(words, words[1:], strict=False):
            if following.text in ("of", "for", "on", "and") and token.text in lexicon.SUFFIX_TYPES:
                return lexicon.SUFFIX_TYPES[token.text], 2.5  # "Customs and Border Protection"
        if (
            "compass-tails" in self.rules
            and not self._is_german
            and last in COMPASS_TAILS
            and len(names) >= 2
            and self._is_known_place(" ".join(names[:-1]))
        ):
            return "GPE", 2.5  # "Blackpool South", "Jurong East": a district or a constituency
        if names[0] in lexicon.COMPASS_WORDS:  # "West Antarctica", "North Darfur", "North American"
            if all(name in lexicon.COMPASS_WORDS for name in names):
                return "LOC", 2.5  # "North West"
            base = self.gazetteer.lookup(" ".join(names[1:]))
            if base is not None and base.type in ("GPE", "LOC", "NORP"):
                return base.type, 2.5
        return None

    def _company_games(self, before: str) -> bool:
        """ "X Games" is a company unless X says which games: a place or people ("Asian Games"), a season or
        a word of lexicon.GAMES_KINDS ("Commonwealth Games", "Olympic Games")."""
        if before in lexicon.GAMES_KINDS or before in SEASONS:
            return False
        known = self.gazetteer.lookup(before)
        return known is None or known.type not in ("GPE", "LOC", "NORP")

    def _shape_evidence(self, mention: Mention, head: tuple[str, float] | None = HEAD_NOT_ASKED) -> None:
        """What the words themselves suggest: head words, given names, acronyms. `head` is what _head_type said of
        the mention's words, when the caller has asked it already."""
        names = mention.words
        if not names:
            return
        if "product-names" in self.rules and self._is_known_product(mention):
            mention.scores["PRODUCT"] += 3.0  # "Copilot", "Android", "Galaxy S24 Ultra"
            mention.strong = True
            return
        if self._is_german and len(names) == 1 and self._german_credit_or_party(mention.tokens[0]):
            mention.known = None
            mention.scores.clear()
            mention.scores["ORG"] += 3.0  # "(dpa)", "die Grünen"
            mention.strong = True
            return
        if mention.known is not None:
            return
        if head is HEAD_NOT_ASKED:
            head = self._head_type(mention.tokens)
        if head is not None:
            kind, score = head
            if kind == "NONE":  # an award, a law, an index: not one of our types
                mention.surface = ""
                return
            mention.scores[kind] += score
            mention.strong = True
            if kind == "ORG" and len(names) == 2 and names[0] in self.gazetteer.given_names:
                mention.scores["PERSON"] += 1.0  # "Sarah Court": a head word after a first name is weaker
            return
        first = names[0]
        if self._is_german and len(names) == 1 and "german-facility-compounds" in self.rules:
            named = self._german_named_compound(first)
            if named is not None:
                mention.scores[named] += 2.5  # "Georgenstraße", "Bode-Museum", "James-Simon-Galerie"
                mention.strong = True
                return
        if (
            self._is_german
            and len(names) > 1
            and "german-name-adjectives" in self.rules
            and _german_name_adjective(first)
            and self.gazetteer.lookup(first) is None
        ):
            nature = names[-1].lower() in GERMAN_NATURE_NOUNS
            mention.scores["LOC" if nature else "ORG"] += 1.5  # "Bayerische Regiobahn", "Schwäbische Alb": no
            return  # person's name opens with an adjective
        if len(names) > 1 and "ampersand-org" in self.rules and self._joined_by_ampersand(mention.tokens):
            mention.scores["ORG"] += 2.0  # "Pratt & Whitney", "Procter & Gamble": people are listed with "and"
            mention.strong = True
            return
        if (
            "given-initial" in self.rules
            and not self._is_german
            and self._given_and_initial(names)
            and not self.gazetteer.is_common_word(names[0])  # without a full stop after it, "Marcel" may be a word
        ):
            mention.scores["PERSON"] += 2.5  # "Saori K.", "Milo H": a child's or a commenter's name, not "Model S"
            mention.strong = True
            return
        if len(names) > 1 and "product-shape" in self.rules and self._looks_like_product(mention.tokens):
            mention.scores["PRODUCT"] += 2.5  # "RAV4 Hybrid", "Vizzion Concept", "Mach E"
            mention.strong = True
            return
        if len(names) > 1:
            known_first = self.gazetteer.lookup(first)
            if _is_acronym(mention.tokens[0]) and (known_first is None or known_first.type == "ORG"):
                mention.scores["ORG"] += 1.5  # "BBC Sport"
            elif known_first is not None and known_first.type == "ORG" and known_first.source in LISTED_BODY_SOURCES:
                if "maker-product" in self.rules and self._maker_and_model(names):
                    mention.scores["PRODUCT"] += 2.0  # "Apple Music", "Google Play", "Honda Odyssey"
                else:
                    mention.scores["ORG"] += 2.0  # "Sony Pictures Classics"
            elif "place-team" in self.rules and self._place_then_name(names):
                mention.scores["ORG"] += 2.0  # "San Antonio Spurs", "Los Angeles Galaxy": a club named by its city
                mention.strong = True
            elif "city-team" in self.rules and self._city_and_plural(names):
                mention.scores["ORG"] += 3.0  # "Dallas Cowboys": over "Dallas" as a given name, and a title before it
                mention.strong = True
            elif (
                "everyday-last-word" in self.rules
                and first in self.gazetteer.given_names
                and known_first is not None
                and known_first.weight >= 2
                and self._everyday_last_word(names)
            ):
                mention.scores["ORG"] += 0.6  # "Rand Water", "Sydney Swans": a given name, then a word no surname
                mention.scores["PERSON"] += 0.4
            elif first in self.gazetteer.given_names and not self.gazetteer.is_common_word(first):
                mention.scores["PERSON"] += 2.5
                mention.strong = True
            elif first in self.gazetteer.given_names:
                mention.scores["PERSON"] += 1.5
            elif "initial-first" in self.rules and self._initial_then_surname(mention.tokens):
                mention.scores["PERSON"] += 2.5  # "M. Rädel", "J. Smith": an initial, then an uncommon word
                mention.strong = True
            elif first in lexicon.INSTITUTION_ADJECTIVES or self._holds_major_name(names):
                mention.scores["ORG"] += 1.2  # "National Civil Registry", "Central Ohio Crime Stoppers"
            elif self._is_german and "german-noun-phrases" in self.rules and self._german_noun_phrase(mention):
                return  # "Gereifter Fahrspaß", "Leichten Mannschaftswagen" opening a sentence: an adjective, a noun
            elif "no-person-default" not in self.rules or "person-shape" in self.rules and self._person_shaped(names):
                mention.scores["PERSON"] += 1.0  # "Yoane Wissa": two or three unknown, uncommon words
            elif self._is_german and "german-english-phrases" in self.rules and all(map(self._is_plain_word, names)):
                # "Open Interest", "Hate Speech", "Augmented Reality": German capitalises the nouns it borrows, so
                # English everyday words are a term unless the words around them say more ("die Serie True Blood")
                return
            else:
                # No evidence of a person: a weak ORG that context ("said", a title, "who") can overturn.
                # Defaulting to PERSON typed car models, racing teams and provinces as people.
                mention.scores["ORG"] += 0.6
                mention.scores["PERSON"] += 0.4
                mention.plain = (
                    "plain-phrases" in self.rules and not self._is_german and all(map(self._is_plain_word, names))
                )
            return
        token = mention.tokens[0]
        if token.text in lexicon.NON_ENTITY_ACRONYMS:  # "CO2", "EL": not acronyms by shape, and no names
            mention.surface = ""
            return
        if self._is_german and "german-common-acronyms" in self.rules and token.text in GERMAN_NON_NAME_ACRONYMS:
            mention.surface = ""  # "§ 5 TMG", "per IBAN", "KI": a law's code or an everyday abbreviation
            return
        if "everyday-capitals" in self.rules and not self._is_german and token.text in lexicon.EVERYDAY_CAPITALS:
            mention.surface = ""  # "the Internet", "by Email", "degrees Celsius"
            return
        if "language-names" in self.rules and not self._is_german and token.text in lexicon.LANGUAGE_NAMES:
            mention.surface = ""  # "printed in Urdu and Dari": a language that is no people's name is no entity
            return
        if "currency-names" in self.rules and not self._is_german and token.text in lexicon.CURRENCY_NAMES:
            mention.surface = ""  # "paid in Bitcoin", "39,95 Euro"
            return
        if "code-identifiers" in self.rules and CODE_IDENTIFIER.match(token.text):
            mention.surface = ""  # "SafeBrowsingProtectionLevel", "getElementById": a page quoting program code
            return
        if "event-names" in self.rules and CLIMATE_SUMMIT.match(token.text):
            mention.scores["EVENT"] += 3.0  # "COP28", "COP29": the UN climate summits
            mention.strong = True
            return
        if _is_acronym(token):
            if _acronym_stem(token.text) in lexicon.NON_ENTITY_ACRONYMS:
                mention.surface = ""
                return
            mention.scores["ORG"] += 2.0
            mention.strong = True
            return
        if token.kind == "abbr":
            mention.scores["ORG"] += 0.3  # "H.R. 2", "p.m.": dotted capitals are rarely names unless known
            return
        if "german-region-prefixes" in self.rules and self._is_german and (region := self._prefixed_region(first)):
            mention.scores[region[1]] += 3.0  # "Norddeutschland" LOC, "Oberfranken" GPE
            mention.strong = True
            return
        if "german-federal-bodies" in self.rules and self._is_german and _federal_body(first):
            mention.scores["ORG"] += 2.0  # "Bundeswehr", "Bundesnetzagentur", "Ständerat"
            mention.strong = True
            return
        if "german-bodies" in self.rules and self._is_german and _german_body(first):
            mention.scores["ORG"] += 2.0  # "Bundeskartellamt", "Monopolkommission", "Schwarz-Gruppe"
            mention.strong = True
            return
        if "german-demonyms" in self.rules and self._is_german and self._german_demonym(first):
            mention.scores["NORP"] += 3.0  # "die Schweizer", "zwei Norweger"
            mention.strong = True
            return
        if "country-adjective" in self.rules and self._country_adjective(first):
            mention.scores["NORP"] += 2.5  # "Icelandic", "Philippine", "Korean": a country's adjective
            mention.strong = True
            return
        if "demonym-nouns" in self.rules and (first in lexicon.DEMONYM_NOUNS or self._is_resident_noun(first)):
            mention.scores["NORP"] += 3.0  # "the Spaniard", "Albertans"
            mention.strong = True
            return
        if "product-shape" in self.rules and _hyphenated_model(first):
            mention.scores["PRODUCT"] += 2.5  # "Mach-E"
            mention.strong = True
            return
        common = self.gazetteer.is_common_word(first)
        if first in self.gazetteer.given_names:
            mention.scores["PERSON"] += 0.6 if common else 1.5
            mention.strong = not common
        elif not common:
            mention.scores["ORG"] += 0.6
            mention.scores["PERSON"] += 0.4
            if _has_inner_capital(first) and not (
                self._is_german and "german-hyphen-capitals" in self.rules and _german_hyphen_capitals_only(first)
            ):
                mention.scores["ORG"] += 0.5  # "CommBank", "YouTube"; in German not "Futures-Börse"

    def _german_noun_phrase(self, mention: Mention) -> bool:
        """Whether an unknown run of capitals ends in a German common noun (or a compound or hyphenated word ending
        in one) and opens a sentence or starts with another noun: "Gereifter Fahrspaß", "Leichten Mannschaftswagen",
        "Gemäß Bundesmeldegesetz". Mid-sentence German writes an adjective in lower case unless it opens a name
        ("die Letzte Generation"), so there the run keeps its default."""
        names = mention.words
        last, first = names[-1], names[0]
        if not last.replace("-", "").isalpha() or last in self.gazetteer.given_names:
            return False
        nouns = load_german_nouns_with_rare()
        if not (last.lower() in nouns or _ends_in_noun(last, load_german_common_nouns())):
            return False
        if self.gazetteer.lookup(last) is not None:
            return False
        return mention.tokens[0].uncertain or first.lower() in nouns

    def _place_then_name(self, names: list[str]) -> bool:
        """A sizeable place of two or three words, then one more word: "San Antonio Spurs", "Kansas City Chiefs"
        (a one-word place is _holds_major_name's)."""
        if not 3 <= len(names) <= 4:
            return False
        place = self.gazetteer.lookup(" ".join(names[:-1]))
        return place is not None and place.type == "GPE" and place.weight >= 2

    def _city_and_plural(self, names: list[str]) -> bool:
        """A sizeable one-word city, then a plural everyday noun: "Dallas Cowboys", "Chicago Bulls", "Leeds Rhinos";
        after a city that is also a given name only a club's nickname of lexicon.TEAM_NICKNAMES."""
        if len(names) != 2:
            return False
        city, plural = names
        place = self.gazetteer.lookup(city)
        if place is None or place.type != "GPE" or place.weight < 2:
            return False
        if (
            not (plural.isalpha() and plural.endswith("s") and plural[1:].islower())
            or plural in self.gazetteer.given_names
        ):
            return False
        if plural in lexicon.TEAM_NICKNAMES:
            return True
        if city in self.gazetteer.given_names:
            return False  # "Charlotte Wells", "Austin Rivers": a surname may be a plural word
        return self.gazetteer.is_common_word(plural) or self.gazetteer.is_common_word(plural[:-1])

    def _maker_and_model(self, names: list[str]) -> bool:
        """A known company and one more plain word that is no head word, place or plural: "Apple Music",
        "Honda Odyssey"; not "Toyota Motor", "Google India", "Meta Platforms" or "Samsung SDI"."""
        if len(names) != 2:
            return False
        model = names[1]
        if not (model.isalpha() and model[0].isupper() and model[1:].islower()) or model.endswith("s"):
            return False
        return model not in lexicon.SUFFIX_TYPES and self.gazetteer.lookup(model) is None

    def _joined_by_ampersand(self, tokens: list[Token]) -> bool:
        """Capitalised words on both sides of "&", not two given names ("Harry & Meghan")."""
        for index, token in enumerate(tokens[1:-1], start=1):
            if token.text == "&" and tokens[index - 1].capitalised and tokens[index + 1].capitalised:
                given = self.gazetteer.given_names
                return not (tokens[0].text in given and tokens[index + 1].text in given)
        return False

    def _is_known_product(self, mention: Mention) -> bool:
        """A name of lexicon.PRODUCT_NAMES, alone or first ("Galaxy S24 Ultra", "Windows Server"), unless the
        gazetteer knows it as a larger place or the name ends in an organisation's head word ("Android Authority
        Group")."""
        names = mention.words
        maker_and_product = len(names) > 1 and names[-1] in lexicon.PRODUCT_NAMES  # "GitHub Copilot"
        software = names[0] in lexicon.SOFTWARE_NAMES and "software-names" in self.rules and not self._is_german
        if (
            names[0] not in lexicon.PRODUCT_NAMES
            and not software
            and not (maker_and_product and names[0] not in self.gazetteer.given_names)
        ):
            return False
        known = mention.known
        if known is not None and known.weight >= 2:
            return False
        return len(names) == 1 or lexicon.SUFFIX_TYPES.get(names[-1]) != "ORG"

    def _german_credit_or_party(self, token: Token) -> bool:
        if token.raw in GERMAN_AGENCY_CREDITS:
            return "german-agency-credits" in self.rules
        return token.text in ("Grünen", "Linke") and "german-parties" in self.rules

    def _german_party(self, tokens: list[Token], index: int) -> bool:
        """ "die Grünen", "der Linken", "SPD, Grüne und Linke": a party's capitalised adjective after an article, a
        preposition or a list's joiner, and before no other capitalised word ("die Grüne Woche" is no party)."""
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and following.capitalised:
            return False
        previous = tokens[index - 1].raw if index else ""
        text = tokens[index].text
        if text in ("Grüne", "Linke") and previous not in ("die", "Die", "/", ",", "und", "sowie", "oder"):
            return False  # "der Grüne", "ins Grüne": a member, the countryside
        if previous not in GERMAN_PARTY_OPENERS:
            return False
        if text.startswith("Grün") or previous == "Die" and not tokens[index - 1].uncertain:
            return True  # "die Grünen"; "(Die Linke)", "Fraktion Die Linke": the party's own name
        return self._names_parties()

    def _kept_brands(self) -> frozenset[str]:
        """The curated one-word firms the German noun list also has ("Twitter", "Facebook", "Microsoft"), but for
        the words that are nouns or names of people too ("Bayer", "Wagner", "House"): german-known-firms."""
        if "german-known-firms" not in self.rules:
            return frozenset()
        if self._brands is None:
            nouns = load_german_common_nouns()
            self._brands = frozenset(
                surface
                for surface, entry in self.gazetteer.names.items()
                if " " not in surface
                and entry[0] == "ORG"
                and entry[3:4] == ["curated"]
                and surface.lower() in nouns
                and surface not in AMBIGUOUS_FIRMS
            )
        return self._brands

    def _names_parties(self) -> bool:
        """Whether the text names a party by its acronym: "die Linke" is the party beside "SPD" or "CDU", and in an
        essay with no party the political left ("in der Linken" is also the left hand)."""
        if self._article_names_parties is None:
            self._article_names_parties = any(
                token.raw in GERMAN_PARTY_ACRONYMS for tokens in self._article_lines for token in tokens
            )
        return self._article_names_parties

    def _spa_town(self, mention: Mention) -> bool:
        """ "Bad Goisern", "Bad Deutsch-Altenburg": "Bad" and a name the gazetteer lacks (rule german-spa-towns)."""
        words = mention.tokens
        return (
            self._is_german
            and len(words) == 2
            and words[0].text == "Bad"
            and mention.known is None
            and "german-spa-towns" in self.rules
        )

    def _noun_led_places(self) -> dict[str, tuple[int, ...]]:
        """Known places of two or three words one of which German's noun lists hold, by their first word, with their
        lengths: "Los" (Angeles), "Fort" (Worth), "El" (Salvador), "Golf" (von Aden), "New" (York City), "Cayman"
        (Islands); rule german-noun-led-places. Worked out once per tagger."""
        if self._noun_led is None:
            lengths: dict[str, set[int]] = defaultdict(set)
            if "german-noun-led-places" in self.rules:
                nouns = load_german_common_nouns()
                for surface, entry in self.gazetteer.names.items():
                    words = surface.split()
                    if 2 <= len(words) <= 3 and entry[0] in ("GPE", "LOC", "FAC") and entry[2] >= 2:
                        if any(  # "Los Angeles", "New York City"; "Cayman Islands" (not Iceland's genitive)
                            word.lower() in nouns or word.endswith("s") and self.gazetteer.lookup(word[:-1]) is not None
                            for word in words
                        ):
                            lengths[words[0]].add(len(words))
            self._noun_led = {word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()}
        return self._noun_led

    def _noun_led_span(self, tokens: list[Token], index: int) -> int:
        """How many words from `index` on spell a known place that opens with a German noun; 0 when none."""
        for length in self._noun_led_places()[tokens[index].text]:
            words = tokens[index : index + length]
            if len(words) == length and all(w.kind in ("word", "kept") for w in words):
                known = self.gazetteer.lookup(" ".join(w.text for w in words))
                if known is not None and known.type in ("GPE", "LOC", "FAC"):
                    return length
        return 0

    def _major_place_nouns(self) -> frozenset[str]:
        """Countries, capitals, cities of a million and German states that German's noun lists also hold ("China",
        "Paris", "Rom", "Bayern"; rule german-major-places); not "Mann" (the Isle of Man to geonames) or "Male" (the
        Maldives' capital), far more often "man" and the plural of "Mal". Worked out once per tagger."""
        if self._place_nouns is None:
            nouns = load_german_common_nouns()
            self._place_nouns = (
                frozenset(
                    surface
                    for surface, entry in self.gazetteer.names.items()
                    if entry[0] == "GPE"
                    and entry[2] >= MAJOR_WEIGHT
                    and surface.lower() in nouns
                    and surface not in ("Mann", "Male")
                )
                if "german-major-places" in self.rules
                else frozenset()
            )
        return self._place_nouns

    def _keep_german_names(self, tokens: list[Token]) -> None:
        """Before frequent German nouns are read as ordinary words: mark the capitalised words that are names
        all the same (kind "kept", restored after), and read a known place's genitive as the place."""
        genitive = "german-genitive" in self.rules
        demonyms = "german-demonyms" in self.rules
        weak = "german-weak-demonyms" in self.rules
        bodies = "german-bodies" in self.rules
        places = "german-places" in self.rules
        nouns = load_german_common_nouns()
        rare_nouns = load_german_rare_nouns() if "german-rare-nouns" in self.rules else None
        curated = "german-curated" in self.rules
        for index, token in enumerate(tokens):
            if not token.capitalised or token.kind != "word":
                continue
            text = token.text
            if text in GERMAN_PARTY_WORDS and "german-parties" in self.rules and self._german_party(tokens, index):
                token.kind = "kept"  # "die Grünen", "der Linken": the party, not the adjective used as a noun
                token.text = GERMAN_PARTY_WORDS[text]
            elif (
                text in ("Kanton", "Kantons")
                and "german-cantons" in self.rules
                and index + 1 < len(tokens)
                and tokens[index + 1].capitalised
                and self._is_place_name(tokens[index + 1].text)
                and self._written_alone(tokens[index + 1].text, ("Kanton", "Kantons"))
            ):
                token.kind = tokens[index + 1].kind = (
                    "kept"  # "Kanton Bern": the canton, not the city (before the genitive rule,
                )
                # which reads "Kantons" as Canton's)
                if text == "Kantons":
                    token.text = "Kanton"  # "des Kantons Genf" is the Kanton Genf
            elif curated and (span := _curated_german_span(tokens, index)):
                for kept in tokens[index : index + span]:
                    kept.kind = "kept"  # "Vereinten Nationen", "Roten Kreuzes", "Mittelmeer": not the nouns
            elif genitive and text.endswith("s") and self._german_genitive(text, tokens, index, places):
                token.text = text[:-1]  # "Österreichs Skiverband", "Deutschlands Bahn": the place, in the genitive
                token.possessive = True
                if places:
                    token.kind = "kept"  # "Niedersachsens": "Niedersachsen" is also a plural noun
            elif (
                text == "Bad"
                and "german-spa-towns" in self.rules
                and index + 1 < len(tokens)
                and tokens[index + 1].capitalised
                and tokens[index + 1].kind == "word"
                and tokens[index + 1].text.lower() not in nouns
                and tokens[index + 1].text.lower() not in lexicon.GERMAN_STOPWORDS
            ):
                token.kind = tokens[index + 1].kind = "kept"  # "in Bad Ischl": not the noun "Bad" (a bathroom)
            elif text == "St" and self._saint_place_at(tokens, index):
                tokens[index + 2].kind = "kept"  # "St. Gallen": not the noun "Gallen" (bile ducts)
            elif text in self._noun_led_places() and (span := self._noun_led_span(tokens, index)):
                for kept in tokens[index : index + span]:
                    kept.kind = "kept"  # "in Los Angeles", "El Salvador", "Fort Worth": not the nouns "Los", "Fort"
            elif text in self._major_place_nouns():
                token.kind = "kept"  # "ob Paris zustimmt", "China lehnte ab": the noun lists hold them as words
            elif (
                places
                and (
                    index
                    and tokens[index - 1].text in GERMAN_PLACE_CONTEXT
                    or index + 1 < len(tokens)
                    and tokens[index + 1].text in GERMAN_LIST_JOINERS
                )
                and text.lower() in nouns
                and self._german_place_in_context(tokens, index)
            ):
                token.kind = "kept"  # "zwischen Bremen und Osnabrück", "Hamburg, Bremen und ...": not the noun
            elif (
                demonyms
                and text.endswith(
                    ("er", "ern", "erin", "erinnen", "e", "en") if weak and not token.uncertain else ("er", "ern")
                )
                and self._german_demonym(text)
            ):
                token.text = text[:-1] if text.endswith("ern") else text  # "Schweizer", "Norwegern"
                token.kind = "kept"
            elif (
                bodies
                and (text.endswith(GERMAN_ADJECTIVE_FORMS) or text in ("Deutscher", "Deutsche", "Deutsches"))
                and index + 1 < len(tokens)
                and _german_body(tokens[index + 1].text)
            ):
                token.kind = "kept"  # "Österreichischer Skiverband": the adjective of a body's name is part of it
            elif (
                text in GERMAN_INSTITUTION_NOUNS
                and "german-institution-names" in self.rules
                and self._names_institution(tokens, index, nouns)
            ):
                token.kind = "kept"  # "Flughafen Hamburg", "Stiftung Preußischer Kulturbesitz": the noun is in the name
            elif (
                text in GERMAN_OFFICE_NOUNS
                and "german-office-places" in self.rules
                and index + 1 < len(tokens)
                and tokens[index + 1].capitalised
                and self._is_place_name(tokens[index + 1].text)
            ):
                token.kind = "kept"  # "Amtsgericht Kiel", "Bistum Essen": the office and its place are one name
                tokens[index + 1].kind = "kept"
            elif (
                text in GERMAN_PLACE_BODY_NOUNS
                and "german-place-bodies" in self.rules
                and (place_length := self._place_after(tokens, index + 1))
            ):
                token.kind = "kept"  # "Theater Greifswald", "Verbraucherzentrale Hessen": a body named by its place
                for following in tokens[index + 1 : index + 1 + place_length]:
                    following.kind = "kept"
            elif (
                "german-name-adjectives" in self.rules
                and not token.uncertain
                and index + 1 < len(tokens)
                and _german_name_adjective(text)
                and not self._inside_longer_name(tokens, index)
                and ("german-adjective-context" not in self.rules or _after_a_small_word(tokens, index))
                and tokens[index + 1].capitalised
                and (  # "des Deutschen Instituts für Wirtschaftsforschung": a body another rule kept
                    tokens[index + 1].kind == "word"
                    or tokens[index + 1].kind == "kept"
                    and "german-fuer-adjectives" in self.rules
                )
                and tokens[index + 1].text.lower() not in lexicon.GERMAN_STOPWORDS
                and not tokens[index + 1].text.isupper()
                and not tokens[index + 1].lower.endswith(GERMAN_CAPITALISED_ROLES)
            ):
                token.kind = "kept"  # "die Deutsche Bahn", "der Sächsische Landtag": German writes the adjective
                tokens[index + 1].kind = "kept"  # of a name with a capital, any other in lower case
            elif (
                (text in CLUB_WORDS or text in CLUB_ACRONYMS)
                and "german-club-names" in self.rules
                and index + 1 < len(tokens)
                and tokens[index + 1].capitalised
                and self._club_part(tokens[index + 1].text)
            ):
                token.kind = "kept"  # "Eintracht Frankfurt", "Union Berlin", "Hertha BSC", "FC Bayern": not nouns
                tokens[index + 1].kind = "kept"
            elif (
                text in lexicon.COMPETITION_LEAGUES
                and "event-names" in self.rules
                and index + 1 < len(tokens)
                and tokens[index + 1].text == "League"
            ):
                token.kind = "kept"  # "in der Champions League": not the German noun "Champions"
                tokens[index + 1].kind = "kept"
            elif (
                index + 2 < len(tokens)
                and "german-named-bodies" in self.rules
                and tokens[index + 2].lower in GERMAN_NAMED_BODY_HEADS
                and tokens[index + 2].capitalised
                and tokens[index + 1].capitalised
                and text in self.gazetteer.given_names
            ):
                tokens[index + 1].kind = "kept"  # "Hanns Seidel Stiftung", "Max Planck Institut": named after a person
                tokens[index + 2].kind = "kept"
            elif (
                index + 1 < len(tokens)
                and tokens[index + 1].text in GERMAN_LANDMARK_NOUNS
                and "german-city-landmarks" in self.rules
                and tokens[index + 1].kind == "word"
                and self._city_adjective(text)
            ):
                token.kind = "kept"  # "Essener Dom", "Hamburger Hauptbahnhof": a city's one cathedral, station
                tokens[index + 1].kind = "kept"
            elif (
                index + 1 < len(tokens)
                and "german-landscapes" in self.rules
                and tokens[index + 1].lower in GERMAN_LANDSCAPE_NOUNS
                and tokens[index + 1].capitalised
                and tokens[index + 1].text[1:].islower()  # not a brand's "WALD"
                and tokens[index + 1].kind == "word"
                and self._landscape_adjective(text)
            ):
                token.kind = "kept"  # "Lüneburger Heide", "Zürcher Unterland": a landscape named by its town
                tokens[index + 1].kind = "kept"
            elif (
                text in GERMAN_VENUE_HEADS
                and "german-venue-heads" in self.rules
                and index
                and tokens[index - 1].capitalised
                and tokens[index - 1].kind in ("word", "abbr", "kept")
                and tokens[index - 1].lower not in nouns
                and tokens[index - 1].lower not in lexicon.GERMAN_STOPWORDS
            ):
                token.kind = "kept"  # "Lanxess Arena", "IGA Park": a venue named by a firm or an acronym
            elif (
                text.startswith(FEDERAL_BODY_STARTS)
                and "german-federal-bodies" in self.rules
                and (body := _federal_body(text))
                and not (  # "Bundesrat Ignazio Cassis", "Nationalrat Hans Meier": a Swiss or Austrian member's title
                    index + 1 < len(tokens) and tokens[index + 1].text in self.gazetteer.given_names
                )
            ):
                token.kind = "kept"  # "Bundeswehr", "Bundesrat": a country's one body, though Wiktionary lists the noun
                if body != text:
                    token.text, token.possessive = body, True  # "des Bundesrates" is the Bundesrat
            elif (
                text[:1] in REGION_PREFIX_INITIALS
                and "german-region-prefixes" in self.rules
                and (region := self._prefixed_region(text))
            ):
                token.kind = "kept"  # "Oberfranken", "Ostdeutschlands": a region, though "-franken" may end a noun
                if region[0] != text:
                    token.text, token.possessive = region[0], True  # "Norddeutschlands" is Norddeutschland
            elif (
                text in CLUB_NICKNAMES
                and "german-club-nicknames" in self.rules
                and (partner := self._club_partner(tokens, index)) is not None
            ):
                token.kind = tokens[partner].kind = "kept"  # "Eisbären Berlin", "Kölner Haie": not bears and sharks
            elif text in self._kept_brands():
                token.kind = "kept"  # "auf Twitter", "bei Facebook": a known firm Wiktionary also lists as a noun
            elif text in CURATED_PLACES:
                token.kind = "kept"  # "Sachsen", a state, though also the plural of "Sachse"
            elif rare_nouns and text.lower() in rare_nouns and self._rare_noun_in_name(tokens, index):
                token.kind = "kept"  # "Kantonspolizei Thurgau", "Preußischer Kulturbesitz": a rare noun in a name

    def _rare_noun_in_name(self, tokens: list[Token], index: int) -> bool:
        """A rare common noun that is part of a name all the same: before a known place, an institution's name as
        "Flughafen Hamburg" is ("Kantonspolizei Thurgau"; also, wrongly, "die Seehäfen Rotterdam und Antwerpen"),
        or after an adjective written with a capital mid-sentence ("Stiftung Preußischer Kulturbesitz")."""
        following = index + 1
        if (
            following < len(tokens)
            and tokens[following].capitalised
            and tokens[following].text not in self.gazetteer.given_names  # "Vereinsvorsitzende David X": a person
            and self._is_place(tokens[following].text)
            and tokens[following].text not in lexicon.GERMAN_WORLD_REGIONS  # "Kulturhauptstadt Europas": no office
        ):
            return not (  # "Römerstadt Trier", "Stadtbezirke Bergheim": a kind of place says what the place is
                "german-place-kind-compounds" in self.rules
                and tokens[index].text.lower().rstrip("s").endswith(GERMAN_PLACE_KIND_TAILS)
            )
        if not index:
            return False
        previous = tokens[index - 1]
        if previous.capitalised and previous.text.isupper() and 2 <= len(previous.text) <= MAX_ACRONYM_LETTERS:
            return _german_body(tokens[index].text)  # "NÖ Jagdverband", "BDI Arbeitskreis": an acronym, then a body
        if not previous.capitalised or not _german_name_adjective(previous.text):
            return False
        # at a sentence start only a body's name: "Deutscher Jagdverband", not "Musikalische Untermalung"
        return not previous.uncertain or _german_body(tokens[index].text)

    def _lower_suffixed_nouns(self, tokens: list[Token]) -> None:
        """ "Zugänglichmachung", "Steuergerätevernetzung", "Unbedenklichkeit": a capitalised word no list knows that
        ends in a suffix only nouns have ("-ung", "-heit", "-keit", "-schaft", "-ismus", "-tät") is a noun, not a
        name; not a body ("Bundesvereinigung"), a hyphenated name ("Max-Planck-Gesellschaft"), an acronym, a known
        name, a word inside a name the tagger kept ("Süddeutsche Zeitung"), nor one before a known place or after a
        capitalised adjective ("Schwulenberatung Berlin", "Stiftung Bayerische Denkmalpflegeförderung")."""
        for index, token in enumerate(tokens):
            text = token.text
            if (
                token.capitalised
                and token.kind == "word"
                and len(text) >= 7
                and text.endswith(NOUN_ONLY_SUFFIXES)
                and text.isalpha()
                and not text.isupper()
                and not _german_body(text)
                and self.gazetteer.lookup(text) is None
                and not self._rare_noun_in_name(tokens, index)
            ):
                token.capitalised = token.uncertain = token.headline = False

    def _lower_compound_nouns(self, tokens: list[Token], nouns: frozenset[str]) -> None:
        """ "Leasingperiode", "Thermotransferfolien", "Erlösobergrenzen": a lone capitalised word no list knows, made
        of a part and a frequent common noun of five letters or more, is a noun too. Not a body ("Förderagentur"),
        a facility ("Georgenstraße"), a paper or a station ("Tagesspiegel", "Handelsblatt"), a surname's ending
        ("Goldstein", "Obermüller"), a word beside another capitalised one ("Anna Weinstein", "Kernmaterie
        Berlin"), nor one with an inner capital ("EnBW")."""
        for index, token in enumerate(tokens):
            text = token.text
            if not token.capitalised or token.kind != "word" or len(text) < 9 or not text.isalpha():
                continue
            lowered = text.lower()
            if not text[1:].islower() or lowered.endswith(COMPOUND_NAME_TAILS) or _is_body_noun(lowered):
                continue
            before = tokens[index - 1] if index else None
            if (
                before is not None
                and before.capitalised
                and before.kind in ("word", "abbr")
                and before.lower not in lexicon.GERMAN_STOPWORDS  # "Die Leasingperiode" at a sentence start
            ):
                continue
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.capitalised and not following.possessive:
                continue  # but "Kulturhauptstadt Europas": a genitive after a noun
            if (
                self.gazetteer.lookup(text) is not None
                or text in self.gazetteer.given_names
                or self._german_named_compound(text) is not None
                or not self._noun_compound(lowered, nouns)
            ):
                continue
            token.capitalised = token.uncertain = token.headline = False

    def _lower_hyphen_nouns(self, tokens: list[Token], nouns: frozenset[str]) -> None:
        """ "Futures-Börse", "Offshore-Windenergie", "IP-Adresse", "Text-Widget": a lone hyphenated word whose last
        part is a common noun is a noun, whatever its first parts are (an English word, an acronym the text never
        writes alone). Not a body ("Robert-Koch-Institut", "CDU-Fraktion", "DFB-Pokal"), a facility ("Bode-Museum"),
        a place's part ("Berlin-Mitte"), a word with a known name in it (german-name-compounds' case: "Lufthansa-
        Tochter"), nor one beside another capitalised word, which may be a longer name's part ("Rogate-Kloster
        Sankt Michael")."""
        for index, token in enumerate(tokens):
            text = token.text
            if not token.capitalised or token.kind != "word" or "-" not in text or token.possessive:
                continue
            parts = text.split("-")
            last = parts[-1].lower()
            if len(last) < 3 or not last.isalpha() or not all(parts):
                continue
            if not (last in nouns or last.endswith("s") and last[:-1] in nouns or _ends_in_noun(last, nouns)):
                continue
            if (
                _is_body_noun(last)
                or last.endswith(GERMAN_TAIL_BODIES)
                or last.startswith(GERMAN_PLACE_PARTS)
                or last.endswith(GERMAN_NAMED_COMPOUND_HEADS)
            ):
                continue
            before = tokens[index - 1] if index else None
            if before is not None and before.capitalised and before.lower not in lexicon.GERMAN_STOPWORDS:
                continue
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.capitalised and not following.possessive:
                continue
            lookup = self.gazetteer.lookup
            if lookup(text) is not None or any(lookup(part) is not None for part in parts):
                continue
            token.capitalised = token.uncertain = token.headline = False

    def _lower_nouns_after_acronyms(self, tokens: list[Token], nouns: frozenset[str]) -> None:
        """ "HR Vorstandspositionen", "FP Zündanlage", "ADAC Kindersitztests": an unknown compound noun after an
        acronym is what the acronym's body does or a course's subject, not the end of a name; the compound rules
        leave a word beside another capitalised one alone, this one lowers it after an acronym. Not a body's,
        a facility's or a venue's noun ("NÖ Jagdverband", "SAP Arena"), a known name or place ("TU Darmstadt"),
        nor before another capitalised word."""
        for index in range(1, len(tokens)):
            token = tokens[index]
            before = tokens[index - 1]
            if (
                not token.capitalised
                or token.kind != "word"
                or not before.capitalised
                or not _is_acronym(before)
                or not 2 <= len(before.text) <= MAX_ACRONYM_LETTERS
            ):
                continue
            text = token.text
            lowered = text.lower()
            if (
                len(text) < 7
                or text.isupper()
                or not text.replace("-", "").isalpha()
                or _has_inner_capital_in_parts(text)
            ):
                continue
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.capitalised:
                continue
            if (
                not _ends_in_noun(text, nouns)
                or _is_body_noun(lowered)
                or lowered.endswith(GERMAN_NAMED_COMPOUND_HEADS)
            ):
                continue
            if lowered.endswith(GERMAN_TAIL_BODIES) or text in GERMAN_VENUE_HEADS:
                continue
            if lowered.endswith(GERMAN_PLACE_ENDINGS) or lowered.endswith(COMPOUND_NAME_TAILS):
                continue  # "FF Gumbinnen", "KZ Theresienstadt", "TSV Langenau": a club's or a camp's place
            if self.gazetteer.lookup(text) is not None or self._is_place(text):
                continue
            token.capitalised = token.uncertain = token.headline = False

    def _noun_compound(self, lowered: str, nouns: frozenset[str]) -> bool:
        """ "leasingperiode": a part of three letters or more and a German common noun of five or more, which is no
        English word ("Flixtrain") and holds no known place ("Rheinmetall", "Norddeutschland")."""
        for start in range(3, len(lowered) - 4):
            tail = lowered[start:]
            if tail in nouns or tail.endswith("s") and tail[:-1] in nouns:
                break
        else:
            return False
        if self.gazetteer.is_common_word(tail):
            return False
        return (
            not any(  # a place's name of five letters or more: not "Agen" in "Biomasseanlagen"
                self._is_place(lowered[:end].capitalize()) for end in range(5, len(lowered) - 3)
            )
            and not any(self._is_place(lowered[begin:].capitalize()) for begin in range(1, len(lowered) - 4))
        )

    @staticmethod
    def _inside_longer_name(tokens: list[Token], index: int) -> bool:
        """ "Gewerkschaft Deutscher Lokomotivführer", "Verband der Chemischen Industrie": an adjective after a
        body's noun, or after "der" and one, is the inside of a longer name, which this rule does not find; not
        "die Kunden der Deutschen Bahn"."""
        before = index - 1
        if before >= 0 and tokens[before].lower in ("der", "des") and tokens[before].raw.islower():
            before -= 1
        if before < 0 or not tokens[before].capitalised:
            return False
        return _is_body_noun(tokens[before].lower)

    def _german_named_compound(self, word: str) -> str | None:
        """ "Georgenstraße", "Pergamonmuseum", "Bode-Museum": a facility's or place's noun after a part that is no
        common noun (a name): FAC or LOC. Not "Autobahnbrücke", "Hafenstraße" (the part before is a noun)."""
        lowered = word.lower()
        if len(lowered) < 8 or not lowered.endswith(GERMAN_NAMED_COMPOUND_HEADS):
            return None
        if "german-street-names" in self.rules and (
            lowered in GERMAN_GENERIC_STREETS or lowered.endswith(NOT_STREET_ENDINGS)
        ):
            return None  # "Stellplatz", "Nachläufer", "Hochgeschwindigkeitstrasse"
        if lowered.endswith(NOT_VALLEY_ENDINGS):
            return None  # "Presseportal", "Vorjahresquartal": no valley
        head = next(h for h in GERMAN_NAMED_COMPOUND_HEADS if lowered.endswith(h))
        before = lowered[: -len(head)].rstrip("-")
        if len(before) < 3 or not before.replace("-", "").isalpha():
            return None
        nouns = load_german_common_nouns()
        if "-" in word:
            first, _, last = word.rpartition("-")
            if last.lower() != head or first.split("-")[0].lower() in nouns:
                return None  # "Bode-Museum", "Wembley-Stadion"; not "Produkt-Galerie", "Online-Marktplatz"
        else:
            stem = before[:-1] if before.endswith("s") else before
            if lowered in nouns or head in GERMAN_STREET_ONLY_HEADS and "german-street-names" not in self.rules:
                return None
            if (
                before in nouns
                or stem in nouns
                or _ends_in_noun(before, nouns, shortest=3)
                or (self.gazetteer.is_common_word(before))
            ):
                if not self._german_street_name(lowered, head):
                    return None
        return GERMAN_NAMED_COMPOUND_ENDINGS[head]

    def _german_street_name(self, lowered: str, head: str) -> bool:
        """ "Hafenstraße", "Seestraße", "Südfriedhof": a street's or a landmark's one-word name may start with a
        common noun too. Neither noun list has it, where generic compounds ("Einbahnstraße", "Parkplatz",
        "Eisenbahnbrücke") mostly are; the rest are listed."""
        if "german-street-names" not in self.rules or head not in GERMAN_STREET_HEADS:
            return False
        nouns = load_german_nouns_with_rare()
        spelled = lowered.replace("ss", "ß")  # Swiss "Landstrasse"
        # "Hauptschauplatz", "Eissporthalle": a generic compound with a prefix
        return not any(
            word[start:] in nouns or word[start:] in GERMAN_GENERIC_STREETS
            for word in {lowered, spelled}
            for start in range(len(word) - len(head) - 2)
        )

    def _names_institution(self, tokens: list[Token], index: int, nouns: frozenset[str]) -> bool:
        """Whether a name follows an institution's noun: a known place, a rare capitalised word or an adjective
        ("Flughafen Hamburg", "Weingut Meyer", "Stiftung Preußischer Kulturbesitz"); not a common noun, not a
        genitive ("Universität des Saarlandes" is left alone: "des" is no name)."""
        following = index + 1
        if following >= len(tokens) or index and tokens[index - 1].possessive:
            return False
        token = tokens[following]
        text = token.text
        if text == "St":
            return self._saint_place_at(tokens, following)  # "Universität St. Gallen"
        if not token.capitalised or token.kind != "word" or len(text) < 3 or text.isupper() and len(text) > 4:
            return False
        lowered = text.lower()
        if lowered in lexicon.GERMAN_STOPWORDS:
            return False
        if lowered.endswith(GERMAN_ADJECTIVE_FORMS) or self._is_place(text):
            return True
        return lowered not in nouns and not _ends_in_noun(text, nouns)

    def _saint_place_at(self, tokens: list[Token], index: int) -> bool:
        """Whether "St", a full stop and a capitalised word at `index` are a place the gazetteer knows ("St. Gallen",
        its "Sankt Gallen")."""
        return (
            index + 2 < len(tokens)
            and tokens[index + 1].raw == "."
            and tokens[index + 2].capitalised
            and self.gazetteer.lookup(f"St. {tokens[index + 2].text}") is not None
        )

    def _cut_compound_nouns(self, tokens: list[Token], nouns: frozenset[str]) -> None:
        """A German compound ending in a common noun, right before a name, is the noun the name follows:
        "DWD-Meteorologe Adrian Leyser", "Wirtschaftsministers Sigmar Gabriel", "Supermarktkette Kessler"; not
        before a place, which the noun names an institution of ("Kantonspolizei Aargau", "Flughafen Hamburg")."""
        for index in range(len(tokens) - 1):
            token = tokens[index]
            following = tokens[index + 1]
            if (
                token.capitalised
                and token.kind == "word"
                and following.capitalised
                and len(token.text) >= 7
                and token.text.lower() not in nouns
                and token.text not in self.gazetteer.given_names
                and self.gazetteer.lookup(token.text) is None
                and (
                    following.text in self.gazetteer.given_names
                    or not self._is_place(following.text)
                    or "german-place-kind-compounds" in self.rules
                    and token.text.lower().rstrip("s").endswith(GERMAN_PLACE_KIND_TAILS)
                )
                and (
                    _ends_in_noun(token.text, nouns)
                    or "german-role-in" in self.rules
                    and following.text in self.gazetteer.given_names
                    and _feminine_role(token.text, nouns)
                )
            ):
                token.capitalised = token.uncertain = token.headline = False

    # --- tenth round (German) ----------------------------------------------------------------------

    def _cut_role_titles(
        self, tokens: list[Token], pairs: list[int], frequent_nouns: frozenset[str], nouns: frozenset[str]
    ) -> None:
        """A German role noun before a person's name is what the person is, not part of the name: compounds with a
        short head ("Verwaltungsmann", "Ständerat", "Landsrätin") or a rarer one ("Sportredaktor") before a given
        name, with a surname or alone; a "-rat" title before a lone surname too ("an Bundesrat Roe"), as Swiss and
        Austrian papers write a minister's or a councillor's title; "Frater" before any name. A "-mann" word not
        after another name word, which may be its given name ("Hans Zimmermann Peter Roe" in a list). Runs after
        the common nouns are lowered; pairs: where a capitalised word precedes another."""
        for index in pairs:
            following = tokens[index + 1]
            if not following.capitalised:
                continue
            token = tokens[index]
            if not token.capitalised or token.kind == "punct" or token.text.isupper():
                continue
            if not token.text.isalpha() and not token.text.replace("-", "").isalpha():
                continue
            if index and tokens[index - 1].capitalised and token.text.endswith("mann"):
                continue
            if token.text in GERMAN_RELIGIOUS_TITLES and following.kind == "word":
                pass  # "Frater Franziskus"
            elif "sport-roles" in self.rules and _german_sport_role(token.text) and following.kind == "word":
                pass  # "Zuspieler Jonas Albrecht", "VfB-Libero Tim Hoffmeister": a team's position
            elif following.text in self.gazetteer.given_names:  # with a surname or alone: "Sportredaktor Samuel"
                if (
                    token.kind != "word"
                    or token.text in self.gazetteer.given_names
                    or not _role_noun(token.text, nouns)
                    or _ends_in_noun(token.text, frequent_nouns)  # german-noun-prefix's case
                ):
                    continue
            elif not (
                _council_title(token.text, nouns)
                and following.kind == "word"
                and not following.text.isupper()
                and following.text not in self.gazetteer.given_names
                and self.gazetteer.lookup(following.text) is None
                and (index + 2 == len(tokens) or not tokens[index + 2].capitalised)
            ):
                continue
            token.capitalised = token.uncertain = token.headline = False
            self._role_title_tokens.add(id(token))  # the name after it is a person's: "Sportredaktor Samuel"

    def _cut_before_genitive_places(self, tokens: list[Token], pairs: list[int]) -> None:
        """ "die größte Angelshow Deutschlands", "die Positionierung Berlins", "eine Einkreisung Russlands": an unknown
        word before a known place in the genitive is a noun the place belongs to, not a name with it; German names
        of bodies take the place uninflected ("Universität Hamburg", "Handelsverband Deutschland")."""
        for index in pairs:
            place = tokens[index + 1]
            if not place.capitalised or not place.raw.endswith("s") or len(place.raw) < 5:
                continue
            token = tokens[index]
            if not token.capitalised or token.kind != "word" or token.text.isupper():
                continue
            if index + 2 < len(tokens) and tokens[index + 2].capitalised:
                continue  # "Angelshow Deutschlands Anglerverband": not a plain genitive
            if token.text in self.gazetteer.given_names or self.gazetteer.lookup(token.text) is not None:
                continue
            # german-genitive read "Deutschlands" as "Deutschland" (a major place, or one before a noun); left alone,
            # an s may just end a name ("Kool Savas", "Costa Barros")
            if place.possessive and place.text == place.raw[:-1] and self._is_place(place.text):
                token.capitalised = token.uncertain = token.headline = False

    def _lower_nouns_after_genitives(self, tokens: list[Token], pairs: list[int], nouns: frozenset[str]) -> None:
        """ "Luthers Sommersalat", "Mannings Rechtsbeistand", "Bregmans Vorgängerwerk": a name in the genitive, then
        a compound ending in a common noun (four letters or more: "-gala", "-show"), is the name and a thing of its,
        not one name; the noun lists lack most compounds, so only those beside a name stayed capitalised. Not after
        an adjective in "-es" ("Olympisches Gold"), a noun ("Ballhaus"), or a name's first word other than a given
        name ("Las Vegas"), nor before another capitalised word."""
        for index in pairs:
            token = tokens[index]
            raw = token.raw
            if not token.capitalised or token.kind != "word" or not raw.endswith("s") or len(raw) < 4:
                continue
            if raw.endswith(("es", "ss")) or raw.isupper() or token.possessive or "-" in raw:
                continue
            if index and tokens[index - 1].capitalised and tokens[index - 1].text not in self.gazetteer.given_names:
                continue  # "Las Vegas Review-Journal", "Energy Transitions Commission"; not "Pierre Gaslys"
            noun = tokens[index + 1]
            if not noun.capitalised or noun.kind != "word" or noun.text.isupper():
                continue
            if index + 2 < len(tokens) and tokens[index + 2].capitalised:
                continue
            if self.gazetteer.lookup(raw) is not None or raw in self.gazetteer.given_names:
                continue
            if raw.lower() in nouns or _ends_in_noun(raw, nouns, shortest=4):
                continue  # "Ballhaus Naunynstraße": a noun, not a name in the genitive
            if "-" in noun.text and self.gazetteer.lookup(raw + " " + noun.text.split("-", 1)[0]) is not None:
                continue  # "Davis Cup-Finale"
            if self.gazetteer.lookup(noun.text) is None and (
                noun.lower in nouns or _ends_in_noun(noun.text, nouns, shortest=4)
            ):
                noun.capitalised = noun.uncertain = noun.headline = False

    # --- eighth round (German), second half --------------------------------------------------------

    def _lower_language_levels(self, tokens: list[Token]) -> None:
        """ "Niveau B2", "Kurse von A1 bis C1", "Gruppe A2": a level of the European language framework is no
        name (it was ORG). Only after a word that names a level, or in an article that writes two or more
        different levels: alone, "A1" is also a motorway or a telecom firm."""
        for index, token in enumerate(tokens):
            if token.raw not in LANGUAGE_LEVELS or not token.capitalised:
                continue
            after_level_word = index > 0 and tokens[index - 1].lower in LANGUAGE_LEVEL_WORDS
            if after_level_word or len(self._article_levels()) > 1:
                token.capitalised = token.uncertain = token.headline = False

    def _written_alone(self, name: str, openers: tuple[str, ...]) -> bool:
        """Whether the article also writes the name without one of the openers before it: "Kanton Zürich" is a
        name of its own where the text names the city "Zürich" too; where it does not, the canton is "Nidwalden"."""
        for tokens in self._article_lines:
            for index, token in enumerate(tokens):
                if token.raw == name and (not index or tokens[index - 1].raw not in openers):
                    return True
        return False

    def _article_levels(self) -> frozenset[str]:
        """The language levels the article writes ("A1", "B2")."""
        if self._article_level_set is None:
            self._article_level_set = frozenset(
                token.raw for tokens in self._article_lines for token in tokens if token.raw in LANGUAGE_LEVELS
            )
        return self._article_level_set

    # --- eighth round (German) ------------------------------------------------------------------------

    def _prefixed_region(self, word: str) -> tuple[str, str] | None:
        """ "Norddeutschland", "Ostwestfalens", "Oberfranken", "Vorpommern", "Südfrankreich": a direction or a
        position and a known place or a historical region, as (the name in the nominative, its type): an upper,
        lower or middle part is an administrative region (GPE), a direction's part a landscape (LOC)."""
        if len(word) < 9 or word[0] not in REGION_PREFIX_INITIALS or not word.startswith(GERMAN_REGION_PREFIXES):
            return None
        if not word.isalpha() or self.gazetteer.lookup(word) is not None:
            return None
        prefix = next(p for p in GERMAN_REGION_PREFIXES if word.startswith(p))
        for name in (word, word[:-1]) if word.endswith("s") else (word,):
            rest = name[len(prefix) :].capitalize()
            if len(rest) < 4 or rest.lower() in load_german_common_nouns() and rest not in GERMAN_REGION_STEMS:
                continue  # "Oberstufe", "Nordsee"... the rest a noun, unless a region's ("Franken")
            if rest in GERMAN_REGION_STEMS or self._is_place(rest):
                return name, "GPE" if prefix in ("Ober", "Unter", "Mittel", "Nieder") else "LOC"
        return None

    def _club_partner(self, tokens: list[Token], index: int) -> int | None:
        """The index of the city beside a team's animal ("Eisbären Berlin", "Straubing Tigers", "Kölner Haie"), or
        None: the animal first before a known place, or last after a place or a place's "-er" adjective."""
        if tokens[index].text not in CLUB_NICKNAMES:
            return None
        after, before = index + 1, index - 1
        if after < len(tokens) and tokens[after].capitalised and self._is_place_name(tokens[after].text):
            return after
        if before >= 0 and tokens[before].capitalised and self._club_city(tokens[before].text):
            return before
        return None

    def _city_adjective(self, word: str) -> bool:
        """A known town's "-er" adjective: "Essener", "Berliner", "Bremer" (Bremen), "Münchner" (München)."""
        if not word.endswith("er") or len(word) < 5 or not word[0].isupper():
            return False
        stem = word[:-2]
        return any(self._is_place(town) for town in (stem, stem + "en", stem[:-1] + "en"))

    def _landscape_adjective(self, word: str) -> bool:
        """A place's adjective before a landscape's noun: a town's "-er" ("Lüneburger", "Binger", "Zürcher") or a
        region's "-isch" ("Bergisches", "Bayerischen"); not a given name ("Werner Wald" is a person)."""
        if len(word) < 5 or not word.isalpha() or not word[0].isupper() or not word[1:].islower():
            return False
        if word in self.gazetteer.given_names or word.lower() in lexicon.GERMAN_STOPWORDS:
            return False
        if _german_name_adjective(word) or self._city_adjective(word):
            return True
        # "Hallstätter", "Zürcher": a town the gazetteer cannot derive; not a noun ("Kilometer Land", "Lichter")
        lowered = word.lower()
        return (
            word.endswith("er")
            and lowered not in load_german_nouns_with_rare()
            and not _ends_in_noun(word, load_german_common_nouns())
        )

    def _club_city(self, word: str) -> bool:
        """A known place ("Berlin", "Rhein-Neckar") or its "-er" adjective ("Kölner", "Mannheimer")."""
        if self._is_place_name(word):
            return True
        return word.endswith("er") and len(word) > 5 and self._is_place(word[:-2])

    def _is_known_or_genitive(self, word: str) -> bool:
        lookup = self.gazetteer.lookup
        return lookup(word) is not None or word.endswith("s") and lookup(word[:-1]) is not None

    def _acronyms_alone(self) -> frozenset[str]:
        """The article's all-capital words of two to five letters written on their own ("die SPD", "(HSV)")."""
        if self._article_acronyms is None:
            self._article_acronyms = frozenset(
                token.raw
                for tokens in self._article_lines
                for token in tokens
                if token.kind == "word" and 2 <= len(token.raw) <= 5 and token.raw.isupper() and token.raw.isalpha()
            )
        return self._article_acronyms

    def _split_name_compounds(self, tokens: list[Token], nouns: frozenset[str]) -> None:
        """ "Lufthansa-Tochter", "UN-Behörden", "SPD-Chef", "US-amerikanische": a compound whose first part is a known
        name or an acronym the text also writes alone, and whose other parts are common nouns (or a lowercase
        adjective), names the first part;
        the rest is an ordinary word. Not a compound the gazetteer knows whole ("EU-Kommission"), one ending in a
        body's noun ("SPD-Fraktion", itself a body), or a place's part ("Berlin-Mitte", "Rhein-Neckar-Kreis")."""
        for index in [i for i, t in enumerate(tokens) if "-" in t.raw][::-1]:
            token = tokens[index]
            if token.kind != "word" or not token.capitalised or token.possessive:
                continue
            head, _, tail = token.raw.partition("-")
            if not tail or not head or self._is_known_or_genitive(token.raw):
                continue  # "EU-Kommission", "Saudi-Arabiens"
            if self._german_named_compound(token.raw) is not None:
                continue  # "Wembley-Stadion", "Bode-Museum": a facility named by its first part
            if any(self.gazetteer.lookup(part) is not None for part in tail.split("-")):
                continue  # "Saudi-Arabien", "Berlin-Brandenburg": names joined, not a name and a noun
            if not head.isupper() and head.lower() in nouns:
                continue  # "Deutsche Bank-Chef": "Bank" is no name of its own
            if "german-currency-compounds" in self.rules and tail.lower() in CURRENCY_NOUNS:
                token.capitalised = token.uncertain = token.headline = False
                continue  # "US-Dollar", "Singapur-Dollar": a currency, named by its country, names neither
            if not self._compound_name_head(head):
                continue
            if not _common_compound_tail(tail, nouns) and not (
                "party-groups" in self.rules and self._party_group(head, tail)
            ):
                continue
            tokens[index : index + 1] = [  # the rest keeps the compound's text: "Lufthansa-Tochter" is no daughter
                Token(head, "kept", head, capitalised=True),
                Token(token.raw.lower(), "word", tail),
            ]

    def _party_group(self, head: str, tail: str) -> bool:
        """ "CSU-Fraktion", "FPÖ-Landtagsfraktion": a known party's group in a council or parliament names the party
        (rule party-groups); "SPD-Fraktion" as a body of its own was never kept, and readers look for the party."""
        known = self.gazetteer.lookup(head)
        return known is not None and known.type == "ORG" and tail.isalpha() and tail.lower().endswith("fraktion")

    def _compound_name_head(self, head: str) -> bool:
        """A known name, or an acronym the article also writes alone ("SPD-Chef" beside "die SPD"): most acronyms
        met only in compounds are things ("PV-Anlage", "BMI-Wert", "TLS-Verbindung"). Not an everyday
        abbreviation ("PDF", "IT")."""
        known = self.gazetteer.lookup(head)
        if known is not None:
            return known.type != "NORP"  # "Tamil-Tiger", "Latino-Viertel": a people's word, no name of its own
        return (
            head.isupper()
            and 2 <= len(head) <= 5
            and head.isalpha()
            and head not in lexicon.NON_ENTITY_ACRONYMS
            and head not in GERMAN_COMMON_ACRONYMS
            and head in self._acronyms_alone()
        )

    def _is_place_name(self, text: str) -> bool:
        """A known place, or places joined by hyphens: "Kiel", "Tempelhof-Schöneberg", "Berlin-Mitte"."""
        if self._is_place(text):
            return True
        parts = text.split("-")
        return len(parts) > 1 and self._is_place(parts[0]) and all(part[:1].isupper() for part in parts)

    def _place_after(self, tokens: list[Token], start: int) -> int:
        """How many capitalised words from start name a known place, two at most: "Hessen", "Sächsische Schweiz"."""
        if start >= len(tokens) or not tokens[start].capitalised:
            return 0
        if (
            start + 1 < len(tokens)
            and tokens[start + 1].capitalised
            and self._is_place(f"{tokens[start].text} {tokens[start + 1].text}")
        ):
            return 2
        return 1 if self._is_place_name(tokens[start].text) else 0

    def _is_place(self, text: str) -> bool:
        known = self.gazetteer.lookup(text)
        return known is not None and known.type in ("GPE", "LOC")

    def _country_adjective(self, word: str) -> bool:
        """A country's name and an adjective ending the gazetteer's demonyms lack: "Iceland-ic", "Korea-n" (of
        South Korea), "Philippine" (the Philippines)."""
        if len(word) < 5 or not word.isalpha() or not word[0].isupper() or not word[1:].islower():
            return False
        if self._is_country(word + "s"):
            return True
        for ending in ("ic", "ish", "ian", "an", "ese", "n", "i"):
            if word.endswith(ending):
                stem = word[: -len(ending)]
                if len(stem) >= 3 and (self._is_country(stem) or self._is_country("South " + stem)):
                    return True
        return False

    def _german_genitive(self, word: str, tokens: list[Token], index: int, places: bool) -> bool:
        """ "Österreichs", "Deutschlands", "Europas": a known place or organisation with the genitive s; a
        sizeable city's too before a capitalised noun ("Leipzigs Oberbürgermeister")."""
        if len(word) < 5 or not word.endswith("s") or self.gazetteer.lookup(word) is not None:
            return False
        known = self.gazetteer.lookup(word[:-1])
        if known is None or known.type not in ("GPE", "LOC", "ORG"):
            return False
        if known.weight >= MAJOR_WEIGHT:
            return True
        following = index + 1
        return (
            places
            and known.type == "GPE"
            and known.weight >= 2
            and following < len(tokens)
            and tokens[following].capitalised
        )

    def _german_place_in_context(self, tokens: list[Token], index: int) -> bool:
        """A sizeable known place that is also a German noun ("Bremen", "Polen"), after a preposition of place
        or listed beside another known place."""
        after_preposition = index > 0 and tokens[index - 1].text.lower() in GERMAN_PLACE_PREPOSITIONS
        listed = [
            other
            for joiner, other in ((index - 1, index - 2), (index + 1, index + 2))
            if 0 <= other < len(tokens) and tokens[joiner].text in GERMAN_LIST_JOINERS and tokens[other].capitalised
        ]
        if not after_preposition and not listed:
            return False  # the cheap test first: most capitalised German words are in no such context
        known = self.gazetteer.lookup(tokens[index].text)
        if known is None or known.type != "GPE" or known.weight < 2:
            return False
        if after_preposition:
            return True
        for other in listed:
            neighbour = self.gazetteer.lookup(tokens[other].text)
            if neighbour is not None and neighbour.type == "GPE":
                return True
        return False

    def _german_demonym(self, word: str) -> bool:
        """A German noun for a country's people: the country's German name and "-er" or "-ier" ("Schweizer",
        "Österreichern", "Italiener", "Kanadier", "Norweger", "Spanier", "Engländer")."""
        answer = self._demonym_answers.get(word)
        if answer is None:
            if len(self._demonym_answers) > WORD_EVIDENCE_LIMIT:
                self._demonym_answers.clear()
            answer = self._demonym_answers[word] = self._is_german_demonym(word)
        return answer

    def _is_german_demonym(self, word: str) -> bool:
        if "german-weak-demonyms" in self.rules and self._is_weak_demonym(word):
            return True
        if "german-demonym-forms" in self.rules:
            if word.endswith(("erin", "erinnen")):  # "Niederländerin", "Kenianerinnen": the women's form
                word = word[: -len("in")] if word.endswith("erin") else word[: -len("innen")]
            if len(word) >= 7 and word.endswith(("aner", "anern")) and word.isalpha() and word[0].isupper():
                stem = word[: -len("aner")] if word.endswith("aner") else word[: -len("anern")]
                # Amerik-aner: Amerika, Mexik-aner: Mexiko, Keni-aner: Kenia (not "Veteraner": no country)
                if self._is_country(stem + "a") or self._is_country(stem + "o"):
                    return True
        if len(word) < 6 or not word.isalpha() or not word[0].isupper() or not word.endswith(("er", "ern")):
            return False
        stem = word[:-3] if word.endswith("ern") else word[:-2]  # Österreich-ern, Schweiz-er
        if stem.endswith("sch"):
            return False  # an adjective: "Deutscher Wetterdienst", "Österreichischer Skiverband"
        if stem.replace("ä", "a").lower() in load_german_common_nouns():
            return False  # "Männer": the plural of a noun ("Mann"), whatever country shares its spelling
        if self._is_country(stem) or self._is_country(stem.replace("ä", "a")):  # Engländ-er: England
            return True
        stems = {stem, stem[:-1]} if stem.endswith("i") else {stem}  # Kanad-ier: Kanada; Spani-er: Spanien
        if "german-weak-demonyms" in self.rules:
            stems |= {s.replace("ä", "a") for s in stems}  # Niederländ-er: Niederlande
        return any(len(s) >= 5 and self._country_prefixes.get(s[:5], "").startswith(s) for s in stems)

    def _is_weak_demonym(self, word: str) -> bool:
        """ "Tscheche", "Slowenen", "Schwede", "Russen", "Griechen": a country's people named by its name's stem and
        "-e" or "-en" (Tschech-ien, Schwed-en, Russ-land, Griech-enland, Türk-ei); not the country itself ("Polen")."""
        if len(word) < 5 or not word.isalpha() or not word[0].isupper() or not word[1:].islower():
            return False
        if word.endswith("en"):
            stem = word[:-2]
        elif word.endswith("e"):
            stem = word[:-1]
        else:
            return False
        if len(stem) < 4 or stem.endswith("sch") or self.gazetteer.lookup(word) is not None:
            return False  # "Engen", "Holen"; "Deutsche", "Deutschen": an adjective
        return any(self._is_country(stem + ending) for ending in WEAK_DEMONYM_COUNTRY_ENDINGS)

    def _is_country(self, name: str) -> bool:
        known = self.gazetteer.lookup(name)
        return known is not None and known.key.startswith("country:") and known.weight >= MAJOR_WEIGHT

    @property
    def _country_prefixes(self) -> dict[str, str]:
        """The gazetteer's one-word country names by their first five letters (the longest kept)."""
        if self._countries is None:
            countries: dict[str, str] = {}
            for name in self.gazetteer.names:
                if " " not in name and name.isalpha() and len(name) >= 5 and self._is_country(name):
                    if len(name) > len(countries.get(name[:5], "")):
                        countries[name[:5]] = name
            self._countries = countries
        return self._countries

    def _is_resident_noun(self, word: str) -> bool:
        """ "Albertans", "Ohioan", "Londoners": a larger place's name with a resident ending."""
        if len(word) < 5 or not word.isalpha():
            return False
        stems: tuple[str, ...] = ()
        if word.endswith("ns"):
            stems = (word[:-2], word[:-2] + "s", word[:-3])  # Alberta-ns, Texa(s)-ns, Ohio-ans
        elif word.endswith("n"):
            stems = (word[:-1], word[:-1] + "s", word[:-2])  # Alberta-n, Texa(s)-n, Ohio-an
        elif word.endswith("ers"):
            stems = (word[:-3],)  # London-ers
        elif word.endswith("er"):
            stems = (word[:-2],)
        for stem in stems:
            if word.startswith(stem) and word[len(stem) :] in ("n", "ns") and stem[-1] not in "aeiouy":
                continue  # "Ammann" is no resident of Amman: a bare "-n" follows a vowel ("Albertan", "Ohioan")
            known = self.gazetteer.lookup(stem)
            if known is not None and known.type == "GPE" and known.weight >= 2:
                return True
        return False

    def _person_shaped(self, names: list[str]) -> bool:
        """Two or three plain capitalised words, none an everyday English word or a known name: the shape of
        a person's name the given-name list does not know ("Kemi Badenoch"), not of "Andes Copper" or
        "Kemmel Straight"."""
        if not 2 <= len(names) <= 3:
            return False
        if "surname-shapes" in self.rules and len(names) > 1 and _surname_shaped(names[-1]):
            names = [
                *names[:-1],
                "Smith",
            ]  # "Jamison Gibson-Park", "Pato O'Ward", "Rory McIlroy": the first name decides
        if "everyday-last-word" in self.rules and self._everyday_last_word(names):
            return False  # "Kaimai Fresh", "Redcare Pharmacy"
        for position, name in enumerate(names):
            if position and position == len(names) - 1 and "common-surname" in self.rules:
                # a surname may be an everyday word ("Jofra Archer", "Rishabh Pant"); the first name may not
                if name.isalpha() and name[0].isupper() and name[1:].islower() and self.gazetteer.lookup(name) is None:
                    continue
            if not (name.isalpha() and name[0].isupper() and name[1:].islower()):
                return False
            known = self.gazetteer.lookup(name)
            if self.gazetteer.is_common_word(name) or known is not None and known.weight >= 2:
                return False  # a town of 20,000 named "Kemi" is no reason to doubt "Kemi Badenoch"
        # "Montanuniversität Leoben", "Filmstudios Babelsberg": a German word and a town Wiktionary knows
        return not (self._is_german and "german-toponyms" in self.rules and names[-1] in load_german_toponyms())

    def _everyday_last_word(self, names: list[str]) -> bool:
        """English names of two or three words ending in an everyday word that is neither a given name nor one of
        the census' 20,000 most frequent surnames: "Redcare Pharmacy", "Sydney Swans", not "Jofra Archer". English
        text only: the German word lists call "Junk" and "Bezos" everyday words, and the census has no German names."""
        last = names[-1]
        return (
            not self._is_german
            and len(names) in (2, 3)
            and last.isalpha()
            and last[0].isupper()
            and last[1:].islower()
            and self.gazetteer.is_common_word(last)
            and last not in self.gazetteer.given_names
            and last.lower() not in self.gazetteer.surname_words
        )

    def _initial_then_surname(self, tokens: list[Token]) -> bool:
        """An initial, a full stop taken into it, and one uncommon capitalised word: "M. Rädel", "J. Smith". Not a
        bare letter ("230 V Aussenstromanschluss", "180 C Umluft"), nor German's "z. B. Kokosöl"."""
        words = [t for t in tokens if t.kind != "skip"]
        return (
            len(words) == 2
            and INITIAL.match(words[0].text) is not None
            and not (self._is_german and words[0].text == "B.")
            and words[1].kind == "word"
            and len(words[1].text) > 2
            and not self.gazetteer.is_common_word(words[1].text)
            and self.gazetteer.lookup(words[1].text) is None
        )

    def _list_item(self, tokens: list[Token]) -> bool:
        """A short line that is an item of a list of names, not a headline: numbered or bulleted ("01. Robert
        Plant", "- Rob Halford") with at most four words, or a given name and one or two more words alone on the
        line ("Steven Tyler"). Real pages list people, bands and firms this way, one per line."""
        index = 0
        numbered = False
        while index < len(tokens) and (tokens[index].kind == "num" or tokens[index].raw in LIST_ITEM_MARKS):
            numbered = numbered or tokens[index].kind == "num" or tokens[index].raw in BULLETS
            index += 1
        words = tokens[index:]
        if not words or len(words) > 4 or any(t.kind not in ("word", "abbr") for t in words):
            return False
        if not all(t.capitalised for t in words):
            return False
        first = words[0].text
        if 2 <= len(words) <= 3 and first in self.gazetteer.given_names and not self.gazetteer.is_common_word(first):
            return True  # "Steven Tyler"; not "Olive Oil Mix"
        # Numbered or bulleted: a name unless made only of everyday words ("Skeleton Key", "Sword-Shaped Key
        # Blank" are a shop's or a blog's list items) or German, where the capitals of nouns say nothing either.
        marked = numbered and (index >= 2 and tokens[index - 1].raw in (".", ")") or tokens[0].raw in BULLETS)
        everyday = all(self.gazetteer.is_common_word(part) for t in words for part in t.raw.split("-") if part)
        return marked and not self._is_german and not everyday

    @staticmethod
    def _looks_like_product(tokens: list[Token]) -> bool:
        """A model number ("RAV4", "Rav4"), a product head last ("Concept", "SUV"), or a lone capital letter
        after a word ("Mach E", "Model S"): the shapes of product names, rare in people's."""
        words = [t for t in tokens if t.text not in CONNECTORS]
        if any(MODEL_NUMBER.match(t.text) for t in words) or words[-1].text in lexicon.PRODUCT_HEADS:
            return True
        last = words[-1].text
        return len(words) > 1 and len(last) == 1 and last.isupper() and last not in ("I", "A")

    def _holds_major_name(self, names: list[str]) -> bool:
        """True when a word of the name is a well-known organisation, country or nationality: people's names
        rarely contain one ("Kataib Hezbollah", "Palestinian Islamic Jihad"), institutions' names often do."""
        for name in names:
            known = self.gazetteer.lookup(name)
            if known is not None and known.weight >= MAJOR_WEIGHT and known.type in ("ORG", "GPE", "NORP"):
                return True
        return False

    def _context_evidence(self, tokens: list[Token], mention: Mention) -> None:
        """What the neighbouring words say: roles, "said", "-based", "administration", appositives."""
        if not mention.surface:
            return
        scores = mention.scores
        known = mention.known
        if mention.plain and not _is_prose(tokens):
            # "Annual Subscription", "Line Height", "Videos Related": a page's buttons, labels, menus and
            # headings; too weak to stand alone there, a name only with the words' evidence ("at X")
            scores["ORG"] -= 0.3
            scores["PERSON"] -= 0.2
            mention.furniture = True
        # a town of 15,000 ("Obama", Japan) is no reason to ignore "the Obama administration"
        is_group_or_place = known is not None and known.type in ("GPE", "LOC", "NORP") and known.weight >= 2
        before_index = _index_before(tokens, mention.position)
        before = tokens[before_index] if before_index is not None else None
        after_index = _index_after(tokens, mention.end - 1)
        after = tokens[after_index] if after_index is not None else None
        # the neighbours' lowercase forms, made once: the tests below ask for them up to a dozen times
        before_word = before.lower if before is not None else ""
        after_word = after.lower if after is not None else ""
        modifier = after is not None and after.kind == "word" and not after.capitalised and after_word.isalpha()
        mention.after_to_or_in = self._is_german and before_word in ("in", "im", "nach")
        if (
            self._is_german
            and len(mention.tokens) == 2
            and mention.tokens[0].text in ("A", "B")
            and mention.tokens[1].text.isdigit()
            and len(mention.tokens[1].text) <= 3
            and "road-numbers" in self.rules
        ):
            scores["FAC"] += 4.0  # "die B 111", "(A 10)": German writes a motorway's or a federal road's number so
            mention.strong = True
            return
        if (
            after is not None
            and after.raw == "."
            and "given-initial" in self.rules
            and self._given_and_initial([token.text for token in mention.tokens])
        ):
            scores["PERSON"] += 4.0  # "Marcel K.", "Sven H.": German court reports name defendants so; the full stop
            # is part of the name, as the initial of "Rebecca K." is
            mention.strong = True
            mention.surface += "."
            return
        if (
            known is None
            and before is not None
            and after is not None
            and before.raw == "("
            and after.raw == ")"
            and "country-codes" in self.rules
            and self._country_code(tokens, mention, before_index)
        ):
            return
        if (
            before_word in ROAD_ARTICLES
            and len(mention.tokens) == 1
            and "road-numbers" in self.rules
            and ROAD_NUMBER.match(mention.tokens[0].text)
            and before_index is not None
            and (on := _index_before(tokens, before_index)) is not None
            and tokens[on].lower in ROAD_PREPOSITIONS
        ):
            scores["FAC"] += 4.0  # "on the A361", "auf der A7", "über die B96": a road, not a code or a firm
            mention.strong = True
        if (
            self._is_german
            and after is not None
            and after.raw == "("
            and "german-bracketed-ages" in self.rules
            and _bracketed_age(tokens, after_index)
        ):
            scores["PERSON"] += 2.5  # "Will Smith (50)", "seine Kinder Jaden (20) und Willow (18)": an age
            mention.strong = True
        if (
            self._is_german
            and "german-kind-nouns" in self.rules
            and before is not None
            and before_index is not None
            and not before.capitalised
            and known is None
        ):
            kind_index = before_index
            if before_word == "wie":  # "Anbieter wie Flixtrain"
                kind_index = _index_before(tokens, before_index) or 0
            kind = _german_kind_noun(tokens[kind_index].lower)
            if kind is not None:
                scores[kind] += 2.5  # "der Discounter Penny", "die Nachrichtenagentur dpa", "den Inseln Föhr"
                mention.strong = True
        if (
            self._is_german
            and "german-place-prepositions" in self.rules
            and known is None
            and before is not None
            and before_index is not None
            and len(mention.tokens) == 1
            and not before.capitalised
        ):
            kind = self._german_place_preposition(tokens, before_index, mention.tokens[0], mention.position)
            if kind is not None:
                scores[kind] += 2.5  # "in Graach", "an der Ahr", "im Harz": a rare word where a place stands
                mention.strong = True
        if self._role_title_tokens and before is not None and id(before) in self._role_title_tokens and known is None:
            scores["PERSON"] += 2.0  # "Sportredaktor Samuel", "Frater Franziskus": german-role-titles cut the role
            mention.strong = True
        if before is not None and before_index is not None and before.kind == "word" and not before.capitalised:
            self._evidence_before(before_word, mention, is_group_or_place, modifier)
            earlier = _index_before(tokens, before_index)
            role = tokens[earlier].lower if earlier is not None else ""
            if before_word in ("for", "at", "of") and role in lexicon.PERSON_ROLE_NOUNS and not is_group_or_place:
                scores["ORG"] += 1.5  # "a spokesman for CommBank", "an analyst at Barclays"
            elif (
                before_word == "the"
                and role in lexicon.ACROSS_WORDS
                and "along-the" in self.rules
                and known is None
                and not _is_acronym(mention.tokens[0])
                and not (len(mention.words) == 1 and self.gazetteer.is_common_word(mention.words[0]))
                and self._head_type(mention.tokens) is None
            ):
                scores["LOC"] += 1.5  # "along the Mekong", "across the Sahel", "throughout the Hebrides"
                mention.strong = True
            elif (
                before_word == "of"
                and earlier is not None
                and "person-of-org" in self.rules
                and known is None
                and self._person_name_ends_at(tokens, earlier)
            ):
                scores["ORG"] += 1.5  # "Stoffel Vandoorne of Maserati", "Jane Roe of Acme"
                mention.strong = True
            elif "hometown-from" in self.rules and known is None and self._from_hometown(tokens, before_index):
                scores["GPE"] += 1.5  # "a fisherman from Killyvane", "a mill worker from nearby Monessen"
                mention.strong = True
            elif (
                (before_word in ("including", "like") or before_word == "as" and role == "such")
                and "work-context" in self.rules
                and mention.known is None
                and self._after_works(tokens, before_index)
            ):
                scores["PRODUCT"] += 3.0  # "new games, including Mario Kart World", "films such as Aftersun"
                mention.strong = True
            elif before_word == "as" and role in lexicon.SELLING_VERBS and "sold-as" in self.rules:
                scores["PRODUCT"] += 3.0  # "sold as Victoza and Saxenda", "marketed as Wegovy"
                mention.strong = True
            elif before_word == "of" and role in lexicon.PLACE_NOUNS and "place-noun-of" in self.rules:
                scores["GPE"] += 2.0  # "the southern village of Aitaroun", "the island of Leyte"
                mention.strong = True
            elif before_word == "of" and role in lexicon.PLACE_NOUNS_PLURAL and "place-lists-of" in self.rules:
                scores["GPE"] += 2.0  # "the northern districts of Kurigram and ...": the first of a list
                mention.strong = True
            elif (
                before_word == "at"
                and "place-near" in self.rules
                and mention.known is None
                and len(mention.words) == 1
                and self._near_a_place(tokens, mention)
            ):
                scores["GPE"] += 1.5  # "the danger mark at Neamatighat near Jorhat"
                mention.strong = True
            elif "place-context" in self.rules and not is_group_or_place and mention.known is None:
                if before_word == "of" and role in lexicon.PLACE_PARTS:
                    scores[lexicon.PLACE_PARTS[role]] += 1.5  # "the northern tip of Luzon", "parts of Cauca"
                elif before_word in lexicon.PLACE_ADJECTIVES and role in ("in", "near", "across", "around"):
                    scores["GPE"] += 1.2  # "residents in nearby Totterdown"
            if (
                "motion-places" in self.rules
                and not self._is_german
                and known is None
                and len(mention.words) == 1
                and not _is_acronym(mention.tokens[0])
                and _moved_to_or_from(before_word, role)
                and not (before_word in lexicon.REACH_VERBS and _reached_for_comment(tokens, after_index))
            ):
                scores["GPE"] += 1.0  # "reached Guiuan by boat", "flights to Sumburgh": where people and goods go

        elif (
            before is not None
            and before.possessive
            and before.capitalised
            and "maker-possessive" in self.rules
            and known is None
        ):
            self._maker_possessive(before, mention)

        last = mention.tokens[-1]
        if last.suffix in lexicon.PLACE_SUFFIXES:  # "Stockholm-based"
            scores["GPE"] += 2.0
            mention.strong = True
        elif last.suffix == "style":
            scores["GPE"] += 1.0

        if after is None or after_index is None:
            return
        if last.possessive and after_word in lexicon.PERSON_POSSESSIONS:  # "Yegi's parents"
            scores["PERSON"] += 1.5
            mention.strong = True
        elif (
            last.possessive
            and "firm-possessions" in self.rules
            and known is None
            and self._firm_possession(tokens, after_index)
        ):
            scores["ORG"] += 1.5  # "said Avio's chief executive", "the company's shareholders"
            mention.strong = True
        if after.kind == "word" and not after.capitalised and not last.possessive:
            self._evidence_after(tokens, after_index, mention, is_group_or_place)
        if (
            after_word == "in"
            and "place-in-country" in self.rules
            and known is None
            and len(mention.words) == 1
            and not _is_acronym(mention.tokens[0])
            and self._country_follows(tokens, after_index)
        ):
            scores["GPE"] += 1.0  # "between Anttila in Finland and Puessi in Estonia"
        if after.raw == ",":
            self._appositive_evidence(tokens, after_index, mention)
        elif (
            after_word in ("in", "near", "outside")
            and before is not None
            and before_word == "the"
            and "venue-in-place" in self.rules
            and known is None
            and len(mention.words) == 1
        ):
            place_index = _index_after(tokens, after_index)
            place = self.gazetteer.lookup(tokens[place_index].text) if place_index is not None else None
            if place is not None and place.type == "GPE" and place.weight >= 2:
                scores["FAC"] += 1.0  # "the Barbican in London", "the Hungaroring near Budapest"

    def _german_place_preposition(
        self, tokens: list[Token], before_index: int, token: Token, token_index: int
    ) -> str | None:
        """The type a place preposition gives a rare lone word after it: "in Graach", "aus Bodenheim" (GPE); "an
        der Ahr", "zur Spree", "im Harz" (LOC: rivers, regions). Not "auf": on the web "auf X" is mostly a platform. Not a word of the noun list,
        nor a compound ending in one ("in Steillagen"), nor a given name."""
        word = token.text
        if (
            token.kind != "word"
            or len(word) < 3
            or not word[0].isupper()
            or word.isupper()
            or token.possessive
            or not word.replace("-", "").isalpha()
        ):
            return None
        before = tokens[before_index].lower
        kind = None
        if before in ("in", "nach", "aus") or before == "zwischen" and "german-between-places" in self.rules:
            kind = "GPE"  # "zwischen Wörgl und dem Brenner": the second of two is read by the list rules
        elif before in ("im", "zur"):
            if word.endswith(("en", "ern")):
                return None  # "im Wesentlichen", "im Innern": an adjective used as a noun
            kind = "LOC"
        elif before in ("der", "die"):
            earlier = _index_before(tokens, before_index)
            if earlier is not None and tokens[earlier].lower in ("an", "von", "entlang"):
                kind = "LOC"  # "an der Mosel", "an die Ahr": rivers are mostly feminine
        if kind is None:
            return None
        nouns = load_german_common_nouns()
        lowered = word.lower()
        if (
            lowered in nouns
            or lowered in lexicon.GERMAN_STOPWORDS
            or lowered in GERMAN_IDIOM_NOUNS
            or word in self.gazetteer.given_names
            or lowered.endswith(GERMAN_NOUN_SUFFIXES)
        ):
            return None
        if "-" in word and not all(part[:1].isupper() and len(part) >= 2 for part in word.split("-")):
            return None  # "Zinn-Isotopenkette", "TikTok-Nutzerin": a compound; not "Bergkamen-Weddinghofen"
        if lowered.endswith("land") and lowered[:-4] in nouns:
            return None  # "im Binnenland", "als Zielland"; not "auf Helgoland", "in Norddeutschland"
        if not lowered.endswith(GERMAN_PLACE_ENDINGS) and _ends_in_noun(word, nouns, shortest=3):
            return None  # "in Papierform", "im Extremfall"; not "in Bodenheim", "im Rheingau"
        if self.gazetteer.is_common_word(word):
            return None  # "in Social Media", "ein Stream": an English word
        if kind == "GPE" and word in self._words_after_articles():
            return None  # "aus Alu" where the text also says "das Alu": a town takes no article
        return kind

    @staticmethod
    def _after_article_or_owner(tokens: list[Token], mention: Mention) -> bool:
        """ "the Mekong basin", "Italy's Amalfi coast": a natural place's name takes an article or an owner."""
        before = _index_before(tokens, mention.position)
        return before is not None and (tokens[before].lower == "the" or tokens[before].possessive)

    def _country_follows(self, tokens: list[Token], index: int) -> bool:
        """A country or a first-level region right after index, and then no more capitals: "in Finland"."""
        place_index = _index_after(tokens, index)
        if place_index is None or not tokens[place_index].capitalised:
            return False
        place = self.gazetteer.lookup(tokens[place_index].text)
        if place is None or place.type != "GPE" or not place.key.startswith(("country:", "us-state:")):
            return False
        following = _index_after(tokens, place_index)
        return following is None or not tokens[following].capitalised

    @staticmethod
    def _from_hometown(tokens: list[Token], before_index: int) -> bool:
        """ "a nurse from X", "a retired worker from nearby X": a person's noun, "from", perhaps "nearby", the name."""
        index: int | None = before_index
        if tokens[before_index].lower in lexicon.PLACE_ADJECTIVES:
            index = _index_before(tokens, before_index)
        if index is None or tokens[index].lower != "from":
            return False
        noun = _index_before(tokens, index)
        return noun is not None and tokens[noun].lower in lexicon.HOMETOWN_NOUNS

    def _person_name_ends_at(self, tokens: list[Token], index: int) -> bool:
        """A person's name of two or three words ends at index: a given name, then capitalised words."""
        start = index
        while start > 0 and index - start < 2 and tokens[start - 1].capitalised and tokens[start - 1].kind == "word":
            start -= 1
        if start == index or not all(t.capitalised and t.kind == "word" for t in tokens[start : index + 1]):
            return False
        first = tokens[start].text
        if first in self.gazetteer.given_names and not self.gazetteer.is_common_word(first):
            return True
        return self._person_shaped([t.text for t in tokens[start : index + 1]])  # "Stoffel Vandoorne of"

    @staticmethod
    def _firm_possession(tokens: list[Token], index: int) -> bool:
        """ "chief executive", "shareholders", "headquarters": what a firm or body has and a person has not."""
        word = tokens[index].lower
        if word in FIRM_POSSESSIONS:
            return True
        following = _index_after(tokens, index)
        return (
            word == "chief"
            and following is not None
            and tokens[following].lower in ("executive", "financial", "operating")
        )

    def _words_after_articles(self) -> frozenset[str]:
        """Capitalised words the German text being tagged puts after an article ("das Alu"), read on first use."""
        if self._article_nouns is None:
            self._article_nouns = frozenset(
                tokens[index].raw
                for tokens in self._article_lines
                for index in range(1, len(tokens))
                if tokens[index - 1].raw.lower() in GERMAN_ARTICLES and tokens[index].raw[:1].isupper()
            )
        return self._article_nouns

    def _near_a_place(self, tokens: list[Token], mention: Mention) -> bool:
        """ "at X near Jorhat", "at X outside Dublin": the name is followed by "near" or "outside" and a known
        place."""
        after = _index_after(tokens, mention.end - 1)
        if after is None or tokens[after].lower not in ("near", "outside"):
            return False
        place_index = _index_after(tokens, after)
        if place_index is None or not tokens[place_index].capitalised:
            return False
        place = self.gazetteer.lookup(tokens[place_index].text)
        return place is not None and place.type in ("GPE", "LOC")

    def _maker_possessive(self, maker: Token, mention: Mention) -> None:
        """ "Anthropic's Claude", "Alstom's Avelia Liberty": an unknown name owned by a known company is its
        product, unless it is a person's name ("Penske's Scott Dixon") or has a head word of its own."""
        owner = self.gazetteer.lookup(maker.text)
        if owner is None or owner.type != "ORG" or self._head_type(mention.tokens) is not None:
            return
        if maker.text.isupper():
            return  # "the EU's Green Deal", "NASA's Artemis": a body's programme, not a company's product
        words = mention.words
        if len(words) > 1 and (words[0] in self.gazetteer.given_names or self._person_shaped(words)):
            return
        mention.scores["PRODUCT"] += 2.0
        mention.strong = True

    @staticmethod
    def _after_works(tokens: list[Token], index: int) -> bool:
        """ "games, including", "albums such as", "films like": a plural work noun just before index."""
        for _ in range(3):
            previous = _index_before(tokens, index)
            if previous is None:
                return False
            index = previous
            word = tokens[index].lower
            if word in lexicon.WORK_NOUNS:
                return word.endswith("s")
            if word not in (",", "such"):
                return False
        return False

    def _evidence_before(self, word: str, mention: Mention, is_group_or_place: bool, modifier: bool) -> None:
        scores = mention.scores
        if word in lexicon.WORK_NOUNS and mention.known is None and "work-noun" in self.rules:
            scores["PRODUCT"] += 3.5  # "the film Perfect Days", "its new sedan Camry": over a head word ("Garden")
            mention.strong = True
        elif word in lexicon.SHIP_NOUNS and mention.known is None and "ship-names" in self.rules:
            scores["PRODUCT"] += 3.0  # "the tanker Eagle S", "the cargo ship Vega Star"
            mention.strong = True
        elif word in lexicon.MEDICINE_NOUNS and mention.known is None and "sold-as" in self.rules:
            scores["PRODUCT"] += 3.0  # "the drug Ozempic"
            mention.strong = True
        elif (
            word in EITHER_NOUNS
            and len(mention.words) == 1
            and "either-noun" in self.rules
            and mention.words[0] not in self.gazetteer.given_names  # "his partner Sarah"
        ):
            scores["ORG"] += 2.0  # "the national broadcaster RUV": a surname alone is rarely introduced so
            mention.strong = True
        elif word in lexicon.PERSON_ROLE_NOUNS and not is_group_or_place:  # "the scholar Mohammad Javad Akbarin"
            scores["PERSON"] += 2.0
            mention.strong = True
        elif word in lexicon.ORG_NOUNS and not is_group_or_place:  # "think tank Bruegel"
            scores["ORG"] += 2.0
            mention.strong = True
        elif word in lexicon.SPEECH_VERBS:
            scores["PERSON"] += 1.0
        elif word in ("in", "near", "across", "outside"):
            scores["GPE"] += 1.2
        elif word == "from":
            scores["GPE"] += 0.3
        elif (
            word == "the" and not modifier
        ):  # people rarely take an article: "the Kremlin" (but "the Obama administration")
            scores["PERSON"] -= 1.0
            scores["ORG"] += 0.3
        elif word == "by":
            scores["PERSON"] += 0.5

    def _evidence_after(self, tokens: list[Token], after_index: int, mention: Mention, is_group_or_place: bool) -> None:
        scores = mention.scores
        word = tokens[after_index].lower
        if word in lexicon.SPEECH_VERBS:
            scores["PERSON"] += 0.8
        elif word in COPULAS and "copula-head" in self.rules and mention.known is None:
            self._copula_evidence(tokens, after_index, mention)
        elif word in lexicon.ROAD_NEXT_WORDS and "road-names" in self.rules and mention.known is None:
            scores["FAC"] += 2.5  # "the A15 motorway": over an acronym's ORG
            mention.strong = True
        elif (
            word in lexicon.NATURE_NEXT_WORDS
            and "nature-heads" in self.rules
            and mention.known is None
            and not _is_acronym(mention.tokens[0])
            and self._after_article_or_owner(tokens, mention)  # not "Donde sea" in a Spanish line
        ):
            scores["LOC"] += 2.0  # "the Mekong basin", "the Amalfi coast"
            mention.strong = True
        elif word in lexicon.NEXT_WORD_TYPES and not is_group_or_place:  # "Evin prison", "Obama administration"
            kind, score = lexicon.NEXT_WORD_TYPES[word]
            scores[kind] += score
            mention.strong = True
        elif (
            word in lexicon.KIND_NEXT_WORDS
            and "kind-after-names" in self.rules
            and not self._is_german
            and mention.known is None
            and not _is_acronym(mention.tokens[0])
        ):
            kind, score = lexicon.KIND_NEXT_WORDS[word]
            scores[kind] += score  # "the Las Bambas mine", "the nearby Kalobeyei settlement", "the Copperfield area"
            mention.strong = True
        elif (
            word in lexicon.PRODUCT_NOUNS
            and "work-context" in self.rules
            and mention.known is None
            and len(mention.surface) > 1  # not the "D" of "3-D printers"
        ):
            scores["PRODUCT"] += 1.5  # "3.9 million PS5 consoles", "its A320neo jets"
            mention.strong = True
        elif word in lexicon.FACILITY_MODIFIERS and "facility-noun" in self.rules and not is_group_or_place:
            following = _index_after(tokens, after_index)  # "Svartsengi power station", "Hinkley nuclear plant"
            noun = tokens[following].lower if following is not None and tokens[following].kind == "word" else ""
            if noun in lexicon.FACILITY_NOUNS:
                scores["FAC"] += 2.0
                mention.strong = True
        elif word in lexicon.PERSON_ROLE_NOUNS and not is_group_or_place:
            # "Brentford manager Thomas Frank": a name before a role and a person is the employer
            following = _index_after(tokens, after_index)
            if following is not None and tokens[following].kind == "word" and not tokens[following].capitalised:
                following = _index_after(tokens, following)  # "chief executive", "deputy chair"
            if following is not None and tokens[following].capitalised:
                scores["ORG"] += 1.5
                mention.strong = True

    def _copula_evidence(self, tokens: list[Token], copula: int, mention: Mention) -> None:
        """ "Safaricom is not just a phone company", "Kinsale is a town": the noun after "is a" types the name,
        as an appositive's does."""
        index: int | None = copula
        for _ in range(3):  # "is not just a", "was also the"
            index = _index_after(tokens, index) if index is not None else None
            if index is None or tokens[index].kind != "word" or tokens[index].capitalised:
                return
            if tokens[index].lower in ("a", "an", "the"):
                kind = self._appositive_head(tokens, index)
                if kind == "EITHER":
                    kind = "ORG" if len(mention.words) == 1 else "PERSON"
                if kind is not None:
                    mention.scores[kind] += 1.5
                    mention.strong = True
                return
            if tokens[index].lower not in COPULA_ADVERBS:
                return

    def _appositive_evidence(self, tokens: list[Token], comma: int, mention: Mention) -> None:
        """ "X, a 29-year-old ..." / "X, who" / "X, the company" / "X, 58," / "Morgan City, Louisiana"."""
        first_index = _index_after(tokens, comma)
        if first_index is None:
            return
        first = tokens[first_index]
        scores = mention.scores
        if first.lower == "who":
            scores["PERSON"] += 2.0
            mention.strong = True
        elif first.lower == "whose":
            scores["PERSON"] += 0.5
        elif first.kind == "num" and AGE.match(first.raw):
            following = _index_after(tokens, first_index)
            if following is not None and tokens[following].raw == ",":
                scores["PERSON"] += 1.0
        elif first.capitalised and first.possessive and "possessive-appositive" in self.rules:
            kind = self._appositive_head(tokens, first_index)  # "Loganair, Scotland's largest regional airline"
            if kind == "EITHER":
                kind = "ORG" if len(mention.words) == 1 else None
            # not a person: "seen by The Gazette, Nightjar's chief executive, Marie Roe, said" introduces the next name
            if kind is not None and kind != "PERSON":
                scores[kind] += 1.5
                mention.strong = True
        elif first.capitalised:
            if mention.known is None:
                place = self.gazetteer.lookup(first.text)
                following = _index_after(tokens, first_index)
                if "city-state" in self.rules and place is None and following is not None:
                    # "Liberty, North Carolina", "Black River Falls, Wisconsin": a two-word state or country
                    second = tokens[following]
                    if second.capitalised and not first.possessive:
                        place = self.gazetteer.lookup(first.text + " " + second.text)
                        following = _index_after(tokens, following)
                ends = following is None or tokens[following].kind == "punct"
                if place is not None and place.type == "GPE" and place.weight >= MAJOR_WEIGHT and ends:
                    state = place.key.startswith(("us-state:", "country:")) and "city-state" in self.rules
                    scores["GPE"] += 3.0 if state else 2.0  # over a head word: "Black River Falls, Wisconsin"
                    mention.strong = True
        elif first.lower in ("a", "an", "the"):
            kind = self._appositive_head(tokens, first_index)
            if kind == "EITHER":  # "RTÉ, the broadcaster": a firm when the name is one word
                kind = "ORG" if len(mention.words) == 1 else "PERSON"
            if kind is not None:
                if kind == "PRODUCT":
                    scores[kind] += 3.0  # "Tin Lanterns, a folk album": over a given name's evidence
                else:
                    scores[kind] += 2.0 if kind == "PERSON" and mention.known is None else 1.5
                mention.strong = True

    def _appositive_head(self, tokens: list[Token], index: int) -> str | None:
        """The type named by the head noun of "a 21-year-old Iranian student" / "the streaming company"."""
        position: int | None = index
        for _ in range(6):
            position = _index_after(tokens, position) if position is not None else None
            if position is None:
                return None
            token = tokens[position]
            if token.kind == "punct" and token.raw != "-":
                return None
            text = token.raw.lower()
            if text.endswith("year-old"):
                return "PERSON"
            if token.capitalised or token.kind != "word":
                continue
            head = text.rsplit("-", 1)[-1]
            if head in EITHER_NOUNS and "either-noun" in self.rules:
                return "EITHER"
            if head in lexicon.WORK_NOUNS and "work-context" in self.rules:
                return "PRODUCT"  # "Salt Roads, a spare folk album"
            if head in lexicon.PERSON_ROLE_NOUNS and head not in ("member", "members", "leader", "chief"):
                return "PERSON"
            following = _index_after(tokens, position)
            if head == "head" and following is not None and tokens[following].raw == "of":
                return "PERSON"  # "TM Roh, the head of Samsung's mobile business"
            if head in lexicon.ORG_NOUNS or head == "operator":
                return "ORG"
            if (
                head in lexicon.NATURE_APPOSITIVE_HEADS
                and "nature-heads" in self.rules
                and (following is None or tokens[following].kind == "punct" or tokens[following].lower in PHRASE_ENDS)
            ):
                return "LOC"  # "Torre, the highest peak in ...", "Kolvatn, a mountain range on ..."
            if head in lexicon.PLACE_NOUNS:
                return "GPE"
            if (
                head in lexicon.APPOSITIVE_PLACE_HEADS
                and "place-appositive" in self.rules
                and (following is None or tokens[following].kind == "punct" or tokens[following].lower in PHRASE_ENDS)
            ):
                return lexicon.APPOSITIVE_PLACE_HEADS[head]  # "the Thekla, a nightclub on", not "the hotel company"
        return None

    # --- document level -------------------------------------------------------------------------------

    def _resolve(self, mentions: list[Mention], pairs: list[tuple[Mention, Mention]]) -> list[Entity]:
        """Filter doubtful mentions, join short forms to full names, settle one type per entity."""
        mentions = _whole_or_rest(mentions)
        # First the mentions that stand on their own; then the doubtful ones, checked against those.
        sure = [m for m in mentions if self._is_sure(m)]
        sure_ids = {id(m) for m in sure}  # asked once per mention: _is_sure is no cheap test
        confirmed = {m.surface.casefold() for m in sure}
        confirmed_words = self._confirmed_words(sure)
        kept: list[Mention] = []
        for mention in mentions:
            if id(mention) in sure_ids:
                kept.append(mention)
            elif mention.surface.casefold() in confirmed or mention.surface.casefold() in confirmed_words:
                kept.append(mention)
            elif mention.uncertain:
                kept.extend(self._confirm_uncertain(mention, confirmed, confirmed_words))

        entities: dict[str, Entity] = {}
        german_bodies = self._is_german and "german-bodies" in self.rules
        known_forms: dict[str, str] = {}  # German: a known name's adjective-free form -> its key
        if german_bodies and "german-name-adjectives" in self.rules:
            for mention in kept:
                if mention.known is not None and " " in mention.surface:
                    known_forms.setdefault(_adjective_free(mention.surface.casefold()), mention.known.key)
        for mention in kept:
            key = mention.known.key if mention.known is not None else mention.surface.casefold()
            if german_bodies and mention.known is None:
                key = GERMAN_ADJECTIVE_ENDING.sub("isch", key)  # "Österreichischen/-er Skiverband": one body
                if "german-name-adjectives" in self.rules:
                    key = _adjective_free(key)  # "Deutsche/Deutschen Bahn", "Staatliche(n) Museen"
                    key = known_forms.get(key, key)
            entity = entities.get(key)
            if entity is None:
                entity = entities[key] = Entity(key=key, mentions=[])
            entity.mentions.append(mention)
        furniture_once = "furniture-once" in self.rules and not self._is_german
        for entity in entities.values():
            seen_furniture = False
            for mention in entity.mentions:
                entity.add_scores(mention.scores)
                if mention.furniture and furniture_once:
                    if seen_furniture:
                        # a button or a label repeated down a page is no more a name for it: the weak guess
                        # counts for the first mention only; whatever else a mention says still counts
                        entity.add_scores({kind: -net for kind, net in FURNITURE_GUESS.items()})
                    seen_furniture = True
        self._link_short_forms(entities)
        if self._is_german and "german-club-towns" in self.rules:
            self._link_club_towns(entities)
        if german_bodies:
            _join_compound_short_forms(entities)
            if "german-name-adjectives" in self.rules:
                _join_genitives(entities)
        if "plural-names" in self.rules:
            _drop_plural_names(entities)
        _propagate_through_lists(entities, pairs, "place-lists" in self.rules)
        return [e for e in entities.values() if e.best_score >= MIN_ENTITY_SCORE]

    def _link_club_towns(self, entities: dict[str, Entity]) -> None:
        """A German sports report names a club by its town once it has named it in full: "THW Kiel ... Kiel kam Tor
        um Tor heran", "Bayer 04 Leverkusen ... Danach übernahm Leverkusen". The town's mentions join the one club
        named after it in the text (rule `german-club-towns`), but for those after "in" or "nach"; with two clubs
        of one town it stays the town."""
        clubs: dict[str, list[Entity]] = defaultdict(list)
        for entity in entities.values():
            if entity.best_type != "ORG":
                continue
            words = max(entity.mentions, key=lambda m: len(m.words)).words
            if len(words) < 2 or not _club_shaped(words[0]):
                continue
            for word in words[1:]:
                town = word.split("-")[0]  # "SG Flensburg-Handewitt"
                known = self.gazetteer.lookup(town)
                if known is not None and known.type == "GPE" and not known.key.startswith("country:"):
                    clubs[town].append(entity)  # its town or its state: "THW Kiel", "FC Bayern München"
        by_surface = {
            mention.surface: entity
            for entity in entities.values()
            for mention in entity.mentions
            if len(mention.words) == 1
        }
        for town, named in clubs.items():
            short = by_surface.get(town)
            if len(named) != 1 or short is None or short is named[0] or short.best_type not in ("GPE", "ORG"):
                continue
            # "nach Berlin", "in Balingen" stay the town; the scores of what moves stay behind: the gazetteer's
            moving = [mention for mention in short.mentions if not mention.after_to_or_in]
            named[0].mentions.extend(moving)
            short.mentions = [mention for mention in short.mentions if mention.after_to_or_in]
            if not short.mentions:
                del entities[short.key]

    def _confirmed_words(self, mentions: list[Mention]) -> set[str]:
        """Words that mid-sentence use shows to be names: whole one-word names, and ends of longer ones."""
        words: set[str] = set()
        for mention in mentions:
            if not mention.words:
                continue
            first, last = mention.words[0], mention.words[-1]
            if len(mention.words) == 1:
                words.add(first.casefold())
                continue
            if not self.gazetteer.is_common_word(first):
                words.add(first.casefold())
            person_like = mention.scores.get("PERSON", 0.0) >= max(mention.scores.values(), default=0.0)
            if person_like or not self.gazetteer.is_common_word(last):
                words.add(last.casefold())
        return words

    def _is_sure(self, mention: Mention) -> bool:
        """Mid-sentence names, and sentence-initial ones with evidence (a lone everyday word needs more)."""
        if mention.uncertain:
            if "headline-verbs" in self.rules and mention.tokens[0].headline and self._holds_plain_word(mention):
                return False  # "Starmer Survives Labour Rebellion": a head word does not vouch for a headline's verbs
            lone_word = len(mention.words) == 1 and self.gazetteer.is_common_word(mention.words[0])
            if lone_word and mention.strong and _is_acronym(mention.tokens[0]):
                lone_word = False  # "NICE said": an acronym's capitals say something even at a sentence start
            if not mention.strong or lone_word and not (mention.known and mention.known.weight >= MAJOR_WEIGHT):
                return False
        return self._stands_alone(mention)

    def _holds_plain_word(self, mention: Mention) -> bool:
        """A name of several words, one of them an everyday word that is no head word: "Survives", "Kills"."""
        if len(mention.words) < 2 or mention.known is not None:
            return False
        return any(
            self._is_plain_word(word) and word not in lexicon.SUFFIX_TYPES and word not in lexicon.PREFIX_TYPES
            for word in mention.words
        )

    def _stands_alone(self, mention: Mention) -> bool:
        """A mid-sentence mention is kept unless it is a lone everyday word with no evidence ("Death")."""
        if mention.strong or len(mention.words) > 1:
            return True
        return not self.gazetteer.is_common_word(mention.words[0]) or max(mention.scores.values(), default=0.0) >= 1.5

    def _confirm_uncertain(self, mention: Mention, confirmed: set[str], confirmed_words: set[str]) -> list[Mention]:
        """A sentence-initial or headline mention counts if the rest of the text, or strong evidence, backs it."""
        if mention.surface.casefold() in confirmed:
            return [mention]
        words = mention.words
        known = mention.known
        if known is not None:
            plain = len(words) == 1 and self.gazetteer.is_common_word(words[0])
            if not plain or known.weight >= MAJOR_WEIGHT and known.source == "place":
                return [mention]
        if len(words) == 1:
            word = words[0]
            common = self.gazetteer.is_common_word(word)
            if word.casefold() in confirmed_words:
                return [mention]
            if not common and (mention.strong or word in self.gazetteer.given_names):
                return [mention]
            return []
        if not mention.tokens[0].headline:
            return [mention]  # "Gal Beckerman" opening a line: two capitals in a row, the first not a plain word
        if "initial-first" in self.rules and self._initial_then_surname(mention.tokens):
            return [mention]  # "Foto: M. Rädel": a credit line is short, and an initial is evidence enough
        # A headline's run of capitals: keep the stretches the text confirms ("Lok Sabha" in "Loses Majority
        # In Lok Sabha"), and drop the rest.
        return list(self._confirmed_parts(mention, confirmed))

    def _confirmed_parts(self, mention: Mention, confirmed: set[str]) -> Iterator[Mention]:
        tokens = mention.tokens
        start = 0
        while start < len(tokens):
            for stop in range(len(tokens), start, -1):
                surface = " ".join(t.text for t in tokens[start:stop])
                known = self.gazetteer.lookup(surface)
                trusted = known is not None and (
                    known.weight >= MAJOR_WEIGHT or not self.gazetteer.is_common_word(surface)
                )
                if surface.casefold() in confirmed or trusted:
                    piece = Mention(
                        tokens[start:stop], surface, True, mention.position + start, mention.position + stop
                    )
                    piece.known = known
                    self._known_evidence(piece)
                    self._shape_evidence(piece)
                    if piece.surface:
                        yield piece
                    start = stop
                    break
            else:
                start += 1

    def _link_short_forms(self, entities: dict[str, Entity]) -> None:
        """Merge "Khamenei" into "Ali Khamenei", "IRGC" into "Islamic Revolutionary Guard Corps"."""
        aliases: dict[str, set[str]] = defaultdict(set)
        for entity in entities.values():
            kind: str | None = None  # worked out only for an entity with a name of several words
            for mention in entity.mentions:
                if len(mention.words) > 1:
                    kind = kind or entity.best_type
                    for form in _short_forms(
                        mention,
                        kind,
                        self.gazetteer,
                        "product-short-forms" in self.rules,
                        "more-short-forms" in self.rules,
                    ):
                        aliases[form.casefold()].add(entity.key)
        # An alias may name an entity that was itself merged into a longer one earlier in this loop ("Maria
        # Lopez Garcia" into "Anna Maria Lopez Garcia"): follow the merges to the entity that holds it now.
        merged_into: dict[str, str] = {}

        def holder(key: str) -> str:
            while key in merged_into:
                key = merged_into[key]
            return key

        for key in list(entities):
            short = entities[key]
            surfaces = {m.surface.casefold() for m in short.mentions}
            targets: set[str] = set()
            for surface in surfaces:
                targets |= {holder(target) for target in aliases.get(surface, set())}
            targets.discard(key)
            namesakes = len(targets) > 1 and "shared-surname-first" in self.rules
            if namesakes:
                first = self._first_of_namesakes(entities, short, targets)
                targets = {first} if first is not None else targets
            if len(targets) != 1:
                continue  # unknown or ambiguous ("Ali" with both "Ali Khamenei" and "Ali Vakili")
            full = entities[targets.pop()]
            if _longest(short) >= _longest(full) or not self._may_merge(short, full):
                continue
            full.mentions.extend(short.mentions)
            if not namesakes:  # a surname shared by people says nothing against them being people
                full.add_scores(short.scores)
            del entities[key]
            merged_into[key] = full.key
        if "acronym-match" in self.rules:
            self._link_acronyms(entities)

    @staticmethod
    def _first_of_namesakes(entities: dict[str, Entity], short: Entity, targets: set[str]) -> str | None:
        """A bare surname that several people in the text share is the first of them named ("Mensah" after "Kofi
        Ansah Mensah", then "his son Yaw Ansah Mensah"): news names the others in full each time (rule
        shared-surname-first). The namesakes stay apart; a given name alone ("Ali") or a non-person stays unlinked."""
        if any(len(m.words) != 1 or m.words[0][:1].islower() for m in short.mentions):
            return None
        kinds = {entities[target].best_type for target in targets}
        if kinds != {"PERSON"} or not all(_longest(entities[t]) > 1 for t in targets):
            return None
        surname = short.mentions[0].words[0]
        if not all(m.words[-1] == surname for t in targets for m in entities[t].mentions if len(m.words) > 1):
            return None  # the word is a given name of one of them ("Ali" in "Ali Khamenei")
        return next(key for key in entities if key in targets)  # entities are in order of first mention

    def _link_acronyms(self, entities: dict[str, Entity]) -> None:
        """An acronym left on its own joins the one longer name whose words it abbreviates."""
        acronyms = []
        for key, short in entities.items():
            words = short.mentions[0].words
            if len(words) != 1 or not 3 <= len(words[0]) <= 8 or not words[0].isupper() or not words[0].isalpha():
                continue
            if all(m.words == words for m in short.mentions):
                acronyms.append(key)
        if not acronyms:
            return
        # rule `place-acronyms`: "USVI" for "U.S. Virgin Islands", the full stops of "U.S." no letters
        places = "place-acronyms" in self.rules and not self._is_german
        kinds = ("ORG", "EVENT", "FAC", "LOC", "GPE") if places else ("ORG", "EVENT", "FAC", "LOC")
        typed = [(e, e.best_type) for e in entities.values() if _longest(e) > 1]
        names = [(e, kind == "GPE") for e, kind in typed if kind in kinds]
        for key in acronyms:
            short = entities[key]
            words = short.mentions[0].words
            heads = COMPOUND_ACRONYM_HEADS if "compound-acronyms" in self.rules else ()
            fits = [
                e
                for e, place in names
                if e is not short
                and (
                    any(_place_initials(m.words) == words[0] for m in e.mentions)
                    if place
                    else any(_acronym_of(words[0], m.words, heads=heads) for m in e.mentions)
                )
            ]
            if len(fits) != 1 or not self._may_merge(short, fits[0]):
                continue
            full = fits[0]
            full.mentions.extend(short.mentions)
            if full.best_type != "GPE":  # an unknown acronym's ORG guess says nothing of a place
                full.add_scores(short.scores)
            del entities[key]

    def _may_merge(self, short: Entity, full: Entity) -> bool:
        """Known places and groups keep their identity ("Washington" is not "Washington Post"), except a
        person's surname that the text never uses as a place ("Hamilton" after "Lewis Hamilton")."""
        if "surname-over-place" in self.rules and self._surname_not_place(short, full):
            return True
        if short.best_type == "GPE" and full.best_type != "GPE" and short.best_score >= CONFIDENT_SCORE:
            return False  # "the town of Jasper" is not "Jasper National Park"
        if "place-not-org" in self.rules and short.best_type in ("GPE", "LOC") and full.best_type == "ORG":
            return False  # "across Renfrewshire" is the county, not "Renfrewshire Council"
        for mention in short.mentions:
            known = mention.known
            if known is not None and (known.source != "place" or known.weight >= 2):
                return full.best_type == known.type and known.type not in ("GPE", "NORP")
        return True


SURNAME_PREFIX = re.compile(r"^(?:O['’]|Mc|Mac|Fitz)[A-Z][a-z]+$")


def _of_on_both_sides(tokens: list[Token], left: Mention, right: Mention) -> bool:
    """ "A of Maserati and B of Mahindra": "of" before the left name and after the right one; the two are no list
    (Maserati would take B's type)."""
    before, after = _index_before(tokens, left.position), _index_after(tokens, right.end - 1)
    return before is not None and after is not None and tokens[before].lower == "of" and tokens[after].lower == "of"


def _with_common_word_cities(gazetteer: Gazetteer) -> Gazetteer:
    """The gazetteer with lexicon.COMMON_WORD_CITIES, where it does not name them already (rule
    `common-word-cities`; English only: the German tagger reads its own gazetteer)."""
    missing = {
        name: geonames_id for name, geonames_id in lexicon.COMMON_WORD_CITIES.items() if name not in gazetteer.names
    }
    if not missing:
        return gazetteer
    names = dict(gazetteer.names)
    for name, geonames_id in missing.items():
        names[name] = ["GPE", f"city:{geonames_id}", 2]
    return Gazetteer(
        names, gazetteer.given_names, gazetteer.common_words, gazetteer.surname_words, gazetteer.max_name_tokens
    )


def _without_sources(gazetteer: Gazetteer, sources: set[str]) -> Gazetteer:
    """The gazetteer without the names of these sources (to measure `world-features`, `world-events`,
    `world-venues`, `listed-companies`)."""
    names = {surface: entry for surface, entry in gazetteer.names.items() if not set(entry[3:4]) & sources}
    return Gazetteer(
        names, gazetteer.given_names, gazetteer.common_words, gazetteer.surname_words, gazetteer.max_name_tokens
    )


def _surname_shaped(word: str) -> bool:
    """A double-barrelled or prefixed surname: "Gibson-Park", "O'Ward", "McIlroy", "MacLeod"."""
    if SURNAME_PREFIX.match(word):
        return True
    parts = word.split("-")
    return len(parts) == 2 and all(p.isalpha() and p[0].isupper() and p[1:].islower() and len(p) > 1 for p in parts)


def _whole_or_rest(mentions: list[Mention]) -> list[Mention]:
    """A sentence-initial name that starts with an everyday word ("Lion Air, the ...", "Electricity North West,
    which ...") stays whole when the text also names it so where its capitals say something; else only the rest
    of it is a name ("Late Okafor header": Okafor)."""
    if all(m.without_first is None for m in mentions):
        return mentions
    named = {m.surface.casefold() for m in mentions if not m.uncertain}
    kept: list[Mention] = []
    for mention in mentions:
        if mention.without_first is None or mention.surface.casefold() in named:
            kept.append(mention)
        else:
            kept.extend(mention.without_first)
    return kept


def _drop_plural_names(entities: dict[str, Entity]) -> None:
    """ "The two Scotts", "the Currans": a plural of a name that people in the article share is no entity."""
    plurals = []
    for key, entity in entities.items():
        words = entity.mentions[0].words
        if len(words) == 1 and len(words[0]) > 3 and words[0].endswith("s"):
            plurals.append(key)
    if not plurals:
        return
    names = {
        word
        for entity in entities.values()
        if entity.best_type == "PERSON"
        for mention in entity.mentions
        if len(mention.words) > 1
        for word in mention.words
    }
    for key in plurals:
        mentions = entities[key].mentions
        if mentions[0].words[0][:-1] in names and all(m.known is None for m in mentions):
            del entities[key]


# Head nouns of German compounds that give an acronym a letter of their own: "DWI", Deutsches Wein-Institut.
COMPOUND_ACRONYM_HEADS = tuple(sorted(set(lexicon.GERMAN_BODY_HEADS) | {"dienst", "verein", "werk", "zentrum"}))


def _defined_after(tokens: list[Token], piece: list[int], words: list[Token]) -> bool:
    """The name is followed by its acronym in brackets, one that takes a letter from its first word too:
    "Homeland Security Investigations (HSI)", not "Late Okafor (LO)" (rule `defined-whole`)."""
    after = piece[-1] + 1
    if after + 2 >= len(tokens) or tokens[after].raw != "(" or tokens[after + 2].raw != ")":
        return False
    acronym = tokens[after + 1].text
    if not (acronym.isupper() and acronym.isalpha() and 2 < len(acronym) <= 8):
        return False
    return _acronym_of(acronym, [t.text for t in words], skips=0)


def _place_initials(words: list[str]) -> str:
    """A place's name spelt by its initials, an abbreviation giving all its letters: "U.S. Virgin Islands" ->
    "USVI", "Democratic Republic of the Congo" -> "DRC" (rule `place-acronyms`; stricter than _acronym_of,
    whose "FLA" would be "Fort Lauderdale")."""
    return "".join(w.replace(".", "") if "." in w else w[:1] for w in words if w not in CONNECTORS).upper()


def _acronym_of(acronym: str, words: list[str], skips: int = 1, heads: tuple[str, ...] = ()) -> bool:
    """Whether the acronym takes the start of each word in order ("ECOWAS": Economic COmmunity of West African
    States; "CATL": Contemporary Amperex Technology Co. Ltd), skipping connectors and at most one other word
    ("NICE": National Institute for Health and Care Excellence); with heads, a compound ending in one of them
    gives two letters ("ÖSV": Österreichischer Ski-Verband)."""
    words = [w for w in words if w not in CONNECTORS]
    if not words or not acronym or acronym[0] != words[0][:1].upper():
        return False

    def match(a: int, w: int, skips_left: int) -> bool:
        if a == len(acronym):
            return len(words) - w <= skips_left
        if w == len(words):
            return False
        word = words[w].upper()
        for length in range(1, min(len(word), len(acronym) - a) + 1):
            if word[length - 1] != acronym[a + length - 1]:
                break
            if match(a + length, w + 1, skips_left):
                return True
        if heads and a + 1 < len(acronym) and word[0] == acronym[a]:
            lowered = words[w].lower()
            for head in heads:
                if (
                    lowered.endswith(head)
                    and len(lowered) - len(head) >= 3
                    and acronym[a + 1] == head[0].upper()
                    and match(a + 2, w + 1, skips_left)
                ):
                    return True
        return skips_left > 0 and w > 0 and match(a, w + 1, skips_left - 1)

    return match(0, 0, skips)


def _entity_count(entity: Entity) -> EntityCount:
    """The entity as reported: its gazetteer identity when its type is the known one, and its other forms."""
    kind = entity.best_type
    known_key = next((m.known.key for m in entity.mentions if m.known and m.known.key == entity.key), None)
    if known_key is not None and not any(m.known and m.known.type == kind for m in entity.mentions):
        known_key = None  # "Jordan" the player is not the country
    name = entity.name
    surfaces = {m.surface for m in entity.mentions}
    if name.startswith("The ") and len(name.split()) > 2 and kind == "ORG":
        name = name[4:]  # "New York Times" is what a reader searches for, and how it is named elsewhere
    if known_key is not None and known_key.startswith("country:"):
        name = _plainest(surfaces)  # the store names it canonically ("United States"): lexicon.CANONICAL_NAMES
    same = {name.casefold(), f"the {name}".casefold()}
    aliases = tuple(sorted({s for s in surfaces if s.casefold() not in same}))
    return EntityCount(name=name, type=kind, count=len(entity.mentions), known_key=known_key, aliases=aliases)


def _plainest(surfaces: set[str]) -> str:
    """A country as news names it: "Iran" over "Islamic Republic of Iran", words over "U.S." or "UAE"."""
    return min(surfaces, key=lambda s: ("." in s or s.isupper(), len(s.split()), -len(s), s))


# --- lines and tokens ------------------------------------------------------------------------------------


def _defined_terms(lines: list[tuple[str, list[Token], bool]]) -> frozenset[str]:
    """Acronyms a page defines in brackets after the lowercase words they spell: "filtered b-spline (FBS)",
    "magnetic resonance imaging (MRI)", "higher education (HE)". A body's name is written in capitals ("World
    Health Organization (WHO)"), so an acronym of lowercase words names a thing of the trade, not a body."""
    terms: set[str] = set()
    for tokens, index in _bracketed_acronyms(lines):
        token = tokens[index]
        letters = len(token.text)
        words: list[Token] = []
        before = index - 2
        while before >= 0 and len(words) < letters and tokens[before].kind == "word":
            words.append(tokens[before])
            before -= 1
        if len(words) < 2 or any(t.capitalised or t.uncertain for t in words):
            continue
        parts = [part for t in reversed(words) for part in t.raw.split("-")]
        initials = "".join(part[0] for part in parts[-letters:]).upper()
        whole = "".join(t.raw[0] for t in reversed(words)).upper()
        if token.text in (initials, whole[-letters:]):
            terms.add(token.text)
    return frozenset(terms)


def _bracketed_acronyms(lines: list[tuple[str, list[Token], bool]]) -> Iterator[tuple[list[Token], int]]:
    """Each acronym alone in brackets, "(FBS)", as its line's tokens and its index there."""
    for line, tokens, _ in lines:
        if "(" not in line:
            continue
        for index in range(2, len(tokens) - 1):
            if tokens[index - 1].raw == "(" and tokens[index + 1].raw == ")" and _is_acronym(tokens[index]):
                yield tokens, index


CENTRE_WORDS = frozenset({"Centre", "Center"})
TECHNIQUE_ENDINGS = ("metry", "graphy", "scopy", "therapy")  # "Absorptiometry", "Tomography", "Spectroscopy"


def _lower_technique_names(tokens: list[Token], names: frozenset[tuple[str, ...]]) -> None:
    """Wherever the page writes a technique's Title Case name ("Heat Assisted Magnetic Recording"), its words are
    no name (rule `defined-techniques`)."""
    for name in names:
        size = len(name)
        for index in range(len(tokens) - size + 1):
            if tokens[index].text == name[0] and tuple(t.text for t in tokens[index : index + size]) == name:
                for token in tokens[index : index + size]:
                    token.capitalised = False


MENU_LINE_TOKENS = 12  # a label or menu entry, not a sentence: where a page marks a link's language


def _lower_language_codes(tokens: list[Token]) -> None:
    """ "Forum thread (EN)", "Deutsch (DE)": a language code alone in brackets in a short line marks a link's or
    a version's language (rule `language-codes`); in running text "(EU)" or "(UN)" stay names."""
    for index in range(1, len(tokens) - 1):
        token = tokens[index]
        if (
            token.capitalised
            and token.text in lexicon.LANGUAGE_CODES
            and tokens[index - 1].raw == "("
            and tokens[index + 1].raw == ")"
        ):
            token.capitalised = False


def _reached_for_comment(tokens: list[Token], after_index: int | None) -> bool:
    """ "reached Okonkwo for comment", "reached Brightwave by phone": a person or a firm reached, not a place."""
    if after_index is None:
        return False
    after = tokens[after_index].lower
    if after in ("for", "on", "via", ",", "at"):
        return True
    following = _index_after(tokens, after_index)
    return after == "by" and following is not None and tokens[following].lower in lexicon.CONTACT_MEANS


def _moved_to_or_from(before: str, role: str) -> bool:
    """ "reached X", "fled to X", "flights from X", "anchored off X": a journey's end or start, where an unknown word is a place
    (rule `motion-places`; only one word, unknown, not an acronym: "moved to Acme Corp" is left alone)."""
    if before in ("to", "from"):
        return role in lexicon.MOTION_WORDS
    if before == "off":
        return role in lexicon.MOTION_WORDS or role in lexicon.MOORING_WORDS  # "anchored off X", "sank off X"
    return before in lexicon.REACH_VERBS


def _lines(title: str | None, text: str) -> list[tuple[str, bool]]:
    lines: list[tuple[str, bool]] = []
    if title and title.strip():
        lines.append((title.strip(), True))
    lines.extend((line, False) for line in text.splitlines() if line.strip())
    return lines


ENGLISH_LEGAL_FORMS = frozenset({"Inc", "Inc.", "Ltd", "Ltd.", "LLC", "Corp", "Corp.", "PLC", "plc", "LLP"})


def _may_hold_english_legal_form(line: str) -> bool:
    """A cheap first test for ENGLISH_LEGAL_FORMS: `in` tests, spelt out."""
    return "Inc" in line or "Ltd" in line or "LLC" in line or "Corp" in line or "PLC" in line or "LLP" in line


MAX_SITE_WORDS = 4  # "The St Kitts Nevis Observer" has 5 and is left alone
MAX_ROLE_CREDIT_TOKENS = 16  # "– Kyle Roe, The Brag Magazine Editor, Writer"; longer lines are prose
MAX_ROLE_WORDS = 4  # the role within the first words after the comma: "Senior Staff Writer"
SHOUTED_EMPHASIS = lexicon.STOPWORDS | lexicon.SHOUTED_WORDS
# whole names of days and months only: "SUN", "SAT", "EST" in capitals may be a paper, a test, a time zone
SHOUTED_EMPHASIS_AND_DATES = SHOUTED_EMPHASIS | frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August "
    "September October November December".split()
)
# a line that may hold one: "Renaldo “Peewee” Gilkes", "Dwayne 'The Rock' Johnson"; one search before a look at each token
QUOTED_NICKNAME = re.compile(r" [“‘\"'][A-Z][\w.]*(?: [A-Z][\w.]*)?[”’\"'] [A-Z]")  # a space first: a quick scan
NICKNAME_OPENERS = frozenset("“‘\"'")
NICKNAME_CLOSERS = frozenset("”’\"'")


def _drop_nicknames(tokens: list[Token], given_names: frozenset[str]) -> None:
    """ "Renaldo “Peewee” Gilkes", "Dwayne 'The Rock' Johnson": a nickname in quotes between a given name and a
    capitalised word leaves the line, so the person's name is one run and the nickname no work's title (rule
    `quoted-nicknames`)."""
    index = 0
    while index + 4 < len(tokens):
        first = tokens[index]
        if first.capitalised and first.text in given_names and tokens[index + 1].raw in NICKNAME_OPENERS:
            # one or two capitalised words in the quotes, then the surname
            for width in (1, 2):
                close = index + 2 + width
                if close + 1 >= len(tokens) or tokens[close].raw not in NICKNAME_CLOSERS:
                    continue
                nickname = tokens[index + 2 : close]
                surname = tokens[close + 1]
                if all(t.kind == "word" and t.raw[0].isupper() for t in nickname) and surname.capitalised:
                    surname.uncertain = False
                    del tokens[index + 1 : close + 1]
                    break
        index += 1


VER_DI = re.compile(r"\b[Vv]er\.di\b")


def tokenize(line: str, shared_tokens: dict[str, Token] | None = None) -> list[Token]:
    """Tokens of one line, with possessives and hyphenated affixes separated from the name, and each
    capitalised word marked uncertain when its capital is owed to the start of a sentence or quotation.

    Lowercase words, numbers and punctuation never change once made, so one document shares them through
    shared_tokens (a dictionary kept for the document).
    """
    cache = {} if shared_tokens is None else shared_tokens
    if "er.di" in line:  # "ver.di", the union's own spelling, is one word, its name as "Verdi" is (lexicon.CURATED)
        line = VER_DI.sub("Verdi", line)
    tokens: list[Token] = []
    append = tokens.append
    at_start = True  # the next word starts a sentence
    previous: Token | None = None
    for raw in _token_strings(line):
        token = cache.get(raw)
        if token is None:
            token = _new_token(raw)
            if not token.capitalised and token.kind != "abbr":
                cache[raw] = token
        if token.kind == "punct":
            if raw in SENTENCE_END:
                at_start = not (raw == "." and previous is not None and _is_abbreviation(previous))
            elif raw in OPENING_QUOTES or raw in STRAIGHT_QUOTES and (previous is None or previous.kind == "punct"):
                at_start = True  # quoted speech starts with a capital
        else:
            if at_start and token.capitalised:
                token.uncertain = True
            at_start = False
        append(token)
        previous = token
    return tokens


def _token_strings(line: str) -> list[str]:
    """TOKEN.findall(line), a quarter faster: no token spans a space, and a run of letters between two spaces (the
    commonest case) is one token as it stands, so only the other runs go through the regex."""
    strings: list[str] = []
    for chunk in line.split():
        if chunk.isalpha():
            strings.append(chunk)
        elif "-" in chunk and (model := MODEL_CHUNK.match(chunk)) and not _page_range(model.group(1)):
            strings.append(model.group(1))  # "A350-1000", "72-600": a model and its variant are one token
            strings += TOKEN.findall(chunk[model.end(1) :])
        else:
            strings += TOKEN.findall(chunk)
    return strings


def _page_range(text: str) -> bool:
    """ "399-400", "195-200": pages or a count's range, not a model's variant ("737-800", "72-600")."""
    first, _, second = text.partition("-")
    digits = first.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    variant = second.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return digits == first and 0 < int(variant) - int(digits) <= 20


def _curated_german_span(tokens: list[Token], index: int) -> int:
    """How many words from `index` on spell a curated name in German: two to six words ("Zweiten Weltkrieg",
    "Europäischen Zentralbank", "Ärzte ohne Grenzen"), or one that translates an English name ("Mittelmeer", "Weltbank"; not "House"
    or "Wagner", which the curated list holds as they are). 0 when none."""
    if tokens[index].text not in CURATED_FIRST_WORDS:
        return _curated_translation(tokens[index].text)
    for length in CURATED_LENGTHS[tokens[index].text]:
        words = tokens[index : index + length]
        # lowercase words only inside: "Ärzte ohne Grenzen", "Brot für die Welt"
        inside_ok = all(w.capitalised or w.raw in LOWERCASE_NAME_WORDS for w in words[1:-1])
        if len(words) == length and inside_ok and all(w.kind == "word" for w in words):
            if words[-1].capitalised and " ".join(w.text for w in words) in CURATED_NAMES:
                return length
    return _curated_translation(tokens[index].text)


def _curated_translation(word: str) -> int:
    """1 when the word is a hand-listed name's other spelling ("Mittelmeer", "Skoda"), else 0."""
    listed = lexicon.CURATED.get(word)
    canonical = listed[1] if listed is not None else lexicon.WORLD_COMPANIES.get(word)
    return 1 if canonical is not None and canonical != word else 0


def _lower_common_nouns(
    tokens: list[Token], nouns: frozenset[str], given_names: frozenset[str], compounds: bool = True
) -> None:
    """German capitalises every noun: a frequent common noun starts no name ("Woche", "Kollegen"), nor does a
    frequent word at the start of a sentence ("Ihnen"). Acronyms stay ("FDP"), and so does a given name that is
    also a noun when a name follows it ("Mark Zuckerberg"), and a noun right after a given name ("Thomas Müller").
    """
    ordinary = [
        token.capitalised
        and token.kind == "word"  # not one the caller "kept"
        and not (token.text.isupper() and len(token.text) > 1)
        and (token.text.lower() in nouns or token.text.lower() in lexicon.GERMAN_STOPWORDS)
        for token in tokens
    ]
    if compounds:
        for index, token in enumerate(tokens):
            if token.capitalised and not ordinary[index] and token.kind == "word":
                head = _german_compound_head(token.text)
                if head is not None:  # "Bundesverkehrsminister", "GDL-Chef": read as their head noun
                    ordinary[index] = True
                    token.text = head
    for index, token in enumerate(tokens):
        if not ordinary[index]:
            continue
        following = index + 1
        if (
            token.text in given_names
            and token.text.lower() not in lexicon.GERMAN_STOPWORDS  # "Im ORF": "Im" is a given name too
            and following < len(tokens)
            and tokens[following].capitalised
            and not ordinary[following]
        ):
            continue
        previous = tokens[index - 1] if index else None
        if (
            compounds
            and previous is not None
            and previous.capitalised
            and not ordinary[index - 1]
            and previous.text in given_names
            and token.text.lower() not in lexicon.GERMAN_STOPWORDS
        ):
            continue  # a surname that is also a noun, after a given name: "Thomas Müller", "Martin Seiler"
        token.capitalised = token.uncertain = token.headline = False


GERMAN_ADJECTIVE_ENDING = re.compile(r"isch(?:e[nrsm]?)\b")
GERMAN_NAME_ADJECTIVE_KEY = re.compile(r"\b(deutsch|\w+lich)e[nrsm]?\b")


def _join_compound_short_forms(entities: dict[str, Entity]) -> None:
    """ "Kartellamt" after "Bundeskartellamt": a one-word German name that ends another is its short form."""
    keys = [key for key in entities if len(key) >= 6 and " " not in key and len(entities[key].mentions[0].words) == 1]
    if len(keys) < 2:
        return
    for key in keys:
        longer = [k for k in keys if len(k) > len(key) and k.endswith(key) and k in entities]
        if len(longer) != 1 or key not in entities:
            continue
        short, full = entities[key], entities[longer[0]]
        if short.best_type == "ORG" and full.best_type == "ORG":
            full.mentions.extend(short.mentions)
            full.add_scores(short.scores)
            del entities[key]


# Nouns ending a German one-word name of a facility or place, and the type: "Georgenstraße", "Museumsinsel".
GERMAN_NAMED_COMPOUND_ENDINGS = {
    ending: kind
    for kinds, kind in (
        ("straße strasse platz allee gasse damm brücke museum galerie stadion arena halle kirche bahnhof", "FAC"),
        ("ufer friedhof brunnen hütte kapelle", "FAC"),  # german-street-names only
        ("gletscher ferner kees", "LOC"),  # german-street-names only: glaciers ("Hintereisferner", "Pasterzenkees")
        ("gebirge", "LOC"),
        # seventh session: valleys, lakes, passes, gorges and peaks; tunnels, promenades, barracks
        ("tal see klamm schlucht spitze", "LOC"),
        ("tunnel promenade kaserne", "FAC"),
    )
    for ending in kinds.split()
}
GERMAN_NAMED_COMPOUND_HEADS = tuple(sorted(GERMAN_NAMED_COMPOUND_ENDINGS, key=len, reverse=True))
# Heads whose compound names a street, a square or a landmark even after a common noun ("Hafenstraße",
# "Südfriedhof"), and those that are heads only then (german-street-names).
GERMAN_STREET_HEADS = frozenset(
    "straße strasse platz allee gasse ufer brücke kirche kapelle friedhof brunnen hütte gletscher ferner kees".split()
)
GERMAN_STREET_ONLY_HEADS = frozenset("ufer friedhof brunnen hütte kapelle gletscher ferner kees".split())
NOT_VALLEY_ENDINGS = ("portal", "quartal", "kapital", "spital", "hospital")
NOT_STREET_ENDINGS = ("äufer", "aufer", "ungstrasse", "heitstrasse", "keitstrasse", "tätstrasse", "ionstrasse")
# Generic compounds of those heads that neither noun list has: a kind of street or landmark, not one.
GERMAN_GENERIC_STREETS = frozenset(
    """
    kreisstraße landesstraße staatsstraße gemeindestraße anliegerstraße zufahrtsstraße erschließungsstraße
    stellplatz festplatz stadtplatz standplatz abstellplatz containerplatz wendeplatz rastplatz lagerplatz
    ersatzbrücke behelfsbrücke stadtbrücke hafenbrücke stahlbrücke betonbrücke fußgängerbrücke straßenbrücke
    hundeplatz liegeplatz minigolfplatz golfplatz tennisplatz bolzplatz zeltplatz campingplatz
    verbindungsbrücke verbindungsstraße
    berghütte schutzhütte almhütte skihütte selbstversorgerhütte
    waldfriedhof stadtfriedhof gemeindefriedhof ortsfriedhof parkfriedhof
    hochwasserdamm schutzdamm
    pfarrkirche dorfkirche stadtkirche wallfahrtskirche klosterkirche hauptkirche kreuzkirche
    friedhofskapelle dorfkapelle hauskapelle
    nordufer südufer ostufer westufer seeufer flussufer
    talgletscher hängegletscher kargletscher plateaugletscher gebirgsgletscher alpengletscher blockgletscher
    """.split()
)
# Roles German writes with a capitalised adjective: "Ärztlicher Leiter", "Wissenschaftliche Mitarbeiterin".
GERMAN_CAPITALISED_ROLES = (
    *lexicon.GERMAN_ROLE_HEADS,
    *"mitarbeiter mitarbeiterin referent referentin beauftragte beauftragter geschäftsführer geschäftsführerin".split(),
    *"assistent assistentin schauspieler schauspielerin".split(),
)
# Nouns of a landscape German names by a place's adjective (german-landscapes): "Lüneburger Heide", "Bergisches
# Land", "Rheinisches Revier", "Fränkische Schweiz", "Steinheimer Becken", "Zürcher Unterland".
GERMAN_LANDSCAPE_NOUNS = frozenset(
    """
    heide land landes wald waldes revier reviers schweiz becken beckens loch unterland oberland hochland seenplatte
    bergland hügelland börde marsch senke graben grabens alb alpen voralpen bucht förde haff bodden see sees
    """.split()
)
GERMAN_NATURE_NOUNS = frozenset("alb alpen wald heide see bucht meer küste gebirge insel inseln".split())
GERMAN_NAME_ADJECTIVE_ENDINGS = tuple(
    stem + ending for stem in ("isch", "lich") for ending in ("e", "er", "es", "en", "em")
)


def _join_genitives(entities: dict[str, Entity]) -> None:
    """ "des Österreichischen Skiverbands" and "der Österreichische Skiverband": a name of several words in the
    genitive ("-s", "-es") is the same name."""
    for key in [
        k for k in entities if " " in k and k.endswith("s") and k.split()[0].endswith(("isch", "lich", "deutsch"))
    ]:
        for base in (key[:-1], key[:-2] if key.endswith("es") else None):
            if base and base in entities and key in entities:
                full = entities[base]
                full.mentions.extend(entities[key].mentions)
                full.add_scores(entities[key].scores)
                del entities[key]
                break  # the name is reported as the text writes it outside the genitive: entities[base]'s


def _adjective_free(key: str) -> str:
    """A name's key with its German adjectives uninflected: "deutschen bahn" -> "deutsch bahn"."""
    return GERMAN_NAME_ADJECTIVE_KEY.sub(r"\1", GERMAN_ADJECTIVE_ENDING.sub("isch", key))


def _after_a_small_word(tokens: list[Token], index: int) -> bool:
    """ "die Deutsche Bahn", "mit Europäischer Hilfe", ", Deutsche Telekom": a name's adjective follows a lowercase
    word or a comma, a bracket or a quote; in a heading, a table or a list of topics it follows a noun, a dash or
    nothing ("Politische Bildung", "Magnetismus Magnetische Feldstärke")."""
    if not index:
        return False
    previous = tokens[index - 1]
    return (
        previous.raw.islower()
        or previous.raw in NAME_ADJECTIVE_OPENERS
        or previous.raw.lower() in lexicon.GERMAN_STOPWORDS  # "Die Europäische Kommission" at a sentence start
        or _german_name_adjective(previous.raw)  # "der Freien und Hansestadt", "Bayerischen Rundfunk"
        or previous.raw.endswith(("e", "en", "er", "es", "em"))  # "den Vereinigten Arabischen Emiraten": another
        and previous.raw[:1].isupper()  # adjective, not a noun
        and previous.raw.lower() not in load_german_common_nouns()
    )


NAME_ADJECTIVE_OPENERS = frozenset({",", "(", "„", '"', "“", "‚", "'", "»", "«"})


def _german_name_adjective(word: str) -> bool:
    """ "Deutsche", "Sächsischer", "Staatliche": a German adjective, which only a name writes with a capital
    mid-sentence."""
    if word in ("Deutsche", "Deutscher", "Deutsches", "Deutschen"):
        return True
    if len(word) < 7 or not word.isalpha() or not word.endswith(GERMAN_NAME_ADJECTIVE_ENDINGS):
        return False
    stem = word[: word.rfind("isch")] if "isch" in word else word[: word.rfind("lich")]
    return len(stem) >= 3  # "Bayer-isch-e", "Staat-lich-e"; not "T-isch-e", "F-isch-e"


FIRM_POSSESSIONS = frozenset(
    "shareholders headquarters subsidiary subsidiaries shares stock ceo cfo boardroom workforce"
    " revenue revenues profit profits earnings".split()
)
GERMAN_ARTICLES = frozenset("der die das den dem des ein eine einen einem einer eines".split())
GERMAN_PLACE_PREPOSITIONS = frozenset({"in", "nach", "aus", "bei", "zwischen", "um"})
GERMAN_LIST_JOINERS = frozenset({",", "und", "oder", "sowie"})
GERMAN_PLACE_CONTEXT = GERMAN_PLACE_PREPOSITIONS | {w.title() for w in GERMAN_PLACE_PREPOSITIONS} | GERMAN_LIST_JOINERS
GERMAN_ADJECTIVE_FORMS = ("ischer", "ische", "isches", "ischen")
# Nouns of an institution that open its name in German, and the type they give: "Flughafen Hamburg".
GERMAN_INSTITUTION_NOUNS = {
    "Flughafen": "FAC",
    "Hauptbahnhof": "FAC",
    "Bahnhof": "FAC",
    "Stadion": "FAC",
    "Hochschule": "ORG",
    "Fachhochschule": "ORG",
    "Universität": "ORG",
    "Stiftung": "ORG",
    "Weingut": "ORG",
    "Klinikum": "ORG",
    "Feuerwehr": "ORG",
    "Landkreis": "GPE",
    # seventh session: plants, mines, spas, barracks, castles and hospitals named by their place, and districts
    "Kraftwerk": "FAC",
    "Zeche": "FAC",
    "Therme": "FAC",
    "Kaserne": "FAC",
    "Schloss": "FAC",
    "Krankenhaus": "FAC",
    "Bezirk": "GPE",
}
# Offices, courts and districts a German name opens with, named by the place they serve: "Amtsgericht Kiel",
# "Bezirksamt Berlin-Mitte", "Kreis Kleve" (german-office-places; only before a known place, since most are also
# everyday nouns: "das Amtsgericht entschied").
GERMAN_OFFICE_NOUNS = {
    **dict.fromkeys(
        (
            "Amtsgericht",
            "Landgericht",
            "Oberlandesgericht",
            "Verwaltungsgericht",
            "Oberverwaltungsgericht",
            "Arbeitsgericht",
            "Landesarbeitsgericht",
            "Sozialgericht",
            "Landessozialgericht",
            "Finanzgericht",
            "Bezirksamt",
            "Landratsamt",
            "Finanzamt",
            "Ordnungsamt",
            "Jobcenter",
            "Polizeipräsidium",
            "Polizeidirektion",
            "Staatsanwaltschaft",
            "Generalstaatsanwaltschaft",
            "Forschungszentrum",
            "Universitätsklinikum",
            "Stadtwerke",
            "Messe",
            "Bistum",
            "Erzbistum",
        ),
        "ORG",
    ),
    "Kreis": "GPE",
}
# Bodies German names by the place they serve, like offices, but not in the office rule's list
# (german-place-bodies): "Theater Greifswald", "Landtag Mecklenburg-Vorpommern", "Bergwacht Bayern".
GERMAN_PLACE_BODY_NOUNS = frozenset(
    """
    Landtag Kreistag Stadtrat Gemeinderat Kantonsrat Regierungsrat Grossrat Landesregierung Stadtverwaltung
    Landesgericht Bezirksgericht Kantonsgericht Obergericht Kantonsspital Kantonspolizei Landespolizei Polizei
    Regierungspräsidium Bezirksregierung Handwerkskammer Handelskammer Verbraucherzentrale Tourismusverband
    Bergwacht Bergrettung Theater Schauspiel Staatstheater Landestheater Stadttheater Staatsoper Oper Philharmonie
    Volksbühne Staatsballett Landesmuseum Stadtmuseum Kunsthalle Kunstverein Landeskirche Diakonie Caritas
    Sparkasse Volksbank Verkehrsbetriebe Stadtbibliothek Bürgerschaft
    """.split()
)
# Words a known company names a service with that _maker_and_model would take for a head word, a place or a plural
# (rule maker-services): "Google Maps", "Google Drive", "Microsoft Teams", "Apple Pay".
MAKER_PRODUCT_WORDS = frozenset(
    "Maps Drive Docs Sheets Slides Photos Pay Wallet Teams Translate Meet Classroom".split()
)
# French, Portuguese, Spanish and Italian words that open the name of a street, a square, a building or a place,
# and the type they give it, as English text keeps them (rule romance-heads): "Rua de São Miguel", "Place Soweto",
# "Promenade des Anglais", "Basílica da Estrela", "Museu do Fado" (ORG, as "Museum ..." is), "Bairro Alto".
# Not "Rio", "Santa", "San", "Monte", "Villa", which open cities' and people's names as often.
ROMANCE_HEADS = {
    **dict.fromkeys(
        """
        Rua Rue Praça Place Plaza Piazza Largo Avenida Avenue Boulevard Promenade Calle Paseo Quai Travessa Beco
        Basílica Basilique Basilica Igreja Église Iglesia Chiesa Catedral Cathédrale Sé Mosteiro Convento Coliseu
        Palácio Château Théâtre Cité Gare Estação Estación Aeroporto Aéroport Mercado Marché Ponte Pont Puente
        Torre Jardim Jardin Jardín Cemitério Cimetière Cementerio Stade Estádio
        """.split(),
        "FAC",
    ),
    **dict.fromkeys("Museu Musée Museo Fundação Fondation Fundación Universidade Université".split(), "ORG"),
    **dict.fromkeys("Bairro Quartier Barrio".split(), "GPE"),
    **dict.fromkeys("Serra Praia Playa Ilha Île Isla Lago Lac Lagoa Baía Baie Bahía Cabo".split(), "LOC"),
}
ROMANCE_PARTICLES = frozenset("de da do das dos des du la del della di le les".split())
# where the gazetteer's hand-listed names come from, and its listed bodies' (hand-listed or data/companies.json)
HAND_LISTED_SOURCES = frozenset({"curated", WORLD_COMPANY_SOURCE})
LISTED_BODY_SOURCES = HAND_LISTED_SOURCES | {COMPANY_SOURCE}
# the hand-listed names, whatever their list: German text writes them with capitals its noun lists would lower
CURATED_NAMES = frozenset(lexicon.CURATED) | frozenset(lexicon.WORLD_COMPANIES)
CURATED_FIRST_WORDS = frozenset(name.split()[0] for name in CURATED_NAMES if " " in name)
# the lengths in words of the curated names each first word opens, longest first: "Ärzte" (3), "Der" (2)
_lengths: dict[str, set[int]] = defaultdict(set)
for _name in CURATED_NAMES:
    if " " in _name:
        _lengths[_name.split()[0]].add(len(_name.split()))
CURATED_LENGTHS = {first: tuple(sorted(lengths, reverse=True)) for first, lengths in _lengths.items()}
CURATED_PLACES = frozenset(name for name, (kind, _) in lexicon.CURATED.items() if kind == "GPE")
# News agencies as German pages credit them, in lower case (german-agency-credits): "Berlin (dpa)", "Foto: epd",
# "(Mit Material von dts)". None is a German word.
GERMAN_AGENCY_CREDITS = frozenset({"dpa", "dts", "epd", "kna", "afp", "apa", "ddp", "dapd", "sda", "sid", "kipa"})
# A party named by its capitalised adjective, and the one form its mentions are counted under (german-parties).
GERMAN_PARTY_WORDS = {"Grünen": "Grünen", "Grüne": "Grünen", "Linke": "Linke", "Linken": "Linke"}
# German articles and "von" between two capitalised words: a name's particle only in a person's name ("Ursula von
# der Leyen"); elsewhere they join two names ("AStA der Universität Hamburg") or a noun and a name ("Öffentlichkeits-
# arbeit von Peter Maffay"): german-article-connectors.
GERMAN_CUT_CONNECTORS = frozenset({"der", "den", "des", "dem", "die", "das", "von", "vom"})
NOBLE_TITLES = frozenset("Graf Gräfin Freiherr Freifrau Fürst Fürstin Prinz Prinzessin Herzog Herzogin Baron".split())
# Endings of one-word names that are also nouns: papers and broadcasters ("Tagesspiegel", "Weserkurier"), surnames
# ("Goldstein", "Obermüller", "Hufschneider"): german-compound-nouns leaves them names.
COMPOUND_NAME_TAILS = tuple(
    "spiegel blatt woche kurier zeitung post bote anzeiger rundschau schau magazin journal dienst funk welle"
    " nachrichten stein müller schneider macher meister bauer fischer jäger schäfer becker wagner richter"
    " ingen leben hausen dorf heim falen hofen".split()  # and places: "Schwamendingen", "Bischleben"
)
GERMAN_PARTY_ACRONYMS = frozenset("SPD CDU CSU FDP AfD BSW NPD PDS ÖVP SPÖ FPÖ NEOS SVP".split())
GERMAN_PARTY_OPENERS = frozenset(
    'die Die der Der den Den von mit bei für gegen und sowie oder , / ( „ " “ ‚ zwischen'.split()
)


def _german_body(word: str) -> bool:
    """A rare German compound (not in the frequent-noun list, or it would not be a name here) ending in an
    institution's noun: "Bundeskartellamt", "Monopolkommission", "Schwarz-Gruppe"."""
    lowered = word.lower()
    if not lowered.endswith(lexicon.GERMAN_BODY_HEADS) or not word.isalpha() and "-" not in word:
        return False
    head = next(h for h in lexicon.GERMAN_BODY_HEADS if lowered.endswith(h))
    before = lowered[: -len(head)]
    return len(before.rstrip("-")) >= 3


def _german_compound_head(word: str) -> str | None:
    """The role or organisation noun a German compound ends in ("Bundesverkehrsminister" -> "minister"), or None.
    The part before it must be a word of its own (three letters or more), so "Spieler" itself is no compound."""
    lowered = word.lower()
    if len(lowered) < 7 or not lowered.endswith(GERMAN_COMPOUND_HEADS):  # the shortest: "gdl-chef"
        return None
    head = next(h for h in GERMAN_COMPOUND_HEADS if lowered.endswith(h))
    start = len(lowered) - len(head)
    before = lowered[start - 1]
    if start < 3 and before != "-" or not (before.isalpha() or before == "-"):
        return None
    return head


GERMAN_KIND_ORG = (
    "konzern",
    "unternehmen",
    "firma",
    "discounter",
    "anbieter",
    "händler",
    "hersteller",
    "kette",
    "agentur",
    "zeitung",
    "sender",
    "verein",
    "partei",
    "gesellschaft",
    "airline",
    "versicherer",
    "zulieferer",
    "gewerkschaft",
    "brauerei",
    "reederei",
)
GERMAN_KIND_PLACES = {"insel": "LOC", "inseln": "LOC", "halbinsel": "LOC", "stadt": "GPE", "gemeinde": "GPE"} | {
    word: "GPE" for word in ("dorf", "kanton", "landkreis", "bundesland", "metropole", "stadtteil", "kurort", "skiort")
}


GERMAN_BODY_NOUNS = (
    *lexicon.GERMAN_BODY_HEADS,
    *GERMAN_KIND_ORG,
    *"bund verein vereinigung kammer akademie rat universität hochschule".split(),
)


def _is_body_noun(lowered: str) -> bool:
    """ "verband", "Bundesverbands", "Gewerkschaft": a body's noun, also in the genitive."""
    return lowered.endswith(GERMAN_BODY_NOUNS) or lowered.endswith("s") and lowered[:-1].endswith(GERMAN_BODY_NOUNS)


def _german_kind_noun(word: str) -> str | None:
    """The type a German noun of a kind gives the name after it: "Discounter", "Chiphersteller" (ORG),
    "Inseln" (LOC), "Kanton" (GPE); the part before a compound's noun must be three letters or more."""
    place = GERMAN_KIND_PLACES.get(word)
    if place is not None:
        return place
    if not word.endswith(GERMAN_KIND_ORG):
        return None
    for ending in GERMAN_KIND_ORG:
        if word.endswith(ending) and (len(word) == len(ending) or len(word) - len(ending) >= 3):
            return "ORG"
    return None


# What follows a people's stem in its country's German name: Tschech-ien, Schwed-en, Russ-land, Griech-enland.
WEAK_DEMONYM_COUNTRY_ENDINGS = ("en", "ien", "ei", "land", "enland")
AGENT_ENDINGS = ("er", "or", "ent", "ant", "ist", "eur", "at", "oge", "ier")


def _feminine_role(word: str, nouns: frozenset[str]) -> bool:
    """ "Winzerin", "Restauratorin", "Kultursenatorin": a feminine noun of a role, "-in" after an agent noun (a
    common noun, a compound ending in one, or an agent ending); not a name ending in "-in" ("Martin", "Erwin")."""
    if len(word) < 7 or not word.endswith("in") or not word.isalpha():
        return False
    stem = word[:-2]
    if stem.endswith("og"):
        stem += "e"  # "Meteorologin": "Meteorologe"
    lowered = stem.lower()
    return lowered in nouns or lowered.endswith(AGENT_ENDINGS) and len(lowered) >= 5 or _ends_in_noun(stem, nouns)


# Short heads of German role compounds, too short for _ends_in_noun: "Verwaltungsmann", "Bundesrat", "Landsrätin".
SHORT_ROLE_HEADS = ("mann", "frau", "rat", "rätin", "wirt", "wirtin")
# Religious titles the noun lists lack ("Pater", "Abt", "Kaplan" are there).
GERMAN_RELIGIOUS_TITLES = frozenset({"Frater", "Padre", "Fra"})
UMLAUT_STEMS = str.maketrans("äöü", "aou")


def _short_role_compound(word: str, nouns: frozenset[str]) -> bool:
    """ "Verwaltungsmann", "Ständerat", "Aufsichtsrätin": a noun (with or without the linking s), then a short role
    head; not "Hoffmann", whose first part is no noun."""
    lowered = word.lower()
    for head in SHORT_ROLE_HEADS:
        if lowered.endswith(head):
            stem = lowered[: -len(head)]
            return len(stem) >= 3 and (stem in nouns or stem.endswith("s") and stem[:-1] in nouns)
    return False


def _council_title(word: str, nouns: frozenset[str]) -> bool:
    """ "Bundesrat", "Landrätin", "Regierungsrat": a councillor's title, which Swiss and Austrian papers put before
    a surname alone."""
    lowered = word.lower()
    return lowered.endswith(("rat", "rätin")) and _short_role_compound(word, nouns)


# Positions in a team German writes before a player's name and its noun lists lack or cannot cut ("Zu-spieler":
# too short a first part): rule sport-roles. Feminine forms end in "-in"; a club's acronym may open them ("VfB-Libero").
GERMAN_SPORT_ROLES = frozenset(
    """
    zuspieler libero außenangreifer mittelblocker diagonalangreifer rückraumspieler kreisläufer linksaußen
    rechtsaußen spielmacher abwehrchef innenverteidiger außenverteidiger mittelfeldspieler angreifer keeper
    goalie schlussmann torfrau flügelspieler aufbauspieler centerspieler point-guard
    """.split()
)


def _german_sport_role(word: str) -> bool:
    lowered = word.rsplit("-", 1)[-1].lower() if "-" in word else word.lower()
    return lowered in GERMAN_SPORT_ROLES or lowered.endswith("in") and lowered[:-2] in GERMAN_SPORT_ROLES


def _role_noun(word: str, nouns: frozenset[str]) -> bool:
    """A German noun for a person's role, as written before the person's name: a short-headed compound, a compound
    ending in a frequent or rare noun ("Sportredaktor", "Verfassungsrechtler"), a feminine role whose stem has an
    umlaut ("Landsrätin", "Staatsanwältin")."""
    if len(word) < 7:
        return False
    if _short_role_compound(word, nouns) or _ends_in_noun(word, nouns):
        return True
    if word.endswith("in"):
        stem = word[:-2].translate(UMLAUT_STEMS)
        return _short_role_compound(stem, nouns) or _ends_in_noun(stem, nouns)
    return False


# Given names the German noun lists also hold, whose noun reading is rare before another noun: "Anna", "Hans".
GIVEN_NAME_NOUNS = frozenset(
    "Anna Benjamin Bob Ernst Eva Fritz Hans Henry Hermann Horst Jean Johannes Klaus Maria Marie Mark Oscar Rosa".split()
)


def _keep_given_and_noun_surname(tokens: list[Token], nouns: frozenset[str]) -> None:
    """ "Anna Bauer", "Hans Fischer", "Klaus Wagner": a given name that is also a noun, then a surname that is also
    one, is a person; the noun list lowered both (a given name stays only before a word that is no noun). Not
    after an article or a number."""
    for index in range(len(tokens) - 1):
        token = tokens[index]
        if token.text not in GIVEN_NAME_NOUNS or not token.capitalised or token.kind != "word":
            continue
        if index and (tokens[index - 1].lower in GERMAN_ARTICLES or tokens[index - 1].kind == "num"):
            continue  # "eine Mark Brot", "die 100 Mark": the noun, counted or with its article
        surname = tokens[index + 1]
        lowered = surname.lower
        if (
            surname.capitalised
            and surname.kind == "word"
            and surname.text.isalpha()
            and not surname.text.isupper()
            and lowered in nouns
            and lowered not in lexicon.GERMAN_STOPWORDS
        ):
            token.kind = surname.kind = "kept"


# Fixed phrases of a preposition and a rare noun: "in Betracht", "in Kauf nehmen", "in Anspruch".
GERMAN_IDIOM_NOUNS = frozenset({"betracht", "anbetracht", "kauf", "anspruch", "erwägung", "gange", "hinsicht"})
# Suffixes only German nouns have: "Zugänglichmachung", "Unbedenklichkeit", "Kreativität".
NOUN_ONLY_SUFFIXES = ("ung", "heit", "keit", "schaft", "ismus", "tät")
# Endings of German nouns that are no place: "Dekarbonisierung", "Unzulässigkeit", "Konservativismus".
GERMAN_NOUN_SUFFIXES = tuple(
    "ung heit keit schaft ismus tät ion nis chen ling tum ium ikum ik erei elei bau feld".split()
)
# Endings of German place names, which are often compounds of nouns: "Bodenheim", "Moritzburg", "Kinzigtal".
GERMAN_PLACE_ENDINGS = tuple(
    "heim burg berg dorf hausen feld bach tal wald stadt stedt städt hof ingen leben rode hagen au mark heide gau"
    " kirchen furt brück haven ach land".split()
)


def _ends_in_noun(word: str, nouns: frozenset[str], shortest: int = 5) -> bool:
    """ "DWD-Meteorologe", "Supermarktkette", "Wirtschaftsministers": a hyphenated word whose last part is a common
    noun, or a compound whose last five letters or more are one (after a genitive s), the part before at least
    three letters."""
    lowered = word.lower()
    if "-" in lowered:
        tail = lowered.rsplit("-", 1)[1]
        return len(tail) >= 3 and (tail in nouns or tail.endswith("s") and tail[:-1] in nouns)
    for stem in (lowered, lowered[:-1]) if lowered.endswith("s") else (lowered,):
        for start in range(3, len(stem) - shortest + 1):
            if stem[start:] in nouns:
                return True
    return False


def _new_token(raw: str) -> Token:
    first = raw[0]
    if first.isalpha():
        if first.islower() and "-" not in raw and not (raw[1:2] in ("'", "’") and raw[2:3].isupper()):
            if not raw.islower() and (CAMEL_CASE.match(raw) or raw in lexicon.PRODUCT_NAMES):  # "iPhone", "iOS"
                return Token(raw, "word", raw, capitalised=True)
            return Token(raw, "word", raw)
        if "." in raw:  # abbreviation
            text, _, suffix = raw.partition("-")
            return Token(text, "abbr", raw, suffix=suffix if suffix.islower() else "", capitalised=first.isupper())
        if first.isupper() and "-" not in raw and "'" not in raw and "’" not in raw:
            return Token(raw, "word", raw, False, "", False, False, True)  # the common case, kept fast
        return _word_token(raw)
    if first.isdigit():
        return Token(raw, "num", raw)
    return Token(raw, "punct", raw)


DEMONYM_ENDINGS = ("an", "ish", "ese", "i", "ic")


def _word_token(raw: str) -> Token:
    """A word with an apostrophe or a hyphen: possessive, attributive prefix or suffix, name particle."""
    text = raw.replace("’", "'")
    possessive = False
    if len(text) > 2 and text[-2] == "'" and text[-1] in "sS":
        text, possessive = text[:-2], True
    lowered = text.lower()
    for prefix in lexicon.ATTRIBUTIVE_PREFIXES:  # "non-Kurdish" -> "Kurdish"; not "World Anti-Doping Agency"
        if not lowered.startswith(prefix) or len(text) <= len(prefix) or not text[len(prefix)].isupper():
            continue
        # a capital prefix opens a sentence ("Pro-Russian separatists") or belongs to a name ("Sub-Saharan Africa")
        if text.startswith(prefix) or prefix in ("anti-", "pro-", "non-") and lowered.endswith(DEMONYM_ENDINGS):
            text = text[len(prefix) :]
            break
    suffix = ""
    if "-" in text and text[:1].isupper():  # "Venezuela-style" -> "Venezuela" + "style"
        parts = text.split("-")
        last_capital = max(i for i, part in enumerate(parts) if part[:1].isupper())
        tail = parts[last_capital + 1 :]
        if tail and all(part.islower() for part in tail) and tail[-1] in lexicon.ATTRIBUTIVE_SUFFIXES:
            text = "-".join(parts[: last_capital + 1])
            suffix = "-".join(tail)
    capitalised = text[:1].isupper() or text.startswith(lexicon.NAME_PREFIXES) and any(ch.isupper() for ch in text[:5])
    return Token(text, "word", raw, possessive=possessive, suffix=suffix, capitalised=capitalised)


# Words after the last noun of a noun phrase: "a nightclub on a boat", "a lake that", "a river in".
PHRASE_ENDS = frozenset("in on at near of that which where with from by for outside off along and or".split())
CREDIT_VERBS = frozenset("reporting writing editing edited written compiled photography photographs photos".split())


def _credited_names(tokens: list[Token]) -> set[int]:
    """Where the people of a wire credit start ("(Reporting by Zarir Hussain in Guwahati and Ruma Paul in Dhaka;
    Editing by Kim Coghill)"): the capitalised word after "by" following a credit verb, and after each "and" or
    comma of the same credit; the places after "in" are not people. Empty for a line without such a credit."""
    credited: set[int] = set()
    state = ""  # "" outside a credit, "name" where a name may start, "inside" in a name or a place
    for index, token in enumerate(tokens):
        lower = token.lower
        if lower == "by" and index and tokens[index - 1].lower in CREDIT_VERBS and _opens_credit(tokens, index - 1):
            state = "name"
        elif not state:
            continue
        elif token.raw in (";", ")", "(", ".", ":"):
            state = ""
        elif lower in ("and", ",", "&"):
            state = "name"
        elif lower == "in":
            state = "inside"
        elif state == "name" and token.capitalised and not token.text.isupper():  # not "LSEG", an agency
            credited.add(index)
            state = "inside"
        elif not token.capitalised and token.kind == "word":
            state = ""  # "edited by hand", "written by the ...": no credit
    return credited


def _opens_credit(tokens: list[Token], verb: int) -> bool:
    """ "(Reporting by", "; Editing by", "Additional reporting by": a credit verb opening a clause, not "data
    compiled by LSEG" inside a sentence."""
    before = tokens[verb - 1] if verb else None
    return (
        before is None
        or before.raw in ("(", ";", "[")
        or before.lower == "additional"
        or tokens[verb].raw[0].isupper()
        and before.kind == "punct"
    )


# Venue nouns German also writes after a name, English-style (german-venue-heads): "Lanxess Arena", "IGA Park".
GERMAN_VENUE_HEADS = frozenset({"Arena", "Park"})
AMBIGUOUS_FIRMS = frozenset({"Bayer", "Wagner", "House"})  # a Bavarian, a surname, a music style
FUER_HEADS = ("ausschuss", "ausschusses", "zentrum", "zentrums", "forum", "büro", "netzwerk", "kuratorium", "komitee")


def _fuer_head(lowered: str) -> bool:
    """ "bundesministerium", "institut", "ausschuss": a body's noun that names its field after "für"."""
    if lowered.endswith(("parat", "parats")):  # "Apparat für Messungen"
        return False
    return _is_body_noun(lowered) or lowered.endswith(FUER_HEADS)


def _keep_fuer_names(tokens: list[Token]) -> None:
    """ "Bundesamt für Logistik und Mobilität", "Max-Planck-Institut für Meteorologie": a body's noun, "für" and
    capitalised words (joined by "und") name one body; its field's nouns are no ordinary nouns there."""
    for index in range(len(tokens) - 2):
        token = tokens[index]
        if (
            tokens[index + 1].raw != "für"
            or not token.capitalised
            or token.kind != "word"
            or not _fuer_head(token.lower)
            or not tokens[index + 2].capitalised
        ):
            continue
        token.kind = "kept"
        position = index + 2
        while position < len(tokens):
            current = tokens[position]
            if current.capitalised and current.kind == "word":
                current.kind = "kept"
                position += 1
                if (
                    position + 2 < len(tokens)
                    and tokens[position].raw == "-"
                    and tokens[position + 1].raw in ("und", "oder")
                    and tokens[position + 2].capitalised
                ):
                    current.text += "-"  # "für Polar- und Meeresforschung": the compounds share their last part
                    tokens[position] = Token("-", "skip", "-")
                    position += 1
            elif current.raw == "und" and position + 1 < len(tokens) and tokens[position + 1].capitalised:
                position += 1
            else:
                break


# Nouns of a body that, after a person's name, make the whole an organisation (german-named-bodies): "Ludwig
# Boltzmann Institut", "Hanns Seidel Stiftung"; not "Bank", "Rat", "Kammer", "Bund", which are surnames too.
GERMAN_NAMED_BODY_HEADS = (
    *("institut", "stiftung", "verband", "gesellschaft", "akademie", "universität", "hochschule", "gymnasium"),
    *("zentrum", "kommission", "ministerium", "behörde", "agentur", "klinik", "klinikum", "museum", "verein"),
)
# Bodies German names with a genitive that opens with an adjective: "Verband der Deutschen Automobilindustrie", "Rat
# der Europäischen Union"; not "Vertragspartei des Europäischen Übereinkommens", "das Amt des Geistlichen Leiters".
GENITIVE_BODY_HEADS = (
    "verband",
    "verbands",
    "bund",
    "vereinigung",
    "gesellschaft",
    "institut",
    "kammer",
    "rat",
    "rates",
)


def _keep_genitive_body_names(tokens: list[Token]) -> None:
    """ "Österreichische Akademie der Wissenschaften", "Akademie der Künste", "Verband der Deutschen
    Automobilindustrie": a body's noun opened by a name's adjective (or an academy, or with one after "der"), "der"
    and capitalised words name one body; those words are no ordinary nouns there.
    Not "der Rat der Stadt", "AStA der Universität Hamburg" (no adjective: two names or none)."""
    for index in range(1, len(tokens) - 1):
        article = tokens[index]
        if article.raw not in ("der", "des") or not tokens[index + 1].capitalised:
            continue
        body = tokens[index - 1]
        if not body.capitalised or body.kind not in ("word", "kept") or not _is_body_noun(body.lower):
            continue
        opener = tokens[index - 2] if index >= 2 else None
        named = body.lower == "akademie" or (  # "Verband der Deutschen Automobilindustrie"
            body.lower.endswith(GENITIVE_BODY_HEADS) and _german_name_adjective(tokens[index + 1].text)
        )
        if not named and (opener is None or not _german_name_adjective(opener.text)):
            continue
        if opener is not None and _german_name_adjective(opener.text):
            opener.kind = "kept"
        body.kind = "kept"
        position = index + 1
        while position < len(tokens):
            current = tokens[position]
            if not current.capitalised or current.kind != "word":
                break  # not across "und": "der Freunde und Förderer" is a field, not two bodies' names
            current.kind = "kept"
            position += 1


# A direction or a position before a place's name: "Norddeutschland", "Oberfranken", "Vorpommern", "Deutschschweiz".
GERMAN_REGION_PREFIXES = (
    *("Nordost", "Nordwest", "Südost", "Südwest", "Nord", "Süd", "Ost", "West"),
    *("Ober", "Unter", "Mittel", "Nieder", "Vor", "Hinter", "Deutsch"),
)
REGION_PREFIX_INITIALS = frozenset(prefix[0] for prefix in GERMAN_REGION_PREFIXES)
# Historical regions the gazetteer lacks as places (some are also nouns: "Franken", "Schwaben").
GERMAN_REGION_STEMS = frozenset(
    "Bayern Franken Schwaben Pommern Westfalen Friesland Lausitz Pfalz Rheinland Holstein Thüringen".split()
)
# A compound ending in a kind of place, before a known place, says what the place is: "Filmstadt Göttingen",
# "Klientelstaat Slowakei", "Inselkontinent Madagaskar", "Wissenschaftsstandort Österreich", "Stadtbezirke Bergheim".
GERMAN_PLACE_KIND_TAILS = (
    *("stadt", "staat", "land", "lande", "region", "kontinent", "metropole", "heimat", "standort", "insel"),
    *("bezirk", "bezirke", "gemeinde"),
)
# Animals and English plurals German teams are named by, beside their city: "Eisbären Berlin", "Kölner Haie".
# Endings of a compound that names a business or a building (german-institution-compounds): before a place, the
# compound and the place name one ("Porzellanfabrik Weimar" ORG, "Bunkermuseum Emden" FAC; German gold files make a
# German museum a FAC).
GERMAN_INSTITUTION_TAILS = {
    **dict.fromkeys(("fabrik", "manufaktur", "brauerei", "werft", "verlag", "kellerei", "molkerei"), "ORG"),
    **dict.fromkeys(("museum", "gefängnis", "kraftwerk", "stahlwerk", "stammwerk"), "FAC"),
}
INSTITUTION_TAIL_ENDINGS = tuple(GERMAN_INSTITUTION_TAILS)
# Endings of a field of study (german-academic-fields): an adjective and a field is a subject one studies or
# teaches ("Praktische Theologie", "Empirische Kommunikationsforschung"), no body; the faculty's or institute's
# name ("Institut für Praktische Theologie") is read whole by german-fuer-names.
GERMAN_FIELD_TAILS = tuple(
    "logie wissenschaft wissenschaften lehre forschung informatik theologie philosophie medizin physik chemie"
    " mathematik pädagogik ökonomie germanistik linguistik".split()
)
# The six levels of the European language framework, and words that name a level (german-language-levels).
LANGUAGE_LEVELS = frozenset({"A1", "A2", "B1", "B2", "C1", "C2"})
LANGUAGE_LEVEL_WORDS = frozenset(
    {"niveau", "sprachniveau", "stufe", "niveaustufe", "level", "sprachkurs", "kurs", "deutschkurs", "zertifikat"}
)
# The first word of a German club's name: "THW Kiel", "VfB Stuttgart", "1. FC Köln", "Bayer 04 Leverkusen"; no
# university's ("TU Darmstadt"), firm's or charity's acronym.
CLUB_ACRONYMS = frozenset(
    "FC SC SV SG TSV TSG VfB VfL VfR THW HSV BVB RB EHC ERC EV HC HBW TVB FSV SpVgg TuS MSV KSC SSV ESV SCM TBV HSG BSC "
    "SSC DSC FCN BSC SK LASK".split()
)
CLUB_WORDS = frozenset(
    "Bayer Borussia Eintracht Hertha Fortuna Werder Union Dynamo Hansa Alemannia Arminia Energie Frisch Rot-Weiss "
    "Rot-Weiß Kickers Preußen Holstein Rapid Austria Sturm Admira Grasshoppers".split()
)


def _club_shaped(word: str) -> bool:
    """ "THW", "SG", "VfB", "FC" or a club word or nickname: how a German club's name begins."""
    return word in CLUB_WORDS or word in CLUB_NICKNAMES or word in CLUB_ACRONYMS


CLUB_NICKNAMES = frozenset(
    """
    Eisbären Adler Haie Füchse Löwen Wölfe Bären Pinguine Panther Falken Tigers Lions Eagles Towers Baskets
    Dragons Giants Kickers Roosters Grizzlys Steelers Skyliners Hurricanes Bisons Scorpions Capitals Bulls Rhinos
    """.split()
)
# Capitalised abbreviations that start German compounds of everyday things: "KI-Modell", "E-Mail", "US-Dollar".
GERMAN_COMMON_ACRONYMS = frozenset(
    """
    KI EDV USB LED LCD PC PCS TV WLAN DSL SIM SMS MMS PIN TAN IBAN ABS ESP SUV PS KFZ LKW PKW ÖPNV KITA WG
    DIN ISO MP EM WM DJ CD DVD VR AR XL XXL UV OP OPS NS SS GPS BIP MWST HIV DNA RNA PCR FFP MRT CT EKG
    """.split()
)
# What German pages abbreviate that names nothing (rule german-common-acronyms): the everyday acronyms above but
# championships ("EM", "WM") and the Nazi bodies ("NS", "SS"), laws cited in every imprint ("§ 5 TMG", "Art. 6
# DSGVO"), terms of business, small firms, bank codes, web protocols.
GERMAN_NON_NAME_ACRONYMS = (GERMAN_COMMON_ACRONYMS - {"EM", "WM", "NS", "SS"}) | frozenset(
    """
    TMG DSGVO BDSG UWG UrhG RStV MStV ZPO StPO HGB EStG UStG GVG SGB TKG AGB AGBs KMU BIC PLZ MwSt USt
    HTTP HTTPS DNS WWW FAQ PDF
    """.split()
)
# Parts after a place that name its part, not a noun: "Berlin-Mitte", "Hamburg-Nord", "Köln-Innenstadt".
GERMAN_PLACE_PARTS = ("nord", "süd", "ost", "west", "mitte", "zentrum", "innenstadt", "altstadt", "land", "stadt")


# What follows "Bundes" in the name of a country's one federal body ("Bundeswehr", "Bundesgerichtshof"), and
# parliaments of Switzerland and Austria named without it. Not "Bundesamt", "Bundesministerium", "Bundesverband"
# alone (a head that needs its field), "Bundesregierung", "Bundesland", "Bundesrepublik" (no name of a body).
FEDERAL_BODY_TAILS = frozenset(
    """
    wehr heer rat tag kanzlei kanzleramt gerichtshof verfassungsgericht sozialgericht finanzhof arbeitsgericht
    verwaltungsgericht patentgericht netzagentur kriminalamt polizei bank kartellamt rechnungshof anwaltschaft
    versammlung liga präsidialamt presseamt archiv nachrichtendienst arbeitsagentur
    """.split()
)
FEDERAL_BODY_ENDINGS = (
    "ministerium",
    "amt",
    "agentur",
    "anstalt",
    "zentrale",
)  # after a field: "Bundesinnenministerium"
ALPINE_PARLIAMENTS = frozenset({"Nationalrat", "Ständerat"})
FEDERAL_BODY_STARTS = ("Bundes", "Nationalr", "Ständer")


def _federal_body(word: str) -> str | None:
    """ "Bundeswehr", "Bundesrates", "Bundesverkehrsministeriums", "Bundesnetzagentur", "Nationalrat": the name of
    one federal body of Germany, Austria or Switzerland (in the nominative), or None."""
    if not word.startswith(FEDERAL_BODY_STARTS):
        return None
    for stem in (word, word[:-1], word[:-2]) if word.endswith("s") else (word,):
        if stem in ALPINE_PARLIAMENTS:
            return stem
        if not stem.startswith("Bundes") or not stem.isalpha():
            continue
        rest = stem[6:]
        if rest in FEDERAL_BODY_TAILS:
            return stem
        ending = next((e for e in FEDERAL_BODY_ENDINGS if rest.endswith(e)), None)
        if ending is not None and len(rest) - len(ending) >= 4:  # "Bundesumweltministerium", not "Bundesamt"
            return stem
    return None


def _common_compound_tail(tail: str, nouns: frozenset[str]) -> bool:
    """The parts after a compound's first: each a common noun or a compound ending in one ("Tochter",
    "Bundessprecher", "Zeiten"), or all a lowercase adjective ("amerikanische"); no body's noun ("Fraktion")
    and no part of a place ("Mitte")."""
    if tail.islower():
        return tail.isalpha()
    lowered = tail.lower()
    if lowered.startswith(GERMAN_PLACE_PARTS) or lowered.endswith(GERMAN_TAIL_BODIES) or _german_body(tail):
        return False
    for part in lowered.split("-"):
        if not part.isalpha() or not (part in nouns or _ends_in_noun(part, nouns)):
            return False
    return True


# Compounds ending in these are bodies of the name before ("SPD-Fraktion", "EU-Parlament", "CDU-Landesverband"),
# Or competitions named by their body ("DHB-Pokal", "DFB-Pokal", "HSV-Cup").
GERMAN_TAIL_BODIES = (
    *("fraktion", "parlament", "regierung", "verband", "vorstand", "partei", "rat", "tag"),
    *("pokal", "cup", "liga"),
)


def _split_party_compounds(tokens: list[Token]) -> None:
    """ "Grünen-Chef", "Linken-Abgeordnete": a party's compound is the party and a role noun, which starts no name."""
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        party, _, tail = token.raw.partition("-")
        if tail and party in GERMAN_PARTY_WORDS and token.kind == "word":
            tokens[index : index + 1] = [
                Token(GERMAN_PARTY_WORDS[party], "kept", party, capitalised=True),
                Token(tail.lower(), "word", tail),
            ]


def _capitalise_agency_credits(tokens: list[Token]) -> None:
    """ "(dpa)", "Foto: epd": a news agency credited in lower case starts a name. Lowercase tokens are shared within
    a document, so they are replaced, never changed; the upper-case text joins "Deutsche Presse-Agentur"."""
    for index, token in enumerate(tokens):
        if token.raw in GERMAN_AGENCY_CREDITS and token.kind == "word":
            tokens[index] = Token(token.raw.upper(), "word", token.raw, capitalised=True)


def is_headline(tokens: list[Token], is_title: bool) -> bool:
    """Title Case lines ("What Iranians Want From Trump", "News From the Front"): capitals say nothing there."""
    if not tokens or tokens[-1].raw == "." and not is_title:
        return False  # first: most lines of running text end so, and this spares the list of their words
    words = [t for t in tokens if t.kind in ("word", "abbr")]
    if not words or len(words) > MAX_HEADLINE_WORDS:
        return False
    major = [t for t in words if t.lower not in HEADLINE_MINOR_WORDS]
    if not major:
        return False
    return all(t.capitalised for t in major) and (len(major) > 1 or not is_title)


def mark_headline(tokens: list[Token]) -> None:
    """In a Title Case line no capital letter says anything: every word is uncertain."""
    for token in tokens:
        if token.capitalised:  # lowercase words are shared between lines and stay as they are
            token.uncertain = token.headline = True


def _employers(mentions: Iterator[Mention]) -> Iterator[Mention]:
    """ "Fox News Correspondent X", "Baark Volunteer Coordinator X": a name before a job title is the employer."""
    for mention in mentions:
        if mention.known is None:
            mention.scores["ORG"] += 1.0
        yield mention


def _cited_first_authors(found: list[Mention], tokens: list[Token]) -> None:
    """ "13. Ortonne N et al. Histopathology of ...": a surname and initials before "et al." are a reference's
    first author, a person (rule `citation-et-al`; `citation-authors` needs two authors in the line)."""
    for mention in found:
        end = mention.end
        if (
            end + 1 < len(tokens)
            and tokens[end].raw == "et"
            and tokens[end + 1].raw == "al"
            and mention.known is None
            and CITED_NAME.match(mention.surface)
        ):
            mention.scores["PERSON"] += 3.0
            mention.strong = True
            mention.uncertain = False


def _camel_brands(entities: list[Entity]) -> None:
    """ "told TechCrunch", "wrote for HelloGiggles": an unknown name of one word with a capital inside after a
    hump of three letters or more is a brand, not a person, whatever the verbs say (rule `camel-brands`); not
    "McCann", "MacArthur", "DeShawn", "LaToya"."""
    for entity in entities:
        first = entity.mentions[0].words
        if len(first) != 1 or not CAMEL_BRAND.match(first[0]) or entity.best_type != "PERSON":
            continue
        if all(m.known is None and len(m.words) == 1 and CAMEL_BRAND.match(m.words[0]) for m in entity.mentions):
            entity.scores["ORG"] = entity.scores["PERSON"] + 0.5


def _vote_list_people(item_lines: list[list[Token]], mentions: list[Mention], given_names: frozenset[str]) -> None:
    """A page's list whose items are mostly people ("01. Robert Plant", "02. Rob Halford") makes people of the
    items with nothing else for them ("73. Pepper Keenan", "21. Maynard James Keenan"), and of a given name
    before a head word ("Robert Plant" is no plant): three sure people at least, and three in five items (rule
    `list-people`)."""
    listed = {id(token) for tokens in item_lines for token in tokens}
    items = [m for m in mentions if m.surface and id(m.tokens[0]) in listed]
    people = [m for m in items if _best_kind(m) == "PERSON" and m.scores["PERSON"] >= 1.0]
    if len(people) < 3 or len(people) < 0.6 * len(items):
        return
    for mention in items:
        if mention.known is not None or _best_kind(mention) == "PERSON":
            continue
        if not mention.strong or len(mention.words) == 2 and mention.words[0] in given_names:
            mention.scores["PERSON"] += 1.5 if not mention.strong else 3.5  # over a head word's 3.0
            mention.uncertain = False


def _best_kind(mention: Mention) -> str:
    return max(mention.scores, key=mention.scores.__getitem__, default="")


def _weaken_furniture_defaults(found: list[Mention], tokens: list[Token], is_plain_word: Callable[[str], bool]) -> None:
    """An unknown name with nothing for it but the default guess (ORG 0.6, PERSON 0.4) in a line that is no
    sentence of running text (a list, a table row, a menu, a label) nets what a plain phrase nets there
    (FURNITURE_GUESS): below an entity's threshold once, a name when the page repeats it (rule
    `furniture-default`). Titles keep the guess: a headline is no furniture."""
    guesses = [m for m in found if not m.furniture and _only_default_guess(m)]
    if guesses:  # names of everyday words only are plain-phrases' (with that rule off too, to measure each alone)
        guesses = [m for m in guesses if not all(map(is_plain_word, m.words))]
    if not guesses or _is_sentence(tokens):
        return
    for mention in guesses:
        mention.scores["ORG"] -= 0.3
        mention.scores["PERSON"] -= 0.2


def _is_sentence(tokens: list[Token]) -> bool:
    """A line that ends as sentences do and has three lowercase words: "PORT SUDAN (Newswire) — The convoy
    reached Darfur." is one; `_is_prose` asks five, for the weaker evidence of plain words."""
    last = tokens[-1].raw if tokens else ""
    if last not in SENTENCE_END and last not in "\"”’)'":
        return False
    lowercase = 0
    for token in tokens:
        if token.kind == "word" and not token.capitalised:
            lowercase += 1
            if lowercase == 3:
                return True
    return False


def _only_default_guess(mention: Mention) -> bool:
    scores = mention.scores
    return (
        abs(scores.get("ORG", 0.0) - 0.6) < 1e-9
        and abs(scores.get("PERSON", 0.0) - 0.4) < 1e-9
        and not any(score for kind, score in scores.items() if kind not in ("ORG", "PERSON"))
    )


def _is_prose(tokens: list[Token]) -> bool:
    """A sentence of running text: ends as sentences do and has lowercase words between its capitals."""
    last = tokens[-1].raw if tokens else ""
    if last not in SENTENCE_END and last not in "\"”’)'":
        return False
    return sum(1 for t in tokens if t.kind == "word" and not t.capitalised) >= 5


def _may_hold_code(text: str) -> bool:
    """Substring tests first: a regex over every text cost more than the rule's whole work."""
    if "://" in text or "www." in text or "=" in text or "\\" in text:
        return CODE_TRIGGER.search(text) is not None
    return "$" in text and SHELL_VARIABLE.search(text) is not None


def _without_code(
    lines: list[tuple[str, list[Token], bool]], shared_tokens: dict[str, Token]
) -> list[tuple[str, list[Token], bool]]:
    """The lines tokenized again with their addresses and code shapes (CODE_SHAPE) blanked out, and a variable the
    page sets or expands ("export CDPATH=", "$CDPATH") no name in its prose either ("my CDPATH setup"); rule
    `code-shapes`."""
    variables: set[str] = set()
    read: list[tuple[str, list[Token], bool]] = []
    for line, tokens, is_title in lines:
        if CODE_TRIGGER.search(line):
            variables.update(expanded or assigned for expanded, assigned in CODE_VARIABLE.findall(line))
            tokens = tokenize(CODE_SHAPE.sub(" code ", line), shared_tokens)
        read.append((line, tokens, is_title))
    if variables:
        for _, tokens, _ in read:
            for token in tokens:
                if token.capitalised and token.text.partition("-")[0] in variables:  # "CDPATH-related"
                    token.capitalised = False
    return read


def _lower_key_chords(tokens: list[Token]) -> None:
    """ "C-c C-f", "M-x", "Ctrl-C": keys pressed together are no names (rule `code-shapes`)."""
    for token in tokens:
        if token.capitalised and KEY_CHORD.match(token.raw):
            token.capitalised = False


def _lower_degree_units(tokens: list[Token]) -> None:
    """ "1.5°C", "2.4°C.", "40 °F": the letter after a degree sign is a unit, no name (rule `degree-units`)."""
    for index in range(1, len(tokens)):
        if tokens[index - 1].raw == "°":
            tokens[index].capitalised = False


def _lower_letter_words(tokens: list[Token]) -> None:
    """ "B-spline curves", "X-ray scans", "3D-printing": a capital letter joined to a lowercase word is a word,
    unless a capitalised neighbour makes it part of a name ("E-health Agency")."""
    for index, token in enumerate(tokens):
        if token.capitalised and token.kind == "word" and LETTER_WORD.match(token.text):
            before, after = _index_before(tokens, index), _index_after(tokens, index)
            if not any(i is not None and tokens[i].capitalised for i in (before, after)):
                token.capitalised = False


def _is_shouted(token: Token) -> bool:
    return token.capitalised and token.kind == "word" and token.text.isupper() and token.text.isalpha()


def _shouted_stretches(tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of words in capitals, for the shouted-word rules (each reads one run at a time and
    may lower its words before the next run is looked for)."""
    index = 0
    while index < len(tokens):
        if not _is_shouted(tokens[index]):
            index += 1
            continue
        end = index
        while end < len(tokens) and _is_shouted(tokens[end]):
            end += 1
        yield index, end
        index = end


def _is_all_caps(tokens: list[Token]) -> bool:
    words = lowered = 0
    for token in tokens:
        if token.kind == "word" and len(token.text) > 1:
            words += 1
            if not token.text.isupper():
                lowered += 1
                if lowered * 5 > len(tokens):
                    return False  # over a fifth of the line, so over a fifth of its words: a line of prose stops here
    return words >= 3 and words - lowered >= 0.8 * words


def _dateline_end(tokens: list[Token]) -> int:
    """Wire datelines, "BRUSSELS (Newswire) —" or "PORT SUDAN, Sudan —": index after the place, else 0."""
    index = 0
    while index < len(tokens) and tokens[index].kind in ("word", "abbr") and tokens[index].text.isupper():
        index += 1
    if index == 0 or len(tokens[0].text) < 3:
        return 0
    tail = "".join(t.raw for t in tokens[index : index + 8])
    return index if DATELINE_TAIL.match(tail) else 0


def _dateline_evidence(mention: Mention) -> None:
    if mention.surface.isupper():
        mention.surface = mention.surface.title()
    mention.scores["GPE"] += 3.0
    mention.strong = True
    mention.uncertain = False


def _lone_surname_after(tokens: list[Token], particle: int) -> bool:
    """In German, "von der" joins a given name only to one capitalised word, not an acronym, that ends the name:
    "Ursula von der Leyen", not "Christian Drosten von der Charité" or "Anna von der CDU"."""
    surname = _index_after(tokens, particle)
    if surname is None or not tokens[surname].capitalised or tokens[surname].text.isupper():
        return False
    following = _index_after(tokens, surname)
    return following is None or not tokens[following].capitalised


def _run(
    tokens: list[Token],
    start: int,
    versions: Callable[[Token], bool] | None = None,
    german: bool = False,
    particle_openers: frozenset[str] | None = None,
    fuer_names: bool = False,
    counts: bool = False,
    models: bool = False,
) -> list[int]:
    """Indices of a maximal run of capitalised words, with the connectors between them; with versions, a
    product's version number too ("Windows 11", "Galaxy S24 Ultra", "Snapdragon 8 Gen 3"), and with counts not a
    number that counts ("31 Punkte"); with given_names,
    two particles after one of particle_openers ("Ursula von der Leyen", "Col de la Croix")."""
    run = [start]
    index = start
    while True:
        current = tokens[index]
        following = _index_after(tokens, index)
        if current.possessive or current.suffix:  # "Iran's leaders", "Stockholm-based company"
            inside_name = len(run) > 1 or current.text in POSSESSIVE_NAME_WORDS  # not "Boulder's Institute"
            # "People's Republic of China", "People's Liberation Army", "People's Daily": always one name
            peoples = current.text == "People" and following is not None and tokens[following].capitalised
            if (
                current.possessive
                and following is not None
                and (inside_name and _is_head_word(tokens[following]) or peoples)
            ):
                current.text = current.raw.replace("’", "'")  # "King's College", "People's Party"
                current.possessive = False
                run.append(following)
                index = following
                continue
            break
        if following is None:
            break
        nxt = tokens[following]
        if nxt.raw in ("'", "’") and following + 1 < len(tokens) and _is_head_word(tokens[following + 1]):
            current.text += "'"  # "Manchester Magistrates' Court"
            tokens[following] = Token("'", "skip", "'")
            run.append(following + 1)
            index = following + 1
            continue
        if nxt.capitalised:
            run.append(following)
            index = following
            continue
        if nxt.kind == "num" and current.text in NUMBER_HEADS:
            run.append(following)
            break
        if (
            nxt.kind == "num"
            and versions is not None
            and versions(current)
            and _is_version(tokens, index, following, german, counts, models)
        ):
            run.append(following)
            after = _index_after(tokens, following)
            if after is not None and tokens[after].capitalised and _is_version_tail(tokens[after].text, models):
                run.append(after)  # "iPhone 15 Pro", "Snapdragon 8 Gen 3"
                index = after
                continue
            break
        abbreviated = _is_initial(current) or current.text in ABBREVIATIONS
        if nxt.raw == "." and abbreviated and following + 1 < len(tokens) and tokens[following + 1].capitalised:
            current.text += "."  # "N. Chandrababu Naidu", "Dr. Smith": not the end of a sentence
            tokens[following] = Token(".", "skip", ".")
            run.append(following + 1)
            index = following + 1
            continue
        if (
            nxt.kind in ("word", "punct")
            and nxt.text in CONNECTORS
            and (nxt.text not in GERMAN_NAME_CONNECTORS or fuer_names and nxt.raw in GERMAN_NAME_CONNECTORS)
        ):
            gap = [following]
            after = _index_after(tokens, following)
            if after is not None and tokens[after].text == "the" and nxt.text in ("of", "for", "on"):
                gap.append(after)
                after = _index_after(tokens, after)
            elif (
                particle_openers is not None
                and after is not None
                and (nxt.text, tokens[after].text) in DOUBLE_PARTICLES
                and (current.text in particle_openers or tokens[run[0]].text in particle_openers and not german)
                and (not german or _lone_surname_after(tokens, after))
            ):
                gap.append(after)  # "von der", "van der", "de la": "Ursula von der Leyen"
                after = _index_after(tokens, after)
            if after is not None and tokens[after].capitalised:
                run.extend(gap)
                run.append(after)
                index = after
                continue
        break
    return run


def _quoted_titles(tokens: list[Token]) -> dict[int, int]:
    """Title Case phrases in quotes, the way news names works ("Paris: The Memoir", “Aftersun”): start index of
    the phrase -> index of its closing quote. Quoted speech is not Title Case and has commas and full stops."""
    titles: dict[int, int] = {}
    opened: int | None = None
    for index, token in enumerate(tokens):
        if token.kind != "punct":
            continue
        raw = token.raw
        if raw in ("“", "‘") or raw == '"' and opened is None:
            opened = index
        elif raw in ("”", "’", '"') and opened is not None:
            start, end = opened + 1, index
            opened = None
            if end > start and tokens[end - 1].raw in (",", "."):  # “Aftersun,” the 2022 drama
                end -= 1
                if start == 1 or tokens[start - 2].raw in SENTENCE_END:
                    continue  # “Unity,” he wrote: speech, a sentence of its own
            if _is_title_phrase(tokens[start:end]):
                titles[start] = end
    return titles


def _is_title_phrase(tokens: list[Token]) -> bool:
    words = [t for t in tokens if t.kind != "punct"]
    if not 1 <= len(words) <= MAX_TITLE_WORDS or not tokens[0].capitalised or tokens[0].kind != "word":
        return False
    if len(words) > 1 and words[-1].text in lexicon.SUFFIX_TYPES:
        return False  # the "Doomsday Glacier": a nickname its head word types
    for token in tokens:
        if token.kind == "punct":
            if token.raw not in TITLE_PUNCTUATION:
                return False
        elif not token.capitalised and token.kind != "num" and token.lower not in HEADLINE_MINOR_WORDS:
            return False
    return True


def _is_plural_product_head(word: str) -> bool:
    return len(word) > 2 and word[-1] == "s" and word[:-1] in lexicon.PRODUCT_HEADS


def _hyphenated_model(word: str) -> bool:
    """ "Mach-E", "Model-S": a word, a hyphen and a lone capital letter, the shape of a model name."""
    head, _, letter = word.rpartition("-")
    return len(head) > 1 and len(letter) == 1 and letter.isupper() and letter not in ("I", "A")


def _is_version_tail(word: str, models: bool) -> bool:
    """ "Pro", "Gen", and with models (rule model-variants) an aircraft's "MAX": "Boeing 737 MAX 8"."""
    return word in lexicon.VERSION_TAILS or models and word in MODEL_TAILS


def _is_version(
    tokens: list[Token], index: int, number: int, german: bool = False, counts: bool = False, models: bool = False
) -> bool:
    """Whether the number after a capitalised word is its version ("iPhone 15", "Exynos 2400", "One UI 6.1"),
    not a count, a year, a score or a date: "Article 5", "March 2024", "Chelsea 2-1", "in Paris 2024". With counts
    (rule version-counts), also not a number that counts what follows it ("Jalen Mitchell 31 Punkte", "FAST 20 of
    the 50 seats") or a score with the points in brackets ("Collingwood 14.12 (96)")."""
    word = tokens[index]
    if word.kind != "word" or word.possessive or word.suffix:
        return False
    if not VERSION.match(tokens[number].raw) and not (models and MODEL_VARIANT.match(tokens[number].raw)):
        return False
    if YEAR.match(tokens[number].raw) or word.text in lexicon.VERSION_BLOCKERS:
        return False
    tail = _is_version_tail(word.text, models)  # "Gen 3" in "Snapdragon 8 Gen 3", not "Gen." for General
    if not tail and (_is_function_word(word) or word.text in ABBREVIATIONS):
        return False
    if word.text in lexicon.SUFFIX_TYPES or word.text in NUMBER_HEADS:
        return False
    before = _index_before(tokens, index)
    if before is not None and tokens[before].kind == "num" and not tail:
        # "Chelsea 2 Arsenal 1": a score line
        return False
    after = _index_after(tokens, number)
    if after is None:
        return True
    following = tokens[after]
    if following.raw in NOT_AFTER_VERSION or following.lower in NOT_AFTER_VERSION:
        return False
    if german and following.raw == ".":  # "Kanes 27. Saisontor": a German ordinal
        return False
    if counts and _counted_after(tokens, index, number, after, german):
        return False
    if following.capitalised and not _is_version_tail(following.text, models):
        later = _index_after(tokens, after)
        return not (later is not None and tokens[later].kind == "num")
    return True


def _counted_after(tokens: list[Token], index: int, number: int, after: int, german: bool) -> bool:
    """ "31 Punkte", "47 Schafe" (a German common noun after the number: products' tails are names or English),
    "20 of the 50", "14.12 (96)" (an Australian football score: goals.behinds, then the points)."""
    following = tokens[after]
    if following.lower == "of" and not german:
        return True
    if following.raw == "(":  # goals.behinds, then the points: not "GTX 1060 (6 Gigabyte)", "Windows 3.1 (1992)"
        inside = _index_after(tokens, after)
        return (
            "." in tokens[number].raw
            and inside is not None
            and tokens[inside].kind == "num"
            and not YEAR.match(tokens[inside].raw)
        )
    return (
        german
        and following.raw[:1].isupper()
        and following.raw.lower() in load_german_nouns_with_rare()
        and not tokens[index].raw.isupper()  # "GTX 1060 Grafikkarte"
    )


# German legal forms after a firm's or a registered association's name: "Toyota Deutschland GmbH", "e.V.".
GERMAN_LEGAL_FORMS = frozenset({"AG", "GmbH", "gGmbH", "mbH", "KG", "KGaA", "SE", "OHG", "GbR", "e.V.", "eV"})
LEGAL_FORM = re.compile(r"\b(?:AG|g?GmbH|mbH|KGaA|KG|SE|OHG|GbR|eV)\b|\be\.V\.")
MAX_LEGAL_NAME_WORDS = 5


def _keep_legal_form_names(tokens: list[Token], nouns: frozenset[str]) -> None:
    """ "der AWO Bundesverband e.V.", "Eintracht Frankfurt Fußball AG", "Automobilwerke Kurt Scheibler GmbH": the
    capitalised words before a legal form are a firm's or an association's name, common nouns among them (rule
    german-legal-forms). Back from the legal form over capitalised words, up to five; a common noun before a name
    word is what the name is ("das Werk Franz Komnick GmbH", "Waffenproduzenten Blaser GmbH") and ends it, as do
    articles and lowercase words; a name's adjective does not ("Deutsche Energie-Agentur GmbH")."""
    for index, token in enumerate(tokens):
        if token.raw not in GERMAN_LEGAL_FORMS or not index:
            continue
        taken: list[int] = []
        seen_name = False
        before = index - 1
        while before >= 0 and len(taken) < MAX_LEGAL_NAME_WORDS:
            word = tokens[before]
            lowered = word.raw.lower()
            if word.kind != "word" or not word.raw[:1].isupper() or lowered in lexicon.GERMAN_STOPWORDS:
                break
            noun = (lowered in nouns or _ends_in_noun(word.raw, nouns)) and not _german_name_adjective(word.raw)
            if noun and seen_name:
                break
            seen_name = seen_name or not noun
            taken.append(before)
            before -= 1
        if not taken:
            continue
        for kept in taken:
            tokens[kept].kind = "kept"
            tokens[kept].capitalised = True
        if token.raw[0].islower():  # "e.V.": a head word like "GmbH"; lowercase tokens are shared, so replaced
            tokens[index] = Token(token.raw, token.kind, token.raw, capitalised=True)


# A currency's noun after its country's name in a German compound: "US-Dollar", "Hongkong-Dollar".
CURRENCY_NOUNS = frozenset({"dollar", "dollars", "dollarn", "franken", "pfund", "yen", "yuan", "rubel", "lira", "peso"})
GERMAN_SHOUTED_STOPWORDS = frozenset(word.upper() for word in lexicon.GERMAN_STOPWORDS)  # "UND", "WARUM"
# Cheap tests over a line before the ninth round's German token walks.
ACRONYM_THEN_WORD = re.compile(r"\b[A-ZÄÖÜ]{2,5}\s+[A-ZÄÖÜ][a-zäöüß]")  # "HR Vorstandspositionen"


def _may_hold_legal_form(text: str) -> bool:
    """A cheap first test for LEGAL_FORM: `in` tests, spelt out (a generator over a tuple cost more)."""
    return (
        "AG" in text
        or "GmbH" in text
        or "mbH" in text
        or "KG" in text
        or "SE" in text
        or "OHG" in text
        or "GbR" in text
        or "eV" in text
        or "e.V." in text
    )


def _may_name_place_kinds(text: str) -> bool:
    """A cheap first test for GERMAN_PLACE_KIND_PLURALS, on their stems as written ("Orte", "Gemeinden")."""
    return (
        "orte" in text
        or "teile" in text
        or "ezirke" in text
        or "schaften" in text
        or "emeinden" in text
        or "örfer" in text
        or "tädte" in text
        or "reise" in text
        or "antone" in text
    )


# Plural nouns of kinds of places that a list of places follows: "die Ortsteile A, B und C", "Nachbargemeinden".
GERMAN_PLACE_KIND_PLURALS = (
    "ortsteile",
    "ortsteilen",
    "stadtteile",
    "stadtteilen",
    "stadtbezirke",
    "stadtbezirken",
    "ortschaften",
    "gemeinden",
    "dörfer",
    "dörfern",
    "städte",
    "städten",
    "landkreise",
    "landkreisen",
    "kantone",
    "kantonen",
    "bezirke",
    "bezirken",
    "orte",
    "orten",
    "gemeindeteile",
    "gemeindeteilen",
)


MAX_HOLDER_WORDS = 4


def _copyright_holders(tokens: list[Token], given_names: frozenset[str]) -> dict[int, str]:
    """ "© Cover Media", "(c) proplanta", "© 2019 Science X Network", "Foto: © Max Roe": who holds a page's or a
    picture's copyright is named after the sign, capitalised words (kept from the noun list: "Cover", "Media") or one
    lowercase brand (rule german-copyright-holders). Returns where each holder starts and its type: a person when
    a given name opens it, else an organisation."""
    holders: dict[int, str] = {}
    for index, token in enumerate(tokens):
        if token.raw == "©":
            start = index + 1
        elif token.raw in ("c", "C") and 0 < index < len(tokens) - 1 and tokens[index - 1].raw == "(":
            if tokens[index + 1].raw != ")":
                continue
            start = index + 2
        else:
            continue
        while start < len(tokens) and (tokens[start].kind == "num" or tokens[start].raw in ("-", "–")):
            start += 1  # "© 1994-2020 Wordsmith"
        if start >= len(tokens) or tokens[start].kind != "word":
            continue
        first = tokens[start]
        if first.raw[0].islower():
            after = tokens[start + 1] if start + 1 < len(tokens) else None
            if (
                len(first.raw) >= 3
                and first.raw.isalpha()
                and first.raw not in GERMAN_AGENCY_CREDITS  # "© dpa | Kay Nietfeld": german-agency-credits' case
                and (after is None or after.kind != "punct" or after.raw in ",;|/")
            ):
                # lowercase tokens are shared within a document: replaced, never changed
                tokens[start] = Token(first.raw, "kept", first.raw, capitalised=True)
                holders[start] = "ORG"  # "(c) proplanta"
            continue
        end = start
        while (
            end < len(tokens)
            and end - start < MAX_HOLDER_WORDS
            and tokens[end].kind == "word"
            and tokens[end].raw[0].isupper()
        ):
            end += 1
        for held in tokens[start:end]:
            held.capitalised, held.kind = True, "kept"
        person = end - start == 2 and first.raw in given_names and tokens[start + 1].raw.isalpha()
        holders[start] = "PERSON" if person else "ORG"  # "Foto: © Max Roe"; not "© Baran Entertainment"
    return holders


def _bracketed_age(tokens: list[Token], bracket: int | None) -> bool:
    """ "(50)", "(8)": a person's age in brackets, as German papers write it after a name; not "(2021)"."""
    if bracket is None or bracket + 2 >= len(tokens):
        return False
    number, closing = tokens[bracket + 1], tokens[bracket + 2]
    return number.kind == "num" and number.raw.isdigit() and 0 < int(number.raw) <= 110 and closing.raw == ")"


PLACE_KIND_TAILS = tuple(kind[1:] for kind in GERMAN_PLACE_KIND_PLURALS)  # as written: "Gemeinden", "gemeinden"


def _ends_in_place_kind(lowered: str) -> bool:
    """ "gemeinden", "nachbargemeinden": a plural noun of a kind of place, alone or ending a compound (not
    "sorten", which ends in "orten")."""
    if not lowered.endswith(GERMAN_PLACE_KIND_PLURALS):
        return False
    return any(
        lowered == kind or lowered.endswith(kind) and len(lowered) - len(kind) >= 3
        for kind in GERMAN_PLACE_KIND_PLURALS
    )


def _place_kind_lists(tokens: list[Token]) -> set[int]:
    """ "deren Stadtbezirke Bergheim, Eichholz, Hagedorn und Vinsebeck", "die Nachbargemeinden A und B": the
    capitalised words listed after a plural noun of a kind of place are places (rule german-place-kind-lists),
    however much they look like nouns ("Hagedorn", lowered as the shrub, is capitalised again). Returns where
    the listed names start; a list has two names or more and ends with "und", "oder" or "sowie"."""
    starts: set[int] = set()
    for index, token in enumerate(tokens):
        if not token.raw.endswith(PLACE_KIND_TAILS) or not token.raw[:1].isupper():
            continue
        if not _ends_in_place_kind(token.lower):
            continue
        items: list[tuple[int, int]] = []
        position = index + 1
        last_joiner = ""
        while position < len(tokens):
            start = position
            while (
                position < len(tokens)
                and tokens[position].kind in ("word", "kept")
                and tokens[position].raw[:1].isupper()
                and tokens[position].lower not in lexicon.GERMAN_STOPWORDS
            ):
                position += 1
            if position == start:
                break
            items.append((start, position))
            if position < len(tokens) and tokens[position].raw in GERMAN_LIST_JOINERS:
                last_joiner = tokens[position].raw
                position += 1
                continue
            break
        if len(items) < 2 or last_joiner == ",":
            continue
        for start, end in items:
            for item in tokens[start:end]:
                item.capitalised = True
            starts.add(start)
    return starts


# Endings German adds to a noun (plural, dative, genitive): "Preis-en", "Fisch-e", "Test-s", "Tag-e".
INFLECTION_ENDINGS = ("s", "e", "n", "en", "es", "er", "ern")
# Endings of surnames that are nouns too: "Geiselmann", "Stegmaier".
SURNAME_TAILS = ("mann", "maier", "meier", "mayer", "meyer", "huber", "hofer", "bauer", "berger", "brunner")


# English function words that are given names too: in German text, before another capitalised word, a person
# ("Will Smith", "Till Schweiger"); not "The", "My", "Per" ("Per Kreditkarte"), which the gazetteer also lists.
GERMAN_ENGLISH_OPENERS = frozenset({"Will", "Till", "May"})


MONTH_GIVEN_NAMES = frozenset({"Jan", "April", "June", "August"})
MONTH_PREPOSITIONS = frozenset("in on since until till by last next early late mid im am seit bis ab vom zum".split())


def _stretches(
    tokens: list[Token],
    piece: list[int],
    given_openers: frozenset[str] | None = None,
    months: Callable[[list[Token], int, int], bool] | None = None,
) -> list[list[int]]:
    """The piece cut at capitalised function words and dates, with connectors trimmed from each end; with
    given_openers (German text), one of these English function words opens a name before another capitalised
    word ("Will Smith": German writes its "will" in lower case mid-sentence)."""
    stretches: list[list[int]] = [[]]
    ends_in_head = tokens[piece[-1]].text in lexicon.SUFFIX_TYPES if piece else False
    for index in piece:
        text = tokens[index].text
        # "Second Avenue", "Summer Olympics": ordinals and seasons belong to a name that ends in a head word
        if (
            _is_function_word(tokens[index])
            and not (ends_in_head and (text in ORDINALS or text in SEASONS))
            and not (text == "St" and index != piece[-1] and not stretches[-1])  # "St Ives", "St Nicholas Market"
            and not (given_openers is not None and text in given_openers and index != piece[-1] and not stretches[-1])
            and not (
                months is not None
                and index != piece[-1]
                and not stretches[-1]
                and months(tokens, index, piece[piece.index(index) + 1])
            )
        ):
            stretches.append([])
        else:
            stretches[-1].append(index)
    trimmed = []
    for stretch in stretches:
        while stretch and tokens[stretch[-1]].text in CONNECTORS:
            stretch.pop()
        while stretch and tokens[stretch[0]].text in CONNECTORS and not tokens[stretch[0]].capitalised:
            stretch.pop(0)
        if stretch:
            trimmed.append(stretch)
    return trimmed


def _listed_together(
    tokens: list[Token], mentions: list[Mention], joiners: frozenset[str] = LIST_JOINERS
) -> list[tuple[Mention, Mention]]:
    """Neighbouring names in a list: "Alabama and Mississippi", "X, Y and Z" (a comma alone joins two names
    only when the list goes on: "in Ancoats, Greater Manchester Police said" is no list)."""
    pairs: list[tuple[Mention, Mention, bool]] = []
    for left, right in zip(mentions, mentions[1:], strict=False):
        if not 1 <= right.position - left.end <= 2:
            continue
        between = tokens[left.end : right.position]
        if all(t.text in joiners for t in between):
            pairs.append((left, right, any(t.text != "," for t in between)))
    continues = {id(left) for left, _, _ in pairs}
    return [(left, right) for left, right, conjunction in pairs if conjunction or id(right) in continues]


# --- document-level helpers ------------------------------------------------------------------------------


def _propagate_through_lists(
    entities: dict[str, Entity], pairs: list[tuple[Mention, Mention]], places: bool = True
) -> None:
    """An entity with weak evidence takes the type of confidently typed names listed with it; a name with no
    evidence but its capitals takes a place's type even from a place typed by context alone (places)."""
    owner = {id(m): e for e in entities.values() for m in e.mentions}
    votes: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for left, right in pairs:
        left_entity, right_entity = owner.get(id(left)), owner.get(id(right))
        if left_entity is None or right_entity is None or left_entity is right_entity:
            continue
        for weak, sure in ((left_entity, right_entity), (right_entity, left_entity)):
            if weak.best_score < CONFIDENT_SCORE <= sure.best_score:
                votes[id(weak)][sure.best_type] += LIST_VOTE
            elif places and weak.best_score < 1.0 <= sure.best_score and sure.best_type in ("GPE", "LOC"):
                votes[id(weak)][sure.best_type] += LIST_VOTE  # "Renfrewshire and Inverclyde" after "across"
    for entity in entities.values():
        entity.add_scores(votes.get(id(entity), {}))


def _short_forms(
    mention: Mention, kind: str, gazetteer: Gazetteer, products: bool = True, more: bool = True
) -> Iterator[str]:
    """What a full name may be shortened to later in the text, by type."""
    words = mention.words
    if more and kind == "PERSON" and len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]  # "Ferdinand Marcos Jr." -> "Marcos"
    if more and kind == "PERSON" and len(words) > 2:
        yield words[-2]  # the first of two surnames: "Quintero" for "Isabel Quintero Larraín"
    if more and kind == "ORG" and len(words) == 2 and words[0] in ORG_PREFIXES:
        yield words[1]  # "Penske" for "Team Penske"
    texts = [t.text for t in mention.tokens]
    if kind == "PRODUCT" and products:
        # the model without its maker or its line: "Toyota RAV4 Prime" -> "RAV4 Prime", "Galaxy S24" -> "S24";
        # never the line without the version ("Windows" is not "Windows 11")
        model = " ".join(words[1:])
        if model not in lexicon.PRODUCT_NAMES and (len(words) > 2 or mention.tokens[-1].kind != "num"):
            yield model  # but "Copilot" is a product of its own beside "GitHub Copilot"
    elif kind == "PERSON":
        yield words[-1]
        if len(words) > 2:
            yield " ".join(words[-2:])
            yield " ".join(words[1:])
        if words[0] in gazetteer.given_names:
            yield words[0]
    elif kind == "ORG":
        yield "".join(w[0] for w in words if w[:1].isupper())
        if words[0] not in lexicon.STOPWORDS and gazetteer.lookup(words[0]) is None:
            yield words[0]
        if len(texts) > 2:
            yield " ".join(texts[1:])
    elif kind == "EVENT":
        if words[0] in lexicon.PREFIX_TYPES:
            yield " ".join(words[1:])
    elif kind in ("LOC", "FAC") and words[0] not in lexicon.COMPASS_WORDS:
        yield words[0]


def _longest(entity: Entity) -> int:
    return max(len(m.words) for m in entity.mentions)


def _title_length(texts: list[str], start: int) -> int:
    """Length of the longest title phrase at start ("Secretary of State" = 3), or 0."""
    best = 0
    for length in range(1, 5):
        if tuple(texts[start : start + length]) in lexicon.TITLE_PHRASES:
            best = length
    return best


def _index_after(tokens: list[Token], index: int) -> int | None:
    """The next token that is not an editorial bracket or a full stop taken into an initial."""
    index += 1
    while index < len(tokens) and (tokens[index].raw in TRANSPARENT or tokens[index].kind == "skip"):
        index += 1
    return index if index < len(tokens) else None


def _index_before(tokens: list[Token], index: int) -> int | None:
    index -= 1
    while index >= 0 and (tokens[index].raw in TRANSPARENT or tokens[index].kind == "skip"):
        index -= 1
    return index if index >= 0 else None


def _not_a_name(token: Token, tokens: list[Token], index: int) -> bool:
    """ "Co-author", "S&P 500", "d'Italia": capitalised words that start no name ("d'Ivoire" ends "Côte d'Ivoire")."""
    if token.suffix and len(token.text) <= 2:
        return True
    if token.raw[1:2] in ("'", "’") and token.raw[:1].islower():
        return True
    if token.text not in STOCK_INDICES:
        return False
    following = _index_after(tokens, index)
    return following is not None and tokens[following].kind == "num"


def _is_head_word(token: Token) -> bool:
    """An organisation's or a facility's head word: "Court", "College", "Party", "Hospital"."""
    return token.capitalised and lexicon.SUFFIX_TYPES.get(token.text) in ("ORG", "FAC")


def _is_initial(token: Token) -> bool:
    return token.kind == "word" and len(token.text) == 1 and token.text.isupper() and token.text not in ("I", "A")


def _is_abbreviation(token: Token) -> bool:
    return token.kind == "abbr" or _is_initial(token) or token.text in ABBREVIATIONS


def _is_function_word(token: Token) -> bool:
    return token.text in lexicon.STOPWORDS or (token.text in lexicon.DATE_WORDS and token.text != "May")


def _acronym_stem(text: str) -> str:
    return text[:-1] if text.endswith("s") and text[:-1].isupper() else text


def _is_acronym(token: Token) -> bool:
    text = _acronym_stem(token.text).replace("&", "")
    return token.kind == "word" and len(text) >= 2 and text.isupper() and text.isalpha()


def _has_inner_capital(word: str) -> bool:
    return any(ch.isupper() for ch in word[1:]) and not word.startswith(("Mc", "Mac", "O'", "O’"))


def _has_inner_capital_in_parts(word: str) -> bool:
    """ "DATEV", "AngelWoche", "BlueMarble-Foto": a capital inside one of a word's hyphenated parts."""
    return any(_has_inner_capital(part) for part in word.split("-") if part)


def _german_hyphen_capitals_only(word: str) -> bool:
    """ "Futures-Börse", "Text-Widget", "Corona-Pandemie": the only capitals inside the word start the parts after
    its hyphens, which is how German spells every compound of nouns: no brand's inner capital ("EnBW",
    "AngelWoche", "ZDF-Mediathek"). A body named after a person keeps the brand's weight: "Robert-Koch-Institut"."""
    parts = word.split("-")
    if any(_has_inner_capital(part) for part in parts if part):
        return False
    return not _is_body_noun(parts[-1].lower())


def _institution_compound_type(word: str) -> str | None:
    """ "Porzellanfabrik" ORG, "Bunkermuseum" FAC: the type of a compound ending in a business's or a building's
    noun (the noun alone, "Museum Folkwang", is another rule's)."""
    lowered = word.lower()
    if not lowered.endswith(INSTITUTION_TAIL_ENDINGS):
        return None  # most two-word names: one test, not one per ending
    for tail, kind in GERMAN_INSTITUTION_TAILS.items():
        if lowered.endswith(tail) and len(lowered) > len(tail) + 2:
            return kind
    return None
