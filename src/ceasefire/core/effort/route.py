"""Routes and points as written in effort files, turned into integer micro-degrees.

A route is a line of at least two points, written in one of three forms (longitude first in
all of them, as in WKT and GeoJSON):

* WKT: ``LINESTRING (37.17 48.28, 37.21 48.30)``
* pairs: ``37.17 48.28; 37.21 48.30`` (``lon lat`` pairs split by ``;``)
* GeoJSON coordinates: ``[[37.17, 48.28], [37.21, 48.30]]``

Each point becomes ``(lon, lat)`` in integer micro-degrees, so no float reaches hashed content.

>>> parse_route("LINESTRING (37.17 48.28, 37.21 48.3)")
((37170000, 48280000), (37210000, 48300000))
>>> parse_route("37.17 48.28; 37.21 48.30") == parse_route("[[37.17, 48.28], [37.21, 48.3]]")
True
>>> round(route_length_m(parse_route("37.0 48.0; 37.0 48.1")))
11119
"""

from __future__ import annotations

import json
import math
import re

from pyproj import Geod

from ceasefire.core.ledger.canonical import micro_degrees

Position = tuple[int, int]
"""``(lon, lat)`` in integer micro-degrees."""

BBox = tuple[float, float, float, float]
"""min_lon, min_lat, max_lon, max_lat in degrees."""

MAX_POINTS = 10_000
"""Routes longer than this are refused (a GPS track should be thinned first)."""

_WKT = re.compile(r"^\s*LINESTRING\s*\((?P<body>[^()]*)\)\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)$")
_GEOD = Geod(ellps="WGS84")


class RouteError(ValueError):
    """A route or point that cannot be read; the message says what was expected."""


def _degrees(text: str, what: str) -> float:
    if not _NUMBER.match(text):
        raise RouteError(f"{text!r} is not a number of degrees ({what})")
    return float(text)


def _position(lon: float, lat: float, index: int) -> Position:
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise RouteError(f"point {index + 1}: coordinates must be finite")
    if not -180 <= lon <= 180:
        raise RouteError(f"point {index + 1}: longitude {lon:g} is outside -180 … 180")
    if not -90 <= lat <= 90:
        raise RouteError(
            f"point {index + 1}: latitude {lat:g} is outside -90 … 90 "
            "(routes are written longitude first)"
        )
    return micro_degrees(lon), micro_degrees(lat)


def _pairs(parts: list[str]) -> list[tuple[float, float]]:
    pairs = []
    for index, part in enumerate(parts):
        numbers = part.split()
        if len(numbers) != 2:
            raise RouteError(
                f"point {index + 1} {part.strip()!r}: expected 'longitude latitude' "
                "(two numbers; 3-D points are not read)"
            )
        pairs.append((_degrees(numbers[0], "longitude"), _degrees(numbers[1], "latitude")))
    return pairs


def _json_pairs(text: str) -> list[tuple[float, float]]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise RouteError("not valid JSON coordinates (expected [[lon, lat], …])") from exc
    if not isinstance(value, list):
        raise RouteError("expected a list of [lon, lat] pairs")
    pairs = []
    for index, item in enumerate(value):
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(isinstance(n, int | float) and not isinstance(n, bool) for n in item)
        ):
            raise RouteError(f"point {index + 1}: expected [lon, lat] (two numbers)")
        pairs.append((float(item[0]), float(item[1])))
    return pairs


def parse_route(text: str) -> tuple[Position, ...]:
    """The points of a written route; raises :class:`RouteError` naming what is wrong."""
    written = text.strip()
    if written.startswith("["):
        pairs = _json_pairs(written)
    elif match := _WKT.match(written):
        pairs = _pairs(match["body"].split(","))
    elif re.match(r"^\s*[A-Za-z]", written):
        raise RouteError(
            "expected a WKT LINESTRING (lon lat, lon lat, …), 'lon lat; lon lat' pairs "
            "or GeoJSON coordinates [[lon, lat], …]"
        )
    else:
        pairs = _pairs(written.split(";"))
    if len(pairs) < 2:
        raise RouteError("a route needs at least two points")
    if len(pairs) > MAX_POINTS:
        raise RouteError(f"more than {MAX_POINTS} points; thin the track first")
    return tuple(_position(lon, lat, i) for i, (lon, lat) in enumerate(pairs))


def route_length_m(route: tuple[Position, ...]) -> float:
    """Geodesic length of a route on the WGS84 ellipsoid, in metres."""
    lons = [lon / 1e6 for lon, _ in route]
    lats = [lat / 1e6 for _, lat in route]
    return float(_GEOD.line_length(lons, lats))


def inside(lon: float, lat: float, area: BBox) -> bool:
    """Whether a point (degrees) lies in the bounding box ``area``."""
    min_lon, min_lat, max_lon, max_lat = area
    return min_lon <= lon <= max_lon and min_lat <= lat <= max_lat


def swapped_at(points: tuple[Position, ...], area: BBox) -> int | None:
    """Index of the first point outside ``area`` whose mirror (lat ↔ lon) lies inside it.

    >>> swapped_at(((48280000, 37170000),), (22.0, 44.0, 41.0, 53.0))
    0
    """
    for index, (lon, lat) in enumerate(points):
        x, y = lon / 1e6, lat / 1e6
        if not inside(x, y, area) and inside(y, x, area):
            return index
    return None
