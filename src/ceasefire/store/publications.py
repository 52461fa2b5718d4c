"""Published reports: the produced bytes of each rendering, append-only.

One row per (report, version, format). A report is keyed by its period (start and end in UTC),
the reporting day's time zone and its edition (``full`` or ``public``). Version 1 is the first
publication; a correction adds version 2, 3, … with its reason. Rows are only ever inserted:
nothing in the code updates or deletes them, and the ledger entry of each publication commits to
every rendering's SHA-256 (``report.published``), so an edited row is detectable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
)

from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId, UTCTime

published_reports = Table(
    "published_reports",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("period_start", UTCTime, nullable=False),
    Column("period_end", UTCTime, nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("edition", String(10), nullable=False),
    Column("version", Integer, nullable=False),
    Column("format", String(8), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("published_at", UTCTime, nullable=False),
    Column("actor", String(220), nullable=False),
    Column("correction_reason", Text, nullable=True),
    UniqueConstraint(
        "period_start",
        "period_end",
        "time_zone",
        "edition",
        "version",
        "format",
        name="uq_published_reports_rendering",
    ),
)
Index("ix_published_reports_period_end", published_reports.c.period_end)


@dataclass(frozen=True)
class PublishedRendering:
    """One stored rendering (without its bytes)."""

    id: int
    period_start: datetime
    period_end: datetime
    time_zone: str
    edition: str
    version: int
    format: str
    sha256: str
    size: int
    published_at: datetime
    actor: str
    correction_reason: str | None


def _key(start: datetime, end: datetime, time_zone: str, edition: str) -> list[object]:
    p = published_reports.c
    return [
        p.period_start == start,
        p.period_end == end,
        p.time_zone == time_zone,
        p.edition == edition,
    ]


def latest_version(
    connection: Connection, start: datetime, end: datetime, time_zone: str, edition: str
) -> int:
    """The highest version published for the report (0 when never published)."""
    p = published_reports.c
    versions = connection.execute(
        select(p.version).where(*_key(start, end, time_zone, edition))  # type: ignore[arg-type]
    ).scalars()
    return max(versions, default=0)


def rendering_bytes(
    connection: Connection,
    start: datetime,
    end: datetime,
    time_zone: str,
    *,
    edition: str,
    format: str,
    version: int | None = None,
) -> tuple[int, bytes] | None:
    """(version, bytes) of a rendering: the given version, else the latest; None if absent."""
    p = published_reports.c
    query = select(p.version, p.content).where(
        *_key(start, end, time_zone, edition),  # type: ignore[arg-type]
        p.format == format,
    )
    if version is not None:
        query = query.where(p.version == version)
    row = connection.execute(query.order_by(p.version.desc()).limit(1)).one_or_none()
    return None if row is None else (int(row.version), bytes(row.content))


def renderings(
    connection: Connection,
    *,
    end_from: datetime | None = None,
    end_to: datetime | None = None,
) -> list[PublishedRendering]:
    """Stored renderings (optionally with the period ending in ``[end_from, end_to)``)."""
    p = published_reports.c
    query = select(
        p.id,
        p.period_start,
        p.period_end,
        p.time_zone,
        p.edition,
        p.version,
        p.format,
        p.sha256,
        p.content,
        p.published_at,
        p.actor,
        p.correction_reason,
    )
    if end_from is not None:
        query = query.where(p.period_end >= end_from)
    if end_to is not None:
        query = query.where(p.period_end < end_to)
    query = query.order_by(p.period_end, p.period_start, p.time_zone, p.edition, p.version, p.id)
    return [
        PublishedRendering(
            id=int(row.id),
            period_start=row.period_start,
            period_end=row.period_end,
            time_zone=row.time_zone,
            edition=row.edition,
            version=int(row.version),
            format=row.format,
            sha256=row.sha256,
            size=len(row.content),
            published_at=row.published_at,
            actor=row.actor,
            correction_reason=row.correction_reason,
        )
        for row in connection.execute(query)
    ]
