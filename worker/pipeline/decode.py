"""Turn bytes into text, honouring BOMs and declared charsets, detecting the rest."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from worker.errors import UnreadableInputError

# Byte order marks and the codec each one selects (shared by the XML reader in feeds.py).
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
WIDE_SAMPLE_BYTES = 4096


def text_codec(name: str | None) -> str | None:
    """Python's name for a declared charset, or None when Python has no *text* encoding of that name.

    `codecs.lookup` also knows "undefined" (which raises UnicodeError on any input) and byte-to-byte
    codecs such as "base64" or "zlib": a page declaring one of those has declared nothing usable.
    """
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a name with a NUL in it
        return None
    if info.name == "undefined" or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if Python knows it as a text encoding."""
    match = META_CHARSET.search(raw[:4096])
    if not match:
        return None
    return text_codec(match.group(1).decode("ascii", errors="ignore"))


def unmarked_wide_encoding(raw: bytes) -> str | None:
    """ "utf-32-le/be" or "utf-16-le/be" for text in a wide encoding without a byte order mark, else None.

    Mostly-Latin text in UTF-16 has a NUL in nearly every other byte, always on the same side; in
    UTF-32, three NULs in every four. 8-bit and UTF-8 text has no NUL at all, so this is checked
    before NUL bytes are taken as a sign of binary data. The sample must also decode cleanly.
    """
    sample = raw[:WIDE_SAMPLE_BYTES]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    # (encoding, width, lanes that hold NUL in nearly every unit, lane that holds a letter in nearly every unit)
    for encoding, width, zero_lanes, letter_lane, share in (
        ("utf-32-le", 4, (2, 3), 0, 0.9),
        ("utf-32-be", 4, (0, 1), 3, 0.9),
        ("utf-16-le", 2, (1,), 0, 0.4),
        ("utf-16-be", 2, (0,), 1, 0.4),
    ):
        units = len(sample) // width
        if any(sample[lane::width].count(0) < share * units for lane in zero_lanes):
            continue
        if sample[letter_lane::width].count(0) > 0.05 * units:
            continue
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for char in text if char < " " and char not in "\t\n\v\f\r")
        if controls <= max(4, len(text) // 50):  # text, not binary that happens to decode
            return encoding
    return None


def decode_text(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used).

    A BOM wins; then valid UTF-8 (a declaration that says otherwise is often a lie); then the
    declared charset if the bytes decode cleanly in it; then detection.
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise UnreadableInputError(
                    f"the file starts with a {encoding} mark but is not valid {encoding}"
                ) from error
    wide = unmarked_wide_encoding(raw)
    if wide is not None:  # before UTF-8: UTF-16 text of ASCII letters is also valid UTF-8, NULs and all
        try:
            return raw.decode(wide), wide
        except UnicodeDecodeError as error:
            raise UnreadableInputError(f"the text looks like {wide} but is not valid {wide}") from error
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        # A few broken bytes in UTF-8 text: keep the text, mark the bytes, rather than guess a legacy codec.
        return raw.decode("utf-8", errors="replace"), "utf-8"
    declared = text_codec(declared)
    if declared and declared not in {"utf-8", "ascii"}:
        try:
            return raw.decode(declared), declared
        except (UnicodeError, LookupError):  # UnicodeError: codecs that fail without a position
            pass
    best = from_bytes(raw[:200_000]).best()
    if best is None or best.encoding is None:
        raise UnreadableInputError("the text is in no encoding that could be recognised")
    try:
        return raw.decode(best.encoding), best.encoding
    except (UnicodeError, LookupError) as error:
        raise UnreadableInputError(f"the text could not be decoded as {best.encoding}") from error


def _mostly_utf8(raw: bytes) -> bool:
    """True when the bytes are UTF-8 with a few broken sequences: more valid multibyte characters than invalid
    bytes, and few of those. Legacy 8-bit text (Latin-1, ISO-8859-2) has invalid bytes at every accented letter
    and at most a stray valid sequence, so it goes on to its declared charset (real pages: mix1.de, a Polish news
    page with 635 invalid bytes and 2 valid sequences, were stored with U+FFFD for every accented letter)."""
    decoded = raw.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    multibyte = sum(1 for ch in decoded if ord(ch) > 127 and ch != "\ufffd")
    return multibyte > bad and bad <= max(8, len(raw) // 200)
