"""Seeds and byte-level mutations for the fuzz test: real pages and a few feeds, broken the ways real input breaks."""

from __future__ import annotations

import codecs
import random

# Tokens that broke, or nearly broke, some stage once: bad URLs, unusable charsets, wide-encoding marks, NULs,
# entity declarations, markup that is not an article.
INTERESTING = [
    b"\x00",
    b"&#0;",
    b"\xff\xfe",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF32_BE,
    b"http://[::1",
    b"http://example.com:99999/",
    b'charset="undefined"',
    b'encoding="undefined"',
    b'<meta charset="base64">',
    b'<link rel="canonical" href="http://[::1/x">',
    b'<meta property="og:url" content="http://a.com:70000/">',
    b"<link>http://[::1</link>",
    b'<outline xmlUrl="http://[::1"/>',
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    b"<![CDATA[",
    b"]]>",
    b"<script>window.googleJavaScriptRedirect=1</script>",
    b"<br />\n<b>Deprecated</b>: ",
    b"URL: http://[::1\n",
    b"By Tim Cook and Anna Maria Lopez Garcia\n",
    b"Published 4 hours ago\n",
    b"\xe2\x80\xae",  # right-to-left override
    b"\xcc\x88",  # combining diaeresis
    b"</html>",
    b"<html>",
    b"<item>",
    b"</item>",
    b"<entry>",
    b"\r\n\r\n",
    b"\n\n",
]

SEED_FEEDS: list[bytes] = [
    b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Riverton Gazette</title><link>https://riverton.example/</link>
<item><title>Council widens the bike lane</title><link>https://riverton.example/bike-lane?utm_source=rss</link>
<guid>bike-lane-1</guid><pubDate>Tue, 10 Oct 2023 08:00:00 GMT</pubDate><author>Jane Doe</author>
<description><![CDATA[<p>The council voted on Tuesday to widen the bike lane along the river road.</p>]]></description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>Tim Cook said Apple's plan was
fine. Anna Maria Lopez Garcia, the mayor, disagreed. Maria Lopez Garcia later said the vote was close.</p>]]></content:encoded>
</item></channel></rss>""",
    b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Signal and Noise</title><link href="https://signal.example/"/>
<id>urn:signal</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title type="html">Payments &lt;b&gt;outage&lt;/b&gt;</title><id>urn:signal:1</id>
<link href="https://signal.example/outage"/><updated>2024-01-01T00:00:00Z</updated>
<author><name>Ivan Braiker</name></author>
<content type="html">&lt;p&gt;Marie Yovanovitch testified. The outage lasted three hours across Europe.&lt;/p&gt;</content>
</entry></feed>""",
    b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://kettle.example/"><title>Kettle Valley Courier</title><link>https://kettle.example/</link></channel>
<item rdf:about="https://kettle.example/school-budget"><title>School budget passes</title>
<link>https://kettle.example/school-budget</link><description>The school board passed its budget after a long night.</description></item>
</rdf:RDF>""",
    b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Feeds</title></head><body>
<outline text="News"><outline text="Gazette" xmlUrl="https://riverton.example/feed.xml"/></outline>
<outline text="Signal" xmlUrl="https://signal.example/atom.xml"/></body></opml>""",
    b"""Council widens the bike lane
Source: riverton.example
URL: https://riverton.example/bike-lane
By Jane Doe and John Roe
October 25, 2022

The council voted on Tuesday to widen the bike lane along the river road. Tim Cook's company was not involved.

Anna Maria Lopez Garcia said the vote was close. Garcia added that Jose Anna Maria Lopez Garcia would speak next.
""",
]

ELLIPSES = (b"", b"x" * 5000, b"<div>" * 300, b"\xc3\xa9" * 400)


def mutate(data: bytes, others: list[bytes], rng: random.Random) -> bytes:
    """`data` with one to four mutations: flips, insertions of interesting tokens, deletions, duplications,
    splices from another seed, truncation."""
    for _ in range(rng.randint(1, 4)):
        size = len(data)
        position = rng.randint(0, size)
        choice = rng.randrange(8)
        if choice == 0 and size:  # flip one byte
            index = rng.randrange(size)
            data = data[:index] + bytes([rng.randrange(256)]) + data[index + 1 :]
        elif choice in (1, 2):  # insert an interesting token
            data = data[:position] + rng.choice(INTERESTING) + data[position:]
        elif choice == 3 and size:  # delete a slice
            end = min(size, position + rng.randint(1, max(1, size // 4)))
            data = data[:position] + data[end:]
        elif choice == 4 and size:  # duplicate a slice
            end = min(size, position + rng.randint(1, 2000))
            data = data[:end] + data[position:end] + data[end:]
        elif choice == 5 and others:  # splice in part of another seed
            other = rng.choice(others)
            start = rng.randint(0, len(other))
            data = data[:position] + other[start : start + rng.randint(1, 4000)] + data[position:]
        elif choice == 6:  # truncate
            data = data[:position]
        else:  # random bytes or a long run
            filler = rng.choice(ELLIPSES) or rng.randbytes(rng.randint(1, 64))
            data = data[:position] + filler + data[position:]
    return data
