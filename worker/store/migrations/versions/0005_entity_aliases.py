"""entity aliases: one row per real-world thing; articles.untagged_reason

Entities the gazetteer knows are keyed by its identity ("country:us") instead of the spelling an article used,
so "U.S.", "US" and "United States" rows are merged here: article links move to the surviving row (counts added
when one article linked two of them), and every spelling becomes an alias. Short forms that articles used
("Khamenei") were never stored, so only new articles add those.

Revision ID: 0005
Revises: 0004
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("untagged_reason", sa.Text(), nullable=True))
    op.create_table(
        "entity_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alias_key", sa.String(length=255), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("alias_key", "entity_id", name="uq_entity_alias"),
    )
    op.create_index("ix_entity_aliases_entity_id", "entity_aliases", ["entity_id"])
    merge_known_entities(op.get_bind())


def merge_known_entities(connection: sa.Connection) -> None:
    """Re-key the entities the gazetteer knows, merging the rows that name one thing."""
    from worker.pipeline.entities import lexicon
    from worker.pipeline.entities.gazetteer import gazetteer_spellings, load_gazetteer

    gazetteer = load_gazetteer()
    rows = connection.execute(sa.text("SELECT id, name, key, type FROM entities ORDER BY id")).all()
    groups: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for entity_id, name, _key, kind in rows:
        known = gazetteer.lookup(name)
        if known is not None and known.type == kind:
            groups[(known.key, kind)].append((entity_id, name))
    for (known_key, kind), members in groups.items():
        new_key = known_key.casefold()[:255]
        # A row already keyed this way (written by a newer release) survives; else the oldest.
        existing = connection.execute(
            sa.text("SELECT id FROM entities WHERE key = :key AND type = :type"), {"key": new_key, "type": kind}
        ).scalar()
        survivor = existing if existing is not None else members[0][0]
        name = lexicon.CANONICAL_NAMES.get(known_key) or members[0][1]
        for entity_id, _name in members:
            if entity_id == survivor:
                continue
            _move_links(connection, entity_id, survivor)
            connection.execute(sa.text("DELETE FROM entities WHERE id = :id"), {"id": entity_id})
        connection.execute(
            sa.text("UPDATE entities SET key = :key, name = :name WHERE id = :id"),
            {"key": new_key, "name": name[:255], "id": survivor},
        )
        spellings = {s.casefold()[:255] for s in gazetteer_spellings(known_key)} | {
            n.casefold()[:255] for _id, n in members
        }
        for alias in sorted(spellings):
            connection.execute(
                sa.text(
                    "INSERT INTO entity_aliases (alias_key, entity_id, source) VALUES (:alias, :id, 'gazetteer')"
                ),
                {"alias": alias, "id": survivor},
            )


def _move_links(connection: sa.Connection, old_id: int, new_id: int) -> None:
    """Article links of old_id go to new_id; an article linked to both keeps one link with both counts."""
    connection.execute(
        sa.text(
            "UPDATE article_entities SET count = count + (SELECT o.count FROM article_entities o"
            " WHERE o.entity_id = :old AND o.article_id = article_entities.article_id)"
            " WHERE entity_id = :new AND article_id IN (SELECT article_id FROM article_entities WHERE entity_id = :old)"
        ),
        {"old": old_id, "new": new_id},
    )
    connection.execute(
        sa.text(
            "DELETE FROM article_entities WHERE entity_id = :old"
            " AND article_id IN (SELECT article_id FROM article_entities WHERE entity_id = :new)"
        ),
        {"old": old_id, "new": new_id},
    )
    connection.execute(
        sa.text("UPDATE article_entities SET entity_id = :new WHERE entity_id = :old"), {"old": old_id, "new": new_id}
    )


def downgrade() -> None:
    # Merged rows stay merged (their separate counts are gone); keys go back to the case-folded name.
    connection = op.get_bind()
    connection.execute(sa.text("UPDATE entities SET key = lower(name) WHERE key LIKE '%:%'"))
    op.drop_index("ix_entity_aliases_entity_id", table_name="entity_aliases")
    op.drop_table("entity_aliases")
    # Plain ALTER (SQLite 3.35+ has DROP COLUMN): a batch rebuild of `articles` would cascade-delete its rows'
    # sightings on SQLite.
    op.execute("ALTER TABLE articles DROP COLUMN untagged_reason")
