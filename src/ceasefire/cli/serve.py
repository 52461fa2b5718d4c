"""``ceasefire serve``: run the web API (and the dashboard, when installed) with uvicorn.

SQLite: one process; its writes queue behind one in-process writer. PostgreSQL: ``--workers N``
processes, each stateless (sessions are signed cookies), so more can run behind a load balancer.
"""

from __future__ import annotations

import os

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.errors import ConfigurationError
from ceasefire.settings import Settings
from ceasefire.store.database import Store

FACTORY = "ceasefire.api.app:create_app_from_env"


def check_serve(settings: Settings, workers: int) -> None:
    """Refuse what cannot run: no secret key, or several processes on one SQLite file."""
    if not settings.secret_key:
        raise ConfigurationError(
            "CEASEFIRE_SECRET_KEY is not set: the API signs session cookies with it; set it to "
            "a long random value, the same for every server process (e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
        )
    try:
        backend = make_url(settings.database).get_backend_name()
    except ArgumentError:
        raise ConfigurationError(f"database URL {settings.database!r} is not valid") from None
    if backend == "sqlite" and workers > 1:
        raise ConfigurationError(
            f"--workers {workers}: SQLite allows one server process (its writes go through one "
            "writer); use PostgreSQL for several workers"
        )


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="port to listen on"),
    workers: int = typer.Option(
        1, "--workers", min=1, max=64, help="server processes (PostgreSQL only; SQLite: 1)"
    ),
) -> None:
    """Serve the web API at http://HOST:PORT/api/ (OpenAPI at /openapi.json)."""
    settings = context(ctx).settings
    with errors_reported(ctx):
        check_serve(settings, workers)
        Store.open(settings.database).close()  # migrate once, before any worker opens it
    run_server(settings, host, port, workers)


def run_server(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    """Run uvicorn until interrupted (the settings are checked and the database migrated)."""
    import uvicorn

    # Each server process builds its settings from the environment: pass --database on. The
    # app is named by import string (the CLI and the API are separate edges).
    os.environ["CEASEFIRE_DATABASE"] = settings.database
    if settings.secret_key:
        os.environ["CEASEFIRE_SECRET_KEY"] = settings.secret_key
    uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers, proxy_headers=True)
