"""Publication policy: what public outputs (the public report, exports with ``--public``) may show.

Precise, live strike locations help targeting, and a published observer position, bearing or
distance tells the other side where a monitor stood. So a public output

* **delays**: an incident whose event ended less than ``delay_hours`` before the moment of
  publication is withheld (an undated incident too: nobody can say it is old enough);
* **coarsens** coordinates: to the centre of a ``grid_deg`` grid cell (0.1° ≈ 11 km north-south),
  or to the centroid of the region (oblast) the point lies in; the uncertainty radius grows to
  cover the cell or region, so a reader is never told more precision than is published;
* **redacts** geometry that reveals a monitor: observer positions, bearings and distances from
  the observer, patrol routes and positions of effort records (:data:`MONITOR_FIELDS`).

Pure: values in, values out.

>>> policy = PublicationPolicy(delay_hours=72, grid_deg=0.1)
>>> coarsen_micro(np.array([37_706_000]), np.array([48_527_000]), policy)
(array([37750000]), array([48550000]))
>>> redact({"lat": 1, "observer_lat": 2, "items": [{"bearing_min_deg": 90, "act": "shelling"}]})
{'lat': 1, 'items': [{'act': 'shelling'}]}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from ceasefire.core.errors import ConfigurationError
from ceasefire.core.reports.model import Regions
from ceasefire.core.reports.regions import region_index

MONITOR_FIELDS = frozenset(
    {
        "observer_lat",
        "observer_lon",
        "bearing_min_deg",
        "bearing_max_deg",
        "distance_min_m",
        "distance_max_m",
        "route",
        "patrol_route",
        "team",
        "sensor_id",
    }
)
"""Fields never published: they place a monitor (observer position, bearing and distance from
the observer, patrol routes) or name the team or sensor that stood there."""
METRES_PER_MICRO_DEGREE = 0.111_195
"""Along a meridian (and at most along a parallel): 111.195 km per degree."""

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class Coarsening(StrEnum):
    """How public coordinates are coarsened."""

    GRID = "grid"
    """To the centre of a ``grid_deg`` cell."""
    REGION = "region"
    """To the centroid of the region (oblast) the point lies in; a grid cell outside them."""


@dataclass(frozen=True)
class PublicationPolicy:
    """The delay and coarsening of public outputs (settings ``CEASEFIRE_PUBLIC_*``)."""

    delay_hours: int = 72
    grid_deg: float = 0.1
    coarsening: Coarsening = Coarsening.GRID

    def __post_init__(self) -> None:
        if self.delay_hours < 0:
            raise ConfigurationError(
                f"publication delay: {self.delay_hours} hours; expected 0 or more"
            )
        if not (math.isfinite(self.grid_deg) and 0 < self.grid_deg <= 10):
            raise ConfigurationError(
                f"publication grid: {self.grid_deg}°; expected more than 0 and at most 10"
            )

    @property
    def grid_micro(self) -> int:
        """The grid cell's side in micro-degrees."""
        return max(1, round(self.grid_deg * 1_000_000))

    def cutoff(self, now: datetime) -> datetime:
        """Events ending after this moment are withheld from outputs published at ``now``."""
        return now - timedelta(hours=self.delay_hours)

    def describe(self, now: datetime) -> str:
        """One sentence for the reader of a public output."""
        where = (
            "the centroid of their region"
            if self.coarsening is Coarsening.REGION
            else f"the centre of a {self.grid_deg:g}° grid cell"
        )
        return (
            f"Public edition: incidents that ended less than {self.delay_hours} hours before "
            f"publication ({self.cutoff(now):%Y-%m-%d %H:%M} UTC) are withheld; positions are "
            f"moved to {where}; monitors' positions, bearings, distances and routes are not "
            "published."
        )


