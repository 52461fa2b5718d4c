"""The web API: ``create_app(settings)`` builds the FastAPI application.

Routes live under ``/api/`` (one module per area, each route one workflow call), the OpenAPI
document at ``/openapi.json``. The dashboard adds its pages by providing
``ceasefire.web.routes.router`` (an ``APIRouter``); when that module exists it is mounted at the
root. See docs/api.md.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

import ceasefire
from ceasefire.api import (
    routes_accounts,
    routes_claims,
    routes_evidence,
    routes_findings,
    routes_incidents,
    routes_ledger,
    routes_map,
    routes_observations,
    routes_public,
    routes_reports,
    routes_stances,
)
from ceasefire.api.auth import session_router
from ceasefire.api.errors import install_error_handlers
from ceasefire.api.limits import NoNulBytes, RequestSizeLimit, request_limit
from ceasefire.api.service import Service
from ceasefire.settings import Settings
from ceasefire.store.database import Store

API_ROUTERS: tuple[APIRouter, ...] = (
    session_router,
    routes_observations.router,
    routes_claims.router,
    routes_incidents.router,
    routes_findings.router,
    routes_reports.router,
    routes_ledger.router,
    routes_accounts.router,
    routes_evidence.router,
    routes_stances.router,
    routes_public.router,
    routes_map.router,
    routes_map.public_router,
)
WEB_MODULE = "ceasefire.web.routes"


def web_router() -> APIRouter | None:
    """The dashboard's router, when the dashboard is installed (``ceasefire.web.routes``)."""
    if importlib.util.find_spec(WEB_MODULE) is None:
        return None
    router = getattr(importlib.import_module(WEB_MODULE), "router", None)
    return router if isinstance(router, APIRouter) else None


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The application for ``settings`` (the store is opened, and migrated, unless given).

    A store passed in stays the caller's to close; one opened here closes with the app.
    """
    owned = store is None
    opened = store if store is not None else Store.open(settings.database)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.service.close()
        if owned:
            opened.close()

    app = FastAPI(
        title="ceasefire",
        version=ceasefire.__version__,
        summary="Make a ceasefire checkable: observations in, graded incidents, findings, "
        "published reports and a verifiable record.",
        openapi_url="/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = Service(settings=settings, store=opened)
    install_error_handlers(app)
    for router in API_ROUTERS:
        app.include_router(router)
    web = web_router()
    if web is not None:
        app.include_router(web)
    app.add_middleware(RequestSizeLimit, limit=request_limit(settings))
    app.add_middleware(NoNulBytes)
    return app


def create_app_from_env() -> FastAPI:
    """The application configured from ``CEASEFIRE_*`` variables (for uvicorn workers)."""
    return create_app(Settings.from_env())
