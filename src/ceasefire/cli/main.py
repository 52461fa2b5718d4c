"""Entry point: ``ceasefire [--database URL] [--debug] COMMAND``."""

from __future__ import annotations

import sys
import traceback

import typer

from ceasefire.cli import accounts as account_commands
from ceasefire.cli import agreements as agreement_commands
from ceasefire.cli import decide as decide_commands
from ceasefire.cli import demo as demo_commands
from ceasefire.cli import evidence as evidence_commands
from ceasefire.cli import findings as finding_commands
from ceasefire.cli import incidents as incident_commands
from ceasefire.cli import ingest as ingest_commands
from ceasefire.cli import ledger as ledger_commands
from ceasefire.cli import observations as observation_commands
from ceasefire.cli import proposals as proposal_commands
from ceasefire.cli import report as report_commands
from ceasefire.cli import stances as stance_commands
from ceasefire.cli import text as text_commands
from ceasefire.cli.adjudicate import app as adjudicate_app
from ceasefire.cli.context import Context, context, errors_reported, stderr
from ceasefire.cli.score import score
from ceasefire.cli.serve import serve
from ceasefire.cli.simulate import simulate
from ceasefire.cli.verify import verify
from ceasefire.core.errors import CeasefireError
from ceasefire.settings import Settings
from ceasefire.workflows.stats import store_stats

app = typer.Typer(
    name="ceasefire",
    help="Make a ceasefire checkable: agreements as data, observations in, a verifiable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(agreement_commands.app, name="agreement")
app.add_typer(observation_commands.app, name="observations")
app.command("ingest")(ingest_commands.ingest)
app.command("ingest-text")(text_commands.ingest_text)
app.command("text-score")(text_commands.text_score)
app.add_typer(proposal_commands.app, name="proposals")
app.command("demo")(demo_commands.demo)
app.command("simulate")(simulate)
app.command("verify")(verify)
app.command("serve")(serve)
app.command("score")(score)
app.command("evaluate")(finding_commands.evaluate)
app.add_typer(finding_commands.app, name="findings")
app.add_typer(adjudicate_app, name="adjudicate")
app.add_typer(report_commands.app, name="report")
app.add_typer(ledger_commands.app, name="ledger")
app.add_typer(ledger_commands.keys_app, name="keys")
app.add_typer(incident_commands.app, name="incidents")
app.add_typer(incident_commands.export_app, name="export")
app.add_typer(decide_commands.app, name="decide")
app.add_typer(evidence_commands.app, name="evidence")
app.add_typer(stance_commands.app, name="stances")
app.add_typer(account_commands.users_app, name="users")
app.add_typer(account_commands.tokens_app, name="tokens")
ledger_commands.app.command("access-log")(evidence_commands.access_log)


@app.callback()
def main(
    ctx: typer.Context,
    database: str | None = typer.Option(
        None,
        "--database",
        help="database URL (default: $CEASEFIRE_DATABASE or "
        "sqlite:///ceasefire.db in the working directory)",
        show_default=False,
    ),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks on errors"),
    act_as: str | None = typer.Option(
        None,
        "--as",
        help="act as this account (needs --token or $CEASEFIRE_TOKEN); default: the local "
        "operator, who holds the database file",
        show_default=False,
    ),
    token: str | None = typer.Option(
        None,
        "--token",
        help="the account's API token (default $CEASEFIRE_TOKEN)",
        show_default=False,
    ),
) -> None:
    """Make a ceasefire checkable."""
    try:
        settings = Settings.from_env(database=database, act_as=act_as, token=token)
    except CeasefireError as exc:
        stderr.print(f"[red]Error:[/red] {exc}")
        raise typer.Exit(1) from None
    ctx.obj = Context(settings=settings, debug=debug)
    ctx.call_on_close(ctx.obj.close)


@app.command("init")
def init(ctx: typer.Context) -> None:
    """Create the database (or bring its schema up to date)."""
    with errors_reported(ctx):
        store = context(ctx).store()
        typer.echo(
            f"Database ready at {context(ctx).settings.database} "
            f"(schema {store.schema_revision()}, {store.dialect})."
        )


@app.command("stats")
def stats(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Counts of agreements, terms, observations, claims and more."""
    import json

    with errors_reported(ctx):
        figures = store_stats(context(ctx).store(), actor=context(ctx).actor)
    if as_json:
        typer.echo(json.dumps(figures, sort_keys=True))
    else:
        for name, value in figures.items():
            typer.echo(f"{name:>22}  {value:,}")


def run() -> None:
    """Console-script entry: never a traceback for an unexpected error unless --debug."""
    try:
        app()
    except Exception:
        if "--debug" in sys.argv:
            traceback.print_exc()
        else:
            exc = sys.exc_info()[1]
            stderr.print(
                f"[red]Error:[/red] internal error: {exc!r} (run with --debug for "
                "details, and please report it)"
            )
        sys.exit(2)
