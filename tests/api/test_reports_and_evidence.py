"""Reports (value, publish, published bytes), the public routes without sign-in, and evidence
upload into the content-addressed store — on both databases."""

from __future__ import annotations

import hashlib
import json

from fastapi.testclient import TestClient

from ceasefire.store.database import Store
from tests.api.conftest import Accounts

DAY = "date=2025-04-20&tz=Europe/Kyiv"


def test_a_published_report_is_served_as_stored_and_publicly_when_public(
    client: TestClient, accounts: Accounts
) -> None:
    value = client.get(f"/api/reports/daily?{DAY}", headers=accounts.analyst)
    assert value.status_code == 200, value.text
    assert "period" in value.json()
    refused = client.post(
        "/api/reports/publish", json={"date": "2025-04-20"}, headers=accounts.analyst
    )
    assert refused.status_code == 403
    body = {"date": "2025-04-20", "public": True}
    done = client.post("/api/reports/publish", json=body, headers=accounts.chief)
    assert done.status_code == 201, done.text
    digest = done.json()["sha256"]["json"]
    twice = client.post("/api/reports/publish", json=body, headers=accounts.chief)
    assert twice.status_code == 422 and "correction" in twice.json()["error"]["message"]
    stored = client.get(f"/api/reports/published/json?{DAY}&public=true", headers=accounts.mediator)
    assert stored.status_code == 200
    assert hashlib.sha256(stored.content).hexdigest() == digest
    public = client.get(f"/api/public/reports/json?{DAY}")  # no credentials
    assert public.status_code == 200 and public.content == stored.content
    listed = client.get("/api/public/reports").json()
    assert {r["edition"] for r in listed} == {"public"} and listed[0]["sha256"] == digest
    ledger = client.get("/api/public/ledger").json()
    assert ledger["size"] > 0 and ledger["pending"] == 0
    full = client.get("/api/public/reports/json?date=2025-04-21&tz=Europe/Kyiv")
    assert full.status_code == 404


def test_public_incidents_need_no_sign_in(client: TestClient) -> None:
    response = client.get("/api/public/incidents")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    assert json.loads(response.content)["type"] == "FeatureCollection"


def test_evidence_is_stored_once_by_its_hash_and_read_back(
    client: TestClient, store: Store, accounts: Accounts
) -> None:
    photo = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    digest = hashlib.sha256(photo).hexdigest()
    form = {
        "url": "https://example.org/post/1",
        "collector": "Team 1",
        "captured_at": "2025-04-20T10:00:00Z",
    }
    files = {"file": ("crater.png", photo, "image/png")}
    first = client.post("/api/evidence", data=form, files=files, headers=accounts.monitor)
    assert first.status_code == 201, first.text
    assert first.json()["sha256"] == digest and first.json()["size"] == len(photo)
    again = client.post("/api/evidence", data=form, files=files, headers=accounts.monitor)
    assert (
        again.status_code == 201 and again.json()["record_sha256"] == first.json()["record_sha256"]
    )
    captures = client.get(f"/api/evidence/{digest}", headers=accounts.analyst).json()
    assert len(captures) == 1
    file = client.get(f"/api/evidence/{digest}/file", headers=accounts.analyst)
    assert file.status_code == 200 and file.content == photo
    assert client.get(f"/api/evidence/{digest}", headers=accounts.mediator).status_code == 403
    if store.dialect == "sqlite":  # verify_ledger finds evidence by default settings only
        verified = client.get("/api/ledger/verify", headers=accounts.analyst).json()
        assert verified["ok"], verified["problems"]
