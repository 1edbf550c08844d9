"""A synthetic archive for the growth and memory benchmarks: realistic article rows, made and written fast.

Ingesting 100,000 articles one by one would take longer than the whole benchmark may, so the archive is written
with bulk inserts (COPY on PostgreSQL, executemany on SQLite) of rows shaped like the ones the worker stores:

- text: 5-10 paragraphs drawn from a pool of paragraphs of stories written by `tests.support.corpus` (so the words,
  names and lengths are those of the benchmark corpus); title and byline from the same stories;
- near-duplicate signature: the slot-wise minimum of the paragraphs' MinHash signatures, made by
  `worker.pipeline.neardup` (the MinHash of a union of shingle sets is the minimum of their MinHashes; the few
  shingles that straddle two paragraphs are left out), and band keys from `neardup.band_keys`;
- entities: those the built-in tagger found in the pool stories, kept for a paragraph when its name appears in
  the paragraph, with the number of times it does;
- content hash: SHA-256 of the text (unique, like the real one; not the normalised form, which costs more);
- one sighting per article;
- ingestion times 30 s apart, the newest a moment before the archive is written, as in an archive that has been
  growing until now (the near-duplicate lookup only reads articles ingested within its window).

Article j is the same bytes whatever the archive size, so a 1,000-article archive is the first 1,000 rows of a
100,000-article one.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, inspect

from tests.support.corpus import write_story
from worker.pipeline.neardup import (
    COMBINE_MULTIPLIER,
    SIGNATURE_DTYPE,
    NearDupSettings,
    _band_seeds,
    _mix64,
    band_keys,
    fingerprint,
)

PARAGRAPHS_PER_ARTICLE = (5, 10)
BRIEF_PARAGRAPHS = (2, 3)  # the memory benchmark's short plain-text articles
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
INGEST_SPACING = timedelta(seconds=30)  # between two archived articles: 2,880 a day


@dataclass
class ParagraphPool:
    """Paragraphs of generated stories with their signatures and entities, to compose articles from."""

    paragraphs: list[str]
    signatures: np.ndarray  # (paragraphs, num_perm) uint32
    entities: list[list[tuple[str, str, int]]]  # per paragraph: (name, type, count)
    titles: list[str]
    authors: list[str]


def build_pool(stories: int, seed: int, tagger: Any, settings: NearDupSettings | None = None) -> ParagraphPool:
    """A pool of paragraphs from `stories` generated stories, tagged once per story with `tagger`."""
    settings = settings or NearDupSettings()
    paragraphs: list[str] = []
    signatures: list[np.ndarray] = []
    entities: list[list[tuple[str, str, int]]] = []
    titles: list[str] = []
    authors: list[str] = []
    for index in range(stories):
        story = write_story(random.Random(f"{seed}:pool:{index}"))
        titles.append(story.title)
        authors.append(story.author)
        found = tagger.tag("\n\n".join(story.paragraphs), title=story.title)
        for paragraph in story.paragraphs:
            paragraphs.append(paragraph)
            signature = fingerprint(paragraph, settings)
            signatures.append(np.frombuffer(signature, dtype=SIGNATURE_DTYPE))
            entities.append(
                [(e.name, e.type, paragraph.count(e.name)) for e in found if e.name and e.name in paragraph]
            )
    return ParagraphPool(paragraphs, np.vstack(signatures), entities, titles, authors)


@dataclass
class ArchiveArticle:
    """One synthetic article, ready to be written as rows."""

    index: int
    title: str
    author: str
    text: str
    content_hash: str
    signature: bytes
    band_keys: np.ndarray  # (bands,) int64, as neardup.band_keys gives them
    entities: dict[tuple[str, str], tuple[str, int]]  # (key, type) -> (name, count)
    published_at: datetime


BLOCK = 1_000  # articles drawn from one random stream: article j is the same whatever the archive size


def compose_articles(
    pool: ParagraphPool,
    start: int,
    count: int,
    seed: int,
    paragraphs: tuple[int, int] = PARAGRAPHS_PER_ARTICLE,
    settings: NearDupSettings | None = None,
) -> list[ArchiveArticle]:
    """Articles start .. start+count-1 of the archive, composed in whole blocks with numpy (fast enough for 10^5)."""
    settings = settings or NearDupSettings()
    articles: list[ArchiveArticle] = []
    first_block, last_block = start // BLOCK, (start + count - 1) // BLOCK
    for block in range(first_block, last_block + 1):
        articles.extend(
            a for a in _compose_block(pool, block, seed, paragraphs, settings) if start <= a.index < start + count
        )
    return articles


def _compose_block(
    pool: ParagraphPool, block: int, seed: int, paragraphs: tuple[int, int], settings: NearDupSettings
) -> list[ArchiveArticle]:
    rng = np.random.default_rng([seed, block, paragraphs[0], paragraphs[1]])
    low, high = paragraphs
    counts = rng.integers(low, high + 1, size=BLOCK)
    chosen = rng.integers(0, len(pool.paragraphs), size=(BLOCK, high))
    stories = rng.integers(0, len(pool.titles), size=BLOCK)
    used = np.arange(high)[None, :] < counts[:, None]
    slots = pool.signatures[chosen]  # (BLOCK, high, num_perm)
    slots[~used] = np.iinfo(np.uint32).max
    signatures = slots.min(axis=1).astype(SIGNATURE_DTYPE)
    keys = _band_keys_of(signatures, settings)
    articles = []
    for row in range(BLOCK):
        index = block * BLOCK + row
        picked = list(dict.fromkeys(int(i) for i in chosen[row, : counts[row]]))  # a repeat draw is dropped
        body = "\n\n".join(pool.paragraphs[i] for i in picked)
        entities: dict[tuple[str, str], tuple[str, int]] = {}
        for i in picked:
            for name, type_, mentions in pool.entities[i]:
                key = (name.casefold()[:255], type_)
                entities[key] = (name[:255], entities.get(key, (name, 0))[1] + mentions)
        signature = signatures[row].tobytes()  # a repeated draw changes nothing: the union is the same
        articles.append(
            ArchiveArticle(
                index=index,
                title=f"{pool.titles[stories[row]]} ({index})",
                author=pool.authors[stories[row]],
                text=body,
                content_hash=hashlib.sha256(body.encode("utf-8")).hexdigest(),
                signature=signature,
                band_keys=keys[row],
                entities=entities,
                published_at=EPOCH - timedelta(minutes=7 * index),
            )
        )
    # The vectorised band keys must be exactly neardup.band_keys: checked on a few rows of every block.
    for row in (0, BLOCK // 2, BLOCK - 1):
        expected = band_keys(articles[row].signature, settings)
        assert articles[row].band_keys.tolist() == expected, "band keys differ from neardup.band_keys"
    return articles


def _band_keys_of(signatures: np.ndarray, settings: NearDupSettings) -> np.ndarray:
    """`neardup.band_keys` for many signatures at once: (n, bands) int64."""
    rows = settings.rows
    band_rows = signatures[:, : settings.bands * rows].reshape(len(signatures), settings.bands, rows).astype(np.uint64)
    keys = np.broadcast_to(_band_seeds(settings.bands), (len(signatures), settings.bands)).copy()
    for row in range(rows):
        keys = (keys ^ band_rows[:, :, row]) * COMBINE_MULTIPLIER
    return _mix64(keys).view(np.int64)


def article_file_text(article: ArchiveArticle) -> str:
    """The article as a plain-text file in the seeds/ layout (title, byline, body)."""
    return f"{article.title}\nBy {article.author}\n\n{article.text}\n"


def write_article_files(
    pool: ParagraphPool, directory: Path, count: int, seed: int, paragraphs: tuple[int, int] = BRIEF_PARAGRAPHS
) -> list[Path]:
    """`count` distinct plain-text articles composed from the pool, written into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in compose_articles(pool, 0, count, seed, paragraphs):
        path = directory / f"brief_{article.index:06d}.txt"
        path.write_text(article_file_text(article), encoding="utf-8")
        paths.append(path)
    return paths


