"""``ceasefire stances``: add, list, timeline, import, through a throw-away app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import ceasefire
from ceasefire.cli import agreements as agreement_commands
from ceasefire.cli import stances as stance_commands
from ceasefire.cli.context import Context
from ceasefire.settings import Settings

JEDDAH = "jeddah-30-day-ceasefire-2025"
DEMO_CSV = Path(ceasefire.__file__).parent / "data" / "demo" / "stances_2025.csv"

app = typer.Typer()


@app.callback()
def _root(ctx: typer.Context, database: str = typer.Option(..., "--database")) -> None:
    ctx.obj = Context(settings=Settings.from_env(database=database))
    ctx.call_on_close(ctx.obj.close)


app.add_typer(agreement_commands.app, name="agreement")
app.add_typer(stance_commands.app, name="stances")


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    database = ["--database", f"sqlite:///{tmp_path / 'cli.db'}"]
    loaded = CliRunner().invoke(app, [*database, "agreement", "load", "--shipped"])
    assert loaded.exit_code == 0, loaded.output
    return database


def test_import_then_timeline_as_of_shows_each_party_and_the_matrix(db: list[str]) -> None:
    runner = CliRunner()
    imported = runner.invoke(app, [*db, "stances", "import", str(DEMO_CSV)])
    assert imported.exit_code == 0, imported.output
    assert "6 rows, 2 new, 0 revised, 4 unchanged" in imported.stdout
    shown = runner.invoke(app, [*db, "stances", "timeline", "--agreement", JEDDAH,
                                "--as-of", "2025-03-31"])  # fmt: skip
    assert shown.exit_code == 0, shown.output
    assert "accepts_with_conditions term:J-1" in shown.stdout
    assert "Stance matrix" in shown.stdout
    assert "2025-04-20" not in shown.stdout
    data = json.loads(
        runner.invoke(app, [*db, "stances", "timeline", "--agreement", JEDDAH, "--json"]).stdout
    )
    assert data["matrix"]["rows"]["UA"]["term:J-1"]["stance"] == "demands"
    assert [entry["record_id"] for entry in data["timeline"]["UA"]][-1] == (
        "S-ua-30-day-instead-2025-04-28"
    )


def test_add_with_words_then_list_as_json(db: list[str]) -> None:
    runner = CliRunner()
    added = runner.invoke(
        app,
        [*db, "stances", "add", "--agreement", JEDDAH, "--party", "RU", "--term", "J-1",
         "--stance", "rejects", "--date", "2025-03-20", "--time", "18:00",
         "--time-zone", "Europe/Moscow", "--authority", "spokesperson",
         "--source-url", "https://example.org/s"],
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert added.stdout.strip().endswith(": new")
    listed = runner.invoke(app, [*db, "stances", "list", "--party", "RU", "--json"])
    lines = [json.loads(line) for line in listed.stdout.splitlines()]
    assert lines[-1]["stance"] == "rejects" and lines[-1]["time_zone"] == "Europe/Moscow"
    table = runner.invoke(app, [*db, "stances", "list", "--agreement", JEDDAH])
    assert "S-putin-2025-03-13" in table.stdout


def test_errors_are_one_line_naming_the_field(db: list[str], tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(
        app,
        [*db, "stances", "add", "--agreement", JEDDAH, "--party", "RU", "--term", "J-9",
         "--stance", "perhaps", "--date", "2025-03-20", "--source-url", "https://e.org/s"],
    )  # fmt: skip
    assert bad.exit_code == 1
    assert "--stance:" in bad.stderr and "Traceback" not in bad.output
    unknown = runner.invoke(
        app,
        [*db, "stances", "add", "--agreement", JEDDAH, "--party", "RU", "--term", "J-9",
         "--stance", "rejects", "--date", "2025-03-20", "--source-url", "https://e.org/s"],
    )  # fmt: skip
    assert unknown.exit_code == 1 and "term: unknown term 'J-9'" in unknown.stderr
    path = tmp_path / "bad.csv"
    path.write_text("agreement,party,term,stance,date,source_url\nx,RU,J-1,accepts,soon,u\n")
    failed = runner.invoke(app, [*db, "stances", "import", str(path)])
    assert failed.exit_code == 1 and "row 2, field date" in failed.stderr
    as_of = runner.invoke(app, [*db, "stances", "timeline", "--agreement", JEDDAH,
                                "--as-of", "March"])  # fmt: skip
    assert as_of.exit_code == 1 and "--as-of" in as_of.stderr
