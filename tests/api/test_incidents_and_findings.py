"""Incidents, analysts' decisions, findings and their adjudication over HTTP, on both
databases: the same workflows, the policy's roles and party scopes, the ledger verifying."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import insert, select

from ceasefire.core.actor import Actor
from ceasefire.store.database import Store
from ceasefire.store.findings import evaluation_runs, findings
from ceasefire.store.schema import outbox
from ceasefire.workflows.verify import verify
from tests.api.conftest import Accounts

HEADER = "key,source_kind,source_name,reliability,credibility,start,act,lat,lon,radius_m\n"
EVENTS = (
    "a1,monitor_team,Team 1,B,2,2025-04-20T10:00:00Z,shelling.artillery,48.28,37.18,1500\n"
    "a2,sensor,Camera 4,A,1,2025-04-20T10:01:00Z,shelling,48.281,37.181,300\n"
    "b1,monitor_team,Team 2,B,2,2025-04-20T16:00:00Z,drone_strike.fpv,48.60,37.80,1500\n"
    "b2,sensor,Camera 7,A,1,2025-04-20T16:02:00Z,drone_strike,48.601,37.801,300\n"
)


def _incidents(client: TestClient, store: Store, accounts: Accounts) -> list[dict[str, object]]:
    headers = accounts.analyst | {"Content-Type": "text/csv"}
    response = client.post("/api/observations/bulk", content=HEADER + EVENTS, headers=headers)
    assert response.status_code == 201, response.text
    verify(store, Actor.local_cli("tester"))
    page = client.get("/api/incidents", headers=accounts.analyst)
    assert page.status_code == 200, page.text
    return list(page.json()["items"])


def test_an_incident_shows_its_members_and_takes_a_decision(
    client: TestClient, store: Store, accounts: Accounts
) -> None:
    found = _incidents(client, store, accounts)
    assert len(found) == 2
    first = str(found[0]["incident_id"])
    detail = client.get(f"/api/incidents/{first}", headers=accounts.analyst).json()
    assert {o["key"] for o in detail["observations"]} == {"a1", "a2"}
    body = {"kind": "grade", "value": "probable", "reason": "monitor and camera agree"}
    taken = client.post(f"/api/incidents/{first}/decisions", json=body, headers=accounts.analyst)
    assert taken.status_code == 201, taken.text
    detail = client.get(f"/api/incidents/{first}", headers=accounts.analyst).json()
    assert [d["kind"] for d in detail["decisions"]] == ["grade"]
    with store.reader.connect() as connection:
        actions = list(connection.execute(select(outbox.c.action)).scalars())
    assert "decision.grade" in actions
    assert client.get("/api/ledger", headers=accounts.analyst).json()["pending"] == 0
    assert client.get("/api/ledger/verify", headers=accounts.chief).json()["ok"]


def test_incident_filters_and_unknown_ids(
    client: TestClient, store: Store, accounts: Accounts
) -> None:
    _incidents(client, store, accounts)
    near = client.get("/api/incidents?bbox=37.1,48.2,37.3,48.4", headers=accounts.analyst)
    assert [i["act"].split(".")[0] for i in near.json()["items"]] == ["shelling"]
    drones = client.get("/api/incidents?act=drone_strike", headers=accounts.analyst).json()
    assert len(drones["items"]) == 1
    missing = client.get("/api/incidents/INC-999999", headers=accounts.analyst)
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "code": "not_found",
        "message": "incident 'INC-999999' not found",
        "details": [],
    }
    bad = {"kind": "grade", "value": "certain", "reason": "sure"}
    first = near.json()["items"][0]["incident_id"]
    refused = client.post(f"/api/incidents/{first}/decisions", json=bad, headers=accounts.analyst)
    assert refused.status_code == 422
    assert "confidence 'certain'" in refused.json()["error"]["message"]


def test_a_request_validation_error_uses_the_envelope(
    client: TestClient, accounts: Accounts
) -> None:
    response = client.post(
        "/api/incidents/INC-000001/decisions", json={"kind": "grade"}, headers=accounts.analyst
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert {"field": "body.reason", "reason": "Field required"} in [
        {"field": d["field"], "reason": d["reason"]} for d in error["details"]
    ]


def _finding(store: Store, number: int, party: str) -> str:
    """A proposed finding against ``party``, proposed now (its reply window open)."""
    finding_id = f"FND-{number:06d}"
    now = datetime.now(UTC).replace(microsecond=0)
    with store.writer.begin() as connection:
        run_id = connection.execute(
            insert(evaluation_runs)
            .values(started_at=now, actor="local:tester", incidents=1, findings=1)
            .returning(evaluation_runs.c.id)
        ).scalar_one()
        connection.execute(
            insert(findings).values(
                finding_id=finding_id,
                finding_key=f"easter-truce-2025/T1/{party}/INC-{number:06d}",
                agreement_id="easter-truce-2025",
                term_id="T1",
                version_party=party,
                incident_id=f"INC-{number:06d}",
                verdict="violation",
                responsible_party=party,
                status="proposed",
                active=True,
                version=1,
                run_id=run_id,
                event_start=now - timedelta(days=1),
                trace="artillery strike on Kostiantynivka",
                content_hash="ab" * 32,
                canonical=b"{}",
            )
        )
    return finding_id


def test_liaison_replies_for_their_party_only_and_the_chief_signs_off(
    client: TestClient, store: Store, accounts: Accounts
) -> None:
    ours, theirs = _finding(store, 1, "RU"), _finding(store, 2, "UA")
    listed = client.get("/api/findings", headers=accounts.liaison_ru).json()["items"]
    assert [f["finding_id"] for f in listed] == [ours]
    assert client.get(f"/api/findings/{theirs}", headers=accounts.liaison_ru).status_code in (
        403,
        404,
    )
    reply = {"action": "reply", "reply": "accept", "text": "we accept"}
    early = client.post(f"/api/findings/{ours}/steps", json=reply, headers=accounts.analyst)
    assert early.status_code == 403
    replied = client.post(f"/api/findings/{ours}/steps", json=reply, headers=accounts.liaison_ru)
    assert replied.status_code == 201, replied.text
    assert replied.json()["to_state"] == "accepted"
    again = client.post(f"/api/findings/{ours}/steps", json=reply, headers=accounts.liaison_ru)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"
    signed = client.post(
        f"/api/findings/{ours}/steps", json={"action": "sign_off"}, headers=accounts.chief
    )
    assert signed.status_code == 201, signed.text
    detail = client.get(f"/api/findings/{ours}", headers=accounts.chief).json()
    assert detail["state"] == "signed_off"
    assert [e["action"] for e in detail["events"]] == ["reply", "sign_off"]
    only_signed = client.get("/api/findings?status=signed_off", headers=accounts.chief).json()
    assert [f["finding_id"] for f in only_signed["items"]] == [ours]
