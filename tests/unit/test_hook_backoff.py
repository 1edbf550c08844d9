"""The wait after a hook's failed delivery (worker/hooks.backoff_seconds) and which failures pause it at once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from worker.config import load_settings
from worker.hooks import backoff_seconds, is_permanent, short_name
from worker.sources.http import BlockedAddressError, FetchConnectionError, FetchTimeoutError, HTTPStatusError
from worker.states import EventKind

SETTINGS = load_settings({"NEWSWORKER_HOME": "/nonexistent"})  # 10 s first retry, 1 h at most


@given(failures=st.integers(min_value=1, max_value=10_000))
def test_the_wait_doubles_from_the_first_retry_up_to_the_cap_with_jitter(failures: int) -> None:
    ceiling = min(3600.0, 10.0 * 2 ** min(failures - 1, 40))
    assert ceiling / 2 <= backoff_seconds(failures, SETTINGS) <= ceiling


@given(failures=st.integers(min_value=1, max_value=50), retry_after=st.floats(min_value=0, max_value=1e12))
def test_retry_after_is_honoured_within_the_cap(failures: int, retry_after: float) -> None:
    wait = backoff_seconds(failures, SETTINGS, retry_after)
    assert wait >= min(retry_after, 3600.0)
    assert wait <= 3600.0


def test_what_pauses_at_once() -> None:
    assert is_permanent(HTTPStatusError(410, "http://example.com/"))
    assert is_permanent(BlockedAddressError("resolves to 10.0.0.1"))
    for passing in (
        HTTPStatusError(404, "http://example.com/"),
        HTTPStatusError(503, "http://example.com/"),
        HTTPStatusError(301, "http://example.com/"),
        FetchTimeoutError("slow"),
        FetchConnectionError("refused"),
    ):
        assert not is_permanent(passing)


def test_every_kind_has_its_own_short_name() -> None:
    names = [short_name(kind.value) for kind in EventKind]
    assert len(set(names)) == len(names)
    assert names == ["stored", "seen-again", "near-duplicate", "rejected", "error", "feed-failing", "feed-recovered"]
