"""The command line: exit codes, one-line errors, JSON output, the demo end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire.cli.main import app

HEADER = "key,source_kind,source_name,start,act,lat,lon\n"
GOOD = "a,monitor_team,T1,2025-04-20T10:00,shelling,48.28,37.18\n"
BAD = "b,monitor_team,T1,2025-04-20T10:00,shelling,37.18,48.28\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    return ["--database", f"sqlite:///{tmp_path / 'cli.db'}"]


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_json_and_exit_zero_then_idempotent(
    runner: CliRunner, db: list[str], tmp_path: Path
) -> None:
    path = _file(tmp_path, "obs.csv", HEADER + GOOD)
    first = runner.invoke(app, [*db, "ingest", str(path), "--json"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert {k: summary[k] for k in ("accepted", "revised", "duplicates", "quarantined")} == {
        "accepted": 1,
        "revised": 0,
        "duplicates": 0,
        "quarantined": 0,
    }
    again = json.loads(runner.invoke(app, [*db, "ingest", str(path), "--json"]).stdout)
    assert (again["accepted"], again["duplicates"]) == (0, 1)


def test_quarantined_rows_exit_3_and_name_row_and_field(
    runner: CliRunner, db: list[str], tmp_path: Path
) -> None:
    path = _file(tmp_path, "mixed.csv", HEADER + GOOD + BAD)
    report = tmp_path / "report.csv"
    result = runner.invoke(app, [*db, "ingest", str(path), "--report", str(report)])
    assert result.exit_code == 3
    assert "mixed.csv row 3, field lat" in result.stderr
    assert "swapped" in report.read_text(encoding="utf-8")


def test_reject_mode_exits_1_with_one_line_error(
    runner: CliRunner, db: list[str], tmp_path: Path
) -> None:
    path = _file(tmp_path, "mixed.csv", HEADER + GOOD + BAD)
    result = runner.invoke(app, [*db, "ingest", str(path), "--on-invalid", "reject"])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("Error: ") and "row 3, field lat" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("garbage.csv", b"\x00\x01\x02\xff" * 100),
        ("empty.csv", b""),
        ("latin1.csv", (HEADER + GOOD.replace("T1", "Tёam")).encode("cp1251")),
        ("prose.txt", b"Russian forces shelled Kherson overnight, the governor said.\n"),
    ],
)
def test_unreadable_files_get_a_one_line_error_and_exit_1(
    runner: CliRunner, db: list[str], tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, [*db, "ingest", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}"), result.stderr


def test_bad_database_url_is_a_clear_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--database", "mysql://x/y", "stats"])
    assert result.exit_code == 1
    assert "only sqlite and postgresql" in result.stderr


def test_observations_list_outputs(runner: CliRunner, db: list[str], tmp_path: Path) -> None:
    runner.invoke(app, [*db, "ingest", str(_file(tmp_path, "o.csv", HEADER + GOOD))])
    geo = json.loads(runner.invoke(app, [*db, "observations", "list", "-o", "geojson"]).stdout)
    assert geo["features"][0]["geometry"]["coordinates"] == [37.18, 48.28]
    csv_out = runner.invoke(app, [*db, "observations", "list", "-o", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("id,revision,content_hash,key")
    empty = runner.invoke(app, [*db, "observations", "list", "--bbox", "30,44,31,45"]).stdout
    assert "0 observation(s)" in empty
    bad = runner.invoke(app, [*db, "observations", "list", "--bbox", "1,2,3"])
    assert bad.exit_code == 1 and "--bbox" in bad.stderr


def test_agreement_commands(runner: CliRunner, db: list[str]) -> None:
    loaded = runner.invoke(app, [*db, "agreement", "load", "--shipped"])
    assert loaded.exit_code == 0, loaded.output
    assert "easter-truce-2025: new" in loaded.stdout
    shown = runner.invoke(app, [*db, "agreement", "show", "easter-truce-2025"])
    assert "19 Apr 2025 18:00 → 21 Apr 2025 00:00 Europe/Moscow" in shown.stdout
    missing = runner.invoke(app, [*db, "agreement", "show", "nope"])
    assert missing.exit_code == 1 and "not found" in missing.stderr
    stats = json.loads(runner.invoke(app, [*db, "stats", "--json"]).stdout)
    assert stats["agreements"] == 5 and stats["terms"] >= 5


def test_demo_builds_a_store_and_rerunning_adds_nothing(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--dir", str(folder), "--days", "1"])
    assert result.exit_code == 0, result.output
    assert "easter-truce-2025" in result.stdout
    assert "B-cubed F1" in result.stdout
    assert (folder / "truth" / "events.csv").is_file()
    url = ["--database", f"sqlite:///{folder / 'ceasefire.db'}"]
    stats = json.loads(runner.invoke(app, [*url, "stats", "--json"]).stdout)
    assert stats["agreements"] == 5
    assert stats["observations"] > 1000
    assert stats["claims"] > 24
    assert stats["incidents"] > 100
    assert stats["effort_records"] > 0
    rerun = runner.invoke(app, ["demo", "--dir", str(folder), "--days", "1"])
    assert rerun.exit_code == 0
    assert json.loads(runner.invoke(app, [*url, "stats", "--json"]).stdout) == stats


def test_a_field_too_large_is_refused_with_its_row(
    runner: CliRunner, db: list[str], tmp_path: Path
) -> None:
    huge = "x" * 1_200_000
    path = _file(
        tmp_path,
        "huge.csv",
        HEADER
        + GOOD
        + GOOD.replace("a,", "c,")
        .replace("48.28", f'48.28,"{huge}"')
        .replace("lat,lon", "lat,lon"),
    )
    result = runner.invoke(app, [*db, "ingest", str(path)])
    assert result.exit_code == 1
    assert "row 3" in result.stderr and "Traceback" not in result.output
    stats = json.loads(runner.invoke(app, [*db, "stats", "--json"]).stdout)
    assert stats["observations"] == 0


def test_simulate_ingest_verify_score_and_decide(
    runner: CliRunner, db: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "sim"
    simulated = runner.invoke(
        app, ["simulate", "--scenario", "quiet", "--seed", "7", "--out", str(out)]
    )
    assert simulated.exit_code == 0, simulated.output
    ingested = runner.invoke(app, [*db, "ingest", str(out / "observations.csv"), "--json"])
    assert ingested.exit_code in (0, 3), ingested.output
    verified = json.loads(runner.invoke(app, [*db, "verify", "--json"]).stdout)
    assert verified["created"] > 0
    scores = json.loads(runner.invoke(app, [*db, "score", "--truth", str(out), "--json"]).stdout)
    for name in (
        "bcubed_precision",
        "bcubed_recall",
        "bcubed_f1",
        "attribution_coverage",
        "wrong_party_rate",
        "fabricated_above_possible",
        "naive_bcubed_f1",
    ):
        assert 0.0 <= scores[name] <= 1.0
    assert scores["bcubed_f1"] > scores["naive_bcubed_f1"]
    listed = runner.invoke(app, [*db, "incidents", "list", "--limit", "1", "-o", "json"])
    incident = json.loads(listed.stdout.splitlines()[0])["incident_id"]
    shown = runner.invoke(app, [*db, "incidents", "show", incident])
    assert shown.exit_code == 0 and "Confidence:" in shown.stdout
    decided = runner.invoke(app, [*db, "decide", "discount", incident, "--reason", "staged"])
    assert decided.exit_code == 0, decided.output
    runner.invoke(app, [*db, "verify", "--full"])
    again = runner.invoke(app, [*db, "incidents", "show", incident]).stdout
    assert "discounted" in again
    membership = tmp_path / "membership.csv"
    exported = runner.invoke(app, [*db, "export", "membership", "--out", str(membership)])
    assert exported.exit_code == 0
    header = membership.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("observation_id,incident_id")
    missing = runner.invoke(
        app, [*db, "decide", "grade", "INC-999999", "probable", "--reason", "x"]
    )
    assert missing.exit_code == 1 and "not found" in missing.stderr


def test_evaluate_and_findings_commands(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert runner.invoke(app, ["demo", "--dir", str(folder), "--days", "1"]).exit_code == 0
    db = ["--database", f"sqlite:///{folder / 'ceasefire.db'}"]
    again = json.loads(runner.invoke(app, [*db, "evaluate", "--json"]).stdout)
    assert again["created"] == 0 and again["unchanged"] > 0
    listed = runner.invoke(app, [*db, "findings", "list", "--limit", "3", "--json"]).stdout
    first = json.loads(listed.splitlines()[0])
    shown = runner.invoke(app, [*db, "findings", "show", first["finding_id"]])
    assert shown.exit_code == 0 and "Trace: " in shown.stdout
    missing = runner.invoke(app, [*db, "findings", "show", "FND-999999"])
    assert missing.exit_code == 1 and "not found" in missing.stderr
