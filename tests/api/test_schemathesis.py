"""schemathesis against the app's own OpenAPI document, on SQLite and on PostgreSQL.

Every operation of ``/openapi.json`` gets a few derandomized examples (valid and invalid data),
sent in process through the ASGI app (loopback only: no socket is opened), as an admin with a
real API token. Each response must be: no 5xx, a status code the document declares, the content
type it declares, and a body matching the declared schema (errors: the envelope).

The run shares one database per backend, so an example may disable the admin or revoke its
token (``POST /api/users/{name}/disable``, ``DELETE /api/tokens/{id}``); :class:`AdminToken`
notices and signs a new admin in, so later operations are still tested as an admin.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ceasefire.api.app import create_app
from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import CeasefireError
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.accounts import (
    CHEAP_PASSWORD_HASH,
    add_user,
    authenticate_token,
    issue_token,
)
from tests.api.conftest import Accounts

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 6


class AdminToken:
    """A bearer header of a current admin; a new admin and token when the last was cut off."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.names = (f"st-admin-{n}" for n in itertools.count())
        self.token = self._new_admin()

    def _new_admin(self) -> str:
        operator = Actor.local_cli("schemathesis")
        name = next(self.names)
        add_user(self.store, operator, name, Role.ADMIN, password="x" * 12,
                 hasher=CHEAP_PASSWORD_HASH)  # fmt: skip
        return issue_token(self.store, operator, name).token

    def header(self) -> dict[str, str]:
        """``Authorization: Bearer …`` of an admin whose token still works."""
        try:
            authenticate_token(self.store, self.token)
        except CeasefireError:
            self.token = self._new_admin()
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def admin_token(store: Store) -> AdminToken:
    """An admin's API token on the test store."""
    return AdminToken(store)


@pytest.fixture
def api_schema(api_settings: Settings, store: Store) -> Any:
    """The OpenAPI document of an app over the test store (one per backend)."""
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(api_settings, store))


MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)


def _failure(operation: Any, mode: Any, admin: AdminToken, sent: list[int]) -> str | None:
    """The first failing example of ``operation`` in ``mode``, as text; None when all pass."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def examples(case: schemathesis.Case[Any]) -> None:
        response = case.call_and_validate(headers=admin.header(), checks=CHECKS)
        sent.append(response.status_code)

    try:
        examples()
    except Unsatisfiable:
        return None  # e.g. no invalid input exists for an operation without parameters
    except (Exception, BaseExceptionGroup) as exc:  # a 500 raises in process
        return f"{operation.label} ({mode.value}): {type(exc).__name__}: {str(exc)[:1500]}"
    return None


def test_every_operation_conforms_to_its_openapi_document(
    api_schema: Any, admin_token: AdminToken
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 40, "the document should list every /api/ operation"
    sent: list[int] = []
    failures = [
        found
        for operation in operations
        for mode in MODES
        if (found := _failure(operation, mode, admin_token, sent)) is not None
    ]
    assert not failures, "\n\n".join(failures)
    assert len(sent) >= 3 * len(operations), "each operation should have been called"
    assert sum(200 <= s < 300 for s in sent) >= len(operations) // 2, "mostly refusals"


# What schemathesis found, pinned as plain examples (each was a 500 before the fix).


def test_a_nul_byte_in_a_query_or_json_body_is_refused_not_sent_to_the_database(
    client: TestClient, accounts: Accounts
) -> None:
    listed = client.get("/api/observations?source=a%00b", headers=accounts.admin)
    assert listed.status_code == 422
    assert listed.json()["error"]["details"][0]["field"] == "query"
    record = {"source_kind": "media", "source_name": "a\u0000b", "key": "N-1", "act": "shelling"}
    posted = client.post("/api/observations", json=record, headers=accounts.monitor)
    assert posted.status_code == 422
    assert posted.json()["error"]["code"] == "invalid_request"


def test_an_unknown_time_zone_or_a_day_out_of_range_is_a_422_naming_the_parameter(
    client: TestClient, accounts: Accounts
) -> None:
    zone = client.get("/api/reports/published?tz=Mars/Olympus", headers=accounts.admin)
    assert zone.status_code == 422
    assert "IANA time zone" in zone.json()["error"]["message"]
    day = client.post("/api/reports/publish", json={"date": "0174-05-19"}, headers=accounts.chief)
    assert day.status_code == 422
    assert "1900" in day.json()["error"]["message"]


def test_ids_and_offsets_beyond_the_database_integer_are_a_422(
    client: TestClient, accounts: Accounts
) -> None:
    for url in (f"/api/observations/{2**64}", f"/api/claims?offset={2**64}"):
        answer = client.get(url, headers=accounts.admin)
        assert answer.status_code == 422, url


def test_an_empty_record_and_an_unparsable_body_get_documented_errors(
    client: TestClient, accounts: Accounts
) -> None:
    empty = client.post("/api/claims", json={}, headers=accounts.admin)
    assert empty.status_code == 422
    garbled = client.post(
        "/api/session", content=b"\x02\x0f\x02oi\xff", headers={"Content-Type": "application/json"}
    )
    assert garbled.status_code in (400, 422)
    assert "error" in garbled.json()
    documented = client.get("/openapi.json").json()["paths"]["/api/observations"]["post"]
    assert {"200", "201", "400", "401", "403", "413", "422"} <= set(documented["responses"])
