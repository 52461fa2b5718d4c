"""Turn raw text columns of storage-site rows into declarations and inspections.

One row is one site × item: a row with ``declared_count`` declares that item for the site (as
of ``declared_at``); a row with ``counted`` records what an inspection at ``inspected_at``
found of it; a row may do both. Site fields (party, name, location, declared_at) repeat on each
declaring row and must agree. A site is stored whole or not at all: one bad row holds back
every row of its site, each told why, because a partial inventory would make "missing" wrong.

>>> sites, inspections, problems = parse_storage_sites(
...     {"site_id": ["S-1", "S-1", "S-1"], "party": ["Ukraine"] * 3,
...      "declared_at": ["2025-04-01"] * 3, "weapon_type": ["mlrs", "tank", "tank"],
...      "calibre_mm": ["122", "125", "125"], "declared_count": ["6", "10", ""],
...      "inspected_at": ["", "", "2025-04-20"], "counted": ["", "", "7"]}, [2, 3, 4])
>>> [len(s.items) for s in sites], [i.counts[0].counted for i in inspections], problems
([2], [7], [])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ceasefire.core.effort.cells import Cells
from ceasefire.core.effort.model import Inspection, InventoryItem, ItemCount, StorageSite
from ceasefire.core.effort.route import BBox, swapped_at
from ceasefire.core.errors import RowProblem
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.weapons import WeaponType

STORAGE_COLUMNS: dict[str, str] = {
    "site_id": "the site's ID, unique across parties (required)",
    "party": "the party that declared the site (required on declaring rows)",
    "site_name": "the site's name as declared",
    "lat": "site latitude, WGS84 degrees",
    "lon": "site longitude, WGS84 degrees",
    "declared_at": "when the inventory was declared, ISO 8601 (required on declaring rows)",
    "source_tz": "IANA time zone of times without offset (default UTC)",
    "weapon_type": "weapon type from the global weapon taxonomy (required; docs/taxonomy.md)",
    "calibre_mm": "calibre in mm, where the declaration gives it",
    "model": "model as declared, e.g. 2S1 Gvozdika",
    "declared_count": "how many of this item the party declared at the site",
    "inspected_at": "when an inspection counted the item, ISO 8601",
    "inspected_by": "who inspected (team)",
    "counted": "how many of this item the inspection found",
}
"""The storage-sites layout: column name → help text."""

MAX_COUNT = 100_000
SITE_FIELDS = ("party", "site_name", "lat", "lon", "declared_at", "source_tz")


@dataclass
class _Row:
    row: int
    site_id: str
    site: dict[str, object] = field(default_factory=dict)
    item: InventoryItem | None = None
    count: ItemCount | None = None
    inspected_at: datetime | None = None
    inspected_by: str | None = None


def parse_storage_sites(
    columns: Mapping[str, Sequence[str | None]],
    rows: Sequence[int],
    *,
    area: BBox | None = None,
    now: datetime | None = None,
) -> tuple[list[StorageSite], list[Inspection], list[RowProblem]]:
    """Declared sites, inspections and problems from raw text columns of the layout."""
    unknown = sorted(set(columns) - set(STORAGE_COLUMNS))
    if unknown:
        raise ValueError(f"unknown storage-site columns: {', '.join(unknown)}")
    groups: dict[str, list[_Row]] = {}
    problems: list[RowProblem] = []
    bad_sites: dict[str, int] = {}
    for index, row in enumerate(rows):
        cells = Cells({name: values[index] for name, values in columns.items()}, row, now=now)
        parsed = _row(cells, area)
        problems.extend(cells.problems)
        if parsed is None:
            continue
        groups.setdefault(parsed.site_id, []).append(parsed)
        if cells.problems:
            bad_sites.setdefault(parsed.site_id, row)
    sites: list[StorageSite] = []
    inspections: list[Inspection] = []
    for site_id, group in groups.items():
        site_problems: list[RowProblem] = []
        site = _site(site_id, group, site_problems)
        found = _inspections(site_id, group, site, site_problems)
        first_bad = bad_sites.get(site_id) or min((p.row for p in site_problems), default=None)
        if first_bad is None:
            sites += [site] if site is not None else []
            inspections += found
            continue
        problems += site_problems
        flagged = {p.row for p in problems}
        problems += [
            RowProblem(r.row, "site_id", f"site {site_id} held back: row {first_bad} is invalid")
            for r in group
            if r.row not in flagged
        ]
    return sites, inspections, problems


def _row(cells: Cells, area: BBox | None) -> _Row | None:
    site_id = cells.text("site_id", required=True)
    zone_name = cells.zone_name()
    lat, lon = cells.degrees("lat", 90), cells.degrees("lon", 180)
    if (cells.text("lat") is None) != (cells.text("lon") is None):
        cells.flag("lat", "lat and lon must be given together")
    if lat is not None and lon is not None and area and swapped_at(((lon, lat),), area) is not None:
        cells.flag("lat", f"latitude {lat / 1e6:g} and longitude {lon / 1e6:g} look swapped")
    weapon = cells.choice("weapon_type", WeaponType, required=True)
    calibre = cells.integer("calibre_mm", minimum=1, maximum=1000)
    model = cells.text("model")
    declared = cells.integer("declared_count", minimum=0, maximum=MAX_COUNT)
    counted = cells.integer("counted", minimum=0, maximum=MAX_COUNT)
    declared_at = cells.time("declared_at", zone_name)
    inspected_at = cells.time("inspected_at", zone_name)
    if cells.text("declared_count") is None and cells.text("counted") is None:
        cells.flag("declared_count", "give declared_count, counted, or both")
    if cells.text("declared_count") is not None:
        for name in ("party", "declared_at"):
            cells.text(name, required=True)
    if cells.text("counted") is not None and cells.text("inspected_at") is None:
        cells.flag("inspected_at", "a counted value needs inspected_at")
    if site_id is None:
        return None
    parsed = _Row(cells.row, site_id, inspected_by=cells.text("inspected_by"))
    parsed.inspected_at = inspected_at
    if weapon is None:
        return parsed
    if declared is not None:
        parsed.item = InventoryItem(weapon, calibre, model, declared, row=cells.row)
        parsed.site = {
            "party": cells.text("party"),
            "site_name": cells.text("site_name"),
            "lat": lat,
            "lon": lon,
            "declared_at": declared_at,
            "source_tz": zone_name,
        }
    if counted is not None:
        parsed.count = ItemCount(weapon, calibre, model, counted, row=cells.row)
    return parsed


def _site(site_id: str, group: list[_Row], problems: list[RowProblem]) -> StorageSite | None:
    declaring = [r for r in group if r.item is not None]
    if not declaring:
        return None
    agreed: dict[str, tuple[int, object]] = {}
    items: dict[tuple[str, int | None, str | None], int] = {}
    for r in declaring:
        for name in SITE_FIELDS:
            value = r.site.get(name)
            if value is None:
                continue
            first = agreed.setdefault(name, (r.row, value))
            if first[1] != value:
                problems.append(
                    RowProblem(r.row, name, f"differs from row {first[0]} of site {site_id}")
                )
        assert r.item is not None
        earlier = items.setdefault(r.item.identity, r.row)
        if earlier != r.row:
            problems.append(
                RowProblem(r.row, "weapon_type", f"item already declared on row {earlier}")
            )
    value = {name: first[1] for name, first in agreed.items()}
    declared_at = value.get("declared_at")
    if problems or not isinstance(declared_at, datetime):
        return None
    return StorageSite(
        site_id=site_id,
        party=str(value["party"]),
        declared_at=declared_at,
        items=tuple(r.item for r in declaring if r.item is not None),
        name=_text(value.get("site_name")),
        lat=_int(value.get("lat")),
        lon=_int(value.get("lon")),
        source_tz=_text(value.get("source_tz")),
        row=declaring[0].row,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _inspections(
    site_id: str, group: list[_Row], site: StorageSite | None, problems: list[RowProblem]
) -> list[Inspection]:
    visits: dict[datetime, list[_Row]] = {}
    for r in group:
        if r.count is not None and r.inspected_at is not None:
            visits.setdefault(r.inspected_at, []).append(r)
    found = []
    for moment, visit in sorted(visits.items()):
        counts = tuple(r.count for r in visit if r.count is not None)
        inspection = Inspection(site_id, moment, counts, visit[0].inspected_by, row=visit[0].row)
        seen: dict[tuple[str, int | None, str | None], int] = {}
        for count in counts:
            earlier = seen.setdefault(count.identity, count.row or 0)
            if earlier != count.row:
                problems.append(
                    RowProblem(count.row or 0, "counted", f"item already counted on row {earlier}")
                )
        if site is not None:
            problems += undeclared_counts(inspection, site)
            if moment < site.declared_at:
                problems.append(
                    RowProblem(
                        visit[0].row,
                        "inspected_at",
                        f"{utc_text(moment)} is before the declaration "
                        f"({utc_text(site.declared_at)})",
                    )
                )
        found.append(inspection)
    return found


def undeclared_counts(inspection: Inspection, site: StorageSite) -> list[RowProblem]:
    """A problem for each count of an item the site's declaration does not list."""
    declared = {item.identity for item in site.items}
    listed = "; ".join(
        " ".join(str(part) for part in item.identity if part is not None) for item in site.items
    )
    return [
        RowProblem(
            count.row or 0,
            "weapon_type",
            f"counted an item not declared for site {inspection.site_id} (declared: {listed})",
        )
        for count in inspection.counts
        if count.identity not in declared
    ]
