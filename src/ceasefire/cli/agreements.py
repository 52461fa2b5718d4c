"""``ceasefire agreement load|list|show|validate``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.agreement import Agreement
from ceasefire.workflows.agreements import (
    get_agreement,
    list_agreements,
    load_agreement,
    load_shipped_agreements,
    validate_agreement,
)

app = typer.Typer(help="Agreements as data: load, list, show, validate.", no_args_is_help=True)


@app.command("load")
def load(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(None, help="agreement YAML files", show_default=False),
    shipped: bool = typer.Option(
        False,
        "--shipped",
        help="load the agreements shipped with ceasefire (the 2025 Russia-Ukraine arrangements)",
    ),
) -> None:
    """Load agreements into the store (a changed file becomes a new revision)."""
    cli = context(ctx)
    with errors_reported(ctx):
        if not files and not shipped:
            from ceasefire.core.errors import ConfigurationError

            raise ConfigurationError("give agreement files to load, or --shipped")
        outcomes = load_shipped_agreements(cli.store(), cli.actor) if shipped else []
        for path in files or []:
            outcomes.append(load_agreement(cli.store(), cli.actor, path))
    for outcome in outcomes:
        typer.echo(
            f"{outcome.agreement_id}: {outcome.status} (revision {outcome.revision}, "
            f"{outcome.terms} terms)"
        )


@app.command("list")
def list_command(ctx: typer.Context) -> None:
    """List stored agreements (current revisions)."""
    with errors_reported(ctx):
        rows = list_agreements(context(ctx).store())
    table = Table("id", "rev", "terms", "title", "sha256")
    for row in rows:
        table.add_row(
            row.agreement_id, str(row.revision), str(row.terms), row.title, row.content_hash[:12]
        )
    Console(width=160).print(table)


@app.command("show")
def show(
    ctx: typer.Context,
    agreement_id: str = typer.Argument(..., help="agreement ID", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="print the stored canonical JSON"),
) -> None:
    """Show one agreement: parties, instruments, terms per party version, stances."""
    with errors_reported(ctx):
        agreement = get_agreement(context(ctx).store(), agreement_id)
    if as_json:
        typer.echo(agreement.canonical().decode("utf-8"))
        return
    _print(agreement)


@app.command("validate")
def validate(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="agreement YAML files", show_default=False),
) -> None:
    """Check agreement files without storing them; every problem names its field path."""
    with errors_reported(ctx):
        for path in files:
            agreement = validate_agreement(path)
            typer.echo(f"{path}: ok ({agreement.id}, {len(agreement.terms)} terms)")


def _window(agreement: Agreement, term_index: int, party: str) -> str:
    from zoneinfo import ZoneInfo

    version = agreement.terms[term_index].versions[party]
    if version.window is None:
        days = f", {version.duration_days} days" if version.duration_days else ""
        return f"no window{days}"
    zone = ZoneInfo(version.window.time_zone)
    start = version.window.start.astimezone(zone).strftime("%d %b %Y %H:%M")
    end = (
        version.window.end.astimezone(zone).strftime("%d %b %Y %H:%M")
        if version.window.end
        else "open"
    )
    return f"{start} → {end} {version.window.time_zone}"


def _print(agreement: Agreement) -> None:
    console = Console(width=160)
    console.print(f"[bold]{agreement.title}[/bold] ({agreement.id})")
    if agreement.summary:
        console.print(agreement.summary)
    console.print("Parties: " + ", ".join(f"{p.name} ({p.code})" for p in agreement.parties))
    terms = Table("term", "kind", "party", "window (declared zone)", "instrument", title="Terms")
    for index, term in enumerate(agreement.terms):
        for party, version in sorted(term.versions.items()):
            terms.add_row(
                term.id + (" (retired)" if term.retired else ""),
                term.kind.value,
                party,
                _window(agreement, index, party),
                version.instrument,
            )
    console.print(terms)
    if agreement.stances:
        stances = Table("date", "party", "stance", "on", "speaker", "source", title="Stances")
        for s in agreement.stances:
            stances.add_row(
                str(s.date),
                s.party,
                s.stance.value,
                s.term or s.condition or "",
                s.speaker or s.authority.value,
                str(s.source_url),
            )
        console.print(stances)
