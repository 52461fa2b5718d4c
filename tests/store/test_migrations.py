"""The migrations build exactly the schema the code declares, on SQLite and PostgreSQL.

A schema change without a migration (or a migration without the change) fails here: make the
next revision with ``python scripts/new_migration.py "what changed"``.
"""

from __future__ import annotations

import warnings

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from ceasefire.store.database import Store
from ceasefire.store.schema import metadata

SPATIAL = {
    "observation_rtree",
    "observation_rtree_node",
    "observation_rtree_parent",
    "observation_rtree_rowid",
    "spatial_ref_sys",
    "observation_heads",
}


def _relevant(diff: object) -> bool:
    text = repr(diff)
    return not any(name in text for name in SPATIAL) and "geog" not in text


def test_migrated_database_matches_the_declared_tables(store: Store) -> None:
    with store.writer.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": False, "include_object": _include},
        )
        with warnings.catch_warnings():  # PostGIS's geography type is unknown to SQLAlchemy
            warnings.simplefilter("ignore")
            differences = [d for d in compare_metadata(context, metadata) if _relevant(d)]
    assert differences == []


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (type_ == "table" and name in SPATIAL)
