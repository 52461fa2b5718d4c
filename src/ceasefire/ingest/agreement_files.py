"""Agreement documents on disk: read a YAML file and resolve its geography layers (an edge).

A layer reference is ``package:NAME`` for a file shipped in ``ceasefire/data/geography`` (for
registries: ``ceasefire/data/registries``), or a path relative to the agreement file that must
stay inside that file's folder. ``#property=value`` after a GeoJSON reference selects the
features whose property has that value (``package:control_2025-04-18.geojson#party=UA``).
Errors name the file and the field path, e.g.
``ru_easter.yaml: geography.control_areas[0].file: ...``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ceasefire.core.agreement import Agreement, parse_agreement
from ceasefire.core.agreement.geography import Registry
from ceasefire.core.errors import AgreementError

PACKAGE_PREFIX = "package:"
MAX_FILE_BYTES = 2_000_000


def _data_folder(name: str) -> Path:
    return Path(str(resources.files("ceasefire") / "data" / name))


def shipped_agreement_paths() -> list[Path]:
    """The agreement documents shipped in ``ceasefire/data/agreements``, sorted by name."""
    return sorted(_data_folder("agreements").glob("*.yaml"))


def resolve_ref(ref: str, base: Path | None = None, folder: str = "geography") -> Path:
    """The file a layer reference names (without any ``#property=value`` selector).

    Raises ValueError with a plain message when the reference leaves its folder or is absolute.
    """
    name = ref.split("#", 1)[0]
    if name.startswith(PACKAGE_PREFIX):
        root = _data_folder(folder)
        target = root / name.removeprefix(PACKAGE_PREFIX)
    else:
        if base is None:
            raise ValueError(f"{ref!r} is relative but there is no agreement file to resolve it")
        if Path(name).is_absolute():
            raise ValueError(f"{ref!r} is absolute; give a path relative to the agreement file")
        root = base
        target = base / name
    resolved, folder_path = target.resolve(), root.resolve()
    if not resolved.is_relative_to(folder_path):
        raise ValueError(f"{ref!r} points outside {folder_path}")
    if not resolved.is_file():
        raise ValueError(f"layer file {ref!r} not found (looked for {resolved})")
    return resolved


def _selector(ref: str) -> tuple[str, str] | None:
    if "#" not in ref:
        return None
    key, _, value = ref.split("#", 1)[1].partition("=")
    return key, value


@lru_cache(maxsize=64)
def _load(path: Path, selector: tuple[str, str] | None) -> BaseGeometry:
    try:
        if path.stat().st_size > MAX_FILE_BYTES * 5:
            raise ValueError(f"{path.name} is larger than {MAX_FILE_BYTES * 5} bytes")
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path.name} is not readable GeoJSON: {exc}") from None
    features = _features(document, path.name)
    if selector is not None:
        key, value = selector
        features = [f for f in features if str((f.get("properties") or {}).get(key)) == value]
        if not features:
            raise ValueError(f"{path.name} has no feature with {key}={value}")
    geometries = []
    for index, feature in enumerate(features):
        try:
            geometry = shape(feature["geometry"])
        except Exception as exc:  # shapely raises several types for malformed coordinates
            raise ValueError(f"{path.name} feature {index}: not a geometry ({exc})") from None
        reason = shapely.is_valid_reason(geometry)
        if reason != "Valid Geometry":
            raise ValueError(f"{path.name} feature {index}: invalid geometry ({reason})")
        west, south, east, north = geometry.bounds
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise ValueError(f"{path.name} feature {index}: coordinates are not lon/lat degrees")
        geometries.append(geometry)
    if len(geometries) == 1:
        return geometries[0]
    return shapely.union_all(geometries)


def _features(document: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(document, dict):
        raise ValueError(f"{name} is not a GeoJSON object")
    if document.get("type") == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list) or not features:
            raise ValueError(f"{name} has no features")
        return [f for f in features if isinstance(f, dict)]
    if document.get("type") == "Feature":
        return [document]
    return [{"type": "Feature", "properties": {}, "geometry": document}]


def load_layer(ref: str, base: Path | None = None) -> BaseGeometry:
    """The geometry of a layer reference (cached); :class:`AgreementError` naming the layer."""
    try:
        return _load(resolve_ref(ref, base), _selector(ref))
    except ValueError as exc:
        raise AgreementError(ref, [str(exc)]) from None


def layer_source(agreement_path: Path) -> Callable[[str], BaseGeometry]:
    """A layer loader for the agreement file at ``agreement_path`` (for ``withdrawal_zone``)."""
    base = agreement_path.resolve().parent
    return lambda ref: load_layer(ref, base)


def _check_registry(registry: Registry, base: Path) -> None:
    path = resolve_ref(registry.file, base, folder="registries")
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    wanted = (registry.name_column, registry.latitude_column, registry.longitude_column)
    missing = [column for column in wanted if column not in header]
    if missing:
        raise ValueError(f"{path.name} has no column(s) {', '.join(missing)}")


def check_layers(agreement: Agreement, base: Path) -> list[str]:
    """Every layer that cannot be found, read or is geometrically invalid, by field path."""
    problems = []
    for path, layer in agreement.geography.layers():
        try:
            if isinstance(layer, Registry):
                _check_registry(layer, base)
            else:
                _load(resolve_ref(layer.file, base), _selector(layer.file))
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path}.file: {exc}")
    for index, area in enumerate(agreement.geography.control_areas):
        for party in agreement.parties:
            if party.kind.value not in {"state", "armed_group"}:
                continue
            try:
                _load(resolve_ref(area.file, base), (area.party_property, party.code))
            except ValueError as exc:
                problems.append(f"geography.control_areas[{index}].file: {exc}")
    return problems


def read_agreement(path: Path | str) -> Agreement:
    """Read, validate and resolve an agreement document; :class:`AgreementError` on any problem."""
    path = Path(path)
    source = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise AgreementError(source, [f"the file is larger than {MAX_FILE_BYTES} bytes"])
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AgreementError(source, ["the file does not exist"]) from None
    except UnicodeDecodeError as exc:
        raise AgreementError(
            source, [f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8"]
        ) from None
    except OSError as exc:
        raise AgreementError(source, [f"cannot read the file: {exc.strerror}"]) from None
    agreement = parse_agreement(text, source)
    problems = check_layers(agreement, path.resolve().parent)
    if problems:
        raise AgreementError(source, problems)
    return agreement
