"""The service around the routes: request-size limits, the error envelope for every failure,
one writer on SQLite under concurrent submissions, serve's checks, OpenAPI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from ceasefire.api.app import create_app
from ceasefire.cli.serve import check_serve
from ceasefire.core.errors import ConfigurationError
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from tests.api.conftest import Accounts


def test_a_body_over_the_limit_gets_413_before_it_is_read(
    api_settings: Settings, store: Store, accounts: Accounts
) -> None:
    small = replace(api_settings, max_request_bytes=1000)
    with TestClient(create_app(small, store)) as client:
        declared = client.post(
            "/api/observations/bulk", content=b"x" * 2000, headers=accounts.analyst
        )
        assert declared.status_code == 413
        assert declared.json()["error"]["code"] == "too_large"

        def chunks() -> Iterator[bytes]:
            for _ in range(20):
                yield b"y" * 100

        streamed = client.post("/api/observations/bulk", content=chunks(), headers=accounts.analyst)
        assert streamed.status_code == 413
        fits = client.post(
            "/api/observations/bulk", content=b"a,b\n1,2\n", headers=accounts.analyst
        )
        assert fits.status_code == 422  # read, then refused for its content


def test_an_unexpected_failure_is_a_500_envelope_without_a_traceback(
    api_settings: Settings, store: Store, accounts: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ceasefire.api.routes_ledger as routes

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire at /secret/path")

    monkeypatch.setattr(routes, "verify_ledger", broken)
    with TestClient(create_app(api_settings, store), raise_server_exceptions=False) as client:
        response = client.get("/api/ledger/verify", headers=accounts.analyst)
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal"
    assert "/secret/path" not in response.text and "Traceback" not in response.text


def test_sign_in_without_a_secret_key_is_a_configuration_error(
    api_settings: Settings, store: Store, accounts: Accounts
) -> None:
    keyless = replace(api_settings, secret_key="")
    with TestClient(create_app(keyless, store)) as client:
        response = client.post("/api/session", json={"username": "ana", "password": "x" * 12})
    assert response.status_code == 500
    assert "CEASEFIRE_SECRET_KEY" in response.json()["error"]["message"]


def test_serve_refuses_several_workers_on_sqlite_and_no_secret() -> None:
    sqlite = Settings.from_env(env={"CEASEFIRE_SECRET_KEY": "k"})
    with pytest.raises(ConfigurationError, match="SQLite allows one server process"):
        check_serve(sqlite, workers=2)
    check_serve(sqlite, workers=1)
    postgres = replace(sqlite, database="postgresql+psycopg://u@h:5432/db")
    check_serve(postgres, workers=4)
    with pytest.raises(ConfigurationError, match="CEASEFIRE_SECRET_KEY"):
        check_serve(replace(sqlite, secret_key=""), workers=1)


def test_concurrent_submissions_are_each_stored_once_and_the_ledger_verifies(
    client: TestClient, accounts: Accounts
) -> None:
    def submit(n: int) -> int:
        record = {
            "key": f"C-{n:03d}",
            "source_kind": "media",
            "source_name": "Busy wire",
            "start": f"2025-04-21T08:{n % 60:02d}:00Z",
            "act": "shelling",
            "lat": 48.0,
            "lon": 37.0 + n / 1000,
        }
        response = client.post("/api/observations", json=record, headers=accounts.monitor)
        return int(response.status_code)

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(submit, [n % 30 for n in range(60)]))
    assert sorted(set(statuses)) == [200, 201]
    assert statuses.count(201) == 30
    stored = client.get("/api/observations?limit=1000", headers=accounts.analyst).json()["items"]
    assert sorted(o["key"] for o in stored) == [f"C-{n:03d}" for n in range(30)]
    client.get("/api/ledger", headers=accounts.analyst)  # sequencing ran after each write
    verified = client.get("/api/ledger/verify", headers=accounts.analyst).json()
    assert verified["ok"] and verified["pending"] == 0, verified


def test_openapi_documents_every_route_with_the_error_envelope(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "ErrorEnvelope" in spec["components"]["schemas"]
    api = {path: ops for path, ops in spec["paths"].items() if path.startswith("/api/")}
    assert len(api) > 30
    for path, operations in api.items():
        for method, operation in operations.items():
            assert "422" in operation["responses"], (method, path)
    assert json.dumps(spec)  # serialisable as is
