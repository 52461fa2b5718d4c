"""The map's base and reference layers as GeoJSON, from what the package ships (no tiles).

* ``countries`` and ``oblasts``: the shipped base map (Crimea in Ukraine) and Ukraine's oblasts;
* ``line``: the line of contact valid on a date (the shipped snapshots);
* ``zones``: the withdrawal zones of the terms in force that day, derived for display per party
  from that party's reference line (as the daily report's map draws them);
* ``objects``: protected objects of the registries the agreements name (power plants), each
  marked with whether a protection term is in force that day.

Bytes are built once per process and day (the layers are shipped files and derived shapes).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import shapely
from shapely.geometry import mapping

from ceasefire.core.reports.period import ReportingPeriod, reporting_period
from ceasefire.render.geography import _path as layer_path
from ceasefire.render.geography import display_zone, registry_points
from ceasefire.store.database import Store
from ceasefire.workflows.report import _map_layers, line_of_contact_at

# ``_map_layers`` is the daily report's choice of zones and registries in force; the map shows
# the same, so it reuses it rather than repeating the rule. It should become public.

BASE_LAYERS = {"countries": "basemap_countries", "oblasts": "oblasts_ukraine"}
EVERYTHING = (date(1990, 1, 1), date(2100, 1, 1))
"""A period covering every term window (for the registries of any protection term)."""


@lru_cache(maxsize=4)
def base_layer(name: str) -> bytes:
    """The shipped ``countries`` or ``oblasts`` layer, as stored."""
    return layer_path(BASE_LAYERS[name]).read_bytes()


def _end_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1)


@lru_cache(maxsize=64)
def line_layer(day: date) -> tuple[str | None, bytes]:
    """The line of contact valid at the end of ``day``: its layer name and GeoJSON bytes."""
    name = line_of_contact_at(_end_of(day))
    if name is None:
        return None, _collection([])
    return name, layer_path(name).read_bytes()


def _collection(features: list[dict[str, object]]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def zones_layer(store: Store, day: date) -> bytes:
    """Withdrawal zones of the terms in force on ``day`` (one feature per zone)."""
    zones, _ = _map_layers(store, reporting_period(day))
    features: list[dict[str, object]] = []
    for zone in sorted(zones, key=lambda z: -z.distance_m):
        geometry = display_zone(zone.line, zone.party, zone.distance_m)
        if geometry is None or geometry.is_empty:
            continue
        simplified = shapely.set_precision(geometry, 0.0001)
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(simplified),
                "properties": {
                    "agreement": zone.agreement_id,
                    "term": zone.term_id,
                    "party": zone.party,
                    "distance_km": round(zone.distance_m / 1000, 1),
                    "line": zone.line,
                },
            }
        )
    return _collection(features)


def objects_layer(store: Store, day: date) -> bytes:
    """Protected objects of every registry the agreements name, marked ``in_force`` when a
    protection term covering that registry is in force on ``day``."""
    _, in_force = _map_layers(store, reporting_period(day))
    _, named = _map_layers(store, _everything())
    active = {r.registry_id for r in in_force}
    features: list[dict[str, object]] = []
    for registry in named:
        for name, lon, lat in registry_points(registry.file):
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "name": name,
                        "registry": registry.name,
                        "in_force": registry.registry_id in active,
                    },
                }
            )
    return _collection(features)


def _everything() -> ReportingPeriod:
    first, last = EVERYTHING
    return ReportingPeriod(
        day=last,
        days=1,
        time_zone="UTC",
        start_time=datetime.min.time(),
        start=datetime(first.year, 1, 1, tzinfo=UTC),
        end=datetime(last.year, 1, 1, tzinfo=UTC),
    )
