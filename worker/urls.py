"""The one rule for which URLs newsworker will fetch or store as a feed, and how a URL is shown safely.

Used by the HTTP client (every URL and every redirect target), by `feeds add` and feed lists, and for
entry links. A URL with a user name or password is refused: the password would otherwise be logged,
stored with each sighting and exported. A port above 65535 is refused: httpx would wrap it around
(`:84301` connected to port 18765).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

FETCHED_SCHEMES = frozenset({"http", "https"})
USERINFO = re.compile(r"(?<=//)[^/?#@]*@")


def hide_credentials(url: str) -> str:
    """The URL with any `user:password@` replaced by `***@`, for messages and logs; works on unparsable URLs too."""
    return USERINFO.sub("***@", url)


def url_problem(url: str) -> str | None:
    """Why the URL must not be fetched or stored as a feed (a sentence), or None when it is fine.

    The reason never repeats a password: it names the URL through `hide_credentials`.
    """
    shown = hide_credentials(url.strip())
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # ValueError for a port that is not a number or is over 65535
        hostname = parts.hostname
    except ValueError as error:
        return f"{shown!r} is not a valid URL ({error})"
    if parts.scheme.lower() not in FETCHED_SCHEMES:
        return f"{shown!r} is not an http(s) URL"
    if not hostname:
        return f"{shown!r} has no host"
    if "@" in parts.netloc:
        return f"{shown!r} holds a user name or password; newsworker does not send credentials with feed URLs"
    if port is not None and not 0 < port <= 65535:
        return f"{shown!r} has port {port}, outside 1-65535"
    return None
