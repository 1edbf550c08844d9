"""Values made safe for the database before they are written: what no column can hold is cleaned here, so a
long site name or a NUL in a page is stored (cleaned) instead of failing its input, or every poll of its feed.

- text: NUL characters (PostgreSQL refuses them) and lone surrogates (no encoding can write them) go;
- bounded columns (`String(n)`): cut to the column's length;
- keys (URLs, paths, feed entry keys: columns with a unique or plain btree index): PostgreSQL cannot index
  a value over 2,704 bytes, so a key over KEY_MAX_BYTES keeps a readable start and ends with the SHA-256 of
  the whole value. The same long value always gives the same key, so identity is kept.
"""

from __future__ import annotations

import hashlib
import re
from typing import overload

KEY_MAX_BYTES = 1200  # well under PostgreSQL's btree limit (2,704 bytes), also for two-key indexes
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@overload
def clean_text(value: str) -> str: ...
@overload
def clean_text(value: None) -> None: ...
def clean_text(value: str | None) -> str | None:
    """The text without NUL characters and lone surrogates."""
    if value is None:
        return None
    return _UNSTORABLE.sub("", value)


def fit(value: str | None, length: int) -> str | None:
    """Clean text cut to a `String(length)` column."""
    if value is None:
        return None
    return clean_text(value)[:length]


@overload
def key_form(value: str) -> str: ...
@overload
def key_form(value: None) -> None: ...
def key_form(value: str | None) -> str | None:
    """Clean text that fits a btree index: itself when short, else a readable start and the hash of the whole."""
    if value is None:
        return None
    value = clean_text(value)
    encoded = value.encode("utf-8")
    if len(encoded) <= KEY_MAX_BYTES:
        return value
    digest = hashlib.sha256(encoded).hexdigest()
    start = encoded[: KEY_MAX_BYTES - 200].decode("utf-8", errors="ignore")
    return f"{start}...#sha256:{digest}"
