"""Counting words in any script: CJK text has no spaces, so each ideograph or kana counts as one."""

from __future__ import annotations

import re

WORD = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\s\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)


def count_words(text: str) -> int:
    """Whitespace-separated words, plus one per CJK character."""
    return len(WORD.findall(text))
