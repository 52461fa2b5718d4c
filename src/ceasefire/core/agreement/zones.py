"""Withdrawal zones: per side and per weapon class, from that side's own reference line.

A side's zone for a weapon class is the band within the class's withdrawal distance of the
side's reference line valid at the time in question, inside the area the side controls then.
Distances are measured in an azimuthal equidistant projection centred on the line (error well
under 0.5 % across the Russia-Ukraine front); shapes are computed with shapely 2's array
functions. Layers are looked up through a ``layers`` callable given by an edge (the core reads
no files).

>>> from shapely import LineString, box
>>> line = LineString([(37.0, 47.0), (37.0, 49.0)])
>>> zone = buffer_zone(line, box(30.0, 44.0, 37.0, 52.0), 25_000)
>>> bool(within_zone(zone, [36.75], [48.0])[0]), bool(within_zone(zone, [36.6], [48.0])[0])
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry

from ceasefire.core.agreement.model import Agreement
from ceasefire.core.errors import AgreementError

LayerSource = Callable[[str], BaseGeometry]
"""Returns the geometry of a layer reference (``package:NAME[#party=UA]``)."""


@dataclass(frozen=True)
class Zone:
    """A derived zone with what it was derived from (for rule traces)."""

    term: str
    party: str
    weapon_class: str
    distance_m: int
    reference_line: str
    control_area: str
    geometry: BaseGeometry


def metric_crs(geometry: BaseGeometry) -> CRS:
    """An azimuthal equidistant CRS centred on ``geometry``'s bounding box (to 0.1°)."""
    west, south, east, north = geometry.bounds
    lon = round((west + east) / 2, 1)
    lat = round((south + north) / 2, 1)
    return CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")


def _transformed(geometry: BaseGeometry, transformer: Transformer) -> BaseGeometry:
    def apply(coords: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, apply)


def buffer_zone(
    line: BaseGeometry, control: BaseGeometry, distance_m: int, crs: CRS | None = None
) -> BaseGeometry:
    """Points within ``distance_m`` metres of ``line`` that lie in ``control`` (lon/lat in, out)."""
    crs = crs or metric_crs(line)
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    back = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    band = shapely.buffer(_transformed(line, forward), distance_m, quad_segs=16)
    band_lonlat = _transformed(band, back)
    clipped = shapely.clip_by_rect(control, *band_lonlat.bounds)
    return shapely.intersection(band_lonlat, clipped)


def within_zone(zone: BaseGeometry, lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """Vectorised point-in-zone test for arrays of longitudes and latitudes."""
    shapely.prepare(zone)
    x = np.asarray(lon, dtype=np.float64)
    y = np.asarray(lat, dtype=np.float64)
    return np.asarray(shapely.contains_xy(zone, x, y), dtype=np.bool_)


def distances_m(
    line: BaseGeometry, lon: Sequence[float], lat: Sequence[float]
) -> NDArray[np.float64]:
    """Metric distance of each point to ``line`` (for traces and tests)."""
    crs = metric_crs(line)
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    projected = _transformed(line, forward)
    x, y = forward.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(shapely.distance(projected, shapely.points(x, y)), dtype=float)


def withdrawal_zone(
    agreement: Agreement,
    *,
    term_id: str,
    party: str,
    weapon_class: str,
    moment: datetime,
    layers: LayerSource,
) -> Zone:
    """``party``'s withdrawal zone for ``weapon_class`` under ``term_id`` at ``moment``.

    The zone is measured from *that party's* reference line valid at ``moment`` (its own line
    where the agreement gives one) and limited to the area it controls then.
    """
    source = agreement.id
    term = agreement.term(term_id)
    if term is None:
        raise AgreementError(source, [f"no term {term_id!r}"])
    version = term.versions.get(party)
    if version is None:
        raise AgreementError(source, [f"term {term_id!r} has no version for party {party!r}"])
    distance = version.withdrawal_m.get(weapon_class)
    if distance is None:
        raise AgreementError(
            source,
            [f"terms {term_id}.versions.{party}.withdrawal_m has no distance for {weapon_class!r}"],
        )
    line = agreement.geography.reference_line(party, moment)
    area = agreement.geography.control_area(moment)
    if line is None or area is None:
        missing = "reference line" if line is None else "control area"
        raise AgreementError(
            source, [f"geography: no {missing} for {party} valid at {moment.isoformat()}"]
        )
    geometry = buffer_zone(layers(line.file), layers(area.ref_for(party)), distance)
    return Zone(term_id, party, weapon_class, distance, line.id, area.id, geometry)