# --- writing the archive --------------------------------------------------------------------------------


@dataclass
class PrefillStats:
    articles: int
    band_rows: int
    entity_rows: int
    link_rows: int
    seconds: float  # composing the rows (shared by all targets) plus writing this target
    phases: dict[str, float]  # seconds per table and per finishing step


TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("id", "name", "key", "type"),
    "articles": (
        "id",
        "content_hash",
        "title",
        "authors",
        "published_at",
        "site",
        "url",
        "language",
        "text",
        "word_count",
        "source",
        "source_kind",
        "extractor",
        "tagger_backend",
        "neardup_signature",
        "ingested_at",
    ),
    "neardup_bands": ("band_key", "article_id"),
    "article_entities": ("article_id", "entity_id", "count"),
    "sightings": ("id", "article_id", "source", "source_kind", "via", "first_seen_at", "last_seen_at"),
}
ARCHIVE_TABLES = tuple(TABLE_COLUMNS)
PREFILL_BATCH = 5 * BLOCK


def prefill(targets: list[tuple[Engine, int]], pool: ParagraphPool, seed: int) -> list[PrefillStats]:
    """Write the first `count` archive articles (ids 1..count) into each engine, composing each article once.

    Loaded as one would load a dump: secondary indexes (and SQLite's full-text triggers, PostgreSQL's full-text
    index) dropped during the load and rebuilt at the end, foreign-key checks off for the load, band keys written
    in key order. The tables end up as the migrations made them, statistics gathered on PostgreSQL.
    """
    started = time.perf_counter()
    now = datetime.now(UTC)
    writers = [
        (_PostgresWriter(engine) if engine.dialect.name == "postgresql" else _SqliteWriter(engine), count)
        for engine, count in targets
    ]
    entity_ids: dict[tuple[str, str], int] = {}
    largest = max(count for _engine, count in targets)
    band_keys_parts: list[np.ndarray] = []
    band_ids_parts: list[np.ndarray] = []
    counts = [{"entities": 0, "article_entities": 0} for _ in writers]
    for writer, _count in writers:
        writer.open()
    for start in range(0, largest, PREFILL_BATCH):
        articles = compose_articles(pool, start, min(PREFILL_BATCH, largest - start), seed)
        rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in ARCHIVE_TABLES}
        first_row = {table: [] for table in ARCHIVE_TABLES}  # per article, where its rows start
        for article in articles:
            for table in ARCHIVE_TABLES:
                first_row[table].append(len(rows[table]))
            _append_rows(article, entity_ids, rows)
        band_keys_parts.append(np.stack([article.band_keys for article in articles]))
        band_ids_parts.append(np.array([article.index + 1 for article in articles], dtype=np.int64))
        for position, (writer, count) in enumerate(writers):
            if start >= count:
                continue
            cut = count - start  # articles of this batch that belong in this target
            mine = {
                table: rows[table] if cut >= len(articles) else rows[table][: first_row[table][cut]]
                for table in ARCHIVE_TABLES
                if table != "neardup_bands"
            }
            writer.write(_ending_now(mine, count, now))
            counts[position]["entities"] += len(mine["entities"])
            counts[position]["article_entities"] += len(mine["article_entities"])
    all_keys = np.concatenate(band_keys_parts)  # (articles, bands)
    all_ids = np.repeat(np.concatenate(band_ids_parts), all_keys.shape[1])
    all_keys = all_keys.reshape(-1)
    order = np.lexsort((all_ids, all_keys))
    all_keys, all_ids = all_keys[order], all_ids[order]
    keep = np.ones(len(all_keys), dtype=bool)  # an article whose two bands share a key has one row for it
    keep[1:] = (all_keys[1:] != all_keys[:-1]) | (all_ids[1:] != all_ids[:-1])
    all_keys, all_ids = all_keys[keep], all_ids[keep]
    composing = time.perf_counter() - started - sum(writer.busy for writer, _count in writers)

    def finish(writer: _Writer, count: int) -> None:
        mine = all_ids <= count
        try:
            writer.write_bands(all_keys[mine], all_ids[mine])
            writer.finish()
        except Exception as error:  # raised again below, from the main thread
            writer.error = error

    # PostgreSQL builds its indexes in its own server process: let it do so while SQLite builds its own here
    # (a sqlite3 connection stays in the thread that opened it).
    threads = [
        threading.Thread(target=finish, args=(writer, count), name=f"prefill-{position}")
        for position, (writer, count) in enumerate(writers)
        if isinstance(writer, _PostgresWriter)
    ]
    for thread in threads:
        thread.start()
    for writer, count in writers:
        if not isinstance(writer, _PostgresWriter):
            finish(writer, count)
    for thread in threads:
        thread.join()
    failed = [writer.error for writer, _count in writers if writer.error is not None]
    if failed:
        raise failed[0]
    stats = []
    for position, (writer, count) in enumerate(writers):
        stats.append(
            PrefillStats(
                articles=count,
                band_rows=int((all_ids <= count).sum()),
                entity_rows=counts[position]["entities"],
                link_rows=counts[position]["article_entities"],
                seconds=round(composing + writer.busy, 3),
                phases={name: round(value, 3) for name, value in writer.phases.items()},
            )
        )
    return stats


