"""Tables and writers for observation effort and weapon storage sites.

Each record keeps its canonical bytes and their SHA-256, like observations and claims. The same
natural key with new content is a new revision linked to the previous one (``previous_id``) and
becomes ``current``; the same content again is a duplicate. Routes are kept in the canonical
bytes (micro-degrees) and, for spatial queries, as WKB with a bounding box in micro-degrees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import shapely
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
    update,
)

from ceasefire.core.effort import (
    EffortRecord,
    Inspection,
    InventoryItem,
    ItemCount,
    StorageSite,
)
from ceasefire.core.errors import RowProblem
from ceasefire.core.weapons import WeaponType
from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId, UTCTime


def _revisioned(name: str) -> list[Column[object]]:
    return [
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("import_id", BigId, ForeignKey("imports.id"), nullable=False),
        Column("source_row", Integer, nullable=False),
        Column("revision", Integer, nullable=False),
        Column("previous_id", BigId, ForeignKey(f"{name}.id"), nullable=True),
        Column("current", Boolean, nullable=False),
        Column("content_hash", String(64), nullable=False),
        Column("canonical", LargeBinary, nullable=False),
    ]


effort_records = Table(
    "effort_records",
    metadata,
    *_revisioned("effort_records"),
    Column("source_name", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("team", Text, nullable=True),
    Column("sensor_id", Text, nullable=True),
    Column("sensor_kind", String(20), nullable=True),
    Column("start", UTCTime, nullable=False),
    Column("end", UTCTime, nullable=True),
    Column("distance_m", BigInteger, nullable=True),
    Column("uptime_min", Integer, nullable=True),
    Column("lat", BigInteger, nullable=True),
    Column("lon", BigInteger, nullable=True),
    Column("min_lon", BigInteger, nullable=True),
    Column("min_lat", BigInteger, nullable=True),
    Column("max_lon", BigInteger, nullable=True),
    Column("max_lat", BigInteger, nullable=True),
    Column("route_wkb", LargeBinary, nullable=True),
    Column("place_name", Text, nullable=True),
    Column("restricted_by", Text, nullable=True),
    Column("reason", String(40), nullable=True),
    UniqueConstraint("content_hash"),
    UniqueConstraint("source_name", "key", "revision"),
)
Index("ix_effort_records_start", effort_records.c.start)
Index("ix_effort_records_kind", effort_records.c.kind)

storage_sites = Table(
    "storage_sites",
    metadata,
    *_revisioned("storage_sites"),
    Column("site_id", Text, nullable=False),
    Column("party", Text, nullable=False),
    Column("name", Text, nullable=True),
    Column("lat", BigInteger, nullable=True),
    Column("lon", BigInteger, nullable=True),
    Column("declared_at", UTCTime, nullable=False),
    UniqueConstraint("content_hash"),
    UniqueConstraint("site_id", "revision"),
)

storage_site_items = Table(
    "storage_site_items",
    metadata,
    Column("site_row", BigId, ForeignKey("storage_sites.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("weapon_type", String(40), nullable=False),
    Column("calibre_mm", Integer, nullable=True),
    Column("model", Text, nullable=True),
    Column("declared", Integer, nullable=False),
)

storage_inspections = Table(
    "storage_inspections",
    metadata,
    *_revisioned("storage_inspections"),
    Column("key", Text, nullable=False),
    Column("site_id", Text, nullable=False),
    Column("inspected_at", UTCTime, nullable=False),
    Column("inspected_by", Text, nullable=True),
    UniqueConstraint("content_hash"),
    UniqueConstraint("key", "revision"),
)
Index("ix_storage_inspections_site_id", storage_inspections.c.site_id)

storage_inspection_items = Table(
    "storage_inspection_items",
    metadata,
    Column("inspection_row", BigId, ForeignKey("storage_inspections.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("weapon_type", String(40), nullable=False),
    Column("calibre_mm", Integer, nullable=True),
    Column("model", Text, nullable=True),
    Column("counted", Integer, nullable=False),
)


@dataclass
class WriteOutcome:
    """What happened to a batch of effort records, sites or inspections."""

    accepted: int = 0
    revised: int = 0
    duplicates: int = 0
    conflicts: list[RowProblem] = field(default_factory=list)
    stored_hashes: list[bytes] = field(default_factory=list)


def _write(
    connection: Connection,
    table: Table,
    import_id: int,
    outcome: WriteOutcome,
    *,
    natural: Mapping[str, str],
    row: int,
    data: bytes,
    digest: str,
    values: Mapping[str, object],
) -> int | None:
    """Insert one revisioned row; return its id, or ``None`` for a duplicate or a conflict."""
    if connection.execute(select(table.c.id).where(table.c.content_hash == digest)).first():
        outcome.duplicates += 1
        return None
    head = connection.execute(
        select(table.c.id, table.c.revision, table.c.import_id).where(
            *(table.c[name] == value for name, value in natural.items()),
            table.c.current.is_(True),
        )
    ).first()
    if head is not None and head.import_id == import_id:
        shown = ", ".join(natural.values())
        outcome.conflicts.append(
            RowProblem(row, "key", f"{shown} appears again in this file with different content")
        )
        return None
    if head is not None:
        connection.execute(update(table).where(table.c.id == head.id).values(current=False))
        outcome.revised += 1
    else:
        outcome.accepted += 1
    new_id = connection.execute(
        insert(table)
        .values(
            import_id=import_id,
            source_row=row,
            revision=1 if head is None else head.revision + 1,
            previous_id=None if head is None else head.id,
            current=True,
            content_hash=digest,
            canonical=data,
            **natural,
            **values,
        )
        .returning(table.c.id)
    ).scalar_one()
    outcome.stored_hashes.append(bytes.fromhex(digest))
    return int(new_id)


def _shape(record: EffortRecord) -> dict[str, object]:
    if record.route:
        lons = [lon for lon, _ in record.route]
        lats = [lat for _, lat in record.route]
        line = shapely.LineString([(lon / 1e6, lat / 1e6) for lon, lat in record.route])
        return {
            "min_lon": min(lons),
            "min_lat": min(lats),
            "max_lon": max(lons),
            "max_lat": max(lats),
            "route_wkb": shapely.to_wkb(line),
        }
    if record.lat is not None and record.lon is not None:
        return {"min_lon": record.lon, "min_lat": record.lat}
    return {}


def write_effort(
    connection: Connection, import_id: int, batch: Sequence[EffortRecord]
) -> WriteOutcome:
    """Store new effort records and revisions; count duplicates."""
    outcome = WriteOutcome()
    for record in batch:
        shape = _shape(record)
        if "route_wkb" not in shape and "min_lon" in shape:
            shape |= {"max_lon": shape["min_lon"], "max_lat": shape["min_lat"]}
        _write(
            connection,
            effort_records,
            import_id,
            outcome,
            natural={"source_name": record.source_name, "key": record.key},
            row=record.row or 0,
            data=record.canonical(),
            digest=record.content_hash(),
            values={
                "kind": record.kind.value,
                "team": record.team,
                "sensor_id": record.sensor_id,
                "sensor_kind": record.sensor_kind.value if record.sensor_kind else None,
                "start": record.start,
                "end": record.end,
                "distance_m": record.distance_m,
                "uptime_min": record.uptime_min,
                "lat": record.lat,
                "lon": record.lon,
                "place_name": record.place_name,
                "restricted_by": record.restricted_by,
                "reason": record.reason.value if record.reason else None,
                **shape,
            },
        )
    return outcome


def _item_rows(
    parent: str, parent_id: int, items: Sequence[InventoryItem | ItemCount]
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for position, item in enumerate(items):
        figure = (
            {"declared": item.declared}
            if isinstance(item, InventoryItem)
            else {"counted": item.counted}
        )
        rows.append(
            {
                parent: parent_id,
                "position": position,
                "weapon_type": item.weapon_type.value,
                "calibre_mm": item.calibre_mm,
                "model": item.model,
                **figure,
            }
        )
    return rows


def write_storage(
    connection: Connection,
    import_id: int,
    sites: Sequence[StorageSite],
    inspections: Sequence[Inspection],
) -> WriteOutcome:
    """Store declared sites, then inspections; each with revisions and duplicates counted."""
    outcome = WriteOutcome()
    for site in sites:
        site_row = _write(
            connection,
            storage_sites,
            import_id,
            outcome,
            natural={"site_id": site.site_id},
            row=site.row or 0,
            data=site.canonical(),
            digest=site.content_hash(),
            values={
                "party": site.party,
                "name": site.name,
                "lat": site.lat,
                "lon": site.lon,
                "declared_at": site.declared_at,
            },
        )
        if site_row is not None and site.items:
            connection.execute(
                insert(storage_site_items),
                _item_rows("site_row", site_row, site.items),
            )
    for inspection in inspections:
        inspection_row = _write(
            connection,
            storage_inspections,
            import_id,
            outcome,
            natural={"key": inspection.key},
            row=inspection.row or 0,
            data=inspection.canonical(),
            digest=inspection.content_hash(),
            values={
                "site_id": inspection.site_id,
                "inspected_at": inspection.inspected_at,
                "inspected_by": inspection.inspected_by,
            },
        )
        if inspection_row is not None and inspection.counts:
            connection.execute(
                insert(storage_inspection_items),
                _item_rows("inspection_row", inspection_row, inspection.counts),
            )
    return outcome


def current_sites(connection: Connection, site_ids: Iterable[str]) -> dict[str, StorageSite]:
    """The current declaration of each named site that is in the store."""
    wanted = sorted(set(site_ids))
    if not wanted:
        return {}
    heads = connection.execute(
        select(storage_sites).where(
            storage_sites.c.site_id.in_(wanted), storage_sites.c.current.is_(True)
        )
    ).all()
    found: dict[str, StorageSite] = {}
    for head in heads:
        items = connection.execute(
            select(storage_site_items)
            .where(storage_site_items.c.site_row == head.id)
            .order_by(storage_site_items.c.position)
        ).all()
        declared_at: datetime = head.declared_at
        found[head.site_id] = StorageSite(
            site_id=head.site_id,
            party=head.party,
            declared_at=declared_at,
            items=tuple(
                InventoryItem(WeaponType(i.weapon_type), i.calibre_mm, i.model, i.declared)
                for i in items
            ),
            name=head.name,
            lat=head.lat,
            lon=head.lon,
        )
    return found
