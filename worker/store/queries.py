"""Read-side queries behind the command line: listings, search, entities, exports."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, union
from sqlalchemy import text as text_sql
from sqlalchemy.orm import Session, selectinload

from worker.pipeline.entities.gazetteer import load_gazetteer
from worker.states import EventKind
from worker.store.events import event_record, events_after, last_sequence
from worker.store.models import (
    Article,
    ArticleEntity,
    Entity,
    EntityAlias,
    Event,
    InputError,
    Rejection,
    Sighting,
    iso_utc,
)
from worker.store.repository import article_record, near_duplicates_of


def _listing(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "site": article.site,
        "published_at": iso_utc(article.published_at),
        "url": article.url,
        "source": article.source,
        "near_duplicate_of": article.near_duplicate_of,
        "ingested_at": iso_utc(article.ingested_at),
    }


def latest_articles(
    session: Session, limit: int, conditions: Sequence[ColumnElement[bool]] = ()
) -> list[dict[str, Any]]:
    """The newest stored articles that meet `conditions` (from `article_conditions`), newest first."""
    newest = select(Article).where(*conditions).order_by(Article.id.desc()).limit(limit)
    return [_listing(a) for a in session.scalars(newest)]


def article_detail(session: Session, article_id: int) -> dict[str, Any] | None:
    article = session.get(Article, article_id, options=[selectinload(Article.sightings)])
    if article is None:
        return None
    record = article_record(session, article)
    record["near_duplicates"] = [a.id for a in near_duplicates_of(session, article_id)]
    record["near_duplicate_similarity"] = article.near_duplicate_similarity
    record["near_duplicate_cluster"] = near_duplicate_cluster(session, article)
    return record


def near_duplicate_cluster(session: Session, article: Article) -> list[int]:
    """The ids of the story's whole cluster, in id order: the first-seen article and every near-duplicate of
    it (this one included). Near-duplicates always point at the first-seen article, so one level is all."""
    root = article.near_duplicate_of or article.id
    variants = session.scalars(select(Article.id).where(Article.near_duplicate_of == root))
    return sorted({root, *variants})


def article_conditions(
    session: Session,
    *,
    feed_id: int | None = None,
    language: str | None = None,
    entity: str | None = None,
    since: datetime | None = None,
    published_after: datetime | None = None,
    published_before: datetime | None = None,
) -> list[ColumnElement[bool]]:
    """WHERE conditions on Article for the filters given: seen in a feed, a language, mentioning an entity under
    any of its names (as `newsworker entities NAME` finds it), ingested at or after a time, published at or after
    a time and before another. An article whose page gave no publication date meets neither published bound."""
    conditions: list[ColumnElement[bool]] = []
    if feed_id is not None:
        conditions.append(Article.id.in_(select(Sighting.article_id).where(Sighting.feed_id == feed_id)))
    if language:
        conditions.append(Article.language == language.strip().lower())
    if entity:
        matching = matching_entity_ids(session, entity)
        conditions.append(
            Article.id.in_(select(ArticleEntity.article_id).where(ArticleEntity.entity_id.in_(select(matching.c[0]))))
        )
    if since is not None:
        conditions.append(Article.ingested_at >= since)
    if published_after is not None:
        conditions.append(Article.published_at >= published_after)
    if published_before is not None:
        conditions.append(Article.published_at < published_before)
    return conditions


class CursorError(ValueError):
    """A change-feed cursor this database never handed out (past its last event: another or a restored database)."""


def _horizon(session: Session, after: int) -> int:
    """The last committed seq, read before the page: every event up to it is committed (events.py keeps commits a
    prefix of the seqs), so a page read next that ends short of `limit` has seen all of them."""
    horizon = last_sequence(session)
    if after > horizon:
        raise CursorError(f"after={after} is past the last event of this database ({horizon})")
    return horizon


def stored_articles_between(
    session: Session, after: int, through: int, limit: int, conditions: Collection[ColumnElement[bool]] = ()
) -> list[tuple[int, Article]]:
    """(seq, article) of up to `limit` articles matching `conditions` whose `article.stored` event has
    after < seq <= through, in seq order: the one query behind `GET /articles` and `export --since`."""
    rows = session.execute(
        select(Event.seq, Article)
        .join(Article, Article.id == Event.article_id)
        .options(selectinload(Article.sightings))
        .where(Event.kind == EventKind.ARTICLE_STORED, Event.seq > after, Event.seq <= through, *conditions)
        .order_by(Event.seq)
        .limit(limit)
    ).all()
    return [(row.seq, row.Article) for row in rows]


def article_page(
    session: Session, after: int, limit: int, conditions: list[ColumnElement[bool]]
) -> tuple[list[dict[str, Any]], int]:
    """The records of up to `limit` articles matching `conditions` whose `article.stored` event comes after the
    cursor `after`, in the order they were stored; and the cursor that continues after them (CursorError for a
    cursor past the last event). Following the cursor visits every stored article once."""
    horizon = _horizon(session, after)
    rows = stored_articles_between(session, after, horizon, limit, conditions)
    next_cursor = rows[-1][0] if len(rows) == limit else horizon
    return [article_record(session, article) for _seq, article in rows], next_cursor


def event_page(
    session: Session, after: int, limit: int, kinds: Collection[str] | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Up to `limit` event records after the cursor, in seq order, and the cursor that continues after them."""
    horizon = _horizon(session, after)
    rows = events_after(session, after, limit=limit, kinds=kinds)
    if len(rows) == limit:
        next_cursor = rows[-1].seq
    else:
        next_cursor = max([horizon, *(row.seq for row in rows)])
    return [event_record(row) for row in rows], next_cursor


