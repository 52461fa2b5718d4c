"""Tables and writers for observation effort and weapon storage sites.

Each record keeps its canonical bytes and their SHA-256, like observations and claims. The same
natural key with new content is a new revision linked to the previous one (``previous_id``) and
becomes ``current``; the same content again is a duplicate. Routes are kept in the canonical
bytes (micro-degrees) and, for spatial queries, as WKB with a bounding box in micro-degrees.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import shapely
from sqlalchemy import (
    BigInteger,
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
)

from ceasefire.core.effort import (
    EffortRecord,
    Inspection,
    InventoryItem,
    ItemCount,
    StorageSite,
)
from ceasefire.core.weapons import WeaponType
from ceasefire.store.revisions import WriteOutcome, revisioned_columns, write_revision
from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId, UTCTime

effort_records = Table(
    "effort_records",
    metadata,
    *revisioned_columns("effort_records"),
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
    *revisioned_columns("storage_sites"),
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
    *revisioned_columns("storage_inspections"),
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
        write_revision(
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
        site_row = write_revision(
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
        inspection_row = write_revision(
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
