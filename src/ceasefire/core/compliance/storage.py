"""Weapons missing from declared storage sites, and inspections the monitors could not make.

Each inspection is compared with its site's declared inventory item by item (type, calibre,
model: ``ceasefire.core.effort.shortfalls``); each item with weapons missing is a finding
against the party holding the site: "3 of 10 declared BM-21 Grad (122 mm) missing from UA-S01
at inspection 20 Apr 2025 11:00 Kyiv time". A restriction met at a storage site (its
``place_name`` names the site, or its position lies within ``max(radius, 1 km)`` of the site)
is an inspection refused: a finding against the party holding the site, not a full count.

>>> from datetime import UTC
>>> from ceasefire.core.effort import InventoryItem, ItemCount
>>> from ceasefire.core.weapons import WeaponType
>>> at = datetime(2025, 4, 20, 8, tzinfo=UTC)
>>> site = StorageSite("UA-S01", "Ukraine", at, (InventoryItem(WeaponType.TANK, 125, "T-72", 10),))
>>> seen = Inspection("UA-S01", at, (ItemCount(WeaponType.TANK, 125, "T-72", 7),))
>>> [f.trace[:50] for f in shortfall_findings([site], [seen], {"ukraine": "UA"})]
['3 of 10 declared T-72 (125 mm) missing from UA-S01']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from ceasefire.core.compliance.model import Verdict
from ceasefire.core.compliance.standing import FindingKind, StandingFinding, party_in
from ceasefire.core.compliance.temporal import local_text
from ceasefire.core.effort import (
    EffortKind,
    EffortRecord,
    Inspection,
    StorageSite,
    shortfalls,
)
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.weapons import Weapon

DEFAULT_ZONE = "Europe/Kyiv"
SITE_REACH_M = 1_000
"""A restriction this close to a site (or within its radius, if larger) is at the site."""


def _site_name(site: StorageSite) -> str:
    return site.name if site.name and site.name != site.site_id else site.site_id


def _holder(site: StorageSite, aliases: Mapping[str, str]) -> str:
    return party_in(site.party, aliases) or site.party


def shortfall_findings(
    sites: Iterable[StorageSite],
    inspections: Iterable[Inspection],
    aliases: Mapping[str, str],
    *,
    time_zone: str = DEFAULT_ZONE,
) -> list[StandingFinding]:
    """A violation per inspected item with weapons missing, against the site's holder."""
    by_site = {site.site_id: site for site in sites}
    out: list[StandingFinding] = []
    for inspection in sorted(inspections, key=lambda i: i.key):
        site = by_site.get(inspection.site_id)
        if site is None:
            continue
        when = when_text(inspection.inspected_at, time_zone)
        holder = _holder(site, aliases)
        for gap in shortfalls(site, inspection):
            if gap.missing <= 0:
                continue
            weapon = Weapon(type=gap.weapon_type, calibre_mm=gap.calibre_mm, model=gap.model)
            parts = (gap.weapon_type.value, gap.calibre_mm, gap.model)
            item = "/".join("-" if p is None else str(p) for p in parts)
            by = f" by {inspection.inspected_by}" if inspection.inspected_by else ""
            trace = (
                f"{gap.missing} of {gap.declared} declared {weapon.describe()} missing from "
                f"{_site_name(site)} at inspection {when}"
                f" (site declared by {site.party} on {utc_text(site.declared_at)[:10]}; "
                f"counted {gap.counted}{by}). The site is held by {site.party}, "
                f"so the shortfall is held against {holder}. Verdict: violation "
                "(weapons missing from a declared storage site)."
            )
            out.append(
                StandingFinding(
                    kind=FindingKind.STORAGE_SHORTFALL,
                    subject=f"{inspection.key}/{item}",
                    verdict=Verdict.VIOLATION,
                    responsible_party=holder,
                    moment=inspection.inspected_at,
                    trace=trace,
                )
            )
    return out


def _zone_label(time_zone: str) -> str:
    return {"Europe/Kyiv": "Kyiv time", "Europe/Moscow": "Moscow time"}.get(
        time_zone, f"({time_zone})"
    )


def distance_m(lat1: int, lon1: int, lat2: int, lon2: int) -> float:
    """Great-circle distance in metres between two micro-degree positions (haversine).

    >>> round(distance_m(48_000_000, 37_000_000, 48_010_000, 37_000_000))
    1112
    """
    p1, p2 = math.radians(lat1 / 1e6), math.radians(lat2 / 1e6)
    dp, dl = p2 - p1, math.radians((lon2 - lon1) / 1e6)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def site_restricted(record: EffortRecord, sites: Sequence[StorageSite]) -> StorageSite | None:
    """The storage site a restriction was met at, if any (by name, then by position)."""
    if record.kind is not EffortKind.RESTRICTION:
        return None
    place = (record.place_name or "").lower()
    for site in sites:
        names = {site.site_id.lower(), (site.name or "").lower()} - {""}
        if place and any(name in place for name in names):
            return site
    if record.lat is None or record.lon is None:
        return None
    reach = max(record.radius_m or 0, SITE_REACH_M)
    for site in sites:
        if site.lat is None or site.lon is None:
            continue
        if distance_m(record.lat, record.lon, site.lat, site.lon) <= reach:
            return site
    return None


def refused_inspections(
    records: Iterable[EffortRecord],
    sites: Sequence[StorageSite],
    aliases: Mapping[str, str],
    *,
    time_zone: str = DEFAULT_ZONE,
) -> list[StandingFinding]:
    """A finding per restriction met at a storage site, against the party holding the site."""
    out: list[StandingFinding] = []
    for record in records:
        site = site_restricted(record, sites)
        if site is None:
            continue
        holder = _holder(site, aliases)
        named = party_in(record.restricted_by, aliases)
        responsible = named or holder
        when = when_text(record.start, time_zone)
        reason = record.reason.value.replace("_", " ") if record.reason else "no reason given"
        who = record.restricted_by or "not recorded"
        trace = (
            f"Inspection of storage site {_site_name(site)} (held by {site.party}) not possible "
            f"on {when}: {reason}; stopped by: {who} "
            f"(record {record.key} from {record.source_name}). "
            + (
                f"Attributed to {responsible} (named in the record). "
                if named
                else f"Held against {holder}, which holds the site. "
            )
            + "An inspection that could not happen is a restriction, not a full count. "
            "Verdict: violation (inspection refused)."
        )
        out.append(
            StandingFinding(
                kind=FindingKind.INSPECTION_REFUSED,
                subject=f"{record.source_name}/{record.key}",
                verdict=Verdict.VIOLATION,
                responsible_party=responsible,
                moment=record.start,
                trace=trace,
            )
        )
    return out


def when_text(moment: datetime, time_zone: str = DEFAULT_ZONE) -> str:
    """``20 Apr 2025 11:00 Kyiv time``."""
    return f"{local_text(int(moment.timestamp()), time_zone)} {_zone_label(time_zone)}"
