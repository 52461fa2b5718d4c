"""ingest-text end to end: proposals in the documented schema; the dev corpus score."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ceasefire.cli import text as text_commands
from ceasefire.cli.context import Context
from ceasefire.settings import Settings
from ceasefire.workflows.text_intake import ingest_text
from ceasefire.workflows.text_score import match, score_corpus

ROOT = Path(__file__).parents[2]
DEV = ROOT / "tests" / "text" / "corpus" / "dev"
SAMPLE = DEV / "038-kharkiv-overnight-drones.txt"
SCHEMA = json.loads((ROOT / "docs" / "text-proposals.schema.json").read_text("utf-8"))


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = Context(settings=Settings())

    app.command("ingest-text")(text_commands.ingest_text)
    app.command("text-score")(text_commands.text_score)
    return app


def test_proposals_follow_the_schema_and_spans_point_into_the_text() -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    result = ingest_text(str(SAMPLE), date(2025, 4, 16)).as_json()
    assert list(jsonschema_rs.validator_for(SCHEMA).iter_errors(result)) == []
    text = SAMPLE.read_text("utf-8")
    assert result["proposals"], "the Kharkiv wire story proposes records"
    for proposal in result["proposals"]:
        start, end = proposal["span"]
        assert text[start:end] == proposal["text"]


def test_cli_json_and_errors() -> None:
    runner = CliRunner()
    out = runner.invoke(_app(), ["ingest-text", str(SAMPLE), "--published", "2025-04-16", "--json"])
    assert out.exit_code == 0
    assert json.loads(out.stdout)["published"] == "2025-04-16"
    bad = runner.invoke(_app(), ["ingest-text", str(SAMPLE), "--published", "16/04/2025"])
    assert bad.exit_code == 1 and "--published" in bad.output
    empty = runner.invoke(_app(), ["ingest-text", "-"], input="")
    assert empty.exit_code == 1 and "<stdin>: no text to read" in empty.output
    french = "Les forces russes ont bombardé la ville pendant la nuit, a déclaré le gouverneur."
    foreign = runner.invoke(_app(), ["ingest-text", "-", "--json"], input=french)
    assert json.loads(foreign.stdout) == {
        "schema": "ceasefire.text-proposals/1", "language": "fr", "published": None,
        "proposals": [],
    }  # fmt: skip


def test_matching_is_one_to_one_by_type_and_overlap() -> None:
    gold = [{"type": "opinion", "span": [0, 10]}, {"type": "opinion", "span": [20, 30]}]
    predicted = [
        {"type": "opinion", "span": [0, 10]},
        {"type": "opinion", "span": [5, 8]},
        {"type": "claim", "span": [20, 30]},
    ]
    assert match(predicted, gold) == [(predicted[0], gold[0])]


@pytest.mark.slow
def test_dev_corpus_places_resolve_and_scores_are_reported() -> None:
    figures = score_corpus(DEV).as_json()
    assert figures["texts"] == len(list(DEV.glob("*.gold.json")))
    assert figures["place_resolution"]["geonames"]["share"] >= 0.9
    assert figures["place_resolution"]["unresolved_kept_null"]["share"] >= 0.9
    assert figures["observations_and_claims"]["f1"] is not None
