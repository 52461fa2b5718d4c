"""``/api/map`` and ``/api/public/map``: incidents counted into grid cells per zoom level.

The dashboard's map asks for the cells of its view (``bbox``, ``zoom``) under the filters of the
incident list; the grouping runs in the database (:mod:`ceasefire.workflows.map`), so a view of
100,000 incidents costs one ``GROUP BY``, not 100,000 rows. The public variant applies the
publication policy (delay, cells no finer than the public grid, no incident IDs).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ceasefire.api.auth import ActorDep, authenticated
from ceasefire.api.errors import ERROR_RESPONSES
from ceasefire.api.filters import Bbox, End, Party, Start, parse_bbox, time_range
from ceasefire.api.routes_public import PUBLIC
from ceasefire.api.service import ServiceDep
from ceasefire.workflows.map import MapQuery, incident_extent, incident_grid
from ceasefire.workflows.publish import publication_policy

router = APIRouter(
    prefix="/api/map",
    tags=["map"],
    dependencies=[Depends(authenticated)],
    responses=ERROR_RESPONSES,
)
public_router = APIRouter(prefix="/api/public/map", tags=["public"], responses=ERROR_RESPONSES)

Zoom = Annotated[int, Query(ge=0, le=22, description="Leaflet zoom level (cell size follows)")]
Confidence = Annotated[list[str], Query(description="repeatable: confirmed, probable, …")]
Attribution = Annotated[
    str | None, Query(max_length=40, description="attributed, contested or not_attributable")
]
Act = Annotated[str | None, Query(max_length=80, description="an act or family, e.g. shelling")]


class CellOut(BaseModel):
    """One grid cell: where to draw it, how many incidents, what they mostly are."""

    lat: float
    lon: float
    count: int
    confidence: str = Field(description="the most common confidence in the cell")
    attribution: str = Field(description="the most common attribution state in the cell")
    by_confidence: dict[str, int]
    by_attribution: dict[str, int]
    parties: dict[str, int] = Field(description="incidents per attributed party ('none')")
    incident_id: str | None = Field(
        default=None, description="the incident, when the cell holds exactly one"
    )


class GridOut(BaseModel):
    """The cells of one map view."""

    cell_deg: float
    total: int
    public: bool
    cells: list[CellOut]


class ExtentOut(BaseModel):
    """When the incidents begin and end (the time slider's range)."""

    first: datetime | None
    last: datetime | None


def map_query(
    *,
    start: Start = None,
    end: End = None,
    bbox: Bbox = None,
    zoom: Zoom = 6,
    party: Party = None,
    act: Act = None,
    confidence: Confidence = [],  # noqa: B006 - FastAPI copies defaults
    attribution: Attribution = None,
) -> MapQuery:
    """The map view the query names."""
    times = time_range(start, end)
    return MapQuery(
        bbox=parse_bbox(bbox) or MapQuery.bbox,
        zoom=zoom,
        start=times.start,
        end=times.end,
        party=party,
        act=act,
        confidence=tuple(confidence),
        attribution=attribution,
    )


QueryDep = Annotated[MapQuery, Depends(map_query)]


@router.get("/incidents", response_model=GridOut)
def grid(query: QueryDep, actor: ActorDep, owner: ServiceDep) -> GridOut:
    """Incidents in view counted per grid cell (a party liaison: their own party's)."""
    return GridOut.model_validate(
        incident_grid(owner.store, query, actor=actor), from_attributes=True
    )


@router.get("/extent", response_model=ExtentOut)
def extent(actor: ActorDep, owner: ServiceDep) -> ExtentOut:
    """The first and last moment of the stored incidents."""
    found = incident_extent(owner.store, actor=actor)
    return ExtentOut(first=found.first, last=found.last)


@public_router.get("/incidents", response_model=GridOut)
def public_grid(query: QueryDep, owner: ServiceDep) -> GridOut:
    """Published incidents per grid cell, under the publication policy: recent ones withheld,
    cells no finer than the public grid and drawn at their centre, no incident IDs."""
    found = incident_grid(
        owner.store, query, actor=PUBLIC, policy=publication_policy(owner.settings)
    )
    return GridOut.model_validate(found, from_attributes=True)


@public_router.get("/extent", response_model=ExtentOut)
def public_extent(owner: ServiceDep) -> ExtentOut:
    """The first and last moment of the stored incidents (public)."""
    found = incident_extent(owner.store, actor=PUBLIC, policy=publication_policy(owner.settings))
    return ExtentOut(first=found.first, last=found.last)
