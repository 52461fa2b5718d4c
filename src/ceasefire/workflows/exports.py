"""``ceasefire export incidents|findings``: the store's incidents and findings as files.

Incidents as GeoJSON, CSV or rows in ACLED's column layout; findings as CSV or GeoJSON (at their
incident's position). With a publication policy (``--public``) an export withholds recent and
undated incidents (and their findings), coarsens positions and widens radii to match, drops the
explanation texts (they name the teams and sensors that saw an event) and every monitor-revealing
field (``ceasefire.core.reports.policy``).

ACLED rows: one per incident; ``event_id_cnty`` is our incident ID, ``source`` is ``ceasefire``;
the act maps back to ACLED's ``event_type`` / ``sub_event_type`` through
``ceasefire.core.mappings.ACLED_ACTS``, with notes worded so that ACLED's refinement rules give
the same act back; ``geo_precision`` and ``time_precision`` follow from our radius and time
window. Acts ACLED does not code (sightings, movements, interference, unknown acts) and
incidents without a place or a date are left out and counted.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np

from ceasefire.core.access import Permission, acting, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.errors import CeasefireError
from ceasefire.core.mappings import ACLED_GEO_PRECISION_RADIUS_M, ACLED_TIME_ZONES
from ceasefire.core.reports.policy import PublicationPolicy, coarsen_degrees, redact, withheld
from ceasefire.core.reports.regions import region_index
from ceasefire.ingest.acled import HEADERS as ACLED_HEADERS
from ceasefire.store.database import Store
from ceasefire.workflows.findings import FindingFilter, list_findings
from ceasefire.workflows.incidents import IncidentFilter, list_incidents
from ceasefire.workflows.report import shipped_regions

INCIDENT_FORMATS = ("geojson", "csv", "acled")
FINDING_FORMATS = ("csv", "geojson")
INCIDENT_COLUMNS = (
    "incident_id", "version", "start", "end", "lat", "lon", "radius_m", "act", "target_class",
    "weapon_type", "confidence", "party", "attribution", "attribution_confidence",
    "independent_sources", "observations", "confidence_reason", "attribution_basis",
)  # fmt: skip
PRIVATE_TEXTS = ("confidence_reason", "attribution_basis", "decisions")
"""Explanations that name the teams and sensors behind an incident: not in public exports."""
FINDING_COLUMNS = (
    "finding_id", "agreement_id", "term_id", "version_party", "incident_id", "verdict",
    "responsible_party", "status", "event_start", "lat", "lon", "radius_m", "trace",
)  # fmt: skip
EXPLOSIONS = "Explosions/Remote violence"
SHELLING = (EXPLOSIONS, "Shelling/artillery/missile attack")
AIR_DRONE = (EXPLOSIONS, "Air/drone strike")
CLASH = ("Battles", "Armed clash")
ACLED_EVENTS: dict[str, tuple[tuple[str, str], str]] = {
    "shelling": (SHELLING, "shelling"),
    "shelling.artillery": (SHELLING, "artillery fire"),
    "shelling.mlrs": (SHELLING, "MLRS fire"),
    "shelling.mortar": (SHELLING, "mortar fire"),
    "shelling.tank": (SHELLING, "tank fire"),
    "missile_strike": (SHELLING, "missile strike"),
    "drone_strike": (AIR_DRONE, "drone strike"),
    "drone_strike.fpv": (AIR_DRONE, "FPV drone strike"),
    "drone_strike.loitering": (AIR_DRONE, "loitering munition strike"),
    "drone_strike.bomb_drop": (AIR_DRONE, "bomb dropped from a drone"),
    "air_strike": (AIR_DRONE, "air strike by aircraft"),
    "air_strike.glide_bomb": (AIR_DRONE, "glide bomb strike"),
    "armed_clash": (CLASH, "armed clash"),
    "ground_assault": (CLASH, "ground assault"),
    "small_arms_fire": (CLASH, "small-arms fire"),
    "mine_or_ied": ((EXPLOSIONS, "Remote explosive/landmine/IED"), "mine or IED explosion"),
}
"""Our act → (ACLED event_type, sub_event_type) and the words of the notes. Ground assaults
and small-arms fire come back from ACLED as armed clashes: ACLED has no finer type for them."""
ACLED_ACTORS = {
    "RU": "Military Forces of Russia (2000-)",
    "UA": "Military Forces of Ukraine (2019-)",
}
COUNTRY_ISO = {"Ukraine": "804", "Russia": "643", "Belarus": "112", "Moldova": "498"}


@dataclass
class Export:
    """An export's bytes, how many rows it holds and what was held back and why."""

    data: bytes
    rows: int = 0
    left_out: Counter[str] = field(default_factory=Counter)


