"""A generated corpus of bad and awkward inputs, each with what newsworker must make of it.

Used by the in-process test (tests/store/test_bad_input.py) and the watched-folder test
(tests/integration/test_bad_input_stack.py). `expected` is "rejected" or "stored"; for rejections,
`reason_hint` is a word the readable reason must contain.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GOOD_BODY = (
    "The city council of Springfield approved a new budget on Tuesday after a long debate about "
    "schools, roads and the future of the public library. Council members said the plan would "
    "raise spending on maintenance while keeping taxes flat for another year.\n\n"
    "Residents who attended the meeting asked for more money for parks and for the bus network, "
    "and the mayor promised a review of both before the summer."
)
MAX_FILE_BYTES_FOR_TESTS = 4 * 1024 * 1024  # the tests set NEWSWORKER_MAX_FILE_BYTES to this


@dataclass(frozen=True)
class BadInput:
    kind: str
    relative_path: str  # where the case is written, relative to the corpus folder (str: may hold odd bytes)
    expected: str  # rejected | stored
    reason_hint: str = ""  # a word the rejection reason contains
    note: str = ""


def _article(title: str, body: str = GOOD_BODY) -> str:
    return f"{title}\n\n{body}\n"


def _html(body_html: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html lang='en'><head>{head}<title>Page</title></head><body>{body_html}</body></html>"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{p}</p>" for p in text.split("\n\n"))


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", _article("Zipped"))
    return buffer.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>Bomb</title><item><title>&lol4;</title><description>&lol4;</description></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title><item><title>Leak</title><description>&xxe;</description></item></channel></rss>"""


def _many_entries(count: int) -> bytes:
    items = "".join(f"<item><guid>{i}</guid></item>" for i in range(count))  # small enough to pass the size cap
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>{items}</channel></rss>'.encode()


