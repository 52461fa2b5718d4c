"""An API client per backend, with accounts of each role and their tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ceasefire.api.app import create_app
from ceasefire.core.actor import Actor, Role
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.accounts import CHEAP_PASSWORD_HASH, add_user, issue_token

FIXTURES = Path(__file__).parent.parent / "fixtures"
PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Accounts:
    """Bearer headers per role (and the names, for sign-in)."""

    admin: dict[str, str]
    analyst: dict[str, str]
    chief: dict[str, str]
    monitor: dict[str, str]
    liaison_ru: dict[str, str]
    mediator: dict[str, str]


@pytest.fixture
def api_settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings of a test server: its database, a secret key, an evidence folder (SQLite
    keeps evidence next to the database file by default; PostgreSQL needs the setting)."""
    env = {"CEASEFIRE_DATABASE": database_url, "CEASEFIRE_SECRET_KEY": "test-secret-key"}
    if not database_url.startswith("sqlite"):
        env["CEASEFIRE_EVIDENCE_DIR"] = str(tmp_path / "evidence")
    return Settings.from_env(env=env)


@pytest.fixture
def client(api_settings: Settings, store: Store) -> Iterator[TestClient]:
    """A client of the app over the test store (on each backend)."""
    with TestClient(create_app(api_settings, store)) as test_client:
        yield test_client


def _bearer(
    store: Store, operator: Actor, username: str, role: Role, party: str | None
) -> dict[str, str]:
    add_user(
        store, operator, username, role, party=party, password=PASSWORD, hasher=CHEAP_PASSWORD_HASH
    )
    issued = issue_token(store, operator, username)
    return {"Authorization": f"Bearer {issued.token}"}


@pytest.fixture
def accounts(store: Store) -> Accounts:
    """One account per role, each with a token."""
    operator = Actor.local_cli("tester")
    return Accounts(
        admin=_bearer(store, operator, "ada", Role.ADMIN, None),
        analyst=_bearer(store, operator, "ana", Role.ANALYST, None),
        chief=_bearer(store, operator, "chief", Role.CHIEF_MONITOR, None),
        monitor=_bearer(store, operator, "mo", Role.MONITOR, None),
        liaison_ru=_bearer(store, operator, "olga", Role.PARTY_LIAISON, "RU"),
        mediator=_bearer(store, operator, "med", Role.MEDIATOR, None),
    )
