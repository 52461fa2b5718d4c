"""Inputs and rules of the findings in their own right, for ``ceasefire evaluate``.

Reads the current effort records, declared storage sites and inspections from the store and
hands them to the pure rules of ``ceasefire.core.compliance`` (storage shortfalls, inspections
refused, restrictions and interference, the rise in heavy weapons near the line). The rise is
tested for every reporting day (19:30–19:30 Kyiv time by default) on which a heavy weapon was
seen, against the seven days before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import shapely
from sqlalchemy import Connection, select

from ceasefire.core.agreement import Agreement
from ceasefire.core.compliance import Incidents
from ceasefire.core.compliance.regrouping import Period, RiseWindow
from ceasefire.core.compliance.restrictions import interference_findings, restriction_findings
from ceasefire.core.compliance.standing import StandingFinding, party_aliases
from ceasefire.core.compliance.storage import refused_inspections, shortfall_findings
from ceasefire.core.effort import (
    EffortKind,
    EffortRecord,
    Inspection,
    ItemCount,
    RestrictionReason,
    SensorKind,
    StorageSite,
)
from ceasefire.core.reports.period import DEFAULT_START, DEFAULT_TIME_ZONE
from ceasefire.core.taxonomy import Act, is_a
from ceasefire.core.weapons import WeaponType
from ceasefire.store.effort import (
    current_sites,
    effort_records,
    storage_inspection_items,
    storage_inspections,
    storage_sites,
)

BASELINE_DAYS = 7


def load_effort(connection: Connection) -> list[EffortRecord]:
    """Every current effort record, routes included (micro-degrees)."""
    e = effort_records
    out = []
    for row in connection.execute(
        select(e).where(e.c.current.is_(True)).order_by(e.c.start, e.c.key)
    ):
        route: tuple[tuple[int, int], ...] = ()
        if row.route_wkb is not None:
            line = shapely.from_wkb(row.route_wkb)
            route = tuple((round(x * 1e6), round(y * 1e6)) for x, y in line.coords)
        out.append(
            EffortRecord(
                key=row.key,
                source_name=row.source_name,
                kind=EffortKind(row.kind),
                start=row.start,
                end=row.end,
                team=row.team,
                route=route,
                distance_m=row.distance_m,
                sensor_id=row.sensor_id,
                sensor_kind=SensorKind(row.sensor_kind) if row.sensor_kind else None,
                uptime_min=row.uptime_min,
                lat=row.lat,
                lon=row.lon,
                place_name=row.place_name,
                restricted_by=row.restricted_by,
                reason=RestrictionReason(row.reason) if row.reason else None,
            )
        )
    return out


def load_storage(connection: Connection) -> tuple[list[StorageSite], list[Inspection]]:
    """The current declaration of every site, and every current inspection."""
    ids = connection.execute(
        select(storage_sites.c.site_id).where(storage_sites.c.current.is_(True))
    ).scalars()
    sites = list(current_sites(connection, ids).values())
    i, items = storage_inspections, storage_inspection_items
    inspections = []
    for row in connection.execute(
        select(i).where(i.c.current.is_(True)).order_by(i.c.site_id, i.c.inspected_at)
    ):
        counts = connection.execute(
            select(items).where(items.c.inspection_row == row.id).order_by(items.c.position)
        ).all()
        inspections.append(
            Inspection(
                site_id=row.site_id,
                inspected_at=row.inspected_at,
                counts=tuple(
                    ItemCount(WeaponType(c.weapon_type), c.calibre_mm, c.model, c.counted)
                    for c in counts
                ),
                inspected_by=row.inspected_by,
            )
        )
    return sorted(sites, key=lambda s: s.site_id), inspections


def mission_findings(
    connection: Connection,
    agreements: Sequence[Agreement],
    incidents: Incidents,
    names: Sequence[str],
    effort: Sequence[EffortRecord],
) -> list[StandingFinding]:
    """Storage shortfalls, inspections refused, restrictions and interference."""
    aliases = party_aliases((p.code, p.name) for a in agreements for p in a.parties)
    sites, inspections = load_storage(connection)
    found = shortfall_findings(sites, inspections, aliases)
    found += refused_inspections(effort, sites, aliases)
    restrictions = restriction_findings(effort, aliases, sites=sites)
    interference, restrictions = interference_findings(
        incidents, names, restrictions=restrictions, records=effort
    )
    return found + restrictions + interference


def reporting_days(
    incidents: Incidents, *, tz: str = DEFAULT_TIME_ZONE, start_time: time = DEFAULT_START
) -> list[RiseWindow]:
    """Each reporting day with a weapon sighting, and the seven days before it as baseline."""
    zone = ZoneInfo(tz)
    days: set[date] = set()
    for i, act in enumerate(incidents.act):
        if act is None or not incidents.dated[i] or not is_a(act, Act.WEAPON_SIGHTING):
            continue
        local = datetime.fromtimestamp(int(incidents.start_s[i]), tz=zone)
        days.add(local.date() + timedelta(days=1 if local.time() >= start_time else 0))
    windows = []
    for day in sorted(days):
        end = datetime.combine(day, start_time, tzinfo=zone).astimezone(UTC)
        start = datetime.combine(day - timedelta(days=1), start_time, tzinfo=zone).astimezone(UTC)
        early = datetime.combine(
            day - timedelta(days=1 + BASELINE_DAYS), start_time, tzinfo=zone
        ).astimezone(UTC)
        windows.append(RiseWindow(Period(start, end), Period(early, start)))
    return windows
