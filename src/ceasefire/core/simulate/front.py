"""The front a simulation runs on: the line of contact, the control areas and a metric frame.

Everything is generated in metres in an azimuthal equidistant projection centred on the line
(the same frame ``ceasefire.core.agreement.zones`` measures withdrawal zones in), then turned
back into longitude and latitude. Sectors cover the stretch of line nearest their anchor.

>>> from shapely.geometry import LineString, box
>>> front = Front.build(LineString([(37.0, 47.0), (37.0, 49.0)]),
...                     {"RU": box(37.0, 46.0, 39.0, 50.0), "UA": box(35.0, 46.0, 37.0, 50.0)})
>>> round(front.length_m / 1000)
222
>>> front.controller(np.array([36.9, 37.1]), np.array([48.0, 48.0])).tolist()
[1, 0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

from ceasefire.core.agreement.zones import metric_crs

PARTIES = ("RU", "UA")
"""Party codes; arrays hold the index (0 = RU, 1 = UA, -1 = neither)."""

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


def main_line(line: BaseGeometry) -> LineString:
    """The longest part of a (multi)line: the continuous front."""
    if isinstance(line, LineString):
        return line
    if isinstance(line, MultiLineString):
        return max(line.geoms, key=lambda part: part.length)
    raise ValueError(f"expected a line of contact, got a {line.geom_type}")


@dataclass(frozen=True)
class Front:
    """The line (in metres), the control areas (lon/lat) and the transformers between frames."""

    line_m: LineString
    control: tuple[BaseGeometry, BaseGeometry]
    forward: Transformer
    back: Transformer
    along: Floats
    """Distance along the line (m) of each vertex, for fast interpolation."""

    @classmethod
    def build(cls, line: BaseGeometry, control: Mapping[str, BaseGeometry]) -> Front:
        """A front from a line of contact and control areas keyed ``RU`` and ``UA``."""
        main = main_line(line)
        crs = metric_crs(main)
        forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        back = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        x, y = forward.transform(*np.asarray(main.coords).T)
        areas = (control["RU"], control["UA"])
        for area in areas:
            shapely.prepare(area)
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        along = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(x), np.diff(y)))])
        return cls(LineString(np.column_stack([x, y])), areas, forward, back, along)

    @property
    def length_m(self) -> float:
        """Length of the line in metres."""
        return float(self.line_m.length)

    def to_lonlat(self, x: Floats, y: Floats) -> tuple[Floats, Floats]:
        """Metric coordinates → longitude, latitude."""
        lon, lat = self.back.transform(x, y)
        return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)

    def to_metric(self, lon: Floats, lat: Floats) -> tuple[Floats, Floats]:
        """Longitude, latitude → metric coordinates."""
        x, y = self.forward.transform(lon, lat)
        return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)

    def positions(self, lon: Sequence[float], lat: Sequence[float]) -> Floats:
        """Distance along the line (m) of the points nearest to the given anchors."""
        x, y = self.to_metric(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
        return np.asarray(shapely.line_locate_point(self.line_m, shapely.points(x, y)), dtype=float)

    def point_at(self, along_m: Floats) -> tuple[Floats, Floats]:
        """Metric point on the line at each distance along it (clipped to the line)."""
        coords = np.asarray(self.line_m.coords)
        return (
            np.interp(along_m, self.along, coords[:, 0]),
            np.interp(along_m, self.along, coords[:, 1]),
        )

    def frame_at(self, along_m: Floats) -> tuple[Floats, Floats, Floats, Floats]:
        """Point on the line and unit normal (left of the line's direction) at each position."""
        step = 250.0
        ax, ay = self.point_at(np.minimum(along_m + step, self.length_m))
        bx, by = self.point_at(np.maximum(along_m - step, 0.0))
        x, y = self.point_at(along_m)
        dx, dy = ax - bx, ay - by
        norm = np.hypot(dx, dy)
        norm[norm == 0] = 1.0
        return x, y, -dy / norm, dx / norm

    def controller(self, lon: Floats, lat: Floats) -> Ints:
        """0 where RU holds the point, 1 where UA does, -1 for neither (sea, abroad)."""
        out = np.full(len(lon), -1, dtype=np.int64)
        out[shapely.contains_xy(self.control[1], lon, lat)] = 1
        out[shapely.contains_xy(self.control[0], lon, lat)] = 0
        return out

    def side_sign(self, x: Floats, y: Floats, nx: Floats, ny: Floats) -> Ints:
        """+1 where the normal points into RU-held ground, -1 where into UA's, per position."""
        lon, lat = self.to_lonlat(x + 3000.0 * nx, y + 3000.0 * ny)
        held = self.controller(lon, lat)
        lon2, lat2 = self.to_lonlat(x - 3000.0 * nx, y - 3000.0 * ny)
        other = self.controller(lon2, lat2)
        return np.where((held == 0) | (other == 1), 1, -1).astype(np.int64)


def offset(
    x: Floats, y: Floats, distance_m: Floats, rng: np.random.Generator
) -> tuple[Floats, Floats]:
    """Each point moved ``distance_m`` in a random direction."""
    angle = rng.uniform(0.0, 2 * np.pi, len(x))
    return x + distance_m * np.sin(angle), y + distance_m * np.cos(angle)


_GEOD = Geod(ellps="WGS84")


def geodesic(lon0: Floats, lat0: Floats, lon1: Floats, lat1: Floats) -> tuple[Floats, Floats]:
    """True bearing (degrees 0-360) and distance (m) from the first points to the second."""
    azimuth, _, distance = _GEOD.inv(lon0, lat0, lon1, lat1)
    return (
        np.asarray(azimuth, dtype=np.float64) % 360.0,
        np.asarray(distance, dtype=np.float64),
    )