def _ending_now(rows: dict[str, list[tuple[Any, ...]]], count: int, now: datetime) -> dict[str, list[tuple[Any, ...]]]:
    """The rows with their ingestion times moved so that the last of `count` articles was ingested at `now`."""
    shift = now - (EPOCH + INGEST_SPACING * (count - 1))
    at = TABLE_COLUMNS["articles"].index("ingested_at")
    return {
        **rows,
        "articles": [(*row[:at], row[at] + shift, *row[at + 1 :]) for row in rows["articles"]],
        "sightings": [(*row[:5], row[5] + shift, row[6] + shift) for row in rows["sightings"]],
    }


def _append_rows(
    article: ArchiveArticle, entity_ids: dict[tuple[str, str], int], rows: dict[str, list[tuple[Any, ...]]]
) -> None:
    """Append the rows of one article (bands apart); an entity's row goes with the first article naming it."""
    article_id = article.index + 1
    ingested = EPOCH + INGEST_SPACING * article.index  # moved to end now by _ending_now, per archive
    source = f"/archive/inbox/{article.index:07d}.txt"
    rows["articles"].append(
        (
            article_id,
            article.content_hash,
            article.title,
            json.dumps([article.author]),
            article.published_at,
            "harborcourier.com",
            f"https://harborcourier.com/news/{article.index}",
            "en",
            article.text,
            len(article.text.split()),
            source,
            "file",
            "text-headers",
            "builtin-1",
            article.signature,
            ingested,
        )
    )
    links = []
    for (key, type_), (name, count) in article.entities.items():
        entity_id = entity_ids.get((key, type_))
        if entity_id is None:
            entity_id = entity_ids[(key, type_)] = len(entity_ids) + 1
            rows["entities"].append((entity_id, name, key, type_))
        links.append((article_id, entity_id, max(1, count)))
    rows["article_entities"].extend(sorted(links))
    rows["sightings"].append((article_id, article_id, source, "file", "", ingested, ingested))


