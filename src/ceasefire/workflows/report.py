"""``ceasefire report daily``: read a reporting day's incidents, findings, claims and effort
from the store, build the report value (``ceasefire.core.reports``) and render it
(``ceasefire.render``).

The previous period's baseline is the previous report *as published*: the latest version stored
by ``ceasefire report publish`` (same time zone and edition), or a JSON file given explicitly;
any difference from what the store now says is shown as a correction. Without either, the
previous period is recomputed (and marked so). A public edition (``policy``) withholds recent
incidents and coarsens the map's positions (``ceasefire.core.reports.policy``).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from shapely.geometry import shape
from sqlalchemy import and_, func, select

from ceasefire.core.access import Permission, acting, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.claims import ClaimItem, Qualifier
from ceasefire.core.effort import EffortKind, EffortRecord, RestrictionReason, SensorKind
from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.reports import (
    ClaimRecord,
    DailyReport,
    FindingRecord,
    Regions,
    ReportIncidents,
    build_daily_report,
    reporting_period,
)
from ceasefire.core.reports.model import MapPoint, MapRegistry, MapZone, PublishedFigures
from ceasefire.core.reports.period import DEFAULT_START, DEFAULT_TIME_ZONE, ReportingPeriod
from ceasefire.core.reports.policy import PublicationPolicy, coarsen_degrees, withheld
from ceasefire.core.taxonomy import Unit
from ceasefire.render import FORMATS, render_report
from ceasefire.render.geography import layer_name
from ceasefire.store.database import Store
from ceasefire.store.effort import effort_records
from ceasefire.store.findings import findings
from ceasefire.store.incidents import incidents
from ceasefire.store.publications import rendering_bytes
from ceasefire.store.schema import claim_items, claims, observations
from ceasefire.workflows.agreements import get_agreement, list_agreements

__all__ = ["FORMATS", "daily_report", "published_figures", "write_report"]

SERIES_DAYS = 7
COUNTRY_NAMES = {"Russia (clipped)": "Russia"}


def _geography(name: str) -> Path:
    return Path(str(resources.files("ceasefire") / "data" / "geography" / name))


@lru_cache(maxsize=1)
def shipped_regions() -> Regions:
    """Ukraine's oblasts, then the neighbouring countries of the shipped base map."""
    names: list[str] = []
    shapes = []
    for file, key in (
        ("oblasts_ukraine.geojson", "shapeName"),
        ("basemap_countries.geojson", "name"),
    ):
        document = json.loads(_geography(file).read_text(encoding="utf-8"))
        for feature in document["features"]:
            name = str(feature["properties"][key])
            names.append(COUNTRY_NAMES.get(name, name))
            shapes.append(shape(feature["geometry"]))
    return Regions(tuple(names), tuple(shapes))


def line_of_contact_at(moment: datetime) -> str | None:
    """The shipped line-of-contact layer valid at ``moment`` (snapshot D: evening of D on)."""
    folder = _geography("")
    dates = sorted(
        p.stem.removeprefix("line_of_contact_") for p in folder.glob("line_of_contact_*.geojson")
    )
    valid = [d for d in dates if f"{d}T18:00:00+00:00" <= moment.isoformat()]
    chosen = valid[-1] if valid else (dates[0] if dates else None)
    return f"line_of_contact_{chosen}" if chosen else None


def _incident_records(store: Store, start: datetime, end: datetime) -> list[dict[str, object]]:
    """Active incidents overlapping ``[start, end)`` from their typed columns (the same rows and
    values as ``list_incidents``, without decoding each incident's canonical JSON)."""
    i = incidents
    query = (
        select(
            i.c.incident_id,
            i.c.start,
            i.c.end,
            i.c.lat,
            i.c.lon,
            i.c.act,
            i.c.target_class,
            i.c.confidence,
            i.c.attribution,
            i.c.party,
        )
        .where(i.c.active.is_(True), i.c.end >= start, i.c.start < end)
        .order_by(i.c.start, i.c.incident_id)
    )
    with store.reader.connect() as connection:
        result = connection.execute(query)
        names = list(result.keys())
        rows = result.all()
    lat, lon = names.index("lat"), names.index("lon")
    out = []
    for row in rows:  # plain tuples: building a mapping per row costs more than the query
        values = list(row)
        for at in (lat, lon):
            values[at] = values[at] / 1_000_000 if values[at] is not None else None
        out.append(dict(zip(names, values, strict=True)))
    return out


