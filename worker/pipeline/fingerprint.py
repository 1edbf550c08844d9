"""Exact identity: normalized text -> SHA-256 content hash; URLs -> canonical form."""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

log = logging.getLogger(__name__)

WHITESPACE = re.compile(r"\s+")
TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|yclid|ref|ref_src|cmpid|ocid|smid|mbid|at_\w+)$",
    re.IGNORECASE,
)


def normalize_for_hash(text: str) -> str:
    """NFKC, case folding and whitespace folding: typography and layout do not change identity."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return WHITESPACE.sub(" ", folded).strip()


def content_hash(text: str) -> str:
    """The SHA-256 hex digest of the normalized text: the exact-duplicate identity."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def split_url(url: str) -> tuple[SplitResult, int | None] | None:
    """The URL's parts and port, or None when it cannot be parsed ("http://[::1", a port over 65535).

    urllib raises ValueError for those, from `urlsplit` or from `.port`; a page or feed that carries
    one must lose the URL, not crash.
    """
    try:
        parts = urlsplit(url)
        return parts, parts.port
    except ValueError:
        return None


def canonical_url(url: str | None) -> str | None:
    """The URL without tracking parameters and fragment, with a lower-case host and no default port.

    None for a URL that cannot be parsed: it is dropped (and logged), the document kept.
    """
    if not url:
        return None
    url = url.strip()
    split = split_url(url)
    if split is None:
        log.info("dropped a URL that cannot be parsed: %r", url[:300])
        return None
    parts, port = split
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return url
    scheme = parts.scheme.lower()
    host = parts.hostname.lower().rstrip(".")
    netloc = host if port is None or (scheme, port) in {("http", 80), ("https", 443)} else f"{host}:{port}"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k))
    )
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    return urlunsplit((scheme, netloc, path, query, ""))
