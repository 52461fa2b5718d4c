"""Spatial predicates behind the store port, one implementation per backend.

SQLite uses the ``observation_rtree`` R*Tree to prune, PostGIS the GiST index on ``geog``; both
then compare the exact integer micro-degree columns, so results are identical on both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, select, text

from ceasefire.store.schema import observations


def within_bbox(dialect: str, bbox: tuple[float, float, float, float]) -> ColumnElement[bool]:
    """Observations whose point (or observer position) lies in ``bbox`` (lon/lat degrees)."""
    west, south, east, north = bbox
    o = observations
    lat = func.coalesce(o.c.lat, o.c.observer_lat)
    lon = func.coalesce(o.c.lon, o.c.observer_lon)
    exact = and_(
        lat >= round(south * 1e6),
        lat <= round(north * 1e6),
        lon >= round(west * 1e6),
        lon <= round(east * 1e6),
    )
    if dialect == "sqlite":
        rtree: Select[tuple[Any]] = (
            select(literal_column("id"))
            .select_from(text("observation_rtree"))
            .where(
                text(
                    "min_lon <= :east AND max_lon >= :west AND min_lat <= :north "
                    "AND max_lat >= :south"
                ).bindparams(east=east, west=west, north=north, south=south)
            )
        )
        return and_(o.c.id.in_(rtree), exact)
    pruned = text("geog && CAST(ST_MakeEnvelope(:w, :s, :e, :n, 4326) AS geography)").bindparams(
        w=west, s=south, e=east, n=north
    )
    return and_(pruned, exact)
