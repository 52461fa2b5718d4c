"""``/api/public``: what anyone may read without signing in — published reports (the public
edition), incidents under the publication policy (delayed, coarsened), the ledger's head."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Response

from ceasefire.api.errors import ERROR_RESPONSES
from ceasefire.api.filters import Version
from ceasefire.api.routes_ledger import LedgerStatusOut, status_of
from ceasefire.api.routes_reports import (
    MEDIA_TYPES,
    REPORT_JSON,
    PublishedFormat,
    PublishedOut,
    SpecDep,
)
from ceasefire.api.service import ServiceDep
from ceasefire.core.actor import Actor, Role
from ceasefire.workflows.exports import export_incidents
from ceasefire.workflows.publish import publication_policy, published, published_bytes

router = APIRouter(prefix="/api/public", tags=["public"], responses=ERROR_RESPONSES)

PUBLIC = Actor(user="public", role=Role.PUBLIC, via="api")
"""Who reads here: anyone, with the public role's permissions."""
GEOJSON: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/geo+json": {"schema": {"type": "object"}}}}
}


@router.get("/reports", response_model=list[PublishedOut])
def public_reports(owner: ServiceDep) -> list[PublishedOut]:
    """Published public editions, oldest period first."""
    return [
        PublishedOut.of(r) for r in published(owner.store, actor=PUBLIC) if r.edition == "public"
    ]


@router.get("/reports/{format}", responses=REPORT_JSON)
def public_report(
    format: PublishedFormat,
    spec: SpecDep,
    owner: ServiceDep,
    version: Version = None,
) -> Response:
    """The bytes of a published public edition, exactly as stored (``public`` is implied)."""
    number, data = published_bytes(
        owner.store, replace(spec, public=True), format, version, actor=PUBLIC
    )
    return Response(data, media_type=MEDIA_TYPES[format], headers={"X-Report-Version": str(number)})


@router.get("/incidents", responses=GEOJSON)
def public_incidents(owner: ServiceDep) -> Response:
    """Incidents under the publication policy as GeoJSON: recent ones withheld, positions
    moved to the centre of a grid cell, monitor positions and identities left out."""
    export = export_incidents(
        owner.store, "geojson", policy=publication_policy(owner.settings), actor=PUBLIC
    )
    return Response(export.data, media_type="application/geo+json")


@router.get("/ledger", response_model=LedgerStatusOut)
def public_ledger(owner: ServiceDep) -> LedgerStatusOut:
    """The ledger's size and head hash: what a party records to check the record later."""
    return status_of(owner, PUBLIC)
