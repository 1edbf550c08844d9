"""Writing and reading articles. Identity is settled by database constraints, not by checks that race."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, bindparam, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from worker.pipeline.document import ProcessedDocument, SourceInfo
from worker.pipeline.entities import EntityCount
from worker.pipeline.entities.gazetteer import canonical_name, gazetteer_spellings, load_gazetteer
from worker.pipeline.neardup import CandidateBounds, best_match
from worker.states import EventKind, Outcome
from worker.store.events import record_event
from worker.store.models import (
    Article,
    ArticleEntity,
    Entity,
    EntityAlias,
    InputError,
    NearDupBand,
    Rejection,
    Sighting,
    aware,
    iso_utc,
    utcnow,
)
from worker.store.values import clean_text, fit, key_form

DEFAULT_BOUNDS = CandidateBounds()


@dataclass(frozen=True)
class StoreOutcome:
    status: Outcome  # stored, duplicate or near-duplicate
    article_id: int
    content_hash: str
    near_duplicate_of: int | None = None
    similarity: float | None = None


def insert_for(session: Session, table: Any) -> Any:
    """An INSERT for the session's dialect that supports ON CONFLICT (SQLite and PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


# Built once per dialect and run with parameters on the session's connection (the same transaction): building
# these upserts, and running them through the ORM layer, cost several times what the database spent on them
# (docs/performance.md).
@lru_cache(maxsize=4)
def _article_insert(dialect: str) -> Any:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(Article).on_conflict_do_nothing(index_elements=["content_hash"]).returning(Article.id)


@lru_cache(maxsize=4)
def _sighting_upsert(dialect: str) -> Any:
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Sighting)
    # first_seen_at comes back as the value given only when the row is new (an update keeps the old one).
    return statement.on_conflict_do_update(
        index_elements=["article_id", "source", "via"], set_={"last_seen_at": statement.excluded.last_seen_at}
    ).returning(Sighting.first_seen_at)


def store_article(
    session: Session,
    processed: ProcessedDocument,
    source: SourceInfo,
    neardup_threshold: float,
    bounds: CandidateBounds = DEFAULT_BOUNDS,
    *,
    task_id: str | None = None,
) -> StoreOutcome:
    """Store the document once, or record one more sighting of the article that has its content hash.

    Runs in the caller's transaction; the caller commits. Queues the change feed's events: `article.stored` for a
    new article (and `article.near-duplicate` when it repeats a story), `article.seen-again` for a new sighting.
    """
    existing_id = session.scalar(select(Article.id).where(Article.content_hash == processed.content_hash))
    if existing_id is not None:
        _record_duplicate(session, existing_id, processed, source, task_id)
        return StoreOutcome(Outcome.DUPLICATE, existing_id, processed.content_hash)

    near_id, similarity = find_near_duplicate(session, processed, neardup_threshold, bounds)
    document = processed.document
    inserted_id = session.connection().scalar(
        _article_insert(session.get_bind().dialect.name),
        dict(
            content_hash=processed.content_hash,
            title=clean_text(document.title),
            authors=[clean_text(author) for author in document.authors],
            credit=fit(document.credit, 128),
            published_at=document.published_at,
            site=fit(document.site, 255),
            url=key_form(document.url),
            language=fit(document.language, 16),
            text=clean_text(document.text),
            word_count=processed.word_count,
            source=key_form(source.source),
            source_kind=source.kind,
            extractor=fit(document.extractor, 32),
            tagger_backend=fit(processed.tagger_backend, 128),
            untagged_reason=processed.untagged_reason,
            near_duplicate_of=near_id,
            near_duplicate_similarity=similarity,
            neardup_signature=processed.neardup_signature,
            ingested_at=utcnow(),
        ),
    )
    if inserted_id is None:
        # Another worker stored the same content between our check and our insert.
        winner_id = session.scalar(select(Article.id).where(Article.content_hash == processed.content_hash))
        assert winner_id is not None
        _record_duplicate(session, winner_id, processed, source, task_id)
        return StoreOutcome(Outcome.DUPLICATE, winner_id, processed.content_hash)

    if processed.neardup_band_keys:
        # executemany with a list of rows, not .values([...]): a multi-row VALUES is compiled afresh for every
        # article (SQLAlchemy cannot cache it), which cost more than the whole store stage (docs/performance.md).
        session.connection().execute(
            insert_for(session, NearDupBand).on_conflict_do_nothing(),
            [{"band_key": key, "article_id": inserted_id} for key in sorted(set(processed.neardup_band_keys))],
        )
    link_entities(session, inserted_id, processed.entities)
    record_sighting(session, inserted_id, source)
    session.connection().execute(delete(Rejection).where(Rejection.source == key_form(source.source)))
    status = Outcome.NEAR_DUPLICATE if near_id is not None else Outcome.STORED
    where = _event_place(source, task_id)
    title, url = clean_text(document.title), key_form(document.url)
    record_event(
        session,
        EventKind.ARTICLE_STORED,
        article_id=inserted_id,
        **where,
        payload={"title": title, "url": url, "near_duplicate_of": near_id},
    )
    if near_id is not None:
        record_event(
            session,
            EventKind.ARTICLE_NEAR_DUPLICATE,
            article_id=inserted_id,
            **where,
            payload={"title": title, "url": url, "duplicate_of": near_id, "similarity": similarity},
        )
    return StoreOutcome(status, inserted_id, processed.content_hash, near_id, similarity)


