"""Growth: what ingesting one article costs when the archive holds many articles, against when it holds few.

Two archives per database backend, a small one and a large one (bench/perf_archive.py: bulk-loaded rows with
real signatures, band keys and entity links), then the same M new plain-text articles ingested through
`Ingestor.ingest_file` into each, in interleaved chunks (small, large, large, small, ...). About one in ten new
articles is a rewrite of an article archived a few hours earlier (one of the newest 1,000 of each archive: first
paragraph dropped, a sentence added), so the near-duplicate path finds and compares candidates; the rest are new
stories (the same files for both archives), so exact-hash and band-key lookups miss, as they mostly do.
Per-statement times come from cursor-execution listeners on each engine.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench.perf_archive import ParagraphPool, article_file_text, compose_articles, prefill
from bench.perf_common import (
    StatementTimer,
    log,
    open_database,
    postgres_base_url,
    postgres_reachable,
    postgres_schema,
)

REWRITE_EVERY = 10


def write_new_articles(
    pool: ParagraphPool,
    directory: Path,
    count: int,
    seed: int,
    small_size: int,
    archive_size: int,
    archive_seed: int,
) -> list[Path]:
    """`count` new plain-text articles: new stories from the corpus generator, every tenth a rewrite of one of the
    newest `small_size` articles of an archive of `archive_size` written with `archive_seed` (republications
    follow the original closely)."""
    from tests.support.corpus import generate_text_article

    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:rewrites")
    paths = []
    for index in range(count):
        if index % REWRITE_EVERY == REWRITE_EVERY - 1:
            (original,) = compose_articles(pool, archive_size - 1 - rng.randrange(small_size), 1, archive_seed)
            paragraphs = original.text.split("\n\n")
            body = "\n\n".join(paragraphs[1:] + ["The story was updated with comments from local officials."])
            content = article_file_text(original).split("\n\n", 1)[0] + "\n\n" + body + "\n"
            name = f"new_{index:05d}_rewrite.txt"
        else:
            name, content = generate_text_article(index, seed)
            name = f"new_{index:05d}_{name}"
        path = directory / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def _explain(engine: Any, dialect: str) -> dict[str, list[str]]:
    """Query plans of the lookups ingestion makes, on the large archive (indexes used, not scans)."""
    from sqlalchemy.dialects import postgresql, sqlite

    from worker.store.models import Article, Entity, NearDupBand

    keys = [1234567 + i for i in range(42)]
    candidates = (
        _select(NearDupBand.article_id)
        .where(NearDupBand.band_key.in_(keys))
        .distinct()
        .order_by(NearDupBand.article_id)
        .limit(200)
    )
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statements = {
        "exact-hash lookup": _select(Article.id).where(Article.content_hash == "0" * 64),
        "near-dup candidates": _select(Article.id, Article.neardup_signature, Article.near_duplicate_of).where(
            Article.id.in_(candidates)
        ),
        "entity upsert": insert(Entity)
        .values(name="Port Ashford", key="port ashford", type="GPE")
        .on_conflict_do_nothing(index_elements=["key", "type"]),
        "entity lookup": _select(Entity.id, Entity.key, Entity.type).where(Entity.key.in_(["port ashford", "x"])),
    }
    plans: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for name, statement in statements.items():
            sql = str(statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
            prefix = "EXPLAIN QUERY PLAN " if dialect == "sqlite" else "EXPLAIN "
            rows = conn.execute(text(prefix + sql)).all()
            plans[name] = [str(row[-1]) if dialect == "sqlite" else str(row[0]) for row in rows]
        conn.rollback()
    return plans


def _select(*columns: Any) -> Any:
    from sqlalchemy import select

    return select(*columns)


def run_backend(
    workdir: Path,
    backend: str,
    database_urls: tuple[str, str],
    sizes: tuple[int, int],
    new_paths: dict[str, list[Path]],
    chunk: int,
) -> dict[str, Any]:
    """Ingest the new articles into the small and the large archive, interleaved; per-article costs and ratios."""
    from worker.config import load_settings
    from worker.ingest import Ingestor

    logging.getLogger("worker.ingest").setLevel(logging.ERROR)
    small_db, large_db = (open_database(url) for url in database_urls)
    result: dict[str, Any] = {"sizes": list(sizes), "explain_large": _explain(large_db.engine, backend)}
    sides = {}
    for name, database in (("small", small_db), ("large", large_db)):
        settings = load_settings(
            {"NEWSWORKER_HOME": str(workdir / f"home-{backend}-{name}"), "DATABASE_URL": database.url}
        )
        sides[name] = {
            "ingestor": Ingestor(settings, database),
            "timer": StatementTimer().attach(database.engine),
            "seconds": 0.0,
            "stages": {},
            "statuses": {},
        }
    for name, side in sides.items():
        for path in new_paths[name][:2]:  # a worker that has been running a while: models loaded, statements cached
            side["ingestor"].ingest_file(path)
        side["timer"].reset()
    n = len(new_paths["small"]) - 2
    for number, start in enumerate(range(2, n + 2, chunk)):
        for name in ("small", "large") if number % 2 == 0 else ("large", "small"):
            side = sides[name]
            began = time.perf_counter()
            for path in new_paths[name][start : start + chunk]:
                outcome = side["ingestor"].ingest_file(path)
                status = str(outcome.status.value)
                side["statuses"][status] = side["statuses"].get(status, 0) + 1
                for stage, ms in outcome.timings_ms.items():
                    side["stages"][stage] = side["stages"].get(stage, 0.0) + ms
            side["seconds"] += time.perf_counter() - began
    for name, side in sides.items():
        result[name] = {
            "articles_in_archive": sizes[0 if name == "small" else 1],
            "ms_per_article": round(side["seconds"] / n * 1000, 2),
            "stage_ms": {stage: round(ms / n, 3) for stage, ms in side["stages"].items()},
            "sql_ms": {kind: round(s / n * 1000, 3) for kind, s in sorted(side["timer"].seconds.items())},
            "statuses": side["statuses"],
        }
    small, large = result["small"], result["large"]
    result["new_articles"] = n
    result["ratio"] = round(large["ms_per_article"] / small["ms_per_article"], 3)
    result["store_ratio"] = round(large["stage_ms"]["store"] / small["stage_ms"]["store"], 3)
    result["sql_ratio"] = {
        kind: round(large["sql_ms"][kind] / small["sql_ms"][kind], 3)
        for kind in large["sql_ms"]
        if small["sql_ms"].get(kind)
    }
    small_db.dispose()
    large_db.dispose()
    return result


def _checkpoint(engine: Any) -> None:
    """Write the bulk load out now: a checkpoint PostgreSQL or SQLite runs later, in the background, lands in
    the middle of the timing (seen: the SQLite figure 1.15-1.19 alone, 1.29 with PostgreSQL's archives
    written just before it)."""
    raw = engine.raw_connection()  # outside any transaction: neither statement may run inside one
    try:
        if engine.dialect.name == "postgresql":
            raw.driver_connection.autocommit = True  # type: ignore[union-attr]
            raw.cursor().execute("CHECKPOINT")
        else:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def run_growth(
    workdir: Path,
    pool: ParagraphPool,
    sizes: tuple[int, int],
    new_articles: int,
    chunk: int,
    seed: int,
    postgres: bool = True,
    before_timing: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """The growth figures on SQLite and, when reachable, PostgreSQL (private schemas, dropped at the end).

    `before_timing` is called once the archives are written, before anything is timed (to wait for work run
    meanwhile)."""

    new_paths = {
        name: write_new_articles(pool, workdir / f"new-{name}", new_articles + 2, seed + 1, sizes[0], size, seed)
        for name, size in zip(("small", "large"), sizes, strict=True)
    }
    results: dict[str, Any] = {}
    with ExitStack() as stack:
        backends: list[tuple[str, tuple[str, str]]] = [
            ("sqlite", (f"sqlite:///{workdir / 'small.db'}", f"sqlite:///{workdir / 'large.db'}"))
        ]
        if postgres:
            base = postgres_base_url()
            problem = postgres_reachable(base)
            if problem is None:
                urls = (stack.enter_context(postgres_schema(base)), stack.enter_context(postgres_schema(base)))
                backends.append(("postgresql", urls))
            else:
                results["postgresql"] = {"skipped": problem}
                log(f"PostgreSQL skipped: {problem}")
        # Every archive is written in one pass (each article composed once), migrations first.
        databases = [open_database(url) for _backend, urls in backends for url in urls]
        started = time.perf_counter()
        stats = prefill(
            [(db.engine, size) for db, size in zip(databases, sizes * len(backends), strict=True)], pool, seed
        )
        for db in databases:
            _checkpoint(db.engine)
            db.dispose()
        log(f"archives written in {time.perf_counter() - started:.0f} s")
        if before_timing is not None:
            before_timing()
        # Backends timed one after the other, with the machine otherwise quiet.
        for position, (backend, urls) in enumerate(backends):
            results[backend] = run_backend(workdir, backend, urls, sizes, new_paths, chunk)
            results[backend]["prefill"] = [vars(stat) for stat in stats[2 * position : 2 * position + 2]]
            log(
                f"growth {backend}: {results[backend]['ratio']:.3f} per article, "
                f"{results[backend]['store_ratio']:.3f} store stage"
            )
    return results


def main(argv: list[str] | None = None) -> int:
    """The growth section alone: `python -m bench.perf_growth` (the same sizes as `python -m bench`)."""
    import argparse
    import json
    import shutil
    import tempfile

    parser = argparse.ArgumentParser(
        prog="python -m bench.perf_growth",
        description="Growth: ms per new article with a large archive / with a small one, on SQLite and PostgreSQL.",
    )
    parser.add_argument("--sizes", type=int, nargs=2, default=(1_000, 100_000), metavar=("SMALL", "LARGE"))
    parser.add_argument("--new", type=int, default=400, help="new articles ingested into each archive (default 400)")
    parser.add_argument("--chunk", type=int, default=20, help="articles per interleaved chunk (default 20)")
    parser.add_argument("--stories", type=int, default=400, help="stories in the paragraph pool (default 400)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--output", type=Path, help="write the results as JSON here")
    args = parser.parse_args(argv)

    from bench.perf_archive import build_pool
    from worker.pipeline.entities import load_tagger

    seed = 4  # bench/run.py's SEED + 3: the same pool and archives as the full benchmark
    workdir = Path(tempfile.mkdtemp(prefix="newsworker-growth-"))
    try:
        pool = build_pool(args.stories, seed, load_tagger(None))
        results = run_growth(
            workdir, pool, tuple(args.sizes), args.new, args.chunk, seed, postgres=not args.no_postgres
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for backend, figures in results.items():
        if "skipped" in figures:
            print(f"{backend}: skipped ({figures['skipped']})")
            continue
        small, large = figures["small"], figures["large"]
        print(
            f"{backend}: {figures['ratio']:.3f} ({large['ms_per_article']} ms at {args.sizes[1]:,} against "
            f"{small['ms_per_article']} ms at {args.sizes[0]:,}); store stage {figures['store_ratio']:.3f} "
            f"({large['stage_ms'].get('store')} against {small['stage_ms'].get('store')} ms); "
            f"outcomes {large['statuses']} against {small['statuses']}"
        )
        for kind, ratio in sorted(figures["sql_ratio"].items()):
            print(f"  {kind:<22} {large['sql_ms'][kind]:8.3f} against {small['sql_ms'][kind]:8.3f} ms  x{ratio:.2f}")
    if args.output:
        args.output.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