def _bad_dates_feed() -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Dates</title>
<item><title>Budget approved</title><guid>d1</guid><pubDate>the 45th of Smarch, year of the rat</pubDate>
<description>{GOOD_BODY}</description></item></channel></rss>""".encode()


def _lying_charset_html() -> bytes:
    # Declares windows-1252 but the bytes are UTF-8 (with Cyrillic and Persian): the text must survive.
    body = _paragraphs(GOOD_BODY + "\n\nКорреспондент сообщает из Москвы. خبرنگار از تهران گزارش می‌دهد.")
    return _html(body, head='<meta charset="windows-1252">').encode("utf-8")


def _mixed_encoding_html() -> bytes:
    # Mostly cp1251 with a stray UTF-8 fragment, meta says utf-8: decoded by detection, not refused.
    text = GOOD_BODY + "\n\nКорреспондент сообщает из Москвы о решении совета."
    return _html(_paragraphs(text), head='<meta charset="utf-8">').encode("cp1251") + "—".encode()


CASES: list[tuple[BadInput, Callable[[], bytes] | None]] = [
    (BadInput("empty file", "empty.txt", "rejected", "empty"), lambda: b""),
    (BadInput("whitespace only", "blank.txt", "rejected", "whitespace"), lambda: b"  \n\t\n   \n"),
    (BadInput("PNG image", "photo.html", "rejected", "PNG"), lambda: b"\x89PNG\r\n\x1a\n" + os.urandom(2000)),
    (BadInput("JPEG image", "photo.jpg", "rejected", "JPEG"), lambda: b"\xff\xd8\xff\xe0" + os.urandom(2000)),
    (BadInput("ZIP archive", "archive.txt", "rejected", "ZIP"), _zip_bytes),
    (BadInput("gzip archive", "page.html.gz", "rejected", "gzip"), lambda: gzip.compress(_article("Gz").encode())),
    (BadInput("PDF document", "report.html", "rejected", "PDF"), lambda: b"%PDF-1.7\n" + os.urandom(1000)),
    (BadInput("random bytes", "noise.bin", "rejected", "binary"), lambda: random.Random(7).randbytes(4096)),
    (
        BadInput("text with NUL bytes", "nul.txt", "rejected", "binary"),
        lambda: _article("Nul").encode() + b"\x00\x00\x00" * 50,
    ),
    (
        BadInput("file over the size limit", "huge.txt", "rejected", "limit"),
        lambda: (_article("Huge") + "word " * (MAX_FILE_BYTES_FOR_TESTS // 5)).encode(),
    ),
    (
        BadInput("truncated HTML", "truncated.html", "stored", note="the text before the cut is kept"),
        lambda: _html(_paragraphs(GOOD_BODY)).encode()[:-40],
    ),
    (
        BadInput("100k-deep nested tags", "nested.html", "rejected", "text"),
        lambda: ("<html><body>" + "<div>" * 100_000 + "<p>deep</p>" + "</div>" * 100_000 + "</body></html>").encode(),
    ),
    (
        BadInput("HTML with no text", "notext.html", "rejected", "text"),
        lambda: _html("<nav><a href='/'>Home</a></nav><div></div><script>var x = 1;</script>").encode(),
    ),
    (
        BadInput("HTML of scripts and styles only", "scripts.html", "rejected", "text"),
        lambda: _html("<style>p{color:red}</style>" + "<script>console.log('x');</script>" * 50).encode(),
    ),
    (BadInput("UTF-16 text", "utf16.txt", "stored"), lambda: _article("UTF-16 story").encode("utf-16")),
    (
        BadInput("cp1256 Arabic text", "arabic.txt", "stored"),
        lambda: _article(
            "خبر عاجل",
            "وافق مجلس المدينة على الميزانية الجديدة يوم الثلاثاء بعد نقاش طويل حول المدارس والطرق ومستقبل المكتبة العامة.",
        ).encode("cp1256"),
    ),
    (
        BadInput("Shift-JIS Japanese text", "japanese.txt", "stored"),
        lambda: _article(
            "ニュース",
            "市議会は火曜日、学校や道路、公共図書館の将来について長い議論の末、新しい予算を承認した。議員たちは、この計画により維持費が増えると述べた。",
        ).encode("shift_jis"),
    ),
    (
        BadInput("invalid UTF-8", "invalid-utf8.txt", "stored", note="decoded by detection"),
        lambda: _article("Café story").encode() + b"\xff\xfe broken \xc3\x28 bytes",
    ),
    (BadInput("UTF-8 with BOM", "bom.txt", "stored"), lambda: b"\xef\xbb\xbf" + _article("BOM story").encode()),
    (BadInput("HTML with a lying meta charset", "lying-charset.html", "stored"), _lying_charset_html),
    (BadInput("mixed-encoding HTML", "mixed-encoding.html", "stored"), _mixed_encoding_html),
    (BadInput("RSS with an entity-expansion bomb", "bomb.rss", "rejected", "entit"), lambda: BILLION_LAUGHS),
    (BadInput("RSS with an external entity", "xxe.rss", "rejected", "entit"), lambda: EXTERNAL_ENTITY),
    (BadInput("RSS with 100k entries", "many.rss", "rejected", "entries"), lambda: _many_entries(100_000)),
    (BadInput("RSS with malformed dates", "dates.rss", "stored", note="published_at left empty"), _bad_dates_feed),
    (BadInput("title only, too little text", "tiny.txt", "rejected", "word"), lambda: b"Hello\n"),
    (BadInput("file name with a newline", "new\nline.txt", "stored"), lambda: _article("Newline name").encode()),
    (
        BadInput("file name with non-UTF-8 bytes", os.fsdecode(b"caf\xe9-latin1.txt"), "stored"),
        lambda: _article("Latin-1 name").encode(),
    ),
    (BadInput("255-character file name", "n" * 251 + ".txt", "stored"), lambda: _article("Long name").encode()),
    (
        BadInput("directory named like a file", "folder.html/inside.txt", "stored", note="its contents are ingested"),
        lambda: _article("Inside a folder named .html").encode(),
    ),
    (BadInput("symlink pointing outside the inbox", "passwd-link.txt", "rejected", "outside"), None),
    (BadInput("FIFO", "pipe.txt", "rejected", "regular"), None),
    (
        BadInput(
            "zero-permission file",
            "secret.txt",
            "rejected" if os.geteuid() != 0 else "stored",
            "permission",
            note="root reads it anyway",
        ),
        lambda: _article("Unreadable").encode(),
    ),
    (
        BadInput("control-character spam", "controls.txt", "rejected", "binary"),
        lambda: bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 400,
    ),
]


def write_corpus(folder: Path, *, outside_target: Path | None = None) -> list[BadInput]:
    """Write every case under folder; returns the cases in order."""
    written = []
    for case, make in CASES:
        path = folder / case.relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if case.kind.startswith("symlink"):
            target = outside_target or Path("/etc/passwd")
            os.symlink(target, path)
        elif case.kind == "FIFO":
            os.mkfifo(path)
        else:
            assert make is not None
            path.write_bytes(make())
            if case.kind.startswith("zero-permission"):
                path.chmod(0)
        written.append(case)
    return written


WORDS = (
    "council budget school road library mayor river bridge harbour festival museum hospital railway station "
    "election committee vote tax park garden market factory teacher nurse student farmer storm flood drought "
    "court judge police fire theatre concert stadium league season airport tunnel ferry island valley forest"
).split()


def good_article(title: str) -> bytes:
    """A distinct, well-formed article for the title (different titles share few word sequences)."""
    rng = random.Random(title)
    sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "." for _ in range(12)]
    body = " ".join(sentences[:6]) + "\n\n" + " ".join(sentences[6:])
    return _article(title, f"{title} reported on Monday. {body}").encode()
