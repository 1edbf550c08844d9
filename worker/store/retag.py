"""Stored articles tagged again with the current tagger, so that better rules and gazetteer data reach what was
stored before them: each article's language is decided again from its text (a page's wrong <html lang> had
German articles tagged with English rules), and its entity links, `tagger_backend` and `untagged_reason` are
replaced, in one transaction per article, and gazetteer aliases that the gazetteer now gives to another identity are removed
("mexico" stays no alias of Mexico City once it names the country).

Entities left without articles stay in the table (nothing lists them: every listing goes through an article's
links), so a worker storing an article at the same time never links to a row deleted under it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from worker.pipeline.entities import EntityTagger, tag_in_its_language
from worker.pipeline.entities.gazetteer import identities_by_folded_spelling
from worker.pipeline.language import article_language
from worker.store.db import Database
from worker.store.models import Article, ArticleEntity, Entity, EntityAlias
from worker.store.repository import link_entities

log = logging.getLogger(__name__)


@dataclass
class RetagSummary:
    articles: int = 0  # tagged again
    changed: int = 0  # whose entities (or counts) differ from before
    language_changed: int = 0  # whose text is in another language than the one stored (and now filed under it)
    failed: list[int] = field(default_factory=list)  # the tagger raised: their old entities are kept
    stale_aliases_removed: int = 0
    last_id: int = 0  # the highest article id read: `--after` resumes from it

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def retag_articles(
    database: Database,
    tagger: EntityTagger,
    *,
    after_id: int = 0,
    batch: int = 200,
    progress: Callable[[RetagSummary], None] | None = None,
) -> RetagSummary:
    """Tag every article with an id above `after_id` again, in id order, reading `batch` articles at a time."""
    summary = RetagSummary(last_id=after_id)
    while True:
        with database.session() as session:
            rows = session.execute(
                select(Article.id, Article.title, Article.text, Article.language)
                .where(Article.id > summary.last_id)
                .order_by(Article.id)
                .limit(batch)
            ).all()
            if not rows:
                break
            for row in rows:
                _retag_one(session, tagger, row, summary)
                # One article per transaction, its entity rows in sorted order as a worker's: never a deadlock
                # with workers storing articles that name the same entities.
                session.commit()
        summary.last_id = rows[-1].id
        if progress is not None:
            progress(summary)
    with database.session() as session:
        summary.stale_aliases_removed = remove_stale_gazetteer_aliases(session)
        session.commit()
    return summary


def _retag_one(session: Session, tagger: EntityTagger, row, summary: RetagSummary) -> None:  # type: ignore[no-untyped-def]
    try:
        language = article_language(row.language, row.text)
        entities, unread = tag_in_its_language(tagger, row.text, row.title, language)
    except Exception:  # one article's tagger failure is its own outcome, never the run's
        log.exception("article #%d could not be tagged again; its entities are kept", row.id)
        summary.failed.append(row.id)
        return
    links = select(ArticleEntity.entity_id, ArticleEntity.count).where(ArticleEntity.article_id == row.id)
    before = set(session.execute(links).all())
    session.execute(delete(ArticleEntity).where(ArticleEntity.article_id == row.id))
    link_entities(session, row.id, entities)
    session.execute(
        update(Article)
        .where(Article.id == row.id)
        .values(tagger_backend=tagger.backend, untagged_reason=unread, language=language)
    )
    summary.articles += 1
    summary.language_changed += language != row.language
    summary.changed += set(session.execute(links).all()) != before


def remove_stale_gazetteer_aliases(session: Session) -> int:
    """Delete the gazetteer aliases that the gazetteer now gives only to other identities: "mexico" on Mexico
    City's row once "Mexico" is the country. Spellings it does not list (an article's own) are left alone."""
    identities = identities_by_folded_spelling()
    stale: list[int] = []
    rows = session.execute(
        select(EntityAlias.id, EntityAlias.alias_key, Entity.key)
        .join(Entity, Entity.id == EntityAlias.entity_id)
        .where(EntityAlias.source == "gazetteer")
    )
    for alias_id, alias, key in rows:
        named = identities.get(alias)
        if named is not None and key not in named:
            stale.append(alias_id)
    for start in range(0, len(stale), 500):
        session.execute(delete(EntityAlias).where(EntityAlias.id.in_(stale[start : start + 500])))
    return len(stale)
