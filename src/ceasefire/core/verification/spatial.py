"""Where an observation points: a centre and a radius in km, and a grid to find neighbours fast.

Every form of location becomes a centre with an uncertainty radius: a point keeps its stated
radius (or a default for its source kind); an observer's sector (bearing and distance ranges)
becomes the sector's centre with a radius covering it. Distances use a local equirectangular
approximation (error well under 1 % over the tens of km that matter here).

>>> lon, lat, r = sector_region(np.array([37.0]), np.array([48.0]),
...     bearing_min=np.array([80.0]), bearing_max=np.array([100.0]),
...     distance_min_m=np.array([2000.0]), distance_max_m=np.array([4000.0]))
>>> round(float(distance_km(lon, lat, np.array([37.0]), np.array([48.0]))[0]), 1)
3.0
>>> round(float(r[0]), 2)
1.13
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ceasefire.core.verification.model import BoolArray, FloatArray, IntArray, VerificationBatch

KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQUATOR = 111.320

DEFAULT_RADIUS_KM: dict[str | None, float] = {
    "sensor": 0.5,
    "monitor_team": 2.0,
    "party_official": 10.0,
    "media": 10.0,
    "ngo": 5.0,
    "dataset": 10.0,
    None: 10.0,
}
"""Radius assumed when a point states none: how precisely each kind of source usually places."""

MIN_RADIUS_KM = 0.1


def distance_km(
    lon1: FloatArray, lat1: FloatArray, lon2: FloatArray, lat2: FloatArray
) -> FloatArray:
    """Distance in km between points, pairwise (equirectangular at the pair's mean latitude)."""
    mean_lat = np.radians((lat1 + lat2) / 2)
    dx = (lon2 - lon1) * KM_PER_DEG_LON_EQUATOR * np.cos(mean_lat)
    dy = (lat2 - lat1) * KM_PER_DEG_LAT
    return np.asarray(np.hypot(dx, dy), dtype=np.float64)


def destination(
    lon: FloatArray, lat: FloatArray, bearing_deg: FloatArray, km: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """The point ``km`` from (lon, lat) along a compass bearing."""
    b = np.radians(bearing_deg)
    dlat = km * np.cos(b) / KM_PER_DEG_LAT
    dlon = km * np.sin(b) / (KM_PER_DEG_LON_EQUATOR * np.cos(np.radians(lat)))
    return lon + dlon, lat + dlat


def sector_region(
    observer_lon: FloatArray,
    observer_lat: FloatArray,
    *,
    bearing_min: FloatArray,
    bearing_max: FloatArray,
    distance_min_m: FloatArray,
    distance_max_m: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Centre (lon, lat) and radius (km) approximating an observer's sector.

    The centre lies on the middle bearing at the middle distance; the radius covers half the
    distance range and half the arc's width at that distance. Bearings may wrap past 0.
    """
    width = np.mod(bearing_max - bearing_min, 360.0)
    mid = np.mod(bearing_min + width / 2, 360.0)
    dmin = np.where(np.isnan(distance_min_m), 0.0, distance_min_m) / 1000
    dmax = distance_max_m / 1000
    dmid = (dmin + dmax) / 2
    lon, lat = destination(observer_lon, observer_lat, mid, dmid)
    arc = dmid * np.sin(np.radians(np.minimum(width, 180.0) / 2))
    radius = np.maximum(np.hypot((dmax - dmin) / 2, arc), MIN_RADIUS_KM)
    return lon, lat, radius


def locate(batch: VerificationBatch) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Each observation's centre (lon, lat) and radius in km; NaN where it cannot be placed.

    A stated point wins; else a complete sector (observer, bearings, maximum distance).
    """
    lon = batch.lon.copy()
    lat = batch.lat.copy()
    radius = batch.radius_m / 1000
    kinds = batch.source_kind
    default = np.array([DEFAULT_RADIUS_KM.get(k, DEFAULT_RADIUS_KM[None]) for k in kinds.tolist()])
    radius = np.where(np.isnan(radius), default, radius)
    point = np.isfinite(lon) & np.isfinite(lat)
    sector = (
        ~point
        & np.isfinite(batch.observer_lon)
        & np.isfinite(batch.observer_lat)
        & np.isfinite(batch.bearing_min_deg)
        & np.isfinite(batch.bearing_max_deg)
        & np.isfinite(batch.distance_max_m)
    )
    if sector.any():
        s_lon, s_lat, s_r = sector_region(
            batch.observer_lon[sector],
            batch.observer_lat[sector],
            bearing_min=batch.bearing_min_deg[sector],
            bearing_max=batch.bearing_max_deg[sector],
            distance_min_m=batch.distance_min_m[sector],
            distance_max_m=batch.distance_max_m[sector],
        )
        lon[sector], lat[sector], radius[sector] = s_lon, s_lat, s_r
    placed = point | sector
    radius = np.where(placed, np.maximum(radius, MIN_RADIUS_KM), np.nan)
    return np.where(placed, lon, np.nan), np.where(placed, lat, np.nan), radius


def project_km(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Planar km coordinates for a grid index.

    The east-west scale is taken at the highest latitude present, so projected distances
    never exceed true ones and a grid cell of ``c`` km never misses a neighbour within ``c``.
    """
    finite = np.isfinite(lat)
    top = float(np.max(np.abs(lat[finite]))) if finite.any() else 0.0
    x = lon * KM_PER_DEG_LON_EQUATOR * np.cos(np.radians(min(top, 89.0)))
    return x, lat * KM_PER_DEG_LAT


def triangulate(
    ray_a: tuple[FloatArray, FloatArray, FloatArray],
    ray_b: tuple[FloatArray, FloatArray, FloatArray],
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Where two observers' bearing rays cross: (lon, lat, crossed) pairwise.

    ``crossed`` is False when the rays are near-parallel (under 10 degrees apart) or meet
    behind either observer. Each ray is (observer lon, observer lat, bearing).
    """
    lon_a, lat_a, bearing_a = ray_a
    lon_b, lat_b, bearing_b = ray_b
    ref = np.radians(lat_a)
    bx = (lon_b - lon_a) * KM_PER_DEG_LON_EQUATOR * np.cos(ref)
    by = (lat_b - lat_a) * KM_PER_DEG_LAT
    ua = np.stack([np.sin(np.radians(bearing_a)), np.cos(np.radians(bearing_a))])
    ub = np.stack([np.sin(np.radians(bearing_b)), np.cos(np.radians(bearing_b))])
    cross = ua[0] * ub[1] - ua[1] * ub[0]
    safe = np.where(np.abs(cross) < 1e-9, 1.0, cross)
    ta = (bx * ub[1] - by * ub[0]) / safe
    tb = (bx * ua[1] - by * ua[0]) / safe
    crossed = (np.abs(cross) > np.sin(np.radians(10.0))) & (ta > 0) & (tb > 0)
    lon = lon_a + ta * ua[0] / (KM_PER_DEG_LON_EQUATOR * np.cos(ref))
    lat = lat_a + ta * ua[1] / KM_PER_DEG_LAT
    return lon, lat, crossed


def near_pairs(
    query_x: FloatArray,
    query_y: FloatArray,
    query_from_s: IntArray,
    query_to_s: IntArray,
    *,
    target_x: FloatArray,
    target_y: FloatArray,
    target_s: IntArray,
    cell_km: float,
    rings: int = 1,
    chunk: int = 65_536,
) -> Iterator[tuple[IntArray, IntArray]]:
    """Candidate (query, target) index pairs: targets in the query's grid cell or the ``rings``
    of cells around it, whose time ``target_s`` lies in ``[query_from_s, query_to_s]``.

    Targets are sorted once by (cell, time); each query then finds its few candidates with
    binary searches, so the work grows with n log n plus the number of candidates, never n².
    Pairs come in chunks of about ``chunk`` queries to bound memory.
    """
    if target_x.size == 0 or query_x.size == 0:
        return
    cx = np.floor(target_x / cell_km).astype(np.int64)
    cy = np.floor(target_y / cell_km).astype(np.int64)
    qx = np.floor(query_x / cell_km).astype(np.int64)
    qy = np.floor(query_y / cell_km).astype(np.int64)
    x0 = min(int(cx.min()), int(qx.min())) - rings
    y0 = min(int(cy.min()), int(qy.min())) - rings
    height = max(int(cy.max()), int(qy.max())) - y0 + rings + 1
    t0 = min(int(target_s.min()), int(query_from_s.min()))
    span = max(int(target_s.max()), int(query_to_s.max())) - t0 + 1
    keys = ((cx - x0) * height + (cy - y0)) * span + (target_s - t0)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    q_cell = (qx - x0) * height + (qy - y0)
    q_lo = np.clip(query_from_s - t0, 0, span - 1)
    q_hi = np.clip(query_to_s - t0, -1, span - 1)
    offsets = [
        dx * height + dy for dx in range(-rings, rings + 1) for dy in range(-rings, rings + 1)
    ]
    for begin in range(0, query_x.size, chunk):
        rows = np.arange(begin, min(begin + chunk, query_x.size), dtype=np.int64)
        for offset in offsets:
            base = (q_cell[rows] + offset) * span
            lo = np.searchsorted(sorted_keys, base + q_lo[rows], side="left")
            hi = np.searchsorted(sorted_keys, base + q_hi[rows], side="right")
            counts = np.maximum(hi - lo, 0)
            total = int(counts.sum())
            if total == 0:
                continue
            query = np.repeat(rows, counts)
            starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
            yield query, order[np.arange(total, dtype=np.int64) + starts]
