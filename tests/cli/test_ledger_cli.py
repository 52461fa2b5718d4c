"""``ledger export|verify --bundle|countersign|proof`` and ``keys rotate`` through a throw-away
Typer app: a party verifies the bundle with no database; a rotated key stays trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire.cli import ledger as ledger_cli
from ceasefire.core.actor import Actor
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.ledger import sequence
from tests.cli.test_ledger import _app


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    store = Store.open(f"sqlite:///{path}")
    source = tmp_path / "obs.csv"
    source.write_text(
        "key,source_kind,source_name,start,act,lat,lon,observer_lat,observer_lon,text\n"
        "a,monitor_team,Team Falcon,2025-04-20T10:00:00Z,shelling,48.3,37.2,48.28,37.18,heard\n"
        "b,media,Wire,2025-04-20T10:05:00Z,shelling,48.3,37.2,,,reported\n",
        encoding="utf-8",
    )
    ingest_file(store, Actor.local_cli("tester"), source, settings=Settings.from_env(env={}))
    sequence(store)
    store.close()
    return path


def test_export_countersign_rotate_and_verify_the_bundle_alone(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    app = _app(f"sqlite:///{database}")
    monkeypatch.setenv(ledger_cli.PASSPHRASE_ENV, "pw")
    key, new_key, pub = tmp_path / "m.key", tmp_path / "m2.key", tmp_path / "m.pub"
    party, held = tmp_path / "ua.key", tmp_path / "cp.json"
    for args in (
        ["keys", "generate", str(key)],
        ["keys", "generate", str(party), "--no-passphrase"],
        ["keys", "export-public", str(key), "--out", str(pub)],
        ["ledger", "checkpoint", "--key", str(key), "--out", str(held)],
        ["ledger", "countersign", str(held), "--key", str(party)],
        ["keys", "rotate", str(key), str(new_key), "--no-passphrase"],
        ["ledger", "checkpoint", "--key", str(new_key)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    assert len(json.loads(held.read_text())["countersignatures"]) == 1
    bundle = tmp_path / "ua.jsonl"
    made = runner.invoke(app, ["ledger", "export", "--out", str(bundle), "--for-party", "UA"])
    assert made.exit_code == 0, made.output
    assert b"Team Falcon" not in bundle.read_bytes() and b"tester" not in bundle.read_bytes()
    database.unlink()  # no database from here on
    args = ["ledger", "verify", "--bundle", str(bundle), "--checkpoint", str(held)]
    ok = runner.invoke(app, [*args, "--public-key", str(pub)])
    assert ok.exit_code == 0, ok.output
    assert "ok: the record verifies" in ok.output


def test_an_edited_bundle_fails_naming_the_entry(database: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    app = _app(f"sqlite:///{database}")
    bundle = tmp_path / "b.jsonl"
    assert runner.invoke(app, ["ledger", "export", "--out", str(bundle)]).exit_code == 0
    lines = bundle.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[3])
    row["committed"] = row["committed"].replace("Wire", "Wyre")
    lines[3] = json.dumps(row)
    bundle.write_text("\n".join(lines) + "\n", encoding="utf-8")
    failed = runner.invoke(app, ["ledger", "verify", "--bundle", str(bundle)])
    assert failed.exit_code == 1
    expected = "entry 1 row 1 (observations row 2): its committed form is not in the entry's"
    assert f"Error: {expected} Merkle root" in failed.output


def test_proof_of_an_observation_under_the_latest_checkpoint(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    app = _app(f"sqlite:///{database}")
    key = tmp_path / "m.key"
    assert runner.invoke(app, ["keys", "generate", str(key), "--no-passphrase"]).exit_code == 0
    assert runner.invoke(app, ["ledger", "checkpoint", "--key", str(key)]).exit_code == 0
    shown = runner.invoke(app, ["ledger", "proof", "observation:1"])
    assert shown.exit_code == 0, shown.output
    assert "entry 1: observations.imported import:1" in shown.output
    assert "ok: included under the checkpoint" in shown.output
    missing = runner.invoke(app, ["ledger", "proof", "INC-999999"])
    assert missing.exit_code == 1
