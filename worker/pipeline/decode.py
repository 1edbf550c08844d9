"""Turn bytes into text, honouring BOMs and declared charsets, detecting the rest."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from worker.errors import UnreadableInputError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if Python knows it."""
    match = META_CHARSET.search(raw[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
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
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        # A few broken bytes in UTF-8 text: keep the text, mark the bytes, rather than guess a legacy codec.
        return raw.decode("utf-8", errors="replace"), "utf-8"
    if declared and declared not in {"utf-8", "ascii"}:
        try:
            return raw.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(raw[:200_000]).best()
    if best is None or best.encoding is None:
        raise UnreadableInputError("the text is in no encoding that could be recognised")
    try:
        return raw.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as error:
        raise UnreadableInputError(f"the text could not be decoded as {best.encoding}") from error


def _mostly_utf8(raw: bytes) -> bool:
    """True when the bytes hold valid UTF-8 sequences and only a few invalid ones (Latin-1 text has none valid)."""
    decoded = raw.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    has_multibyte = any(ord(ch) > 127 and ch != "\ufffd" for ch in decoded)
    return has_multibyte and bad <= max(8, len(raw) // 200)
