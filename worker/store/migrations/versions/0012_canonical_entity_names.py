"""entity names: one English name per place the gazetteer knows, not the first article's spelling

Entities the gazetteer knows were named after the first article that mentioned them, so the same country was
"Österreich" in one archive and "Austria" in another, and "EU" beside "Germany" in one listing. New rows take
`gazetteer.canonical_name`; this renames the rows already stored. The old name stays findable: it is kept as an
alias (it already was one for rows stored since 0005). Downgrading keeps the new names (the old ones are aliases).

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    rename_known_entities(op.get_bind())


def rename_known_entities(connection: sa.Connection) -> int:
    """Give every stored entity keyed by a gazetteer identity its canonical name; returns how many changed."""
    from worker.pipeline.entities.gazetteer import canonical_name, load_gazetteer, load_german_gazetteer

    # Stored keys are case-folded ("country:at"); the gazetteers hold them as written ("country:AT").
    names_by_stored_key: dict[str, str] = {}
    for gazetteer in (load_gazetteer(), load_german_gazetteer()):
        for entry in gazetteer.names.values():
            key = str(entry[1])
            name = canonical_name(key)
            if name:
                names_by_stored_key[key.casefold()[:255]] = name[:255]
    renamed = 0
    rows = connection.execute(sa.text("SELECT id, name, key FROM entities ORDER BY id")).all()
    for entity_id, old_name, key in rows:
        name = names_by_stored_key.get(key)
        if name is None or name == old_name:
            continue
        connection.execute(sa.text("UPDATE entities SET name = :name WHERE id = :id"), {"name": name, "id": entity_id})
        for alias in {old_name.casefold()[:255], name.casefold()[:255]} - {key}:
            connection.execute(
                sa.text(
                    "INSERT INTO entity_aliases (alias_key, entity_id, source) VALUES (:alias, :id, 'gazetteer')"
                    " ON CONFLICT DO NOTHING"
                ),
                {"alias": alias, "id": entity_id},
            )
        renamed += 1
    return renamed


def downgrade() -> None:
    pass