def _event_place(source: SourceInfo, task_id: str | None) -> dict[str, Any]:
    """An event's feed, source and task, as the sighting records them."""
    return {"feed_id": source.feed_id, "source": key_form(source.source), "task_id": task_id}


def _record_duplicate(
    session: Session, article_id: int, processed: ProcessedDocument, source: SourceInfo, task_id: str | None
) -> None:
    """One more sighting of a stored article; only a new one (a source not seen before) is an event."""
    if record_sighting(session, article_id, source):
        record_event(
            session,
            EventKind.ARTICLE_SEEN_AGAIN,
            article_id=article_id,
            **_event_place(source, task_id),
            payload={"title": clean_text(processed.document.title), "via": key_form(source.via) or None},
        )


def find_near_duplicate(
    session: Session,
    processed: ProcessedDocument,
    threshold: float,
    bounds: CandidateBounds = DEFAULT_BOUNDS,
) -> tuple[int | None, float | None]:
    """The first-seen article whose fingerprint is within the threshold, found through LSH band keys among the
    candidates `bounds` allows (recent articles, the first-seen few per key)."""
    if not processed.neardup_band_keys:
        return None, None
    rows = near_duplicate_candidates(session, processed.neardup_band_keys, bounds)
    if not rows:
        return None, None
    match = best_match(processed.neardup_signature, [(row.id, row.neardup_signature) for row in rows], threshold)
    if match is None:
        return None, None
    from worker.pipeline.neardup import similarity as estimated_similarity

    by_id = {row.id: row for row in rows}
    # Point at the story's first-seen article, not at another variant of it.
    root = by_id[match].near_duplicate_of or match
    return root, round(estimated_similarity(processed.neardup_signature, by_id[match].neardup_signature), 4)


def near_duplicate_candidates(
    session: Session, band_keys: Sequence[int], bounds: CandidateBounds = DEFAULT_BOUNDS
) -> Sequence[Any]:
    """(id, neardup_signature, near_duplicate_of) of the articles a lookup with these band keys compares, in id
    order: `neardup.bounded_candidates` over the band table, the window's floor being the first article
    ingested within `bounds.window_seconds`."""
    keys = sorted(set(band_keys))
    if not keys:
        return []
    dialect = session.get_bind().dialect.name
    parameters: dict[str, Any] = {"per_key": bounds.per_key, "limit": bounds.limit}
    if dialect == "postgresql":
        parameters["keys"] = keys
        statement = _candidate_query(dialect, 0, bounds.window_seconds is not None)
    else:
        parameters.update((f"key_{i}", key) for i, key in enumerate(keys))
        statement = _candidate_query(dialect, len(keys), bounds.window_seconds is not None)
    if bounds.window_seconds is not None:
        parameters["since"] = utcnow() - timedelta(seconds=bounds.window_seconds)
    return session.connection().execute(statement, parameters).all()


WINDOW_FLOOR = "(SELECT id FROM articles WHERE ingested_at >= :since ORDER BY ingested_at LIMIT 1)"


@lru_cache(maxsize=128)
def _candidate_query(dialect: str, keys: int, windowed: bool) -> Any:
    """The bounded candidate lookup for `keys` band keys: `neardup.bounded_candidates` in SQL, one statement.

    Per key, an index range scan of the (band_key, article_id) primary key that stops after `per_key` rows at or
    above the window's first article id, so a lookup reads at most keys x per_key index entries however large the
    archive and however common a key. The window's first id comes from the ingested_at index: ids are assigned
    in ingestion order (to within a transaction's length), so "ingested since" is "id at or above it".
    PostgreSQL runs one LATERAL subquery per key of an array; SQLite, which has no LATERAL, one UNION ALL arm per
    key (measured: each the faster of the two on its database, docs/performance.md).
    """
    floor = f" AND article_id >= {WINDOW_FLOOR}" if windowed else ""
    if dialect == "postgresql":
        candidates = (
            "SELECT key_rows.article_id FROM unnest(CAST(:keys AS BIGINT[])) AS band(key) CROSS JOIN LATERAL "
            f"(SELECT article_id FROM neardup_bands WHERE band_key = band.key{floor} "
            "ORDER BY article_id LIMIT :per_key) AS key_rows"
        )
        binds = []
    else:
        candidates = " UNION ALL ".join(
            f"SELECT article_id FROM (SELECT article_id FROM neardup_bands WHERE band_key = :key_{i}{floor} "
            f"ORDER BY article_id LIMIT :per_key) AS key_{i}"
            for i in range(keys)
        )
        binds = [bindparam(f"key_{i}", type_=BigInteger()) for i in range(keys)]
    statement = text(
        "SELECT id, neardup_signature, near_duplicate_of FROM articles "
        f"WHERE id IN ({candidates}) ORDER BY id LIMIT :limit"
    )
    if windowed:
        binds.append(bindparam("since", type_=Article.__table__.c.ingested_at.type))
    return statement.bindparams(*binds).columns(Article.id, Article.neardup_signature, Article.near_duplicate_of)


