"""Mutation fuzzing of `Ingestor.ingest_bytes` and the feed parsing path, seeded from real pages and a few feeds.

Bounded in time: NEWSWORKER_FUZZ_SECONDS (default 20). The run's seed is random unless NEWSWORKER_FUZZ_SEED is
set, and is printed in the failure message, so a crash can be reproduced with the same seed. Every input that
crashed is written to tests/fuzz/cases/ (commit it): `test_every_recorded_case_is_handled` replays them all,
so a crash once found stays fixed.
"""

from __future__ import annotations

import hashlib
import os
import random
import time
import traceback
from pathlib import Path

import pytest

from tests.fuzz.mutations import SEED_FEEDS, mutate
from worker.errors import IngestError
from worker.pipeline.document import SourceInfo

CASES = Path(__file__).parent / "cases"
FUZZ_SECONDS = float(os.environ.get("NEWSWORKER_FUZZ_SECONDS") or 20)
REAL_SEED_PAGES = 40  # the smallest real pages: more mutations per second than the 150 KB ones
OUTCOMES = {"stored", "duplicate", "near-duplicate", "rejected", "imported"}  # "error" is an internal error: a crash


@pytest.fixture(scope="module")
def ingestor(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from worker.config import load_settings
    from worker.ingest import Ingestor

    home = tmp_path_factory.mktemp("fuzz-home")
    settings = load_settings({"NEWSWORKER_HOME": str(home), "DATABASE_URL": f"sqlite:///{home / 'fuzz.db'}"})
    ingestor = Ingestor(settings)
    yield ingestor
    ingestor.database.dispose()


def seed_inputs() -> list[bytes]:
    """The feeds and text seeds, plus the smallest pages of the real corpus when it is beside the repo."""
    from tests.support.real_corpus import CORPUS_TARBALL, unpack_real_corpus

    seeds = list(SEED_FEEDS)
    if CORPUS_TARBALL.resolve().is_file():
        pages = sorted((unpack_real_corpus() / "pages").glob("*.html"), key=lambda path: path.stat().st_size)
        seeds.extend(path.read_bytes() for path in pages[:REAL_SEED_PAGES])
    return seeds


def sources(name: str) -> list[SourceInfo]:
    """A file, a fetched URL, and a fetched URL that urllib cannot parse: the URL reaches trafilatura and feedparser."""
    return [
        SourceInfo(source=name, kind="file"),
        SourceInfo(source=f"https://news.example/{name}?utm_source=x", kind="url"),
        SourceInfo(source=f"http://[::1/{name}", kind="url"),
    ]


def exercise(ingestor, raw: bytes, source: SourceInfo) -> None:  # type: ignore[no-untyped-def]
    """Everything the fuzz test asks of one input: ingest it, and parse it as a feed and as an OPML list."""
    from worker.pipeline.feeds import parse_feed, parse_opml

    outcome = ingestor.ingest_bytes(raw, source)
    if outcome.status == "error":  # contained by the task envelope, but still newsworker's bug
        raise AssertionError(outcome.failure.report() if outcome.failure else outcome.reason)
    assert outcome.status in OUTCOMES, outcome
    if outcome.status == "rejected":
        assert (outcome.reason or "").strip(), "a rejection without a reason"
    try:
        parse_feed(raw, url=source.source if source.kind == "url" else None)
    except IngestError:
        pass
    try:
        parse_opml(raw)
    except IngestError:
        pass


def record_case(raw: bytes) -> Path:
    CASES.mkdir(exist_ok=True)
    path = CASES / f"crash-{hashlib.sha256(raw).hexdigest()[:16]}.bin"
    path.write_bytes(raw)
    return path


@pytest.mark.slow
@pytest.mark.timeout(FUZZ_SECONDS + 600)  # the fuzzing time plus seeding and the last, slowest input
def test_mutated_real_inputs_never_crash(ingestor) -> None:  # type: ignore[no-untyped-def]
    seed = int(os.environ.get("NEWSWORKER_FUZZ_SEED") or random.SystemRandom().randrange(2**32))
    rng = random.Random(seed)
    seeds = seed_inputs()
    deadline = time.monotonic() + FUZZ_SECONDS
    runs = 0
    while time.monotonic() < deadline:
        raw = mutate(rng.choice(seeds), seeds, rng)
        runs += 1
        try:
            exercise(ingestor, raw, rng.choice(sources(f"fuzz-{seed}-{runs}")))
        except Exception:  # the fuzzer's job: keep the input, say how to reproduce it
            case = record_case(raw)
            pytest.fail(
                f"input {runs} of NEWSWORKER_FUZZ_SEED={seed} crashed; kept as {case.relative_to(CASES.parents[2])}"
                f" (commit it):\n{traceback.format_exc()}"
            )
    assert runs > 0
    print(f"fuzz: {runs} mutated inputs in {FUZZ_SECONDS:g} s, NEWSWORKER_FUZZ_SEED={seed}")


@pytest.mark.parametrize("case", sorted(CASES.glob("*.bin")), ids=lambda path: path.name)
def test_every_recorded_case_is_handled(ingestor, case: Path) -> None:  # type: ignore[no-untyped-def]
    for source in sources(f"case-{case.name}"):
        exercise(ingestor, case.read_bytes(), source)
