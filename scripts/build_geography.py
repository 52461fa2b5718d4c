"""Regenerate the shipped geography and registries from ../shared/data (by hand, never at run time).

    /work/venv/bin/python scripts/build_geography.py [--shared ../shared/data]

Line-of-contact files, the border front and the base map are copied with coordinates rounded to
5 decimals (~1 m). Control areas are simplified (topology preserved) by 0.003° within 1° of that
date's line of contact and by 0.02° further away, islets under ~1 km² dropped, and rounded; the
oblasts are simplified by 0.01°. That keeps each file under ~80 KB. The power-plant registries
are copied as they are. Every file written here is listed in DATA-NOTICE.md with its licence
and attribution.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parent.parent
GEOGRAPHY = ROOT / "src" / "ceasefire" / "data" / "geography"
REGISTRIES = ROOT / "src" / "ceasefire" / "data" / "registries"
SNAPSHOTS = [
    "2025-03-10",
    "2025-03-17",
    "2025-03-24",
    "2025-04-16",
    "2025-04-18",
    "2025-04-21",
    "2025-05-07",
    "2025-05-10",
]
TOLERANCE_DEG = 0.003  # near the line of contact (~300 m)
FAR_TOLERANCE_DEG = 0.02  # control areas more than 1° from the line (~2 km)
NEAR_DEG = 1.0  # 74-111 km: wider than the widest withdrawal zone (70 km)
OBLAST_TOLERANCE_DEG = 0.01
MIN_PART_DEG2 = 1e-4  # drop islets and slivers under ~1 km²
REGISTRY_FILES = ["gppd_v1.3_ukraine.csv", "gppd_wri_raw_Russia_border_regions.csv"]


def _simplified(geom: Any, tolerance: float, near: Any | None) -> Any:
    """Simplify by ``tolerance`` inside ``near`` and by FAR_TOLERANCE_DEG outside it."""
    if near is None:
        return geom.simplify(tolerance, preserve_topology=True)
    if geom.geom_type == "MultiPolygon":
        geom = shapely.MultiPolygon([p for p in geom.geoms if p.area >= MIN_PART_DEG2])
    close = geom.simplify(tolerance, preserve_topology=True).intersection(near)
    far = geom.simplify(FAR_TOLERANCE_DEG, preserve_topology=True).difference(near)
    return close.union(far)


def _rounded(geometry: Any, tolerance: float | None, near: Any | None) -> dict[str, Any]:
    geom = shape(geometry)
    if tolerance is not None:
        geom = _simplified(geom, tolerance, near)
    geom = shapely.set_precision(geom, 1e-5)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return dict(mapping(geom))


def _write_layer(
    source: Path, target: Path, tolerance: float | None = None, near: Any | None = None
) -> None:
    collection = json.loads(source.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        feature["geometry"] = _rounded(feature["geometry"], tolerance, near)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    target.write_text(text + "\n", encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(text) // 1024} KB")


def build(shared: Path) -> None:
    """Write every shipped layer and registry from the reference data in ``shared``."""
    GEOGRAPHY.mkdir(parents=True, exist_ok=True)
    REGISTRIES.mkdir(parents=True, exist_ok=True)
    derived = shared / "derived"
    for day in SNAPSHOTS:
        name = f"line_of_contact_{day}.geojson"
        _write_layer(derived / name, GEOGRAPHY / name)
        line = json.loads((derived / name).read_text(encoding="utf-8"))["features"][0]
        near = shape(line["geometry"]).buffer(NEAR_DEG, quad_segs=2)
        name = f"control_{day}.geojson"
        _write_layer(derived / name, GEOGRAPHY / name, TOLERANCE_DEG, near)
    for name in ["ua_ru_border_front.geojson", "basemap_countries.geojson"]:
        _write_layer(derived / name, GEOGRAPHY / name)
    _write_layer(
        shared / "boundaries" / "geoBoundaries-UKR-ADM1_simplified.geojson",
        GEOGRAPHY / "oblasts_ukraine.geojson",
        OBLAST_TOLERANCE_DEG,
    )
    for name in REGISTRY_FILES:
        shutil.copyfile(shared / "energy" / name, REGISTRIES / name)
        print(f"{(REGISTRIES / name).relative_to(ROOT)}: copied")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    build(parser.parse_args().shared)


if __name__ == "__main__":
    main()