def link_entities(session: Session, article_id: int, entities: Sequence[EntityCount]) -> None:
    """Upsert the shared entity rows and link them to the article with their counts.

    An entity the gazetteer knows is found by its identity, whatever spelling the article used; a new one gets
    the gazetteer's spellings as aliases. The article's own short forms ("Khamenei" beside "Ali Khamenei")
    become aliases of the entity they were linked to in this article.
    """
    counts: dict[tuple[str, str], tuple[str, int]] = {}
    known_keys: dict[tuple[str, str], str] = {}
    aliases: set[tuple[str, tuple[str, str]]] = set()
    for entity in entities:
        entity_name = clean_text(entity.name)
        known_key = entity.known_key or _gazetteer_identity(entity_name, entity.type)
        key = ((known_key or entity_name).casefold()[:255], entity.type)
        # One name per identity, not the first article's spelling: "United States" for "U.S.", "Austria" for
        # "Österreich".
        canonical = (canonical_name(known_key) if known_key else None) or entity_name
        name, count = counts.get(key, (canonical[:255], 0))
        counts[key] = (name, count + entity.count)
        if known_key:
            known_keys[key] = known_key
        aliases.update((clean_text(alias).casefold()[:255], key) for alias in entity.aliases)
        if known_key:
            aliases.add((entity_name.casefold()[:255], key))
            aliases.add((canonical.casefold()[:255], key))
    if not counts:
        return
    # Sorted so concurrent PostgreSQL transactions take row locks in the same order (no deadlock).
    ordered = sorted(counts.items())
    # Lists of rows (executemany) rather than multi-row .values(): cached statements, see store_article.
    created = session.connection().execute(
        _entity_insert(session.get_bind().dialect.name),
        [{"name": name, "key": key, "type": type_} for (key, type_), (name, _count) in ordered],
    )
    new_known = [(row.key, row.type) for row in created if (row.key, row.type) in known_keys]
    ids = {
        (row.key, row.type): row.id
        for row in session.execute(
            select(Entity.id, Entity.key, Entity.type).where(Entity.key.in_([key for (key, _t), _v in ordered]))
        )
    }
    session.connection().execute(
        insert_for(session, ArticleEntity).on_conflict_do_nothing(),
        [
            {"article_id": article_id, "entity_id": ids[key_type], "count": count}
            for key_type, (_name, count) in ordered
        ],
    )
    alias_rows = {
        (spelling.casefold()[:255], ids[key_type]): "gazetteer"
        for key_type in new_known
        for spelling in gazetteer_spellings(known_keys[key_type])
    }
    for alias, key_type in aliases:
        if alias != key_type[0]:
            alias_rows.setdefault((alias, ids[key_type]), "gazetteer" if key_type in known_keys else "article")
    if alias_rows:
        session.connection().execute(
            insert_for(session, EntityAlias).on_conflict_do_nothing(),
            [
                {"alias_key": alias, "entity_id": entity_id, "source": source}
                for (alias, entity_id), source in sorted(alias_rows.items())
            ],
        )


def _gazetteer_identity(name: str, kind: str) -> str | None:
    """The gazetteer's identity for a name a backend did not key (spaCy's "U.S."), when the types agree."""
    known = load_gazetteer().lookup(name)
    return known.key if known is not None and known.type == kind else None


