"""Where: three-valued zone tests for points with an uncertainty radius, vectorised.

A side's withdrawal zone for a distance ``D`` is the band within ``D`` of that side's reference
line, on the ground the side holds (``zones.withdrawal_zone`` draws the same shape). A point
known to within ``r`` metres is *inside* when its whole disk is (distance to the line ``<= D -
r`` and the disk inside the side's control area), *outside* when the disk misses the band or
the area, and *indeterminate* otherwise: a point with a 5 km radius 1 km from the edge of a 2 km
zone is neither in nor out.

Distances are measured in a transverse Mercator projection centred on the line (scale error
under 0.1 % within 300 km of its meridian; the Russia-Ukraine front spans about ±3° of
longitude). For speed no zone polygon is built: one side's four distances are resolved together
by a binary search over each point's sorted thresholds ``D_k ± r``, each step one prepared
``shapely.dwithin`` call over the points still undecided.

>>> from shapely import LineString, box
>>> frame = MetricFrame.around(LineString([(37.0, 47.0), (37.0, 49.0)]))
>>> side = Side.build(frame, party="RU", line_id="line",
...     line=LineString([(37.0, 47.0), (37.0, 49.0)]), control_id="area",
...     control=box(37.0, 44.0, 42.0, 52.0), reach_m=50_000)
>>> x, y = frame.xy([37.3, 37.3, 36.9], [48.0, 48.0, 48.0])
>>> zone_outcomes(side, [25_000], x, y, [0.0, 5_000.0, 0.0]).tolist()
[[2, 1, 0]]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from numpy.typing import ArrayLike
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from ceasefire.core.compliance.model import (
    FALSE,
    TRUE,
    UNKNOWN,
    FloatArray,
    IntArray,
    TriArray,
)


@dataclass(frozen=True)
class MetricFrame:
    """A metric projection (metres) around an area: transverse Mercator on its centre."""

    lon0: float
    lat0: float
    forward: Transformer

    @classmethod
    def around(cls, geometry: BaseGeometry) -> MetricFrame:
        """A frame centred on ``geometry``'s bounding box (to 0.1°)."""
        west, south, east, north = geometry.bounds
        lon0, lat0 = round((west + east) / 2, 1), round((south + north) / 2, 1)
        crs = f"+proj=tmerc +lat_0={lat0} +lon_0={lon0} +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m"
        return cls(lon0, lat0, Transformer.from_crs("EPSG:4326", crs, always_xy=True))

    def xy(self, lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """Projected coordinates (metres) of longitudes and latitudes."""
        x, y = self.forward.transform(
            np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
        )
        return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)

    def geometry(self, geometry: BaseGeometry) -> BaseGeometry:
        """``geometry`` (lon/lat) in this frame."""

        def apply(coords: FloatArray) -> FloatArray:
            x, y = self.xy(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        return shapely.transform(geometry, apply)


@dataclass(frozen=True)
class Side:
    """One side's geography at one time: its reference line and the ground it holds (metric)."""

    party: str
    line_id: str
    control_id: str
    line: BaseGeometry
    control: BaseGeometry
    control_edge: BaseGeometry
    reach_m: float

    @classmethod
    def build(
        cls,
        frame: MetricFrame,
        *,
        party: str,
        line_id: str,
        line: BaseGeometry,
        control_id: str,
        control: BaseGeometry,
        reach_m: float,
    ) -> Side:
        """Project ``line`` and ``control``; keep the area within ``reach_m`` of the line."""
        line_m = frame.geometry(line)
        west, south, east, north = line_m.bounds
        margin = reach_m * 1.1 + 10_000
        area = shapely.clip_by_rect(
            frame.geometry(_clip_degrees(control, line, reach_m)),
            west - margin,
            south - margin,
            east + margin,
            north + margin,
        )
        edge = shapely.boundary(area)
        for geometry in (line_m, area, edge):
            shapely.prepare(geometry)
        return cls(party, line_id, control_id, line_m, area, edge, reach_m)


def _clip_degrees(area: BaseGeometry, line: BaseGeometry, reach_m: float) -> BaseGeometry:
    west, south, east, north = line.bounds
    pad = reach_m / 50_000 + 1.0  # generous: ~2 degrees per 100 km at these latitudes
    return shapely.clip_by_rect(area, west - pad, south - pad, east + pad, north + pad)


def within_area(
    area: BaseGeometry,
    edge: BaseGeometry,
    x: FloatArray,
    y: FloatArray,
    radius_m: FloatArray,
    *,
    points: Any = None,
) -> TriArray:
    """Is each disk inside ``area`` (TRUE), outside it (FALSE), or across its edge (UNKNOWN)?"""
    inside = np.asarray(shapely.intersects_xy(area, x, y), dtype=bool)
    out = np.where(inside, TRUE, FALSE).astype(np.int8)
    wide = np.flatnonzero(radius_m > 0)
    if len(wide):
        wide_points = _points(x[wide], y[wide]) if points is None else points[wide]
        near = _dwithin(edge, wide_points, radius_m[wide])
        out[wide[np.asarray(near, dtype=bool)]] = UNKNOWN
    return out


def band_outcomes(
    line: BaseGeometry,
    distances: Sequence[int],
    x: FloatArray,
    y: FloatArray,
    radius_m: FloatArray,
    *,
    points: Any = None,
) -> TriArray:
    """Is each disk within ``D`` of ``line``, for each distance ``D`` (shape: distances × rows)?

    Each point's thresholds ``D ± r`` are sorted; a binary search finds, with prepared
    ``dwithin`` calls, the first threshold its distance does not exceed.
    """
    size, count = len(x), len(distances)
    if size == 0 or count == 0:
        return np.zeros((count, size), dtype=np.int8)
    dist = np.asarray(distances, dtype=np.float64)[None, :]
    r = np.asarray(radius_m, dtype=np.float64)[:, None]
    inner, outer = dist - r, dist + r
    thresholds = np.sort(np.concatenate([inner, outer], axis=1), axis=1)
    points = _points(x, y) if points is None else points
    steps = thresholds.shape[1]
    # first: beyond the largest threshold is outside every band
    near = _dwithin(line, points, thresholds[:, -1])
    low = np.zeros(size, dtype=np.int64)
    high = np.where(near, steps - 1, steps)
    active = np.flatnonzero(low < high)
    while len(active):
        mid = (low[active] + high[active]) // 2
        limit = thresholds[active, mid]
        ok = np.zeros(len(active), dtype=bool)
        usable = limit >= 0
        ok[usable] = _dwithin(line, points[active[usable]], limit[usable])
        high[active] = np.where(ok, mid, high[active])
        low[active] = np.where(ok, low[active], mid + 1)
        active = active[low[active] < high[active]]
    first = np.where(high < steps, thresholds[np.arange(size), np.minimum(high, steps - 1)], np.inf)
    within_inner = (inner >= 0) & (inner >= first[:, None])
    within_outer = outer >= first[:, None]
    out = np.where(within_inner, TRUE, np.where(within_outer, UNKNOWN, FALSE)).astype(np.int8)
    return np.ascontiguousarray(out.T)


def zone_outcomes(
    side: Side, distances: Sequence[int], x: ArrayLike, y: ArrayLike, radius_m: ArrayLike
) -> TriArray:
    """Is each disk inside ``side``'s zone of each distance (distances × rows, three-valued)?"""
    xs, ys = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    rs = np.nan_to_num(np.asarray(radius_m, dtype=np.float64), nan=0.0)
    points = _points(xs, ys)
    bands = band_outcomes(side.line, distances, xs, ys, rs, points=points)
    maybe = np.flatnonzero(bands.max(axis=0, initial=FALSE) > FALSE)
    held = np.full(len(xs), FALSE, dtype=np.int8)
    if len(maybe):
        held[maybe] = within_area(
            side.control, side.control_edge, xs[maybe], ys[maybe], rs[maybe], points=points[maybe]
        )
    return np.minimum(bands, held[None, :])


def near_objects(
    objects_x: FloatArray, objects_y: FloatArray, x: FloatArray, y: FloatArray, radius_m: FloatArray
) -> IntArray:
    """Index of a protected object within each point's radius, or -1 (vectorised over points)."""
    found = np.full(len(x), -1, dtype=np.int64)
    if len(objects_x) == 0 or len(x) == 0:
        return found
    located = np.flatnonzero(np.isfinite(x) & np.isfinite(y) & np.isfinite(radius_m))
    if len(located) == 0:
        return found  # unlocatable incidents are near nothing
    tree = shapely.STRtree(_points(objects_x, objects_y))
    pairs = tree.query(
        _points(x[located], y[located]), predicate="dwithin", distance=radius_m[located]
    )
    if pairs.shape[1]:
        # keep the first object listed for each point
        order = np.lexsort((pairs[1], pairs[0]))
        rows, objects = located[pairs[0][order]], pairs[1][order]
        first = np.r_[True, rows[1:] != rows[:-1]]
        found[rows[first]] = objects[first]
    return found


def _points(x: FloatArray, y: FloatArray) -> npt.NDArray[np.object_]:
    """Point geometries of coordinate arrays (always an array, for the type checker)."""
    return np.asarray(shapely.points(x, y), dtype=object)


def _dwithin(geometry: BaseGeometry, points: Any, distance: FloatArray) -> npt.NDArray[np.bool_]:
    """Prepared ``dwithin`` with a distance per point, as a boolean array."""
    return np.asarray(shapely.dwithin(geometry, points, distance), dtype=np.bool_)  # type: ignore[call-overload]


def distance_to(frame: MetricFrame, geometry: BaseGeometry, lon: float, lat: float) -> float:
    """Metres from one point to ``geometry`` (lon/lat), for a rendered trace."""
    x, y = frame.xy([lon], [lat])
    return float(shapely.distance(frame.geometry(geometry), shapely.points(x[0], y[0])))
