"""``ceasefire export incidents|findings``: formats, the public edition, the ACLED round trip."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire.cli.main import app
from ceasefire.core.actor import Actor
from ceasefire.core.mappings import ACLED_ACTS, acled_act
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.exports import ACLED_EVENTS
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.verify import verify

HEADER = (
    "key,source_kind,source_name,reliability,credibility,start,act,lat,lon,radius_m,"
    "observer_lat,observer_lon,bearing_min_deg,bearing_max_deg,distance_min_m,distance_max_m,"
    "fire_from_bearing_deg,perception,text\n"
)
ROWS = [
    # artillery on Kostiantynivka, seen by a camera and by Team 5 from its observation post
    "e1,sensor,Camera 3,A,1,2025-04-19T17:10:00Z,shelling.artillery,48.527,37.706,300,"
    ",,,,,,95,imagery,impact",
    "e2,monitor_team,Team 5,B,2,2025-04-19T17:11:00Z,shelling.artillery,,,,"
    "48.51,37.66,60,80,2000,4000,95,seen,four rounds from the east",
    "d1,monitor_team,Team 7,B,2,2025-04-12T09:00:00Z,drone_strike.fpv,47.84,35.12,500,"
    ",,,,,,,seen,FPV drone hit a car",
    "m1,monitor_team,Team 7,B,2,2025-04-13T09:00:00Z,missile_strike,46.63,32.61,2000,"
    ",,,,,,,heard,missile",
    "w1,monitor_team,Team 7,B,2,2025-04-14T09:00:00Z,weapon_sighting,47.10,37.55,200,"
    ",,,,,,,seen,two tanks",
]
OBSERVER = ("48.51", "37.66", "observer", "bearing", "distance_m", "Team 5", "Camera 3")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = Store.open(url)
    actor = Actor.local_cli("tester")
    path = tmp_path / "obs.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    load_shipped_agreements(store, actor)
    summary = ingest_file(store, actor, path, settings=Settings.from_env(env={}))
    assert summary.quarantined == 0, summary.problems
    verify(store, actor)
    evaluate_store(store, actor)
    store.close()
    return ["--database", url]


def _run(runner: CliRunner, args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_geojson_and_csv_hold_every_incident_with_its_position(
    runner: CliRunner, db: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "incidents.geojson"
    _run(runner, [*db, "export", "incidents", "--format", "geojson", "--out", str(out)])
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    acts = sorted(f["properties"]["act"] for f in features)
    assert acts == ["drone_strike.fpv", "missile_strike", "shelling.artillery", "weapon_sighting"]
    assert all(f["geometry"]["type"] == "Point" for f in features)
    table = tmp_path / "incidents.csv"
    _run(runner, [*db, "export", "incidents", "--format", "csv", "--out", str(table)])
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert len(rows) == 4 and rows[0]["incident_id"].startswith("INC-")
    assert "attribution_basis" in rows[0]


def test_public_export_coarsens_and_leaves_out_monitor_positions(
    runner: CliRunner, db: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CEASEFIRE_PUBLIC_DELAY_HOURS", "0")
    for kind, format in (("incidents", "geojson"), ("incidents", "csv"), ("findings", "csv")):
        out = tmp_path / f"public-{kind}.{format}"
        _run(runner, [*db, "export", kind, "--format", format, "--out", str(out), "--public"])
        text = out.read_text(encoding="utf-8")
        for secret in OBSERVER:
            assert secret not in text, (kind, format, secret)
    features = json.loads((tmp_path / "public-incidents.geojson").read_text())["features"]
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        assert round(lon * 1e6) % 100_000 == 50_000 and round(lat * 1e6) % 100_000 == 50_000
        assert feature["properties"]["radius_m"] >= 7_863
        assert "attribution_basis" not in feature["properties"]


def test_public_export_withholds_what_is_newer_than_the_delay(
    runner: CliRunner, db: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CEASEFIRE_PUBLIC_DELAY_HOURS", "1000000")
    out = tmp_path / "public.geojson"
    result = runner.invoke(
        app, [*db, "export", "incidents", "--format", "geojson", "--out", str(out), "--public"]
    )
    assert result.exit_code == 0
    assert json.loads(out.read_text())["features"] == []
    assert "4 left out: withheld (publication delay)" in result.stderr


def test_findings_geojson_places_findings_at_their_incident(
    runner: CliRunner, db: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "findings.geojson"
    _run(runner, [*db, "export", "findings", "--format", "geojson", "--out", str(out)])
    features = json.loads(out.read_text())["features"]
    assert features and all(f["properties"]["trace"] for f in features)
    assert {f["properties"]["verdict"] for f in features} <= {
        "violation", "no_violation", "indeterminate",
    }  # fmt: skip


def test_acled_export_reingests_without_quarantine(
    runner: CliRunner, db: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "acled.csv"
    result = runner.invoke(
        app, [*db, "export", "incidents", "--format", "acled", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "act weapon_sighting has no ACLED event type" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 3
    assert {r["source"] for r in rows} == {"ceasefire"}
    assert all(r["event_id_cnty"].startswith("INC-") for r in rows)
    shelling = next(r for r in rows if r["sub_event_type"].startswith("Shelling/artillery"))
    assert (shelling["iso"], shelling["time_precision"], shelling["geo_precision"]) == (
        "804",
        "1",
        "1",
    )
    fresh = ["--database", f"sqlite:///{tmp_path / 'fresh.db'}"]
    ingested = runner.invoke(app, [*fresh, "ingest", str(out), "--format", "acled", "--json"])
    assert ingested.exit_code == 0, ingested.output
    summary = json.loads(ingested.stdout)
    assert (summary["accepted"], summary["quarantined"]) == (3, 0)
    listed = runner.invoke(app, [*fresh, "observations", "list", "--output", "csv"])
    assert listed.exit_code == 0, listed.output
    back = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert sorted(r["act"] for r in back) == [
        "drone_strike.fpv",
        "missile_strike",
        "shelling.artillery",
    ]
    assert {r["key"] for r in back} == {r["event_id_cnty"] for r in rows}


@pytest.mark.parametrize("act", sorted(ACLED_EVENTS))
def test_every_exported_act_comes_back_from_acled_as_itself_or_a_clash(act: str) -> None:
    (event_type, sub_event_type), words = ACLED_EVENTS[act]
    assert (event_type, sub_event_type) in ACLED_ACTS
    back = acled_act(
        event_type, sub_event_type, f"INC-000001: {words} (probable; attributed to RU)."
    )
    expected = "armed_clash" if act in {"ground_assault", "small_arms_fire"} else act
    assert back.value == expected
