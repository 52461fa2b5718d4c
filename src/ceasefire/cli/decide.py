"""``ceasefire decide merge|split|grade|attribute|discount``."""

from __future__ import annotations

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.verification.decisions import DecisionKind
from ceasefire.workflows.decide import decide

app = typer.Typer(
    help="Analysts' decisions on incidents (applied by the next `verify`).", no_args_is_help=True
)

REASON = typer.Option(..., "--reason", help="why (kept with the decision)", show_default=False)


def _done(ctx: typer.Context, kind: DecisionKind, incident: str, **kwargs: object) -> None:
    cli = context(ctx)
    with errors_reported(ctx):
        number = decide(cli.store(), cli.actor, kind, incident, **kwargs)  # type: ignore[arg-type]
    typer.echo(
        f"decision {number} ({kind.value} on {incident}) recorded; "
        "run `ceasefire verify` to apply it"
    )


@app.command("merge")
def merge(
    ctx: typer.Context,
    incident: str = typer.Argument(..., help="incident ID", show_default=False),
    others: list[str] = typer.Argument(..., help="incidents merged into it", show_default=False),
    reason: str = REASON,
) -> None:
    """Merge incidents: their observations are one event."""
    _done(ctx, DecisionKind.MERGE, incident, others=others, reason=reason)


@app.command("split")
def split(
    ctx: typer.Context,
    incident: str = typer.Argument(..., help="incident ID", show_default=False),
    observations: str = typer.Option(
        ...,
        "--observations",
        show_default=False,
        help="comma-separated observation IDs to split off",
    ),
    reason: str = REASON,
) -> None:
    """Split observations off an incident into an incident of their own."""
    try:
        ids = [int(part) for part in observations.split(",") if part.strip()]
    except ValueError:
        typer.echo("Error: --observations: expected comma-separated numbers", err=True)
        raise typer.Exit(1) from None
    _done(ctx, DecisionKind.SPLIT, incident, observations=ids, reason=reason)


@app.command("grade")
def grade(
    ctx: typer.Context,
    incident: str = typer.Argument(..., help="incident ID", show_default=False),
    level: str = typer.Argument(
        ..., help="confirmed, probable, possible, unverified or discounted", show_default=False
    ),
    reason: str = REASON,
) -> None:
    """Set an incident's confidence."""
    _done(ctx, DecisionKind.GRADE, incident, value=level, reason=reason)


@app.command("attribute")
def attribute(
    ctx: typer.Context,
    incident: str = typer.Argument(..., help="incident ID", show_default=False),
    party: str = typer.Argument(
        ..., help="party code (e.g. RU, UA), contested or not_attributable", show_default=False
    ),
    reason: str = REASON,
) -> None:
    """Set an incident's attribution."""
    _done(ctx, DecisionKind.ATTRIBUTE, incident, value=party, reason=reason)


@app.command("discount")
def discount(
    ctx: typer.Context,
    incident: str = typer.Argument(..., help="incident ID", show_default=False),
    reason: str = REASON,
) -> None:
    """Discount an incident (confidence: discounted)."""
    _done(ctx, DecisionKind.DISCOUNT, incident, reason=reason)
