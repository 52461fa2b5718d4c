"""Which side holds the ground under a point, *clearly*: inside one party's control area and
further than the point's uncertainty from every other party's area.

Near the line of contact a report placed 2 km off may be on either side; such a point has no
clear side (-1), and rules that depend on the side (which complaints can be about an incident,
where fire came from) do not use it.

>>> from shapely.geometry import box
>>> control = {"UA": box(36, 47, 38, 48), "RU": box(36, 48, 38, 49)}
>>> parties, side = clear_sides(np.array([37.0, 37.0, 37.0]), np.array([47.5, 47.99, 48.5]),
...     np.array([2.0, 2.0, 2.0]), control)
>>> [None if s < 0 else parties[s] for s in side.tolist()]
['UA', None, 'RU']
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ceasefire.core.verification.model import FloatArray, IntArray, ObjectArray
from ceasefire.core.verification.spatial import KM_PER_DEG_LON_EQUATOR


def clear_sides(
    lon: FloatArray, lat: FloatArray, margin_km: FloatArray, control: dict[str, BaseGeometry]
) -> tuple[list[str], IntArray]:
    """The parties (upper-case codes, in ``control``'s order) and, for each point, the index of
    the party whose area holds it with more than ``margin_km`` to any other party's area, or -1.

    Distances are judged in degrees at the east-west scale of the point's latitude (the larger
    number of degrees per km), so a point is never called clear when it lies within its margin.
    """
    parties = [str(p).strip().upper() for p in control]
    side = np.full(lon.size, -1, dtype=np.int64)
    finite = np.isfinite(lon) & np.isfinite(lat) & np.isfinite(margin_km)
    if lon.size == 0 or not control or not finite.any():
        return parties, side
    rows = np.flatnonzero(finite)
    x, y = lon[rows], lat[rows]
    points: ObjectArray = np.asarray(shapely.points(x, y), dtype=object)
    reach = margin_km[rows] / (KM_PER_DEG_LON_EQUATOR * np.cos(np.radians(y)))
    areas = list(control.values())
    for area in areas:
        shapely.prepare(area)
    for p, area in enumerate(areas):
        inside = shapely.contains_xy(area, x, y)
        todo = np.flatnonzero(inside & (side[rows] < 0))
        clear = np.ones(todo.size, dtype=bool)
        for q, other in enumerate(areas):
            if q != p and todo.size:
                near = shapely.dwithin(other, points[todo], reach[todo])  # type: ignore[call-overload]
                clear &= np.logical_not(np.asarray(near, dtype=np.bool_))
        side[rows[todo[clear]]] = p
    return parties, side


def party_codes(values: ObjectArray, parties: list[str]) -> IntArray:
    """Index of each value (a party code, any case) in ``parties``; -1 when absent or None."""
    index = {p: k for k, p in enumerate(parties)}
    return np.array(
        [-1 if v is None else index.get(str(v).strip().upper(), -1) for v in values.tolist()],
        dtype=np.int64,
    )