def withheld(end_s: IntArray, now: datetime, policy: PublicationPolicy) -> npt.NDArray[np.bool_]:
    """True per incident that a public output at ``now`` must withhold (``end_s`` -1: undated).

    >>> from datetime import UTC
    >>> now = datetime(2025, 4, 23, tzinfo=UTC)
    >>> old, new = datetime(2025, 4, 19, tzinfo=UTC), datetime(2025, 4, 22, tzinfo=UTC)
    >>> withheld(np.array([old.timestamp(), new.timestamp(), -1], dtype=np.int64), now,
    ...          PublicationPolicy(delay_hours=72)).tolist()
    [False, True, True]
    """
    limit = int(policy.cutoff(now).timestamp())
    return np.asarray((end_s < 0) | (end_s > limit), dtype=np.bool_)


def coarsen_micro(
    lon: IntArray, lat: IntArray, policy: PublicationPolicy
) -> tuple[IntArray, IntArray]:
    """Micro-degree coordinates moved to the centre of their grid cell (integer arithmetic)."""
    cell = policy.grid_micro

    def centre(values: IntArray) -> IntArray:
        return np.asarray(np.floor_divide(values, cell) * cell + cell // 2, dtype=np.int64)

    return centre(np.asarray(lon, dtype=np.int64)), centre(np.asarray(lat, dtype=np.int64))


def coarsen_degrees(
    lon: FloatArray,
    lat: FloatArray,
    policy: PublicationPolicy,
    regions: Regions | None = None,
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Coarsened degrees and the smallest radius (metres) a reader must be told, per point.

    Points that are not located stay NaN (radius 0). With :attr:`Coarsening.REGION` and
    ``regions``, a point inside a region moves to its centroid; any other point to its grid cell.
    """
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    located = np.isfinite(lon) & np.isfinite(lat)
    out_lon, out_lat = np.full(lon.shape, np.nan), np.full(lat.shape, np.nan)
    radius = np.zeros(lon.shape, dtype=np.int64)
    index = np.flatnonzero(located)
    micro_lon = np.round(lon[index] * 1_000_000).astype(np.int64)
    micro_lat = np.round(lat[index] * 1_000_000).astype(np.int64)
    grid_lon, grid_lat = coarsen_micro(micro_lon, micro_lat, policy)
    out_lon[index], out_lat[index] = grid_lon / 1_000_000, grid_lat / 1_000_000
    radius[index] = _half_diagonal_m(policy.grid_micro, policy.grid_micro)
    if policy.coarsening is Coarsening.REGION and regions is not None and len(index):
        found = region_index(regions, lon[index], lat[index])
        for number in np.unique(found[found >= 0]).tolist():
            shape = regions.shapes[number]
            chosen = index[found == number]
            out_lon[chosen], out_lat[chosen] = shape.centroid.x, shape.centroid.y
            west, south, east, north = shape.bounds
            radius[chosen] = _half_diagonal_m(
                round((east - west) * 1_000_000), round((north - south) * 1_000_000)
            )
    return out_lon, out_lat, radius


def _half_diagonal_m(width_micro: int, height_micro: int) -> int:
    return math.ceil(math.hypot(width_micro, height_micro) / 2 * METRES_PER_MICRO_DEGREE)


def public_radius_m(radius_m: int | None, policy: PublicationPolicy) -> int:
    """The radius a public output states after grid coarsening: at least half the cell diagonal.

    >>> public_radius_m(300, PublicationPolicy(grid_deg=0.1))
    7863
    """
    floor = _half_diagonal_m(policy.grid_micro, policy.grid_micro)
    return max(radius_m or 0, floor)


def redact(record: Mapping[str, object]) -> dict[str, object]:
    """``record`` without :data:`MONITOR_FIELDS`, at any depth (in nested objects and lists)."""
    return {k: _redacted(v) for k, v in record.items() if k not in MONITOR_FIELDS}


def _redacted(value: object) -> object:
    if isinstance(value, Mapping):
        return redact(value)
    if isinstance(value, list | tuple):
        return [_redacted(v) for v in value]
    return value
