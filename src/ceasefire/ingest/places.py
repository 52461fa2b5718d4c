"""Shipped reference lists the demo and later issues read: GeoNames places and power plants.

Files live in ``ceasefire/data/gazetteer`` (GeoNames, CC BY 4.0) and
``ceasefire/data/registries`` (WRI Global Power Plant Database, CC BY 4.0). GeoNames admin1
codes are joined as ``UA.14`` (Luhansk), never by the bare number: ISO 3166-2 ``UA-14`` is
Donetsk.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from ceasefire.core.places import GazetteerEntry, Place, Plant

GAZETTEER = "geonames_cities500_UA_and_RU-Kursk-Belgorod-Bryansk.tsv"
ADMIN_NAMES = "geonames_admin1_admin2_names_UA_RU-border.tsv"
POWER_PLANTS = "gppd_v1.3_ukraine.csv"


def _data(folder: str, name: str) -> Path:
    return Path(str(resources.files("ceasefire") / "data" / folder / name))


def admin1_names() -> dict[str, str]:
    """GeoNames admin1 code (``UA.14``) → name (``Luhansk``)."""
    with _data("gazetteer", ADMIN_NAMES).open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: row["name"]
            for row in csv.DictReader(handle, delimiter="\t")
            if row["level"] == "1"
        }


def shipped_places(*, country: str = "UA", min_population: int = 500) -> list[Place]:
    """Populated places of the shipped GeoNames extract in ``country``, largest first."""
    names = admin1_names()
    places: list[tuple[int, Place]] = []
    with _data("gazetteer", GAZETTEER).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["country_code"] != country:
                continue
            population = int(row["population"] or 0)
            if population < min_population:
                continue
            admin1 = names.get(f"{country}.{row['admin1_code']}", "")
            places.append(
                (
                    population,
                    Place(row["name"], float(row["longitude"]), float(row["latitude"]), admin1),
                )
            )
    places.sort(key=lambda item: -item[0])
    return [place for _, place in places]


def shipped_power_plants() -> list[Plant]:
    """Power plants in Ukraine from the shipped WRI GPPD extract (pre-2022)."""
    with _data("registries", POWER_PLANTS).open(encoding="utf-8", newline="") as handle:
        return [
            Plant(row["name"], float(row["longitude"]), float(row["latitude"]), row["primary_fuel"])
            for row in csv.DictReader(handle)
        ]


def gazetteer_entries() -> list[GazetteerEntry]:
    """Every place of the shipped GeoNames extract (Ukraine and Russia's border oblasts)."""
    names = admin1_names()
    entries: list[GazetteerEntry] = []
    with _data("gazetteer", GAZETTEER).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            admin1 = names.get(f"{row['country_code']}.{row['admin1_code']}", "")
            alternates = tuple(a for a in row["alternatenames"].split(",") if a)
            entries.append(
                GazetteerEntry(
                    row["name"],
                    (row["asciiname"], *alternates),
                    float(row["longitude"]),
                    float(row["latitude"]),
                    admin1,
                    int(row["population"] or 0),
                )
            )
    return entries