def _map_layers(
    store: Store, period: ReportingPeriod
) -> tuple[tuple[MapZone, ...], tuple[MapRegistry, ...]]:
    """Withdrawal zones and registries of protected objects of the terms in force in ``period``
    (a version without a window counts as in force)."""
    zones: set[MapZone] = set()
    registries: dict[str, MapRegistry] = {}
    for summary in list_agreements(store):
        agreement = get_agreement(store, summary.agreement_id)
        for term in agreement.terms:
            for party, version in term.versions.items():
                window = version.window
                if window is not None and not (
                    window.start < period.end and (window.end is None or window.end > period.start)
                ):
                    continue
                if version.withdrawal_m:
                    line = agreement.geography.reference_line(party, period.end)
                    if line is None:
                        continue
                    for distance in set(version.withdrawal_m.values()):
                        zones.add(
                            MapZone(agreement.id, term.id, party, layer_name(line.file), distance)
                        )
                if str(term.kind) == "protected_infrastructure":
                    for registry in agreement.geography.registries:
                        registries[registry.id] = MapRegistry(
                            registry.id, registry.name, str(registry.file)
                        )
    ordered = sorted(zones, key=lambda z: (z.agreement_id, z.term_id, z.party, z.distance_m))
    return tuple(ordered), tuple(registries[k] for k in sorted(registries))


def _findings(store: Store, start: datetime, end: datetime) -> list[FindingRecord]:
    f = findings
    needed = (
        f.c.finding_id,
        f.c.agreement_id,
        f.c.term_id,
        f.c.version_party,
        f.c.incident_id,
        f.c.verdict,
        f.c.responsible_party,
        f.c.status,
        f.c.event_start,
        f.c.trace,
        f.c.kind,
    )
    query = (
        select(*needed)  # not the canonical bytes: the report never needs them
        .where(and_(f.c.active.is_(True), f.c.event_start >= start, f.c.event_start < end))
        .order_by(f.c.event_start, f.c.finding_id)
    )
    with store.reader.connect() as connection:
        return [
            FindingRecord(
                finding_id=row.finding_id,
                agreement_id=row.agreement_id,
                term_id=row.term_id,
                version_party=row.version_party,
                incident_id=row.incident_id,
                verdict=row.verdict,
                responsible_party=row.responsible_party,
                status=row.status,
                event_start=row.event_start,
                trace=row.trace,
                kind=row.kind,
            )
            for row in connection.execute(query)
        ]


def _claims(store: Store, period: ReportingPeriod) -> list[ClaimRecord]:
    c = claims
    query = select(c).where(
        c.c.current.is_(True),
        (c.c.period_start.is_(None)) | (c.c.period_start < period.end),
        (c.c.period_end.is_(None)) | (c.c.period_end > period.start),
    )
    out = []
    with store.reader.connect() as connection:
        for row in connection.execute(query.order_by(c.c.key)):
            items = connection.execute(
                select(claim_items)
                .where(claim_items.c.claim_id == row.id)
                .order_by(claim_items.c.position)
            )
            out.append(
                ClaimRecord(
                    key=row.key,
                    claimant=row.claimant,
                    claimant_party=row.claimant_party,
                    accused_party=row.accused_party,
                    period_text=row.period_text,
                    start=row.period_start,
                    end=row.period_end,
                    items=tuple(
                        ClaimItem(
                            i.metric, Qualifier(i.qualifier), i.value, Unit(i.unit), i.part_of
                        )
                        for i in items
                    ),
                    source_url=row.source_url,
                    arrangement=row.arrangement,
                )
            )
    return out