def _table_columns(engine: Engine) -> dict[str, set[str]]:
    """The columns each archive table has in this database (the migrations decide, not the models)."""
    inspector = inspect(engine)
    return {table: {column["name"] for column in inspector.get_columns(table)} for table in ARCHIVE_TABLES}


class _Writer:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.phases: dict[str, float] = {}  # seconds per table and per finishing step
        self.busy = 0.0
        self.error: Exception | None = None

    def _columns_of(self, table: str) -> tuple[list[str], list[int]]:
        """The columns of our rows that this database's table has, and their positions in the row tuples."""
        wanted = [(i, name) for i, name in enumerate(TABLE_COLUMNS[table]) if name in self.columns[table]]
        return [name for _i, name in wanted], [i for i, _name in wanted]

    def _timed(self, phase: str, began: float) -> None:
        elapsed = time.perf_counter() - began
        self.phases[phase] = self.phases.get(phase, 0.0) + elapsed
        self.busy += elapsed


class _SqliteWriter(_Writer):
    """executemany on the raw sqlite3 connection, in one transaction."""

    def open(self) -> None:
        began = time.perf_counter()
        self.columns = _table_columns(self.engine)
        self.connection = self.engine.raw_connection()
        self.cursor = self.connection.cursor()
        self.cursor.execute("PRAGMA cache_size = -500000")  # 500 MB for this connection: the load is in memory
        self.cursor.execute("PRAGMA foreign_keys = OFF")  # the rows are consistent by construction, as in a dump
        tables = ", ".join(f"'{t}'" for t in ARCHIVE_TABLES)
        self.deferred = [
            (kind, name, sql)
            for kind, name, sql in self.cursor.execute(
                f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({tables}) "
                "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
            ).fetchall()
            if kind == "index" or name.startswith("articles_fts")
        ]
        self.cursor.execute("BEGIN IMMEDIATE")
        for kind, name, _sql in self.deferred:
            self.cursor.execute(f"DROP {kind.upper()} {name}")
        self._timed("open", began)

    def write(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        for table, table_rows in rows.items():
            if not table_rows:
                continue
            began = time.perf_counter()
            names, positions = self._columns_of(table)
            values = [tuple(_sqlite_value(row[i]) for i in positions) for row in table_rows]
            self.cursor.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})", values
            )
            self._timed(table, began)

    def write_bands(self, keys: np.ndarray, article_ids: np.ndarray) -> None:
        began = time.perf_counter()
        for start in range(0, len(keys), 1_000_000):
            self.cursor.executemany(
                "INSERT INTO neardup_bands (band_key, article_id) VALUES (?, ?)",
                zip(
                    keys[start : start + 1_000_000].tolist(),
                    article_ids[start : start + 1_000_000].tolist(),
                    strict=True,
                ),
            )
        self._timed("neardup_bands", began)

    def finish(self) -> None:
        began = time.perf_counter()
        for _kind, _name, sql in self.deferred:
            self.cursor.execute(sql)
        self._timed("indexes", began)
        began = time.perf_counter()
        if any(name.startswith("articles_fts") for _kind, name, _sql in self.deferred):
            self.cursor.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        self._timed("fulltext", began)
        began = time.perf_counter()
        self.cursor.execute("COMMIT")
        self.cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.cursor.execute("PRAGMA foreign_keys = ON")
        self.cursor.close()
        self.connection.close()
        self._timed("commit", began)


