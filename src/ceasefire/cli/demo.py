"""``ceasefire demo``."""

from __future__ import annotations

import dataclasses
import secrets
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.context import context, errors_reported, stderr
from ceasefire.cli.serve import check_serve, run_server
from ceasefire.cli.stances import print_state
from ceasefire.store.database import Store
from ceasefire.workflows.demo import DemoResult, run_demo
from ceasefire.workflows.demo_service import ACCOUNTS_FILE, demo_accounts, publish_last_day
from ceasefire.workflows.ledger import sequence
from ceasefire.workflows.ledger_bundle import MISSION_KEY
from ceasefire.workflows.text_intake import Proposals


def _texts_table(texts: list[tuple[str, str, Proposals]]) -> Table:
    """What the text intake proposed for each sample text, by record type."""
    kinds = ("observation", "claim", "negotiation_event", "opinion")
    table = Table(
        "text",
        "style",
        "observations",
        "claims",
        "negotiation events",
        "opinion sentences",
        title="Sample texts → proposed records for analyst review (ceasefire ingest-text)",
    )
    for name, style, proposals in texts:
        counts = Counter[str](proposal.type for proposal in proposals.proposals)
        table.add_row(name, style, *(str(counts[kind]) for kind in kinds))
    return table


def demo(
    ctx: typer.Context,
    directory: Path = typer.Option(
        Path("ceasefire-demo"), "--dir", help="folder for the demo database and files"
    ),
    days: int | None = typer.Option(
        None,
        "--days",
        min=1,
        max=60,
        show_default=False,
        help="simulated days (default: the scenario's own)",
    ),
    serve: bool = typer.Option(
        False,
        "--serve",
        help="then serve the dashboard and API on the demo store (needs the [server] extra): "
        "publishes the last day's report and creates demo accounts with random passwords",
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="port for --serve"),
) -> None:
    """Run the flow end to end: agreements, simulate → ingest → verify → evaluate, and score.

    Simulated observations come from `ceasefire simulate --scenario default --seed 2025`; the
    ground truth is written to DIR/truth/. Re-running in the same folder adds nothing.
    """
    cli = context(ctx)
    with errors_reported(ctx):
        result = run_demo(
            directory,
            cli.actor,
            cli.settings,
            days=days,
            say=lambda text: stderr.print(f"· {text}", highlight=False),
        )
    console = Console(width=120)
    console.print(f"\n[bold]Demo database:[/bold] {result.database}")
    agreements = Table("agreement", "terms", "title", title="Agreements")
    for a in result.agreements:
        agreements.add_row(a.agreement_id, str(a.terms), a.title)
    console.print(agreements)
    if result.negotiation is not None:
        print_state(result.negotiation)
    if result.texts:
        console.print(_texts_table(result.texts))
    if result.text_note:
        console.print(result.text_note)
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
    if result.verification is not None and result.verification.run_id is not None:
        v = result.verification
        console.print(
            f"Verification: {v.observations:,} observations → {v.created:,} new "
            f"incidents; by confidence: "
            + ", ".join(f"{k} {n:,}" for k, n in v.by_confidence.items())
        )
    if result.evaluation is not None:
        e = result.evaluation
        console.print(
            f"Findings: {e.created + e.changed + e.unchanged:,} (incident, term, party "
            "version) findings; by verdict: "
            + ", ".join(f"{k} {n:,}" for k, n in sorted(e.by_verdict.items()))
        )
    if result.scores:
        score = result.scores
        console.print(
            f"Score against the truth: B-cubed F1 {score['bcubed_f1']} (naive baseline "
            f"{score['naive_bcubed_f1']}), attribution coverage {score['attribution_coverage']}, "
            f"wrong party {score['wrong_party_rate']}, fabricated above possible "
            f"{score['fabricated_above_possible']}"
        )
    console.print(
        "In the store: "
        + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in result.stats.items())
    )
    console.print("Quarantined rows are kept with file, row, field and reason.")
    if result.reports:
        folder = result.reports[0].parent
        pdfs = sum(1 for p in result.reports if p.suffix == ".pdf")
        console.print(f"Daily reports: {len(result.reports)} files in {folder} ({pdfs} PDF)")
    if result.report_note:
        console.print(f"[yellow]Note:[/yellow] {result.report_note}")
    if result.bundle is not None:
        console.print(
            f"Ledger: signed checkpoint of {result.checkpoint_size:,} entries (key "
            f"{result.bundle.parent / MISSION_KEY}); exported bundle {result.bundle} "
            f"verifies on its own: ceasefire ledger verify --bundle {result.bundle}"
        )
    db = f"--database {result.database}"
    console.print(f"Next: ceasefire {db} incidents list --confidence confirmed --limit 20")
    console.print(f"      ceasefire {db} findings list --verdict violation --limit 20")
    if serve:
        _serve(ctx, directory, result, port)


def _serve(ctx: typer.Context, directory: Path, result: DemoResult, port: int) -> None:
    """Publish the last day, make the demo accounts, then serve the dashboard until Ctrl-C."""
    cli = context(ctx)
    settings = dataclasses.replace(
        cli.settings,
        database=result.database,
        secret_key=cli.settings.secret_key or secrets.token_urlsafe(48),
    )
    with errors_reported(ctx):
        check_serve(settings, 1)
        store = Store.open(result.database)
        try:
            if result.report_days:
                publish_last_day(store, cli.actor, result.report_days[-1], settings)
            accounts = demo_accounts(store, cli.actor, directory)
            sequence(store)
        finally:
            store.close()
    table = Table("user", "role", "party", "password", title=f"Demo accounts ({ACCOUNTS_FILE})")
    for account in accounts:
        table.add_row(account.username, account.role, account.party or "", account.password)
    Console(width=120).print(table)
    stderr.print(f"Dashboard: http://127.0.0.1:{port}/  (public view needs no login; Ctrl-C stops)")
    run_server(settings, "127.0.0.1", port)