def search_articles(session: Session, text: str, limit: int) -> list[dict[str, Any]]:
    """Articles matching every word of the query, best match first (FTS5 on SQLite, tsvector on PostgreSQL)."""
    words = [w.replace('"', "") for w in text.split() if w.replace('"', "")]
    if not words:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        match = " ".join(f'"{w}"' for w in words)  # quoted: the user's words, never FTS5 syntax
        ids = [
            row[0]
            for row in session.execute(
                text_sql("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"),
                {"q": match, "n": limit},
            )
        ]
    elif dialect == "postgresql":
        document = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"
        ids = [
            row[0]
            for row in session.execute(
                text_sql(
                    f"SELECT id FROM articles WHERE {document} @@ plainto_tsquery('simple', :q) "
                    f"ORDER BY ts_rank({document}, plainto_tsquery('simple', :q)) DESC, id DESC LIMIT :n"
                ),
                {"q": " ".join(words), "n": limit},
            )
        ]
    else:
        conditions = [or_(Article.title.ilike(f"%{w}%"), Article.text.ilike(f"%{w}%")) for w in words]
        ids = list(session.scalars(select(Article.id).where(*conditions).order_by(Article.id.desc()).limit(limit)))
    by_id = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(ids)))}
    return [_listing(by_id[i]) for i in ids if i in by_id]


def top_entities(session: Session, entity_type: str | None, limit: int) -> list[dict[str, Any]]:
    statement = (
        select(
            Entity.name,
            Entity.type,
            func.count(ArticleEntity.article_id).label("articles"),
            func.sum(ArticleEntity.count).label("mentions"),
        )
        .join(ArticleEntity, ArticleEntity.entity_id == Entity.id)
        .group_by(Entity.id, Entity.name, Entity.type)
        .order_by(func.count(ArticleEntity.article_id).desc(), func.sum(ArticleEntity.count).desc(), Entity.name)
        .limit(limit)
    )
    if entity_type:
        statement = statement.where(Entity.type == entity_type.upper())
    return [dict(row._mapping) for row in session.execute(statement)]


