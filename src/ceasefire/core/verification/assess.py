"""From labelled observations to the incident table: best time, place and act, then
confidence (``grade``) and attribution (``attribute``).

* place: the members' centres weighted by 1/radius² (a UAV fix outweighs a 10 km complaint),
  with the combined radius; where two observers' sectors cross, the crossing refines it;
* time: the narrowest member window;
* act, target class, weapon: from the member with the best evidence.

>>> from ceasefire.core.verification.model import VerificationBatch
>>> batch = VerificationBatch.from_columns(2, start_s=[0, 0], end_s=[60, 3600],
...     lon=[37.0, 37.01], lat=[48.0, 48.0], radius_m=[300, 10000],
...     act=["shelling.mortar", "shelling"], source_kind=["sensor", "party_official"],
...     source_name=["UAV-1", "UA General Staff"], reliability=["A", "D"],
...     credibility=["1", "4"], perception=["imagery", None])
>>> table = assess(batch, np.array([0, 0]))
>>> table.row(0)["confidence"], table.row(0)["act"], table.row(0)["end_s"]
('confirmed', 'shelling.mortar', 60)
"""

from __future__ import annotations

import numpy as np
from shapely.geometry.base import BaseGeometry

from ceasefire.core.verification.attribute import attribute
from ceasefire.core.verification.cluster import Related, locate_batch
from ceasefire.core.verification.grade import evidence_level, grade
from ceasefire.core.verification.link import first_per_group
from ceasefire.core.verification.model import (
    ClusterParams,
    FloatArray,
    IncidentTable,
    IntArray,
    VerificationBatch,
)
from ceasefire.core.verification.spatial import distance_km, triangulate
from ceasefire.core.verification.temporal import width_s


def assess(
    batch: VerificationBatch,
    labels: IntArray,
    control: dict[str, BaseGeometry] | None = None,
    params: ClusterParams | None = None,
) -> IncidentTable:
    """One incident per label, graded and attributed (``control``: each party's control area,
    needed to attribute by direction of fire)."""
    where = locate_batch(batch, params or ClusterParams())
    size = int(labels.max(initial=-1)) + 1
    placed = np.isfinite(where.lon)
    weight = np.where(placed, 1.0 / np.where(placed, where.radius_km, 1.0) ** 2, 0.0)
    total = np.bincount(labels, weight, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        lon = np.bincount(labels, np.where(placed, weight * where.lon, 0.0), minlength=size) / total
        lat = np.bincount(labels, np.where(placed, weight * where.lat, 0.0), minlength=size) / total
        radius = 1.0 / np.sqrt(total)
    lon, lat, radius = _triangulated(batch, labels, lon, lat, radius)
    dated = np.bincount(labels, batch.has_time, minlength=size) > 0
    width = width_s(batch.start_s, batch.end_s)
    timed = first_per_group(labels, ~batch.has_time, width, where.radius_km)
    level = evidence_level(batch.source_kind, batch.perception)
    lead = first_per_group(labels, -level, where.radius_km)
    first_time = np.full(size, -1, dtype=np.int64)
    first_time[labels] = timed
    first_lead = np.full(size, -1, dtype=np.int64)
    first_lead[labels] = lead
    start = np.where(dated, batch.start_s[first_time], -1)
    end = np.where(dated, batch.end_s[first_time], -1)
    confidence, reason, independent = grade(
        batch, labels, Related.of(batch).provenance, radius, np.where(dated, end - start, 0)
    )
    party, verdict, strength, basis = attribute(
        batch,
        labels,
        lon,
        lat,
        control,
        radius_km=radius,
        act=batch.act[first_lead],
        located=(where.lon, where.lat, where.radius_km),
    )
    summary = np.bincount(labels, batch.is_summary, minlength=size) > 0
    return IncidentTable(
        label=np.arange(size, dtype=np.int64),
        start_s=start.astype(np.int64),
        end_s=end.astype(np.int64),
        lon=lon,
        lat=lat,
        radius_m=np.round(radius * 1000),
        act=batch.act[first_lead],
        target_class=_first_present(batch.target_class, labels, level, size),
        weapon_type=_first_present(batch.weapon_type, labels, level, size),
        observations=np.bincount(labels, minlength=size).astype(np.int64),
        independent_sources=independent,
        confidence=confidence,
        confidence_reason=reason,
        party=party,
        attribution=verdict,
        attribution_confidence=strength,
        attribution_basis=basis,
        locatable=np.isfinite(lon),
        dated=dated,
        is_summary=summary,
    )


def _first_present(values: np.ndarray, labels: IntArray, level: IntArray, size: int) -> np.ndarray:
    present = values != None  # noqa: E711
    rows = first_per_group(labels, ~present, -level)
    out = np.full(size, None, dtype=object)
    out[labels] = values[rows]
    return out


def _triangulated(
    batch: VerificationBatch, labels: IntArray, lon: FloatArray, lat: FloatArray, radius: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Refine incidents seen by two observers whose bearing rays cross inside both sectors."""
    sector = np.flatnonzero(
        np.isfinite(batch.observer_lon) & np.isfinite(batch.bearing_min_deg) & np.isnan(batch.lon)
    )
    if sector.size < 2:
        return lon, lat, radius
    sector = sector[np.argsort(labels[sector], kind="stable")]
    head = np.flatnonzero(np.r_[True, labels[sector][1:] != labels[sector][:-1]])
    head = head[head + 1 < sector.size]
    head = head[labels[sector[head]] == labels[sector[head + 1]]]
    a, b = sector[head], sector[head + 1]  # the first two sector reports of each incident
    apart = (
        distance_km(
            batch.observer_lon[a],
            batch.observer_lat[a],
            batch.observer_lon[b],
            batch.observer_lat[b],
        )
        > 0.5
    )
    a, b = a[apart], b[apart]
    mid_a = _mid_bearing(batch, a)
    mid_b = _mid_bearing(batch, b)
    x, y, crossed = triangulate(
        (batch.observer_lon[a], batch.observer_lat[a], mid_a),
        (batch.observer_lon[b], batch.observer_lat[b], mid_b),
    )
    for row in (a, b):
        reach = distance_km(batch.observer_lon[row], batch.observer_lat[row], x, y) * 1000
        crossed &= reach >= np.nan_to_num(batch.distance_min_m[row]) - 1000
        crossed &= reach <= batch.distance_max_m[row] + 1000
    k = labels[a[crossed]]
    lon, lat, radius = lon.copy(), lat.copy(), radius.copy()
    lon[k], lat[k] = x[crossed], y[crossed]
    radius[k] = np.minimum(radius[k], 0.5)
    return lon, lat, radius


def _mid_bearing(batch: VerificationBatch, rows: IntArray) -> FloatArray:
    spread = np.mod(batch.bearing_max_deg[rows] - batch.bearing_min_deg[rows], 360.0)
    return np.asarray(np.mod(batch.bearing_min_deg[rows] + spread / 2, 360.0), dtype=np.float64)
