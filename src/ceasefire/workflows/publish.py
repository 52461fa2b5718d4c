"""``ceasefire report publish|published|get``: published reports are immutable, ledgered bytes.

Publishing builds the report of a reporting day, renders it (canonical JSON always; PDF when the
``[reports]`` extra is installed), and stores each rendering's bytes with its SHA-256 in
``published_reports`` — in one unit of work whose ``report.published`` event carries every
SHA-256, so the ledger commits to exactly the bytes readers received. A report is never
published twice: late information goes into a *correction*, a new version with its reason, and
the earlier version stays as it was. The next day's report takes its "previous period" figures
from the latest published version (``ceasefire.workflows.report.previous_published``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from ceasefire.core.access import Permission, acting, allows, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.errors import CeasefireError, ConfigurationError, NotFound
from ceasefire.core.ledger.canonical import content_hash, utc_text
from ceasefire.core.reports import ReportingPeriod, reporting_period
from ceasefire.core.reports.period import DEFAULT_START, DEFAULT_TIME_ZONE
from ceasefire.core.reports.policy import PublicationPolicy
from ceasefire.render import render_bytes
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.publications import (
    PublishedRendering,
    latest_version,
    published_reports,
    rendering_bytes,
    renderings,
)
from ceasefire.workflows.as_of import published_version_at
from ceasefire.workflows.ledger import make_checkpoint
from ceasefire.workflows.report import daily_report

PUBLISHED_FORMATS = ("json", "pdf")
"""What a publication stores: JSON (required) and PDF (when the ``[reports]`` extra is there)."""


def publication_policy(settings: Settings) -> PublicationPolicy:
    """The publication policy configured by ``CEASEFIRE_PUBLIC_DELAY_HOURS`` and ``…_GRID_DEG``."""
    return PublicationPolicy(
        delay_hours=settings.public_delay_hours, grid_deg=settings.public_grid_deg
    )


@dataclass(frozen=True)
class ReportSpec:
    """Which report: the reporting day, its time zone and start time, days covered, edition."""

    day: date
    tz: str = DEFAULT_TIME_ZONE
    start_time: time = DEFAULT_START
    days: int = 1
    public: bool = False

    @property
    def period(self) -> ReportingPeriod:
        """The reporting period of this report."""
        return reporting_period(self.day, tz=self.tz, start_time=self.start_time, days=self.days)

    @property
    def edition(self) -> str:
        """``public`` (policy applied) or ``full``."""
        return "public" if self.public else "full"

    def name(self) -> str:
        """How messages name the report."""
        period = self.period
        return (
            f"the {self.edition} report {utc_text(period.start)}–{utc_text(period.end)} "
            f"({period.time_zone})"
        )


@dataclass(frozen=True)
class Publication:
    """What ``publish_report`` stored."""

    spec: ReportSpec
    version: int
    sha256: dict[str, str]
    sizes: dict[str, int]
    skipped: dict[str, str]
    """Formats not produced, with the reason (e.g. the ``[reports]`` extra is missing)."""
    correction_reason: str | None
    event_hash: str


def publish_report(
    store: Store,
    actor: Actor,
    spec: ReportSpec,
    *,
    policy: PublicationPolicy | None = None,
    correction: str | None = None,
    top_findings: int = 10,
    now: datetime | None = None,
    signing_key: tuple[bytes, bytes | None] | None = None,
) -> Publication:
    """Render and store the report of ``spec`` with its hashes in the outbox; see the module.

    With ``signing_key`` (private key PEM, passphrase) a signed checkpoint of the ledger is made
    right after. Refused when the report is already published and ``correction`` (the reason)
    is not given, and when a correction is asked for a report never published.
    """
    authorize(actor, Permission.PUBLISH_REPORT)
    period = spec.period
    if correction is not None and not correction.strip():
        raise CeasefireError("--correction: give the reason for the correction (not empty)")
    if spec.public and policy is None:
        raise CeasefireError("a public edition needs a publication policy")
    moment = (now or datetime.now(UTC)).replace(microsecond=0)
    with store.reader.connect() as connection:
        latest = latest_version(
            connection, period.start, period.end, period.time_zone, spec.edition
        )
    if latest and correction is None:
        raise CeasefireError(
            f"{spec.name()} is already published (version {latest}); published reports are "
            "immutable: publish a correction with --correction REASON"
        )
    if not latest and correction is not None:
        raise CeasefireError(f"{spec.name()} was never published: there is nothing to correct")
    report = daily_report(
        store,
        spec.day,
        tz=spec.tz,
        start_time=spec.start_time,
        days=spec.days,
        top_findings=top_findings,
        policy=policy if spec.public else None,
        now=moment,
    )
    version = latest + 1
    if correction is not None:
        notice = f"Correction (version {version}, replacing version {latest}): {correction.strip()}"
        report = dataclasses.replace(report, notices=(notice, *report.notices))
    produced: dict[str, bytes] = {}
    skipped: dict[str, str] = {}
    for format in PUBLISHED_FORMATS:
        try:
            produced[format] = render_bytes(report, format)
        except ConfigurationError as missing:
            if format == "json":
                raise
            skipped[format] = str(missing)
    hashes = {format: content_hash(data) for format, data in produced.items()}
    try:
        with store.unit_of_work(actor, now=moment) as uow:
            for format, data in produced.items():
                uow.connection.execute(
                    insert(published_reports).values(
                        period_start=period.start,
                        period_end=period.end,
                        time_zone=period.time_zone,
                        edition=spec.edition,
                        version=version,
                        format=format,
                        sha256=hashes[format],
                        content=data,
                        published_at=uow.now,
                        actor=actor.ref,
                        correction_reason=correction.strip() if correction else None,
                    )
                )
            content: dict[str, object] = {
                "period_start": utc_text(period.start),
                "period_end": utc_text(period.end),
                "time_zone": period.time_zone,
                "edition": spec.edition,
                "version": version,
                "layout": report.layout,
                "renderings": {
                    format: {"sha256": hashes[format], "bytes": len(data)}
                    for format, data in produced.items()
                },
            }
            if correction is not None:
                content.update({"corrects_version": latest, "reason": correction.strip()})
            ref = (
                f"report:{period.time_zone}:{utc_text(period.start)}/{utc_text(period.end)}:"
                f"{spec.edition}:v{version}"
            )
            event = uow.record("report.published", "published_report", ref, content)
    except IntegrityError:
        raise CeasefireError(
            f"{spec.name()} version {version} was published by someone else meanwhile; "
            "publish a correction with --correction REASON"
        ) from None
    if signing_key is not None:  # a checkpoint whenever a report is published
        make_checkpoint(store, actor, *signing_key, now=moment)
    return Publication(
        spec=spec,
        version=version,
        sha256=hashes,
        sizes={format: len(data) for format, data in produced.items()},
        skipped=skipped,
        correction_reason=correction.strip() if correction else None,
        event_hash=event,
    )


def published(
    store: Store,
    day: date | None = None,
    tz: str = DEFAULT_TIME_ZONE,
    *,
    actor: Actor | None = None,
    as_of: datetime | None = None,
) -> list[PublishedRendering]:
    """Stored renderings, oldest period first; with ``day``, those whose period ends that local
    day (in ``tz``); the full edition only for roles reading compliance; with ``as_of``, only
    those published by then."""
    actor = acting(actor)
    authorize(actor, Permission.READ_PUBLISHED)
    start = end = None
    if day is not None:
        zone = ZoneInfo(tz)
        start = datetime.combine(day, time(0), zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(UTC)
    with store.reader.connect() as connection:
        found = renderings(connection, end_from=start, end_to=end)
    full = allows(actor.role, Permission.READ_COMPLIANCE)
    if as_of is not None:
        found = [r for r in found if r.published_at <= as_of]
    return [r for r in found if full or r.edition == "public"]


def published_bytes(
    store: Store,
    spec: ReportSpec,
    format: str,
    version: int | None = None,
    *,
    actor: Actor | None = None,
    as_of: datetime | None = None,
) -> tuple[int, bytes]:
    """(version, bytes) of a published rendering, exactly as stored (latest version by default;
    with ``as_of``, the version that was the latest published at that time)."""
    authorize(
        acting(actor), Permission.READ_PUBLISHED if spec.public else Permission.READ_COMPLIANCE
    )
    period = spec.period
    with store.reader.connect() as connection:
        if as_of is not None and version is None:
            version = published_version_at(connection, period, spec.edition, format, as_of)
            if version is None:
                raise NotFound(
                    f"{spec.name()}: no {format} rendering published by {utc_text(as_of)}"
                )
        found = rendering_bytes(
            connection,
            period.start,
            period.end,
            period.time_zone,
            edition=spec.edition,
            format=format,
            version=version,
        )
    if found is None:
        which = f"version {version}" if version is not None else "any version"
        raise NotFound(f"{spec.name()}: no {format} rendering published ({which})")
    return found
