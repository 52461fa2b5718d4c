"""Which region (oblast) each incident lies in: vectorised point-in-polygon.

>>> from shapely.geometry import box
>>> import numpy as np
>>> regions = Regions(("West", "East"), (box(0, 0, 1, 1), box(1, 0, 2, 1)))
>>> region_names(regions, np.array([0.5, 1.5, 5.0, np.nan]), np.array([0.5, 0.5, 0.5, 0.5]))
['West', 'East', 'elsewhere', 'not located']
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely

from ceasefire.core.reports.model import Regions

ELSEWHERE = "elsewhere"
NOT_LOCATED = "not located"


def region_index(
    regions: Regions, lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64]
) -> npt.NDArray[np.int64]:
    """Index into ``regions.names`` per point; -1 outside every region, -2 when not located.

    Each region is tested once against the points still unassigned (``shapely.contains_xy``
    over the array, after a bounding-box cut), so the cost is one vectorised call per region.
    """
    index = np.full(len(lon), -1, dtype=np.int64)
    located = np.isfinite(lon) & np.isfinite(lat)
    index[~located] = -2
    for number, shape in enumerate(regions.shapes):
        open_ = np.flatnonzero(index == -1)
        if len(open_) == 0:
            break
        west, south, east, north = shape.bounds
        x, y = lon[open_], lat[open_]
        near = open_[(x >= west) & (x <= east) & (y >= south) & (y <= north)]
        if len(near) == 0:
            continue
        shapely.prepare(shape)
        inside = shapely.contains_xy(shape, lon[near], lat[near])
        index[near[inside]] = number
    return index


def region_names(
    regions: Regions, lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64]
) -> list[str]:
    """The region name of each point (``elsewhere`` / ``not located`` when none)."""
    names = [*regions.names, NOT_LOCATED, ELSEWHERE]  # -2 and -1 index from the end
    return [names[i] for i in region_index(regions, lon, lat)]
