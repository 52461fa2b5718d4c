"""The shipped layers the map is drawn from: base map, oblasts and the line of contact."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry


def _path(name: str) -> Path:
    return Path(str(resources.files("ceasefire") / "data" / "geography" / f"{name}.geojson"))


@lru_cache(maxsize=16)
def shipped_layer(name: str) -> tuple[tuple[str, BaseGeometry], ...]:
    """(name, geometry) of every feature of a shipped layer (``oblasts_ukraine``…)."""
    document = json.loads(_path(name).read_text(encoding="utf-8"))
    out = []
    for feature in document["features"]:
        props = feature.get("properties") or {}
        label = str(props.get("shapeName") or props.get("name") or "")
        out.append((label, shape(feature["geometry"])))
    return tuple(out)