@lru_cache(maxsize=4)
def _entity_insert(dialect: str) -> Any:
    """Insert entity rows, skipping existing ones; returns the rows it created (their aliases are added once)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(Entity).on_conflict_do_nothing(index_elements=["key", "type"]).returning(Entity.key, Entity.type)


def record_sighting(session: Session, article_id: int, source: SourceInfo) -> bool:
    """Note that the source brought the article; seeing the same source again only updates last_seen_at.
    Returns whether the sighting is new."""
    now = utcnow()
    first_seen_at = session.connection().scalar(
        _sighting_upsert(session.get_bind().dialect.name),
        dict(
            article_id=article_id,
            source=key_form(source.source),
            source_kind=source.kind,
            via=key_form(source.via),
            feed_id=source.feed_id,
            first_seen_at=now,
            last_seen_at=now,
        ),
    )
    return aware(first_seen_at) == now


def record_rejection(
    session: Session,
    source: str,
    source_kind: str,
    reason: str,
    error_type: str,
    *,
    size: int | None = None,
    task_id: str | None = None,
    moved_to: str | None = None,
) -> None:
    """Record why an input was rejected; a source rejected again keeps one row with a count (and one more
    `input.rejected` event)."""
    now = utcnow()
    statement = insert_for(session, Rejection).values(
        source=key_form(source),
        source_kind=source_kind,
        reason=clean_text(reason),
        error_type=fit(error_type, 64),
        size=size,
        task_id=task_id,
        moved_to=moved_to,
        rejected_at=now,
        times=1,
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["source"],
            set_={
                "reason": statement.excluded.reason,
                "error_type": statement.excluded.error_type,
                "size": statement.excluded.size,
                "task_id": statement.excluded.task_id,
                "moved_to": statement.excluded.moved_to,
                "rejected_at": statement.excluded.rejected_at,
                "times": Rejection.times + 1,
            },
        )
    )
    record_event(
        session,
        EventKind.INPUT_REJECTED,
        source=key_form(source),
        task_id=task_id,
        payload={"kind": source_kind, "reason": clean_text(reason), "error_type": error_type},
    )


def record_input_error(
    session: Session,
    source: str,
    kind: str,
    failure: Any,
    *,
    task_id: str | None = None,
    moved_to: str | None = None,
    entry_id: int | None = None,
) -> None:
    """Record the internal error of one input (an `ingest.InputFailure`); a source failing again keeps one row (and
    one more `input.error` event)."""
    now = utcnow()
    statement = insert_for(session, InputError).values(
        source=key_form(source),
        kind=kind,
        stage=fit(failure.stage, 32),
        error_type=fit(failure.error_type, 128),
        message=clean_text(failure.message),
        version=fit(failure.version, 64),
        traceback=clean_text(failure.traceback),
        entry_id=entry_id,
        moved_to=moved_to,
        task_id=task_id,
        times=1,
        failed_at=now,
    )
    changed = ("stage", "error_type", "message", "version", "traceback", "entry_id", "moved_to", "task_id", "failed_at")
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["source"],
            set_={**{name: statement.excluded[name] for name in changed}, "times": InputError.times + 1},
        )
    )
    record_event(
        session,
        EventKind.INPUT_ERROR,
        source=key_form(source),
        task_id=task_id,
        payload={
            "kind": kind,
            "stage": failure.stage,
            "error_type": failure.error_type,
            "reason": clean_text(failure.message),
        },
    )


def clear_input_error(session: Session, source: str) -> None:
    """Forget the internal error of an input that has now been stored or rejected."""
    session.execute(delete(InputError).where(InputError.source == key_form(source)))


def article_entities(session: Session, article_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Entity.name, Entity.type, ArticleEntity.count)
        .join(ArticleEntity, ArticleEntity.entity_id == Entity.id)
        .where(ArticleEntity.article_id == article_id)
        .order_by(ArticleEntity.count.desc(), Entity.name)
    )
    return [{"name": r.name, "type": r.type, "count": r.count} for r in rows]


def article_record(session: Session, article: Article) -> dict[str, Any]:
    """The exported record of an article (schemas/article.schema.json)."""
    return {
        "id": article.id,
        "content_hash": article.content_hash,
        "title": article.title,
        "authors": list(article.authors or []),
        "credit": article.credit,
        "published_at": iso_utc(article.published_at),
        "site": article.site,
        "source": article.source,
        "url": article.url,
        "language": article.language,
        "text": article.text,
        "word_count": article.word_count,
        "entities": article_entities(session, article.id),
        "tagger_backend": article.tagger_backend,
        "untagged_reason": article.untagged_reason,
        "near_duplicate_of": article.near_duplicate_of,
        "sightings": [
            {
                "source": s.source,
                "kind": s.source_kind,
                "first_seen_at": iso_utc(s.first_seen_at),
                **({"via": s.via, "feed_id": s.feed_id} if s.via else {}),  # the feed that carried it
            }
            for s in article.sightings
        ],
        "ingested_at": iso_utc(article.ingested_at),
    }


def near_duplicates_of(session: Session, article_id: int) -> Sequence[Article]:
    return session.scalars(select(Article).where(Article.near_duplicate_of == article_id).order_by(Article.id)).all()