def _sqlite_value(value: Any) -> Any:
    # SQLAlchemy's SQLite DateTime stores naive ISO text; the worker stores UTC.
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    return value


class _PostgresWriter(_Writer):
    """COPY ... FREEZE into each table in one transaction (the tables are truncated first, so COPY may freeze)."""

    def open(self) -> None:
        began = time.perf_counter()
        self.columns = _table_columns(self.engine)
        self.connection = self.engine.raw_connection()
        self.cursor = self.connection.cursor()
        self.cursor.execute("SET maintenance_work_mem = '256MB'")
        # Foreign-key triggers off for the load, as pg_restore --disable-triggers does: the rows are consistent.
        self.cursor.execute("SET session_replication_role = replica")
        tables = ", ".join(f"'{t}'" for t in ARCHIVE_TABLES)
        # Indexes that back no constraint (primary keys and unique constraints stay: ON CONFLICT needs them).
        self.cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND i.tablename IN (" + tables + ") "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
        )
        self.deferred = self.cursor.fetchall()
        for name, _definition in self.deferred:
            self.cursor.execute(f'DROP INDEX "{name}"')
        self.cursor.execute(f"TRUNCATE {', '.join(ARCHIVE_TABLES)} CASCADE")
        self._timed("open", began)

    def write(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        for table, table_rows in rows.items():
            if not table_rows:
                continue
            began = time.perf_counter()
            names, positions = self._columns_of(table)
            with self.cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN WITH (FREEZE)") as copy:
                for row in table_rows:
                    copy.write_row(tuple(row[i] for i in positions))
            self._timed(table, began)

    def write_bands(self, keys: np.ndarray, article_ids: np.ndarray) -> None:
        began = time.perf_counter()
        with self.cursor.copy("COPY neardup_bands (band_key, article_id) FROM STDIN WITH (FREEZE)") as copy:
            for start in range(0, len(keys), 500_000):
                lines = map(
                    "{}\t{}\n".format,
                    keys[start : start + 500_000].tolist(),
                    article_ids[start : start + 500_000].tolist(),
                )
                copy.write("".join(lines))
        self._timed("neardup_bands", began)

    def finish(self) -> None:
        for name, definition in self.deferred:
            began = time.perf_counter()
            self.cursor.execute(definition)
            self._timed("fulltext" if name == "ix_articles_fulltext" else "indexes", began)
        began = time.perf_counter()
        for table in ("articles", "entities", "sightings"):
            self.cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 1) FROM {table}))"
            )
        self.cursor.execute("SET session_replication_role = DEFAULT")
        self.connection.commit()
        # What autovacuum would do to a table this size, done now so that it does not start during the timing.
        self._timed("commit", began)
        began = time.perf_counter()
        self.connection.dbapi_connection.autocommit = True
        self.cursor.execute(f"VACUUM {', '.join(ARCHIVE_TABLES)}")  # quick: COPY FREEZE left nothing to do
        # ANALYZE of the whole articles table would also evaluate the full-text expression index on a 30,000-row
        # sample (as costly as building it); ingestion never plans on it, so only its columns are analysed.
        self.cursor.execute("ANALYZE articles (id, content_hash, url, near_duplicate_of, ingested_at)")
        self.cursor.execute("ANALYZE neardup_bands, entities, article_entities, sightings")
        self.connection.dbapi_connection.autocommit = False
        self.cursor.close()
        self.connection.close()
        self._timed("vacuum_analyze", began)
