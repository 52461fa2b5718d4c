"""``ceasefire evaluate`` and ``ceasefire findings list|show``."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.context import context, errors_reported
from ceasefire.workflows.as_of import as_of_notice, findings_as_of, parse_as_of
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.findings import FindingFilter, list_findings, show_finding

app = typer.Typer(
    help="Findings: incidents held against terms, per party version.", no_args_is_help=True
)


def evaluate(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Evaluate active incidents against every stored agreement, under each party's version.

    Each relevant (incident, term, party version) becomes a finding: violation, no violation
    or indeterminate, with a plain-language rule trace.
    """
    cli = context(ctx)
    with errors_reported(ctx):
        outcome = evaluate_store(cli.store(), cli.actor)
    if as_json:
        typer.echo(json.dumps(outcome.as_json(), sort_keys=True))
        return
    if outcome.run_id is None:
        typer.echo(f"No finding changed ({outcome.incidents:,} incidents evaluated).")
        return
    typer.echo(
        f"Evaluation {outcome.run_id}: {outcome.incidents:,} incidents → "
        f"{outcome.created:,} new, {outcome.changed:,} changed, "
        f"{outcome.unchanged:,} unchanged, {outcome.retired:,} retired findings"
    )
    typer.echo(
        "By verdict: " + ", ".join(f"{k} {v:,}" for k, v in sorted(outcome.by_verdict.items()))
    )


@app.command("list")
def list_command(
    ctx: typer.Context,
    agreement: str | None = typer.Option(
        None, "--agreement", show_default=False, help="agreement ID"
    ),
    term: str | None = typer.Option(None, "--term", help="term ID", show_default=False),
    verdict: str | None = typer.Option(
        None, "--verdict", show_default=False, help="violation, no_violation or indeterminate"
    ),
    party: str | None = typer.Option(
        None, "--party", show_default=False, help="party held responsible"
    ),
    kind: str | None = typer.Option(
        None,
        "--kind",
        show_default=False,
        help="incident, storage_shortfall, inspection_refused, weapons_rise, restriction or "
        "interference",
    ),
    limit: int | None = typer.Option(
        None, "--limit", min=1, show_default=False, help="at most this many"
    ),
    as_json: bool = typer.Option(False, "--json", help="JSON lines"),
    as_of: str | None = typer.Option(
        None, "--as-of", help="as the system saw it at this time (ISO 8601)", show_default=False
    ),
) -> None:
    """List findings, by event time."""
    with errors_reported(ctx):
        where = FindingFilter(
            agreement=agreement, term=term, verdict=verdict, party=party, kind=kind, limit=limit
        )
        if as_of:
            moment = parse_as_of(as_of)
            rows = findings_as_of(context(ctx).store(), moment, where, actor=context(ctx).actor)
            typer.echo(as_of_notice(moment), err=True)
        else:
            rows = list(list_findings(context(ctx).store(), where, actor=context(ctx).actor))
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, default=str, sort_keys=True))
        return
    table = Table("finding", "agreement / term", "version", "incident", "verdict", "party")
    for r in rows:
        about = f"{r['agreement_id']} {r['term_id']}" if r["agreement_id"] else str(r["kind"])
        table.add_row(
            str(r["finding_id"]),
            about,
            str(r["version_party"] or "-"),
            str(r["incident_id"] or r["subject"] or "-"),
            str(r["verdict"]),
            str(r["responsible_party"] or "-"),
        )
    console = Console(width=140)
    console.print(table)
    console.print(f"{len(rows):,} finding(s)")


@app.command("show")
def show(
    ctx: typer.Context,
    finding_id: str = typer.Argument(..., help="finding ID, e.g. FND-000042", show_default=False),
) -> None:
    """One finding with its rule trace."""
    with errors_reported(ctx):
        r = show_finding(context(ctx).store(), finding_id, actor=context(ctx).actor)
    status = "" if r["active"] else " [retired]"
    if r["kind"] == "incident":
        about = (
            f"{r['agreement_id']} term {r['term_id']} under {r['version_party']}'s version, "
            f"incident {r['incident_id']}"
        )
    else:
        scope = f"{r['agreement_id']} term {r['term_id']}, " if r["agreement_id"] else ""
        about = f"{r['kind']}: {scope}{r['subject']}"
    typer.echo(
        f"{r['finding_id']}{status} ({r['status']}, version {r['version']}): "
        f"{about}: {r['verdict']}"
    )
    typer.echo(f"Trace: {r['trace']}")
