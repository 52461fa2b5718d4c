"""``/api/reports``: a reporting day's report as a value, publishing, and published bytes."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field

from ceasefire.api.auth import ActorDep, authenticated
from ceasefire.api.errors import ERROR_RESPONSES, InvalidParameter
from ceasefire.api.filters import Day, Version, ZoneName
from ceasefire.api.service import ServiceDep, WritesDep
from ceasefire.core.reports.period import DEFAULT_START, DEFAULT_TIME_ZONE
from ceasefire.render import render_bytes
from ceasefire.store.publications import PublishedRendering
from ceasefire.workflows.publish import (
    PUBLISHED_FORMATS,
    ReportSpec,
    publication_policy,
    publish_report,
    published,
    published_bytes,
)
from ceasefire.workflows.report import daily_report

router = APIRouter(
    prefix="/api/reports",
    tags=["reports"],
    dependencies=[Depends(authenticated)],
    responses=ERROR_RESPONSES,
)

MEDIA_TYPES = {"json": "application/json", "pdf": "application/pdf"}
PublishedFormat = Literal["json", "pdf"]
REPORT_JSON: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {"schema": {"type": "object"}}}}
}


class PublishedOut(BaseModel):
    """One published rendering (without its bytes)."""

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

    @classmethod
    def of(cls, rendering: PublishedRendering) -> PublishedOut:
        """The response for a stored rendering."""
        return cls.model_validate(asdict(rendering))


def report_spec(
    day: Annotated[Day, Query(alias="date", description="reporting day (the period ends then)")],
    tz: Annotated[ZoneName, Query(max_length=64)] = DEFAULT_TIME_ZONE,
    start_time: Annotated[time, Query(description="local time the day starts and ends")] = (
        DEFAULT_START
    ),
    days: Annotated[int, Query(ge=1, le=7)] = 1,
    public: Annotated[bool, Query(description="the public edition (publication policy)")] = False,
) -> ReportSpec:
    """Which report the query names."""
    try:
        spec = ReportSpec(day, tz=tz, start_time=start_time, days=days, public=public)
        spec.period  # noqa: B018 - checks the time zone name
    except (ValueError, KeyError, OverflowError) as exc:
        raise InvalidParameter("tz", f"{tz!r} is not a known time zone ({exc})") from None
    return spec


SpecDep = Annotated[ReportSpec, Depends(report_spec)]


class PublishIn(BaseModel):
    """What to publish: the reporting day, its zone and start, the edition, a correction."""

    day: Day = Field(alias="date")
    tz: ZoneName = Field(default=DEFAULT_TIME_ZONE, max_length=64)
    start_time: time = DEFAULT_START
    days: int = Field(default=1, ge=1, le=7)
    public: bool = False
    correction: str | None = Field(
        default=None, max_length=5000, description="the reason, to publish a new version"
    )
    top: int = Field(default=10, ge=1, le=100, description="findings listed in the PDF")


class PublicationOut(BaseModel):
    """What was published: version, and each rendering's SHA-256 and size."""

    version: int
    sha256: dict[str, str]
    sizes: dict[str, int]
    skipped: dict[str, str]
    correction_reason: str | None
    event_hash: str


@router.get("/daily", responses=REPORT_JSON)
def daily(spec: SpecDep, actor: ActorDep, owner: ServiceDep) -> Response:
    """The report of a reporting day as its canonical JSON value (not published)."""
    policy = publication_policy(owner.settings) if spec.public else None
    report = daily_report(
        owner.store,
        spec.day,
        tz=spec.tz,
        start_time=spec.start_time,
        days=spec.days,
        policy=policy,
        actor=actor,
    )
    return Response(render_bytes(report, "json"), media_type="application/json")


@router.get("/published", response_model=list[PublishedOut])
def published_list(
    actor: ActorDep,
    owner: ServiceDep,
    day: Annotated[Day | None, Query(alias="date")] = None,
    tz: Annotated[ZoneName, Query(max_length=64)] = DEFAULT_TIME_ZONE,
) -> list[PublishedOut]:
    """Published renderings, oldest period first (with ``date``: periods ending that day)."""
    return [PublishedOut.of(r) for r in published(owner.store, day, tz, actor=actor)]


@router.get("/published/{format}", responses=REPORT_JSON)
def published_get(
    format: PublishedFormat,
    spec: SpecDep,
    actor: ActorDep,
    owner: ServiceDep,
    version: Version = None,
) -> Response:
    """The bytes of a published rendering, exactly as stored (latest version by default)."""
    number, data = published_bytes(owner.store, spec, format, version, actor=actor)
    return Response(data, media_type=MEDIA_TYPES[format], headers={"X-Report-Version": str(number)})


@router.post("/publish", response_model=PublicationOut, status_code=201)
def publish(
    body: PublishIn, actor: ActorDep, owner: ServiceDep, write: WritesDep
) -> PublicationOut:
    """Publish a report: its JSON (and PDF) bytes are stored and their SHA-256 ledgered."""
    spec = report_spec(body.day, body.tz, body.start_time, body.days, body.public)
    done = write(
        publish_report,
        owner.store,
        actor,
        spec,
        policy=publication_policy(owner.settings) if spec.public else None,
        correction=body.correction,
        top_findings=body.top,
    )
    return PublicationOut(
        version=done.version,
        sha256=done.sha256,
        sizes=done.sizes,
        skipped=done.skipped,
        correction_reason=done.correction_reason,
        event_hash=done.event_hash,
    )


assert set(MEDIA_TYPES) == set(PUBLISHED_FORMATS)
