"""Terminal control characters out of stored text: ESC, BEL and the rest can retitle or clear a terminal.

C0 controls (but newline and tab in bodies), DEL and the C1 controls are removed before anything is
stored, whatever the source: a text file, a page, a feed title given raw or as `&#x1b;`.
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, and C1 (U+0080..U+009F: 0x9B is a one-character CSI on some terminals).
BODY_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile(r"\r\n?")
LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def strip_body_controls(text: str) -> str:
    """Body text without control characters; CR and CRLF become newlines, tab and newline stay."""
    return BODY_CONTROLS.sub("", LINE_BREAKS.sub("\n", text))


def strip_line_controls(text: str | None) -> str | None:
    """A one-line value (title, site, author) with every control character, newlines included, gone."""
    if text is None:
        return None
    return " ".join(LINE_CONTROLS.sub(" ", text).split()) or None
