"""Load the shipped gazetteer for text intake (an edge: reads ``ceasefire/data/gazetteer``).

Three sources become one :class:`~ceasefire.core.text.gazetteer.Gazetteer`:

- the GeoNames cities500 extract (Ukraine and Russia's Kursk, Belgorod and Bryansk oblasts),
  with its multilingual and Soviet-era ``alternatenames``;
- the GeoNames admin1 table (``UA.05`` = Donetsk; ``UA.14`` is Luhansk, unlike ISO ``UA-14``);
- the project's curated ``supplement.csv`` (front-line villages below the cut-off, places of
  other ceasefires, talk venues).

Each populated place carries its distance to the line of contact (the latest shipped
``line_of_contact_*.geojson``), used only to break a tie between same-named places.
"""

from __future__ import annotations

import csv
import json
import math
import time
from functools import lru_cache
from importlib import resources
from pathlib import Path

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ceasefire.core.text.gazetteer import Gazetteer, Level, NamedPlace
from ceasefire.core.text.proposals import Resolved
from ceasefire.ingest.places import ADMIN_NAMES, GAZETTEER, admin1_names

SUPPLEMENT = "supplement.csv"
KM_PER_DEGREE = 111.32


def _data(folder: str, name: str) -> Path:
    return Path(str(resources.files("ceasefire") / "data" / folder / name))


def _front_line() -> BaseGeometry | None:
    folder = Path(str(resources.files("ceasefire") / "data" / "geography"))
    files = sorted(folder.glob("line_of_contact_*.geojson"))
    if not files:
        return None
    data = json.loads(files[-1].read_text(encoding="utf-8"))
    return shapely.union_all([shape(f["geometry"]) for f in data["features"]])


def _front_km(lons: list[float], lats: list[float]) -> list[float | None]:
    """Approximate distance (km) of each point to the line of contact (equirectangular)."""
    line = _front_line()
    if line is None or not lons:
        return [None] * len(lons)
    scale = math.cos(math.radians(48.0))
    scaled = shapely.transform(line, lambda xy: xy * [scale, 1.0])
    points = shapely.points([lon * scale for lon in lons], lats)
    return [float(d) * KM_PER_DEGREE for d in shapely.distance(points, scaled)]


def geonames_places() -> list[NamedPlace]:
    """Populated places of the GeoNames extract, with admin1 names and front distances."""
    names = admin1_names()
    rows = []
    with _data("gazetteer", GAZETTEER).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append(row)
    lons = [float(r["longitude"]) for r in rows]
    lats = [float(r["latitude"]) for r in rows]
    fronts = _front_km(lons, lats)
    places = []
    for row, lon, lat, front in zip(rows, lons, lats, fronts, strict=True):
        admin1 = names.get(f"{row['country_code']}.{row['admin1_code']}")
        places.append(
            NamedPlace(
                Resolved("geonames", row["geonameid"], row["name"], row["country_code"], admin1),
                "place",
                (row["name"], row["asciiname"]),
                tuple(a for a in row["alternatenames"].split(",") if a),
                lon,
                lat,
                int(row["population"] or 0),
                front,
            )
        )
    return places


def admin1_regions() -> list[NamedPlace]:
    """First-level regions of the admin1 table (``source: geonames_admin1``)."""
    with _data("gazetteer", ADMIN_NAMES).open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["level"] == "1"]
    return [
        NamedPlace(
            Resolved("geonames_admin1", r["code"], r["name"], r["code"][:2], r["name"]),
            "region",
            (r["name"],),
        )
        for r in rows
    ]


def supplement_places() -> list[NamedPlace]:
    """The curated supplement (``#`` lines are comments)."""
    lines = _data("gazetteer", SUPPLEMENT).read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if line.strip() and not line.startswith("#"))
    places = []
    for r in rows:
        level: Level = "region" if r["level"] == "region" else "place"
        places.append(
            NamedPlace(
                Resolved("supplement", r["id"], r["name"], r["country_code"], r["admin1"] or None),
                level,
                (r["name"],),
                tuple(a for a in r["alternate_names"].split("|") if a),
                float(r["longitude"]),
                float(r["latitude"]),
            )
        )
    return places


@lru_cache(maxsize=1)
def _timed() -> tuple[Gazetteer, float]:
    began = time.perf_counter()
    gazetteer = Gazetteer([*geonames_places(), *admin1_regions(), *supplement_places()])
    return gazetteer, time.perf_counter() - began


def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer (built once per process, then cached)."""
    return _timed()[0]


def gazetteer_load_seconds() -> float:
    """How long building the shipped gazetteer took (seconds; builds it if not yet built)."""
    return _timed()[1]
