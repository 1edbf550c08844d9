"""display_path is the ledger's key for an inbox file: one text per exact byte name (issue 15 §8)."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from worker.ingest import display_path

byte_names = st.binary(min_size=1, max_size=40).filter(lambda name: b"/" not in name and b"\x00" not in name)


@given(byte_names, byte_names)
def test_distinct_byte_names_never_display_alike(first: bytes, second: bytes) -> None:
    if first != second:
        assert display_path(os.fsdecode(first)) != display_path(os.fsdecode(second))


def test_the_reported_pair() -> None:
    typed, latin1 = "caf\\xe9.txt", os.fsdecode(b"caf\xe9.txt")
    assert display_path(typed) == "caf\\\\xe9.txt"
    assert display_path(latin1) == "caf\\xe9.txt"
    assert display_path("café.txt") == "café.txt"  # valid UTF-8 shows as itself
