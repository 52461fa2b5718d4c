"""Authentication before validation, tokens, sessions with CSRF, roles — on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from ceasefire.core.actor import Actor
from ceasefire.store.database import Store
from ceasefire.workflows.accounts import issue_token
from tests.api.conftest import PASSWORD, Accounts


def test_unauthenticated_write_gets_401_before_its_body_is_validated(client: TestClient) -> None:
    response = client.post("/api/incidents/INC-000001/decisions", json={"kind": "no such kind"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    error = response.json()["error"]
    assert error["code"] == "unauthenticated"
    assert "Bearer" in error["message"]


def test_every_api_route_but_public_and_sign_in_needs_credentials(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method in operations:
            if not path.startswith("/api/") or path.startswith("/api/public"):
                continue
            if (path, method) == ("/api/session", "post"):
                continue
            concrete = path.replace("{", "").replace("}", "")
            response = client.request(method.upper(), concrete)
            assert response.status_code == 401, (method, path, response.status_code)


def test_a_wrong_or_expired_token_is_refused(
    client: TestClient, store: Store, accounts: Accounts
) -> None:
    wrong = client.get("/api/ledger", headers={"Authorization": "Bearer not-a-token"})
    assert wrong.status_code == 401
    assert "unknown API token" in wrong.json()["error"]["message"]
    old = issue_token(
        store,
        Actor.local_cli("tester"),
        "ana",
        lifetime=timedelta(days=1),
        now=datetime.now(UTC) - timedelta(days=2),
    )
    expired = client.get("/api/ledger", headers={"Authorization": f"Bearer {old.token}"})
    assert expired.status_code == 401
    assert "expired" in expired.json()["error"]["message"]
    assert client.get("/api/ledger", headers=accounts.analyst).status_code == 200


def test_a_role_without_the_permission_gets_403(client: TestClient, accounts: Accounts) -> None:
    body = {"kind": "grade", "reason": "two independent sources", "value": "probable"}
    response = client.post(
        "/api/incidents/INC-000001/decisions", json=body, headers=accounts.monitor
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    users = client.get("/api/users", headers=accounts.analyst)
    assert users.status_code == 403
    assert client.get("/api/users", headers=accounts.admin).status_code == 200


def test_session_sign_in_then_changes_need_the_csrf_header(
    client: TestClient, accounts: Accounts
) -> None:
    refused = client.post("/api/session", json={"username": "ana", "password": "wrong"})
    assert refused.status_code == 401
    signed_in = client.post("/api/session", json={"username": "ana", "password": PASSWORD})
    assert signed_in.status_code == 200
    csrf = signed_in.json()["csrf_token"]
    assert client.cookies.get("ceasefire_csrf") == csrf
    assert client.get("/api/session").json()["user"] == "ana"
    record = {
        "source_kind": "media",
        "source_name": "Wire",
        "start": "2025-04-20T10:00Z",
        "act": "shelling",
        "lat": 48.5,
        "lon": 37.7,
    }
    without = client.post("/api/observations", json=record)
    assert without.status_code == 403
    assert "X-CSRF-Token" in without.json()["error"]["message"]
    wrong = client.post("/api/observations", json=record, headers={"X-CSRF-Token": "nope"})
    assert wrong.status_code == 403
    done = client.post("/api/observations", json=record, headers={"X-CSRF-Token": csrf})
    assert done.status_code == 201, done.text
    assert client.delete("/api/session", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/session").status_code == 401


def test_a_tampered_session_cookie_is_refused(client: TestClient, accounts: Accounts) -> None:
    client.post("/api/session", json={"username": "olga", "password": PASSWORD})
    forged = client.cookies["ceasefire_session"].replace("party_liaison", "chief_monitor")
    client.cookies.clear()  # replace, not add beside (cookie jars key cookies by domain too)
    client.cookies.set("ceasefire_session", forged + "x")
    assert client.get("/api/session").status_code == 401
