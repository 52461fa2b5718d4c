"""``ceasefire verify``."""

from __future__ import annotations

import json

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.workflows.verify import verify as run_verify


def verify(
    ctx: typer.Context,
    full: bool = typer.Option(
        False, "--full", help="re-verify every observation, not only the window of new ones"
    ),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Cluster new observations into incidents; grade confidence and attribute them.

    Incremental: only the time window of observations not yet in an incident (and the
    incidents reaching into it) is processed. Analysts' decisions are replayed every run.
    """
    cli = context(ctx)
    with errors_reported(ctx):
        outcome = run_verify(cli.store(), cli.actor, full=full)
    if as_json:
        typer.echo(json.dumps(outcome.as_json(), sort_keys=True))
        return
    if outcome.run_id is None:
        typer.echo("Nothing to verify: every observation is in an incident.")
        return
    typer.echo(
        f"Run {outcome.run_id}: {outcome.observations:,} observations → "
        f"{outcome.created:,} new, {outcome.changed:,} changed, "
        f"{outcome.unchanged:,} unchanged, {outcome.retired:,} retired incidents"
    )
    typer.echo(
        "By confidence: " + ", ".join(f"{k} {v:,}" for k, v in outcome.by_confidence.items())
    )
