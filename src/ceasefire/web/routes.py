"""The dashboard's router: public home, sign-in, reports, map layers and static files.

``ceasefire.api.app.create_app`` includes :data:`router` at the root when this module exists.
Pages call the same workflow functions as the API (reads, with the viewer as actor); every
change a page offers is sent by the browser to the JSON API with the session's CSRF token, so
the policy, validation and ledger are the API's own.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from xstatic.pkg import leaflet  # type: ignore[import-untyped]  # no type information shipped

from ceasefire.api.routes_public import PUBLIC
from ceasefire.store.publications import PublishedRendering
from ceasefire.web import layers
from ceasefire.web.findings import router as findings_router
from ceasefire.web.session import home_of, owner_of, page, render, viewer
from ceasefire.web.work import router as work_router
from ceasefire.workflows.ledger import ledger_status
from ceasefire.workflows.publish import publication_policy, published

STATIC = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False)
router.mount("/static/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
router.mount("/static/web", StaticFiles(directory=STATIC), name="web-static")
router.include_router(work_router)
router.include_router(findings_router)

GEOJSON = "application/geo+json"
CACHE = {"Cache-Control": "public, max-age=3600"}


@router.get("/")
@page
def home(*, request: Request) -> Response:
    """The public home: published incidents on the map, published reports, the ledger head."""
    owner = owner_of(request)
    policy = publication_policy(owner.settings)
    reports = [r for r in published(owner.store, actor=PUBLIC) if r.edition == "public"]
    return render(
        request,
        "home.html",
        viewer(request),
        reports=report_links(reports),
        policy=policy.describe(datetime.now(UTC)),
        ledger=ledger_status(owner.store, actor=PUBLIC),
    )


@router.get("/login")
@page
def login(*, request: Request, next: Annotated[str, Query(max_length=500)] = "") -> Response:
    """The sign-in form (the browser posts it to ``POST /api/session``)."""
    actor = viewer(request)
    if actor is not None:
        return RedirectResponse(_safe(next) or home_of(actor), status_code=303)
    return render(request, "login.html", None, next=_safe(next))


@router.get("/start")
@page
def start(*, request: Request) -> Response:
    """Where a user lands after signing in: the page of their daily work."""
    actor = viewer(request)
    return RedirectResponse(home_of(actor) if actor else "/", status_code=303)


def _safe(target: str) -> str:
    """Only local paths are followed after sign-in (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else ""


@router.get("/reports")
@page
def reports(*, request: Request) -> Response:
    """Published reports: the public editions, and the full ones for signed-in readers."""
    actor = viewer(request)
    owner = owner_of(request)
    reader = actor if actor is not None else PUBLIC
    found = published(owner.store, actor=reader)  # the full edition only for those who may
    return render(request, "reports.html", actor, reports=report_links(found))


def report_links(renderings: list[PublishedRendering]) -> list[dict[str, object]]:
    """One row per published report (edition, period, version) with links to its formats."""
    rows: dict[tuple[object, ...], dict[str, object]] = {}
    for r in renderings:
        local_end = r.period_end.astimezone(ZoneInfo(r.time_zone))
        days = max(1, round((r.period_end - r.period_start) / timedelta(days=1)))
        query = (
            f"date={local_end.date().isoformat()}&tz={r.time_zone}"
            f"&start_time={local_end.strftime('%H:%M')}&days={days}&version={r.version}"
        )
        key = (r.period_end, r.edition, r.version)
        row = rows.setdefault(
            key,
            {
                "day": local_end.date(),
                "days": days,
                "edition": r.edition,
                "version": r.version,
                "published_at": r.published_at,
                "correction": r.correction_reason,
                "links": {},
            },
        )
        public = r.edition == "public"
        base = "/api/public/reports/" if public else "/api/reports/published/"
        extra = "" if public else "&public=false"
        links = row["links"]
        assert isinstance(links, dict)
        links[r.format] = f"{base}{r.format}?{query}{extra}"
        links.setdefault("sha256", {})[r.format] = r.sha256
    return sorted(
        rows.values(), key=lambda row: (str(row["day"]), str(row["edition"])), reverse=True
    )


@router.get("/geo/{name}.geojson")
def geography(
    name: str, request: Request, day: Annotated[date | None, Query(alias="date")] = None
) -> Response:
    """A map layer: ``countries``, ``oblasts``, ``line``, ``zones`` or ``objects`` (as of
    ``date``; default today)."""
    chosen = day or datetime.now(UTC).date()
    if name in layers.BASE_LAYERS:
        return Response(layers.base_layer(name), media_type=GEOJSON, headers=CACHE)
    if name == "line":
        layer, data = layers.line_layer(chosen)
        return Response(data, media_type=GEOJSON, headers={"X-Layer": layer or "", **CACHE})
    store = owner_of(request).store
    if name == "zones":
        return Response(layers.zones_layer(store, chosen), media_type=GEOJSON)
    if name == "objects":
        return Response(layers.objects_layer(store, chosen), media_type=GEOJSON)
    return Response('{"error": {"code": "not_found", "message": "no such layer"}}', 404)