def matching_entity_ids(session: Session, name: str) -> Any:
    """A subquery of the entities NAME names: its own row, the rows it is an alias of ("US" -> United States,
    "Khamenei" -> Ali Khamenei where an article used both), and the gazetteer's identity for a known spelling."""
    key = name.strip().casefold()[:255]
    keys = [key]
    known = load_gazetteer().lookup(name.strip())
    if known is not None:
        keys.append(known.key.casefold()[:255])
    return union(
        select(Entity.id).where(Entity.key.in_(keys)),
        select(EntityAlias.entity_id).where(EntityAlias.alias_key == key),
    ).subquery()


def articles_mentioning(session: Session, name: str, entity_type: str | None, limit: int) -> list[dict[str, Any]]:
    """Articles that mention the entity under any of its names, most mentions first: indexed lookups by key."""
    matching = matching_entity_ids(session, name)
    statement = (
        select(Article.id, Article.title, Entity.name.label("entity"), Entity.type, ArticleEntity.count)
        .join(ArticleEntity, ArticleEntity.article_id == Article.id)
        .join(Entity, Entity.id == ArticleEntity.entity_id)
        .where(Entity.id.in_(select(matching.c[0])))
        .order_by(ArticleEntity.count.desc(), Article.id.desc())
        .limit(limit)
    )
    if entity_type:
        statement = statement.where(Entity.type == entity_type.upper())
    return [dict(row._mapping) for row in session.execute(statement)]


def rejections(session: Session, limit: int) -> list[dict[str, Any]]:
    rows = session.scalars(select(Rejection).order_by(Rejection.rejected_at.desc(), Rejection.id.desc()).limit(limit))
    return [
        {
            "source": r.source,
            "kind": r.source_kind,
            "reason": r.reason,
            "error_type": r.error_type,
            "size": r.size,
            "times": r.times,
            "moved_to": r.moved_to,
            "rejected_at": iso_utc(r.rejected_at) or "",
        }
        for r in rows
    ]


def input_errors(
    session: Session,
    limit: int | None = None,
    *,
    ids: tuple[int, ...] = (),
    stage: str | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """Inputs that hit an internal error, newest first; narrowed by id, stage or kind (file, entry, url)."""
    query = select(InputError).order_by(InputError.failed_at.desc(), InputError.id.desc())
    if ids:
        query = query.where(InputError.id.in_(ids))
    if stage:
        query = query.where(InputError.stage == stage)
    if kind:
        query = query.where(InputError.kind == kind)
    return [
        {
            "id": e.id,
            "kind": e.kind,
            "source": e.source,
            "stage": e.stage,
            "error_type": e.error_type,
            "message": e.message,
            "version": e.version,
            "times": e.times,
            "entry_id": e.entry_id,
            "moved_to": e.moved_to,
            "task_id": e.task_id,
            "failed_at": iso_utc(e.failed_at) or "",
        }
        for e in session.scalars(query.limit(limit))
    ]


def export_records(session: Session, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every article's exported record, in id order, read in batches to keep memory flat."""
    last_id = 0
    while True:
        page = session.scalars(
            select(Article)
            .options(selectinload(Article.sightings))
            .where(Article.id > last_id)
            .order_by(Article.id)
            .limit(batch)
        ).all()
        if not page:
            return
        for article in page:
            yield article_record(session, article)
        last_id = page[-1].id
        session.expunge_all()


def stored_since_records(session: Session, since: int, through: int, batch: int = 500) -> Iterator[dict[str, Any]]:
    """The exported record of every article whose `article.stored` event has since < seq <= through, in seq order
    (an incremental export: `through` is a seq read first, so everything up to it is committed)."""
    while True:
        page = stored_articles_between(session, since, through, batch)
        if not page:
            return
        for _seq, article in page:
            yield article_record(session, article)
        since = page[-1][0]
        session.expunge_all()
