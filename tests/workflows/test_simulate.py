"""``run_simulation`` writes files that ingest cleanly and are byte-identical per seed."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ceasefire import Actor, Settings, Store, ingest_file
from ceasefire.core.effort import parse_effort
from ceasefire.workflows.simulate import run_simulation

FILES = (
    "observations.csv",
    "claims.csv",
    "effort.csv",
    "truth/events.csv",
    "truth/observations.csv",
    "truth/scenario.json",
)


def test_same_seed_writes_byte_identical_files(tmp_path: Path) -> None:
    run_simulation("default", 3, tmp_path / "a", days=1)
    run_simulation("default", 3, tmp_path / "b", days=1)
    run_simulation("default", 4, tmp_path / "c", days=1)
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / FILES[0]).read_bytes() != (tmp_path / "c" / FILES[0]).read_bytes()


def test_observations_ingest_with_only_the_rows_truth_marks_invalid(tmp_path: Path) -> None:
    summary = run_simulation("default", 5, tmp_path, days=1)
    store = Store.open("sqlite:///:memory:")
    result = ingest_file(
        store,
        Actor.local_cli("test"),
        tmp_path / "observations.csv",
        settings=Settings.from_env(env={}),
    )
    with (tmp_path / "truth" / "observations.csv").open(encoding="utf-8") as handle:
        truth = list(csv.DictReader(handle))
    invalid = {i + 2 for i, row in enumerate(truth) if row["label"] == "invalid"}
    assert {p.row for p in result.problems} == invalid
    assert result.accepted == summary.files["observations.csv"] - len(invalid)
    claims = ingest_file(
        store, Actor.local_cli("test"), tmp_path / "claims.csv", settings=Settings.from_env(env={})
    )
    assert claims.quarantined == 0 and claims.accepted == 2


def test_truth_covers_every_observation_row(tmp_path: Path) -> None:
    run_simulation("default", 6, tmp_path, days=1)
    with (tmp_path / "observations.csv").open(encoding="utf-8") as handle:
        observed = [(r["source_name"], r["key"]) for r in csv.DictReader(handle)]
    with (tmp_path / "truth" / "observations.csv").open(encoding="utf-8") as handle:
        truth = list(csv.DictReader(handle))
    with (tmp_path / "truth" / "events.csv").open(encoding="utf-8") as handle:
        events = {r["event_id"] for r in csv.DictReader(handle)}
    assert observed == [(r["source_name"], r["key"]) for r in truth]
    assert len(set(observed)) == len(observed)
    assert {r["event_id"] for r in truth if r["label"] == "true"} <= events
    assert all(r["event_id"] == "" for r in truth if r["label"] != "true")


def test_effort_parses_and_scenario_json_reports_the_figures(tmp_path: Path) -> None:
    run_simulation("quiet", 1, tmp_path, days=2)
    with (tmp_path / "effort.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = {name: [r[name] for r in rows] for name in rows[0]}
    records, problems = parse_effort(columns, list(range(2, len(rows) + 2)))
    assert problems == [] and len(records) == len(rows)
    scenario = json.loads((tmp_path / "truth" / "scenario.json").read_text(encoding="utf-8"))
    assert scenario["scenario"] == "quiet" and scenario["parameters"]["days"] == 2
    assert scenario["figures"]["observations"] == scenario["files"]["observations.csv"]
