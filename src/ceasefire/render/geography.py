"""The shipped layers the map is drawn from: base map, oblasts, lines of contact, control areas,
withdrawal zones derived for display, and the registries of protected objects.

Everything is cached per process: a layer is read and parsed once, a zone derived once.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ceasefire.core.agreement.zones import metric_crs

DISPLAY_TOLERANCE_M = 1_000
"""Lines are simplified to this before a zone is derived for the map (a map, not a finding)."""


def _data(folder: str, file: str) -> Path:
    return Path(str(resources.files("ceasefire") / "data" / folder / file))


def _path(name: str) -> Path:
    return _data("geography", f"{name}.geojson")


def layer_name(ref: str) -> str:
    """``package:line_of_contact_2025-03-10.geojson`` → ``line_of_contact_2025-03-10``."""
    return ref.removeprefix("package:").split("#")[0].removesuffix(".geojson")


@lru_cache(maxsize=32)
def shipped_layer(name: str) -> tuple[tuple[str, BaseGeometry], ...]:
    """(name, geometry) of every feature of a shipped layer (``oblasts_ukraine``…); the name is
    ``shapeName``, ``name`` or ``party`` (control areas)."""
    document = json.loads(_path(name).read_text(encoding="utf-8"))
    out = []
    for feature in document["features"]:
        props = feature.get("properties") or {}
        text = props.get("shapeName") or props.get("name") or props.get("party") or ""
        out.append((str(text), shape(feature["geometry"])))
    return tuple(out)


@lru_cache(maxsize=32)
def _band(line: str, distance_m: int) -> BaseGeometry:
    """Within ``distance_m`` of the shipped ``line`` on both sides (simplified for display)."""
    geometry = shapely.union_all([g for _, g in shipped_layer(line)])
    crs = metric_crs(geometry)
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    back = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)

    def apply(
        transformer: Transformer,
    ) -> Callable[[npt.NDArray[np.float64]], npt.NDArray[np.float64]]:
        def run(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
            x, y = transformer.transform(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        return run

    metric = shapely.simplify(shapely.transform(geometry, apply(forward)), DISPLAY_TOLERANCE_M)
    band = shapely.simplify(shapely.buffer(metric, distance_m, quad_segs=2), DISPLAY_TOLERANCE_M)
    zone: BaseGeometry = shapely.transform(band, apply(back))
    return zone


@lru_cache(maxsize=16)
def _side(control: str, party: str) -> BaseGeometry | None:
    side = [g for name, g in shipped_layer(control) if name == party]
    if not side:
        return None
    area: BaseGeometry = shapely.simplify(shapely.union_all(side), 0.01)
    return area


@lru_cache(maxsize=64)
def display_zone(line: str, party: str, distance_m: int) -> BaseGeometry | None:
    """Within ``distance_m`` of the shipped ``line`` on ``party``'s side (its control area of the
    same date), simplified for display; None when the layers are not shipped."""
    if not _path(line).exists():
        return None
    zone = _band(line, distance_m)
    control = line.replace("line_of_contact_", "control_")
    area = _side(control, party) if _path(control).exists() else None
    if area is not None:
        zone = shapely.intersection(zone, shapely.clip_by_rect(area, *zone.bounds), grid_size=0.001)
    return zone


@lru_cache(maxsize=8)
def registry_points(ref: str) -> tuple[tuple[str, float, float], ...]:
    """(name, lon, lat) of each object of a shipped registry CSV (``package:FILE.csv``)."""
    path = _data("registries", ref.removeprefix("package:"))
    if not path.exists():
        return ()
    out = []
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
        try:
            out.append((row.get("name", ""), float(row["longitude"]), float(row["latitude"])))
        except (KeyError, ValueError):
            continue
    return tuple(out)
