"""Opening a store: engines per backend, SQLite's write discipline, schema migrations.

SQLite (the embedded default) runs in WAL mode; every write transaction starts with
``BEGIN IMMEDIATE`` so a writer takes the lock up front (a deferred transaction that later writes
fails with SQLITE_BUSY_SNAPSHOT, which the busy timeout does not retry). PostgreSQL needs the
``[postgres]`` extra (psycopg 3) and the PostGIS extension.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import StaticPool

from ceasefire.core.errors import ConfigurationError, StoreError

BUSY_TIMEOUT_MS = 10_000
POOL = {"pool_size": 15, "max_overflow": 0}
"""Connections kept per engine: as many as SQLAlchemy's default allows at most (5 + 10
overflow), but kept open instead of closed after each use — under concurrent requests the
default opened and closed an overflow connection for about every fourth request (measured in
bench/api.py). More callers than this wait for a free connection."""
CACHE_KIB = 65_536
"""Page cache per connection (64 MiB): as fast as 256 MiB on a 1M-row import (measured), and
peak memory stays well under 500 MB."""


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    parsed = make_url(url)
    memory = parsed.database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {}
    if memory:
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    else:
        Path(parsed.database or "").parent.mkdir(parents=True, exist_ok=True)
        kwargs = dict(POOL)
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _postgres_engine(url: str) -> Engine:
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise ConfigurationError(
            "PostgreSQL needs the postgres extra: pip install 'ceasefire[postgres]'"
        ) from exc
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return create_engine(url, pool_pre_ping=True, **POOL)


def make_engines(url: str) -> tuple[Engine, Engine]:
    """(write engine, read engine) for a database URL."""
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise ConfigurationError(
            f"database URL {url!r} is not valid; expected sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST:PORT/DB"
        ) from exc
    if backend == "sqlite":
        if make_url(url).database in (None, "", ":memory:"):
            engine = _sqlite_engine(url, immediate=True)
            return engine, engine  # one in-memory database: reads share the writer's engine
        return _sqlite_engine(url, immediate=True), _sqlite_engine(url, immediate=False)
    if backend == "postgresql":
        engine = _postgres_engine(url)
        return engine, engine
    raise ConfigurationError(f"database {url!r}: only sqlite and postgresql are supported")


@contextmanager
def translate_operational_errors(url: str) -> Iterator[None]:
    """Turn driver errors about reachability and locks into one StoreError with the URL."""
    try:
        yield
    except OperationalError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"database {_redact(url)}: {detail}") from exc


def _redact(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
