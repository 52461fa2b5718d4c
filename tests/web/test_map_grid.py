"""The map's grid counts over HTTP (no browser), on both databases: counts match the store,
filters and party scopes apply, and the public grid follows the publication policy."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from ceasefire.api.app import create_app
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.incidents import incidents
from ceasefire.workflows.map import cell_micro
from tests.web.seed import PASSWORD, seed

BOX = "22,44,41,53"


@dataclass(frozen=True)
class Served:
    """A test client and the store under it."""

    client: TestClient
    store: Store


@pytest.fixture
def served(database_url: str, observations: Path, tmp_path: Path) -> Iterator[Served]:
    """A client of the app over a seeded store, signed in as the analyst."""
    env = {"CEASEFIRE_DATABASE": database_url, "CEASEFIRE_SECRET_KEY": "k"}
    if not database_url.startswith("sqlite"):
        env["CEASEFIRE_EVIDENCE_DIR"] = str(tmp_path / "evidence")
    settings = Settings.from_env(env=env)
    seed(database_url, observations, settings)
    store = Store.open(database_url)
    with TestClient(create_app(settings, store)) as test_client:
        yield Served(test_client, store)
    store.close()


def _sign_in(client: TestClient, user: str) -> None:
    answer = client.post("/api/session", json={"username": user, "password": PASSWORD})
    assert answer.status_code == 200, answer.text


def _located(store: Store, **where: object) -> int:
    i = incidents
    query = select(func.count()).where(i.c.active.is_(True), i.c.lat.is_not(None))
    for name, value in where.items():
        query = query.where(i.c[name] == value)
    with store.reader.connect() as connection:
        return int(connection.execute(query).scalar_one())


def test_the_grid_counts_every_located_incident_and_filters(served: Served) -> None:
    client, store = served.client, served.store
    assert client.get(f"/api/map/incidents?bbox={BOX}").status_code == 401
    _sign_in(client, "ana")
    grid = client.get(f"/api/map/incidents?bbox={BOX}&zoom=6").json()
    assert grid["total"] == _located(store) == sum(c["count"] for c in grid["cells"])
    assert grid["cell_deg"] == cell_micro(6) / 1e6
    for cell in grid["cells"]:
        assert sum(cell["by_confidence"].values()) == cell["count"]
        assert cell["by_confidence"][cell["confidence"]] == max(cell["by_confidence"].values())
        assert (cell["incident_id"] is not None) == (cell["count"] == 1)
    ru = client.get(f"/api/map/incidents?bbox={BOX}&party=RU").json()
    assert ru["total"] == _located(store, party="RU")
    finer = client.get(f"/api/map/incidents?bbox={BOX}&zoom=10").json()
    assert finer["total"] == grid["total"] and len(finer["cells"]) > len(grid["cells"])
    empty = client.get(f"/api/map/incidents?bbox={BOX}&start=2020-01-01&end=2020-01-02").json()
    assert empty == {"cell_deg": grid["cell_deg"], "total": 0, "public": False, "cells": []}
    bad = client.get("/api/map/incidents?bbox=40,50,30,45")
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "bbox"


def test_a_liaison_grid_holds_their_party_only(served: Served) -> None:
    client, store = served.client, served.store
    _sign_in(client, "olga")
    grid = client.get(f"/api/map/incidents?bbox={BOX}").json()
    assert grid["total"] == _located(store, party="RU")
    assert {p for c in grid["cells"] for p in c["parties"]} == {"RU"}
    assert client.get(f"/api/map/incidents?bbox={BOX}&party=UA").status_code == 403


def test_the_public_grid_follows_the_publication_policy(served: Served) -> None:
    client, store = served.client, served.store
    grid = client.get(f"/api/public/map/incidents?bbox={BOX}&zoom=12").json()
    assert grid["public"] is True
    assert grid["cell_deg"] == 0.1  # never finer than the public grid
    assert grid["total"] == _located(store)  # the simulated days are long past the delay
    for cell in grid["cells"]:
        assert cell["incident_id"] is None
        # drawn at the centre of a 0.1° cell, as public coordinates are
        assert round(cell["lat"] * 10 - 0.5, 6) == round(cell["lat"] * 10 - 0.5)
    with store.reader.connect() as connection:
        last = connection.execute(select(func.max(incidents.c.end))).scalar_one()
    assert last is not None
    extent = client.get("/api/public/map/extent").json()
    assert extent["last"] is not None
    recent = datetime.now(UTC) - timedelta(hours=1)
    assert datetime.fromisoformat(extent["last"]) < recent


def test_pages_need_a_session_and_layers_are_public(served: Served) -> None:
    client = served.client
    answer = client.get("/map", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=/map"
    home = client.get("/")
    assert home.status_code == 200 and "Published incidents" in home.text
    line = client.get("/geo/line.geojson?date=2025-04-20")
    assert line.headers["x-layer"] == "line_of_contact_2025-04-18"
    assert line.json()["type"] == "FeatureCollection"
    assert client.get("/static/leaflet/leaflet.js").status_code == 200
    assert client.get("/geo/nothing.geojson").status_code == 404
