"""``ledger`` and ``keys`` commands through a throw-away Typer app (the lead registers them)."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ceasefire.cli import ledger as ledger_cli
from ceasefire.cli.context import Context
from ceasefire.core.actor import Actor
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.ledger import sequence


def _app(database: str) -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = Context(settings=Settings.from_env(env={}, database=database, user="tester"))

    app.add_typer(ledger_cli.app, name="ledger")
    app.add_typer(ledger_cli.keys_app, name="keys")
    return app


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    store = Store.open(f"sqlite:///{path}")
    source = tmp_path / "obs.csv"
    source.write_text(
        "key,source_kind,source_name,start,act,lat,lon,text\n"
        "a,monitor_team,T1,2025-04-20T10:00:00Z,shelling,48.28,37.18,heard it\n",
        encoding="utf-8",
    )
    ingest_file(store, Actor.local_cli("tester"), source, settings=Settings.from_env(env={}))
    sequence(store)
    store.close()
    return path


def test_keys_checkpoint_verify_then_tampering_by_hand_fails(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    app = _app(f"sqlite:///{database}")
    key, public, held = tmp_path / "mission.key", tmp_path / "mission.pub", tmp_path / "cp.json"
    monkeypatch.setenv(ledger_cli.PASSPHRASE_ENV, "correct horse")
    made = runner.invoke(app, ["keys", "generate", str(key)])
    assert made.exit_code == 0, made.output
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert b"ENCRYPTED" in key.read_bytes()
    again = runner.invoke(app, ["keys", "generate", str(key)])
    assert again.exit_code == 1 and "never overwritten" in again.stderr
    exported = runner.invoke(app, ["keys", "export-public", str(key), "--out", str(public)])
    assert exported.exit_code == 0 and public.read_bytes().startswith(b"-----BEGIN PUBLIC KEY")
    signed = runner.invoke(app, ["ledger", "checkpoint", "--key", str(key), "--out", str(held)])
    assert signed.exit_code == 0, signed.output
    assert json.loads(held.read_text())["size"] == 1
    status = json.loads(runner.invoke(app, ["ledger", "status", "--json"]).stdout)
    assert (status["size"], status["pending"]) == (2, 0)
    checks = ["ledger", "verify", "--checkpoint", str(held), "--trust", str(public)]
    ok = runner.invoke(app, checks)
    assert ok.exit_code == 0, ok.output
    assert "ok: the record verifies" in ok.stdout
    with sqlite3.connect(database) as connection:  # edit an observation by hand
        connection.execute("UPDATE observations SET canonical = CAST('{}' AS BLOB)")
    failed = runner.invoke(app, checks)
    assert failed.exit_code == 1
    assert failed.stderr.startswith("Error: observations row 1:")


def test_a_readable_private_key_is_refused(database: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    app = _app(f"sqlite:///{database}")
    key = tmp_path / "open.key"
    assert runner.invoke(app, ["keys", "generate", str(key), "--no-passphrase"]).exit_code == 0
    key.chmod(0o644)
    result = runner.invoke(app, ["ledger", "checkpoint", "--key", str(key)])
    assert result.exit_code == 1
    assert "readable by others" in result.stderr and "chmod 600" in result.stderr