def _end_s(record: dict[str, object]) -> int:
    moment = record.get("end") or record.get("start")
    return int(moment.timestamp()) if isinstance(moment, datetime) else -1


def _public(
    records: list[dict[str, object]], policy: PublicationPolicy, now: datetime, left: Counter[str]
) -> list[dict[str, object]]:
    """Records a public output may show, coarsened and redacted."""
    hidden = withheld(np.array([_end_s(r) for r in records], dtype=np.int64), now, policy)
    left["withheld (publication delay)"] += int(hidden.sum())
    shown = [r for r, h in zip(records, hidden.tolist(), strict=True) if not h]

    def degrees(name: str) -> np.ndarray:
        return np.array([float(r[name]) if r.get(name) is not None else np.nan for r in shown])  # type: ignore[arg-type]

    lon, lat, radius = coarsen_degrees(degrees("lon"), degrees("lat"), policy, shipped_regions())
    out = []
    for i, record in enumerate(shown):
        public = redact({k: v for k, v in record.items() if k not in PRIVATE_TEXTS})
        if np.isfinite(lon[i]):
            public["lon"], public["lat"] = round(float(lon[i]), 6), round(float(lat[i]), 6)
            given = record.get("radius_m")
            public["radius_m"] = max(int(radius[i]), given if isinstance(given, int) else 0)
        out.append(public)
    return out


