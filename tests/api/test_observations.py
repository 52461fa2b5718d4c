"""Submitting observations over HTTP: one or a file, stored exactly once, validated like the
CLI, chained into the ledger; listing with pages and filters (bbox in the database)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.api.conftest import FIXTURES, Accounts

SAMPLE = (FIXTURES / "observations_sample.jsonl").read_bytes()


def _grid(rows: int) -> bytes:
    """``rows`` observations on a line of longitudes, one minute apart."""
    lines = [
        json.dumps(
            {
                "key": f"G-{n:03d}",
                "source_kind": "media",
                "source_name": "Grid wire",
                "start": f"2025-04-20T10:{n:02d}:00Z",
                "act": "shelling" if n % 2 else "drone_strike.fpv",
                "lat": 48.0,
                "lon": 36.0 + n * 0.1,
            }
        )
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def test_one_observation_is_stored_once_and_chained_into_the_ledger(
    client: TestClient, accounts: Accounts
) -> None:
    record = {
        "key": "W-1",
        "source_kind": "media",
        "source_name": "Wire",
        "start": "2025-04-20T10:00:00Z",
        "act": "shelling",
        "lat": 48.5,
        "lon": 37.7,
    }
    first = client.post("/api/observations", json=record, headers=accounts.monitor)
    assert first.status_code == 201, first.text
    assert first.json()["accepted"] == 1
    again = client.post("/api/observations", json=record, headers=accounts.monitor)
    assert again.status_code == 200
    assert again.json()["accepted"] == 0 and again.json()["duplicates"] == 1
    listed = client.get("/api/observations", headers=accounts.analyst).json()["items"]
    assert [o["key"] for o in listed] == ["W-1"]
    status = client.get("/api/ledger", headers=accounts.analyst).json()
    assert status["pending"] == 0 and status["size"] > 0
    verified = client.get("/api/ledger/verify", headers=accounts.analyst).json()
    assert verified["ok"], verified["problems"]


def test_an_invalid_observation_is_refused_naming_the_field(
    client: TestClient, accounts: Accounts
) -> None:
    record = {
        "source_kind": "media",
        "source_name": "Wire",
        "start": "yesterday-ish",
        "act": "shelling",
        "lat": 48.5,
        "lon": 37.7,
    }
    response = client.post("/api/observations", json=record, headers=accounts.analyst)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert any(d["field"] == "start" and d["row"] == 1 for d in error["details"])
    assert "/tmp" not in error["message"]
    assert client.get("/api/observations", headers=accounts.analyst).json()["items"] == []


def test_a_bulk_file_is_imported_like_the_cli_and_only_once(
    client: TestClient, accounts: Accounts
) -> None:
    headers = accounts.analyst | {"Content-Type": "application/x-ndjson"}
    first = client.post("/api/observations/bulk?name=sample.jsonl", content=SAMPLE, headers=headers)
    assert first.status_code == 201, first.text
    summary = first.json()
    assert summary["file"] == "sample.jsonl" and summary["format"] == "jsonl"
    stored = summary["accepted"]
    assert stored > 0
    again = client.post("/api/observations/bulk", content=SAMPLE, headers=headers)
    assert again.status_code == 200
    assert again.json()["accepted"] == 0 and again.json()["duplicates"] == stored
    upload = client.post(
        "/api/observations/bulk/upload",
        files={"file": ("again.jsonl", SAMPLE, "application/x-ndjson")},
        headers=accounts.analyst,
    )
    assert upload.status_code == 200 and upload.json()["accepted"] == 0
    total = client.get("/api/observations?limit=1000", headers=accounts.analyst).json()["items"]
    assert len(total) == stored
    assert client.get("/api/ledger/verify", headers=accounts.analyst).json()["ok"]


def test_bad_rows_of_a_bulk_file_are_quarantined_with_row_and_field(
    client: TestClient, accounts: Accounts
) -> None:
    bad = _grid(3) + b'{"source_kind": "media", "source_name": "X", "act": "shelling"}\n'
    headers = accounts.analyst | {"Content-Type": "application/x-ndjson"}
    kept = client.post("/api/observations/bulk", content=bad, headers=headers)
    assert kept.status_code == 201
    assert kept.json()["accepted"] == 3 and kept.json()["quarantined"] == 1
    assert kept.json()["problems"][0]["row"] == 4
    rejected = client.post(
        "/api/observations/bulk?on_invalid=reject&name=b.jsonl",
        content=bad + b"{}\n",
        headers=headers,
    )
    assert rejected.status_code == 422
    assert rejected.json()["error"]["details"][0]["source"] == "b.jsonl"


def test_claims_go_to_the_claims_route_not_the_observations_route(
    client: TestClient, accounts: Accounts
) -> None:
    claims = b"claimant,period,metric,value\nRussia (MoD),2025-04-20,violations,4900\n"
    wrong = client.post(
        "/api/observations/bulk",
        content=claims,
        headers=accounts.analyst | {"Content-Type": "text/csv"},
    )
    assert wrong.status_code == 422
    assert "claims" in wrong.json()["error"]["message"]
    right = client.post(
        "/api/claims/bulk", content=claims, headers=accounts.analyst | {"Content-Type": "text/csv"}
    )
    assert right.status_code == 201, right.text
    listed = client.get("/api/claims", headers=accounts.analyst).json()["items"]
    assert listed[0]["metric"] == "violations"


def test_pages_are_stable_and_cover_everything_once(client: TestClient, accounts: Accounts) -> None:
    headers = accounts.analyst | {"Content-Type": "application/x-ndjson"}
    client.post("/api/observations/bulk", content=_grid(25), headers=headers)
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        query = "/api/observations?limit=7" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(query, headers=accounts.analyst).json()
        seen += [o["key"] for o in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        # A row filed meanwhile, earlier than the page boundary, does not shift the pages.
        if len(seen) == 7:
            late = {
                "key": "LATE",
                "source_kind": "media",
                "source_name": "Grid wire",
                "start": "2025-04-20T09:00:00Z",
                "act": "shelling",
                "lat": 48,
                "lon": 36,
            }
            client.post("/api/observations", json=late, headers=accounts.analyst)
    assert seen == [f"G-{n:03d}" for n in range(25)]
    by_offset = client.get("/api/observations?limit=5&offset=1", headers=accounts.analyst)
    assert [o["key"] for o in by_offset.json()["items"]] == [
        "G-000",
        "G-001",
        "G-002",
        "G-003",
        "G-004",
    ]  # LATE is first


def test_filters_bbox_time_and_act(client: TestClient, accounts: Accounts) -> None:
    headers = accounts.analyst | {"Content-Type": "application/x-ndjson"}
    client.post("/api/observations/bulk", content=_grid(20), headers=headers)

    def keys(query: str) -> list[str]:
        response = client.get(f"/api/observations?limit=100&{query}", headers=accounts.analyst)
        assert response.status_code == 200, response.text
        return [o["key"] for o in response.json()["items"]]

    assert keys("bbox=36.45,47.9,36.95,48.1") == ["G-005", "G-006", "G-007", "G-008", "G-009"]
    assert keys("start=2025-04-20T10:18:30Z") == ["G-018", "G-019"]
    assert keys("end=2025-04-20T10:02:00Z") == ["G-000", "G-001"]
    assert keys("act=drone_strike&bbox=36,47,36.35,49") == ["G-000", "G-002"]
    bad = client.get("/api/observations?bbox=1,2,3", headers=accounts.analyst)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "bbox"
