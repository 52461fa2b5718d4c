"""``ceasefire demo``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.context import context, errors_reported, stderr
from ceasefire.workflows.demo import run_demo


def demo(
    ctx: typer.Context,
    directory: Path = typer.Option(
        Path("ceasefire-demo"), "--dir", help="folder for the demo database and files"
    ),
    events_per_day: int = typer.Option(
        400, "--events-per-day", min=1, max=20_000, help="generated events per day (7 days)"
    ),
) -> None:
    """Build a demo store: the shipped agreements, generated and real observations, claims.

    Generated observations are marked ``generated:`` in their source name. Re-running the demo
    in the same folder adds nothing (imports are idempotent).
    """
    cli = context(ctx)
    with errors_reported(ctx):
        result = run_demo(
            directory,
            cli.actor,
            cli.settings,
            events_per_day=events_per_day,
            say=lambda text: stderr.print(f"· {text}", highlight=False),
        )
    console = Console(width=120)
    console.print(f"\n[bold]Demo database:[/bold] {result.database}")
    agreements = Table("agreement", "terms", "title", title="Agreements")
    for a in result.agreements:
        agreements.add_row(a.agreement_id, str(a.terms), a.title)
    console.print(agreements)
    imports = Table(
        "file", "format", "new", "revised", "duplicates", "quarantined", title="Imports"
    )
    for s in result.imports:
        imports.add_row(
            s.file,
            s.format,
            f"{s.accepted:,}",
            f"{s.revised:,}",
            f"{s.duplicates:,}",
            f"{s.quarantined:,}",
        )
    console.print(imports)
    console.print(
        "In the store: "
        + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in result.stats.items())
    )
    console.print(
        "Quarantined rows are kept with file, row, field and reason "
        "(the generated file carries three deliberately invalid rows)."
    )
    console.print(f"Next: ceasefire --database {result.database} observations list --limit 20")