def _effort(store: Store, start: datetime, end: datetime) -> tuple[list[EffortRecord], int]:
    e = effort_records
    query = select(e).where(e.c.current.is_(True), e.c.start >= start, e.c.start < end)
    out, simulated = [], 0
    with store.reader.connect() as connection:
        for row in connection.execute(query.order_by(e.c.start, e.c.key)):
            simulated += row.source_name.startswith("sim:")
            out.append(
                EffortRecord(
                    key=row.key,
                    source_name=row.source_name,
                    kind=EffortKind(row.kind),
                    start=row.start,
                    end=row.end,
                    team=row.team,
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
    return out, simulated


def _simulated_share(store: Store, period: ReportingPeriod) -> tuple[int, int]:
    o = observations
    window = and_(o.c.start >= period.start, o.c.start < period.end)
    with store.reader.connect() as connection:
        total = connection.execute(select(func.count()).where(window)).scalar_one()
        sim = connection.execute(
            select(func.count()).where(window, o.c.source_name.like("sim:%"))
        ).scalar_one()
    return int(sim), int(total)


def published_figures(data: bytes, source: str) -> PublishedFigures:
    """The period and figures of a published report's JSON bytes."""
    try:
        document = json.loads(data)
        period = document["period"]
        figures = document["figures"]
        if not isinstance(figures, dict) or not all(isinstance(v, int) for v in figures.values()):
            raise ValueError("'figures' must map names to integers")
        return PublishedFigures(
            period_start=datetime.fromisoformat(period["start"]),
            period_end=datetime.fromisoformat(period["end"]),
            figures={str(k): int(v) for k, v in figures.items()},
            source=source,
        )
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CeasefireError(
            f"{source}: not a report JSON (expected 'period.start', 'period.end' and "
            f"'figures'; {exc})"
        ) from None


def previous_published(
    store: Store, period: ReportingPeriod, *, edition: str = "full"
) -> PublishedFigures | None:
    """The latest published version of the report before ``period`` (None if unpublished)."""
    before = period.previous()
    with store.reader.connect() as connection:
        found = rendering_bytes(
            connection,
            before.start,
            before.end,
            before.time_zone,
            edition=edition,
            format="json",
        )
    if found is None:
        return None
    version, data = found
    source = f"the published {edition} report {utc_text(before.start)}–{utc_text(before.end)}"
    return published_figures(data, f"{source} (version {version})")


def _public_records(
    records: list[dict[str, object]], policy: PublicationPolicy, now: datetime
) -> list[dict[str, object]]:
    """The incidents a public edition at ``now`` may show (recent and undated ones withheld)."""

    def end_s(record: dict[str, object]) -> int:
        moment = record.get("end") or record.get("start")
        return int(moment.timestamp()) if isinstance(moment, datetime) else -1

    hidden = withheld(np.array([end_s(r) for r in records], dtype=np.int64), now, policy)
    return [r for r, h in zip(records, hidden.tolist(), strict=True) if not h]


def _coarsened(points: tuple[MapPoint, ...], policy: PublicationPolicy) -> tuple[MapPoint, ...]:
    lon = np.array([p.lon / 1_000_000 for p in points], dtype=np.float64)
    lat = np.array([p.lat / 1_000_000 for p in points], dtype=np.float64)
    lon, lat, _ = coarsen_degrees(lon, lat, policy, shipped_regions())
    return tuple(
        dataclasses.replace(p, lon=round(x * 1_000_000), lat=round(y * 1_000_000))
        for p, x, y in zip(points, lon.tolist(), lat.tolist(), strict=True)
    )


def daily_report(
    store: Store,
    day: date,
    *,
    tz: str = DEFAULT_TIME_ZONE,
    start_time: time = DEFAULT_START,
    days: int = 1,
    previous: Path | None = None,
    top_findings: int = 10,
    policy: PublicationPolicy | None = None,
    now: datetime | None = None,
    actor: Actor | None = None,
    as_of: datetime | None = None,
) -> DailyReport:
    """The report for the reporting day ending at ``start_time`` (``tz``) on ``day``.

    The baseline of "change against the previous period" is the previous report as published:
    ``previous`` (its JSON file) if given, else the latest version stored by ``report publish``;
    corrections list where the store now differs. With ``policy`` this is the public edition as
    of ``now`` (default: the current time): recent incidents withheld, map positions coarsened.
    With ``as_of``, the report as the system would have built it then
    (``ceasefire.workflows.as_of``).
    """
    if as_of is not None:
        from ceasefire.workflows.as_of import daily_report_as_of

        options = {"tz": tz, "start_time": start_time, "days": days, "previous": previous}
        return daily_report_as_of(
            store,
            as_of,
            day,
            actor=actor,
            top_findings=top_findings,
            policy=policy,
            now=now or as_of,
            **options,
        )
    authorize(acting(actor), Permission.BUILD_REPORT)
    period = reporting_period(day, tz=tz, start_time=start_time, days=days)
    earliest = min(
        period.previous().start,
        reporting_period(day - timedelta(days=SERIES_DAYS - 1), tz=tz, start_time=start_time).start,
    )
    records = _incident_records(store, earliest, period.end)
    finding_records = _findings(store, earliest, period.end)
    effort, simulated_effort = _effort(store, earliest, period.end)
    sim, total = _simulated_share(store, period)
    notices = []
    if policy is not None:
        moment = now or datetime.now(UTC)
        records = _public_records(records, policy, moment)
        shown = {str(r["incident_id"]) for r in records}
        finding_records = [f for f in finding_records if f.incident_id in shown]
        notices.append(policy.describe(moment))
    if sim or simulated_effort:
        notices.append(
            f"Generated data: {sim:,} of the {total:,} observations in this period come from "
            "the simulator (sources named 'sim: …'). This report shows what the platform "
            "produces; it is not a record of real events."
        )
    baseline: PublishedFigures | None
    if previous is not None:
        baseline = published_figures(_read(previous), str(previous))
    else:
        baseline = previous_published(
            store, period, edition="public" if policy is not None else "full"
        )
    local_day = f"{day:%-d %B %Y}"
    report = build_daily_report(
        period,
        incidents=ReportIncidents.from_records(records),
        findings=finding_records,
        claims=_claims(store, period),
        effort=effort,
        regions=shipped_regions(),
        published_previous=baseline,
        line_of_contact=line_of_contact_at(period.end),
        notices=notices,
        title=f"Daily report, {local_day}"
        if days == 1
        else f"Report for {days} days to {local_day}",
        top_findings=top_findings,
        series_days=SERIES_DAYS,
    )
    zones, registries = _map_layers(store, period)
    report = dataclasses.replace(report, map_zones=zones, map_registries=registries)
    if policy is None:
        return report
    return dataclasses.replace(report, map_points=_coarsened(report.map_points, policy))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CeasefireError(f"{path}: cannot read the previous report ({exc.strerror})") from None


def write_report(report: DailyReport, format: str, path: Path) -> Path:
    """Render ``report`` as json, md, html, pdf or csv (its findings) to ``path``."""
    return render_report(report, format, path)
