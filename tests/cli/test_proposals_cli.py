"""``ceasefire ingest-text --store`` and ``ceasefire proposals``, through a throw-away app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ceasefire.cli import agreements as agreement_commands
from ceasefire.cli import proposals as proposal_commands
from ceasefire.cli import text as text_commands
from ceasefire.cli.context import Context
from ceasefire.settings import Settings

app = typer.Typer()


@app.callback()
def _root(ctx: typer.Context, database: str = typer.Option(..., "--database")) -> None:
    ctx.obj = Context(settings=Settings.from_env(database=database))
    ctx.call_on_close(ctx.obj.close)


app.add_typer(agreement_commands.app, name="agreement")
app.add_typer(proposal_commands.app, name="proposals")
app.command("ingest-text")(text_commands.ingest_text)

TEXT = (
    "KYIV, March 14 (Test Wire) - Russian artillery shelled Kupiansk overnight, killing one "
    "man, the regional governor said.\n\nThis shameful war should end.\n"
)


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    database = ["--database", f"sqlite:///{tmp_path / 'cli.db'}"]
    loaded = CliRunner().invoke(app, [*database, "agreement", "load", "--shipped"])
    assert loaded.exit_code == 0, loaded.output
    return database


def test_store_then_list_accept_and_reject(db: list[str], tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "wire.txt"
    path.write_text(TEXT, encoding="utf-8")
    stored = runner.invoke(
        app, [*db, "ingest-text", str(path), "--published", "2025-03-14", "--store", "--json"]
    )
    assert stored.exit_code == 0, stored.output
    ids = {p["type"]: p["id"] for p in json.loads(stored.stdout)["proposals"]}
    assert set(ids) == {"observation", "opinion"}
    listed = runner.invoke(app, [*db, "proposals", "list", "--status", "proposed", "--json"])
    assert [p["id"] for p in json.loads(listed.stdout)] == sorted(ids.values())
    accepted = runner.invoke(app, [*db, "proposals", "accept", str(ids["observation"])])
    assert accepted.exit_code == 0, accepted.output
    assert "accepted; imported as import" in accepted.stdout
    refused = runner.invoke(app, [*db, "proposals", "accept", str(ids["opinion"])])
    assert refused.exit_code == 1 and "never a record" in refused.output
    rejected = runner.invoke(
        app, [*db, "proposals", "reject", str(ids["opinion"]), "--reason", "opinion"]
    )
    assert rejected.exit_code == 0 and "rejected: opinion" in rejected.stdout
    table = runner.invoke(app, [*db, "proposals", "list"])
    assert "accepted" in table.stdout and "rejected" in table.stdout


def test_a_bad_status_and_an_unknown_id_are_clear_errors(db: list[str]) -> None:
    runner = CliRunner()
    bad = runner.invoke(app, [*db, "proposals", "list", "--status", "maybe"])
    assert bad.exit_code == 1 and "--status: expected one of" in bad.output
    missing = runner.invoke(app, [*db, "proposals", "reject", "42", "--reason", "x"])
    assert missing.exit_code == 1 and "proposal 42 not found" in missing.output
