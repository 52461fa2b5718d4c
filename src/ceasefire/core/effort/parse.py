"""Turn raw text columns of effort rows into :class:`EffortRecord` values and a problem per bad
cell. One row is one record; a bad row is held back and every other row goes on.

>>> records, problems = parse_effort(
...     {"source_name": ["SMM (generated)", "SMM (generated)"], "kind": ["patrol", "sensor"],
...      "team": ["T1", ""], "start": ["2025-04-20T08:00", "2025-04-20"],
...      "end": ["2025-04-20T12:00", "2025-04-21"], "source_tz": ["Europe/Kyiv", ""],
...      "route": ["37.17 48.28; 37.21 48.30", ""], "sensor_id": ["", "CAM-1"],
...      "sensor_kind": ["", "camera"], "uptime_min": ["", "-5"],
...      "lat": ["", "48.5"], "lon": ["", "37.7"]}, [2, 3])
>>> [(r.kind.value, r.distance_m) for r in records], [(p.row, p.field) for p in problems]
([('patrol', 3709)], [(3, 'uptime_min')])
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation

from ceasefire.core.effort.cells import Cells
from ceasefire.core.effort.model import EffortKind, EffortRecord, RestrictionReason, SensorKind
from ceasefire.core.effort.route import (
    BBox,
    Position,
    RouteError,
    parse_route,
    route_length_m,
    swapped_at,
)
from ceasefire.core.errors import RowProblem
from ceasefire.core.ledger.canonical import canonical_bytes, utc_text

EFFORT_COLUMNS: dict[str, str] = {
    "key": "the source's own ID for the record; derived from its identity when absent",
    "source_name": "who reports the effort: mission, team or operator (required)",
    "kind": "patrol, sensor or restriction (required)",
    "team": "the monitoring team (required for a patrol)",
    "start": "start of the window, ISO 8601 (required); read in source_tz when no offset",
    "end": "end of the window (required for patrol and sensor)",
    "source_tz": "IANA time zone of times without offset (default UTC)",
    "route": "patrol route or UAV track: WKT LINESTRING, 'lon lat; lon lat' or [[lon, lat], …]",
    "distance_m": "distance covered, whole metres (default: geodesic length of the route)",
    "sensor_id": "camera, UAV or radar ID (required for a sensor)",
    "sensor_kind": "camera, uav, radar or acoustic (required for a sensor)",
    "uptime_min": "minutes the sensor was working in the window, whole minutes",
    "flight_hours": "UAV flight hours instead of uptime_min, e.g. 3.5 (whole minutes)",
    "lat": "latitude of the sensor or the place not reached, WGS84 degrees",
    "lon": "longitude of the sensor or the place not reached, WGS84 degrees",
    "radius_m": "uncertainty radius of lat/lon, metres",
    "place_name": "the place patrolled or not reached, as written",
    "restricted_by": "who stopped the monitors (party, actor or 'unknown')",
    "reason": "why a place was not reached: " + ", ".join(r.value for r in RestrictionReason),
    "text": "notes in the source's own words",
}
"""The effort layout: column name → help text."""

MAX_CHARS = {"route": 300_000, "text": 20_000}
IDENTITY = ("kind", "team", "sensor_id", "start", "place_name", "lat", "lon")
"""What a derived key hashes: a corrected distance or reason of the same patrol is a revision."""
MAX_DISTANCE_M = 5_000_000
MAX_WINDOW_MIN = 366 * 24 * 60


def derived_key(identity: Mapping[str, object]) -> str:
    """``sha256:`` + 32 hex digits of the canonical bytes of a record's identity fields."""
    fields = {name: identity.get(name) for name in IDENTITY if identity.get(name) is not None}
    return "sha256:" + hashlib.sha256(canonical_bytes(fields)).hexdigest()[:32]


def parse_effort(
    columns: Mapping[str, Sequence[str | None]],
    rows: Sequence[int],
    *,
    area: BBox | None = None,
    now: datetime | None = None,
) -> tuple[list[EffortRecord], list[RowProblem]]:
    """Effort records from raw text columns (names of :data:`EFFORT_COLUMNS`).

    ``area`` is the area of interest: a point or route point outside it whose mirror lies inside
    is refused as swapped axes. Raises ``ValueError`` for a column name not in the layout.
    """
    unknown = sorted(set(columns) - set(EFFORT_COLUMNS))
    if unknown:
        raise ValueError(f"unknown effort columns: {', '.join(unknown)}")
    records: list[EffortRecord] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, str], tuple[int, bytes]] = {}
    for index, row in enumerate(rows):
        cells = Cells(
            {name: values[index] for name, values in columns.items()},
            row,
            now=now,
            max_chars=MAX_CHARS,
        )
        record = _record(cells, area)
        if record is not None:
            natural = (record.source_name, record.key)
            earlier = seen.get(natural)
            if earlier is not None and earlier[1] != record.canonical():
                cells.flag("key", f"key {record.key} is also used by row {earlier[0]}")
            else:
                seen.setdefault(natural, (row, record.canonical()))
        if cells.problems:
            problems.extend(cells.problems)
        elif record is not None:
            records.append(record)
    return records, problems


