"""``/api/incidents``: graded incidents, one with its members, decisions, lineage and findings;
analysts' decisions (merge, split, grade, attribute, discount)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from ceasefire.api.auth import ActorDep, authenticated
from ceasefire.api.errors import ERROR_RESPONSES
from ceasefire.api.filters import Bbox, End, Party, Start, parse_bbox, time_range
from ceasefire.api.pagination import Page, Window, paginate, window
from ceasefire.api.routes_findings import FindingOut
from ceasefire.api.routes_observations import ObservationOut
from ceasefire.api.service import ServiceDep, WritesDep
from ceasefire.core.verification.decisions import CONFIDENCE_LEVELS, DecisionKind
from ceasefire.workflows.decide import decide
from ceasefire.workflows.findings import FindingFilter, list_findings
from ceasefire.workflows.incidents import IncidentFilter, list_incidents, show_incident

router = APIRouter(
    prefix="/api/incidents",
    tags=["incidents"],
    dependencies=[Depends(authenticated)],
    responses=ERROR_RESPONSES,
)


class IncidentOut(BaseModel):
    """An incident: ID, whether it is current, then its content (time, place, grades, …)."""

    model_config = ConfigDict(extra="allow")

    incident_id: str
    active: bool | None = None


class LineageOut(BaseModel):
    """A merge or split link to another incident."""

    incident_id: str
    kind: str
    observations: int


class IncidentDetailOut(BaseModel):
    """One incident with everything behind it."""

    incident: IncidentOut
    active: bool
    observations: list[ObservationOut]
    decisions: list[dict[str, object]]
    parents: list[LineageOut]
    children: list[LineageOut]
    findings: list[FindingOut]


class DecisionIn(BaseModel):
    """An analyst's decision on the incident in the path."""

    kind: DecisionKind
    reason: str = Field(min_length=1, max_length=5000)
    others: list[str] = Field(default_factory=list, description="merge: the other incidents")
    observations: list[int] = Field(
        default_factory=list, description="split: the observations that leave"
    )
    value: str | None = Field(
        default=None,
        max_length=40,
        description=f"grade: one of {', '.join(CONFIDENCE_LEVELS)}; attribute: a party code, "
        "contested or not_attributable",
    )


class DecisionOut(BaseModel):
    """The recorded decision (applied by the next verification run)."""

    id: int
    kind: DecisionKind
    incident_id: str


def _in_box(record: dict[str, object], box: tuple[float, float, float, float] | None) -> bool:
    if box is None:
        return True
    lat, lon = record.get("lat"), record.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return False
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


@router.get("", response_model=Page[IncidentOut])
def incidents(
    *,
    page: Annotated[Window, Depends(window)],
    actor: ActorDep,
    owner: ServiceDep,
    start: Start = None,
    end: End = None,
    bbox: Bbox = None,
    confidence: Annotated[list[str], Query(description="repeatable")] = [],  # noqa: B006 - FastAPI copies defaults
    party: Party = None,
    attribution: Annotated[str | None, Query(max_length=40)] = None,
    act: Annotated[str | None, Query(max_length=80)] = None,
    include_retired: bool = False,
) -> Page[dict[str, object]]:
    """Incidents by event time; filters are combined with AND."""
    times = time_range(start, end)
    box = parse_bbox(bbox)
    where = IncidentFilter(
        start=times.start,
        end=times.end,
        confidence=tuple(confidence),
        party=party,
        attribution=attribution,
        act=act,
        include_retired=include_retired,
    )

    def fetch(bound: int) -> list[dict[str, object]]:
        limit = bound if box is None else None
        found = list_incidents(owner.store, replace(where, limit=limit), actor=actor)
        return [r for r in found if _in_box(r, box)][:bound]

    return paginate(fetch, lambda r: str(r["incident_id"]), page.limit, page.cursor, page.offset)


@router.get("/{incident_id}", response_model=IncidentDetailOut)
def incident(incident_id: str, actor: ActorDep, owner: ServiceDep) -> IncidentDetailOut:
    """One incident with its observations, decisions, lineage and findings."""
    detail = show_incident(owner.store, incident_id, actor=actor)
    where = FindingFilter(incident=incident_id, include_retired=True)
    found = list_findings(owner.store, where, actor=actor)
    return IncidentDetailOut(
        incident=IncidentOut.model_validate(detail.incident | {"active": detail.active}),
        active=detail.active,
        observations=[ObservationOut.model_validate(o) for o in detail.observations],
        decisions=detail.decisions,
        parents=[LineageOut(incident_id=p, kind=k, observations=n) for p, k, n in detail.parents],
        children=[LineageOut(incident_id=c, kind=k, observations=n) for c, k, n in detail.children],
        findings=[FindingOut.model_validate(f) for f in found],
    )


@router.post("/{incident_id}/decisions", response_model=DecisionOut, status_code=201)
def take_decision(
    incident_id: str, body: DecisionIn, actor: ActorDep, owner: ServiceDep, write: WritesDep
) -> DecisionOut:
    """Record a decision; the next `ceasefire verify` applies it (it is never lost)."""
    number = write(
        decide,
        owner.store,
        actor,
        body.kind,
        incident_id,
        reason=body.reason,
        others=body.others,
        observations=body.observations,
        value=body.value,
    )
    return DecisionOut(id=number, kind=body.kind, incident_id=incident_id)
