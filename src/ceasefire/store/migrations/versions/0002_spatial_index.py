"""Spatial index of observations, one implementation per backend, and the heads view.

SQLite: an R*Tree virtual table (the point, or the observer's position for a sector report),
filled set-based by the writer after each chunk (``ceasefire.store.observations.fill_rtree``) and
emptied by a delete trigger. PostgreSQL: PostGIS, a generated ``geography(Point, 4326)``
column with GiST. Both: ``observation_heads``, the current revision of each natural key (a
view over ``observations`` where ``superseded_by`` is NULL).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE = [
    "CREATE VIRTUAL TABLE observation_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat)",
    """
    CREATE TRIGGER observation_rtree_delete AFTER DELETE ON observations
    BEGIN
      DELETE FROM observation_rtree WHERE id = OLD.id;
    END
    """,
]

_POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS postgis",
    """
    ALTER TABLE observations ADD COLUMN geog geography(Point, 4326)
    GENERATED ALWAYS AS (
      CASE WHEN COALESCE(lat, observer_lat) IS NOT NULL THEN
        ST_SetSRID(ST_MakePoint(COALESCE(lon, observer_lon) / 1e6,
                                COALESCE(lat, observer_lat) / 1e6), 4326)::geography
      END) STORED
    """,
    "CREATE INDEX ix_observations_geog ON observations USING GIST (geog)",
]


_HEADS = """
    CREATE VIEW observation_heads AS
    SELECT source_name, key, id AS observation_id, revision, content_hash, import_id
    FROM observations WHERE superseded_by IS NULL
"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE if dialect == "sqlite" else _POSTGRES:
        op.execute(statement)
    op.execute(_HEADS)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS observation_heads")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS observation_rtree_delete")
        op.execute("DROP TABLE IF EXISTS observation_rtree")
    else:
        op.execute("DROP INDEX IF EXISTS ix_observations_geog")
        op.execute("ALTER TABLE observations DROP COLUMN IF EXISTS geog")
