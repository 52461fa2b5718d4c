"""GeoJSON: a FeatureCollection of Point features whose properties are flat column names.

The point's coordinates ``[longitude, latitude]`` become ``lon`` and ``lat``; a feature's ``id``
becomes ``key`` when the properties have none. A feature without geometry is read from its
properties alone (e.g. a ``place_name``). Row numbers are feature positions: the first feature
is row 1 (feature index + 1). A feature that is not a Point (a LineString, a Polygon, and say so
when the polygon is also invalid, e.g. self-intersecting) is a problem for its row; bad JSON, a
wrong encoding or a top level that is not a FeatureCollection refuses the whole file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from shapely.geometry import shape
from shapely.validation import explain_validity

from ceasefire.core.errors import IngestError, RowProblem
from ceasefire.ingest.base import DEFAULT_CHUNK_ROWS, RawChunk
from ceasefire.ingest.jsonl import ALWAYS, loads, object_cells

NAME = "geojson"
KIND = "observations"
DESCRIPTION = "GeoJSON FeatureCollection of Points, properties = flat column names"

MAX_BYTES = 256 * 1024 * 1024
"""GeoJSON is read whole; larger files should be JSON Lines or CSV."""

_COLLECTION = re.compile(r'"type"\s*:\s*"FeatureCollection"')


def sniff(head: str) -> bool:
    """True when the text is a JSON object that declares ``"type": "FeatureCollection"``."""
    return head.lstrip().startswith("{") and _COLLECTION.search(head) is not None


def read_chunks(path: Path, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[RawChunk]:
    """Chunks of raw flat columns, one row per feature."""
    features = _features(path)
    for first in range(0, len(features), chunk_rows):
        chunk = RawChunk(columns={name: [] for name in ALWAYS}, rows=[])
        for index in range(first, min(first + chunk_rows, len(features))):
            cells, problems = feature_cells(features[index], index + 1)
            if problems:
                chunk.problems.extend(problems)
                continue
            for name in cells:
                if name not in chunk.columns:
                    chunk.columns[name] = [None] * chunk.size
            for name, values in chunk.columns.items():
                values.append(cells.get(name))
            chunk.rows.append(index + 1)
        yield chunk


def _features(path: Path) -> list[object]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(
                source,
                f"{size} bytes is too large for GeoJSON (at most "
                f"{MAX_BYTES}); use JSON Lines or CSV",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(source, f"cannot read the file: {exc.strerror}") from exc
    if not data.strip():
        raise IngestError(source, "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise IngestError(
            source, f"line {line}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8"
        ) from exc
    try:
        document = loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            source, f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise IngestError(source, f"not valid JSON ({exc})") from exc
    if not isinstance(document, Mapping) or document.get("type") != "FeatureCollection":
        got = document.get("type") if isinstance(document, Mapping) else type(document).__name__
        raise IngestError(
            source, f"expected a GeoJSON FeatureCollection at the top level, got {got!r}"
        )
    features = document.get("features")
    if not isinstance(features, list):
        raise IngestError(source, "field features: expected a list of features")
    return features


def feature_cells(feature: object, row: int) -> tuple[dict[str, str | None], list[RowProblem]]:
    """Flat text cells of one feature, and a problem per bad member."""
    if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
        return {}, [RowProblem(row, "(feature)", "expected a GeoJSON Feature object")]
    properties = feature.get("properties")
    if properties is None:
        properties = {}
    cells, problems = object_cells(properties, row)
    if problems and not isinstance(properties, Mapping):
        return {}, [RowProblem(row, "properties", "expected an object of flat columns")]
    feature_id = feature.get("id")
    usable_id = isinstance(feature_id, str | int) and not isinstance(feature_id, bool)
    if cells.get("key") is None and usable_id:
        cells["key"] = str(feature_id)
    geometry = feature.get("geometry")
    if geometry is not None:
        point, problem = _point(geometry, row)
        if problem is not None:
            problems.append(problem)
        elif point is not None:
            for name, value in zip(("lon", "lat"), point, strict=True):
                given = cells.get(name)
                if given is not None and _differs(given, value):
                    problems.append(
                        RowProblem(
                            row,
                            name,
                            f"property {name}={given} differs from the geometry's {value}",
                        )
                    )
                cells[name] = value
    return cells, problems


def _point(geometry: object, row: int) -> tuple[tuple[str, str] | None, RowProblem | None]:
    if not isinstance(geometry, Mapping):
        return None, RowProblem(row, "geometry", "expected a GeoJSON geometry object or null")
    kind = geometry.get("type")
    if kind != "Point":
        reason = f"expected a Point, got {kind!r}"
        invalid = _invalidity(geometry) if kind in ("Polygon", "MultiPolygon") else None
        if invalid:
            reason += f" that is also invalid ({invalid})"
        return None, RowProblem(row, "geometry", reason)
    coords = geometry.get("coordinates")
    numbers = isinstance(coords, list) and all(
        isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c) for c in coords
    )
    if not numbers or not isinstance(coords, list) or len(coords) not in (2, 3):
        return None, RowProblem(
            row, "geometry", "expected Point coordinates [longitude, latitude] as numbers"
        )
    return (repr(coords[0]), repr(coords[1])), None


def _invalidity(geometry: Mapping[str, object]) -> str | None:
    """shapely's reason a polygon is invalid (e.g. ``Self-intersection[…]``), if it is."""
    try:
        polygon = shape(dict(geometry))
    except Exception:  # shapely/GEOS raise many error types on malformed coordinates
        return "unreadable coordinates"
    reason = explain_validity(polygon)
    return None if reason == "Valid Geometry" else reason


def _differs(given: str, value: str) -> bool:
    try:
        return abs(float(given) - float(value)) > 1e-9
    except ValueError:
        return True
