"""``ceasefire stances add|list|timeline|import``: parties' stances over time."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.errors import ConfigurationError
from ceasefire.core.negotiations import NegotiationError, NegotiationState, stance_from_cells
from ceasefire.workflows.stances import add_stance, import_stances, list_stances, timeline

app = typer.Typer(
    help="Stances of each party on terms and conditions over time.", no_args_is_help=True
)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigurationError(f"--as-of: expected a date YYYY-MM-DD, got {text!r}") from None


@app.command("add")
def add(
    ctx: typer.Context,
    agreement: str = typer.Option(..., "--agreement", help="agreement id", show_default=False),
    party: str = typer.Option(..., "--party", help="party code (RU, UA, US)", show_default=False),
    stance: str = typer.Option(
        ...,
        "--stance",
        help="proposes, accepts, accepts_with_conditions, rejects or demands",
        show_default=False,
    ),
    day: str = typer.Option(..., "--date", help="date of the statement, YYYY-MM-DD"),
    source_url: str = typer.Option(..., "--source-url", help="URL of the source (required)"),
    term: str = typer.Option("", "--term", help="term id the stance is on"),
    condition: str = typer.Option("", "--condition", help="condition id the stance is on"),
    at: str = typer.Option("", "--time", help="wall time HH:MM (needs --time-zone)"),
    time_zone: str = typer.Option("", "--time-zone", help="IANA zone, e.g. Europe/Moscow"),
    speaker: str = typer.Option("", "--speaker", help="who spoke, if named"),
    authority: str = typer.Option(
        "", "--authority", help="head_of_state, ministry, spokesperson, delegation, ..."
    ),
    quote: str = typer.Option("", "--quote", help="the speaker's exact words (verbatim only)"),
    summary: str = typer.Option("", "--summary", help="a paraphrase of what was said"),
    conditions: str = typer.Option("", "--conditions", help="condition ids, separated by ';'"),
    source_title: str = typer.Option("", "--source-title", help="title of the source"),
    record_id: str = typer.Option("", "--id", help="record id (derived from content if empty)"),
    note: str = typer.Option("", "--note", help="free text"),
) -> None:
    """Record a party's stance on a term or a condition at a date."""
    cells = {
        "agreement": agreement, "id": record_id, "party": party, "term": term,
        "condition": condition, "stance": stance, "date": day, "time": at,
        "time_zone": time_zone, "speaker": speaker, "authority": authority, "quote": quote,
        "summary": summary, "conditions": conditions, "source_url": source_url,
        "source_title": source_title, "note": note,
    }  # fmt: skip
    cli = context(ctx)
    with errors_reported(ctx):
        record, problems = stance_from_cells(0, list(cells), list(cells.values()))
        if record is None:
            raise NegotiationError(
                "stance", [f"--{p.field.replace('_', '-')}: {p.reason}" for p in problems]
            )
        outcome = add_stance(cli.store(), cli.actor, record)
    typer.echo(f"{outcome.record_id}: {outcome.status}")


@app.command("list")
def list_command(
    ctx: typer.Context,
    agreement: str | None = typer.Option(None, "--agreement", help="only this agreement"),
    party: str | None = typer.Option(None, "--party", help="only this party"),
    as_json: bool = typer.Option(False, "--json", help="one JSON object per line"),
) -> None:
    """List stance records (latest revision of each), in the order they were recorded."""
    cli = context(ctx)
    with errors_reported(ctx):
        records = list_stances(cli.store(), cli.actor, agreement_id=agreement, party=party)
    if as_json:
        for record in records:
            typer.echo(json.dumps(record.content(), sort_keys=True, ensure_ascii=False))
        return
    table = Table("date", "agreement", "party", "stance", "on", "speaker", "id")
    for record in records:
        table.add_row(
            record.date.isoformat(), record.agreement, record.party, record.stance.value,
            record.subject, record.speaker or record.authority.value, record.id,
        )  # fmt: skip
    Console(width=160).print(table)


def print_state(state: NegotiationState) -> None:
    """Print a negotiation state: each party's dated timeline, then the stance matrix."""
    console = Console(width=160, highlight=False)
    shown = f"as of {state.as_of.isoformat()}" if state.as_of else "everything recorded"
    console.print(f"Negotiation of {state.agreement_id} ({shown})", markup=False)
    for party in state.matrix.parties:
        console.print(f"\n{party}", markup=False)
        entries = state.entries_of(party)
        if not entries:
            console.print("  (no dated record)", markup=False)
        for entry in entries:
            console.print(
                f"  {entry.date.isoformat()}  {entry.record:<9}  {entry.what}", markup=False
            )
            if entry.source_url:
                console.print(f"  {'':10}  {'':9}  source: {entry.source_url}", markup=False)
    table = Table("party", *state.matrix.subjects, title="Stance matrix", show_lines=True)
    for party in state.matrix.parties:
        cells = []
        for subject in state.matrix.subjects:
            current = state.matrix.cell(party, subject).current
            cells.append(
                "-" if current is None else f"{current.stance.value}\n{current.date.isoformat()}"
            )
        table.add_row(party, *cells)
    console.print()
    console.print(table)
    console.print("'-': no recorded stance (not a rejection)", markup=False)


@app.command("timeline")
def timeline_command(
    ctx: typer.Context,
    agreement: str = typer.Option(..., "--agreement", help="agreement id", show_default=False),
    as_of: str | None = typer.Option(None, "--as-of", help="date YYYY-MM-DD (default: all)"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Each party's timeline and the parties x terms/conditions matrix as of a date."""
    cli = context(ctx)
    with errors_reported(ctx):
        state = timeline(cli.store(), cli.actor, agreement, _day(as_of))
    if as_json:
        typer.echo(json.dumps(state.as_json(), sort_keys=True, ensure_ascii=False))
        return
    print_state(state)


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="stance CSV (docs/negotiations.md)", show_default=False),
) -> None:
    """Import stances from a CSV file: all rows or none; bad rows named by row and field."""
    cli = context(ctx)
    with errors_reported(ctx):
        outcome = import_stances(cli.store(), cli.actor, file)
    typer.echo(
        f"{file.name}: {outcome.rows} rows, {outcome.new} new, {outcome.revised} revised, "
        f"{outcome.unchanged} unchanged"
    )
