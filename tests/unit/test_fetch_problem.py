"""`fetch_problem`: what POST /ingest answers before queueing, with the same rules as feeds and the HTTP client.
IP literals only: resolving them needs no DNS."""

from __future__ import annotations

import pytest

from worker.sources.http import fetch_problem


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://8.8.8.8/file", "not an http(s) URL"),
        ("https://user:secret@8.8.8.8/", "user name or password"),
        ("http://8.8.8.8:99999/", "not a valid URL"),
        ("http:///path-only", "has no host"),
        ("http://127.0.0.1:8080/page", "127.0.0.1, a private, loopback or reserved address"),
        ("http://10.1.2.3/", "NEWSWORKER_ALLOW_PRIVATE_NETWORKS=1 allows it"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::ffff:127.0.0.1]/", "private, loopback or reserved"),
    ],
)
def test_refused_urls_say_why(url: str, words: str) -> None:
    problem = fetch_problem(url)
    assert problem is not None and words in problem
    assert "secret" not in problem


def test_public_addresses_pass_and_private_ones_pass_when_allowed() -> None:
    assert fetch_problem("https://8.8.8.8/news.html") is None
    assert fetch_problem("http://127.0.0.1:8080/page", allow_private_networks=True) is None
    # Allowing private networks never lets a URL with credentials through.
    assert fetch_problem("http://u:p@127.0.0.1/", allow_private_networks=True) is not None
