"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL + PostGIS.

PostgreSQL tests run when ``CEASEFIRE_TEST_POSTGRES_URL`` points at a server (``.ci/run`` starts
one with ``scripts/pg-start.sh``). In CI (``CI=true``) a missing server is an error, not a skip.
"""

from __future__ import annotations

import atexit
import itertools
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ceasefire.core.actor import Actor
from ceasefire.settings import Settings
from ceasefire.store.database import Store

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=50,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

POSTGRES_URL = os.environ.get("CEASEFIRE_TEST_POSTGRES_URL")
_counter = itertools.count()
_template_ready = False
# One template per pytest process, so that several test runs can share one server.
_TEMPLATE = f"cf_template_{os.getpid()}"


def _admin_url(url: str) -> str:
    return make_url(url).set(database="postgres").render_as_string(hide_password=False)


def _postgres_database() -> str:
    """A new database cloned from a migrated template (created once per session)."""
    global _template_ready
    assert POSTGRES_URL is not None
    admin = create_engine(_admin_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    base = make_url(POSTGRES_URL)
    with admin.connect() as connection:
        if not _template_ready:
            connection.execute(text(f"DROP DATABASE IF EXISTS {_TEMPLATE}"))
            connection.execute(text(f"CREATE DATABASE {_TEMPLATE}"))
            template_url = base.set(database=_TEMPLATE).render_as_string(hide_password=False)
            Store.open(template_url).close()
            _template_ready = True
            atexit.register(_drop_template)
        name = f"cf_test_{os.getpid()}_{next(_counter)}"
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {_TEMPLATE}"))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def _drop_template() -> None:
    assert POSTGRES_URL is not None
    admin = create_engine(_admin_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {_TEMPLATE} WITH (FORCE)"))
    admin.dispose()


def _drop_postgres(url: str) -> None:
    assert POSTGRES_URL is not None
    admin = create_engine(_admin_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A URL of an empty, migrated database; each test runs once per backend."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "ceasefire.db"
        Store.open(f"sqlite:///{path}").close()
        yield f"sqlite:///{path}"
        return
    if not POSTGRES_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must test PostgreSQL: CEASEFIRE_TEST_POSTGRES_URL is not set")
        pytest.skip("PostgreSQL not available (set CEASEFIRE_TEST_POSTGRES_URL)")
    url = _postgres_database()
    yield url
    _drop_postgres(url)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """An open store on each backend."""
    opened = Store.open(database_url)
    yield opened
    opened.close()


@pytest.fixture
def actor() -> Actor:
    """The local operator every workflow test acts as."""
    return Actor.local_cli("tester")


@pytest.fixture
def app_settings() -> Settings:
    """Settings with defaults (no environment)."""
    return Settings.from_env(env={})
