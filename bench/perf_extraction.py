"""Extraction overhead in-process: the `newsworker ingest` code path against a bare trafilatura loop.

Ours is `Ingestor.ingest_file` on a fresh SQLite database, exactly what the command does per file (read, sniff,
decode, extract, hash, fingerprint, tag, near-duplicate lookup, store in one transaction). The bare loop reads
the same file, decodes it and calls `trafilatura.bare_extraction(page, with_metadata=True,
**TRAFILATURA_OPTIONS)`. Both run in this process on the same pages, in interleaved chunks (bare then ours,
then ours then bare, ...) so that a change in machine load hits both alike.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.perf_common import StatementTimer, bare_extract, log, percentile
from tests.support.corpus import generate_html_page
from worker.pipeline.extract_html import TRAFILATURA_OPTIONS

WARM_UP_PAGES = 3


def write_pages(directory: Path, count: int, seed: int, first: int = 0) -> list[Path]:
    """Pages first .. first+count-1 of the corpus as files; returns their paths in order."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(first, first + count):
        page = generate_html_page(index, seed)
        path = directory / page.name
        path.write_text(page.html, encoding="utf-8")
        paths.append(path)
    return paths


def run_in_process(workdir: Path, pages: int, chunk: int, seed: int) -> dict[str, Any]:
    """Pages/s of the ingest path and of the bare loop, interleaved by chunks; their ratio; the stage split."""
    from worker.config import load_settings
    from worker.ingest import Ingestor
    from worker.logs import configure_logging
    from worker.store.db import Database

    paths = write_pages(workdir / "pages", pages, seed)
    warm = write_pages(workdir / "warm", WARM_UP_PAGES, seed, first=pages)
    settings = load_settings({"NEWSWORKER_HOME": str(workdir / "home")})
    configure_logging(settings)  # as the command does, and with its per-document log lines off
    logging.getLogger("worker.ingest").setLevel(logging.ERROR)
    database = Database(settings.database_url)
    ingestor = Ingestor(settings, database)
    timer = StatementTimer().attach(database.engine)
    for path in warm:  # tagger, language model, engine and statement caches: once per process, not per page
        ingestor.ingest_file(path)
        bare_extract(path)
    timer.reset()

    bare_total = ours_total = 0.0
    chunk_ratios = []
    stage_ms: dict[str, float] = {}
    statuses: dict[str, int] = {}
    for number, start in enumerate(range(0, len(paths), chunk)):
        part = paths[start : start + chunk]
        bare_s = ours_s = 0.0
        for side in ("bare", "ours") if number % 2 == 0 else ("ours", "bare"):
            started = time.perf_counter()
            if side == "bare":
                for path in part:
                    bare_extract(path)
                bare_s = time.perf_counter() - started
            else:
                for path in part:
                    outcome = ingestor.ingest_file(path)
                    statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
                    for stage, ms in outcome.timings_ms.items():
                        stage_ms[stage] = stage_ms.get(stage, 0.0) + ms
                ours_s = time.perf_counter() - started
        bare_total += bare_s
        ours_total += ours_s
        chunk_ratios.append(bare_s / ours_s)
    database.dispose()

    n = len(paths)
    bare_ms = bare_total / n * 1000
    stages = {stage: round(ms / n, 2) for stage, ms in stage_ms.items()}
    sql = {kind: round(seconds / n * 1000, 3) for kind, seconds in sorted(timer.seconds.items())}
    return {
        "pages": n,
        "chunk": chunk,
        "bare_pages_per_s": round(n / bare_total, 2),
        "ours_pages_per_s": round(n / ours_total, 2),
        "ratio": round(bare_total / ours_total, 3),
        "chunk_ratio_p10_p50_p90": [round(percentile(chunk_ratios, q), 3) for q in (0.1, 0.5, 0.9)],
        "bare_ms_per_page": round(bare_ms, 2),
        "ours_ms_per_page": round(ours_total / n * 1000, 2),
        "stage_ms_per_page": stages,
        "stage_share_of_bare": {stage: round(ms / bare_ms, 3) for stage, ms in stages.items()},
        "sql_ms_per_page": sql,
        "statuses": statuses,
        "unused_trafilatura_metadata": unused_metadata_share(paths[:20]),
    }


def unused_metadata_share(paths: list[Path]) -> dict[str, float]:
    """What share of the bare loop's time goes to metadata the worker never stores: trafilatura's categories,
    tags and licence (with_metadata=True extracts them all). The next lever if extraction must get cheaper."""
    import trafilatura
    from trafilatura.metadata import extract_catstags, extract_license
    from trafilatura.utils import load_html

    bare_s = unused_s = 0.0
    for path in paths:
        page = path.read_bytes().decode("utf-8")
        started = time.perf_counter()
        trafilatura.bare_extraction(page, with_metadata=True, **TRAFILATURA_OPTIONS)
        bare_s += time.perf_counter() - started
        tree = load_html(page)
        started = time.perf_counter()
        extract_catstags("category", tree)
        extract_catstags("tag", tree)
        extract_license(tree)
        unused_s += time.perf_counter() - started
    return {"pages": len(paths), "share_of_bare": round(unused_s / bare_s, 3)}


def newsworker_command() -> list[str]:
    found = shutil.which("newsworker")
    return [found] if found else [sys.executable, "-m", "worker.cli"]


def run_command(workdir: Path, pages_dir: Path, bare_pages_per_s: float) -> dict[str, Any]:
    """`newsworker ingest DIR --json` as a subprocess on a fresh home: start-up included, for information."""
    import os

    pages = sorted(pages_dir.iterdir())
    one = workdir / "one"
    one.mkdir(parents=True, exist_ok=True)
    shutil.copy(pages[0], one / pages[0].name)

    def timed(directory: Path, home: Path) -> tuple[float, dict[str, Any]]:
        env = dict(os.environ, NEWSWORKER_HOME=str(home))
        env.pop("DATABASE_URL", None)
        started = time.perf_counter()
        done = subprocess.run(
            [*newsworker_command(), "ingest", str(directory), "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return time.perf_counter() - started, json.loads(done.stdout)

    one_s, _ = timed(one, workdir / "home-one")
    all_s, result = timed(pages_dir, workdir / "home-all")
    log(f"command: {len(pages)} pages in {all_s:.1f} s, one page in {one_s:.1f} s")
    rate = len(pages) / all_s
    return {
        "pages": len(pages),
        "seconds": round(all_s, 2),
        "pages_per_s": round(rate, 2),
        "ratio_to_bare_in_process": round(rate / bare_pages_per_s, 3),
        "one_page_seconds": round(one_s, 2),
        "stored": result.get("stored"),
        "near_duplicate": result.get("near_duplicate"),
        "rejected": result.get("rejected"),
    }