def _minutes_of(cells: Cells) -> int | None:
    uptime = cells.integer("uptime_min", minimum=0, maximum=MAX_WINDOW_MIN)
    hours = cells.text("flight_hours")
    if hours is None:
        return uptime
    if cells.text("uptime_min") is not None:
        cells.flag("flight_hours", "give uptime_min or flight_hours, not both")
        return None
    try:
        minutes = Decimal(hours) * 60
    except InvalidOperation:
        cells.flag("flight_hours", f"{hours!r} is not a number of hours")
        return None
    if not minutes.is_finite() or minutes != minutes.to_integral_value() or minutes < 0:
        cells.flag("flight_hours", f"{hours!r} is not a whole, non-negative number of minutes")
        return None
    return int(minutes)


def _route(cells: Cells, area: BBox | None) -> tuple[Position, ...]:
    written = cells.text("route")
    if written is None:
        return ()
    try:
        route = parse_route(written)
    except RouteError as exc:
        cells.flag("route", str(exc))
        return ()
    if area is not None and (at := swapped_at(route, area)) is not None:
        cells.flag(
            "route",
            f"point {at + 1} looks swapped: it lies outside the area of interest and its "
            "mirror inside (routes are written longitude first)",
        )
        return ()
    return route


def _point(cells: Cells, area: BBox | None) -> tuple[int | None, int | None]:
    lat, lon = cells.degrees("lat", 90), cells.degrees("lon", 180)
    if (cells.text("lat") is None) != (cells.text("lon") is None):
        cells.flag("lat", "lat and lon must be given together")
    if lat is None or lon is None:
        return None, None
    if area is not None and swapped_at(((lon, lat),), area) is not None:
        cells.flag("lat", f"latitude {lat / 1e6:g} and longitude {lon / 1e6:g} look swapped")
        return None, None
    return lat, lon


def _record(cells: Cells, area: BBox | None) -> EffortRecord | None:
    source_name = cells.text("source_name", required=True)
    kind = cells.choice("kind", EffortKind, required=True)
    zone_name = cells.zone_name()
    start = cells.time("start", zone_name, required=True)
    end = cells.time("end", zone_name)
    if start is not None and end is not None and end < start:
        cells.flag("end", f"end {utc_text(end)} is before start {utc_text(start)}")
    route = _route(cells, area)
    distance = cells.integer("distance_m", minimum=0, maximum=MAX_DISTANCE_M)
    lat, lon = _point(cells, area)
    uptime = _minutes_of(cells)
    fields = {
        "team": cells.text("team"),
        "sensor_id": cells.text("sensor_id"),
        "sensor_kind": cells.choice("sensor_kind", SensorKind),
        "uptime_min": uptime,
        "radius_m": cells.integer("radius_m", minimum=0, maximum=2_000_000),
        "place_name": cells.text("place_name"),
        "restricted_by": cells.text("restricted_by"),
        "reason": cells.choice("reason", RestrictionReason),
        "text": cells.text("text"),
    }
    if kind is None or start is None or source_name is None:
        return None
    needs: dict[EffortKind, tuple[str, ...]] = {
        EffortKind.PATROL: ("team", "end"),
        EffortKind.SENSOR: ("sensor_id", "sensor_kind", "end"),
        EffortKind.RESTRICTION: ("reason",),
    }
    given = {**fields, "end": end}
    for name in needs[kind]:
        if given[name] is None and cells.text(name) is None:
            cells.flag(name, f"a {kind.value} record needs {name}")
    if kind is EffortKind.PATROL and cells.text("route") is None and fields["place_name"] is None:
        cells.flag("route", "a patrol needs a route (or at least a place_name)")
    if kind is EffortKind.SENSOR:
        _check_sensor(cells, start, end, uptime, cells.text("lat") or cells.text("route"))
    if (
        kind is EffortKind.RESTRICTION
        and cells.text("lat") is None
        and fields["place_name"] is None
    ):
        cells.flag("place_name", "a restriction needs the place: lat and lon, or place_name")
    distance_from = None
    if distance is not None:
        distance_from = "reported"
    elif route:
        distance, distance_from = round(route_length_m(route)), "route"
    if cells.problems:
        return None
    identity = {**fields, "kind": kind.value, "start": utc_text(start), "lat": lat, "lon": lon}
    return EffortRecord(
        key=cells.text("key") or derived_key(identity),
        source_name=source_name,
        kind=kind,
        start=start,
        end=end,
        source_tz=zone_name,
        route=route,
        distance_m=distance,
        distance_from=distance_from,
        lat=lat,
        lon=lon,
        row=cells.row,
        **fields,  # type: ignore[arg-type]
    )


def _check_sensor(
    cells: Cells, start: datetime, end: datetime | None, uptime: int | None, located: str | None
) -> None:
    if uptime is None and cells.text("uptime_min") is None and cells.text("flight_hours") is None:
        cells.flag("uptime_min", "a sensor record needs uptime_min (or flight_hours for a UAV)")
    if located is None:
        cells.flag("lat", "a sensor record needs its location: lat and lon, or a route")
    if uptime is not None and end is not None and end >= start:
        window = int((end - start).total_seconds() // 60)
        if uptime > window:
            name = "flight_hours" if cells.text("flight_hours") else "uptime_min"
            cells.flag(name, f"{uptime} minutes is longer than the {window}-minute window")
