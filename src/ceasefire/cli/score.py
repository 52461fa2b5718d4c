"""``ceasefire score --truth DIR``."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.workflows.score import score_store


def score(
    ctx: typer.Context,
    truth: Path = typer.Option(
        ...,
        "--truth",
        help="a simulator's output folder (or its truth/ folder)",
        show_default=False,
    ),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Score the stored incidents against a simulator's ground truth.

    B-cubed precision/recall/F1 of the clustering (and of the naive baseline: one incident
    per place-or-grid-cell and day), attribution coverage, wrong-party rate, and the share of
    fabricated complaints graded above "possible". With the simulator's truth/violations.csv
    and stored findings (``ceasefire evaluate``): violation precision and recall over (true
    event, term, party version), the indeterminate rate, and the same for the evaluator run
    on the true events ("on truth", the upper bound). See docs/simulator.md.
    """
    with errors_reported(ctx):
        figures = score_store(context(ctx).store(), truth, actor=context(ctx).actor)
    if as_json:
        typer.echo(json.dumps(figures, sort_keys=True))
        return
    for name, value in figures.items():
        typer.echo(f"{name:>28}  {'n/a' if value is None else value}")
