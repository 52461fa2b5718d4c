import numpy as np
import pytest
from pyproj import Geod
from shapely import LineString, box

from ceasefire.core.agreement.zones import buffer_zone, distances_m, within_zone

LINE = LineString([(37.0, 47.0), (37.0, 49.5)])
WEST = box(30.0, 44.0, 37.0, 52.0)  # the side west of the line


def _lon_at_distance_west(km: float, lat: float = 48.2) -> float:
    lons = np.linspace(36.0, 37.0, 20001)
    d = distances_m(LINE, lons.tolist(), [lat] * len(lons))
    return float(lons[np.argmin(np.abs(d - km * 1000))])


def test_point_20km_behind_the_line_is_in_the_25km_zone_not_the_15km_zone() -> None:
    lon = _lon_at_distance_west(20)
    assert within_zone(buffer_zone(LINE, WEST, 25_000), [lon], [48.2])[0]
    assert not within_zone(buffer_zone(LINE, WEST, 15_000), [lon], [48.2])[0]


def test_zone_stays_on_the_sides_own_ground() -> None:
    zone = buffer_zone(LINE, WEST, 25_000)
    east_lon = 37.0 + (37.0 - _lon_at_distance_west(10))
    assert not within_zone(zone, [east_lon], [48.2])[0]


def test_distances_agree_with_the_ellipsoid_to_within_half_a_percent() -> None:
    _, _, geodesic = Geod(ellps="WGS84").inv(36.0, 48.2, 37.0, 48.2)
    measured = distances_m(LINE, [36.0], [48.2])[0]
    assert measured == pytest.approx(geodesic, rel=0.005)


def test_within_zone_is_vectorised() -> None:
    zone = buffer_zone(LINE, WEST, 25_000)
    lons = np.array([36.9, 36.5, 36.0, 37.1])
    assert within_zone(zone, lons, np.full(4, 48.2)).tolist() == [True, False, False, False]
