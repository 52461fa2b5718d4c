"""The analysts' pages: the map, an incident with everything behind it, its ledger proof, and
the queue of incidents that need a decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ceasefire.core.access import Permission, allows
from ceasefire.core.errors import NotFound
from ceasefire.core.taxonomy import Act
from ceasefire.core.verification.decisions import CONFIDENCE_LEVELS
from ceasefire.web.session import owner_of, page, render, signed_in
from ceasefire.workflows.findings import FindingFilter, list_findings
from ceasefire.workflows.incidents import IncidentFilter, list_incidents, show_incident
from ceasefire.workflows.ledger_proof import prove
from ceasefire.workflows.map import incident_extent

router = APIRouter(include_in_schema=False)

ACT_FAMILIES = tuple(a.value for a in Act if "." not in a.value and a is not Act.UNKNOWN)
PARTIES = ("RU", "UA")
QUEUE_PAGE = 50
EVIDENCE_FIELDS = ("evidence_sha256", "evidence_phash", "evidence_url", "evidence_captured_at")


def _window(last: datetime | None) -> tuple[str, str]:
    """The map's default window: the last seven days that have incidents."""
    end = (last or datetime.now(UTC)).date() + timedelta(days=1)
    return (end - timedelta(days=7)).isoformat(), end.isoformat()


@router.get("/map")
@page
def map_view(*, request: Request) -> Response:
    """The map with its filters and time slider; cells come from ``/api/map/incidents``."""
    actor = signed_in(request)
    extent = incident_extent(owner_of(request).store, actor=actor)
    start, end = _window(extent.last)
    return render(
        request,
        "map.html",
        actor,
        first=extent.first.date().isoformat() if extent.first else start,
        last=(extent.last.date() + timedelta(days=1)).isoformat() if extent.last else end,
        start=start,
        end=end,
        acts=ACT_FAMILIES,
        parties=[actor.party] if actor.party and actor.role.value == "party_liaison" else PARTIES,
        levels=CONFIDENCE_LEVELS,
        can_decide=allows(actor.role, Permission.DECIDE),
    )


@router.get("/incidents/{incident_id}")
@page
def incident(incident_id: str, *, request: Request) -> Response:
    """One incident: grades with reasons, observations (redacted for the viewer), evidence
    hashes, decisions, findings with their traces, lineage, and the ledger proof link."""
    actor = signed_in(request)
    store = owner_of(request).store
    detail = show_incident(store, incident_id, actor=actor)
    found = list_findings(
        store, FindingFilter(incident=incident_id, include_retired=True), actor=actor
    )
    return render(
        request,
        "incident.html",
        actor,
        detail=detail,
        item=detail.incident,
        findings=list(found),
        evidence_fields=EVIDENCE_FIELDS,
        can_decide=allows(actor.role, Permission.DECIDE),
        levels=CONFIDENCE_LEVELS,
        parties=PARTIES,
    )


@router.get("/incidents/{incident_id}/proof")
@page
def incident_proof(incident_id: str, *, request: Request) -> Response:
    """The ledger entries behind an incident (its verification runs and decisions), each
    checked for inclusion under the latest signed checkpoint."""
    actor = signed_in(request)
    store = owner_of(request).store
    show_incident(store, incident_id, actor=actor)  # the viewer may see this incident
    try:
        report = prove(store, incident_id)
    except NotFound as exc:
        return render(request, "proof.html", actor, target=incident_id, report=None, note=exc)
    newer = [e for e in report.entries if int(str(e["seq"])) > report.checkpoint_size]
    problems = [p for p in report.problems if "comes after the checkpoint" not in p]
    return render(
        request,
        "proof.html",
        actor,
        target=incident_id,
        report=report,
        note=None,
        newer=newer,
        problems=problems,
    )


@router.get("/queue")
@page
def queue(
    *,
    request: Request,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    party: Annotated[str | None, Query(max_length=20)] = None,
    act: Annotated[str | None, Query(max_length=80)] = None,
) -> Response:
    """Incidents that need an analyst: unverified, or with a contested attribution, newest
    first; bulk grade, attribute, discount or merge through ``/api/incidents/{id}/decisions``."""
    actor = signed_in(request)
    store = owner_of(request).store
    base = IncidentFilter(party=party or None, act=act or None)
    unverified = list_incidents(store, replace(base, confidence=("unverified",)), actor=actor)
    contested = list_incidents(store, replace(base, attribution="contested"), actor=actor)
    rows = {str(r["incident_id"]): r for r in (*unverified, *contested)}
    ordered = sorted(
        rows.values(),
        key=lambda r: (str(r.get("start") or ""), str(r["incident_id"])),
        reverse=True,
    )
    shown = ordered[offset : offset + QUEUE_PAGE]
    return render(
        request,
        "queue.html",
        actor,
        rows=shown,
        offset=offset,
        more=len(ordered) > offset + QUEUE_PAGE,
        page_size=QUEUE_PAGE,
        party=party or "",
        act=act or "",
        acts=ACT_FAMILIES,
        parties=PARTIES,
        levels=CONFIDENCE_LEVELS,
        can_decide=allows(actor.role, Permission.DECIDE),
    )
