"""Hypothesis strategies for the pipeline's property tests, seeded with fragments of real pages.

Random Unicode alone rarely builds what broke the tagger on real news (a full name merged away, then looked
up): so the text strategies mix random text with names that have apostrophes, initials and hyphens,
all-caps headlines, possessives, non-Latin scripts and mixed writing directions, as real pages carry them.
"""

from __future__ import annotations

import codecs

from hypothesis import strategies as st

NAMES = [
    "Tim Cook",
    "Ivan Braiker",
    "Marie Yovanovitch",
    "Anna Maria Lopez Garcia",
    "Jose Anna Maria Lopez Garcia",
    "Maria Lopez Garcia",
    "Conan O'Brien",
    "Sinéad O’Connor",
    "D'Angelo Russell",
    "J. K. Rowling",
    "George W. Bush",
    "H.R. McMaster",
    "Jean-Luc Mélenchon",
    "Alexandria Ocasio-Cortez",
    "Ursula von der Leyen",
    "Recep Tayyip Erdoğan",
    "Claas Relotius",
    "Mohammed bin Salman",
    "Xi Jinping",
    "Kim Jong-un",
    "Lula da Silva",
    "Mr. Smith",
    "Dr. Anthony Fauci",
    "Cook",
    "Garcia",
    "Lopez",
]
POSSESSIVES = ["Trump's", "Apple’s", "the Fed's", "Jesus'", "O'Brien's", "Ocasio-Cortez's", "Merkel’s", "its'"]
HEADLINES = [
    "BREAKING: STOCKS PLUNGE AS FED RAISES RATES",
    "EXCLUSIVE — INSIDE THE WHITE HOUSE'S BUDGET FIGHT",
    "U.S. AND E.U. AGREE ON TARIFFS",
    "NASA'S APOPHIS MISSION GETS A GO",
    "Watch: Tim Cook On Apple's Next Move",
]
NON_LATIN = [
    "الرئيس المصري عبد الفتاح السيسي",  # Arabic
    "习近平在北京会见了来访的总统",  # Chinese
    "東京都の小池百合子知事は",  # Japanese
    "นายกรัฐมนตรีประยุทธ์ จันทร์โอชา",  # Thai
    "문재인 대통령은 서울에서",  # Korean
    "Президент Владимир Путин заявил",  # Russian
    "ראש הממשלה בנימין נתניהו",  # Hebrew
    "प्रधानमंत्री नरेंद्र मोदी ने कहा",  # Hindi
    "Valsts prezidents Egils Levits",  # Latvian
    "Die Kollegen der Woche in den Jahren mit Menschen",  # German nouns
]
MIXED_DIRECTIONS = [
    "Tim Cook قال إن Apple ستفتح",
    "\u202eevil\u202c Garcia",  # right-to-left override
    "Anna \u200fMaria\u200e Lopez",  # RLM and LRM marks inside a name
    "שלום Maria Lopez Garcia שלום",
    "Zero\u200bwidth Jo\u00adse",  # zero-width space, soft hyphen
]
ODDITIES = ["", " ", "\n", "\n\n", "\t", "\x00", "\ufeff", "\r\n", "...", "—", "&amp;", "<b>", "'", "’", "-", "."]
FRAGMENTS = NAMES + POSSESSIVES + HEADLINES + NON_LATIN + MIXED_DIRECTIONS + ODDITIES
SEPARATORS = [" ", "\n", "\n\n", ", ", ". ", " and ", " said ", "; ", " — ", "\n\nBy ", ": "]

fragments = st.sampled_from(FRAGMENTS) | st.text(max_size=40)
separators = st.sampled_from(SEPARATORS)


@st.composite
def news_text(draw: st.DrawFn, max_pieces: int = 40) -> str:
    """Text built from real-page fragments, random text and separators."""
    pieces = draw(st.lists(st.tuples(fragments, separators), max_size=max_pieces))
    return "".join(fragment + separator for fragment, separator in pieces)


ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "koi8-r",
    "gb18030",
]


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    """News text encoded in some encoding (with or without a byte order mark), the odd byte broken."""
    text = draw(news_text())
    encoding = draw(st.sampled_from(ENCODINGS))
    raw = text.encode(encoding, errors="replace")
    if draw(st.booleans()) and raw:
        position = draw(st.integers(0, len(raw) - 1))
        raw = raw[:position] + bytes([draw(st.integers(0, 255))]) + raw[position + 1 :]
    return raw


MARKUP_HEADS = [
    b"",
    b"<!DOCTYPE html><html><head><title>",
    b'<?xml version="1.0" encoding="undefined"?><rss version="2.0"><channel><item><title>',
    b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>',
    b'<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="',
    b'<html><head><meta charset="undefined"><link rel="canonical" href="http://[::1',
    b"<script>window.googleJavaScriptRedirect=1</script>",
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF32_BE,
    b"Title\nURL: http://example.com:99999/\nBy ",
]


@st.composite
def document_bytes(draw: st.DrawFn) -> bytes:
    """Bytes shaped like a page, feed, OPML list or text file, with news text (or noise) in the middle."""
    head = draw(st.sampled_from(MARKUP_HEADS))
    middle = draw(encoded_text() | st.binary(max_size=200))
    tail = draw(st.sampled_from([b"", b"</title></head><body><p>", b"</title></item></channel></rss>", b'"/>']))
    return head + middle + tail