def _incidents(
    store: Store, policy: PublicationPolicy | None, now: datetime | None, left: Counter[str]
) -> list[dict[str, object]]:
    records = []
    for record in list_incidents(store, IncidentFilter()):
        members = record.get("observations")
        record["observations"] = len(members) if isinstance(members, list) else 0
        record.pop("active", None)
        records.append(record)
    if policy is None:
        return records
    return _public(records, policy, now or datetime.now(UTC), left)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def _csv(header: Sequence[str], rows: Iterable[dict[str, object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in header])
    return buffer.getvalue().encode("utf-8")


def _geojson(rows: Iterable[dict[str, object]]) -> bytes:
    features = []
    for row in rows:
        lon, lat = row.get("lon"), row.get("lat")
        geometry = (
            {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
            if isinstance(lon, float) and isinstance(lat, float)
            else None
        )
        properties = {k: _cell(v) if isinstance(v, datetime) else v for k, v in row.items()}
        properties.pop("lon", None)
        properties.pop("lat", None)
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    document = {"type": "FeatureCollection", "features": features}
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


def export_incidents(
    store: Store,
    format: str,
    *,
    policy: PublicationPolicy | None = None,
    now: datetime | None = None,
    actor: Actor | None = None,
) -> Export:
    """Active incidents as ``geojson``, ``csv`` or ``acled`` (public when ``policy`` is given)."""
    authorize(acting(actor), Permission.READ_PUBLISHED if policy else Permission.EXPORT)
    if format not in INCIDENT_FORMATS:
        raise CeasefireError(f"--format: {format!r}; expected one of {', '.join(INCIDENT_FORMATS)}")
    left: Counter[str] = Counter()
    records = _incidents(store, policy, now, left)
    if format == "acled":
        return acled_rows(records, left)
    header = [c for c in INCIDENT_COLUMNS if policy is None or c not in PRIVATE_TEXTS]
    data = _csv(header, records) if format == "csv" else _geojson(records)
    return Export(data, len(records), left)


def export_findings(
    store: Store,
    format: str,
    *,
    policy: PublicationPolicy | None = None,
    now: datetime | None = None,
    actor: Actor | None = None,
) -> Export:
    """Active findings as ``csv`` or ``geojson`` at their incident's (public) position."""
    authorize(acting(actor), Permission.READ_PUBLISHED if policy else Permission.EXPORT)
    if format not in FINDING_FORMATS:
        raise CeasefireError(f"--format: {format!r}; expected one of {', '.join(FINDING_FORMATS)}")
    left: Counter[str] = Counter()
    located = {str(r["incident_id"]): r for r in _incidents(store, policy, now, left)}
    left.clear()
    rows = []
    for finding in list_findings(store, FindingFilter()):
        incident = located.get(str(finding["incident_id"]))
        if incident is None:
            left["withheld (publication delay)" if policy else "incident retired"] += 1
            continue
        for name in ("lat", "lon", "radius_m"):
            finding[name] = incident.get(name)
        finding.pop("active", None)
        rows.append(finding)
    data = _csv(FINDING_COLUMNS, rows) if format == "csv" else _geojson(rows)
    return Export(data, len(rows), left)


def acled_rows(records: Sequence[dict[str, object]], left: Counter[str] | None = None) -> Export:
    """Incidents as rows in ACLED's CSV layout; see the module docstring."""
    left = Counter() if left is None else left
    regions = shipped_regions()
    lon = np.array([r["lon"] if isinstance(r.get("lon"), float) else np.nan for r in records])
    lat = np.array([r["lat"] if isinstance(r.get("lat"), float) else np.nan for r in records])
    where = region_index(regions, lon, lat)
    rows = []
    for i, record in enumerate(records):
        act = str(record.get("act") or "unknown")
        start, end = record.get("start"), record.get("end")
        if act not in ACLED_EVENTS:
            left[f"act {act} has no ACLED event type"] += 1
            continue
        if not np.isfinite(lon[i]):
            left["not located"] += 1
            continue
        if not isinstance(start, datetime):
            left["undated"] += 1
            continue
        region = regions.names[where[i]] if where[i] >= 0 else ""
        country = region if region in COUNTRY_ISO or not region else "Ukraine"
        iso = COUNTRY_ISO.get(country, "")
        rows.append(
            _acled_row(record, act, start, end, float(lon[i]), float(lat[i]), region, country, iso)
        )
    return Export(_csv(ACLED_HEADERS, rows), len(rows), left)


def _acled_row(  # noqa: PLR0917 - one row's cells, each computed by the caller
    record: dict[str, object],
    act: str,
    start: datetime,
    end: object,
    lon: float,
    lat: float,
    region: str,
    country: str,
    iso: str,
) -> dict[str, object]:
    (event_type, sub_event_type), words = ACLED_EVENTS[act]
    hours = (end - start).total_seconds() / 3600 if isinstance(end, datetime) else 0
    precision = 1 if hours <= 24 else 2 if hours <= 24 * 7 else 3
    middle = start + (end - start) / 2 if isinstance(end, datetime) and precision == 2 else start
    local = middle.astimezone(ZoneInfo(ACLED_TIME_ZONES.get(iso, "UTC")))
    radius = record.get("radius_m")
    geo = next(
        (
            code
            for code, reach in sorted(ACLED_GEO_PRECISION_RADIUS_M.items())
            if isinstance(radius, int) and radius <= reach
        ),
        3,
    )
    party = str(record.get("party") or "")
    attributed = record.get("attribution") == "attributed" and party in ACLED_ACTORS
    who = f"attributed to {party}" if attributed else f"attribution: {record.get('attribution')}"
    return {
        "event_id_cnty": record["incident_id"],
        "event_date": local.date().isoformat(),
        "year": local.year,
        "time_precision": precision,
        "disorder_type": "Political violence",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": ACLED_ACTORS[party] if attributed else "",
        "civilian_targeting": "Civilian targeting"
        if str(record.get("target_class") or "").startswith("civilian")
        else "",
        "iso": iso,
        "country": country,
        "admin1": region if region and region != country else "",
        "latitude": f"{lat:.6f}",
        "longitude": f"{lon:.6f}",
        "geo_precision": geo,
        "source": "ceasefire",
        "notes": f"{record['incident_id']}: {words} ({record.get('confidence')}; {who}).",
    }
