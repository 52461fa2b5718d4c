"""``evidence add|show|get|gc`` and ``ledger access-log`` through a throw-away Typer app (the
lead registers them in ``ceasefire.cli.main``)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ceasefire.cli import evidence as evidence_cli
from ceasefire.cli.context import Context
from ceasefire.settings import Settings

PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00"


def _app(database: Path) -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main(ctx: typer.Context) -> None:
        settings = Settings.from_env(env={}, database=f"sqlite:///{database}", user="tester")
        ctx.obj = Context(settings=settings)
        ctx.call_on_close(ctx.obj.close)

    ledger = typer.Typer()
    ledger.command("access-log")(evidence_cli.access_log)
    ledger.command("noop")(lambda: None)
    app.add_typer(evidence_cli.app, name="evidence")
    app.add_typer(ledger, name="ledger")
    return app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_add_show_get_and_the_access_log(tmp_path: Path, runner: CliRunner) -> None:
    database = tmp_path / "cli.db"
    app = _app(database)
    source = tmp_path / "statement.pdf"  # the name says PDF, the bytes say PNG
    source.write_bytes(PNG_HEAD)
    added = runner.invoke(
        app,
        [
            "evidence", "add", str(source), "--url", "https://example.org/x",
            "--captured-at", "2025-04-20T10:00:00+03:00", "--collector", "Team 3",
            "--tool", "camera", "--restricted", "--json",
        ],
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    record = json.loads(added.stdout)
    sha = record["sha256"]
    assert record["media_type"] == "image/png"
    assert record["captured_at"] == "2025-04-20T07:00:00Z"
    assert (tmp_path / "evidence" / sha[:2] / sha[2:4] / sha).read_bytes() == PNG_HEAD

    shown = runner.invoke(app, ["evidence", "show", sha])
    assert shown.exit_code == 0, shown.output
    assert "statement.pdf" in shown.stdout and "Team 3" in shown.stdout

    out = tmp_path / "copy.png"
    got = runner.invoke(app, ["evidence", "get", sha, "--out", str(out)])
    assert got.exit_code == 0, got.output
    assert out.read_bytes() == PNG_HEAD
    again = runner.invoke(app, ["evidence", "get", sha, "--out", str(out)])
    assert again.exit_code == 1 and "exists already" in again.output

    listed = runner.invoke(app, ["ledger", "access-log", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [row["object_ref"] for row in json.loads(listed.stdout)] == [f"evidence:{sha}"] * 2
    verified = runner.invoke(app, ["ledger", "access-log", "--verify"])
    assert verified.exit_code == 0, verified.output
    assert "2 access-log entries checked" in verified.stdout

    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE access_log SET permission = 'nothing' WHERE seq = 1")
    broken = runner.invoke(app, ["ledger", "access-log", "--verify"])
    assert broken.exit_code == 1
    assert "access-log entry 1: column action differs" in broken.output


def test_errors_are_one_line_and_gc_reports(tmp_path: Path, runner: CliRunner) -> None:
    app = _app(tmp_path / "cli.db")
    bad_sha = runner.invoke(app, ["evidence", "show", "../../etc/passwd"])
    assert bad_sha.exit_code == 1
    assert "expected a SHA-256 digest, 64 hexadecimal digits" in bad_sha.output
    assert "Traceback" not in bad_sha.output
    missing = runner.invoke(app, ["evidence", "add", str(tmp_path / "nope.jpg")])
    assert missing.exit_code == 1 and "nope.jpg: cannot be read" in missing.output
    source = tmp_path / "a.txt"
    source.write_text("seen at 10:05", encoding="utf-8")
    bad_time = runner.invoke(app, ["evidence", "add", str(source), "--captured-at", "10:05"])
    assert bad_time.exit_code == 1 and "expected a time with a UTC offset" in bad_time.output
    collected = runner.invoke(app, ["evidence", "gc", "--json"])
    assert collected.exit_code == 0, collected.output
    assert json.loads(collected.stdout) == {
        "orphans_removed": [],
        "temporary_removed": 0,
        "kept_young": 0,
    }
